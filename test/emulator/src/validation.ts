import { KeyedObject, type KeyedJson } from './duplicate-keys.js';
import { ApiError } from './errors.js';
import { invalidValue, otherKindCauses, type Cause } from './kind-validation.js';
import { mergeKeyOf, type Json } from './patch.js';
import type { ResourceType } from './resources.js';
import type { KubeObject } from './store.js';

/**
 * The shape of the kinds the suite deploys, as far as the API server decodes them: `true` is a
 * field whose value is not looked into (a string, a map such as labels, or a part not modelled
 * here), an object is a nested struct, a one-element array a list of structs. Field names from
 * the core/v1 and apps/v1 Go types (staging/src/k8s.io/api/{core,apps}/v1/types.go).
 */
type Shape = true | { [field: string]: Shape } | [Shape];

const fields = (names: string, nested: Record<string, Shape> = {}): Record<string, Shape> => ({
  ...Object.fromEntries(
    names
      .split(/\s+/)
      .filter(Boolean)
      .map((name) => [name, true as Shape]),
  ),
  ...nested,
});

const METADATA = fields(
  'name generateName namespace uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences finalizers managedFields selfLink',
);
const HTTP_GET = fields('path port host scheme httpHeaders');
const HANDLER = { exec: fields('command'), httpGet: HTTP_GET, tcpSocket: fields('port host'), grpc: fields('port service') };
const PROBE = fields('initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds', HANDLER);
const LIFECYCLE_HANDLER = fields('', { ...HANDLER, sleep: fields('seconds') });
const CONTAINER = fields(
  'name image command args workingDir envFrom resizePolicy restartPolicy volumeMounts volumeDevices terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty',
  {
    ports: [fields('name hostPort containerPort protocol hostIP')],
    env: [fields('name value valueFrom')],
    resources: fields('limits requests claims'),
    livenessProbe: PROBE,
    readinessProbe: PROBE,
    startupProbe: PROBE,
    lifecycle: fields('stopSignal', { postStart: LIFECYCLE_HANDLER, preStop: LIFECYCLE_HANDLER }),
  },
);
const POD_SPEC = fields(
  'volumes ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims resources',
  { containers: [CONTAINER], initContainers: [CONTAINER] },
);
const TEMPLATE = { metadata: METADATA, spec: POD_SPEC };
const LABEL_SELECTOR = fields('matchLabels', { matchExpressions: [fields('key operator values')] });
const JOB_SPEC = fields(
  'parallelism completions activeDeadlineSeconds podFailurePolicy successPolicy backoffLimit backoffLimitPerIndex maxFailedIndexes manualSelector ttlSecondsAfterFinished completionMode suspend podReplacementPolicy managedBy',
  { selector: LABEL_SELECTOR, template: TEMPLATE },
);
const SCALING_RULES = fields('stabilizationWindowSeconds selectPolicy tolerance', { policies: [fields('type value periodSeconds')] });
const METRIC_TARGET = fields('type value averageValue averageUtilization');
const NETWORK_POLICY_PORT = fields('protocol port endPort');
const NETWORK_POLICY_PEER = fields('', { podSelector: LABEL_SELECTOR, namespaceSelector: LABEL_SELECTOR, ipBlock: fields('cidr except') });
const INGRESS_BACKEND = fields('resource', { service: fields('name', { port: fields('name number') }) });
const POLICY_RULE = fields('verbs apiGroups resources resourceNames nonResourceURLs');
const BINDING: Record<string, Shape> = { roleRef: fields('apiGroup kind name'), subjects: [fields('kind apiGroup name namespace')] };
/** Other kinds, to their spec's first levels and deeper where the suite's manifests go (batch/v1, autoscaling/v2, policy/v1, networking/v1, core/v1, rbac/v1 types.go). */
const OTHER_SHAPES: Record<string, Record<string, Shape>> = {
  Job: { spec: JOB_SPEC, status: true },
  CronJob: {
    spec: fields('schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend successfulJobsHistoryLimit failedJobsHistoryLimit', {
      jobTemplate: { metadata: METADATA, spec: JOB_SPEC },
    }),
    status: true,
  },
  HorizontalPodAutoscaler: {
    spec: fields('minReplicas maxReplicas', {
      scaleTargetRef: fields('kind name apiVersion'),
      metrics: [
        fields('type object pods external', {
          resource: fields('name', { target: METRIC_TARGET }),
          containerResource: fields('name container', { target: METRIC_TARGET }),
        }),
      ],
      behavior: { scaleUp: SCALING_RULES, scaleDown: SCALING_RULES },
    }),
    status: true,
  },
  PodDisruptionBudget: { spec: fields('minAvailable maxUnavailable unhealthyPodEvictionPolicy', { selector: LABEL_SELECTOR }), status: true },
  NetworkPolicy: {
    spec: fields('policyTypes', {
      podSelector: LABEL_SELECTOR,
      ingress: [{ ports: [NETWORK_POLICY_PORT], from: [NETWORK_POLICY_PEER] }],
      egress: [{ ports: [NETWORK_POLICY_PORT], to: [NETWORK_POLICY_PEER] }],
    }),
  },
  Ingress: {
    spec: fields('ingressClassName', {
      defaultBackend: INGRESS_BACKEND,
      tls: [fields('hosts secretName')],
      rules: [fields('host', { http: { paths: [fields('path pathType', { backend: INGRESS_BACKEND })] } })],
    }),
    status: true,
  },
  PersistentVolumeClaim: {
    spec: fields('accessModes volumeName storageClassName volumeMode dataSource dataSourceRef volumeAttributesClassName', {
      selector: LABEL_SELECTOR,
      resources: fields('limits requests'),
    }),
    status: true,
  },
  ServiceAccount: { secrets: [fields('kind namespace name uid apiVersion resourceVersion fieldPath')], imagePullSecrets: [fields('name')] },
  Role: { rules: [POLICY_RULE] },
  ClusterRole: { rules: [POLICY_RULE], aggregationRule: { clusterRoleSelectors: [LABEL_SELECTOR] } },
  RoleBinding: BINDING,
  ClusterRoleBinding: BINDING,
};
const SHAPES: Record<string, Record<string, Shape>> = {
  Pod: { spec: POD_SPEC, status: true },
  Deployment: {
    spec: fields('replicas selector minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds', {
      template: TEMPLATE,
      strategy: fields('type', { rollingUpdate: fields('maxUnavailable maxSurge') }),
    }),
    status: true,
  },
  ReplicaSet: { spec: fields('replicas minReadySeconds selector', { template: TEMPLATE }), status: true },
  StatefulSet: {
    spec: fields(
      'replicas selector volumeClaimTemplates serviceName podManagementPolicy updateStrategy revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy ordinals',
      {
        template: TEMPLATE,
      },
    ),
    status: true,
  },
  Service: {
    spec: fields(
      'selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution',
      { ports: [fields('name protocol appProtocol port targetPort nodePort')] },
    ),
    status: true,
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface UnknownField {
  path: string;
  parent: Record<string, unknown>;
  key: string;
}

function unknownIn(value: unknown, shape: Shape, path: string, found: UnknownField[], sorted: boolean): void {
  if (shape === true) return;
  if (Array.isArray(shape)) {
    if (Array.isArray(value)) value.forEach((item, index) => unknownIn(item, shape[0], `${path}[${index}]`, found, sorted));
    return;
  }
  if (!isObject(value)) return;
  const keys = sorted ? Object.keys(value).sort() : Object.keys(value);
  for (const key of keys) {
    const field = path ? `${path}.${key}` : key;
    const known = shape[key];
    if (known === undefined) found.push({ path: field, parent: value, key });
    else unknownIn(value[key], known, field, found, sorted);
  }
}

function topShape(type: ResourceType): Record<string, Shape> {
  return {
    apiVersion: true,
    kind: true,
    metadata: METADATA,
    ...Object.fromEntries(type.fields.map((f) => [f, true as Shape])),
    ...SHAPES[type.kind],
    ...OTHER_SHAPES[type.kind],
  };
}

/** Every field the API server would not decode, as strict decoding names them (`spec.template.spec.containers[0].imagePullPolcy`). */
function unknownFields(type: ResourceType, object: KubeObject, sorted = false): UnknownField[] {
  const found: UnknownField[] = [];
  unknownIn(object, topShape(type), '', found, sorted);
  return found;
}

/** sigs.k8s.io/json keeps at most 100 strict errors, each once. */
const MAX_STRICT_ERRORS = 100;

function strictIn(node: KeyedJson, shape: Shape, path: string, found: Set<string>): void {
  if (found.size >= MAX_STRICT_ERRORS) return;
  if (Array.isArray(node)) {
    const itemShape = Array.isArray(shape) ? shape[0] : true;
    node.forEach((item, index) => strictIn(item, itemShape, `${path}[${index}]`, found));
    return;
  }
  if (!(node instanceof KeyedObject)) return;
  const struct = shape !== true && !Array.isArray(shape) ? shape : undefined;
  const seen = new Set<string>();
  for (const [key, value] of node.entries) {
    const field = path ? `${path}.${key}` : key;
    const known = struct ? struct[key] : true;
    // A field the type does not have is skipped whole: its duplicates go unreported.
    if (known === undefined) {
      found.add(`unknown field ${JSON.stringify(field)}`);
      continue;
    }
    if (seen.has(key)) found.add(`duplicate field ${JSON.stringify(field)}`);
    seen.add(key);
    strictIn(value, known, field, found);
  }
}

/**
 * Strict decoding of a JSON body into the kind, as sigs.k8s.io/json's UnmarshalStrict reports it
 * (internal/golang/encoding/json/kubernetes_patch.go): unknown and duplicate fields in document
 * order, by path; maps and untyped values have their duplicates reported too.
 */
export function strictDecodingErrors(type: ResourceType, body: KeyedJson): string[] {
  const found = new Set<string>();
  strictIn(body, topShape(type), '', found);
  return [...found];
}

/** Duplicate keys in a patch, decoded into a map (patch.go's kjson.UnmarshalStrict into map[string]interface{}). */
export function patchDuplicateErrors(patch: KeyedJson): string[] {
  const found = new Set<string>();
  strictIn(patch, true, '', found);
  return [...found];
}

const JSON_PATCH_OPERATION: Shape = [fields('op path from', { value: true })];

/** A JSON patch's operations decoded strictly, each error prefixed `json patch` (patch.go applyJSPatch). */
export function jsonPatchStrictErrors(patch: KeyedJson): string[] {
  const found = new Set<string>();
  strictIn(patch, JSON_PATCH_OPERATION, '', found);
  return [...found].map((error) => `json patch ${error}`);
}

/** The unknown fields of an object the server re-encoded from a map (a patched object, YAML turned into JSON): keys in sorted order. */
export function sortedUnknownFieldErrors(type: ResourceType, object: KubeObject): string[] {
  return unknownFields(type, object, true).map((field) => `unknown field "${field.path}"`);
}

/**
 * The keys of the lists the schema makes associative (`x-kubernetes-list-type: map` or a patch
 * merge key), which structured-merge-diff prints in a path as `[name="app"]`; other lists print
 * their index. A key the item omits takes its schema default (`protocol` TCP).
 */
function listKeys(field: string, item: Record<string, unknown>): [string, unknown][] | undefined {
  const key = mergeKeyOf(field, [item as Json]);
  if (!key || item[key] === undefined) return undefined;
  return key === 'containerPort' || key === 'port'
    ? [
        [key, item[key]],
        ['protocol', item.protocol ?? 'TCP'],
      ]
    : [[key, item[key]]];
}

function typedUnknownIn(value: unknown, shape: Shape, path: string, field: string, found: string[]): void {
  if (shape === true) return;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return;
    value.forEach((item, index) => {
      const keys = isObject(item) ? listKeys(field, item) : undefined;
      const element = keys ? `[${keys.map(([key, keyValue]) => `${key}=${JSON.stringify(keyValue)}`).join(',')}]` : `[${index}]`;
      typedUnknownIn(item, shape[0], `${path}${element}`, field, found);
    });
    return;
  }
  if (!isObject(value)) return;
  for (const key of Object.keys(value).sort()) {
    const known = shape[key];
    if (known === undefined) found.push(`${path}.${key}: field not declared in schema`);
    else typedUnknownIn(value[key], known, `${path}.${key}`, key, found);
  }
}

/**
 * Server-side apply turns the applied configuration into a typed value before anything else
 * (structuredMergeManager.Apply, apimachinery/pkg/util/managedfields/internal/structuredmerge.go):
 * a field the schema does not declare fails that conversion whatever `fieldValidation` says, with
 * a plain error the API server answers as a 500 without a reason (responsewriters' ErrorToAPIStatus).
 * Several errors are listed as structured-merge-diff's ValidationErrors writes them.
 */
export function checkTypedApply(type: ResourceType, applied: KubeObject): void {
  const found: string[] = [];
  typedUnknownIn(applied, topShape(type), '', '', found);
  if (found.length === 0) return;
  const gvk = `${type.group}/${type.version}, Kind=${type.kind}`;
  const names = `${applied.metadata?.namespace ?? ''}/${applied.metadata?.name ?? ''}`;
  const errors = found.length === 1 ? found[0] : ['errors:', ...found.map((error) => `  ${error}`)].join('\n');
  throw new ApiError(500, '', `failed to create typed patch object (${names}; ${gvk}): ${errors}`);
}

/** strconv.Quote, as Go's `%q` writes a string: control and non-printable characters escaped, the rest kept. */
export function goQuote(text: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let quoted = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') quoted += `\\${char}`;
    else if (named[char]) quoted += named[char];
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0x2028 || code === 0x2029 || (code >= 0x80 && code <= 0x9f)) quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    else quoted += char;
  }
  return `${quoted}"`;
}

