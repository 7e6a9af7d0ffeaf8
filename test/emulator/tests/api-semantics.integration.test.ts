import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startCluster, type Cluster } from '../src/cluster.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
  expect((await cluster.kubectl(['create', 'namespace', 'owned'])).code).toBe(0);
});

afterAll(async () => {
  await cluster?.stop();
});

async function ok(args: string[], input?: string): Promise<string> {
  const result = await cluster.kubectl(args, input === undefined ? {} : { input });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** A Deployment with no replicas: API semantics without processes. */
function deployment(name: string, image: string, env: string[]): string {
  return YAML.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'owned' },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image, env: env.map((variable) => ({ name: variable, value: '1' })) }] },
      },
    },
  });
}

const field = async (name: string, path: string): Promise<string> => ok(['get', 'deployment', name, '-n', 'owned', '-o', `jsonpath=${path}`]);
/** The managers, alphabetically: the server orders entries by time to the second before the manager. */
const managers = async (name: string): Promise<string> =>
  (
    await ok([
      'get',
      'deployment',
      name,
      '-n',
      'owned',
      '--show-managed-fields',
      '-o',
      'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation} {end}',
    ])
  )
    .trim()
    .split(' ')
    .sort()
    .join(' ');

describe('moving from client-side to server-side apply, through the real kubectl', () => {
  it("accepts kubectl's managedFields upgrade, so a field dropped from the manifest is removed", async () => {
    await ok(['apply', '-f', '-'], deployment('moved', 'nothing:v1', ['A', 'B']));
    expect(await managers('moved')).toBe('kubectl-client-side-apply/Update');
    const moved = await ok(['apply', '--server-side', '-f', '-'], deployment('moved', 'nothing:v2', ['A']));
    expect(moved).toContain('deployment.apps/moved serverside-applied');
    expect(await field('moved', '{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[*].name}')).toBe('nothing:v2 A');
    expect(await managers('moved')).toBe('kubectl-last-applied/Apply kubectl/Apply');
    const lastApplied = JSON.parse(await field('moved', `{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}`)) as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(lastApplied.spec.template.spec.containers[0]?.image).toBe('nothing:v2');
  });

  it('reports fields others changed since the client-side apply as conflicts, and takes them with --force-conflicts', async () => {
    await ok(['apply', '-f', '-'], deployment('contested', 'nothing:v1', ['A', 'B']));
    await ok(['set', 'image', 'deployment/contested', '-n', 'owned', 'app=nothing:hotfix']);
    const refused = await cluster.kubectl(['apply', '--server-side', '-f', '-'], { input: deployment('contested', 'nothing:v2', ['A']) });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'error: Apply failed with 1 conflict: conflict with "kubectl-set" using apps/v1: .spec.template.spec.containers[name="app"].image',
    );
    expect(await field('contested', '{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[*].name}')).toBe('nothing:hotfix A B');
    await ok(['apply', '--server-side', '--force-conflicts', '-f', '-'], deployment('contested', 'nothing:v2', ['A']));
    expect(await field('contested', '{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[*].name}')).toBe('nothing:v2 A');
    expect(await managers('contested')).toBe('kubectl-last-applied/Apply kubectl/Apply');
  });
});

describe('duplicate fields, through the real kubectl', () => {
  // kubectl re-encodes manifests (a repeated key keeps its last value), so only bodies it passes on as written carry them.
  const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'twice', namespace: 'owned' } }).replace(
    '}}',
    '},"data":{"mode":"a","mode":"b"},"dta":{}}',
  );

  it('rejects them under fieldValidation=Strict with the strict decoding error, and warns by default', async () => {
    const strict = await cluster.kubectl(['create', '--raw', '/api/v1/namespaces/owned/configmaps?fieldValidation=Strict', '-f', '-'], { input: body });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      'Error from server (BadRequest): ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data.mode", unknown field "dta"',
    );
    const warned = await cluster.kubectl(['create', '--raw', '/api/v1/namespaces/owned/configmaps', '-f', '-'], { input: body });
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toContain('Warning: duplicate field "data.mode"\nWarning: unknown field "dta"');
    expect(await ok(['get', 'configmap', 'twice', '-n', 'owned', '-o', 'jsonpath={.data.mode}'])).toBe('b');
    const patched = await cluster.kubectl(['patch', 'configmap', 'twice', '-n', 'owned', '-p', '{"data":{"tier":"x","tier":"y"}}']);
    expect(patched.code, patched.stderr).toBe(0);
    expect(patched.stderr).toContain('Warning: duplicate field "data.tier"');
  });
});

