import { afterAll, beforeAll, expect, it } from 'vitest';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { DEPLOYMENT, NAMESPACE, startLoad, startStage, type Stage } from '../harness/stage.js';
import { describeWithTools } from '../harness/tools.js';

// The direct provider end to end: the canary strategy of the deploy bundle, the real inventory
// service on the cluster emulator, pods scraped through the API server's pod proxy by the real kubectl.
// (A bad release by error rate and a good release are in the demo, which a test runs too.)
describeWithTools(['kubectl'], 'canary-analyze (direct) on the cluster emulator', () => {
  let stage: Stage;
  let load: ReturnType<typeof startLoad>;

  beforeAll(async () => {
    stage = await startStage();
    const first = await deploy({ images: 'inventory-service:1.0.0' });
    if (first.exitCode !== 0) throw new Error(`first deploy failed:\n${first.stdout}`);
    load = startLoad(await stage.serviceUrl('/api/items?limit=5'));
  }, 180_000);

  afterAll(async () => {
    await load?.stop();
    await stage?.stop();
  });

  function deploy(inputs: Record<string, string>): Promise<ActionRun> {
    return runBundle({
      action: 'actions/deploy',
      inputs: { manifests: 'test/k8s-deploy/fixtures/overlay', namespace: NAMESPACE, kubeconfig: stage.kubeconfig, ...inputs },
      env: { KUBECACHEDIR: stage.cluster.cacheDir },
      workspace: process.cwd(),
    });
  }

  function analyse(selectors: Record<string, string>, inputs: Record<string, string> = {}): Promise<ActionRun> {
    return runBundle({
      action: 'actions/canary-analyze',
      inputs: {
        namespace: NAMESPACE,
        kubeconfig: stage.kubeconfig,
        'baseline-selector': selectors['baseline-selector'] ?? '',
        'canary-selector': selectors['canary-selector'] ?? '',
        interval: '4s',
        iterations: '6',
        ...inputs,
      },
      env: { KUBECACHEDIR: stage.cluster.cacheDir },
      timeoutMs: 120_000,
    });
  }

  async function abort(): Promise<void> {
    const run = await deploy({ images: 'inventory-service:1.0.0', strategy: 'canary', action: 'abort' });
    expect(run.exitCode).toBe(0);
  }

  // A deploy, 24 s of analysis and an abort: well over the default 60 s on a loaded machine.
  it('a canary with 300 ms of added latency (tag *-slow) is rolled back on latency', async () => {
    const canary = await deploy({ images: 'inventory-service:2.0.0-slow', strategy: 'canary', 'canary-replicas': '1' });
    expect(canary.exitCode).toBe(0);
    const run = await analyse(canary.outputs);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('rollback');
    expect(run.outputs['failed-metrics']).toMatch(/latency/);
    expect(run.outputs['failed-metrics']).not.toMatch(/error-rate/);
    expect(run.everythingWritten).not.toContain(stage.cluster.token);
    await abort();
  }, 180_000);

  it('canary pods gone in the middle of the analysis: inconclusive with the reason, never promote', async () => {
    const canary = await deploy({ images: 'inventory-service:2.0.0', strategy: 'canary', 'canary-replicas': '1' });
    expect(canary.exitCode).toBe(0);
    const analysis = analyse(canary.outputs);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await stage.kubectl('--namespace', NAMESPACE, 'delete', 'deployment', `${DEPLOYMENT}-canary`);
    const run = await analysis;
    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('inconclusive');
    expect(run.summary).toMatch(/no data|no pod|missing/i);
    await abort();
  }, 180_000);
});
