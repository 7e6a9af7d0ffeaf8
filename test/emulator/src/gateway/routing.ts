import type { BackendRef, RouteMatch } from './spec.js';

/**
 * Request routing of a Gateway's HTTP listeners, pure: which listener a Host selects, which
 * route rule a request matches (with the precedence HTTPRouteRule.Matches prescribes in
 * apis/v1/httproute_types.go), and which backend a rule's weights pick for this request.
 */

/** A backend as the data plane sees it: where to send, or nothing when the reference is invalid (then 500). */
export interface ServedBackend {
  ref: BackendRef;
  weight: number;
  service?: { namespace: string; name: string; port: number };
}

export interface ServedRule {
  index: number;
  matches: RouteMatch[];
  backends: ServedBackend[];
}

export interface ServedRoute {
  key: string;
  creationTimestamp: string;
  hostnames: string[];
  rules: ServedRule[];
}

export interface ServedListener {
  name: string;
  port: number;
  hostname?: string;
  routes: ServedRoute[];
}

export interface RequestFacts {
  host: string;
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: URLSearchParams;
}

export interface Selection {
  route: ServedRoute;
  rule: ServedRule;
}

/** `*.example.com` matches `a.example.com` and `a.b.example.com`, not `example.com` (HTTPRoute.spec.hostnames). */
export function hostnameMatches(pattern: string, host: string): boolean {
  const lowerHost = host.toLowerCase();
  const lowerPattern = pattern.toLowerCase();
  if (!lowerPattern.startsWith('*.')) return lowerPattern === lowerHost;
  return lowerHost.endsWith(lowerPattern.slice(1)) && lowerHost.length > lowerPattern.length - 1;
}

/** Whether a route hostname and a listener hostname can both match some request (either may be a wildcard). */
export function hostnamesIntersect(listenerHostname: string | undefined, routeHostname: string): boolean {
  if (!listenerHostname) return true;
  return hostnameMatches(listenerHostname, routeHostname) || hostnameMatches(routeHostname, listenerHostname);
}

/** Exact names beat wildcards, longer beats shorter; no hostname at all comes last. */
function hostnameSpecificity(pattern: string | undefined): number {
  if (!pattern) return 0;
  return pattern.startsWith('*.') ? pattern.length : 1_000 + pattern.length;
}

function bestHostname(patterns: string[], host: string): number | undefined {
  if (patterns.length === 0) return 0;
  const matching = patterns.filter((pattern) => hostnameMatches(pattern, host));
  return matching.length ? Math.max(...matching.map(hostnameSpecificity)) : undefined;
}

/** The listeners of one port that a Host header selects: the most specific hostname wins, as a virtual host would. */
export function selectListener(listeners: ServedListener[], host: string): ServedListener | undefined {
  const candidates = listeners.filter((listener) => !listener.hostname || hostnameMatches(listener.hostname, host));
  return candidates.sort((a, b) => hostnameSpecificity(b.hostname) - hostnameSpecificity(a.hostname))[0];
}

function fullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

function valueMatches(type: string, expected: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  return type === 'RegularExpression' ? fullMatch(expected, actual) : expected === actual;
}

/** PathPrefix matches whole path elements: `/abc` matches `/abc` and `/abc/d`, not `/abcd`; a trailing `/` in the value is ignored. */
export function pathMatches(match: RouteMatch['path'], path: string): boolean {
  if (match.type === 'Exact') return path === match.value;
  if (match.type === 'RegularExpression') return fullMatch(match.value, path);
  const prefix = match.value.length > 1 ? match.value.replace(/\/+$/, '') : match.value;
  return prefix === '/' || path === prefix || path.startsWith(`${prefix}/`);
}

export function requestMatches(match: RouteMatch, request: RequestFacts): boolean {
  if (!pathMatches(match.path, request.path)) return false;
  if (match.method && match.method !== request.method) return false;
  for (const header of match.headers ?? []) {
    const value = request.headers[header.name.toLowerCase()];
    if (!valueMatches(header.type, header.value, Array.isArray(value) ? value.join(',') : value)) return false;
  }
  for (const parameter of match.queryParams ?? []) {
    if (!valueMatches(parameter.type, parameter.value, request.query.get(parameter.name) ?? undefined)) return false;
  }
  return true;
}

interface Candidate extends Selection {
  hostname: number;
  match: RouteMatch;
}

/**
 * Orders matches as the specification does: hostname specificity (HTTPRoute.spec.hostnames), then
 * Exact path, longest prefix, method, most header matches, most query matches, then the oldest
 * route, then `namespace/name`, then rule order.
 */
function precedence(a: Candidate, b: Candidate): number {
  const exact = (candidate: Candidate): number => (candidate.match.path.type === 'Exact' ? 1 : 0);
  const prefixLength = (candidate: Candidate): number => (candidate.match.path.type === 'PathPrefix' ? candidate.match.path.value.length : 0);
  return (
    b.hostname - a.hostname ||
    exact(b) - exact(a) ||
    prefixLength(b) - prefixLength(a) ||
    Number(Boolean(b.match.method)) - Number(Boolean(a.match.method)) ||
    (b.match.headers?.length ?? 0) - (a.match.headers?.length ?? 0) ||
    (b.match.queryParams?.length ?? 0) - (a.match.queryParams?.length ?? 0) ||
    Date.parse(a.route.creationTimestamp) - Date.parse(b.route.creationTimestamp) ||
    a.route.key.localeCompare(b.route.key) ||
    a.rule.index - b.rule.index
  );
}

/** The rule a request goes to, or undefined (the Gateway answers 404). */
export function selectRule(listener: ServedListener, request: RequestFacts): Selection | undefined {
  const candidates: Candidate[] = [];
  for (const route of listener.routes) {
    const hostname = bestHostname(route.hostnames, request.host);
    if (hostname === undefined) continue;
    for (const rule of route.rules) {
      for (const match of rule.matches) if (requestMatches(match, request)) candidates.push({ route, rule, match, hostname });
    }
  }
  return candidates.sort(precedence)[0];
}

/**
 * Smooth weighted round-robin (nginx's): each pick adds every weight to its backend's credit and
 * takes the backend with the most, which then pays the total. Over any run of `sum(weights)`
 * requests each backend gets exactly its weight, interleaved; weight 0 never gets a request.
 * Deterministic, so a 10/90 split is 10/90 for every 100 requests, not only on average.
 */
export class WeightedRoundRobin {
  private readonly credits = new Map<string, { weights: string; credit: number[] }>();

  /** The index of the backend for the next request of `key`, or undefined when every weight is 0. */
  pick(key: string, weights: number[]): number | undefined {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (total === 0) return undefined;
    const signature = weights.join(',');
    let state = this.credits.get(key);
    if (!state || state.weights !== signature) {
      state = { weights: signature, credit: weights.map(() => 0) };
      this.credits.set(key, state);
    }
    let best = -1;
    weights.forEach((weight, index) => {
      state.credit[index]! += weight;
      if (weight > 0 && (best < 0 || state.credit[index]! > state.credit[best]!)) best = index;
    });
    state.credit[best]! -= total;
    return best;
  }

  forget(keyPrefix: string): void {
    for (const key of this.credits.keys()) if (key.startsWith(keyPrefix)) this.credits.delete(key);
  }
}
