import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import YAML from 'yaml';
import { canaryAnalyzeNeeds, deployNeeds, describeNeed, rollbackNeeds, type AccessNeed } from '../../actions/lib/kubernetes/access.js';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { limitedKubeconfig, RightsRecorder, rulesGranting, usedOnlySometimes } from '../harness/service-account.js';
import { describeWithTools } from '../harness/tools.js';
import { DEPLOYMENT, NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { clusterState, errorOf, namespacedOverlay } from './steps.js';

/** A hook Job that succeeds at once, for `phase`. */
const hookJob = (name: string, phase: string) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, annotations: { 'inventory-devops.io/hook': phase } },
  spec: {
    backoffLimit: 0,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'hook', image: 'inventory-service', command: ['node', '-e', 'process.exit(0)'] }] } },
  },
});

// Each run under a ServiceAccount bound to exactly the rights access.ts lists for it: no request
// refused; without one of them, refused before anything changes, naming the verb and resource.
describeWithTools(['kubectl'], 'hook Jobs, canary-analyze and the rollback action with exactly the rights they list', () => {
  let stage: Stage;
  let manifests: string;
  let kinds: string[];
  const recorder = new RightsRecorder();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'exact-rights-'));

  const run = async (action: string, kubeconfig: string, inputs: Record<string, string>): Promise<ActionRun> =>
    runBundle({
      action,
      inputs: { namespace: NAMESPACE, kubeconfig: fs.readFileSync(kubeconfig, 'utf8'), ...inputs },
      env: { KUBECACHEDIR: stage.cluster.cacheDir },
      workspace: process.cwd(),
      timeoutMs: 120_000,
    });
  const asAdmin = (action: string, inputs: Record<string, string>) => run(action, stage.cluster.kubeconfigPath, { timeout: '60s', ...inputs });
  const exactly = (name: string, needs: readonly AccessNeed[]) =>
    limitedKubeconfig(stage.cluster, NAMESPACE, name, rulesGranting(needs), path.join(directory, `${name}.kubeconfig`));
  const without = (needs: readonly AccessNeed[], right: string) => {
    expect(needs.map(describeNeed)).toContain(right);
    return needs.filter((access) => describeNeed(access) !== right);
  };
  /** The cluster's objects with their resourceVersions, Jobs included. */
  const state = async () => [await clusterState(stage), await stage.kubectl('--namespace', NAMESPACE, 'get', 'jobs', '--output', 'name')];
  const images = async (deployment = DEPLOYMENT) =>
    (
      JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployment', deployment, '--output', 'json')) as {
        spec: { template: { spec: { containers: { image: string }[] } } };
      }
    ).spec.template.spec.containers.map((container) => container.image);

  /** Runs `action` refused for want of each of `missing` in turn, then with exactly `needs`: the first runs change nothing, the last meets no refusal. */
  async function refusedThenExact(
    action: string,
    name: string,
    needs: readonly AccessNeed[],
    missing: readonly string[],
    what: string,
    inputs: Record<string, string>,
  ) {
    const before = await state();
    for (const [index, right] of missing.entries()) {
      const refusedRun = await run(action, await exactly(`${name}-without-${index}`, without(needs, right)), inputs);
      expect(refusedRun.exitCode).toBe(1);
      expect(errorOf(refusedRun)).toContain(`lack a right ${what} needs, so nothing was changed: ${right} in namespace ${NAMESPACE}`);
      expect(await state()).toEqual(before);
    }
    recorder.reset();
    const exact = await run(action, await exactly(name, needs), inputs);
    expect(errorOf(exact)).toBeUndefined();
    expect(recorder.refused).toEqual([]);
    return exact;
  }

  /** Every listed right the run did not use is one that only some runs use, or one of `also`. */
  function expectUsed(needs: readonly AccessNeed[], also: string[] = []) {
    expect(also).toEqual(expect.arrayContaining(recorder.unused(needs).filter((right) => !usedOnlySometimes(right))));
  }

  beforeAll(async () => {
    stage = await startStage({ onRequest: recorder.onRequest });
    const overlay = await namespacedOverlay(stage, path.join(directory, 'overlay.yaml'));
    const hooks = [hookJob('prepare', 'pre-deploy'), hookJob('smoke', 'post-deploy')];
    manifests = path.join(directory, 'manifests.yaml');
    fs.writeFileSync(manifests, [fs.readFileSync(overlay.manifests, 'utf8'), ...hooks.map((hook) => YAML.stringify(hook))].join('---\n'));
    kinds = [...overlay.kinds, 'Job', 'Job'];
    // Leaves a finished run of each hook, which the next deploy removes.
    const first = await asAdmin('actions/deploy', { manifests, images: 'inventory-service:1.0.0' });
    expect(errorOf(first)).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await stage?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('a rolling deploy with a pre-deploy and a post-deploy hook Job', { timeout: 240_000 }, async () => {
    const needs = deployNeeds({ kinds, strategy: 'rolling', action: 'deploy', rollbackOnFailure: true, dryRun: false, hooks: true });
    const deployed = await refusedThenExact('actions/deploy', 'hooks', needs, ['delete jobs.batch'], 'this rolling deploy', {
      manifests,
      images: 'inventory-service:1.1.0',
      timeout: '60s',
    });
    expect(deployed.summary).toMatch(/prepare<\/td><td>pre-deploy/);
    expect(deployed.summary).toMatch(/smoke<\/td><td>post-deploy/);
    expect(await images()).toEqual(['inventory-service:1.1.0']);
    // One run of each hook: this deploy's; the earlier ones were removed.
    const jobs = (await stage.kubectl('--namespace', NAMESPACE, 'get', 'jobs', '--output', 'name')).trim().split('\n');
    expect(jobs.map((job) => job.replace(/-[0-9a-z]{8}$/, '')).sort()).toEqual(['job.batch/prepare', 'job.batch/smoke']);
    expectUsed(needs);
  });

  it('the rollback of a Deployment to its previous revision, with a reason', { timeout: 240_000 }, async () => {
    const needs = rollbackNeeds('revision', true);
    const inputs = { deployment: DEPLOYMENT, reason: 'the release slowed checkout', timeout: '60s' };
    // Without `get deployments` it is refused by name before its first read, not by kubectl's 403.
    const rolledBack = await refusedThenExact('actions/rollback', 'undo', needs, ['get deployments.apps', 'list replicasets.apps'], 'the rollback', inputs);
    expect(rolledBack.outputs).toMatchObject({ 'from-revision': '2', 'to-revision': '1', status: 'succeeded' });
    expect(await images()).toEqual(['inventory-service:1.0.0']);
    expectUsed(needs);
  });

  it('the rollback of a canary that was never promoted', { timeout: 240_000 }, async () => {
    const canary = await asAdmin('actions/deploy', { manifests, images: 'inventory-service:2.0.0', strategy: 'canary', 'canary-replicas': '1' });
    expect(errorOf(canary)).toBeUndefined();
    // The analysis that would decide it, with the direct provider: without the pod proxy, refused before its window starts.
    const analysisNeeds = canaryAnalyzeNeeds('direct');
    const selectors = { 'baseline-selector': canary.outputs['baseline-selector']!, 'canary-selector': canary.outputs['canary-selector']! };
    const analysed = await refusedThenExact('actions/canary-analyze', 'analyse', analysisNeeds, ['get pods/proxy'], 'the analysis with the direct provider', {
      ...selectors,
      interval: '1s',
      iterations: '2',
    });
    expect(['promote', 'rollback', 'inconclusive']).toContain(analysed.outputs.verdict);
    expectUsed(analysisNeeds);
    const needs = rollbackNeeds('canary', false);
    await refusedThenExact('actions/rollback', 'uncanary', needs, ['delete deployments.apps'], 'the rollback', { deployment: DEPLOYMENT, timeout: '60s' });
    const left = await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments', '--output', 'name');
    expect(left.trim().split('\n')).toEqual([`deployment.apps/${DEPLOYMENT}`]);
    expectUsed(needs);
  });

  // Last: from here on the release runs as colours.
  it('the rollback of a blue-green release to the previous colour', { timeout: 300_000 }, async () => {
    for (const [images, action] of [
      ['inventory-service:1.0.0', 'deploy'],
      ['inventory-service:1.1.0', 'deploy'],
      ['inventory-service:1.1.0', 'promote'],
    ] as const) {
      const step = await asAdmin('actions/deploy', { manifests, images, strategy: 'blue-green', action });
      expect(errorOf(step)).toBeUndefined();
    }
    const needs = rollbackNeeds('blue-green', false);
    // Without `get services` it is refused by name once it has found the colours, before it reads a Service.
    await refusedThenExact('actions/rollback', 'switch-back', needs, ['get services', 'patch services'], 'the rollback', {
      deployment: DEPLOYMENT,
      timeout: '60s',
    });
    const selector = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'service', DEPLOYMENT, '--output', 'jsonpath={.spec.selector}')) as Record<
      string,
      string
    >;
    expect(await images(`${DEPLOYMENT}-${Object.values(selector).find((value) => value === 'blue' || value === 'green')}`)).toEqual([
      'inventory-service:1.0.0',
    ]);
    // The previous colour was ready at once: its rollout was not followed pod by pod.
    expectUsed(needs, ['list pods', 'list replicasets.apps']);
  });
});