/** encoding/json's Marshal of a decoded map: keys sorted, `<`, `>` and `&` escaped for HTML. */
export function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(byBytes);
    return `{${keys.map((key) => `${goJson(key)}:${goJson(value[key])}`).join(',')}}`;
  }
  return (JSON.stringify(value) ?? 'null').replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Compares two strings as Go does (byte order), not by locale. */
export const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A float64 as Go's `%v` writes it: the shortest digits, in exponent form below 1e-4 and from 1e21. */
function goFloat(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e21)) {
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(value);
}

/** fmt's `%+v` of a patch decoded into map[string]interface{} (integers kept as int64): `map[spec:map[replicas:2]]`. */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (isObject(value))
    return `map[${Object.keys(value)
      .sort(byBytes)
      .map((key) => `${key}:${goValue(value[key])}`)
      .join(' ')}]`;
  if (typeof value === 'number') return goFloat(value);
  return String(value);
}

/**
 * A patch whose result does not decode strictly, under `fieldValidation=Strict`: a 422 naming the
 * field `patch` (errors.NewInvalid with an empty kind and name), whose value is the patched object's
 * JSON for JSON and merge patches and the decoded patch for strategic merge patches
 * (apiserver/pkg/endpoints/handlers/patch.go, jsonPatcher.applyPatchToCurrentObject and applyPatchToObject).
 */
