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
    const limitRanges = this.store.list(TYPES.limitranges, namespace);
    applyLimitRanges(pod, limitRanges);
    for (const limitRange of limitRanges) {
      const refusal = limitRangeRefusal(limitRange, pod.spec);
      if (refusal) throw forbidden(pod, refusal);
    }
    const warnings = this.podSecurity(pod);
    const others = this.store.list(TYPES.pods, namespace).filter((other) => holdsResources(other) && other.metadata.uid !== pod.metadata.uid);
    for (const quota of this.store.list(TYPES.resourcequotas, namespace)) {
      const refusal = quotaRefusal(quota, pod.spec, others);
      if (refusal) throw forbidden(pod, refusal);
    }
    return warnings;
  }

  /**
   * Admission of a pod update: Pod Security only, and only for an update that can change what the
   * pod runs (an image or a seccomp annotation); others, metadata and status writes among them, pass
   * (pod-security-admission admission.go ValidatePod, isSignificantPodUpdate). LimitRanger and
   * ResourceQuota leave pod updates alone: containers and resources cannot change.
   */
  admitUpdate(pod: KubeObject, previous: KubeObject): string[] {
    return isSignificantPodUpdate(pod, previous) ? this.podSecurity(pod) : [];
  }

  /** The namespace's `enforce` level refuses the pod, its `warn` level adds a warning. */
  private podSecurity(pod: KubeObject): string[] {
    const labels = this.store.get(TYPES.namespaces, undefined, pod.metadata.namespace ?? 'default')?.metadata.labels ?? {};
    const enforce = podSecurityViolations(labels['pod-security.kubernetes.io/enforce'], labels['pod-security.kubernetes.io/enforce-version'], pod.spec);
    if (enforce) throw forbidden(pod, `violates ${enforce}`);
    const warn = podSecurityViolations(labels['pod-security.kubernetes.io/warn'], labels['pod-security.kubernetes.io/warn-version'], pod.spec);
    return warn ? [`would violate ${warn}`] : [];
  }
}

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

