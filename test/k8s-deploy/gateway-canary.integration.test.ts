import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deployNeeds } from '../../actions/lib/kubernetes/access.js';
import { limitedKubeconfig, rulesGranting } from '../harness/service-account.js';
import { describeWithTools } from '../harness/tools.js';
import { NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { applyGateway, clusterState, deployStep, errorOf, gatewayApiObject, imagesOf, namespacedOverlay, ECHO_IMAGE } from './steps.js';

const ROUTE = 'inventory';
const CANARY_SERVICE = 'inventory-service-canary';

describeWithTools(['kubectl'], 'k8s-deploy canary with traffic-router gateway-api on the cluster emulator', () => {
  let stage: Stage;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

  const gatewayDeploy = (inputs: Record<string, string>) =>
    deployStep(stage, { strategy: 'canary', 'traffic-router': 'gateway-api', 'http-route': ROUTE, ...inputs });

  /** Requests the API server refused: a run under exactly the rights its access list names makes none. */
  const refused: string[] = [];
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-canary-'));
  let namespaced: { manifests: string; kinds: string[] };
  /** Inputs that run an action as a ServiceAccount holding exactly the rights deployNeeds lists for it. */
  const withExactRights = async (action: string) => {
    const needs = deployNeeds({ kinds: namespaced.kinds, strategy: 'canary', action, rollbackOnFailure: true, dryRun: false, httpRoute: true });
    const file = path.join(directory, `gateway-${action}.kubeconfig`);
    await limitedKubeconfig(stage.cluster, NAMESPACE, `gateway-${action}`, rulesGranting(needs), file);
    refused.length = 0;
    return { action, manifests: namespaced.manifests, kubeconfig: fs.readFileSync(file, 'utf8') };
  };

  const route = async (name = ROUTE) =>
    JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'httproute', name, '--output', 'json')) as {
      metadata: { resourceVersion: string };
      spec: { rules: Array<{ backendRefs: Array<{ name: string; weight: number }> }> };
    };
  const backends = async () => (await route()).spec.rules.map((rule) => rule.backendRefs.map(({ name, weight }) => ({ name, weight })));
  const everything = async () => [await clusterState(stage), (await route()).metadata.resourceVersion, (await route('docs')).metadata.resourceVersion];

  /** Sends `count` requests through the Gateway, 16 at a time, and counts the answering image tags. */
  async function tally(count: number, headers: Record<string, string> = {}): Promise<Record<string, number>> {
    const address = await stage.cluster.gatewayAddress(NAMESPACE, 'edge', 80);
    if (!address) throw new Error('the Gateway does not listen');
    const counts: Record<string, number> = {};
    let sent = 0;
    const worker = async () => {
      while (sent < count) {
        sent += 1;
        const answer = await new Promise<string>((resolve, reject) => {
          http
            .get({ host: address.host, port: address.port, path: '/api/items', headers, agent }, (response) => {
              let body = '';
              response.setEncoding('utf8');
              response.on('data', (chunk: string) => (body += chunk));
              response.on('end', () => resolve(response.statusCode === 200 ? body : `HTTP ${response.statusCode}`));
            })
            .on('error', reject);
        });
        counts[answer] = (counts[answer] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    return counts;
  }

  beforeAll(async () => {
    stage = await startStage({ images: [ECHO_IMAGE], onRequest: (method, url, status) => (status === 403 ? refused.push(`${method} ${url}`) : undefined) });
    namespaced = await namespacedOverlay(stage, path.join(directory, 'manifests.yaml'));
    const first = await deployStep(stage, { images: 'inventory-service:echo-1' });
    expect(errorOf(first)).toBeUndefined();
    await applyGateway(stage, ROUTE, [
      gatewayApiObject(
        'HTTPRoute',
        { name: 'docs', namespace: NAMESPACE },
        { parentRefs: [{ name: 'edge' }], hostnames: ['docs.example'], rules: [{ backendRefs: [{ name: 'docs', port: 80 }] }] },
      ),
    ]);
    expect(await tally(50)).toEqual({ 'echo-1': 50 });
  }, 240_000);

  afterAll(async () => {
    agent.destroy();
    await stage?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it.each([
    ['does not exist', 'nowhere', /Input "http-route" names HTTPRoute\/nowhere, which does not exist.*Nothing was changed/],
    [
      'does not reference the stable Service',
      'docs',
      /Input "http-route" names HTTPRoute\/docs, which sends no traffic to Service\/inventory-service.*Nothing was changed/,
    ],
    ['is flag-shaped', '-n kube-system', /http-route/],
  ])('a route that %s is refused before anything changes', async (_, name, message) => {
    const before = await everything();
    const run = await gatewayDeploy({ images: 'inventory-service:echo-2', 'http-route': name });
    expect(run.exitCode).not.toBe(0);
    expect(errorOf(run)).toMatch(message);
    expect(await everything()).toEqual(before);
  });

  it('canary-header without traffic-router gateway-api is refused naming the input, before anything changes', async () => {
    const before = await everything();
    const run = await deployStep(stage, {
      strategy: 'canary',
      images: 'inventory-service:echo-2',
      'canary-header': 'x-canary: always',
    });
    expect(run.exitCode).not.toBe(0);
    expect(errorOf(run)).toMatch(/Input "canary-header" needs strategy canary with traffic-router gateway-api.*Nothing was changed/);
    expect(await everything()).toEqual(before);
  });

  it('deploy at 10% with a canary header (with exactly its listed rights): the route weighs stable 90 and canary 10, 1,000 requests without the header split within 3 points, every request with it reaches the canary', async () => {
    const run = await gatewayDeploy({
      images: 'inventory-service:echo-2',
      'canary-percentage': '10',
      'canary-header': 'x-canary: always',
      ...(await withExactRights('deploy')),
    });
    expect(errorOf(run)).toBeUndefined();
    expect(refused).toEqual([]);
    expect(run.outputs).toMatchObject({
      status: 'succeeded',
      strategy: 'canary',
      'achieved-percentage': '10',
      'baseline-selector': 'app.kubernetes.io/name=inventory-service,track=baseline',
      'canary-selector': 'app.kubernetes.io/name=inventory-service-canary,track=canary',
    });
    expect(run.summary).toContain('HTTPRoute/inventory sends 10% of the requests to Service/inventory-service-canary');
    expect(run.summary).toContain('Requests with header x-canary: always go to Service/inventory-service-canary only');
    expect(await backends()).toEqual([
      [{ name: CANARY_SERVICE, weight: 1 }],
      [
        { name: 'inventory-service', weight: 90 },
        { name: CANARY_SERVICE, weight: 10 },
      ],
    ]);
    expect(await tally(200, { 'x-canary': 'always' })).toEqual({ 'echo-2': 200 });
    // Another value is no match: the weights apply.
    expect(Object.keys(await tally(100, { 'x-canary': 'never' })).sort()).toEqual(['echo-1', 'echo-2']);
    // The canary's pods are behind its own Service only: the stable Service reaches stable and baseline pods.
    expect(await imagesOf(stage, 'app.kubernetes.io/name=inventory-service')).toEqual(Array(4).fill('inventory-service:echo-1'));
    const counts = await tally(1000);
    expect(Object.keys(counts).sort()).toEqual(['echo-1', 'echo-2']);
    expect(Math.abs((counts['echo-2'] ?? 0) / 10 - 10)).toBeLessThanOrEqual(3);
  });

  it('promote (with exactly its listed rights): the stable Deployment runs the new version, the route sends everything to the stable Service (the header rule gone), the canary is gone', async () => {
    const run = await gatewayDeploy({ images: 'inventory-service:echo-2', ...(await withExactRights('promote')) });
    expect(errorOf(run)).toBeUndefined();
    expect(refused).toEqual([]);
    expect(await backends()).toEqual([[{ name: 'inventory-service', weight: 100 }]]);
    expect(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments,services', '--output', 'name')).not.toMatch(/canary|baseline/);
    expect(await tally(200)).toEqual({ 'echo-2': 200 });
  });

  it('abort (with exactly its listed rights): the route sends everything to the stable Service again (the header rule gone), the canary is gone, the stable version unchanged', async () => {
    const canary = await gatewayDeploy({ images: 'inventory-service:echo-3', 'canary-percentage': '25', 'canary-header': 'X-Tester' });
    expect(errorOf(canary)).toBeUndefined();
    expect(await tally(100, { 'x-tester': 'anything' })).toEqual({ 'echo-3': 100 });
    expect(await backends()).toEqual([
      [{ name: CANARY_SERVICE, weight: 1 }],
      [
        { name: 'inventory-service', weight: 75 },
        { name: CANARY_SERVICE, weight: 25 },
      ],
    ]);
    const abort = await gatewayDeploy({ images: 'inventory-service:echo-3', ...(await withExactRights('abort')) });
    expect(errorOf(abort)).toBeUndefined();
    expect(refused).toEqual([]);
    expect(abort.outputs).toMatchObject({ 'achieved-percentage': '0' });
    expect(await backends()).toEqual([[{ name: 'inventory-service', weight: 100 }]]);
    expect(await tally(50, { 'x-tester': 'anything' })).toEqual({ 'echo-2': 50 });
    expect(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments,services', '--output', 'name')).not.toMatch(/canary|baseline/);
    expect(await tally(200)).toEqual({ 'echo-2': 200 });
  });

  it('a canary that never gets ready puts no weight and no header rule on the route and is removed', async () => {
    const run = await gatewayDeploy({ images: 'inventory-service:crash', timeout: '20s', 'canary-header': 'x-canary: always' });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs).toMatchObject({ status: 'rolled-back' });
    expect(await backends()).toEqual([[{ name: 'inventory-service', weight: 100 }]]);
    expect(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments,services', '--output', 'name')).not.toMatch(/canary|baseline/);
  });

  it('traffic-router replicas: the achieved share is the output and in the summary, with a warning when it is more than 5 points off', async () => {
    const canary = await deployStep(stage, { strategy: 'canary', images: 'inventory-service:echo-4', 'canary-percentage': '10' });
    expect(errorOf(canary)).toBeUndefined();
    expect(canary.outputs).toMatchObject({ status: 'succeeded', 'achieved-percentage': '20' });
    expect(canary.summary).toContain('1 canary and 1 baseline replicas beside 3 stable ones share the Service');
    expect(canary.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(/gets 20% of the traffic, not the 10% asked.*max-surge-replicas/),
    ]);
    expect(await backends()).toEqual([[{ name: 'inventory-service', weight: 100 }]]);
    const abort = await deployStep(stage, { strategy: 'canary', images: 'inventory-service:echo-4', action: 'abort' });
    expect(errorOf(abort)).toBeUndefined();
    expect(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments', '--output', 'name')).not.toMatch(/canary|baseline/);
  });
});
