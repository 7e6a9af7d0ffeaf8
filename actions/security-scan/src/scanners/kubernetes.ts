import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { findingsFromHits, type Finding, type RuleTable } from '../findings.js';
import { lineOf, type Path } from './yaml-lines.js';

export const KUBERNETES_RULES = {
  'k8s/privileged-container': {
    severity: 'critical',
    title: 'Privileged container',
    fix: 'Remove `securityContext.privileged: true`; grant only the capabilities the container needs.',
  },
  'k8s/runs-as-root': {
    severity: 'high',
    title: 'Container runs as root (runAsUser: 0)',
    fix: 'Set `runAsUser` to a non-zero UID and `runAsNonRoot: true`.',
  },
  'k8s/missing-run-as-non-root': {
    severity: 'medium',
    title: 'runAsNonRoot is not set',
    fix: 'Set `securityContext.runAsNonRoot: true` on the pod or the container.',
  },
  'k8s/allow-privilege-escalation': {
    severity: 'medium',
    title: 'Privilege escalation allowed',
    fix: 'Set `securityContext.allowPrivilegeEscalation: false` on the container.',
  },
  'k8s/added-capabilities': {
    severity: 'high',
    title: 'Linux capabilities added',
    fix: 'Remove `securityContext.capabilities.add`, or add only the one capability the process needs.',
  },
  'k8s/capabilities-not-dropped': {
    severity: 'low',
    title: 'Capabilities not dropped',
    fix: 'Set `securityContext.capabilities.drop: [ALL]` on the container.',
  },
  'k8s/host-path': {
    severity: 'high',
    title: 'hostPath volume',
    fix: 'Use a persistentVolumeClaim, emptyDir, configMap or secret volume instead of `hostPath`.',
  },
  'k8s/host-network': {
    severity: 'high',
    title: 'Pod shares the host network',
    fix: 'Remove `hostNetwork: true`; expose the pod through a Service.',
  },
  'k8s/host-pid': {
    severity: 'high',
    title: 'Pod shares the host PID namespace',
    fix: 'Remove `hostPID: true`.',
  },
  'k8s/host-ipc': {
    severity: 'high',
    title: 'Pod shares the host IPC namespace',
    fix: 'Remove `hostIPC: true`.',
  },
  'k8s/writable-root-filesystem': {
    severity: 'medium',
    title: 'Writable root filesystem',
    fix: 'Set `securityContext.readOnlyRootFilesystem: true`; mount an emptyDir where the process must write.',
  },
  'k8s/missing-resources': {
    severity: 'low',
    title: 'Missing resource requests or memory limit',
    fix: 'Set `resources.requests.cpu`, `resources.requests.memory` and `resources.limits.memory`.',
  },
  'k8s/missing-probes': {
    severity: 'low',
    title: 'Missing readiness or liveness probe',
    fix: 'Add a `readinessProbe` and a `livenessProbe` to the container.',
  },
  'k8s/latest-image': {
    severity: 'medium',
    title: 'Image with :latest or no tag',
    fix: 'Pin the image to a version tag, better a digest (`image@sha256:...`).',
  },
  'k8s/secret-in-env': {
    severity: 'high',
    title: 'Secret in a plain env value',
    fix: 'Move the value to a Secret and use `valueFrom.secretKeyRef`.',
  },
  'k8s/default-namespace': {
    severity: 'low',
    title: 'Resource in the default namespace',
    fix: 'Set `metadata.namespace` to the namespace of the application.',
  },
  'k8s/unreadable-manifest': {
    severity: 'high',
    title: 'Manifest file that could not be read',
    fix: 'Write the manifest without YAML aliases that expand it (anchors used more than a few times) or deep nesting.',
  },
} as const satisfies RuleTable<string>;

type KubernetesRuleId = keyof typeof KUBERNETES_RULES;

const POD_SPEC_PATHS: Record<string, Path> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};
/** Workloads that run to completion need no probes. */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);
const SECRET_ENV_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

interface Hit {
  ruleId: KubernetesRuleId;
  path: Path;
  message: string;
  content: string;
}

/** What one YAML or JSON file holds: its Kubernetes objects' findings, and how many objects there were. */
export interface KubernetesFileScan {
  objects: number;
  findings: Finding[];
}

interface LocatedObject {
  manifest: Json;
  document: Document;
  /** Where the object sits in its document: `[]`, or `['items', 2]` inside a List. */
  path: Path;
}

