/**
 * Value validation of the kinds besides workloads and Services, for the fields the suite and
 * its examples use: the first complaint of each check in the API server's validation
 * (pkg/apis/{autoscaling,rbac,networking,core,batch}/validation), worded as field.Error writes it.
 */
export interface Cause {
  field: string;
  message: string;
  reason: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueNotSupported';
}

type Spec = Record<string, unknown>;

const isObject = (value: unknown): value is Spec => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

export const required = (field: string, detail = ''): Cause => ({
  field,
  message: detail ? `Required value: ${detail}` : 'Required value',
  reason: 'FieldValueRequired',
});
export const invalidValue = (field: string, value: unknown, detail: string): Cause => ({
  field,
  message: `Invalid value: ${show(value)}: ${detail}`,
  reason: 'FieldValueInvalid',
});
const notSupported = (field: string, value: unknown, supported: string[]): Cause => ({
  field,
  message: `Unsupported value: ${show(value)}: supported values: ${supported.map((value) => JSON.stringify(value)).join(', ')}`,
  reason: 'FieldValueNotSupported',
});

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** ValidateHorizontalPodAutoscalerSpec (autoscaling/validation). */
function autoscalerCauses(spec: Spec): Cause[] {
  const causes: Cause[] = [];
  const target = isObject(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
  if (!target.kind) causes.push(required('spec.scaleTargetRef.kind'));
  if (!target.name) causes.push(required('spec.scaleTargetRef.name'));
  const min = spec.minReplicas;
  if (min !== undefined && (typeof min !== 'number' || min < 1)) causes.push(invalidValue('spec.minReplicas', min, 'must be greater than or equal to 1'));
  const max = spec.maxReplicas;
  if (typeof max !== 'number' || max < 1) causes.push(invalidValue('spec.maxReplicas', max ?? 0, 'must be greater than or equal to 1'));
  else if (typeof min === 'number' && max < min) causes.push(invalidValue('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  return causes;
}

/** ValidatePolicyRule (rbac/validation). */
function ruleCauses(rules: unknown, namespaced: boolean): Cause[] {
  return list(rules).flatMap((rule, index) => {
    const at = `rules[${index}]`;
    if (!isObject(rule)) return [];
    const causes: Cause[] = [];
    if (list(rule.verbs).length === 0) causes.push(required(`${at}.verbs`, 'verbs must contain at least one value'));
    const urls = list(rule.nonResourceURLs);
    if (urls.length > 0) {
      if (namespaced) causes.push(invalidValue(`${at}.nonResourceURLs`, JSON.stringify(urls), 'namespaced rules cannot apply to non-resource URLs'));
      return causes;
    }
    if (list(rule.apiGroups).length === 0) causes.push(required(`${at}.apiGroups`, 'resource rules must supply at least one api group'));
    if (list(rule.resources).length === 0) causes.push(required(`${at}.resources`, 'resource rules must supply at least one resource'));
    return causes;
  });
}

/** ValidateRoleBinding / ValidateClusterRoleBinding and ValidateRoleBindingSubject, after v1 defaulting of a subject's apiGroup. */
function bindingCauses(object: Spec, namespaced: boolean): Cause[] {
  const causes: Cause[] = [];
  const roleRef = isObject(object.roleRef) ? object.roleRef : {};
  if (roleRef.apiGroup !== RBAC_GROUP) causes.push(notSupported('roleRef.apiGroup', roleRef.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(String(roleRef.kind))) causes.push(notSupported('roleRef.kind', roleRef.kind ?? '', kinds));
  if (!roleRef.name) causes.push(required('roleRef.name'));
  list(object.subjects).forEach((subject, index) => {
    if (!isObject(subject)) return;
    const at = `subjects[${index}]`;
    if (!subject.name) causes.push(required(`${at}.name`));
    const kind = subject.kind;
    const apiGroup = subject.apiGroup ?? (kind === 'ServiceAccount' ? '' : RBAC_GROUP);
    if (kind === 'ServiceAccount') {
      if (apiGroup !== '') causes.push(notSupported(`${at}.apiGroup`, apiGroup, ['']));
      if (!namespaced && !subject.namespace) causes.push(required(`${at}.namespace`));
    } else if (kind === 'User' || kind === 'Group') {
      if (apiGroup !== RBAC_GROUP) causes.push(notSupported(`${at}.apiGroup`, apiGroup, [RBAC_GROUP]));
    } else {
      causes.push(notSupported(`${at}.kind`, kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
  });
  return causes;
}

/** ValidateIngressSpec's paths (networking/validation): a path type is required and one of three. */
function ingressCauses(spec: Spec): Cause[] {
  return list(spec.rules).flatMap((rule, ruleIndex) =>
    list(isObject(rule) && isObject(rule.http) ? rule.http.paths : []).flatMap((path, pathIndex) => {
      const at = `spec.rules[${ruleIndex}].http.paths[${pathIndex}].pathType`;
      const pathType = isObject(path) ? path.pathType : undefined;
      if (pathType === undefined) return [required(at, 'pathType must be specified')];
      const supported = ['Exact', 'ImplementationSpecific', 'Prefix'];
      return supported.includes(String(pathType)) ? [] : [notSupported(at, pathType, supported)];
    }),
  );
}

/** ValidatePersistentVolumeClaimSpec (core/validation). */
function claimCauses(spec: Spec): Cause[] {
  const causes: Cause[] = [];
  if (list(spec.accessModes).length === 0) causes.push(required('spec.accessModes', 'at least 1 access mode is required'));
  const requests = isObject(spec.resources) && isObject(spec.resources.requests) ? spec.resources.requests : {};
  if (requests.storage === undefined) causes.push(required('spec.resources[storage]'));
  return causes;
}

/** ValidateNetworkPolicySpec's policy types. */
function networkPolicyCauses(spec: Spec): Cause[] {
  return list(spec.policyTypes).flatMap((policyType, index) =>
    policyType === 'Ingress' || policyType === 'Egress' ? [] : [notSupported(`spec.policyTypes[${index}]`, policyType, ['Ingress', 'Egress'])],
  );
}

/** ValidateConfigMap / ValidateSecret: every key is a config key. */
function keyCauses(object: Spec, maps: string[]): Cause[] {
  return maps.flatMap((map) =>
    Object.keys(isObject(object[map]) ? object[map] : {})
      .filter((key) => !CONFIG_KEY.test(key) || key.length > 253)
      .map((key) =>
        invalidValue(
          `${map}[${key}]`,
          key,
          "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        ),
      ),
  );
}

export function otherKindCauses(kind: string, object: Spec): Cause[] {
  const spec = isObject(object.spec) ? object.spec : {};
  switch (kind) {
    case 'HorizontalPodAutoscaler':
      return autoscalerCauses(spec);
    case 'Role':
      return ruleCauses(object.rules, true);
    case 'ClusterRole':
      return ruleCauses(object.rules, false);
    case 'RoleBinding':
      return bindingCauses(object, true);
    case 'ClusterRoleBinding':
      return bindingCauses(object, false);
    case 'Ingress':
      return ingressCauses(spec);
    case 'PersistentVolumeClaim':
      return claimCauses(spec);
    case 'NetworkPolicy':
      return networkPolicyCauses(spec);
    case 'ConfigMap':
      return keyCauses(object, ['data', 'binaryData']);
    case 'Secret':
      return keyCauses(object, ['data', 'stringData']);
    default:
      return [];
  }
}
