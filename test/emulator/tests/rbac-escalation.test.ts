import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from '../src/bootstrap-policy.js';
import { ClusterRoleAggregationController } from '../src/controllers/clusterrole-aggregation.js';
import { preventEscalation, uncoveredRules } from '../src/rbac-escalation.js';
import { RBAC_TYPES, serviceAccountUser, type PolicyRule } from '../src/rbac.js';
import { TYPES } from '../src/resources.js';
import { Store, type KubeObject } from '../src/store.js';

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({
  verbs,
  apiGroups,
  resources,
  ...(resourceNames ? { resourceNames } : {}),
});

describe('which granted rules the granter does not hold (policy_comparator.go Covers)', () => {
  it.each([
    ['the same rule', [rule(['get', 'list'], ['apps'], ['deployments'])], [rule(['get'], ['apps'], ['deployments'])], []],
    ['a wildcard verb, group and resource', [rule(['*'], ['*'], ['*'])], [rule(['delete'], ['batch'], ['jobs', 'cronjobs'])], []],
    [
      'one verb more',
      [rule(['get'], ['apps'], ['deployments'])],
      [rule(['get', 'patch'], ['apps'], ['deployments'])],
      [rule(['patch'], ['apps'], ['deployments'])],
    ],
    ['a wildcard asked is not a list held', [rule(['get', 'list'], [''], ['pods'])], [rule(['*'], [''], ['pods'])], [rule(['*'], [''], ['pods'])]],
    ['a subresource through */scale', [rule(['patch'], ['apps'], ['*/scale'])], [rule(['patch'], ['apps'], ['deployments/scale'])], []],
    ['a resource is not its subresources', [rule(['get'], [''], ['pods'])], [rule(['get'], [''], ['pods/log'])], [rule(['get'], [''], ['pods/log'])]],
    ['a named rule under an unnamed one', [rule(['get'], [''], ['secrets'])], [rule(['get'], [''], ['secrets'], ['a'])], []],
    [
      'an unnamed rule is not held by a named one',
      [rule(['get'], [''], ['secrets'], ['a'])],
      [rule(['get'], [''], ['secrets'])],
      [rule(['get'], [''], ['secrets'])],
    ],
    ['another name', [rule(['get'], [''], ['secrets'], ['a'])], [rule(['get'], [''], ['secrets'], ['a', 'b'])], [rule(['get'], [''], ['secrets'], ['b'])]],
    [
      'non-resource URLs by prefix',
      [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }],
      [{ verbs: ['get'], nonResourceURLs: ['/apis/apps', '/metrics'] }],
      [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }],
    ],
  ] as [string, PolicyRule[], PolicyRule[], PolicyRule[]][])('%s', (_, owner, servant, missing) => {
    expect(uncoveredRules(owner, servant)).toEqual(missing);
  });
});