/**
 * The Kubernetes objects of a file, decided by content (a mapping with a string apiVersion and
 * kind), as kubectl reads it: every document of a YAML stream, a JSON file, and the items of a
 * `List` (or `DeploymentList`...) in place of the List. Duplicate keys are kept, the last one
 * winning, as kubectl's decoder does, so a repeated key cannot hide a field from the rules.
 */
function readObjects(text: string, lineCounter: LineCounter): { objects: LocatedObject[]; unreadable: Array<{ line: number; reason: string }> } {
  const objects: LocatedObject[] = [];
  const unreadable: Array<{ line: number; reason: string }> = [];
  const collect = (value: unknown, document: Document, path: Path) => {
    const manifest = object(value);
    if (typeof manifest.kind !== 'string' || typeof manifest.apiVersion !== 'string') return;
    if (manifest.kind.endsWith('List') && Array.isArray(manifest.items)) {
      manifest.items.forEach((item, index) => collect(item, document, [...path, 'items', index]));
    } else {
      objects.push({ manifest, document, path });
    }
  };
  for (const document of parseAllDocuments(text, { lineCounter, uniqueKeys: false })) {
    if (!('errors' in document) || document.errors.length > 0) continue;
    let value: unknown;
    try {
      value = document.toJS();
    } catch (error: unknown) {
      // The yaml package refuses alias expansion past its limit (a "billion laughs" document) with a
      // ReferenceError; nesting deeper than the stack ends in a RangeError. Either is this document's problem.
      if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error;
      unreadable.push({ line: lineOf(document, lineCounter, []), reason: error.message });
      continue;
    }
    collect(value, document, []);
  }
  return { objects, unreadable };
}

/** Without apiVersion and kind anywhere in a JSON file (package-lock.json...), the YAML parser need not run. */
function jsonHoldsObjects(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  const manifest = object(value);
  return typeof manifest.kind === 'string' && typeof manifest.apiVersion === 'string';
}

/** Every Kubernetes object of a manifest file (YAML, multi-document YAML or JSON), checked against the rules above. */
export function scanKubernetesFile(file: string, text: string): KubernetesFileScan {
  if (/\.json$/i.test(file) && !jsonHoldsObjects(text)) return { objects: 0, findings: [] };
  const lineCounter = new LineCounter();
  const { objects, unreadable } = readObjects(text, lineCounter);
  const found = [
    ...unreadable.map(({ line, reason }) => ({
      ruleId: 'k8s/unreadable-manifest' as const,
      file,
      line,
      content: String(line),
      message: `The document at line ${line} could not be read (${reason}), so what it would deploy is unknown.`,
    })),
    ...objects.flatMap(({ manifest, document, path }) =>
      checkObject(manifest).map((hit) => ({ ...hit, file, line: lineOf(document, lineCounter, [...path, ...hit.path]) })),
    ),
  ];
  return { objects: objects.length + unreadable.length, findings: findingsFromHits('kubernetes', KUBERNETES_RULES, found) };
}

function checkObject(manifest: Json): Hit[] {
  const kind = String(manifest.kind);
  const metadata = object(manifest.metadata);
  const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
  const subject = `${kind} ${name}`;
  const hits: Hit[] = [];
  if (metadata.namespace === 'default') {
    hits.push({ ruleId: 'k8s/default-namespace', path: ['metadata', 'namespace'], message: `${subject} is in the default namespace.`, content: subject });
  }
  const podPath = POD_SPEC_PATHS[kind];
  if (!podPath) return hits;
  let pod: unknown = manifest;
  for (const segment of podPath) pod = object(pod)[segment as string];
  const podSpec = object(pod);
  const podSecurity = object(podSpec.securityContext);

  for (const [field, ruleId] of [
    ['hostNetwork', 'k8s/host-network'],
    ['hostPID', 'k8s/host-pid'],
    ['hostIPC', 'k8s/host-ipc'],
  ] as const) {
    if (podSpec[field] === true) hits.push({ ruleId, path: [...podPath, field], message: `${subject} sets ${field}: true.`, content: subject });
  }
  array(podSpec.volumes).forEach((volume, index) => {
    const { name: volumeName, hostPath } = object(volume);
    if (hostPath === undefined) return;
    const path = String(object(hostPath).path ?? '');
    hits.push({
      ruleId: 'k8s/host-path',
      path: [...podPath, 'volumes', index, 'hostPath'],
      message: `${subject} mounts the host path ${path} (volume ${String(volumeName)}).`,
      content: `${subject}/${String(volumeName)}/${path}`,
    });
  });

  for (const group of ['containers', 'initContainers'] as const) {
    array(podSpec[group]).forEach((entry, index) => {
      const containerPath = [...podPath, group, index];
      const container = object(entry);
      const where = `${subject}, container ${String(container.name)}`;
      hits.push(...checkContainer(container, containerPath, podSecurity, podPath, where));
      if (group === 'containers') hits.push(...checkLongRunningContainer(container, containerPath, where, RUN_TO_COMPLETION.has(kind)));
    });
  }
  return hits;
}

