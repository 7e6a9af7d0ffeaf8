import { abbreviate, ConfigurationError } from '../errors.js';
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
 * A request header that sends a request to the canary whatever the weights, so testers reach
 * it before users: `x-canary` (any value) or `x-canary: always` (that value exactly).
 */
export interface CanaryHeader {
  name: string;
  value?: string;
}

/** Gateway API's limits (HTTPHeaderName, HTTPHeaderMatch.value, HTTPRoute rules and header matches). */
const MOST_HEADER_NAME_CHARACTERS = 256;
const MOST_HEADER_VALUE_CHARACTERS = 4096;
const MOST_ROUTE_RULES = 16;
const MOST_HEADER_MATCHES = 16;
/** RFC 9110 §5.1: a field name is a token (§5.6.2). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 §5.5: a field value has no leading or trailing whitespace; visible ASCII and inner spaces only, so every proxy reads it alike. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

export const CANARY_HEADER_EXPECTED = `a header name (an RFC 9110 token of at most ${MOST_HEADER_NAME_CHARACTERS} characters) such as x-canary, optionally with a value after a colon such as "x-canary: always"`;

/** The header of a canary-header input, or what is wrong with it. */
export function parseCanaryHeader(text: string): CanaryHeader | { problem: string } {
  const colon = text.indexOf(':');
  const name = (colon < 0 ? text : text.slice(0, colon)).trim();
  if (name.length > MOST_HEADER_NAME_CHARACTERS || !HEADER_NAME.test(name)) return { problem: CANARY_HEADER_EXPECTED };
  if (colon < 0) return { name };
  const value = text.slice(colon + 1).trim();
  if (value.length > MOST_HEADER_VALUE_CHARACTERS || !HEADER_VALUE.test(value)) {
    return {
      problem: `${CANARY_HEADER_EXPECTED}; the value after the colon must be 1 to ${MOST_HEADER_VALUE_CHARACTERS} visible ASCII characters (inner spaces allowed)`,
    };
  }
  return { name, value };
}

/** How the header is written in messages and summaries. */
export function describeCanaryHeader(header: CanaryHeader): string {
  return header.value === undefined ? `${header.name} (any value)` : `${header.name}: ${header.value}`;
}

/**
 * Gateway API matches a header by Exact value (core) or RegularExpression (implementation-specific);
 * it has no presence match, so "any value" is the expression `.*`, which an absent header never matches.
 */
function headerMatch(header: CanaryHeader): Record<string, string> {
  return header.value === undefined ? { type: 'RegularExpression', name: header.name, value: '.*' } : { type: 'Exact', name: header.name, value: header.value };
}

/** A rule whose every backend is the canary Service: the header rule of a canary. */
function isCanaryOnlyRule(rule: unknown, canaryService: string): boolean {
  const refs = backendRefsOf(rule);
  return refs.length > 0 && refs.every((ref) => isServiceRef(ref, canaryService));
}

/** A rule's matches, or the one the API server defaults an absent list to (every path). */
function matchesOf(rule: Record<string, unknown>): Record<string, unknown>[] {
  const matches = Array.isArray(rule.matches) ? rule.matches.filter(isRecord) : [];
  return matches.length > 0 ? matches : [{ path: { type: 'PathPrefix', value: '/' } }];
}

/**
 * The stable rule's copy for requests carrying the header: the same matches, each with the header
 * match added (one more header match outranks the stable rule by the specification's precedence),
 * sending to the canary Service only.
 */
function headerRule(
  route: KubeObject,
  rule: Record<string, unknown>,
  stableRef: BackendRef,
  canaryService: string,
  header: CanaryHeader,
): Record<string, unknown> {
  const matches = matchesOf(rule).map((match) => {
    const headers = Array.isArray(match.headers) ? match.headers.filter(isRecord) : [];
    if (headers.some((existing) => typeof existing.name === 'string' && existing.name.toLowerCase() === header.name.toLowerCase())) {
      throw new ConfigurationError(
        `Input "canary-header" names header ${abbreviate(header.name)}, which a rule of HTTPRoute/${route.metadata.name} already matches on: choose another header. Nothing was changed`,
      );
    }
    if (headers.length >= MOST_HEADER_MATCHES) {
      throw new ConfigurationError(
        `A match of HTTPRoute/${route.metadata.name} already has ${MOST_HEADER_MATCHES} header matches, the most Gateway API allows, so input "canary-header" cannot add one. Nothing was changed`,
      );
    }
    return { ...match, headers: [...headers, headerMatch(header)] };
  });
  // A rule's name must be unique in its route, so the copy has none.
  const { name: _name, ...copied } = rule;
  const { weight: _weight, ...ref } = stableRef;
  return { ...copied, matches, backendRefs: [{ ...ref, name: canaryService }] };
}

/**
 * The route's rules with every rule that sends traffic to the stable Service split between it
 * (100 - percentage) and the canary Service (percentage, on the stable reference's port), and,
 * with a header, preceded by its header rule; canary references and header rules left by an
 * earlier run are replaced, not doubled.
 */
export function rulesWithCanary(route: KubeObject, stableService: string, canaryService: string, percentage: number, header?: CanaryHeader): unknown[] {
  const rules = rulesOf(route)
    .filter((rule) => !isCanaryOnlyRule(rule, canaryService))
    .flatMap((rule) => {
      const refs = backendRefsOf(rule);
      const stableRef = refs.find((ref) => isServiceRef(ref, stableService));
      if (!isRecord(rule) || !stableRef) return [rule];
      const others = refs.filter((ref) => !isServiceRef(ref, stableService) && !isServiceRef(ref, canaryService));
      if (others.length > 0) {
        throw new ConfigurationError(
          `A rule of HTTPRoute/${route.metadata.name} sends traffic to other backends beside Service/${stableService}; the canary needs a rule whose only backend is the stable Service. Nothing was changed`,
        );
      }
      const canaryRef = { ...stableRef, name: canaryService, weight: percentage };
      const weighed = { ...rule, backendRefs: [{ ...stableRef, weight: 100 - percentage }, canaryRef] };
      return header ? [headerRule(route, rule, stableRef, canaryService, header), weighed] : [weighed];
    });
  if (rules.length > MOST_ROUTE_RULES) {
    throw new ConfigurationError(
      `HTTPRoute/${route.metadata.name} would have ${rules.length} rules with those of input "canary-header", more than the ${MOST_ROUTE_RULES} Gateway API allows. Nothing was changed`,
    );
  }
  return rules;
}

/** The route's rules with every reference to the canary Service and every header rule removed, the stable Service alone where they were. */
export function rulesWithoutCanary(route: KubeObject, stableService: string, canaryService: string): unknown[] {
  return rulesOf(route)
    .filter((rule) => !isCanaryOnlyRule(rule, canaryService))
    .map((rule) => {
      const refs = backendRefsOf(rule);
      if (!isRecord(rule) || !refs.some((ref) => isServiceRef(ref, canaryService))) return rule;
      const kept = refs.filter((ref) => !isServiceRef(ref, canaryService)).map((ref) => (isServiceRef(ref, stableService) ? { ...ref, weight: 100 } : ref));
      return { ...rule, backendRefs: kept };
    });
}
