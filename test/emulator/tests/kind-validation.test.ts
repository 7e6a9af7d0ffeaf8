import { describe, expect, it } from 'vitest';
import { ApiError, invalid } from '../src/errors.js';
import { otherKindCauses } from '../src/kind-validation.js';
import { typeByName } from '../src/resources.js';
import type { KubeObject } from '../src/store.js';
import { checkFieldValidation } from '../src/validation.js';

describe('value validation of the other kinds', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'HorizontalPodAutoscaler',
      { spec: { scaleTargetRef: { kind: 'Deployment' }, minReplicas: 3, maxReplicas: 2 } },
      ['spec.scaleTargetRef.name: Required value', 'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`'],
    ],
    [
      'HorizontalPodAutoscaler',
      { spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 0 } },
      ['spec.minReplicas: Invalid value: 0: must be greater than or equal to 1', 'spec.maxReplicas: Invalid value: 0: must be greater than or equal to 1'],
    ],
    [
      'Role',
      {
        rules: [
          { apiGroups: [''], resources: ['pods'] },
          { verbs: ['get'], nonResourceURLs: ['/healthz'] },
        ],
      },
      [
        'rules[0].verbs: Required value: verbs must contain at least one value',
        'rules[1].nonResourceURLs: Invalid value: "[\\"/healthz\\"]": namespaced rules cannot apply to non-resource URLs',
      ],
    ],
    [
      'ClusterRole',
      { rules: [{ verbs: ['get'] }] },
      [
        'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
        'rules[0].resources: Required value: resource rules must supply at least one resource',
      ],
    ],
    [
      'RoleBinding',
      {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Deployment', name: 'x' },
        subjects: [
          { kind: 'Robot', name: 'r' },
          { kind: 'User', name: 'u' },
        ],
      },
      [
        'roleRef.kind: Unsupported value: "Deployment": supported values: "Role", "ClusterRole"',
        'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
      ],
    ],
    [
      'ClusterRoleBinding',
      { roleRef: { kind: 'Role', name: 'x' }, subjects: [{ kind: 'ServiceAccount', name: 'deployer' }] },
      [
        'roleRef.apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"',
        'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
        'subjects[0].namespace: Required value',
      ],
    ],
    [
      'Ingress',
      { spec: { rules: [{ http: { paths: [{ path: '/' }, { path: '/x', pathType: 'Regex' }] } }] } },
      [
        'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
        'spec.rules[0].http.paths[1].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      ],
    ],
    [
      'PersistentVolumeClaim',
      { spec: { resources: { requests: {} } } },
      ['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value'],
    ],
    [
      'NetworkPolicy',
      { spec: { podSelector: {}, policyTypes: ['Ingress', 'ingress'] } },
      ['spec.policyTypes[1]: Unsupported value: "ingress": supported values: "Ingress", "Egress"'],
    ],
    [
      'ConfigMap',
      { data: { 'LOG LEVEL': 'x', ok_key: 'y' } },
      [
        "data[LOG LEVEL]: Invalid value: \"LOG LEVEL\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ],
    ],
    ['PodDisruptionBudget', { spec: { minAvailable: 1 } }, []],
    ['PodDisruptionBudget', { spec: { maxUnavailable: '100%', selector: {} } }, []],
    [
      'PodDisruptionBudget',
      { spec: { minAvailable: 1, maxUnavailable: '10%', selector: { matchLabels: { app: 'web' } } } },
      [
        'spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a10000), Selector:(*v1.LabelSelector)(0xc000a10020), MaxUnavailable:(*intstr.IntOrString)(0xc000a10040), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set',
      ],
    ],
    ['PodDisruptionBudget', { spec: { minAvailable: -1 } }, ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']],
    [
      'PodDisruptionBudget',
      { spec: { minAvailable: 'half' } },
      [
        "spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"half\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ],
    ],
    [
      'PodDisruptionBudget',
      { spec: { maxUnavailable: '150%' } },
      ['spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'],
    ],
    [
      'PodDisruptionBudget',
      {
        spec: {
          minAvailable: '50%',
          unhealthyPodEvictionPolicy: 'Never',
          selector: {
            matchLabels: { 'app/web/x': 'ok', tier: 'back end' },
            matchExpressions: [
              { key: 'app', operator: 'In' },
              { key: 'app', operator: 'Exists', values: ['x'] },
              { key: 'app', operator: 'Equals', values: ['x'] },
            ],
          },
        },
      },
      [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        'spec.selector.matchExpressions[2].operator: Invalid value: "Equals": not a valid selector operator',
        "spec.selector.matchLabels: Invalid value: \"app/web/x\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
        "spec.selector.matchLabels: Invalid value: \"back end\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
      ],
    ],
    ['Job', { spec: { template: { spec: { restartPolicy: 'OnFailure' } } } }, []],
    ['Job', { spec: { template: { spec: {} } } }, ['spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"']],
    [
      'CronJob',
      { spec: { jobTemplate: { spec: { template: { spec: { restartPolicy: 'Sometimes' } } } } } },
      ['spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"'],
    ],
  ])('%s %j', (kind, object, expected) => {
    expect(otherKindCauses(kind, object).map((cause) => `${cause.field}: ${cause.message}`)).toEqual(expected);
  });

  it('gives invalid() errors a cause, so kubectl prints the field', () => {
    expect(invalid('Deployment', 'web', 'spec.selector: Required value').details).toEqual({
      name: 'web',
      kind: 'Deployment',
      causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' }],
    });
    expect(invalid('TokenRequest.authentication.k8s.io', 'robot', 'spec.expirationSeconds: Invalid value: 1: too short').details).toMatchObject({
      group: 'authentication.k8s.io',
      kind: 'TokenRequest',
      causes: [{ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds' }],
    });
  });
});

describe('unknown fields below the top level of the other kinds', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'horizontalpodautoscalers',
      { spec: { scaleTargetRef: { kind: 'Deployment', name: 'w', namespace: 'x' }, maxReplicas: 2 } },
      'spec.scaleTargetRef.namespace',
    ],
    [
      'horizontalpodautoscalers',
      { spec: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilisation: 80 } } }] } },
      'spec.metrics[0].resource.target.averageUtilisation',
    ],
    [
      'jobs',
      { spec: { template: { spec: { containers: [{ name: 'm', image: 'i', imagePullPolcy: 'Always' }] } } } },
      'spec.template.spec.containers[0].imagePullPolcy',
    ],
    ['cronjobs', { spec: { schedule: '* * * * *', jobTemplate: { spec: { backofLimit: 1 } } } }, 'spec.jobTemplate.spec.backofLimit'],
    ['poddisruptionbudgets', { spec: { minAvailable: 1, selector: { matchLabel: {} } } }, 'spec.selector.matchLabel'],
    [
      'networkpolicies',
      { spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {}, namespaceSelectors: {} }] }] } },
      'spec.ingress[0].from[0].namespaceSelectors',
    ],
    [
      'ingresses',
      { spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { numbr: 80 } } } }] } }] } },
      'spec.rules[0].http.paths[0].backend.service.port.numbr',
    ],
    ['persistentvolumeclaims', { spec: { accessModes: ['ReadWriteOnce'], resource: {} } }, 'spec.resource'],
    ['serviceaccounts', { imagePullSecrets: [{ nme: 'x' }] }, 'imagePullSecrets[0].nme'],
    ['roles', { rules: [{ verbs: ['get'], apiGroup: [''] }] }, 'rules[0].apiGroup'],
    [
      'rolebindings',
      { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', nam: 'u' }] },
      'subjects[0].nam',
    ],
    ['configmaps', { dta: {} }, 'dta'],
    ['secrets', { stringdata: {} }, 'stringdata'],
  ])('%s: %s', (resource, body, path) => {
    const type = typeByName(resource);
    const object = { apiVersion: 'v1', kind: type.kind, metadata: { name: 'x' }, ...body } as KubeObject;
    let error: unknown;
    try {
      checkFieldValidation(type, object, 'Strict');
    } catch (caught) {
      error = caught;
    }
    expect((error as ApiError).message).toContain(`strict decoding error: unknown field "${path}"`);
  });
});
