import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TYPES } from '../emulator/src/resources.js';
import { describeWithTools } from '../harness/tools.js';
import { startGitHubStandIn } from '../harness/github-stand-in.js';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { DEPLOYMENT, NAMESPACE, startLoad, startStage, type LoadReport, type Stage } from '../harness/stage.js';
import { applyGateway, canaryLeftovers, deployStep, errorOf, expectNoCredentials, imagesOf, OVERLAY, routeBackends } from '../k8s-deploy/steps.js';

interface StepOutput {
  step: number;
  weight: number;
  plannedPercentage?: number;
  measuredPercentage?: number;
  requests?: { canary?: number; baseline?: number; stable?: number };
  verdict?: string;
  decision?: string;
}

const ROUTE = 'inventory';
const STABLE_PODS = 'app.kubernetes.io/name=inventory-service';
const MIGRATING = 'test/k8s-deploy/fixtures/hooks/migrating';
const TOKEN = 'ghs_ProgressiveCanaryTokenNeverWritten0123';

/** The GitHub deployments a run recorded, with the states of their statuses in order. */
const recorded = (github: Awaited<ReturnType<typeof startGitHubStandIn>>) =>
  github.deployments.map(({ environment, description, statuses }) => ({ environment, description, states: statuses.map((status) => status.state) }));

