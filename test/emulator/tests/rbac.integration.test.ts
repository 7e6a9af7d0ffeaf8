import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { rawRequest } from '../../harness/raw-request.js';
import { limitedKubeconfig } from '../../harness/service-account.js';
import { startCluster, type Cluster } from '../src/cluster.js';

let cluster: Cluster;
let limited: string;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'rbac-test-'));

function deployment(name: string): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'rbac' },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nothing:v1' }] } },
    },
  };
}

beforeAll(async () => {
  cluster = await startCluster();
  const created = await cluster.kubectl(['apply', '--server-side', '--field-manager=setup', '-f', '-'], {
    input: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'rbac' } }, deployment('web'), deployment('api')]
      .map((d) => YAML.stringify(d))
      .join('---\n'),
  });
  expect(created.code, created.stderr).toBe(0);
  limited = await limitedKubeconfig(
    cluster,
    'rbac',
    'deployer',
    [
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['patch', 'get'], resourceNames: ['web'] },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
    ],
    path.join(directory, 'limited.kubeconfig'),
  );
});

afterAll(async () => {
  await cluster?.stop();
  fs.rmSync(directory, { recursive: true, force: true });
});

const asLimited = (args: string[], input?: string) => cluster.kubectl(['--kubeconfig', limited, ...args], input === undefined ? {} : { input });

describe('ServiceAccount tokens and RBAC, through the real kubectl', () => {
  it('issues a token that names the ServiceAccount (kubectl create token, auth whoami)', async () => {
    const whoami = await asLimited(['auth', 'whoami', '-o', 'json']);
    expect(whoami.code, whoami.stderr).toBe(0);
    const status = (JSON.parse(whoami.stdout) as { status: { userInfo: { username: string; groups: string[] } } }).status.userInfo;
    expect(status.username).toBe('system:serviceaccount:rbac:deployer');
    expect(status.groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:rbac', 'system:authenticated']);
  });

  it('allows what the Role grants and refuses the rest with the real 403 Status', async () => {
    expect((await asLimited(['get', 'deployments', '-n', 'rbac'])).code).toBe(0);
    const patch = await asLimited(['patch', 'deployment', 'web', '-n', 'rbac', '--type=merge', '-p', '{"metadata":{"labels":{"x":"y"}}}']);
    expect(patch.code).toBe(1);
    expect(patch.stderr).toContain(
      'Error from server (Forbidden): deployments.apps "web" is forbidden: User "system:serviceaccount:rbac:deployer" cannot patch resource "deployments" in API group "apps" in the namespace "rbac"',
    );
    const raw = await rawRequest(limited, 'PATCH', '/apis/apps/v1/namespaces/rbac/deployments/web', '{}');
    expect(raw.status).toBe(403);
    expect(JSON.parse(raw.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'deployments.apps "web" is forbidden: User "system:serviceaccount:rbac:deployer" cannot patch resource "deployments" in API group "apps" in the namespace "rbac"',
      reason: 'Forbidden',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 403,
    });
    const pods = await asLimited(['get', 'pods', '-n', 'rbac']);
    expect(pods.stderr).toContain(
      'pods is forbidden: User "system:serviceaccount:rbac:deployer" cannot list resource "pods" in API group "" in the namespace "rbac"',
    );
    const clusterScope = await asLimited(['get', 'namespaces']);
    expect(clusterScope.stderr).toContain('cannot list resource "namespaces" in API group "" at the cluster scope');
  });

  it('honours subresources and resourceNames (deployments/scale on one Deployment only)', async () => {
    expect((await asLimited(['scale', 'deployment', 'web', '-n', 'rbac', '--replicas=0'])).code).toBe(0);
    const other = await asLimited(['scale', 'deployment', 'api', '-n', 'rbac', '--replicas=0']);
    expect(other.stderr).toContain('cannot patch resource "deployments/scale" in API group "apps" in the namespace "rbac"');
  });

  it('answers kubectl auth can-i (SelfSubjectAccessReview) and can-i --list (SelfSubjectRulesReview)', async () => {
    const ask = async (...args: string[]) => {
      const result = await asLimited(['auth', 'can-i', ...args, '-n', 'rbac']);
      return `${result.stdout.trim()} ${result.code}`;
    };
    expect(await ask('list', 'deployments.apps')).toBe('yes 0');
    expect(await ask('patch', 'deployments.apps')).toBe('no 1');
    expect(await ask('patch', 'deployments.apps/web', '--subresource=scale')).toBe('yes 0');
    expect(await ask('patch', 'deployments.apps/api', '--subresource=scale')).toBe('no 1');
    expect(await ask('get', 'pods', '--subresource=log')).toBe('yes 0');
    expect(await ask('get', 'pods')).toBe('no 1');
    const list = await asLimited(['auth', 'can-i', '--list', '-n', 'rbac']);
    expect(list.stdout).toMatch(/deployments\.apps\/scale\s+\[\]\s+\[web\]\s+\[patch get\]/);
    const admin = await cluster.kubectl(['auth', 'can-i', 'delete', 'namespaces']);
    expect(admin.stdout.trim()).toBe('yes');
  });

  it('gives the reason a review allows, and reports a binding to a missing role', async () => {
    const review = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { namespace: 'rbac', verb: 'get', group: 'apps', resource: 'deployments' } },
    };
    const allowed = await asLimited(['create', '-f', '-', '-o', 'json'], JSON.stringify(review));
    expect(JSON.parse(allowed.stdout).status).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "deployer/rbac" of Role "deployer" to ServiceAccount "deployer/rbac"',
    });
    const dangling = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'dangling', namespace: 'rbac' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'gone' },
      subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'rbac' }],
    };
    expect((await cluster.kubectl(['apply', '--server-side', '-f', '-'], { input: JSON.stringify(dangling) })).code).toBe(0);
    const refused = await asLimited(['delete', 'deployment', 'web', '-n', 'rbac']);
    expect(refused.stderr).toContain(
      'cannot delete resource "deployments" in API group "apps" in the namespace "rbac": RBAC: roles.rbac.authorization.k8s.io "gone" not found',
    );
    await cluster.kubectl(['delete', 'rolebinding', 'dangling', '-n', 'rbac']);
  });

  it('refuses a token once its ServiceAccount is gone, and keeps the admin token all-powerful', async () => {
    await limitedKubeconfig(cluster, 'rbac', 'temporary', [], path.join(directory, 'temporary.kubeconfig'));
    const before = await cluster.kubectl(['--kubeconfig', path.join(directory, 'temporary.kubeconfig'), 'auth', 'whoami']);
    expect(before.code, before.stderr).toBe(0);
    expect((await cluster.kubectl(['delete', 'serviceaccount', 'temporary', '-n', 'rbac'])).code).toBe(0);
    const after = await cluster.kubectl(['--kubeconfig', path.join(directory, 'temporary.kubeconfig'), 'get', 'deployments', '-n', 'rbac']);
    expect(after.stderr).toContain('error: You must be logged in to the server (Unauthorized)');
    const tooShort = await cluster.kubectl(['create', 'token', 'deployer', '-n', 'rbac', '--duration=1m']);
    expect(tooShort.stderr).toContain('may not specify a duration less than 10 minutes');
  });
});

