/** The resource types the emulator serves: discovery, OpenAPI and routing are all derived from this table. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural name used in URLs, e.g. `deployments`. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: Subresource[];
  /** Top-level fields besides apiVersion/kind/metadata; anything else is an unknown field under `fieldValidation=Strict`. */
  fields: string[];
  /** Served as a CustomResourceDefinition would be (no strategic merge patch), e.g. the Gateway API kinds. */
  custom: boolean;
  /** Verbs discovery lists; default all (the reviews are create-only). */
  verbs?: string[];
}

export interface Subresource {
  name: 'status' | 'scale' | 'log' | 'proxy' | 'token';
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const SPEC_STATUS = ['spec', 'status'];
const status = (kind: string): Subresource => ({ name: 'status', kind, verbs: ['get', 'patch', 'update'] });
const scale: Subresource = { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] };
const proxy: Subresource = { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] };

function type(
  group: string,
  version: string,
  resource: string,
  kind: string,
  options: Partial<Pick<ResourceType, 'namespaced' | 'shortNames' | 'categories' | 'subresources' | 'fields' | 'custom' | 'verbs'>> = {},
): ResourceType {
  return {
    group,
    version,
    resource,
    singular: kind.toLowerCase(),
    kind,
    namespaced: options.namespaced ?? true,
    shortNames: options.shortNames ?? [],
    categories: options.categories ?? [],
    subresources: options.subresources ?? [],
    fields: options.fields ?? SPEC_STATUS,
    custom: options.custom ?? false,
    ...(options.verbs ? { verbs: options.verbs } : {}),
  };
}

export const RESOURCE_TYPES: ResourceType[] = [
  type('', 'v1', 'namespaces', 'Namespace', { namespaced: false, shortNames: ['ns'], subresources: [status('Namespace')] }),
  type('', 'v1', 'pods', 'Pod', {
    shortNames: ['po'],
    categories: ['all'],
    subresources: [status('Pod'), { name: 'log', kind: 'Pod', verbs: ['get'] }, { ...proxy, kind: 'PodProxyOptions' }],
  }),
  type('', 'v1', 'services', 'Service', {
    shortNames: ['svc'],
    categories: ['all'],
    subresources: [status('Service'), { ...proxy, kind: 'ServiceProxyOptions' }],
  }),
  type('', 'v1', 'endpoints', 'Endpoints', { shortNames: ['ep'], fields: ['subsets'] }),
  type('', 'v1', 'configmaps', 'ConfigMap', { shortNames: ['cm'], fields: ['data', 'binaryData', 'immutable'] }),
  type('', 'v1', 'secrets', 'Secret', { fields: ['data', 'stringData', 'type', 'immutable'] }),
  type('', 'v1', 'serviceaccounts', 'ServiceAccount', {
    shortNames: ['sa'],
    fields: ['secrets', 'imagePullSecrets', 'automountServiceAccountToken'],
    subresources: [{ name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] }],
  }),
  type('', 'v1', 'nodes', 'Node', { namespaced: false, shortNames: ['no'], subresources: [status('Node')] }),
  type('', 'v1', 'resourcequotas', 'ResourceQuota', { shortNames: ['quota'], subresources: [status('ResourceQuota')] }),
  type('', 'v1', 'limitranges', 'LimitRange', { shortNames: ['limits'], fields: ['spec'] }),
  type('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', { shortNames: ['pvc'], subresources: [status('PersistentVolumeClaim')] }),
  type('', 'v1', 'events', 'Event', {
    shortNames: ['ev'],
    fields: [
      'involvedObject',
      'reason',
      'message',
      'source',
      'firstTimestamp',
      'lastTimestamp',
      'count',
      'type',
      'eventTime',
      'series',
      'action',
      'related',
      'reportingComponent',
      'reportingInstance',
    ],
  }),
  type('apps', 'v1', 'deployments', 'Deployment', {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: [status('Deployment'), scale],
  }),
  type('apps', 'v1', 'replicasets', 'ReplicaSet', {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: [status('ReplicaSet'), scale],
  }),
  type('apps', 'v1', 'statefulsets', 'StatefulSet', {
    shortNames: ['sts'],
    categories: ['all'],
    subresources: [status('StatefulSet'), scale],
  }),
  type('apps', 'v1', 'controllerrevisions', 'ControllerRevision', { fields: ['data', 'revision'] }),
  type('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', {
    shortNames: ['hpa'],
    categories: ['all'],
    subresources: [status('HorizontalPodAutoscaler')],
  }),
  type('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', { shortNames: ['pdb'], subresources: [status('PodDisruptionBudget')] }),
  type('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', { shortNames: ['netpol'] }),
  type('networking.k8s.io', 'v1', 'ingresses', 'Ingress', { shortNames: ['ing'], subresources: [status('Ingress')] }),
  type('batch', 'v1', 'jobs', 'Job', { categories: ['all'], subresources: [status('Job')] }),
  type('batch', 'v1', 'cronjobs', 'CronJob', { shortNames: ['cj'], categories: ['all'], subresources: [status('CronJob')] }),
  type('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', { fields: ['rules'] }),
  type('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', { fields: ['roleRef', 'subjects'] }),
  type('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', { namespaced: false, fields: ['rules', 'aggregationRule'] }),
  type('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', { namespaced: false, fields: ['roleRef', 'subjects'] }),
  // Gateway API (standard channel CRDs, config/crd/standard in kubernetes-sigs/gateway-api).
  type('gateway.networking.k8s.io', 'v1', 'gatewayclasses', 'GatewayClass', {
    namespaced: false,
    shortNames: ['gc'],
    categories: ['gateway-api'],
    subresources: [status('GatewayClass')],
    custom: true,
  }),
  type('gateway.networking.k8s.io', 'v1', 'gateways', 'Gateway', {
    shortNames: ['gtw'],
    categories: ['gateway-api'],
    subresources: [status('Gateway')],
    custom: true,
  }),
  type('gateway.networking.k8s.io', 'v1', 'httproutes', 'HTTPRoute', { categories: ['gateway-api'], subresources: [status('HTTPRoute')], custom: true }),
  // Reviews are answered, never stored (api/reviews.ts).
  type('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', { namespaced: false, verbs: ['create'] }),
  type('authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', { namespaced: false, verbs: ['create'] }),
  type('authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', { namespaced: false, verbs: ['create'], fields: ['status'] }),
];