// The whole progression through the bundle, on the real inventory service under constant load:
// short windows (five intervals of one second: five samples per group is the fewest with which
// the judge can call a latency shift significant at its default 98% confidence).
describeWithTools(['kubectl'], 'progressive-canary on the cluster emulator', () => {
  let stage: Stage;

  const progressive = (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> =>
    runBundle({
      action: 'actions/progressive-canary',
      inputs: { manifests: OVERLAY, namespace: NAMESPACE, kubeconfig: stage.kubeconfig, timeout: '60s', interval: '1s', iterations: '5', ...inputs },
      env: { KUBECACHEDIR: stage.cluster.cacheDir, ...env },
      workspace: process.cwd(),
      timeoutMs: 240_000,
    });
  const stepsOf = (run: ActionRun) => JSON.parse(run.outputs.steps ?? '[]') as StepOutput[];
  const leftovers = () => canaryLeftovers(stage);
  const backends = () => routeBackends(stage, ROUTE);

  /** Runs `body` under constant load through `url` and returns the load's report with the body's result. */
  async function underLoad<T>(url: string, body: () => Promise<T>): Promise<[T, LoadReport]> {
    const load = startLoad(url);
    try {
      return [await body(), await load.stop()];
    } catch (error) {
      await load.stop();
      throw error;
    }
  }

  beforeAll(async () => {
    stage = await startStage();
    const first = await deployStep(stage, { images: 'inventory-service:1.0.0' });
    expect(errorOf(first)).toBeUndefined();
    await applyGateway(stage, ROUTE);
  }, 240_000);

  afterAll(async () => {
    await stage?.stop();
  });

  it(
    'a good release through the Gateway: 10 → 25 → 50 → promoted, each measured share within 3 points of its weight, no failed request',
    { timeout: 300_000 },
    async () => {
      const address = await stage.cluster.gatewayAddress(NAMESPACE, 'edge', 80);
      const [run, load] = await underLoad(`http://${address!.host}:${address!.port}/api/items?limit=5`, () =>
        progressive({ images: 'inventory-service:2.0.0', 'traffic-router': 'gateway-api', 'http-route': ROUTE }),
      );
      expect(errorOf(run)).toBeUndefined();
      expect(run.outputs).toMatchObject({ result: 'promoted', verdict: 'promote', namespace: NAMESPACE, deployments: DEPLOYMENT });
      expect(run.outputs['stopped-at-step']).toBeUndefined();
      const steps = stepsOf(run);
      expect(steps.map(({ weight, plannedPercentage, decision }) => ({ weight, plannedPercentage, decision }))).toEqual([
        { weight: 10, plannedPercentage: 10, decision: 'next' },
        { weight: 25, plannedPercentage: 25, decision: 'next' },
        { weight: 50, plannedPercentage: 50, decision: 'promote' },
      ]);
      for (const step of steps) expect(Math.abs(step.measuredPercentage! - step.weight), `step ${step.step}`).toBeLessThanOrEqual(3);
      expect(Number(run.outputs['canary-requests'])).toBeGreaterThan(0);
      expect(load.failures).toEqual([]);
      expect(await backends()).toEqual([[{ name: DEPLOYMENT, weight: 100 }]]);
      expect(await leftovers()).toEqual([]);
      expect(await imagesOf(stage, STABLE_PODS)).toEqual(Array(3).fill('inventory-service:2.0.0'));
      // One row per step and each step's analysis, rendered as canary-analyze renders it.
      expect(run.summary).toContain('progressive-canary: promoted');
      for (const step of steps) expect(run.summary).toContain(`Step ${step.step} (${step.weight}%)`);
      expect(run.summary).toContain('xychart-beta');
      expectNoCredentials(stage, run);
    },
  );

  it(
    'a bad release (-faulty) stops at the first step: canary removed, split restored, stable unchanged, its requests reported',
    { timeout: 240_000 },
    async () => {
      const github = await startGitHubStandIn();
      const [run, load] = await underLoad(await stage.serviceUrl('/api/items?limit=5'), () =>
        progressive({ images: 'inventory-service:3.0.0-faulty', 'github-token': TOKEN }, { GITHUB_API_URL: github.url }).finally(() => github.close()),
      );
      expect(run.exitCode).toBe(1);
      // One GitHub deployment to the namespace, as k8s-deploy describes a canary deploy, ended in failure.
      expect(recorded(github)).toEqual([
        { environment: NAMESPACE, description: 'inventory-devops canary deploy of 0123456789ab', states: ['in_progress', 'failure'] },
      ]);
      expect(run.everythingWritten).not.toContain(TOKEN);
      expect(run.outputs).toMatchObject({ result: 'rolled-back', verdict: 'rollback', 'stopped-at-step': '1' });
      expect(errorOf(run)).toMatch(/rolled-back: step 1 \(10%\): the verdict is rollback/);
      const [step] = stepsOf(run);
      expect(stepsOf(run)).toHaveLength(1);
      // The replica router: 1 canary and 1 baseline beside 3 stable pods, so the canary holds 20% of the pods; the summary says so.
      expect(step).toMatchObject({ weight: 10, plannedPercentage: 20, decision: 'rollback' });
      // The Service balances connections round-robin over the pods: the measured share is the pods' share, as the summary says.
      expect(Math.abs(step!.measuredPercentage! - 20)).toBeLessThanOrEqual(5);
      expect(run.summary).toContain(`<td>20%</td><td>${step!.measuredPercentage}%</td>`);
      // What the canary served: about its share of the requests of the window (and the seconds before it), nothing after the abort.
      const canaryRequests = Number(run.outputs['canary-requests']);
      const windowRequests = step!.requests!.canary! + step!.requests!.baseline! + step!.requests!.stable!;
      expect(canaryRequests).toBeGreaterThanOrEqual(step!.requests!.canary!);
      expect(canaryRequests).toBeLessThan(0.5 * windowRequests);
      expect(load.failures.length).toBeGreaterThan(0);
      expect(await leftovers()).toEqual([]);
      expect(await imagesOf(stage, STABLE_PODS)).toEqual(Array(3).fill('inventory-service:2.0.0'));
    },
  );

  it('a slow release (-slow) is caught by latency analysis at the first step', { timeout: 240_000 }, async () => {
    const [run] = await underLoad(await stage.serviceUrl('/api/items?limit=5'), () => progressive({ images: 'inventory-service:3.0.0-slow' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', verdict: 'rollback', 'stopped-at-step': '1' });
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as {
      steps: Array<{ analysis: { failedMetrics: string[] } }>;
    };
    expect(report.steps[0]!.analysis.failedMetrics.join(',')).toMatch(/latency/);
    expect(report.steps[0]!.analysis.failedMetrics).not.toContain('error-rate');
    expect(await leftovers()).toEqual([]);
    expect(await imagesOf(stage, STABLE_PODS)).toEqual(Array(3).fill('inventory-service:2.0.0'));
  });

  it(
    'a pre-deploy hook Job (the migration) runs to completion before the first step, then the canary is promoted and recorded as a GitHub deployment',
    { timeout: 240_000 },
    async () => {
      const github = await startGitHubStandIn();
      const [run] = await underLoad(await stage.serviceUrl('/api/items?limit=5'), () =>
        progressive(
          { manifests: MIGRATING, images: 'inventory-service:2.1.0', steps: '10', 'github-token': TOKEN, environment: 'production' },
          { GITHUB_API_URL: github.url },
        ).finally(() => github.close()),
      );
      expect(errorOf(run)).toBeUndefined();
      expect(run.outputs.result).toBe('promoted');
      expect(recorded(github)).toEqual([
        { environment: 'production', description: 'inventory-devops canary deploy of 0123456789ab', states: ['in_progress', 'success'] },
      ]);
      const jobs = JSON.parse(
        await stage.kubectl('--namespace', NAMESPACE, 'get', 'jobs', '--selector', 'inventory-devops.io/hook-name=inventory-migrate', '--output', 'json'),
      ) as { items: Array<{ metadata: { name: string }; status?: { succeeded?: number } }> };
      expect(jobs.items.map((job) => [job.metadata.name.replace(/-[0-9a-z]{8}$/, ''), job.status?.succeeded])).toEqual([['inventory-migrate', 1]]);
      expect(run.summary).toMatch(/inventory-migrate<\/td><td>pre-deploy/);
      expect(await imagesOf(stage, STABLE_PODS)).toEqual(Array(3).fill('inventory-service:2.1.0'));
    },
  );

  it(
    'the API server gone during a step: the run fails saying what to do; once it is back, abort restores the stable version alone',
    { timeout: 240_000 },
    async () => {
      const stableBefore = await imagesOf(stage, STABLE_PODS);
      const running = progressive({ images: 'inventory-service:3.1.0', steps: '10,50' });
      // Once the canary serves, the first step's analysis is under way.
      for (;;) {
        const canary = stage.cluster.store.get(TYPES.deployments, NAMESPACE, `${DEPLOYMENT}-canary`) as { status?: { readyReplicas?: number } } | undefined;
        if ((canary?.status?.readyReplicas ?? 0) >= 1) break;
        await sleep(50);
      }
      await sleep(2_000);
      await stage.cluster.stopApiServer();
      let run: ActionRun;
      try {
        run = await running;
      } finally {
        await stage.cluster.restartApiServer();
      }
      expect(run.exitCode).toBe(1);
      expect(run.outputs).toMatchObject({ result: 'failed', 'stopped-at-step': '1' });
      expect(errorOf(run)).toMatch(
        /^progressive-canary: failed: step 1 \(10%\): .*(the API server could not be reached|The connection to the server [\d.:]+ was refused)/s,
      );
      expect(errorOf(run)).toMatch(/Removing the canary failed .*once the cluster answers, run k8s-deploy with strategy canary and action abort/s);
      expectNoCredentials(stage, run);

      const abort = await deployStep(stage, { images: 'inventory-service:3.1.0', strategy: 'canary', action: 'abort' });
      expect(errorOf(abort)).toBeUndefined();
      expect(await leftovers()).toEqual([]);
      expect(await imagesOf(stage, STABLE_PODS)).toEqual(stableBefore);
    },
  );
});
