import { isDeepStrictEqual } from 'node:util';
import { ApiError } from './errors.js';
import { holdsResources, podRequests, type ResourceList } from './pod-resources.js';
import type { ContainerSpec, PodSpec } from './pod-spec.js';
import { formatQuantity, parseQuantity } from './quantities.js';
import { TYPES } from './resources.js';
import type { KubeObject, Store } from './store.js';

/**
 * The admission plugins a pod meets on create, in the API server's order: LimitRanger (mutating:
 * default requests and limits), then PodSecurity and ResourceQuota (validating). A refusal is the
 * 403 the real server writes; `warn` levels come back as warnings for the `Warning` header.
 */
export class PodAdmission {
  constructor(private readonly store: Store) {}

  admit(pod: KubeObject): string[] {
    const namespace = pod.metadata.namespace ?? 'default';
    applyLimitRanges(pod, this.store.list(TYPES.limitranges, namespace));
    const labels = this.store.get(TYPES.namespaces, undefined, namespace)?.metadata.labels ?? {};
    const warnings: string[] = [];
    const enforce = podSecurityViolations(labels['pod-security.kubernetes.io/enforce'], labels['pod-security.kubernetes.io/enforce-version'], pod.spec);
    if (enforce) throw forbidden(pod, `violates ${enforce}`);
    const warn = podSecurityViolations(labels['pod-security.kubernetes.io/warn'], labels['pod-security.kubernetes.io/warn-version'], pod.spec);
    if (warn) warnings.push(`would violate ${warn}`);
    const others = this.store.list(TYPES.pods, namespace).filter((other) => holdsResources(other) && other.metadata.uid !== pod.metadata.uid);
    for (const quota of this.store.list(TYPES.resourcequotas, namespace)) {
      const refusal = quotaRefusal(quota, pod.spec, others);
      if (refusal) throw forbidden(pod, refusal);
    }
    return warnings;
  }
}

/** `pods "NAME" is forbidden: …`, with the generateName prefix for a generated name, as admission.NewForbidden writes it. */
function forbidden(pod: KubeObject, message: string): ApiError {
  const name = pod.metadata.name || pod.metadata.generateName || '';
  return new ApiError(403, 'Forbidden', `pods "${name}" is forbidden: ${message}`, { name, kind: 'pods' });
}

// ---- LimitRanger (plugin/pkg/admission/limitranger/admission.go) ----

