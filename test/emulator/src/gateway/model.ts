import { selectorMatches, type LabelSelectorSpec } from '../selectors.js';
import type { KubeObject } from '../store.js';
import { hostnamesIntersect, type ServedBackend, type ServedListener, type ServedRoute, type ServedRule } from './routing.js';
import { EMULATOR_CONTROLLER_NAME, GATEWAY_GROUP, type BackendRef, type Listener, type ParentRef, type RouteRule } from './spec.js';

/**
 * What the emulator's Gateway controller makes of the stored objects: which GatewayClasses and
 * Gateways are its own, each listener's verdict, which routes attach where (and why not), and
 * the routing table the data plane serves. Pure: the controller writes it as status, the proxy
 * routes by it. Reasons are the Gateway API's (apis/v1/gateway_types.go, httproute_types.go,
 * shared_types.go).
 */
export interface Verdict {
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface ListenerModel extends ServedListener {
  protocol: string;
  allowedRoutes: Listener['allowedRoutes'];
  supportedKinds: { group: string; kind: string }[];
  accepted: Verdict;
  resolvedRefs: Verdict;
}

export interface GatewayModel {
  key: string;
  namespace: string;
  name: string;
  /** The Gateway asks for addresses of its own (`spec.addresses`), which the emulator does not assign. */
  requestsAddresses: boolean;
  listeners: ListenerModel[];
}

export interface RouteParentModel {
  parentRef: ParentRef;
  accepted: Verdict;
  resolvedRefs: Verdict;
  partiallyInvalid?: Verdict;
}

export interface ClusterGateways {
  classes: Set<string>;
  gateways: Map<string, GatewayModel>;
  /** Per route key, the status entries this controller owns, in `parentRefs` order. */
  routeParents: Map<string, RouteParentModel[]>;
}

export interface Snapshot {
  classes: KubeObject[];
  gateways: KubeObject[];
  routes: KubeObject[];
  services: KubeObject[];
  namespaces: KubeObject[];
}

const HTTP_ROUTE_KIND = { group: GATEWAY_GROUP, kind: 'HTTPRoute' };
const TRUE = (reason: string, message: string): Verdict => ({ status: 'True', reason, message });
const FALSE = (reason: string, message: string): Verdict => ({ status: 'False', reason, message });

export function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

export function modelGateways(snapshot: Snapshot): ClusterGateways {
  const classes = new Set(snapshot.classes.filter((c) => c.spec?.controllerName === EMULATOR_CONTROLLER_NAME).map((c) => c.metadata.name));
  const gateways = new Map<string, GatewayModel>();
  for (const gateway of snapshot.gateways) {
    if (!classes.has(gateway.spec?.gatewayClassName) || gateway.metadata.deletionTimestamp) continue;
    gateways.set(keyOf(gateway), {
      key: keyOf(gateway),
      namespace: gateway.metadata.namespace ?? 'default',
      name: gateway.metadata.name,
      requestsAddresses: ((gateway.spec.addresses ?? []) as unknown[]).length > 0,
      listeners: ((gateway.spec.listeners ?? []) as Listener[]).map(modelListener),
    });
  }
  const namespaceLabels = new Map(snapshot.namespaces.map((ns) => [ns.metadata.name, ns.metadata.labels ?? {}]));
  const services = new Map(snapshot.services.map((service) => [keyOf(service), service]));
  const routeParents = new Map<string, RouteParentModel[]>();
  for (const route of snapshot.routes) {
    const namespace = route.metadata.namespace ?? 'default';
    const resolved = resolveRules(route, services);
    const parents: RouteParentModel[] = [];
    for (const parentRef of (route.spec?.parentRefs ?? []) as ParentRef[]) {
      if (parentRef.group !== GATEWAY_GROUP || parentRef.kind !== 'Gateway') continue;
      const gateway = gateways.get(`${parentRef.namespace ?? namespace}/${parentRef.name}`);
      if (!gateway) continue;
      const attach = attachment(gateway, parentRef, route, namespaceLabels.get(namespace) ?? {});
      const accepted = attach.verdict.status === 'True' && resolved.rules.length === 0 ? resolved.rulesVerdict : attach.verdict;
      parents.push({
        parentRef,
        accepted,
        resolvedRefs: resolved.refsVerdict,
        ...(accepted.status === 'True' && resolved.partiallyInvalid ? { partiallyInvalid: resolved.partiallyInvalid } : {}),
      });
      if (accepted.status !== 'True') continue;
      const served: ServedRoute = {
        key: keyOf(route),
        creationTimestamp: route.metadata.creationTimestamp ?? '',
        hostnames: (route.spec.hostnames ?? []) as string[],
        rules: resolved.rules,
      };
      // Two parentRefs may name the same listener: it counts the route once.
      for (const listener of attach.listeners) if (!listener.routes.some((attached) => attached.key === served.key)) listener.routes.push(served);
    }
    if (parents.length > 0) routeParents.set(keyOf(route), parents);
  }
  return { classes, gateways, routeParents };
}

function modelListener(listener: Listener): ListenerModel {
  const asked = listener.allowedRoutes.kinds ?? [];
  const supportedKinds =
    asked.length === 0 ? [HTTP_ROUTE_KIND] : asked.filter((k) => k.group === GATEWAY_GROUP && k.kind === 'HTTPRoute').map(() => HTTP_ROUTE_KIND);
  const unsupportedKinds = asked.filter((k) => !(k.group === GATEWAY_GROUP && k.kind === 'HTTPRoute')).map((k) => `${k.group ?? ''}/${k.kind}`);
  return {
    name: listener.name,
    port: Number(listener.port),
    ...(listener.hostname ? { hostname: listener.hostname } : {}),
    protocol: listener.protocol,
    allowedRoutes: listener.allowedRoutes,
    routes: [],
    supportedKinds,
    accepted:
      listener.protocol === 'HTTP'
        ? TRUE('Accepted', 'listener accepted')
        : FALSE('UnsupportedProtocol', `protocol ${JSON.stringify(listener.protocol)} is not served by the emulator: HTTP listeners only`),
    resolvedRefs:
      unsupportedKinds.length === 0
        ? TRUE('ResolvedRefs', 'all references resolved')
        : FALSE('InvalidRouteKinds', `route kinds not supported by this listener: ${unsupportedKinds.join(', ')}`),
  };
}

function namespaceAllowed(allowedRoutes: Listener['allowedRoutes'], gatewayNamespace: string, routeNamespace: string, labels: Record<string, string>): boolean {
  switch (allowedRoutes.namespaces.from) {
    case 'All':
      return true;
    case 'Selector':
      return selectorMatches(allowedRoutes.namespaces.selector as LabelSelectorSpec | undefined, labels);
    default:
      return routeNamespace === gatewayNamespace;
  }
}

/** Which listeners of a Gateway a parentRef attaches the route to, or why none (Route conditions in httproute_types.go's RouteConditionReason). */
function attachment(
  gateway: GatewayModel,
  parentRef: ParentRef,
  route: KubeObject,
  routeNamespaceLabels: Record<string, string>,
): { verdict: Verdict; listeners: ListenerModel[] } {
  const named = gateway.listeners.filter(
    (listener) =>
      (parentRef.sectionName === undefined || listener.name === parentRef.sectionName) &&
      (parentRef.port === undefined || listener.port === Number(parentRef.port)),
  );
  if (named.length === 0) {
    const wanted = [parentRef.sectionName && `sectionName ${parentRef.sectionName}`, parentRef.port !== undefined && `port ${parentRef.port}`]
      .filter(Boolean)
      .join(' and ');
    return { verdict: FALSE('NoMatchingParent', `Gateway ${gateway.key} has no listener with ${wanted}`), listeners: [] };
  }
  const routeNamespace = route.metadata.namespace ?? 'default';
  const allowed = named.filter(
    (listener) =>
      listener.accepted.status === 'True' &&
      listener.supportedKinds.length > 0 &&
      namespaceAllowed(listener.allowedRoutes, gateway.namespace, routeNamespace, routeNamespaceLabels),
  );
  if (allowed.length === 0) {
    return {
      verdict: FALSE('NotAllowedByListeners', `no listener of Gateway ${gateway.key} allows HTTPRoutes from namespace ${routeNamespace}`),
      listeners: [],
    };
  }
  const hostnames = (route.spec.hostnames ?? []) as string[];
  const matching = allowed.filter((listener) => hostnames.length === 0 || hostnames.some((hostname) => hostnamesIntersect(listener.hostname, hostname)));
  if (matching.length === 0) {
    return { verdict: FALSE('NoMatchingListenerHostname', `no listener hostname of Gateway ${gateway.key} matches ${hostnames.join(', ')}`), listeners: [] };
  }
  return { verdict: TRUE('Accepted', 'route accepted'), listeners: matching };
}

/** Rules the data plane can serve, and the route's ResolvedRefs verdict over every backendRef. */
function resolveRules(
  route: KubeObject,
  services: Map<string, KubeObject>,
): { rules: ServedRule[]; rulesVerdict: Verdict; refsVerdict: Verdict; partiallyInvalid?: Verdict } {
  const namespace = route.metadata.namespace ?? 'default';
  const problems: { reason: string; message: string }[] = [];
  const rules: ServedRule[] = [];
  const unsupported: string[] = [];
  ((route.spec?.rules ?? []) as RouteRule[]).forEach((rule, index) => {
    const backends = (rule.backendRefs ?? []).map((ref) => resolveBackend(ref, namespace, services, problems));
    const filters = rule.filters ?? [];
    const badRegex = rule.matches
      .flatMap((match) => [
        ...(match.path.type === 'RegularExpression' ? [match.path.value] : []),
        ...[...(match.headers ?? []), ...(match.queryParams ?? [])].filter((m) => m.type === 'RegularExpression').map((m) => m.value),
      ])
      .filter((pattern) => !isRegex(pattern));
    if (filters.length > 0) unsupported.push(`rules[${index}]: filters are not implemented by the emulator`);
    else if (badRegex.length > 0) unsupported.push(`rules[${index}]: invalid regular expression ${JSON.stringify(badRegex[0])}`);
    else rules.push({ index, matches: rule.matches, backends });
  });
  const first = problems[0];
  const refsVerdict = first ? FALSE(first.reason, problems.map((problem) => problem.message).join('; ')) : TRUE('ResolvedRefs', 'all references resolved');
  const rulesVerdict = FALSE('UnsupportedValue', unsupported.join('; ') || 'the route has no rules');
  return {
    rules,
    rulesVerdict,
    refsVerdict,
    ...(unsupported.length > 0 && rules.length > 0 ? { partiallyInvalid: TRUE('UnsupportedValue', `${unsupported.join('; ')}: these rules are dropped`) } : {}),
  };
}

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** A backendRef and why it is invalid if it is (HTTPBackendRef in httproute_types.go): InvalidKind, RefNotPermitted, BackendNotFound. */
function resolveBackend(ref: BackendRef, namespace: string, services: Map<string, KubeObject>, problems: { reason: string; message: string }[]): ServedBackend {
  const served: ServedBackend = { ref, weight: ref.weight };
  if (ref.group !== '' || ref.kind !== 'Service') {
    problems.push({
      reason: 'InvalidKind',
      message: `backendRef ${ref.name}: kind ${ref.group ? `${ref.kind}.${ref.group}` : ref.kind} is not supported, only Service`,
    });
    return served;
  }
  const targetNamespace = ref.namespace ?? namespace;
  if (targetNamespace !== namespace) {
    problems.push({
      reason: 'RefNotPermitted',
      message: `backendRef ${targetNamespace}/${ref.name}: a reference to another namespace needs a ReferenceGrant, which the emulator does not serve`,
    });
    return served;
  }
  const service = services.get(`${targetNamespace}/${ref.name}`);
  if (!service) {
    problems.push({ reason: 'BackendNotFound', message: `backendRef ${ref.name}: service "${targetNamespace}/${ref.name}" not found` });
    return served;
  }
  const port = Number(ref.port);
  if (!((service.spec?.ports ?? []) as { port: number }[]).some((p) => Number(p.port) === port)) {
    problems.push({ reason: 'BackendNotFound', message: `backendRef ${ref.name}: service "${targetNamespace}/${ref.name}" has no port ${port}` });
    return served;
  }
  return { ...served, service: { namespace: targetNamespace, name: ref.name, port } };
}
