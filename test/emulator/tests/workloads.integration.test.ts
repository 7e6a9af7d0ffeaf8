import { spawn } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startCluster, type Cluster } from '../src/cluster.js';
import { FIXTURE_IMAGES, webDeployment, webManifests } from './fixtures/manifests.js';
import { processesOfCluster, waitFor } from './fixtures/processes.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ images: FIXTURE_IMAGES });
});

afterAll(async () => {
  await cluster?.stop();
  expect(processesOfCluster(cluster.id)).toEqual([]);
});

async function kubectl(...args: string[]): Promise<string> {
  const result = await cluster.kubectl(args);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

async function applyWeb(namespace: string, extra: Parameters<typeof webManifests>[0] | object = {}): Promise<void> {
  const result = await cluster.kubectl(['apply', '--server-side', '--field-manager=emulator-test', '-f', '-'], {
    input: webManifests({ namespace, ...extra }),
  });
  expect(result.code, result.stderr).toBe(0);
}

function getJson(host: string, port: number, path: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host, port, path, agent, timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.on('timeout', () => request.destroy(new Error('timeout')));
  });
}

describe('workloads with the real kubectl', () => {
  it('applies server-side, rolls out, and answers through the Service, its proxy and the pod proxy', async () => {
    await applyWeb('basic');
    expect(await kubectl('rollout', 'status', 'deployment/web', '-n', 'basic', '--timeout=30s')).toContain('successfully rolled out');

    const pods = JSON.parse(await kubectl('get', 'pods', '-n', 'basic', '-l', 'app=web', '-o', 'json')) as {
      items: { metadata: { name: string }; status: { podIP: string } }[];
    };
    expect(pods.items).toHaveLength(3);
    expect(new Set(pods.items.map((pod) => pod.status.podIP)).size).toBe(3);
    for (const pod of pods.items) expect(pod.status.podIP).toMatch(/^127\.1\.\d+\.\d+$/);

    const viaProxy = JSON.parse(await kubectl('get', '--raw', '/api/v1/namespaces/basic/services/web:http/proxy/hello?q=1')) as {
      greeting: string;
      path: string;
    };
    expect(viaProxy).toMatchObject({ greeting: 'hello', path: '/hello?q=1' });
    const podName = pods.items[0]?.metadata.name ?? '';
    expect(await kubectl('get', '--raw', `/api/v1/namespaces/basic/pods/${podName}:8080/proxy/metrics`)).toContain('http_requests_total');

    const service = JSON.parse(await kubectl('get', 'service', 'web', '-n', 'basic', '-o', 'json')) as { spec: { clusterIP: string } };
    expect(service.spec.clusterIP).toMatch(/^127\.2\.\d+\.\d+$/);
    const address = await cluster.serviceAddress('basic', 'web', 80);
    expect(address).toEqual({ host: service.spec.clusterIP, port: 80 });
    const agent = new http.Agent({ keepAlive: false });
    const direct = await getJson(service.spec.clusterIP, 80, '/ready', agent);
    expect(direct).toEqual({ status: 200, body: 'ready' });

    const endpoints = await kubectl('get', 'endpoints', 'web', '-n', 'basic');
    expect(endpoints.match(/127\.1\.\d+\.\d+:8080/g)).toHaveLength(3);
    const table = await kubectl('get', 'deployment', 'web', '-n', 'basic');
    expect(table).toMatch(/web\s+3\/3\s+3\s+3/);
  });

  it('rolls a new image out with kubectl set image and fails no request under constant load', async () => {
    await applyWeb('rolling');
    await kubectl('rollout', 'status', 'deployment/web', '-n', 'rolling', '--timeout=30s');
    const address = await cluster.serviceAddress('rolling', 'web', 80);
    if (!address) throw new Error('service has no address');

    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const outcomes = { ok: 0, failed: 0, versions: new Map<string, number>(), errors: [] as string[] };
    let loading = true;
    const worker = async (): Promise<void> => {
      while (loading) {
        try {
          const response = await getJson(address.host, address.port, '/version-check', agent);
          if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.body}`);
          const version = (JSON.parse(response.body) as { version: string }).version;
          outcomes.ok += 1;
          outcomes.versions.set(version, (outcomes.versions.get(version) ?? 0) + 1);
        } catch (error) {
          outcomes.failed += 1;
          outcomes.errors.push((error as Error).message);
        }
      }
    };
    const workers = Array.from({ length: 6 }, () => worker());
    await new Promise((resolve) => setTimeout(resolve, 300));
    await kubectl('set', 'image', 'deployment/web', 'web=registry.example/team/fixture-web:v2', '-n', 'rolling');
    expect(await kubectl('rollout', 'status', 'deployment/web', '-n', 'rolling', '--timeout=60s')).toContain('successfully rolled out');
    await new Promise((resolve) => setTimeout(resolve, 300));
    loading = false;
    await Promise.all(workers);
    agent.destroy();

    expect(outcomes.errors.slice(0, 5)).toEqual([]);
    expect(outcomes.failed).toBe(0);
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.versions.get('v1')).toBeGreaterThan(0);
    expect(outcomes.versions.get('v2')).toBeGreaterThan(0);
    const history = await kubectl('rollout', 'history', 'deployment/web', '-n', 'rolling');
    expect(history).toMatch(/1\s+<none>\n2\s+<none>/);
  });

  it('reports a crashing image as CrashLoopBackOff, fails rollout status at the deadline, and rolls back with undo', async () => {
    await applyWeb('crash');
    await kubectl('rollout', 'status', 'deployment/web', '-n', 'crash', '--timeout=30s');
    await kubectl('set', 'image', 'deployment/web', 'web=fixture-crash:v2', '-n', 'crash');
    const started = Date.now();
    const status = await cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', 'crash', '--timeout=60s']);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain('error: deployment "web" exceeded its progress deadline');
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000);

    const pods = await kubectl('get', 'pods', '-n', 'crash');
    expect(pods).toMatch(/web-\S+\s+0\/1\s+(CrashLoopBackOff|Error|Running)\s+[1-9]/);
    const crashing = JSON.parse(await kubectl('get', 'pods', '-n', 'crash', '-o', 'json')) as {
      items: {
        metadata: { name: string };
        spec: { containers: { image: string }[] };
        status: { containerStatuses: { restartCount: number; lastState: { terminated?: { exitCode: number } } }[] };
      }[];
    };
    const bad = crashing.items.find((pod) => pod.spec.containers[0]?.image === 'fixture-crash:v2');
    expect(bad?.status.containerStatuses[0]?.restartCount).toBeGreaterThan(0);
    expect(bad?.status.containerStatuses[0]?.lastState.terminated?.exitCode).toBe(3);
    await waitFor('CrashLoopBackOff in kubectl get pods', async () => /CrashLoopBackOff/.test(await kubectl('get', 'pods', '-n', 'crash')));
    const previous = await kubectl('logs', bad?.metadata.name ?? '', '-n', 'crash', '--previous');
    expect(previous).toContain('fatal: configuration missing');
    const events = await kubectl('get', 'events', '-n', 'crash', '--field-selector', `involvedObject.name=${bad?.metadata.name}`);
    expect(events).toContain('BackOff');

    expect(await kubectl('rollout', 'undo', 'deployment/web', '-n', 'crash')).toContain('rolled back');
    expect(await kubectl('rollout', 'status', 'deployment/web', '-n', 'crash', '--timeout=30s')).toContain('successfully rolled out');
    const after = JSON.parse(await kubectl('get', 'deployment', 'web', '-n', 'crash', '-o', 'json')) as {
      metadata: { annotations: Record<string, string> };
      spec: { template: { spec: { containers: { image: string }[] } } };
      status: { readyReplicas: number };
    };
    expect(after.spec.template.spec.containers[0]?.image).toBe('registry.example/team/fixture-web:v1');
    expect(after.status.readyReplicas).toBe(3);
    expect(after.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    await waitFor('only v1 pods left', async () => {
      const images = await kubectl('get', 'pods', '-n', 'crash', '-o', 'jsonpath={.items[*].spec.containers[0].image}');
      return images.split(' ').every((image) => image.endsWith('fixture-web:v1'));
    });
    expect(await kubectl('rollout', 'history', 'deployment/web', '-n', 'crash')).toMatch(/2\s+<none>\n3\s+<none>/);
    expect((await cluster.kubectl(['rollout', 'undo', 'deployment/web', '-n', 'crash', '--to-revision=9'])).stderr).toContain(
      'unable to find specified revision 9 in history',
    );
  });

  it('shows an image missing from the image table as ImagePullBackOff with an Event', async () => {
    await applyWeb('pull', { image: 'ghcr.io/acme/does-not-exist:1.0', replicas: 1 });
    await waitFor('ImagePullBackOff', async () => /ImagePullBackOff/.test(await kubectl('get', 'pods', '-n', 'pull')));
    const events = await kubectl('get', 'events', '-n', 'pull');
    expect(events).toMatch(/Failed\s+pod\/web-\S+\s+Failed to pull image "ghcr.io\/acme\/does-not-exist:1.0"/);
    const describe = await kubectl('describe', 'pods', '-n', 'pull');
    expect(describe).toContain('ImagePullBackOff');
    expect(describe).toContain('Back-off pulling image');
  });

  it('scales, deletes pods and deployments with their processes, and streams logs', async () => {
    await applyWeb('scale', { replicas: 1 });
    await kubectl('rollout', 'status', 'deployment/web', '-n', 'scale', '--timeout=30s');
    expect(await kubectl('scale', 'deployment/web', '--replicas=3', '-n', 'scale')).toContain('scaled');
    await kubectl('rollout', 'status', 'deployment/web', '-n', 'scale', '--timeout=30s');
    expect(await kubectl('get', 'deployment', 'web', '-n', 'scale', '-o', 'jsonpath={.status.readyReplicas}')).toBe('3');
    expect(await kubectl('get', '--raw', '/apis/apps/v1/namespaces/scale/deployments/web/scale')).toContain('"replicas":3');

    const names = (await kubectl('get', 'pods', '-n', 'scale', '-o', 'name')).trim().split('\n');
    expect(names).toHaveLength(3);
    const logs = await kubectl('logs', names[0] ?? '', '-n', 'scale');
    expect(logs).toMatch(/listening on 127\.1\.\d+\.\d+:8080/);
    const pidsBefore = processesOfCluster(cluster.id);
    expect(await kubectl('delete', names[0] ?? '', '-n', 'scale')).toContain('deleted');
    await kubectl('rollout', 'status', 'deployment/web', '-n', 'scale', '--timeout=30s');
    const namesAfter = (await kubectl('get', 'pods', '-n', 'scale', '-o', 'name')).trim().split('\n');
    expect(namesAfter).toHaveLength(3);
    expect(namesAfter).not.toContain(names[0]);
    expect(processesOfCluster(cluster.id).filter((pid) => !pidsBefore.includes(pid))).toHaveLength(1);

    await kubectl('scale', 'deployment/web', '--replicas=1', '-n', 'scale');
    await waitFor('scale down to one pod', async () => (await kubectl('get', 'pods', '-n', 'scale', '-o', 'name')).trim().split('\n').length === 1);

    const deleted = await kubectl('delete', 'deployment', 'web', '-n', 'scale');
    expect(deleted).toContain('deleted');
    await waitFor('pods gone', async () => (await kubectl('get', 'pods,rs', '-n', 'scale', '-o', 'name')).trim() === '');
    const namespacePods = cluster.store.list(cluster.store.typeOf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: '' } })!, 'scale');
    expect(namespacePods).toHaveLength(0);
    expect((await cluster.kubectl(['get', 'deployment', 'web', '-n', 'scale'])).stderr).toContain(
      'Error from server (NotFound): deployments.apps "web" not found',
    );
  });

  it('streams a deployment watch with ADDED and MODIFIED events', async () => {
    await applyWeb('watch', { replicas: 1 });
    const watcher = spawn(
      'kubectl',
      ['get', 'deployment', 'web', '-n', 'watch', '--watch', '--output-watch-events', '-o', 'jsonpath={.type} {.object.status.readyReplicas}{"\\n"}'],
      {
        env: { ...process.env, ...cluster.env },
      },
    );
    let output = '';
    watcher.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    try {
      await waitFor('ADDED event', () => output.includes('ADDED'));
      await kubectl('scale', 'deployment/web', '--replicas=2', '-n', 'watch');
      await waitFor('MODIFIED event with 2 ready replicas', () => /MODIFIED 2/.test(output));
    } finally {
      watcher.kill();
    }
  });

  it('balances per connection, as kube-proxy: new connections split by replica count (a canary with 1 of 4 pods gets about a quarter), a kept-alive one sticks to its pod', async () => {
    await applyWeb('split', { replicas: 3, labels: { app: 'web', track: 'stable' } });
    const canary = webDeployment({ namespace: 'split', name: 'web-canary', image: 'fixture-web:canary', replicas: 1, labels: { app: 'web', track: 'canary' } });
    (canary.spec as { template: { spec: { containers: { envFrom: unknown }[] } } }).template.spec.containers[0]!.envFrom = [
      { configMapRef: { name: 'web-config' } },
    ];
    const applied = await cluster.kubectl(['apply', '--server-side', '--field-manager=emulator-test', '-f', '-'], { input: YAML.stringify(canary) });
    expect(applied.code, applied.stderr).toBe(0);
    await kubectl('rollout', 'status', 'deployment/web', '-n', 'split', '--timeout=30s');
    await kubectl('rollout', 'status', 'deployment/web-canary', '-n', 'split', '--timeout=30s');
    await waitFor('4 endpoints', async () => ((await kubectl('get', 'endpoints', 'web', '-n', 'split')).match(/:8080/g) ?? []).length === 4);
    const address = await cluster.serviceAddress('split', 'web', 80);
    const fresh = new http.Agent({ keepAlive: false });
    let canaryHits = 0;
    for (let i = 0; i < 200; i++) {
      const response = await getJson(address?.host ?? '', address?.port ?? 0, '/', fresh);
      if ((JSON.parse(response.body) as { version: string }).version === 'canary') canaryHits += 1;
    }
    fresh.destroy();
    expect(canaryHits).toBeGreaterThanOrEqual(40);
    expect(canaryHits).toBeLessThanOrEqual(60);

    const kept = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const versions = new Set<string>();
    const sockets = new Set<unknown>();
    kept.on('free', (socket) => sockets.add(socket));
    for (let i = 0; i < 40; i++) {
      const response = await getJson(address?.host ?? '', address?.port ?? 0, '/', kept);
      versions.add((JSON.parse(response.body) as { version: string }).version);
    }
    kept.destroy();
    expect(sockets.size).toBe(1);
    expect(versions.size).toBe(1);
  });
});