function applyLimitRanges(pod: KubeObject, limitRanges: readonly KubeObject[]): void {
  const set: string[] = [];
  for (const limitRange of limitRanges) {
    for (const item of (limitRange.spec?.limits ?? []) as { type?: string; default?: Record<string, string>; defaultRequest?: Record<string, string> }[]) {
      if (item.type !== 'Container') continue;
      // LimitRange defaulting: defaultRequest falls back to default.
      const defaultRequest = { ...(item.default ?? {}), ...(item.defaultRequest ?? {}) };
      for (const container of [...((pod.spec as PodSpec).initContainers ?? []), ...((pod.spec as PodSpec).containers ?? [])]) {
        const resources = (container.resources ??= {}) as { requests?: Record<string, string>; limits?: Record<string, string> };
        const changed = { requests: [] as string[], limits: [] as string[] };
        for (const [name, value] of Object.entries(item.default ?? {})) {
          if (resources.limits?.[name] !== undefined) continue;
          (resources.limits ??= {})[name] = value;
          changed.limits.push(name);
        }
        for (const [name, value] of Object.entries(defaultRequest)) {
          if (resources.requests?.[name] !== undefined) continue;
          (resources.requests ??= {})[name] = resources.limits?.[name] !== undefined && !changed.limits.includes(name) ? resources.limits[name] : value;
          changed.requests.push(name);
        }
        if (changed.requests.length > 0) set.push(`${changed.requests.join(', ')} request for container ${container.name}`);
        if (changed.limits.length > 0) set.push(`${changed.limits.join(', ')} limit for container ${container.name}`);
      }
    }
  }
  if (set.length > 0)
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${set.join('; ')}` };
}

// ---- Pod Security admission (staging/src/k8s.io/pod-security-admission/policy/check_*.go) ----

const LEVELS = ['privileged', 'baseline', 'restricted'];
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
}

function containersPhrase(names: string[]): string {
  return names.length === 1 ? `container "${names[0]}"` : `containers ${names.map((name) => `"${name}"`).join(', ')}`;
}

/** `PodSecurity "restricted:latest": reason (detail), …` when the spec breaks the namespace's level, else undefined. */
export function podSecurityViolations(level: string | undefined, version: string | undefined, spec: PodSpec | undefined): string | undefined {
  const rank = LEVELS.indexOf(level ?? 'privileged');
  if (rank <= 0 || !spec) return undefined;
  const containers: ContainerSpec[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const context = (container: ContainerSpec): SecurityContext => (container.securityContext ?? {}) as SecurityContext;
  const podContext = (spec.securityContext ?? {}) as SecurityContext;
  const where = (test: (container: ContainerSpec) => boolean): string[] => containers.filter(test).map((container) => container.name);
  const violations: string[] = [];
  const check = (applies: boolean, reason: string, detail: string | undefined): void => {
    if (applies && detail) violations.push(`${reason} (${detail})`);
  };
  const restricted = rank >= 2;
  const escalating = where((c) => context(c).allowPrivilegeEscalation !== false);
  check(
    restricted,
    'allowPrivilegeEscalation != false',
    escalating.length ? `${containersPhrase(escalating)} must set securityContext.allowPrivilegeEscalation=false` : undefined,
  );
  const added = containers.flatMap((c) =>
    (context(c).capabilities?.add ?? []).filter((cap) => !BASELINE_CAPABILITIES.has(cap)).map((cap) => ({ name: c.name, cap })),
  );
  check(
    true,
    'non-default capabilities',
    added.length
      ? `${containersPhrase([...new Set(added.map((a) => a.name))])} must not include ${added.map((a) => `"${a.cap}"`).join(', ')} in securityContext.capabilities.add`
      : undefined,
  );
  const undropped = where((c) => !(context(c).capabilities?.drop ?? []).includes('ALL'));
  check(
    restricted,
    'unrestricted capabilities',
    undropped.length ? `${containersPhrase(undropped)} must set securityContext.capabilities.drop=["ALL"]` : undefined,
  );
  const hostNamespaces = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((field) => spec[field] === true);
  check(true, 'host namespaces', hostNamespaces.length ? hostNamespaces.map((field) => `${field}=true`).join(', ') : undefined);
  const hostPaths = ((spec.volumes ?? []) as { name: string; hostPath?: unknown }[]).filter((volume) => volume.hostPath).map((volume) => `"${volume.name}"`);
  check(true, 'hostPath volumes', hostPaths.length ? `volume${hostPaths.length > 1 ? 's' : ''} ${hostPaths.join(', ')}` : undefined);
  const hostPorts = containers.flatMap((c) =>
    (c.ports ?? []).filter((port) => (port as { hostPort?: number }).hostPort).map((port) => ({ name: c.name, port })),
  );
  check(
    true,
    'hostPort',
    hostPorts.length
      ? `${containersPhrase([...new Set(hostPorts.map((h) => h.name))])} uses hostPort${hostPorts.length > 1 ? 's' : ''} ${hostPorts.map((h) => (h.port as { hostPort?: number }).hostPort).join(', ')}`
      : undefined,
  );
  const privileged = where((c) => context(c).privileged === true);
  check(true, 'privileged', privileged.length ? `${containersPhrase(privileged)} must not set securityContext.privileged=true` : undefined);
  const rootAllowed = podContext.runAsNonRoot === true ? where((c) => context(c).runAsNonRoot === false) : where((c) => context(c).runAsNonRoot !== true);
  check(
    restricted,
    'runAsNonRoot != true',
    rootAllowed.length ? `pod or ${containersPhrase(rootAllowed)} must set securityContext.runAsNonRoot=true` : undefined,
  );
  const allowedSeccomp = (type: string | undefined): boolean => type === 'RuntimeDefault' || type === 'Localhost';
  const noSeccomp = allowedSeccomp(podContext.seccompProfile?.type)
    ? where((c) => context(c).seccompProfile !== undefined && !allowedSeccomp(context(c).seccompProfile?.type))
    : where((c) => !allowedSeccomp(context(c).seccompProfile?.type));
  check(
    restricted,
    'seccompProfile',
    noSeccomp.length ? `pod or ${containersPhrase(noSeccomp)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` : undefined,
  );
  if (violations.length === 0) return undefined;
  return `PodSecurity "${level}:${version || 'latest'}": ${violations.join(', ')}`;
}

// ---- ResourceQuota (plugin/pkg/admission/resourcequota/controller.go, pkg/quota/v1/evaluator/core/pods.go) ----

const COMPUTE = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'];

/** What a pod counts against a quota: `pods`, its requests and limits. */
export function podUsage(spec: PodSpec | undefined): ResourceList {
  const requests = podRequests(spec);
  const limits = podLimits(spec);
  return {
    pods: 1,
    'requests.cpu': requests.cpu ?? 0,
    cpu: requests.cpu ?? 0,
    'requests.memory': requests.memory ?? 0,
    memory: requests.memory ?? 0,
    'limits.cpu': limits.cpu ?? 0,
    'limits.memory': limits.memory ?? 0,
  };
}

function podLimits(spec: PodSpec | undefined): ResourceList {
  const total: ResourceList = {};
  for (const container of spec?.containers ?? []) {
    for (const [name, value] of Object.entries(((container.resources ?? {}) as { limits?: Record<string, unknown> }).limits ?? {})) {
      total[name] = (total[name] ?? 0) + (parseQuantity(value) ?? 0);
    }
  }
  return total;
}

/** `status.used` of a quota: the usage of the namespace's pods, for the resources the quota limits. */
export function quotaUsed(quota: KubeObject, pods: readonly KubeObject[]): Record<string, string> {
  const used: Record<string, string> = {};
  for (const resource of Object.keys(quota.spec?.hard ?? {})) {
    used[resource] = formatQuantity(
      resource,
      pods.reduce((sum, pod) => sum + (podUsage(pod.spec)[resource] ?? 0), 0),
    );
  }
  return used;
}

function quotaRefusal(quota: KubeObject, spec: PodSpec | undefined, pods: readonly KubeObject[]): string | undefined {
  const hard = (quota.spec?.hard ?? {}) as Record<string, string>;
  const name = quota.metadata.name;
  const missing: string[] = [];
  for (const resource of Object.keys(hard)
    .filter((r) => COMPUTE.includes(r))
    .sort()) {
    const [kind, base] = resource.includes('.') ? resource.split('.') : ['requests', resource];
    const lacking = (spec?.containers ?? [])
      .filter((container) => ((container.resources ?? {}) as Record<string, Record<string, unknown> | undefined>)[kind ?? '']?.[base ?? ''] === undefined)
      .filter((container) => !(kind === 'requests' && ((container.resources ?? {}) as { limits?: Record<string, unknown> }).limits?.[base ?? ''] !== undefined))
      .map((container) => container.name);
    if (lacking.length > 0) missing.push(`${resource} for: ${lacking.join(',')}`);
  }
  if (missing.length > 0) return `failed quota: ${name}: must specify ${missing.join('; ')}`;
  const requested = podUsage(spec);
  const exceeded = Object.keys(hard)
    .filter((resource) => requested[resource] !== undefined)
    .filter((resource) => {
      const used = pods.reduce((sum, pod) => sum + (podUsage(pod.spec)[resource] ?? 0), 0);
      return used + (requested[resource] ?? 0) > (parseQuantity(hard[resource]) ?? 0);
    })
    .sort();
  if (exceeded.length === 0) return undefined;
  const list = (values: (resource: string) => string): string => exceeded.map((resource) => `${resource}=${values(resource)}`).join(',');
  const used = quotaUsed(quota, pods);
  return `exceeded quota: ${name}, requested: ${list((r) => formatQuantity(r, requested[r] ?? 0))}, used: ${list((r) => used[r] ?? '0')}, limited: ${list((r) => hard[r] ?? '0')}`;
}

/** The ResourceQuota controller: keeps `status.hard` and `status.used` of every quota current. */
export class ResourceQuotaController {
  private readonly unsubscribe: () => void;
  private readonly dirty = new Set<string>();
  private scheduled = false;

  constructor(private readonly store: Store) {
    this.unsubscribe = store.subscribe((event) => {
      if (event.resourceType !== TYPES.pods && event.resourceType !== TYPES.resourcequotas) return;
      if (event.resourceType === TYPES.resourcequotas && event.type === 'DELETED') return;
      this.dirty.add(event.object.metadata.namespace ?? 'default');
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.sync());
    });
  }

  stop(): void {
    this.unsubscribe();
    this.dirty.clear();
  }

  private sync(): void {
    this.scheduled = false;
    for (const namespace of this.dirty) {
      const quotas = this.store.list(TYPES.resourcequotas, namespace);
      if (quotas.length === 0) continue;
      const pods = this.store.list(TYPES.pods, namespace).filter(holdsResources);
      for (const quota of quotas) {
        const status = { hard: quota.spec?.hard ?? {}, used: quotaUsed(quota, pods) };
        if (isDeepStrictEqual(quota.status, status)) continue;
        this.store.mutate(TYPES.resourcequotas, namespace, quota.metadata.name, (object) => {
          object.status = status;
        });
      }
    }
    this.dirty.clear();
  }
}