export function patchStrictError(value: string, errors: string[]): ApiError {
  const message = `Invalid value: ${goQuote(value)}: strict decoding error: ${errors.join(', ')}`;
  return new ApiError(422, 'Invalid', ` "" is invalid: patch: ${message}`, { causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }] });
}

const YAML_ERRORS_PREFIX = 'yaml: unmarshal errors:\n';

/** One error of go-yaml v2 listing its duplicate keys (yaml.TypeError). */
export function yamlStrictError(lines: string[]): string | undefined {
  return lines.length > 0 ? `${YAML_ERRORS_PREFIX}  ${lines.join('\n  ')}` : undefined;
}

/** parseYAMLWarnings (apiserver endpoints/handlers/helpers.go): a YAML error becomes one warning per line. */
export function strictDecodingWarnings(error: string): string[] {
  const start = error.indexOf(YAML_ERRORS_PREFIX);
  if (start < 0) return [error];
  return error
    .slice(start + YAML_ERRORS_PREFIX.length)
    .split('\n')
    .map((line) => line.trim());
}

/**
 * `fieldValidation`: Strict rejects unknown and duplicate fields with the decoder's 400, Warn (the
 * default when the parameter is absent) drops unknown fields with one `Warning` header each,
 * Ignore drops them silently, as the API reference for the parameter describes (Strict/Warn/
 * Ignore, default Warn). `reported` is what strict decoding of the request body found, when the
 * caller read it; else the unknown fields of the object. Returns the warnings to send.
 */
