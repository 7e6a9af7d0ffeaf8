import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTools } from '../harness/tools.js';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { applyGateway, canaryLeftovers, deployStep, errorOf, imagesOf, OVERLAY, routeBackends, tallyAnswers, ECHO_IMAGE } from '../k8s-deploy/steps.js';

const ROUTE = 'inventory';
const STABLE_PODS = 'app.kubernetes.io/name=inventory-service';
/** The inventory service passes these; the echo stand-in (`echo-*` tags) answers its tag, without "items", and fails them. */
const VERIFY = `
- path: /api/items?limit=1
  contains: '"items"'
- path: /ready
`;
const BAD_CANARY = 'echo-bad-1';

interface StepOutput {
  step: number;
  weight: number;
  verdict?: string;
  measuredPercentage?: number;
}

// progressive-canary's smoke checks through its bundle: a canary that fails them takes no request
// and no step is judged; one that passes them gets its first weight only after them.
describeWithTools(['kubectl'], 'progressive-canary verify on the cluster emulator', () => {
  let stage: Stage;
  /** Every API request, `METHOD url`, in the order the API server answered them. */
  const requests: string[] = [];

  const progressive = (inputs: Record<string, string>): Promise<ActionRun> =>
    runBundle({
      action: 'actions/progressive-canary',
      inputs: {
        manifests: OVERLAY,
        namespace: NAMESPACE,
        kubeconfig: stage.kubeconfig,
        timeout: '60s',
        interval: '1s',
        iterations: '5',
        verify: VERIFY,
        ...inputs,
      },
      env: { KUBECACHEDIR: stage.cluster.cacheDir },
      workspace: process.cwd(),
      timeoutMs: 180_000,
    });
  const stepsOf = (run: ActionRun) => JSON.parse(run.outputs.steps ?? '[]') as StepOutput[];
  const leftovers = () => canaryLeftovers(stage);
  const canaryWeights = async () =>
    (await routeBackends(stage, ROUTE)).flatMap((backends) =>
      backends.filter((backend) => backend.name.endsWith('-canary')).map((backend) => backend.weight ?? 1),
    );
  const gatewayUrl = async () => {
    const address = await stage.cluster.gatewayAddress(NAMESPACE, 'edge', 80);
    if (!address) throw new Error('Gateway edge does not listen');
    return `http://${address.host}:${address.port}/api/items?limit=1`;
  };

  /** A failing run under load through `url`, while the route's canary weights are polled. */
  async function failingRun(url: () => Promise<string>, inputs: Record<string, string>) {
    const load = tallyAnswers(url);
    const weights: number[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) weights.push(...(await canaryWeights()));
    })();
    try {
      return { run: await progressive({ images: `inventory-service:${BAD_CANARY}`, ...inputs }), weights };
    } finally {
      watching = false;
      await watcher;
      const counts = await load.stop();
      // No request reached the canary, and the stable version kept answering.
      expect(counts[BAD_CANARY] ?? 0, JSON.stringify(counts)).toBe(0);
      expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    }
  }

  function expectStoppedBeforeAnyStep(run: ActionRun): void {
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed', 'stopped-at-step': '1' });
    // No step was judged: the first weight never took, so no analysis window and no request count.
    expect(stepsOf(run)).toEqual([{ step: 1, weight: 10 }]);
    expect(run.outputs['canary-requests']).toBeUndefined();
    expect(run.summary).toMatch(/Smoke check failed: GET \/api\/items\?limit=1 on port 8080 on pod inventory-service-canary-/);
    expect(run.summary).toContain(BAD_CANARY);
  }

  beforeAll(async () => {
    stage = await startStage({ images: [ECHO_IMAGE], onRequest: (method, url) => requests.push(`${method} ${url}`) });
    expect(errorOf(await deployStep(stage, { images: 'inventory-service:1.0.0' }))).toBeUndefined();
    await applyGateway(stage, ROUTE);
  }, 240_000);

  afterAll(async () => {
    await stage?.stop();
  });

  it('replicas: a canary failing a check never joins the Service, no step runs, and it is removed', { timeout: 200_000 }, async () => {
    const { run } = await failingRun(() => stage.serviceUrl('/api/items?limit=1'), {});
    expectStoppedBeforeAnyStep(run);
    expect(errorOf(run)).toMatch(
      /failed: step 1 \(10%\): Smoke check GET \/api\/items\?limit=1 on port 8080 failed on pod inventory-service-canary-.*never became Ready/s,
    );
    expect(await leftovers()).toEqual([]);
    expect(await imagesOf(stage, STABLE_PODS)).toEqual(Array(3).fill('inventory-service:1.0.0'));
  });

  it('gateway-api: a canary failing a check never gets a weight on the route, no step runs, and it is removed', { timeout: 200_000 }, async () => {
    const { run, weights } = await failingRun(gatewayUrl, { 'traffic-router': 'gateway-api', 'http-route': ROUTE });
    expectStoppedBeforeAnyStep(run);
    expect(errorOf(run)).toMatch(/HTTPRoute\/inventory never sent it a request/);
    expect(weights.filter((weight) => weight > 0)).toEqual([]);
    expect(await canaryWeights()).toEqual([]);
    expect(await leftovers()).toEqual([]);
    expect(await imagesOf(stage, STABLE_PODS)).toEqual(Array(3).fill('inventory-service:1.0.0'));
  });

  it('gateway-api: a canary passing the checks gets its first weight only after every check, then is judged and promoted', { timeout: 200_000 }, async () => {
    const load = tallyAnswers(gatewayUrl);
    requests.length = 0;
    const run = await progressive({ images: 'inventory-service:1.1.0', steps: '10', 'traffic-router': 'gateway-api', 'http-route': ROUTE });
    await load.stop();
    expect(errorOf(run)).toBeUndefined();
    expect(run.outputs.result).toBe('promoted');
    expect(stepsOf(run)).toMatchObject([{ step: 1, weight: 10, verdict: 'promote' }]);
    expect(run.summary).toContain('✅ passed');
    // Seen at the API server: every check went to a canary pod through the pod proxy before the route was first written
    // (the analysis scrapes /metrics through the same proxy later).
    const checks = requests.flatMap((request, index) =>
      / \/api\/v1\/namespaces\/shop\/pods\/inventory-service-canary-[^/]+\/proxy\/(api\/items\?limit=1|ready)$/.test(request) ? [index] : [],
    );
    const routeWrites = requests.flatMap((request, index) => (/^(PATCH|PUT) \S*\/httproutes\/inventory\b/.test(request) ? [index] : []));
    // Two checks on each canary pod, then the weight, then the route restored at the promotion.
    expect(checks.length).toBeGreaterThanOrEqual(2);
    expect(routeWrites.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...checks), requests.slice(checks[0], routeWrites[0]! + 1).join('\n')).toBeLessThan(routeWrites[0]!);
    expect(await imagesOf(stage, STABLE_PODS)).toEqual(Array(3).fill('inventory-service:1.1.0'));
    expect(await canaryWeights()).toEqual([]);
  });
});
