import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startCluster, type Cluster } from '../src/cluster.js';
import { EMULATOR_CONTROLLER_NAME } from '../src/gateway/spec.js';
import type { KubeObject } from '../src/store.js';
import { FIXTURE_IMAGES, webDeployment } from './fixtures/manifests.js';

const NAMESPACE = 'shop';
let cluster: Cluster;

function yaml(...documents: object[]): string {
  return documents.map((document) => YAML.stringify(document)).join('---\n');
}

async function kubectl(args: string[], input?: string): Promise<string> {
  const result = await cluster.kubectl(args, input === undefined ? {} : { input });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function getJson(kind: string, name: string): Promise<KubeObject> {
  return JSON.parse(await kubectl(['get', kind, name, '-n', NAMESPACE, '-o', 'json'])) as KubeObject;
}

/** Polls `probe` until it returns a value (status is written asynchronously, as by a real controller). */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function service(name: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NAMESPACE },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
}

function route(backends: { name: string; weight?: number }[], extraRules: object[] = []): object {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'inventory', namespace: NAMESPACE },
    spec: {
      parentRefs: [{ name: 'edge' }],
      rules: [...extraRules, { backendRefs: backends.map((backend) => ({ ...backend, port: 80 })) }],
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

async function request(path = '/', headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const address = await cluster.gatewayAddress(NAMESPACE, 'edge', 80);
  if (!address) throw new Error('the Gateway does not listen');
  return new Promise((resolve, reject) => {
    const req = http.get({ host: address.host, port: address.port, path, headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

/** Sends `count` requests, 16 at a time, and counts the answering version (fixture-web's JSON) or status. */
async function split(count: number, headers: Record<string, string> = {}): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (sent < count) {
      sent += 1;
      const response = await request('/items', headers);
      const key = response.status === 200 ? String((JSON.parse(response.body) as { version: string }).version) : `status ${response.status}`;
      tally[key] = (tally[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return tally;
}

async function setWeights(stable: number, canary: number): Promise<void> {
  const patch = {
    spec: {
      rules: [
        {
          backendRefs: [
            { name: 'stable', port: 80, weight: stable },
            { name: 'canary', port: 80, weight: canary },
          ],
        },
      ],
    },
  };
  await kubectl(['patch', 'httproute', 'inventory', '-n', NAMESPACE, '--type', 'merge', '-p', JSON.stringify(patch)]);
}

beforeAll(async () => {
  cluster = await startCluster({ images: FIXTURE_IMAGES });
  await kubectl(
    ['apply', '--server-side', '--field-manager=test', '-f', '-'],
    yaml(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
      ...['stable', 'canary'].map((name) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-config`, namespace: NAMESPACE }, data: {} })),
      webDeployment({ namespace: NAMESPACE, name: 'stable', image: 'registry.example/fixture-web:v1', replicas: 2 }),
      webDeployment({ namespace: NAMESPACE, name: 'canary', image: 'registry.example/fixture-web:v2', replicas: 1 }),
      service('stable'),
      service('canary'),
    ),
  );
  await kubectl(['rollout', 'status', '-n', NAMESPACE, 'deployment/stable', 'deployment/canary', '--timeout=60s']);
});

afterAll(async () => {
  agent.destroy();
  await cluster?.stop();
});

describe('Gateway API through the real kubectl', () => {
  it('serves GatewayClass, Gateway and HTTPRoute, and accepts a class naming the emulator', async () => {
    // Client-side apply: kubectl sends JSON merge patches for kinds it has no Go types for.
    await kubectl(
      ['apply', '-f', '-'],
      yaml({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name: 'emulator' },
        spec: { controllerName: EMULATOR_CONTROLLER_NAME },
      }),
    );
    await kubectl(
      ['apply', '--server-side', '--field-manager=test', '-f', '-'],
      yaml(
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'Gateway',
          metadata: { name: 'edge', namespace: NAMESPACE },
          spec: { gatewayClassName: 'emulator', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
        },
        route([
          { name: 'stable', weight: 90 },
          { name: 'canary', weight: 10 },
        ]),
      ),
    );
    const accepted = await eventually(async () => {
      const gatewayClass = JSON.parse(await kubectl(['get', 'gatewayclass', 'emulator', '-o', 'json'])) as KubeObject;
      return gatewayClass.status.conditions.find((c: { type: string; status: string }) => c.type === 'Accepted' && c.status === 'True');
    }, 'the GatewayClass to be accepted');
    expect(accepted).toMatchObject({ reason: 'Accepted', observedGeneration: 1 });
    expect(await kubectl(['get', 'gc'])).toMatch(new RegExp(`emulator\\s+${EMULATOR_CONTROLLER_NAME}\\s+True`));
    const reapplied = await kubectl(
      ['apply', '-f', '-'],
      yaml({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name: 'emulator' },
        spec: { controllerName: EMULATOR_CONTROLLER_NAME, description: 'local loopback gateways' },
      }),
    );
    expect(reapplied).toContain('gatewayclass.gateway.networking.k8s.io/emulator configured');
    expect(await kubectl(['get', 'gc', 'emulator', '-o', 'wide'])).toContain('local loopback gateways');
    const category = await kubectl(['get', 'gateway-api', '-n', NAMESPACE, '-o', 'name']);
    expect(category.split('\n').filter(Boolean).sort()).toEqual([
      'gateway.gateway.networking.k8s.io/edge',
      'gatewayclass.gateway.networking.k8s.io/emulator',
      'httproute.gateway.networking.k8s.io/inventory',
    ]);
  });

  it('gives the Gateway its own address, reported in status with Accepted, Programmed and listener status', async () => {
    await kubectl(['wait', '--for=condition=Programmed', 'gateway/edge', '-n', NAMESPACE, '--timeout=20s']);
    const gateway = await getJson('gateway', 'edge');
    const address = await cluster.gatewayAddress(NAMESPACE, 'edge', 80);
    expect(gateway.status.addresses).toEqual([{ type: 'IPAddress', value: address?.host }]);
    expect(address?.host).toMatch(/^127\.3\.\d+\.\d+$/);
    expect(gateway.status.conditions.find((c: { type: string }) => c.type === 'Accepted')).toMatchObject({ status: 'True', reason: 'Accepted' });
    expect(gateway.status.listeners).toEqual([
      expect.objectContaining({ name: 'http', attachedRoutes: 1, supportedKinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }] }),
    ]);
    const listenerConditions = Object.fromEntries(gateway.status.listeners[0].conditions.map((c: { type: string; status: string }) => [c.type, c.status]));
    expect(listenerConditions).toEqual({ Accepted: 'True', Programmed: 'True', ResolvedRefs: 'True', Conflicted: 'False' });
    expect(await kubectl(['get', 'gateway', 'edge', '-n', NAMESPACE])).toMatch(
      new RegExp(`edge\\s+emulator\\s+${address?.host.replaceAll('.', '\\.')}\\s+True`),
    );

    const routeStatus = (await getJson('httproute', 'inventory')).status;
    expect(routeStatus.parents).toEqual([
      {
        parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge' },
        controllerName: EMULATOR_CONTROLLER_NAME,
        conditions: [
          expect.objectContaining({ type: 'Accepted', status: 'True', reason: 'Accepted' }),
          expect.objectContaining({ type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' }),
        ],
      },
    ]);
  });

  it('splits requests by weight within 3 points over 2,000 requests: 10/90, 25/75, 50/50', async () => {
    for (const canaryWeight of [10, 25, 50]) {
      await setWeights(100 - canaryWeight, canaryWeight);
      const tally = await split(2000);
      expect(Object.keys(tally).sort(), JSON.stringify(tally)).toEqual(['v1', 'v2']);
      expect(Math.abs(((tally.v2 ?? 0) / 2000) * 100 - canaryWeight), JSON.stringify(tally)).toBeLessThanOrEqual(3);
    }
  });

  it('applies a weight change to the next request, and sends nothing to weight 0', async () => {
    await setWeights(0, 1);
    expect(await split(50)).toEqual({ v2: 50 });
    await setWeights(1, 0);
    expect(await split(50)).toEqual({ v1: 50 });
  });

  it('answers 500 when every weight is 0, and 404 when no rule matches', async () => {
    await setWeights(0, 0);
    expect((await request('/items')).status).toBe(500);
    const exactOnly = route([{ name: 'stable' }]);
    (exactOnly as { spec: { rules: { matches?: object[] }[] } }).spec.rules[0]!.matches = [{ path: { type: 'Exact', value: '/items' } }];
    await kubectl(['apply', '--server-side', '--field-manager=test', '--force-conflicts', '-f', '-'], yaml(exactOnly));
    expect((await request('/items')).status).toBe(200);
    expect((await request('/items/1')).status).toBe(404);
  });

  it('sends only requests carrying the header to the canary, the rest by weight', async () => {
    const canaryRule = {
      matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-Canary', value: 'always' }] }],
      backendRefs: [{ name: 'canary', port: 80 }],
    };
    await kubectl(
      ['apply', '--server-side', '--field-manager=test', '--force-conflicts', '-f', '-'],
      yaml(
        route(
          [
            { name: 'stable', weight: 1 },
            { name: 'canary', weight: 0 },
          ],
          [canaryRule],
        ),
      ),
    );
    expect(await split(200, { 'x-canary': 'always' })).toEqual({ v2: 200 });
    expect(await split(200)).toEqual({ v1: 200 });
    expect(await split(50, { 'x-canary': 'sometimes' })).toEqual({ v1: 50 });
  });

  it('reports a missing backend Service in status and answers 500 for its share', async () => {
    await kubectl(
      ['apply', '--server-side', '--field-manager=test', '--force-conflicts', '-f', '-'],
      yaml(
        route([
          { name: 'stable', weight: 1 },
          { name: 'missing', weight: 1 },
        ]),
      ),
    );
    const resolvedRefs = await eventually(async () => {
      const parent = (await getJson('httproute', 'inventory')).status?.parents?.[0];
      const condition = parent?.conditions?.find((c: { type: string }) => c.type === 'ResolvedRefs');
      return condition?.status === 'False' ? { parent, condition } : undefined;
    }, 'ResolvedRefs to turn False');
    expect(resolvedRefs.condition).toMatchObject({ reason: 'BackendNotFound', message: expect.stringContaining('service "shop/missing" not found') });
    expect(resolvedRefs.parent.conditions.find((c: { type: string }) => c.type === 'Accepted')).toMatchObject({ status: 'True' });
    expect(await split(100)).toEqual({ v1: 50, 'status 500': 50 });
  });

  it('refuses what the CRDs refuse: strategic merge patches, a Service backend without a port, negative weights, bad ports', async () => {
    const strategic = await cluster.kubectl(['patch', 'httproute', 'inventory', '-n', NAMESPACE, '-p', '{"spec":{"hostnames":["a.example"]}}']);
    expect(strategic.code).toBe(1);
    expect(strategic.stderr).toContain('the body of the request was in an unknown format');
    const noPort = { ...(route([{ name: 'stable' }]) as { spec: object }), metadata: { name: 'no-port', namespace: NAMESPACE } };
    (noPort.spec as { rules: { backendRefs: { port?: number }[] }[] }).rules[0]!.backendRefs[0]!.port = undefined;
    const rejected = await cluster.kubectl(['apply', '--server-side', '-f', '-'], { input: yaml(JSON.parse(JSON.stringify(noPort)) as object) });
    expect(rejected.stderr).toContain(
      'The HTTPRoute "no-port" is invalid: spec.rules[0].backendRefs[0]: Invalid value: "object": Must have port for Service reference',
    );
    const negative = await cluster.kubectl(['apply', '--server-side', '-f', '-'], {
      input: yaml({ ...(route([{ name: 'stable', weight: -1 }]) as object), metadata: { name: 'negative', namespace: NAMESPACE } }),
    });
    expect(negative.stderr).toContain('weight in body should be greater than or equal to 0');
    const badPort = await cluster.kubectl(['apply', '--server-side', '-f', '-'], {
      input: yaml({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'bad-port', namespace: NAMESPACE },
        spec: { gatewayClassName: 'emulator', listeners: [{ name: 'http', protocol: 'HTTP', port: 99999 }] },
      }),
    });
    expect(badPort.stderr).toContain('spec.listeners[0].port: Invalid value: 99999: spec.listeners[0].port in body should be less than or equal to 65535');
    expect((await cluster.kubectl(['get', 'httproute', 'no-port', 'negative', '-n', NAMESPACE])).stderr).toContain('not found');
    expect((await cluster.kubectl(['get', 'gateway', 'bad-port', '-n', NAMESPACE])).stderr).toContain('not found');
  });

  it('reports routes the Gateway does not take: from another namespace, or naming a listener it lacks', async () => {
    const httpRoute = (name: string, namespace: string, parentRef: object): object => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name, namespace },
      spec: { parentRefs: [parentRef], rules: [{ backendRefs: [{ name: 'stable', port: 80 }] }] },
    });
    await kubectl(
      ['apply', '--server-side', '--field-manager=test', '-f', '-'],
      yaml(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'elsewhere' } },
        httpRoute('foreign', 'elsewhere', { name: 'edge', namespace: NAMESPACE }),
        httpRoute('misaimed', NAMESPACE, { name: 'edge', sectionName: 'https' }),
      ),
    );
    const acceptedOf = async (name: string, namespace: string): Promise<{ status: string; reason: string } | undefined> => {
      const object = JSON.parse(await kubectl(['get', 'httproute', name, '-n', namespace, '-o', 'json'])) as KubeObject;
      return object.status?.parents?.[0]?.conditions?.find((c: { type: string }) => c.type === 'Accepted');
    };
    expect(await eventually(() => acceptedOf('foreign', 'elsewhere'), 'the foreign route status')).toMatchObject({
      status: 'False',
      reason: 'NotAllowedByListeners',
    });
    expect(await eventually(() => acceptedOf('misaimed', NAMESPACE), 'the misaimed route status')).toMatchObject({
      status: 'False',
      reason: 'NoMatchingParent',
    });
    expect((await getJson('gateway', 'edge')).status.listeners[0].attachedRoutes).toBe(1);
    await kubectl(['delete', 'namespace', 'elsewhere']);
    await kubectl(['delete', 'httproute', 'misaimed', '-n', NAMESPACE]);
  });

  it('deletes routes and Gateways with kubectl: the Gateway stops listening', async () => {
    await kubectl(['delete', 'httproute', 'inventory', '-n', NAMESPACE]);
    expect((await request('/items')).status).toBe(404);
    const address = await cluster.gatewayAddress(NAMESPACE, 'edge', 80);
    await kubectl(['delete', 'gateway', 'edge', '-n', NAMESPACE]);
    expect(await cluster.gatewayAddress(NAMESPACE, 'edge', 80)).toBeUndefined();
    const refused = await new Promise<string>((resolve) => {
      http
        .get({ host: address?.host, port: address?.port, path: '/' }, () => resolve('answered'))
        .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});

describe('Gateway listeners without root', () => {
  it('moves a port below 1024 to port + 30000 and says so in the listener status', async () => {
    const unprivileged = await startCluster({ simulateUnprivilegedPorts: true });
    try {
      const applied = await unprivileged.kubectl(['apply', '--server-side', '-f', '-'], {
        input: yaml(
          {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'GatewayClass',
            metadata: { name: 'emulator' },
            spec: { controllerName: EMULATOR_CONTROLLER_NAME },
          },
          {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'Gateway',
            metadata: { name: 'edge', namespace: 'default' },
            spec: { gatewayClassName: 'emulator', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
          },
        ),
      });
      expect(applied.code, applied.stderr).toBe(0);
      const waited = await unprivileged.kubectl(['wait', '--for=condition=Programmed', 'gateway/edge', '--timeout=20s']);
      expect(waited.code, waited.stderr).toBe(0);
      const address = await unprivileged.gatewayAddress('default', 'edge', 80);
      expect(address?.port).toBe(30080);
      const gateway = JSON.parse((await unprivileged.kubectl(['get', 'gateway', 'edge', '-o', 'json'])).stdout) as KubeObject;
      expect(gateway.status.listeners[0].conditions).toContainEqual(
        expect.objectContaining({ type: 'Programmed', status: 'True', message: 'listening on port 30080' }),
      );
      const status = await new Promise<number>((resolve, reject) => {
        http
          .get({ host: address?.host, port: address?.port, path: '/' }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(status).toBe(404);
    } finally {
      await unprivileged.stop();
    }
  });
});