describe('escalation prevention on writes of roles and bindings (pkg/registry/rbac/*/policybased)', () => {
  const RBAC = 'rbac.authorization.k8s.io';
  const user = serviceAccountUser('team', 'writer', 'uid');
  const admin = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

  function storeWith(writerRules: PolicyRule[]): Store {
    const store = new Store();
    store.create(TYPES.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    for (const role of BOOTSTRAP_CLUSTER_ROLES) store.create(RBAC_TYPES.clusterroles, role);
    for (const binding of BOOTSTRAP_CLUSTER_ROLE_BINDINGS) store.create(RBAC_TYPES.clusterrolebindings, binding);
    store.create(RBAC_TYPES.roles, { apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name: 'writer', namespace: 'team' }, rules: writerRules });
    store.create(RBAC_TYPES.rolebindings, {
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { name: 'writer', namespace: 'team' },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'writer' },
      subjects: [{ kind: 'ServiceAccount', name: 'writer', namespace: 'team' }],
    });
    return store;
  }
  const role = (rules: PolicyRule[], extra: Partial<KubeObject> = {}): KubeObject => ({
    apiVersion: `${RBAC}/v1`,
    kind: 'Role',
    metadata: { name: 'made', namespace: 'team' },
    rules,
    ...extra,
  });
  const write = (store: Store, next: KubeObject, current?: KubeObject, who = user) =>
    preventEscalation(store, who, {
      type: next.kind === 'Role' ? RBAC_TYPES.roles : RBAC_TYPES.clusterroles,
      namespace: next.kind === 'Role' ? 'team' : '',
      requestName: '',
      next,
      current,
    });

  it('holds what it grants, or is refused naming what it lacks', () => {
    const store = storeWith([rule(['get', 'list'], ['apps'], ['deployments'])]);
    expect(() => write(store, role([rule(['get'], ['apps'], ['deployments'])]))).not.toThrow();
    expect(() => write(store, role([rule(['get', 'delete'], ['apps'], ['deployments'])]))).toThrow(
      'roles.rbac.authorization.k8s.io "made" is forbidden: user "system:serviceaccount:team:writer" (groups=["system:serviceaccounts" "system:serviceaccounts:team" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["apps"], Resources:["deployments"], Verbs:["delete"]}',
    );
    expect(() => write(store, role([rule(['*'], ['*'], ['*'])]), undefined, admin)).not.toThrow();
  });

  it('an update that touches only owner references and finalizers is not checked', () => {
    const store = storeWith([]);
    const current = role([rule(['delete'], ['apps'], ['deployments'])]);
    expect(() => write(store, { ...current, metadata: { ...current.metadata, finalizers: ['example.com/keep'] } }, current)).not.toThrow();
    expect(() => write(store, { ...current, metadata: { ...current.metadata, labels: { a: 'b' } } }, current)).toThrow('not currently held');
  });

  it('an aggregationRule needs cluster-admin rights even with no rules', () => {
    const store = storeWith([]);
    const aggregated = {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRole',
      metadata: { name: 'gathers' },
      aggregationRule: { clusterRoleSelectors: [{}] },
      rules: [],
    };
    expect(() => write(store, aggregated)).toThrow(
      'clusterroles.rbac.authorization.k8s.io "gathers" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    );
  });

  it('escalate on roles lets a user grant what it lacks; bind lets it bind a role it does not hold', () => {
    const store = storeWith([rule(['escalate'], [RBAC], ['roles']), rule(['bind'], [RBAC], ['clusterroles'], ['view'])]);
    expect(() => write(store, role([rule(['*'], ['apps'], ['*'])]))).not.toThrow();
    const binding = (name: string): KubeObject => ({
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { name: `to-${name}`, namespace: 'team' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name },
      subjects: [{ kind: 'User', name: 'someone' }],
    });
    const bind = (name: string) =>
      preventEscalation(store, user, { type: RBAC_TYPES.rolebindings, namespace: 'team', requestName: '', next: binding(name), current: undefined });
    expect(() => bind('view')).not.toThrow();
    expect(() => bind('cluster-admin')).toThrow(
      'rolebindings.rbac.authorization.k8s.io "to-cluster-admin" is forbidden: user "system:serviceaccount:team:writer"',
    );
    expect(() => bind('missing')).toThrow('clusterroles.rbac.authorization.k8s.io "missing" not found');
  });
});

describe('ClusterRole aggregation', () => {
  it('fills admin, edit and view from the labelled roles, transitively, and follows their changes', async () => {
    const store = new Store();
    for (const role of BOOTSTRAP_CLUSTER_ROLES) store.create(RBAC_TYPES.clusterroles, role);
    const controller = new ClusterRoleAggregationController(store);
    const rulesOf = (name: string) => JSON.stringify(store.get(RBAC_TYPES.clusterroles, undefined, name)?.rules);
    await expect.poll(() => rulesOf('edit')).toContain('"pods/log"'); // view is labelled aggregate-to-edit
    expect(rulesOf('view')).toContain('"pods/log"');
    expect(rulesOf('admin')).toContain('"localsubjectaccessreviews"');
    expect(rulesOf('view')).not.toContain('"secrets"');
    store.create(RBAC_TYPES.clusterroles, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'widgets', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      rules: [rule(['get'], ['example.com'], ['widgets'])],
    });
    await expect.poll(() => rulesOf('admin')).toContain('"widgets"');
    store.delete(RBAC_TYPES.clusterroles, undefined, 'widgets');
    await expect.poll(() => rulesOf('admin')).not.toContain('"widgets"');
    controller.stop();
  });
});
