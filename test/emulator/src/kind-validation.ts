/**
 * Value validation of the kinds besides workloads and Services, for the fields the suite and
 * its examples use: the first complaint of each check in the API server's validation
 * (pkg/apis/{autoscaling,rbac,networking,core,batch}/validation), worded as field.Error writes it.
 */
export interface Cause {
  field: string;
  message: string;
  reason: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueNotSupported' | 'FieldValueForbidden';
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

/** RegexError (apimachinery/pkg/util/validation): the message, its examples and the pattern. */
const regexError = (message: string, pattern: string, ...examples: string[]): string =>
  `${message} (e.g. ${examples.map((example) => `'${example}', `).join(' or ')}regex used for validation is '${pattern}')`;

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_PATTERN = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** IsQualifiedName: a label key, `[prefix/]name`. */
function qualifiedNameProblems(value: string): string[] {
  const parts = value.split('/');
  const problems: string[] = [];
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_PATTERN, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts[parts.length - 1] ?? '';
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') problems.push('prefix part must be non-empty');
    else if (prefix.length > 253) problems.push('prefix part must be no more than 253 characters');
    else if (!DNS1123_SUBDOMAIN.test(prefix))
      problems.push(
        `prefix part ${regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*', 'example.com')}`,
      );
  }
  if (name === '') problems.push('name part must be non-empty');
  else if (name.length > 63) problems.push('name part must be no more than 63 characters');
  if (!QUALIFIED_NAME.test(name)) problems.push(`name part ${regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_PATTERN, 'MyName', 'my.name', '123-abc')}`);
  return problems;
}

/** IsValidLabelValue. */
function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push('must be no more than 63 characters');
  if (value !== '' && !QUALIFIED_NAME.test(value))
    problems.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        `(${QUALIFIED_NAME_PATTERN})?`,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  return problems;
}

/** ValidateLabelSelector (apimachinery/pkg/apis/meta/v1/validation/validation.go): operators, their values, and label keys and values. */
export function labelSelectorCauses(selector: unknown, path: string): Cause[] {
  if (!isObject(selector)) return [];
  const causes: Cause[] = [];
  list(selector.matchExpressions).forEach((expression, index) => {
    if (!isObject(expression)) return;
    const at = `${path}.matchExpressions[${index}]`;
    const values = list(expression.values);
    switch (expression.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) causes.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          causes.push({
            field: `${at}.values`,
            message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            reason: 'FieldValueForbidden',
          });
        break;
      default:
        causes.push(invalidValue(`${at}.operator`, expression.operator ?? '', 'not a valid selector operator'));
    }
    const key = typeof expression.key === 'string' ? expression.key : '';
    for (const problem of qualifiedNameProblems(key)) causes.push(invalidValue(`${at}.key`, key, problem));
    values.forEach((value, valueIndex) => {
      for (const problem of labelValueProblems(String(value))) causes.push(invalidValue(`${at}.values[${valueIndex}]`, value, problem));
    });
  });
  const labels = isObject(selector.matchLabels) ? selector.matchLabels : {};
  for (const [key, value] of Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const problem of qualifiedNameProblems(key)) causes.push(invalidValue(`${path}.matchLabels`, key, problem));
    for (const problem of labelValueProblems(String(value ?? ''))) causes.push(invalidValue(`${path}.matchLabels`, value, problem));
  }
  return causes;
}

/** intstr.IntOrString as `%#v` prints it, since it is not a fmt.Stringer by value: `intstr.IntOrString{Type:1, IntVal:0, StrVal:"5%"}`. */
function intOrString(value: unknown): string {
  return typeof value === 'string'
    ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}`
    : `intstr.IntOrString{Type:0, IntVal:${String(value)}, StrVal:""}`;
}

const PERCENT_MESSAGE = regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%');

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent (pkg/apis/apps/validation). */
function intOrPercentCauses(value: unknown, field: string): Cause[] {
  if (value === undefined || value === null) return [];
  const invalidRaw = (detail: string): Cause => ({ field, message: `Invalid value: ${intOrString(value)}: ${detail}`, reason: 'FieldValueInvalid' });
  if (typeof value === 'string') {
    if (!/^[0-9]+%$/.test(value)) return [invalidRaw(PERCENT_MESSAGE)];
    return Number.parseInt(value, 10) > 100 ? [invalidRaw('must not be greater than 100%')] : [];
  }
  if (typeof value === 'number' && Number.isInteger(value)) return value < 0 ? [invalidValue(field, value, 'must be greater than or equal to 0')] : [];
  return [invalidRaw("must be an integer or percentage (e.g '5%')")];
}

/**
 * ValidatePodDisruptionBudgetSpec (pkg/apis/policy/validation/validation.go). The spec in the
 * "both set" message is printed with `%#v`, pointers as addresses: the emulator writes fixed
 * ones where the real server writes heap addresses that change with every request.
 */
function disruptionBudgetCauses(spec: Spec): Cause[] {
  const causes: Cause[] = [];
  if (spec.minAvailable !== undefined && spec.minAvailable !== null && spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const pointer = (type: string, value: unknown, address: string): string => `(*${type})(${value === undefined || value === null ? 'nil' : address})`;
    const printed =
      `policy.PodDisruptionBudgetSpec{MinAvailable:${pointer('intstr.IntOrString', spec.minAvailable, '0xc000a10000')}, ` +
      `Selector:${pointer('v1.LabelSelector', spec.selector, '0xc000a10020')}, ` +
      `MaxUnavailable:${pointer('intstr.IntOrString', spec.maxUnavailable, '0xc000a10040')}, ` +
      `UnhealthyPodEvictionPolicy:${pointer('policy.UnhealthyPodEvictionPolicyType', spec.unhealthyPodEvictionPolicy, '0xc000a10060')}}`;
    causes.push({ field: 'spec', message: `Invalid value: ${printed}: minAvailable and maxUnavailable cannot be both set`, reason: 'FieldValueInvalid' });
  }
  causes.push(...intOrPercentCauses(spec.minAvailable, 'spec.minAvailable'), ...intOrPercentCauses(spec.maxUnavailable, 'spec.maxUnavailable'));
  causes.push(...labelSelectorCauses(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== null && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget')
    causes.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  return causes;
}

/**
 * ValidateJobSpec's restart policy (pkg/apis/batch/validation/validation.go), after the core
 * defaulting that makes an absent one `Always` (SetDefaults_PodSpec).
 */
function jobCauses(spec: Spec, path: string): Cause[] {
  const template = isObject(spec.template) ? spec.template : {};
  const podSpec = isObject(template.spec) ? template.spec : {};
  const restartPolicy = podSpec.restartPolicy ?? 'Always';
  return restartPolicy === 'OnFailure' || restartPolicy === 'Never'
    ? []
    : [notSupported(`${path}.template.spec.restartPolicy`, restartPolicy, ['OnFailure', 'Never'])];
}

export function otherKindCauses(kind: string, object: Spec): Cause[] {
  const spec = isObject(object.spec) ? object.spec : {};
  switch (kind) {
    case 'HorizontalPodAutoscaler':
      return autoscalerCauses(spec);
    case 'PodDisruptionBudget':
      return disruptionBudgetCauses(spec);
    case 'Job':
      return jobCauses(spec, 'spec');
    case 'CronJob': {
      const jobTemplate = isObject(spec.jobTemplate) ? spec.jobTemplate : {};
      return jobCauses(isObject(jobTemplate.spec) ? jobTemplate.spec : {}, 'spec.jobTemplate.spec');
    }
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