export function isSignificantPodUpdate(pod: KubeObject, previous: KubeObject): boolean {
  const annotations = pod.metadata.annotations ?? {};
  const previousAnnotations = previous.metadata.annotations ?? {};
  if (annotations[SECCOMP_POD_ANNOTATION] !== previousAnnotations[SECCOMP_POD_ANNOTATION]) return true;
  for (const field of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    const containers = (pod.spec?.[field] ?? []) as ContainerSpec[];
    const before = (previous.spec?.[field] ?? []) as ContainerSpec[];
    if (containers.length !== before.length) return true;
    for (const [index, container] of containers.entries()) {
      const key = SECCOMP_CONTAINER_ANNOTATION + container.name;
      if (container.image !== before[index]?.image || annotations[key] !== previousAnnotations[key]) return true;
    }
  }
  return false;
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

interface LimitRangeItem {
  type?: string;
  min?: Record<string, string>;
  max?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

interface Requirements {
  requests: Record<string, string>;
  limits: Record<string, string>;
}

/** A quantity as Quantity.String() prints it: `1000m` is `1`, `0.5` is `500m`; suffixed forms stay as written. */
function canonicalQuantity(text: string): string {
  const trimmed = text.trim();
  const value = parseQuantity(trimmed);
  if (value === undefined || !/^[\d.]+m?$/.test(trimmed)) return trimmed;
  return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
}

/** A container's requests and limits after API defaulting: a missing request is its limit (pkg/apis/core/v1/defaults.go). */
function requirementsOf(container: ContainerSpec): Requirements {
  const resources = (container.resources ?? {}) as { requests?: Record<string, string>; limits?: Record<string, string> };
  return { requests: { ...(resources.limits ?? {}), ...(resources.requests ?? {}) }, limits: { ...(resources.limits ?? {}) } };
}

/** The LimitRanger's constraint checks (plugin/pkg/admission/limitranger/admission.go minConstraint, maxConstraint, limitRequestRatioConstraint). */
function constraintErrors(type: string, item: LimitRangeItem, { requests, limits }: Requirements): string[] {
  const errors: string[] = [];
  const value = (text: string | undefined): number => parseQuantity(text) ?? 0;
  for (const [resource, enforced] of Object.entries(item.min ?? {}).sort()) {
    const bound = canonicalQuantity(String(enforced));
    const request = requests[resource];
    const limit = limits[resource];
    if (request === undefined) errors.push(`minimum ${resource} usage per ${type} is ${bound}.  No request is specified.`);
    else if (value(request) < value(enforced)) errors.push(`minimum ${resource} usage per ${type} is ${bound}, but request is ${canonicalQuantity(request)}.`);
    else if (limit !== undefined && value(limit) < value(enforced))
      errors.push(`minimum ${resource} usage per ${type} is ${bound}, but limit is ${canonicalQuantity(limit)}.`);
  }
  for (const [resource, enforced] of Object.entries(item.max ?? {}).sort()) {
    const bound = canonicalQuantity(String(enforced));
    const request = requests[resource];
    const limit = limits[resource];
    if (limit === undefined) errors.push(`maximum ${resource} usage per ${type} is ${bound}.  No limit is specified.`);
    else if (value(limit) > value(enforced)) errors.push(`maximum ${resource} usage per ${type} is ${bound}, but limit is ${canonicalQuantity(limit)}.`);
    else if (request !== undefined && value(request) > value(enforced))
      errors.push(`maximum ${resource} usage per ${type} is ${bound}, but request is ${canonicalQuantity(request)}.`);
  }
  for (const [resource, enforced] of Object.entries(item.maxLimitRequestRatio ?? {}).sort()) {
    const bound = canonicalQuantity(String(enforced));
    const request = value(requests[resource]);
    const limit = value(limits[resource]);
    if (request === 0) errors.push(`${resource} max limit to request ratio per ${type} is ${bound}, but no request is specified or request is 0.`);
    else if (limit === 0) errors.push(`${resource} max limit to request ratio per ${type} is ${bound}, but no limit is specified or limit is 0.`);
    else if (limit / request > value(enforced))
      errors.push(`${resource} max limit to request ratio per ${type} is ${bound}, but provided ratio is ${(limit / request).toFixed(6)}.`);
  }
  return errors;
}

/** Per resource, the sum over the app containers (only where every one sets it), raised to any init container's value (PodValidateLimitFunc). */
function podRequirements(spec: PodSpec): Requirements {
  const containers = (spec.containers ?? []).map(requirementsOf);
  const initContainers = (spec.initContainers ?? []).map(requirementsOf);
  const total = (part: keyof Requirements): Record<string, string> => {
    const result: Record<string, number> = {};
    const names = new Set(containers.flatMap((container) => Object.keys(container[part])));
    for (const name of names) {
      if (containers.every((container) => container[part][name] !== undefined))
        result[name] = containers.reduce((sum, container) => sum + (parseQuantity(container[part][name]) ?? 0), 0);
    }
    for (const init of initContainers) {
      for (const [name, text] of Object.entries(init[part])) result[name] = Math.max(result[name] ?? 0, parseQuantity(text) ?? 0);
    }
    // sum() builds milli-quantities for cpu and plain DecimalSI ones for the rest.
    return Object.fromEntries(Object.entries(result).map(([name, amount]) => [name, name === 'cpu' ? formatQuantity(name, amount) : String(amount)]));
  };
  return { requests: total('requests'), limits: total('limits') };
}

/**
 * Why a LimitRange refuses the pod: its Container items' min, max and maxLimitRequestRatio against
 * each app then init container, its Pod items' against the pod's total; the errors aggregated as
 * utilerrors.NewAggregate writes them (one alone, several in brackets).
 */
export function limitRangeRefusal(limitRange: KubeObject, spec: PodSpec | undefined): string | undefined {
  if (!spec) return undefined;
  const errors: string[] = [];
  for (const item of (limitRange.spec?.limits ?? []) as LimitRangeItem[]) {
    if (item.type === 'Container') {
      for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])])
        errors.push(...constraintErrors('Container', item, requirementsOf(container)));
    }
    if (item.type === 'Pod') errors.push(...constraintErrors('Pod', item, podRequirements(spec)));
  }
  const unique = [...new Set(errors)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
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