/** Kinds the API server answers instead of storing. */
export const REVIEW_RESOURCES = new Set(['selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'selfsubjectreviews']);

export const VERBS = ALL_VERBS;

export function groupVersion(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

export function findType(group: string, version: string, resource: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.resource === resource);
}

export function typeByName(resource: string): ResourceType {
  const found = RESOURCE_TYPES.find((t) => t.resource === resource);
  if (!found) throw new Error(`unknown resource type ${resource}`);
  return found;
}

export function typeOfKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => groupVersion(t) === apiVersion && t.kind === kind);
}

export const TYPES = {
  namespaces: typeByName('namespaces'),
  pods: typeByName('pods'),
  services: typeByName('services'),
  endpoints: typeByName('endpoints'),
  configmaps: typeByName('configmaps'),
  secrets: typeByName('secrets'),
  events: typeByName('events'),
  deployments: typeByName('deployments'),
  replicasets: typeByName('replicasets'),
  statefulsets: typeByName('statefulsets'),
  controllerrevisions: typeByName('controllerrevisions'),
  gatewayclasses: typeByName('gatewayclasses'),
  gateways: typeByName('gateways'),
  httproutes: typeByName('httproutes'),
  jobs: typeByName('jobs'),
  nodes: typeByName('nodes'),
  resourcequotas: typeByName('resourcequotas'),
  limitranges: typeByName('limitranges'),
};

/** Every group/version served: those of the resource types, and autoscaling/v1 for Scale. */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const type of RESOURCE_TYPES) seen.set(groupVersion(type), { group: type.group, version: type.version });
  // Scale lives in autoscaling/v1; kubectl resolves its kind through discovery.
  seen.set('autoscaling/v1', { group: 'autoscaling', version: 'v1' });
  return [...seen.values()];
}
