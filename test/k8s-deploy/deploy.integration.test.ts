import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTools } from '../harness/tools.js';
import { DEPLOYMENT, NAMESPACE, startLoad, startStage, type Stage } from '../harness/stage.js';
import { clusterState, deployStep, expectNoCredentials, imagesOf, rollbackStep } from './steps.js';

// One stage for the whole file: the tests run in order, each starting from what the previous left.
describeWithTools(['kubectl'], 'k8s-deploy and rollback on the cluster emulator', () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await startStage();
  }, 120_000);

  afterAll(async () => {
    await stage?.stop();
  });

  const deploy = (inputs: Record<string, string>) => deployStep(stage, inputs);
  const rollback = (inputs: Record<string, string>) => rollbackStep(stage, inputs);
  const servedImages = () => imagesOf(stage, 'app.kubernetes.io/name=inventory-service');

  it('first rolling deploy: applies the overlay, waits for every pod and annotates what it deployed', async () => {
    const run = await deploy({ images: 'inventory-service:1.0.0' });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      status: 'succeeded',
      strategy: 'rolling',
      namespace: NAMESPACE,
      deployments: DEPLOYMENT,
      revision: '1',
      images: 'inventory-service:1.0.0',
    });
    expect(run.summary).toContain('✅ Deployed');
    expectNoCredentials(stage, run);
    const deployment = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployment', DEPLOYMENT, '--output', 'json')) as {
      metadata: { annotations: Record<string, string> };
      status: { readyReplicas: number };
    };
    expect(deployment.status.readyReplicas).toBe(3);
    expect(deployment.metadata.annotations).toMatchObject({
      'inventory-devops.io/commit': '0123456789abcdef0123456789abcdef01234567',
      'inventory-devops.io/run-url': 'https://github.com/acme/inventory/actions/runs/1001',
      'inventory-devops.io/strategy': 'rolling',
      'inventory-devops.io/images': 'inventory-service:1.0.0',
    });
    const ready = await fetch(await stage.serviceUrl('/ready'));
    expect(ready.status).toBe(200);
  });

  it('rolling deploy of a new version under constant load loses no request', async () => {
    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const run = await deploy({ images: 'inventory-service:1.1.0' });
    const report = await load.stop();
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'succeeded', 'previous-revision': '1', revision: '2' });
    expect(report.failures).toEqual([]);
    expect(report.succeeded).toBeGreaterThan(20);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
  });

  it('a crash-looping release fails fast with the reason and log lines, rolls back, and the old version serves throughout', async () => {
    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const started = Date.now();
    const run = await deploy({ images: 'inventory-service:crash' });
    const seconds = (Date.now() - started) / 1000;
    const report = await load.stop();
    expect(run.exitCode).toBe(1);
    expect(seconds, 'fails fast, long before the 90 s timeout').toBeLessThan(60);
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.summary).toContain('CrashLoopBackOff');
    expect(run.summary).toContain('boom: cannot start');
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(/CrashLoopBackOff.*Rolled back deployment\/inventory-service to revision 2/s);
    expect(report.failures).toEqual([]);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
  });

  it.each<[Record<string, string>, string]>([
    [{ strategy: 'bluegreen' }, 'Input "strategy" has value "bluegreen"'],
    [{ images: 'inventroy-service:2.0.0' }, 'Input "images": "inventroy-service:2.0.0" matches no container'],
    [{ manifests: 'test/k8s-deploy/fixtures/does-not-exist' }, 'Input "manifests": "test/k8s-deploy/fixtures/does-not-exist" does not exist'],
    [{ manifests: 'test/k8s-deploy/fixtures/malformed', images: '' }, 'service.yaml (document 2) is not valid YAML'],
    [{ namespace: 'no-such-namespace', images: 'inventory-service:2.0.0' }, 'no-such-namespace'],
    [{ kubeconfig: 'wrong-token' }, 'the API server refused the credentials (Unauthorized)'],
  ])('bad input %j: a clear error and nothing in the cluster changed', async (inputs, message) => {
    const before = await clusterState(stage);
    const kubeconfig = inputs.kubeconfig === 'wrong-token' ? stage.kubeconfig.replace(stage.cluster.token, 'not-the-token') : undefined;
    const run = await deploy({ images: 'inventory-service:2.0.0', ...inputs, ...(kubeconfig ? { kubeconfig } : {}) });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toContain(message);
    expect(await clusterState(stage)).toEqual(before);
    expectNoCredentials(stage, run);
  });

  it('canary: a canary and a baseline beside the stable version, with selectors for the analysis, then promote', async () => {
    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const canary = await deploy({ images: 'inventory-service:2.0.0', strategy: 'canary', 'canary-replicas': '1' });
    expect(canary.exitCode).toBe(0);
    expect(canary.outputs).toMatchObject({
      status: 'succeeded',
      strategy: 'canary',
      'baseline-selector': 'app.kubernetes.io/name=inventory-service,track=baseline',
      'canary-selector': 'app.kubernetes.io/name=inventory-service,track=canary',
    });
    expect(await servedImages()).toEqual([
      'inventory-service:1.1.0',
      'inventory-service:1.1.0',
      'inventory-service:1.1.0',
      'inventory-service:1.1.0',
      'inventory-service:2.0.0',
    ]);

    const promote = await deploy({ images: 'inventory-service:2.0.0', strategy: 'canary', action: 'promote' });
    const report = await load.stop();
    expect(promote.exitCode).toBe(0);
    expect(promote.outputs).toMatchObject({ status: 'succeeded', revision: '5' });
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:2.0.0'));
    expect(report.failures).toEqual([]);
  });

  it('canary abort under load removes canary and baseline, loses no request and leaves the stable version alone', async () => {
    const canary = await deploy({ images: 'inventory-service:2.1.0', strategy: 'canary' });
    expect(canary.exitCode).toBe(0);
    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const abort = await deploy({ images: 'inventory-service:2.1.0', strategy: 'canary', action: 'abort' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const report = await load.stop();
    expect(abort.exitCode).toBe(0);
    expect(report.failures).toEqual([]);
    expect(report.succeeded).toBeGreaterThan(10);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:2.0.0'));
  });

  it('rollback returns to the last good revision, skipping the failed one, and reports how long it took', async () => {
    const run = await rollback({ reason: 'latency regression', 'health-url': await stage.serviceUrl('/ready') });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'succeeded', 'from-revision': '5', 'to-revision': '4' });
    expect(Number(run.outputs['duration-seconds'])).toBeGreaterThan(0); // how fast: bench/k8s-deploy.ts
    expect(run.summary).toContain('Why: latency regression');
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
    expectNoCredentials(stage, run);
  });

  it('rollback to a revision that does not exist lists the revisions there are', async () => {
    const run = await rollback({ 'to-revision': '42' });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /Input "to-revision" has value "42": no such revision; the revisions there are .*\(current\)/,
    );
  });
});