export function checkFieldValidation(type: ResourceType, object: KubeObject, mode: string | null, reported?: string[]): string[] {
  const found = unknownFields(type, object);
  const errors = reported ?? found.map((field) => `unknown field "${field.path}"`);
  if (mode !== 'Strict') {
    // What the decoder does not know is not stored.
    for (const field of found) delete field.parent[field.key];
    return mode === 'Ignore' ? [] : errors.flatMap(strictDecodingWarnings);
  }
  if (errors.length === 0) return [];
  throw new ApiError(
    400,
    'BadRequest',
    `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${errors.join(', ')}`,
  );
}

/** A `Warning` header value as the API server writes it (RFC 7234 code 299, agent `-`). */
export function warningHeader(text: string): string {
  return `299 - ${JSON.stringify(text)}`;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const PORT_MESSAGE = 'must be between 1 and 65535, inclusive';

/** validation.IsValidPortName (apimachinery/pkg/util/validation): its first complaint. */
function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

function checkPort(causes: Cause[], field: string, value: unknown, named: boolean): void {
  if (value === undefined) return;
  if (typeof value === 'string' && named) {
    const problem = portNameProblem(value);
    if (problem) causes.push(invalidValue(field, value, problem));
    return;
  }
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535) causes.push(invalidValue(field, value, PORT_MESSAGE));
}

