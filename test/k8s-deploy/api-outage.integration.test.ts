import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TYPES } from '../emulator/src/resources.js';
import { describeWithTools } from '../harness/tools.js';
import { NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { deployStep, errorOf, expectNoCredentials, imagesOf } from './steps.js';

describeWithTools(['kubectl'], 'k8s-deploy when the API server goes away mid-deploy', () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await startStage();
  }, 120_000);

  afterAll(async () => {
    await stage?.stop();
  });

  /** Resolves once a pod of the new image is ready: the step applied and is waiting for the rest of the rollout. */
  async function rolloutUnderWay(image: string): Promise<void> {
    for (;;) {
      const replicaSets = stage.cluster.store.list(TYPES.replicasets, NAMESPACE) as Array<{
        spec?: { template?: { spec?: { containers?: Array<{ image?: string }> } } };
        status?: { readyReplicas?: number };
      }>;
      const next = replicaSets.find((replicaSet) => replicaSet.spec?.template?.spec?.containers?.[0]?.image === image);
      if ((next?.status?.readyReplicas ?? 0) >= 1) return;
      await sleep(50);
    }
  }

  it('fails with the kubectl error well before the timeout, and the next run recovers', { timeout: 180_000 }, async () => {
    expect((await deployStep(stage, { images: 'inventory-service:1.0.0' })).exitCode).toBe(0);

    const started = Date.now();
    const interrupted = deployStep(stage, { images: 'inventory-service:1.1.0', timeout: '5m' });
    await rolloutUnderWay('inventory-service:1.1.0');
    await stage.cluster.stopApiServer();
    const run = await interrupted;
    const seconds = (Date.now() - started) / 1000;
    await stage.cluster.restartApiServer();

    expect(run.exitCode).toBe(1);
    expect(seconds, 'does not wait for the 5 minute timeout').toBeLessThan(90);
    expect(errorOf(run)).toMatch(/the API server could not be reached/);
    expect(errorOf(run)).toContain('Lost the API server while waiting for deployment/inventory-service; the rollout may be half done');
    expectNoCredentials(stage, run);

    const rerun = await deployStep(stage, { images: 'inventory-service:1.1.0' });
    expect(errorOf(rerun)).toBeUndefined();
    expect(rerun.outputs.status).toBe('succeeded');
    expect(await imagesOf(stage, 'app.kubernetes.io/name=inventory-service')).toEqual(Array(3).fill('inventory-service:1.1.0'));
  });
});