const applyAsAdmin = async (...documents: object[]) => {
  const result = await cluster.kubectl(['apply', '--server-side', '--force-conflicts', '--field-manager=setup', '-f', '-'], {
    input: documents.map((d) => YAML.stringify(d)).join('---\n'),
  });
  expect(result.code, result.stderr).toBe(0);
};

const role = (kind: 'Role' | 'ClusterRole', name: string, rules: object[], labels: Record<string, string> = {}) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name, ...(kind === 'Role' ? { namespace: 'rbac' } : {}), labels },
  rules,
});

const binding = (name: string, roleKind: 'Role' | 'ClusterRole', roleName: string, account: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name, namespace: 'rbac' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
  subjects: [{ kind: 'ServiceAccount', name: account, namespace: 'rbac' }],
});

describe('default roles, aggregation, create on apply and escalation prevention', () => {
  const canI = async (kubeconfig: string, ...args: string[]) =>
    (await cluster.kubectl(['--kubeconfig', kubeconfig, 'auth', 'can-i', ...args, '-n', 'rbac'])).stdout.trim();

  it('bootstraps cluster-admin, admin, edit and view, and aggregates labelled ClusterRoles into them', async () => {
    const listed = await cluster.kubectl(['get', 'clusterroles', '-o', 'name']);
    for (const name of ['admin', 'cluster-admin', 'edit', 'view', 'system:discovery', 'system:basic-user', 'system:aggregate-to-edit'])
      expect(listed.stdout).toContain(`clusterrole.rbac.authorization.k8s.io/${name}\n`);
    const bindings = await cluster.kubectl(['get', 'clusterrolebinding', 'cluster-admin', '-o', 'jsonpath={.subjects[0].name}']);
    expect(bindings.stdout).toBe('system:masters');

    const editor = await limitedKubeconfig(cluster, 'rbac', 'editor', { clusterRole: 'edit' }, path.join(directory, 'editor.kubeconfig'));
    const viewer = await limitedKubeconfig(cluster, 'rbac', 'viewer', { clusterRole: 'view' }, path.join(directory, 'viewer.kubeconfig'));
    expect(await canI(editor, 'patch', 'deployments.apps')).toBe('yes');
    expect(await canI(editor, 'list', 'pods')).toBe('yes'); // from view, aggregated into edit
    expect(await canI(editor, 'create', 'roles.rbac.authorization.k8s.io')).toBe('no'); // admin only
    expect(await canI(viewer, 'list', 'deployments.apps')).toBe('yes');
    expect(await canI(viewer, 'patch', 'deployments.apps')).toBe('no');
    expect(await canI(viewer, 'get', 'secrets')).toBe('no');

    // A ClusterRole labelled aggregate-to-view reaches view, edit (which aggregates view) and admin.
    await applyAsAdmin(
      role('ClusterRole', 'gateway-api-view', [{ apiGroups: ['gateway.networking.k8s.io'], resources: ['httproutes'], verbs: ['get'] }], {
        'rbac.authorization.k8s.io/aggregate-to-view': 'true',
      }),
    );
    await expect.poll(() => canI(editor, 'get', 'httproutes.gateway.networking.k8s.io')).toBe('yes');
    expect(await canI(viewer, 'get', 'httproutes.gateway.networking.k8s.io')).toBe('yes');
    const admin = await cluster.kubectl(['get', 'clusterrole', 'admin', '-o', 'json']);
    expect(JSON.stringify(JSON.parse(admin.stdout).rules)).toContain('"httproutes"');
    expect((await cluster.kubectl(['delete', 'clusterrole', 'gateway-api-view'])).code).toBe(0);
    await expect.poll(() => canI(editor, 'get', 'httproutes.gateway.networking.k8s.io')).toBe('no');
  });

  it('authorises a server-side apply that creates as create, and one that changes as patch', async () => {
    const patcher = await limitedKubeconfig(
      cluster,
      'rbac',
      'patcher',
      [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'patch'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'patch'] },
      ],
      path.join(directory, 'patcher.kubeconfig'),
    );
    const configMap = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'rbac' }, data: { a: 'b' } });
    const created = await cluster.kubectl(['--kubeconfig', patcher, 'apply', '--server-side', '-f', '-'], { input: configMap('fresh') });
    expect(created.code).toBe(1);
    expect(created.stderr).toContain('Error from server (Forbidden): configmaps "fresh" is forbidden: ');
    expect((await cluster.kubectl(['get', 'configmap', 'fresh', '-n', 'rbac'])).code).toBe(1);
    // The object is validated before create is authorised: an invalid one gets the 422, not the 403.
    const invalid = JSON.stringify(deployment('mismatched')).replace(
      '"selector":{"matchLabels":{"app":"mismatched"}}',
      '"selector":{"matchLabels":{"app":"other"}}',
    );
    const refused = await cluster.kubectl(['--kubeconfig', patcher, 'apply', '--server-side', '-f', '-'], { input: invalid });
    expect(refused.stderr).toContain('The Deployment "mismatched" is invalid: spec.template.metadata.labels: Invalid value:');
    await applyAsAdmin({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'existing', namespace: 'rbac' }, data: { a: 'a' } });
    const changed = await cluster.kubectl(['--kubeconfig', patcher, 'apply', '--server-side', '--force-conflicts', '-f', '-'], {
      input: configMap('existing'),
    });
    expect(changed.code, changed.stderr).toBe(0);
  });

  it('refuses a Role with rules the user does not hold unless it may escalate, and a binding unless it may bind', async () => {
    const roleWriter = [
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: ['create', 'get', 'patch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] },
    ];
    const writer = await limitedKubeconfig(cluster, 'rbac', 'role-writer', roleWriter, path.join(directory, 'role-writer.kubeconfig'));
    const create = (document: object) => cluster.kubectl(['--kubeconfig', writer, 'create', '-f', '-'], { input: JSON.stringify(document) });

    expect((await create(role('Role', 'reader', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] }]))).code).toBe(0);
    const escalating = await create(
      role('Role', 'deleter', [{ apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'delete', 'patch'] }]),
    );
    expect(escalating.code).toBe(1);
    expect(escalating.stderr).toContain(
      'roles.rbac.authorization.k8s.io "deleter" is forbidden: user "system:serviceaccount:rbac:role-writer" (groups=["system:serviceaccounts" "system:serviceaccounts:rbac" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["apps"], Resources:["deployments"], Verbs:["delete" "patch"]}\n' +
        '{APIGroups:["apps"], Resources:["replicasets"], Verbs:["get" "delete" "patch"]}',
    );
    // An apply that would widen an existing Role is an update, refused the same way.
    const widened = await cluster.kubectl(['--kubeconfig', writer, 'apply', '--server-side', '--force-conflicts', '-f', '-'], {
      input: JSON.stringify(role('Role', 'reader', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }])),
    });
    expect(widened.stderr).toContain(
      'is attempting to grant RBAC permissions not currently held:\n{APIGroups:["apps"], Resources:["deployments"], Verbs:["*"]}',
    );

    // Binding the edit ClusterRole grants far more than the writer holds; binding `reader` does not.
    const bindEdit = await create(binding('writer-edit', 'ClusterRole', 'edit', 'role-writer'));
    expect(bindEdit.stderr).toContain('rolebindings.rbac.authorization.k8s.io "writer-edit" is forbidden: user "system:serviceaccount:rbac:role-writer"');
    expect((await create(binding('writer-reader', 'Role', 'reader', 'viewer'))).code).toBe(0);

    await applyAsAdmin(
      role('Role', 'role-writer', [
        ...roleWriter,
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate'] },
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['edit'] },
      ]),
    );
    const allowedEscalation = await create(role('Role', 'deleter', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['delete'] }]));
    expect(allowedEscalation.code, allowedEscalation.stderr).toBe(0);
    const allowedBinding = await create(binding('writer-edit', 'ClusterRole', 'edit', 'role-writer'));
    expect(allowedBinding.code, allowedBinding.stderr).toBe(0);
  });
});
