import { ConfigurationError } from '../errors.js';
import { isRecord, type KubeObject } from '../kubernetes/objects.js';

/**
 * How a canary gets its share of the traffic. `replicas`: the stable Service selects canary,
 * baseline and stable pods, so the share is the canary's part of the pods, as close to the ask
 * as a bounded surge allows. `gateway-api`: an HTTPRoute weighs the stable and the canary
 * Service, so the share is exactly the ask with any replica count.
 */
export const TRAFFIC_ROUTERS = ['replicas', 'gateway-api'] as const;
export type TrafficRouter = (typeof TRAFFIC_ROUTERS)[number];

/** Beyond this many points between the asked and the achieved share, the deploy warns. */
export const SHARE_TOLERANCE_POINTS = 5;

export interface ReplicaSplit {
  canary: number;
  baseline: number;
  /** Unchanged: the stable Deployment keeps its replicas, so an abort has nothing to restore. */
  stable: number;
  /** The canary's share of the Service's pods, in percent, rounded to one decimal. */
  achievedPercentage: number;
}

function share(split: Omit<ReplicaSplit, 'achievedPercentage'>): number {
  return (100 * split.canary) / (split.canary + split.baseline + split.stable);
}

function isBetterSplit(candidate: Omit<ReplicaSplit, 'achievedPercentage'>, best: Omit<ReplicaSplit, 'achievedPercentage'>, asked: number): boolean {
  const distance = Math.abs(share(candidate) - asked) - Math.abs(share(best) - asked);
  if (Math.abs(distance) > 1e-9) return distance < 0;
  const surge = candidate.canary + candidate.baseline - (best.canary + best.baseline);
  if (surge !== 0) return surge < 0;
  return candidate.canary - candidate.baseline < best.canary - best.baseline;
}

/**
 * The canary and baseline replica counts (each at least 1, together at most `maxSurge` pods
 * beside the stable ones) whose canary share of all the Service's pods comes closest to
 * `askedPercentage`; on a tie the smaller surge, then the baseline closest to the canary's
 * size (the analysis compares like with like).
 */
export function planReplicaSplit(askedPercentage: number, stableReplicas: number, maxSurge: number): ReplicaSplit {
  const stable = Math.max(0, stableReplicas);
  let best = { canary: 1, baseline: 1, stable };
  for (let canary = 1; canary < maxSurge; canary++) {
    for (let baseline = 1; baseline <= Math.min(canary, maxSurge - canary); baseline++) {
      const candidate = { canary, baseline, stable };
      if (isBetterSplit(candidate, best, askedPercentage)) best = candidate;
    }
  }
  return { ...best, achievedPercentage: Math.round(share(best) * 10) / 10 };
}

/** The warning for a split far from the ask, or undefined when it is close enough. */
export function splitWarning(askedPercentage: number, split: ReplicaSplit, maxSurge: number): string | undefined {
  if (Math.abs(split.achievedPercentage - askedPercentage) <= SHARE_TOLERANCE_POINTS) return undefined;
  return (
    `The canary gets ${split.achievedPercentage}% of the traffic, not the ${askedPercentage}% asked: with ${split.stable} stable replicas and at most ` +
    `${maxSurge} more pods, ${split.canary} canary and ${split.baseline} baseline replicas come closest. Raise max-surge-replicas, or use traffic-router gateway-api for exact weights`
  );
}

interface BackendRef {
  name?: unknown;
  kind?: unknown;
  group?: unknown;
  weight?: unknown;
  [key: string]: unknown;
}

function backendRefsOf(rule: unknown): BackendRef[] {
  return isRecord(rule) && Array.isArray(rule.backendRefs) ? (rule.backendRefs.filter(isRecord) as BackendRef[]) : [];
}

function isServiceRef(ref: BackendRef, service: string): boolean {
  return ref.name === service && (ref.kind ?? 'Service') === 'Service' && (ref.group ?? '') === '';
}

function rulesOf(route: KubeObject): unknown[] {
  return Array.isArray(route.spec?.rules) ? (route.spec.rules as unknown[]) : [];
}

/** Whether some rule of the route sends traffic to the Service: the route fronts that Service. */
export function routeReferences(route: KubeObject, service: string): boolean {
  return rulesOf(route).some((rule) => backendRefsOf(rule).some((ref) => isServiceRef(ref, service)));
}

/**
 * The route's rules with every rule that sends traffic to the stable Service split between it
 * (100 - percentage) and the canary Service (percentage, on the stable reference's port); a
 * canary reference left by an earlier run is replaced, not doubled.
 */
export function rulesWithCanary(route: KubeObject, stableService: string, canaryService: string, percentage: number): unknown[] {
  return rulesOf(route).map((rule) => {
    const refs = backendRefsOf(rule);
    const stableRef = refs.find((ref) => isServiceRef(ref, stableService));
    if (!isRecord(rule) || !stableRef) return rule;
    const others = refs.filter((ref) => !isServiceRef(ref, stableService) && !isServiceRef(ref, canaryService));
    if (others.length > 0) {
      throw new ConfigurationError(
        `A rule of HTTPRoute/${route.metadata.name} sends traffic to other backends beside Service/${stableService}; the canary needs a rule whose only backend is the stable Service. Nothing was changed`,
      );
    }
    const canaryRef = { ...stableRef, name: canaryService, weight: percentage };
    return { ...rule, backendRefs: [{ ...stableRef, weight: 100 - percentage }, canaryRef] };
  });
}

/** The route's rules with every reference to the canary Service removed, the stable Service alone where they were. */
export function rulesWithoutCanary(route: KubeObject, stableService: string, canaryService: string): unknown[] {
  return rulesOf(route).map((rule) => {
    const refs = backendRefsOf(rule);
    if (!isRecord(rule) || !refs.some((ref) => isServiceRef(ref, canaryService))) return rule;
    const kept = refs.filter((ref) => !isServiceRef(ref, canaryService)).map((ref) => (isServiceRef(ref, stableService) ? { ...ref, weight: 100 } : ref));
    return { ...rule, backendRefs: kept };
  });
}