describe('cascading deletion, through the real kubectl', () => {
  const replicaSetOf = async (name: string): Promise<string> => (await ok(['get', 'rs', '-n', 'owned', '-l', `app=${name}`, '-o', 'name'])).trim();
  const rolledOut = async (name: string): Promise<string> => ok(['rollout', 'status', `deployment/${name}`, '-n', 'owned', '--timeout=10s']);

  it('keeps a foreground-deleted owner, with its finalizer, until its dependents are gone', async () => {
    await ok(['apply', '--server-side', '-f', '-'], deployment('held', 'nothing:v1', []));
    await rolledOut('held');
    const replicaSet = await replicaSetOf('held');
    expect(replicaSet).toMatch(/^replicaset\.apps\/held-/);
    // Another finalizer keeps the ReplicaSet, and so the Deployment, until it is removed.
    await ok(['patch', replicaSet, '-n', 'owned', '--type=merge', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}']);
    expect(await ok(['delete', 'deployment', 'held', '-n', 'owned', '--cascade=foreground', '--wait=false'])).toContain('deleted');
    await ok(['wait', replicaSet, '-n', 'owned', '--for=jsonpath={.metadata.deletionTimestamp}', '--timeout=10s']);
    expect(await field('held', '{.metadata.finalizers}')).toBe('["foregroundDeletion"]');
    expect(await field('held', '{.metadata.deletionTimestamp}')).not.toBe('');
    await ok(['patch', replicaSet, '-n', 'owned', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    await ok(['wait', 'deployment/held', '-n', 'owned', '--for=delete', '--timeout=10s']);
    expect(await replicaSetOf('held')).toBe('');
  });

  it('orphans the dependents, removing their owner references', async () => {
    await ok(['apply', '--server-side', '-f', '-'], deployment('orphaning', 'nothing:v1', []));
    await rolledOut('orphaning');
    const replicaSet = await replicaSetOf('orphaning');
    expect(await ok(['delete', 'deployment', 'orphaning', '-n', 'owned', '--cascade=orphan'])).toContain('deleted');
    expect(await ok(['get', replicaSet, '-n', 'owned', '-o', 'jsonpath={.metadata.ownerReferences}'])).toBe('');
  });
});

describe('validation of the other kinds, through the real kubectl', () => {
  it('rejects unknown nested fields and invalid values with the fields named', async () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'scaler', namespace: 'owned' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 2 },
    };
    const typo = await cluster.kubectl(['apply', '--server-side', '-f', '-'], {
      input: YAML.stringify({ ...hpa, spec: { ...hpa.spec, behavior: { scaleDown: { stabilisationWindowSeconds: 60 } } } }),
    });
    expect(typo.stderr).toContain(
      '(owned/scaler; autoscaling/v2, Kind=HorizontalPodAutoscaler): .spec.behavior.scaleDown.stabilisationWindowSeconds: field not declared in schema',
    );
    const values = await cluster.kubectl(['apply', '-f', '-'], { input: YAML.stringify(hpa) });
    expect(values.stderr).toContain(
      'The HorizontalPodAutoscaler "scaler" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    );
    const binding = await cluster.kubectl(['apply', '--server-side', '-f', '-'], {
      input: YAML.stringify({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'deployers', namespace: 'owned' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Deployment', name: 'deployer' },
        subjects: [{ kind: 'ServiceAccount', name: 'deployer' }],
      }),
    });
    expect(binding.stderr).toContain(
      'The RoleBinding "deployers" is invalid: roleRef.kind: Unsupported value: "Deployment": supported values: "Role", "ClusterRole"',
    );
  });
});