function checkContainer(container: Json, path: Path, podSecurity: Json, podPath: Path, where: string): Hit[] {
  const hits: Hit[] = [];
  const security = object(container.securityContext);
  const securityPath = [...path, 'securityContext'];
  const capabilities = object(security.capabilities);
  const add = array(capabilities.add);
  const drop = array(capabilities.drop).map(String);

  if (security.privileged === true) {
    hits.push({ ruleId: 'k8s/privileged-container', path: [...securityPath, 'privileged'], message: `${where} is privileged.`, content: where });
  }
  const runAsUserPath = security.runAsUser !== undefined ? [...securityPath, 'runAsUser'] : [...podPath, 'securityContext', 'runAsUser'];
  if ((security.runAsUser ?? podSecurity.runAsUser) === 0) {
    hits.push({ ruleId: 'k8s/runs-as-root', path: runAsUserPath, message: `${where} runs as root (runAsUser: 0).`, content: where });
  }
  if ((security.runAsNonRoot ?? podSecurity.runAsNonRoot) !== true) {
    hits.push({ ruleId: 'k8s/missing-run-as-non-root', path, message: `${where} does not set runAsNonRoot: true.`, content: where });
  }
  if (security.allowPrivilegeEscalation !== false) {
    const keyPath = security.allowPrivilegeEscalation === undefined ? path : [...securityPath, 'allowPrivilegeEscalation'];
    hits.push({ ruleId: 'k8s/allow-privilege-escalation', path: keyPath, message: `${where} does not set allowPrivilegeEscalation: false.`, content: where });
  }
  if (add.length > 0) {
    hits.push({
      ruleId: 'k8s/added-capabilities',
      path: [...securityPath, 'capabilities', 'add'],
      message: `${where} adds the capabilities ${add.map(String).join(', ')}.`,
      content: `${where}/${add.map(String).join(',')}`,
    });
  }
  if (!drop.includes('ALL')) {
    hits.push({ ruleId: 'k8s/capabilities-not-dropped', path, message: `${where} does not drop ALL capabilities.`, content: where });
  }
  if (security.readOnlyRootFilesystem !== true) {
    hits.push({ ruleId: 'k8s/writable-root-filesystem', path, message: `${where} has a writable root filesystem.`, content: where });
  }
  const image = typeof container.image === 'string' ? container.image : '';
  if (image !== '' && !isPinnedImage(image)) {
    hits.push({
      ruleId: 'k8s/latest-image',
      path: [...path, 'image'],
      message: `${where} uses the image ${image} (latest or untagged).`,
      content: `${where}/${image}`,
    });
  }
  array(container.env).forEach((variable, index) => {
    const { name, value } = object(variable);
    if (typeof name !== 'string' || !SECRET_ENV_NAME.test(name) || value === undefined || value === null || String(value) === '') return;
    hits.push({
      ruleId: 'k8s/secret-in-env',
      path: [...path, 'env', index, 'value'],
      message: `${where} sets ${name} as a plain env value (value not shown).`,
      content: `${where}/${name}`,
    });
  });
  return hits;
}

function checkLongRunningContainer(container: Json, path: Path, where: string, runsToCompletion: boolean): Hit[] {
  const hits: Hit[] = [];
  const resources = object(container.resources);
  const requests = object(resources.requests);
  const limits = object(resources.limits);
  const missing = [
    requests.cpu === undefined ? 'requests.cpu' : '',
    requests.memory === undefined ? 'requests.memory' : '',
    limits.memory === undefined ? 'limits.memory' : '',
  ].filter(Boolean);
  if (missing.length > 0) {
    hits.push({ ruleId: 'k8s/missing-resources', path, message: `${where} has no ${missing.join(', ')}.`, content: where });
  }
  if (!runsToCompletion) {
    const probes = ['readinessProbe', 'livenessProbe'].filter((probe) => container[probe] === undefined);
    if (probes.length > 0) hits.push({ ruleId: 'k8s/missing-probes', path, message: `${where} has no ${probes.join(' or ')}.`, content: where });
  }
  return hits;
}

/** A digest pins; otherwise a tag other than `latest` on the last path segment. */
export function isPinnedImage(image: string): boolean {
  if (image.includes('@sha256:')) return true;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return colon !== -1 && lastSegment.slice(colon + 1) !== 'latest';
}
