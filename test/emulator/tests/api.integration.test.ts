import { setTimeout as sleep } from 'node:timers/promises';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startCluster, type Cluster } from '../src/cluster.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
  const created = await cluster.kubectl(['apply', '--server-side', '--field-manager=setup', '-f', '-'], {
    input: YAML.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'api' } }),
  });
  expect(created.code, created.stderr).toBe(0);
});

afterAll(async () => {
  await cluster?.stop();
});

function yaml(...documents: object[]): string {
  return documents.map((document) => YAML.stringify(document)).join('---\n');
}

function configMap(name: string, data: Record<string, string>, extra: object = {}): object {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'api', ...extra }, data };
}

/** A Deployment with no replicas: API semantics without processes. */
function idleDeployment(name: string, replicas: number, env: { name: string; value: string }[] = []): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'api' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nothing:v1', env }] } },
    },
  };
}

async function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return cluster.kubectl(args, input === undefined ? {} : { input });
}

async function ok(args: string[], input?: string): Promise<string> {
  const result = await run(args, input);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe('API server semantics through the real kubectl', () => {
  it('rejects a wrong bearer token with 401 and serves https only to the kubeconfig CA', async () => {
    const config = YAML.parse(fs.readFileSync(cluster.kubeconfigPath, 'utf8')) as { users: { user: { token: string } }[] };
    config.users[0]!.user.token = 'wrong';
    const badConfig = path.join(path.dirname(cluster.kubeconfigPath), 'bad-token');
    fs.writeFileSync(badConfig, YAML.stringify(config));
    const result = await cluster.kubectl(['--kubeconfig', badConfig, 'get', 'pods']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: You must be logged in to the server (Unauthorized)');
    expect(cluster.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers unknown kinds and missing objects as a real server does', async () => {
    expect((await run(['get', 'widgets'])).stderr).toContain(`the server doesn't have a resource type "widgets"`);
    const unknownKind = await run(['apply', '--server-side', '-f', '-'], yaml({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }));
    expect(unknownKind.stderr).toContain('no matches for kind "Widget" in version "example.com/v1"');
    expect((await run(['get', 'configmap', 'absent', '-n', 'api'])).stderr).toContain('Error from server (NotFound): configmaps "absent" not found');
    expect((await run(['get', 'configmap', 'absent', '-n', 'nowhere'])).stderr).toContain('namespaces "nowhere" not found');
  });

  it('stores the kinds it does not animate: HPA, PDB, NetworkPolicy, ServiceAccount, StatefulSet, Secret', async () => {
    const documents = yaml(
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'scaler', namespace: 'api' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' }, minReplicas: 2, maxReplicas: 5 },
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'budget', namespace: 'api' },
        spec: { minAvailable: 1, selector: { matchLabels: { app: 'x' } } },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'policy', namespace: 'api' },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'api' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'api' }, stringData: { password: 'hunter2' } },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'pg', namespace: 'api' },
        spec: {
          serviceName: 'pg',
          selector: { matchLabels: { app: 'pg' } },
          template: { metadata: { labels: { app: 'pg' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } },
        },
      },
    );
    expect(await ok(['apply', '--server-side', '--field-manager=test', '-f', '-'], documents)).toContain('statefulset.apps/pg serverside-applied');
    expect(await ok(['get', 'hpa,pdb,netpol,sa,sts', '-n', 'api', '-o', 'name'])).toContain('horizontalpodautoscaler.autoscaling/scaler');
    expect(await ok(['get', 'secret', 'db', '-n', 'api', '-o', 'jsonpath={.data.password}'])).toBe(Buffer.from('hunter2').toString('base64'));
  });

  it('creates namespaces, secrets and configmaps with the typed kubectl create commands (protobuf bodies)', async () => {
    expect(await ok(['create', 'namespace', 'typed'])).toContain('namespace/typed created');
    await ok(['create', 'secret', 'generic', 'db', '-n', 'typed', '--from-literal=url=postgres://u:p@127.0.0.1:5432/db']);
    await ok(['create', 'configmap', 'settings', '-n', 'typed', '--from-literal=LOG_LEVEL=debug']);
    expect(Buffer.from(await ok(['get', 'secret', 'db', '-n', 'typed', '-o', 'jsonpath={.data.url}']), 'base64').toString()).toBe(
      'postgres://u:p@127.0.0.1:5432/db',
    );
    expect(await ok(['get', 'configmap', 'settings', '-n', 'typed', '-o', 'jsonpath={.data.LOG_LEVEL}'])).toBe('debug');
    expect((await run(['create', 'deployment', 'typed', '-n', 'typed', '--image=nothing:v1'])).stderr).toContain('use kubectl apply');
  });

  it('gives 409 on creating an existing name and on a stale resourceVersion', async () => {
    const document = yaml(configMap('dup', { a: '1' }));
    await ok(['create', '-f', '-'], document);
    expect((await run(['create', '-f', '-'], document)).stderr).toContain('Error from server (AlreadyExists)');
    const current = JSON.parse(await ok(['get', 'configmap', 'dup', '-n', 'api', '-o', 'json'])) as { metadata: { resourceVersion: string } };
    await ok(['patch', 'configmap', 'dup', '-n', 'api', '--type', 'merge', '-p', '{"data":{"a":"2"}}']);
    const stale = yaml(configMap('dup', { a: '3' }, { resourceVersion: current.metadata.resourceVersion }));
    const replaced = await run(['replace', '-f', '-'], stale);
    expect(replaced.stderr).toContain('Error from server (Conflict)');
    expect(replaced.stderr).toContain('the object has been modified');
  });

  it('applies server-side with field ownership: removals, conflicts, --force-conflicts, dry run and strict validation', async () => {
    await ok(['apply', '--server-side', '--field-manager=team', '-f', '-'], yaml(configMap('owned', { a: '1', b: '2' })));
    await ok(['apply', '--server-side', '--field-manager=team', '-f', '-'], yaml(configMap('owned', { a: '1' })));
    expect(await ok(['get', 'configmap', 'owned', '-n', 'api', '-o', 'jsonpath={.data}'])).toBe('{"a":"1"}');

    await ok(['apply', '--server-side', '--field-manager=team', '-f', '-'], yaml(idleDeployment('conflicted', 0)));
    await ok(['scale', 'deployment/conflicted', '--replicas=1', '-n', 'api']);
    const conflict = await run(['apply', '--server-side', '--field-manager=team', '-f', '-'], yaml(idleDeployment('conflicted', 0)));
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('Apply failed with 1 conflict');
    expect(conflict.stderr).toContain('.spec.replicas');
    await ok(['apply', '--server-side', '--field-manager=team', '--force-conflicts', '-f', '-'], yaml(idleDeployment('conflicted', 0)));
    expect(await ok(['get', 'deployment', 'conflicted', '-n', 'api', '-o', 'jsonpath={.spec.replicas}'])).toBe('0');
    const managers = await ok(['get', 'deployment', 'conflicted', '-n', 'api', '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].manager}']);
    expect(managers).toContain('team');

    await ok(['apply', '--server-side', '--field-manager=team', '--dry-run=server', '-f', '-'], yaml(configMap('dry', { a: '1' })));
    expect((await run(['get', 'configmap', 'dry', '-n', 'api'])).code).toBe(1);

    const typo = await run(['apply', '--server-side', '--field-manager=team', '-f', '-'], yaml({ ...configMap('typo', { a: '1' }), dta: { b: '2' } }));
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('(api/typo; /v1, Kind=ConfigMap): .dta: field not declared in schema');
  });

  it('applies client-side with strategic merge: env entries merged by name and removed', async () => {
    const withTwo = idleDeployment('csa', 0, [
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect(await ok(['apply', '-f', '-'], yaml(withTwo))).toContain('deployment.apps/csa created');
    expect(await ok(['apply', '-f', '-'], yaml(withTwo))).toContain('deployment.apps/csa unchanged');
    const withOne = idleDeployment('csa', 0, [{ name: 'A', value: '10' }]);
    expect(await ok(['apply', '-f', '-'], yaml(withOne))).toContain('deployment.apps/csa configured');
    expect(await ok(['get', 'deployment', 'csa', '-n', 'api', '-o', 'jsonpath={.spec.template.spec.containers[0].env}'])).toBe('[{"name":"A","value":"10"}]');
    await ok(['set', 'env', 'deployment/csa', '-n', 'api', 'C=3']);
    await ok([
      'patch',
      'deployment',
      'csa',
      '-n',
      'api',
      '--type',
      'strategic',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nothing:v2"}]}}}}',
    ]);
    const container = JSON.parse(await ok(['get', 'deployment', 'csa', '-n', 'api', '-o', 'jsonpath={.spec.template.spec.containers[0]}'])) as {
      image: string;
      env: { name: string }[];
    };
    expect(container.image).toBe('nothing:v2');
    expect(container.env.map((e) => e.name)).toEqual(['A', 'C']);
    await ok([
      'patch',
      'deployment',
      'csa',
      '-n',
      'api',
      '--type',
      'json',
      '-p',
      '[{"op":"replace","path":"/spec/replicas","value":0},{"op":"add","path":"/metadata/labels","value":{"tier":"web"}}]',
    ]);
    await ok(['label', 'deployment', 'csa', '-n', 'api', 'team=shop']);
    await ok(['annotate', 'deployment', 'csa', '-n', 'api', 'kubernetes.io/change-cause=manual']);
    expect(await ok(['get', 'deployment', 'csa', '-n', 'api', '-o', 'jsonpath={.metadata.labels}'])).toBe('{"team":"shop","tier":"web"}');
    expect(await ok(['get', 'deployments', '-n', 'api', '-l', 'team=shop,tier in (web)', '-o', 'name'])).toBe('deployment.apps/csa\n');
    expect(await ok(['get', 'deployments', '-n', 'api', '--field-selector', 'metadata.name=csa', '-o', 'name'])).toBe('deployment.apps/csa\n');
    expect(await ok(['get', 'deployments', '-n', 'api', '-l', '!team', '-o', 'name'])).not.toContain('csa');
  });

  it('bumps generation on spec changes only and waits for conditions', async () => {
    await ok(['apply', '--server-side', '--field-manager=team', '-f', '-'], yaml(idleDeployment('gen', 0)));
    const generation = async (): Promise<string> => ok(['get', 'deployment', 'gen', '-n', 'api', '-o', 'jsonpath={.metadata.generation}']);
    expect(await generation()).toBe('1');
    await ok(['label', 'deployment', 'gen', '-n', 'api', 'x=y']);
    expect(await generation()).toBe('1');
    await ok(['set', 'image', 'deployment/gen', '-n', 'api', 'app=nothing:v9']);
    expect(await generation()).toBe('2');
    expect(await ok(['wait', '--for=condition=available', 'deployment/gen', '-n', 'api', '--timeout=10s'])).toContain('condition met');
    expect(await ok(['delete', 'deployment', 'gen', '-n', 'api'])).toContain('deleted');
    // Background deletion: the garbage collector removes the ReplicaSets after the Deployment is gone.
    let replicaSets = 'not read yet';
    for (let attempt = 0; attempt < 40 && replicaSets !== ''; attempt++) {
      if (attempt > 0) await sleep(250);
      replicaSets = await ok(['get', 'rs', '-n', 'api', '-l', 'app=gen', '-o', 'name']);
    }
    expect(replicaSets).toBe('');
  });
});
