import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { admitJob } from './controllers/job.js';
import { ApiError, badRequest, invalid } from './errors.js';
import { admitGatewayApi } from './gateway/spec.js';
import type { PodSpec } from './pod-spec.js';
import { TYPES, type ResourceType } from './resources.js';
import { selectorMatches } from './selectors.js';
import type { KubeObject } from './store.js';

export interface AdmissionContext {
  allocateClusterIP(): string;
  /** Admission plugins for a new pod (LimitRanger, PodSecurity, ResourceQuota): throws a refusal, returns warnings. */
  admitPod?(pod: KubeObject): string[];
  /** Admission plugins for a pod update (PodSecurity on a significant one). */
  admitPodUpdate?(pod: KubeObject, previous: KubeObject): string[];
}

/**
 * Defaulting and the validations controllers rely on, applied to every write so that
 * templates compare equal however they were written (apply, patch, rollout undo).
 */
export function admit(type: ResourceType, object: KubeObject, previous: KubeObject | undefined, context: AdmissionContext): string[] {
  if (!object.metadata || typeof object.metadata !== 'object') throw badRequest('metadata is required');
  // The server names a new object's uid before defaulting, which may refer to it (a Job's selector does).
  if (!previous) object.metadata.uid = randomUUID();
  if (object.metadata.labels === null) delete object.metadata.labels;
  if (object.metadata.annotations === null) delete object.metadata.annotations;
  switch (type.kind) {
    case 'Namespace':
      object.metadata.labels = { ...(object.metadata.labels ?? {}), 'kubernetes.io/metadata.name': object.metadata.name };
      object.spec = { finalizers: ['kubernetes'], ...(object.spec ?? {}) };
      object.status = object.status?.phase ? object.status : { phase: 'Active' };
      break;
    case 'Deployment':
      defaultDeployment(object);
      validateWorkload(object, previous);
      break;
    case 'StatefulSet':
      defaultStatefulSet(object);
      validateWorkload(object, previous);
      break;
    case 'ReplicaSet':
      object.spec = { replicas: 1, ...(object.spec ?? {}) };
      if (object.spec.template?.spec) defaultPodSpec(object.spec.template.spec);
      validateWorkload(object, previous);
      break;
    case 'Pod':
      object.spec ??= {};
      defaultPodSpec(object.spec);
      if (previous) object.spec.nodeName ??= previous.spec?.nodeName;
      else return context.admitPod?.(object) ?? [];
      break;
    case 'Service':
      defaultService(object, previous, context);
      break;
    case 'Secret':
      defaultSecret(object);
      break;
    case 'GatewayClass':
    case 'Gateway':
    case 'HTTPRoute':
      admitGatewayApi(object, previous);
      break;
    case 'Job':
      admitJob(object, previous, defaultPodSpec);
      break;
  }
  if (type === TYPES.pods && previous && !isDeepStrictEqual(stripMutablePodFields(object.spec), stripMutablePodFields(previous.spec))) {
    throw invalid(
      'Pod',
      object.metadata.name,
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.activeDeadlineSeconds` or `spec.tolerations`',
    );
  }
  // Validating admission runs after the update has been validated.
  if (type === TYPES.pods && previous) return context.admitPodUpdate?.(object, previous) ?? [];
  return [];
}

function stripMutablePodFields(spec: Record<string, unknown> | undefined): unknown {
  const copy = structuredClone(spec ?? {}) as { containers?: { image?: string }[] };
  for (const container of copy.containers ?? []) delete container.image;
  return copy;
}

function defaultDeployment(object: KubeObject): void {
  const spec = (object.spec ??= {});
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.strategy ??= { type: 'RollingUpdate' };
  spec.strategy.type ??= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate = { maxSurge: '25%', maxUnavailable: '25%', ...(spec.strategy.rollingUpdate ?? {}) };
  }
  if (spec.template?.spec) defaultPodSpec(spec.template.spec);
}

/** As apps/v1 defaults a StatefulSet: OrderedReady, RollingUpdate with partition 0, PVC retention Retain. */
function defaultStatefulSet(object: KubeObject): void {
  const spec = (object.spec ??= {});
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.podManagementPolicy ??= 'OrderedReady';
  spec.updateStrategy ??= { type: 'RollingUpdate' };
  spec.updateStrategy.type ??= 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') spec.updateStrategy.rollingUpdate = { partition: 0, ...(spec.updateStrategy.rollingUpdate ?? {}) };
  spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Retain', whenScaled: 'Retain', ...(spec.persistentVolumeClaimRetentionPolicy ?? {}) };
  if (spec.template?.spec) defaultPodSpec(spec.template.spec);
}

function validateWorkload(object: KubeObject, previous: KubeObject | undefined): void {
  const spec = object.spec ?? {};
  const labels = spec.template?.metadata?.labels;
  if (!spec.selector) throw invalid(object.kind, object.metadata.name, 'spec.selector: Required value');
  if (!selectorMatches(spec.selector, labels)) {
    throw invalid(
      object.kind,
      object.metadata.name,
      `spec.template.metadata.labels: Invalid value: ${JSON.stringify(labels ?? {})}: \`selector\` does not match template \`labels\``,
    );
  }
  if (!Array.isArray(spec.template?.spec?.containers) || spec.template.spec.containers.length === 0) {
    throw invalid(object.kind, object.metadata.name, 'spec.template.spec.containers: Required value');
  }
  if (previous && !isDeepStrictEqual(previous.spec?.selector, spec.selector)) {
    throw invalid(object.kind, object.metadata.name, `spec.selector: Invalid value: ${JSON.stringify(spec.selector)}: field is immutable`);
  }
}