function podSpecCauses(spec: unknown, path: string): Cause[] {
  const causes: Cause[] = [];
  if (!isObject(spec)) return causes;
  for (const list of ['initContainers', 'containers']) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container: unknown, index) => {
      if (!isObject(container)) return;
      const at = `${path}.${list}[${index}]`;
      if (typeof container.name !== 'string' || !DNS1123_LABEL.test(container.name) || container.name.length > 63)
        causes.push(invalidValue(`${at}.name`, container.name ?? '', LABEL_MESSAGE));
      if (Array.isArray(container.ports))
        container.ports.forEach((port: unknown, portIndex) => {
          if (isObject(port)) checkPort(causes, `${at}.ports[${portIndex}].containerPort`, port.containerPort, false);
        });
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const handler = container[probe];
        if (isObject(handler) && isObject(handler.httpGet)) checkPort(causes, `${at}.${probe}.httpGet.port`, handler.httpGet.port, true);
        if (isObject(handler) && isObject(handler.tcpSocket)) checkPort(causes, `${at}.${probe}.tcpSocket.port`, handler.tcpSocket.port, true);
      }
    });
  }
  return causes;
}

/** Resource quantities fail decoding, before validation, as resource.Quantity's UnmarshalJSON does. */
function checkQuantities(type: ResourceType, spec: unknown): void {
  if (!isObject(spec)) return;
  for (const list of ['initContainers', 'containers']) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const container of containers) {
      const resources = isObject(container) ? container.resources : undefined;
      if (!isObject(resources)) continue;
      for (const group of [resources.requests, resources.limits]) {
        if (!isObject(group)) continue;
        for (const quantity of Object.values(group)) {
          if (typeof quantity === 'number' || (typeof quantity === 'string' && QUANTITY.test(quantity))) continue;
          throw new ApiError(
            400,
            'BadRequest',
            `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
          );
        }
      }
    }
  }
}

/**
 * The value checks of the API server's validation (pkg/apis/core/validation, pkg/apis/apps/
 * validation) for the fields the suite's manifests use: object names, container names, ports
 * (1–65535, or a named port), and resource quantities. A 422 lists every cause, as the real one.
 */
export function validateValues(type: ResourceType, object: KubeObject): void {
  const pod = type.kind === 'Pod' ? object.spec : object.spec?.template?.spec;
  if (['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet'].includes(type.kind)) checkQuantities(type, pod);
  const causes: Cause[] = [];
  const name = object.metadata?.name ?? '';
  if (name && !object.metadata.generateName) {
    if (type.kind === 'Service' && !DNS1035_LABEL.test(name)) causes.push(invalidValue('metadata.name', name, DNS1035_MESSAGE));
    else if (type.kind !== 'Service' && (!DNS1123_SUBDOMAIN.test(name) || name.length > 253))
      causes.push(invalidValue('metadata.name', name, SUBDOMAIN_MESSAGE));
  }
  if (type.kind === 'Pod') causes.push(...podSpecCauses(object.spec, 'spec'));
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'Job'].includes(type.kind)) causes.push(...podSpecCauses(object.spec?.template?.spec, 'spec.template.spec'));
  if (type.kind === 'CronJob') causes.push(...podSpecCauses(object.spec?.jobTemplate?.spec?.template?.spec, 'spec.jobTemplate.spec.template.spec'));
  causes.push(...otherKindCauses(type.kind, object));
  if (type.kind === 'Service' && Array.isArray(object.spec?.ports)) {
    (object.spec.ports as unknown[]).forEach((port, index) => {
      if (!isObject(port)) return;
      checkPort(causes, `spec.ports[${index}].port`, port.port, false);
      checkPort(causes, `spec.ports[${index}].targetPort`, port.targetPort, true);
    });
  }
  if (causes.length === 0) return;
  const qualified = type.group ? `${type.kind}.${type.group}` : type.kind;
  const text = causes.map((cause) => `${cause.field}: ${cause.message}`);
  throw new ApiError(422, 'Invalid', `${qualified} ${JSON.stringify(name)} is invalid: ${text.length === 1 ? text[0] : `[${text.join(', ')}]`}`, {
    name,
    ...(type.group ? { group: type.group } : {}),
    kind: type.kind,
    causes: causes.map((cause) => ({ reason: cause.reason, message: cause.message, field: cause.field })),
  });
}
