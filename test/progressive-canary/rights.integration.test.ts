import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeNeed, progressiveCanaryNeeds, type AccessNeed } from '../../actions/lib/kubernetes/access.js';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { limitedKubeconfig, RightsRecorder, rulesGranting, usedOnlySometimes } from '../harness/service-account.js';
import { describeWithTools } from '../harness/tools.js';
import { NAMESPACE, startLoad, startStage, type Stage } from '../harness/stage.js';
import { clusterState, deployStep, errorOf, imagesOf, namespacedOverlay } from '../k8s-deploy/steps.js';

const STABLE_PODS = 'app.kubernetes.io/name=inventory-service';

// progressive-canary under a ServiceAccount bound to exactly the rights access.ts lists for it: a
// good release through two steps and a bad one aborted at the first meet no refusal; without one
// right, the run is refused before anything changes.
describeWithTools(['kubectl'], 'progressive-canary with exactly the rights it lists', () => {
  const recorder = new RightsRecorder();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'progressive-rights-'));
  let stage: Stage;
  let manifests: string;
  let needs: AccessNeed[];

  const progressive = async (name: string, rights: readonly AccessNeed[], images: string): Promise<ActionRun> => {
    const kubeconfig = await limitedKubeconfig(stage.cluster, NAMESPACE, name, rulesGranting(rights), path.join(directory, `${name}.kubeconfig`));
    const load = startLoad(await stage.serviceUrl('/api/items?limit=5'));
    try {
      recorder.reset();
      return await runBundle({
        action: 'actions/progressive-canary',
        inputs: {
          manifests,
          images,
          namespace: NAMESPACE,
          kubeconfig: fs.readFileSync(kubeconfig, 'utf8'),
          steps: '10,50',
          timeout: '60s',
          interval: '1s',
          iterations: '5',
        },
        env: { KUBECACHEDIR: stage.cluster.cacheDir },
        workspace: process.cwd(),
        timeoutMs: 180_000,
      });
    } finally {
      await load.stop();
    }
  };
  const leftovers = async () =>
    (await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments,services', '--output', 'name')).match(/\S*(canary|baseline)\S*/g) ?? [];

  beforeAll(async () => {
    stage = await startStage({ onRequest: recorder.onRequest });
    const overlay = await namespacedOverlay(stage, path.join(directory, 'manifests.yaml'));
    manifests = overlay.manifests;
    needs = progressiveCanaryNeeds({ kinds: overlay.kinds, rollbackOnFailure: true });
    expect(errorOf(await deployStep(stage, { manifests, images: 'inventory-service:1.0.0' }))).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await stage?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('without the pod proxy, which measures each step, the run is refused before anything changes', { timeout: 120_000 }, async () => {
    const before = await clusterState(stage);
    const run = await progressive(
      'without-proxy',
      needs.filter((access) => describeNeed(access) !== 'get pods/proxy'),
      'inventory-service:2.0.0',
    );
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toContain(
      `lack a right this progressive canary needs, so nothing was changed: get pods/proxy in namespace ${NAMESPACE}: to read the pods' request counters`,
    );
    expect(await clusterState(stage)).toEqual(before);
  });

  it('a good release through 10% and 50%, promoted, meets no refusal', { timeout: 240_000 }, async () => {
    const run = await progressive('progressive', needs, 'inventory-service:2.0.0');
    expect(errorOf(run)).toBeUndefined();
    expect(run.outputs.result).toBe('promoted');
    expect(recorder.refused).toEqual([]);
    expect(await leftovers()).toEqual([]);
    expect(await imagesOf(stage, STABLE_PODS)).toEqual(Array(3).fill('inventory-service:2.0.0'));
    expect(recorder.unused(needs).filter((right) => !usedOnlySometimes(right))).toEqual([]);
  });

  it('a bad release aborted at the first step meets no refusal and leaves the stable version alone', { timeout: 240_000 }, async () => {
    const run = await progressive('progressive', needs, 'inventory-service:3.0.0-faulty');
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'stopped-at-step': '1' });
    expect(recorder.refused).toEqual([]);
    expect(await leftovers()).toEqual([]);
    expect(await imagesOf(stage, STABLE_PODS)).toEqual(Array(3).fill('inventory-service:2.0.0'));
    // Stopped before the promote, which applies the other objects.
    const applied = recorder.unused(needs).filter((right) => !usedOnlySometimes(right));
    expect(applied.every((right) => right.startsWith('patch ') && right !== 'patch deployments.apps')).toBe(true);
  });
});