function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    container.terminationMessagePath ??= '/dev/termination-log';
    container.terminationMessagePolicy ??= 'File';
    container.resources ??= {};
    const image = String(container.image ?? '');
    const tag = /:([^/:@]+)$/.exec(image)?.[1];
    container.imagePullPolicy ??= !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
    for (const port of container.ports ?? []) port.protocol ??= 'TCP';
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      if (!probe) continue;
      probe.timeoutSeconds ??= 1;
      probe.periodSeconds ??= 10;
      probe.successThreshold ??= 1;
      probe.failureThreshold ??= 3;
      if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP';
    }
    for (const variable of container.env ?? []) {
      if (variable.valueFrom?.fieldRef) variable.valueFrom.fieldRef.apiVersion ??= 'v1';
    }
  }
}

function defaultService(object: KubeObject, previous: KubeObject | undefined, context: AdmissionContext): void {
  const spec = (object.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  spec.internalTrafficPolicy ??= 'Cluster';
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  for (const port of spec.ports ?? []) {
    port.protocol ??= 'TCP';
    port.targetPort ??= port.port;
  }
  if (spec.type === 'ExternalName') return;
  const previousIP = previous?.spec?.clusterIP;
  if (previousIP && spec.clusterIP && spec.clusterIP !== previousIP) {
    throw invalid('Service', object.metadata.name, `spec.clusterIPs[0]: Invalid value: []string{"${spec.clusterIP}"}: may not change once set`);
  }
  spec.clusterIP ??= previousIP ?? context.allocateClusterIP();
  spec.clusterIPs = [spec.clusterIP];
  object.status ??= { loadBalancer: {} };
}

function defaultSecret(object: KubeObject): void {
  object.type ??= 'Opaque';
  const stringData = object.stringData as Record<string, string> | undefined;
  if (stringData) {
    const data = (object.data ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(String(value)).toString('base64');
    object.data = data;
    delete object.stringData;
  }
}

export function assertKind(type: ResourceType, object: KubeObject): void {
  const expected = type.group ? `${type.group}/${type.version}` : type.version;
  if (object.kind !== type.kind || object.apiVersion !== expected) {
    throw new ApiError(
      400,
      'BadRequest',
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${expected}) or kind ${object.kind} is not ${type.kind}`,
    );
  }
}
