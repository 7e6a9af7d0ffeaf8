import { ApiError } from '../errors.js';
import type { KubeObject } from '../store.js';

/**
 * The Gateway API objects as this emulator reads them (gateway.networking.k8s.io/v1, standard
 * channel), and the defaulting and validation its CRDs make the API server apply on every write
 * (config/crd/standard/gateway.networking.k8s.io_*.yaml in kubernetes-sigs/gateway-api).
 */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** The `spec.controllerName` a GatewayClass names to be served by this emulator. */
export const EMULATOR_CONTROLLER_NAME = 'emulator.inventory-devops/gateway-controller';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

export interface Listener {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  allowedRoutes: {
    namespaces: { from: 'Same' | 'All' | 'Selector' | string; selector?: Record<string, unknown> };
    kinds?: { group?: string; kind: string }[];
  };
}

export interface ParentRef {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

export interface BackendRef {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
  port?: number;
  weight: number;
}

export interface PathMatch {
  type: 'Exact' | 'PathPrefix' | 'RegularExpression' | string;
  value: string;
}

export interface ValueMatch {
  type: 'Exact' | 'RegularExpression' | string;
  name: string;
  value: string;
}

export interface RouteMatch {
  path: PathMatch;
  headers?: ValueMatch[];
  queryParams?: ValueMatch[];
  method?: string;
}

export interface RouteRule {
  matches: RouteMatch[];
  filters?: unknown[];
  backendRefs?: BackendRef[];
}

const WAITING = (type: string): Condition => ({
  type,
  status: 'Unknown',
  reason: 'Pending',
  message: 'Waiting for controller',
  lastTransitionTime: '1970-01-01T00:00:00Z',
});

const DEFAULT_PATH: PathMatch = { type: 'PathPrefix', value: '/' };
const MAX_WEIGHT = 1_000_000;

/** CRD defaulting and the validations a route's users can trip over; called for every write of a Gateway API kind. */
export function admitGatewayApi(object: KubeObject, previous: KubeObject | undefined): void {
  // With a status subresource, a create ignores the status sent and gets the schema's default.
  if (!previous) delete object.status;
  const spec = object.spec as Record<string, unknown> | undefined;
  for (const field of ['listeners', 'addresses', 'parentRefs', 'rules', 'hostnames']) {
    const value = spec?.[field];
    if (value !== undefined && !Array.isArray(value)) {
      throw invalidObject(object, [
        { field: `spec.${field}`, message: `Invalid value: ${JSON.stringify(typeof value)}: spec.${field} in body must be of type array` },
      ]);
    }
  }
  switch (object.kind) {
    case 'GatewayClass':
      if (!previous) object.status = { conditions: [WAITING('Accepted')] };
      break;
    case 'Gateway':
      defaultGateway(object);
      validateGateway(object);
      if (!previous) object.status = { conditions: [WAITING('Accepted'), WAITING('Programmed')] };
      break;
    case 'HTTPRoute':
      defaultHttpRoute(object);
      validateHttpRoute(object);
      break;
  }
}

function defaultGateway(object: KubeObject): void {
  const spec = (object.spec ??= {});
  for (const address of (spec.addresses ?? []) as { type?: string }[]) address.type ??= 'IPAddress';
  for (const listener of (spec.listeners ?? []) as Partial<Listener>[]) {
    const allowed = (listener.allowedRoutes ??= { namespaces: { from: 'Same' } });
    allowed.namespaces ??= { from: 'Same' };
    allowed.namespaces.from ??= 'Same';
    for (const kind of allowed.kinds ?? []) kind.group ??= GATEWAY_GROUP;
  }
}

function defaultHttpRoute(object: KubeObject): void {
  const spec = (object.spec ??= {});
  for (const parent of (spec.parentRefs ?? []) as Partial<ParentRef>[]) {
    parent.group ??= GATEWAY_GROUP;
    parent.kind ??= 'Gateway';
  }
  spec.rules ??= [{ matches: [{ path: { ...DEFAULT_PATH } }] }];
  for (const rule of spec.rules as Partial<RouteRule>[]) {
    rule.matches ??= [{ path: { ...DEFAULT_PATH } }];
    for (const match of rule.matches as Partial<RouteMatch>[]) {
      match.path ??= { ...DEFAULT_PATH };
      match.path.type ??= 'PathPrefix';
      match.path.value ??= '/';
      for (const header of match.headers ?? []) header.type ??= 'Exact';
      for (const parameter of match.queryParams ?? []) parameter.type ??= 'Exact';
    }
    for (const backend of (rule.backendRefs ?? []) as Partial<BackendRef>[]) {
      backend.group ??= '';
      backend.kind ??= 'Service';
      backend.weight ??= 1;
    }
  }
}

/** A port as the CRDs' PortNumber: an integer 1–65535 (`field` is its path). */
function checkPort(value: unknown, field: string, problems: Cause[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.push({ field, message: `Invalid value: ${JSON.stringify(value)}: ${field} in body must be of type integer` });
  } else if (value < 1 || value > 65535) {
    problems.push({
      field,
      message: `Invalid value: ${value}: ${field} in body should be ${value < 1 ? 'greater than or equal to 1' : 'less than or equal to 65535'}`,
    });
  }
}

function validateGateway(object: KubeObject): void {
  const problems: Cause[] = [];
  ((object.spec.listeners ?? []) as Partial<Listener>[]).forEach((listener, index) => {
    for (const field of ['name', 'protocol'] as const) {
      if (typeof listener[field] !== 'string' || listener[field] === '')
        problems.push({ field: `spec.listeners[${index}].${field}`, message: 'Required value' });
    }
    checkPort(listener.port, `spec.listeners[${index}].port`, problems);
  });
  if (problems.length > 0) throw invalidObject(object, problems);
}

/** The schema checks (OpenAPI bounds and CEL rules) on backendRefs and paths, with the API server's messages. */
function validateHttpRoute(object: KubeObject): void {
  const problems: Cause[] = [];
  ((object.spec.parentRefs ?? []) as Partial<ParentRef>[]).forEach((parent, index) => {
    if (parent.port !== undefined) checkPort(parent.port, `spec.parentRefs[${index}].port`, problems);
  });
  (object.spec.rules as RouteRule[]).forEach((rule, ruleIndex) => {
    (rule.backendRefs ?? []).forEach((backend, index) => {
      const field = `spec.rules[${ruleIndex}].backendRefs[${index}]`;
      const weight: unknown = backend.weight;
      if (typeof weight !== 'number' || !Number.isInteger(weight)) {
        problems.push({ field: `${field}.weight`, message: `Invalid value: ${JSON.stringify(weight)}: ${field}.weight in body must be of type integer` });
      } else if (weight < 0 || weight > MAX_WEIGHT) {
        const bound = weight < 0 ? 'greater than or equal to 0' : `less than or equal to ${MAX_WEIGHT}`;
        problems.push({ field: `${field}.weight`, message: `Invalid value: ${weight}: ${field}.weight in body should be ${bound}` });
      }
      if (backend.group === '' && backend.kind === 'Service' && backend.port === undefined) {
        problems.push({ field, message: 'Invalid value: "object": Must have port for Service reference' });
      } else if (backend.port !== undefined) {
        checkPort(backend.port, `${field}.port`, problems);
      }
    });
    rule.matches.forEach((match, index) => {
      const value: unknown = match.path.value;
      if (match.path.type !== 'RegularExpression' && (typeof value !== 'string' || !value.startsWith('/'))) {
        problems.push({
          field: `spec.rules[${ruleIndex}].matches[${index}].path`,
          message: `Invalid value: "object": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']`,
        });
      }
    });
  });
  if (problems.length > 0) throw invalidObject(object, problems);
}

interface Cause {
  field: string;
  message: string;
}

/** A 422 as apimachinery's errors.NewInvalid builds it: kubectl prints the causes, one per line. */
function invalidObject(object: KubeObject, causes: Cause[]): ApiError {
  const listed = causes.map((cause) => `${cause.field}: ${cause.message}`);
  return new ApiError(
    422,
    'Invalid',
    `${object.kind}.${GATEWAY_GROUP} "${object.metadata.name}" is invalid: ${listed.length === 1 ? listed[0] : `[${listed.join(', ')}]`}`,
    {
      name: object.metadata.name,
      group: GATEWAY_GROUP,
      kind: object.kind,
      causes: causes.map((cause) => ({ reason: 'FieldValueInvalid', message: cause.message, field: cause.field })),
    },
  );
}
