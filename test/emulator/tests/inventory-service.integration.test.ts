import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startCluster, type Cluster } from '../src/cluster.js';
import { startPostgres, type EmbeddedCluster } from '../../../example-service/scripts/embedded-postgres.js';
import { processesOfCluster } from './fixtures/processes.js';
import { REPOSITORY_ROOT } from '../../repository-root.js';

const SERVER = path.join(REPOSITORY_ROOT, 'example-service/dist/server.js');
const OVERLAYS = path.join(REPOSITORY_ROOT, 'example-service/k8s/overlays');
const built = fs.existsSync(SERVER);
if (!built) console.warn(`skipped: ${SERVER} is missing; run "npm run build:service" first`);

let cluster: Cluster;
let postgres: EmbeddedCluster;

function databaseSecret(namespace: string, url: string): string {
  return YAML.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'inventory-database', namespace }, stringData: { url } });
}

interface Reply {
  status: number;
  body: string;
}

function request(host: string, port: number, method: string, requestPath: string, agent: http.Agent, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = http.request(
      { host, port, method, path: requestPath, agent, timeout: 10_000, headers: payload ? { 'content-type': 'application/json' } : {} },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.end(payload);
  });
}

describe.skipIf(!built)('the inventory service on the emulator', () => {
  beforeAll(async () => {
    [cluster, postgres] = await Promise.all([startCluster(), startPostgres()]);
  });

  afterAll(async () => {
    await cluster?.stop();
    await postgres?.destroy();
    if (cluster) expect(processesOfCluster(cluster.id)).toEqual([]);
  });

  async function kubectl(...args: string[]): Promise<string> {
    const result = await cluster.kubectl(args);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    return result.stdout;
  }

  it('applies the staging overlay server-side; the service answers through its Service proxy and writes to PostgreSQL', async () => {
    const url = await postgres.createDatabase('staging');
    const applied = await kubectl('apply', '--server-side', '--field-manager=k8s-deploy', '-k', path.join(OVERLAYS, 'staging'));
    expect(applied).toContain('deployment.apps/inventory-service serverside-applied');
    expect(applied).toContain('horizontalpodautoscaler.autoscaling/inventory-service serverside-applied');
    expect(applied).toContain('networkpolicy.networking.k8s.io/inventory-service serverside-applied');
    expect(
      (await cluster.kubectl(['apply', '--server-side', '--field-manager=k8s-deploy', '-f', '-'], { input: databaseSecret('inventory-staging', url) })).code,
    ).toBe(0);
    expect(await kubectl('rollout', 'status', 'deployment/inventory-service', '-n', 'inventory-staging', '--timeout=60s')).toContain('successfully rolled out');
    // Applied as plain manifests, the migration hook Job runs beside the pods (which do not migrate): wait for it as k8s-deploy would have.
    await kubectl('wait', '--for=condition=complete', 'job/inventory-migrate', '-n', 'inventory-staging', '--timeout=60s');

    const proxy = '/api/v1/namespaces/inventory-staging/services/inventory-service:80/proxy';
    // kubectl exits non-zero unless the proxied /ready answers 2xx.
    await kubectl('get', '--raw', `${proxy}/ready`);
    const address = await cluster.serviceAddress('inventory-staging', 'inventory-service', 80);
    if (!address) throw new Error('no service address');
    const agent = new http.Agent({ keepAlive: true });
    const created = await request(address.host, address.port, 'POST', '/api/items', agent, { sku: 'EMU-1', name: 'Emulated widget', quantity: 7, price: 1.5 });
    expect(created.status, created.body).toBe(201);
    const listed = JSON.parse(await kubectl('get', '--raw', `${proxy}/api/items?limit=10`)) as { items: { sku: string }[] };
    expect(listed.items.map((item) => item.sku)).toContain('EMU-1');
    const podName = (
      await kubectl('get', 'pods', '-n', 'inventory-staging', '-l', 'app.kubernetes.io/name=inventory-service', '-o', 'jsonpath={.items[0].metadata.name}')
    ).trim();
    expect(await kubectl('get', '--raw', `/api/v1/namespaces/inventory-staging/pods/${podName}:8080/proxy/metrics`)).toContain('# TYPE');
    agent.destroy();
  });

  it('applies the production overlay client-side, rolls a new tag out with zero failed requests, and rehearses a faulty release and its undo', async () => {
    const url = await postgres.createDatabase('production');
    const namespace = 'inventory-production';
    expect(await kubectl('apply', '-k', path.join(OVERLAYS, 'production'))).toContain('deployment.apps/inventory-service created');
    expect((await cluster.kubectl(['apply', '-f', '-'], { input: databaseSecret(namespace, url) })).code).toBe(0);
    await kubectl('rollout', 'status', 'deployment/inventory-service', '-n', namespace, '--timeout=90s');
    await kubectl('wait', '--for=condition=complete', 'job/inventory-migrate', '-n', namespace, '--timeout=60s');
    const address = await cluster.serviceAddress(namespace, 'inventory-service', 80);
    if (!address) throw new Error('no service address');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const seeded = await request(address.host, address.port, 'POST', '/api/items', agent, { sku: 'LOAD-1', name: 'Under load', quantity: 1, price: 2 });
    expect(seeded.status, seeded.body).toBe(201);

    const failures: string[] = [];
    let ok = 0;
    let loading = true;
    const worker = async (): Promise<void> => {
      while (loading) {
        try {
          const reply = await request(address.host, address.port, 'GET', '/api/items?limit=5', agent);
          if (reply.status === 200) ok += 1;
          else failures.push(`HTTP ${reply.status}: ${reply.body.slice(0, 200)}`);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    const workers = Array.from({ length: 4 }, () => worker());
    await kubectl('set', 'image', 'deployment/inventory-service', 'inventory=ghcr.io/acme/inventory-service:1.1.0', '-n', namespace);
    await kubectl('rollout', 'status', 'deployment/inventory-service', '-n', namespace, '--timeout=90s');
    loading = false;
    await Promise.all(workers);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(ok).toBeGreaterThan(50);

    await kubectl('set', 'image', 'deployment/inventory-service', 'inventory=ghcr.io/acme/inventory-service:1.2.0-faulty', '-n', namespace);
    await kubectl('rollout', 'status', 'deployment/inventory-service', '-n', namespace, '--timeout=90s');
    let errors = 0;
    for (let i = 0; i < 60; i++) if ((await request(address.host, address.port, 'GET', '/api/items', agent)).status === 500) errors += 1;
    expect(errors).toBeGreaterThan(10);

    expect(await kubectl('rollout', 'undo', 'deployment/inventory-service', '-n', namespace)).toContain('rolled back');
    await kubectl('rollout', 'status', 'deployment/inventory-service', '-n', namespace, '--timeout=90s');
    expect(await kubectl('get', 'deployment', 'inventory-service', '-n', namespace, '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe(
      'ghcr.io/acme/inventory-service:1.1.0',
    );
    agent.destroy();
    // New connections, as clients after a rollback make: a kept-alive one may still reach a faulty pod while it terminates, as through kube-proxy.
    const fresh = new http.Agent({ keepAlive: false });
    for (let i = 0; i < 30; i++) expect((await request(address.host, address.port, 'GET', '/api/items', fresh)).status).toBe(200);
    // Three rollouts, and the overlay's migration and backup hook Jobs running beside them.
  }, 120_000);
});
