import YAML from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTools } from '../harness/tools.js';
import { NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { deployStep, errorOf, imagesOf, rollbackStep } from './steps.js';

const SERVICE = { command: ['node', 'example-service/dist/server.js'], env: { NODE_ENV: 'production' } };

/** Polls `probe` every 200 ms until it returns something. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// The answers a real cluster gives and the emulator now gives too: "not yet" (no capacity, a pull
// that fails once) and "no" (admission refuses the pods, an init container fails), and the
// garbage collector removing a canary's pods after its Deployment.
describeWithTools(['kubectl'], 'k8s-deploy and rollback on a cluster that says "not yet" and "no"', () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await startStage({ images: [{ name: 'inventory-service', tag: 'flaky-*', failPulls: 4, ...SERVICE }] });
    const first = await deployStep(stage, { images: 'inventory-service:1.0.0' });
    expect(first.exitCode).toBe(0);
  }, 240_000);

  afterAll(async () => {
    await stage?.stop();
  });

  const deploy = (inputs: Record<string, string>) => deployStep(stage, inputs);
  const servedImages = () => imagesOf(stage, 'app.kubernetes.io/name=inventory-service');
  const podsJson = async (selector: string) =>
    (
      JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'pods', '--selector', selector, '--output', 'json')) as {
        items: { metadata: { name: string }; status: { conditions?: { type: string; reason?: string }[] } }[];
      }
    ).items;

  const applyObjects = async (...objects: unknown[]) => {
    const result = await stage.cluster.kubectl(['apply', '--filename', '-'], { input: objects.map((o) => YAML.stringify(o)).join('---\n') });
    if (result.code !== 0) throw new Error(result.stderr);
  };

  it('1. pods waiting to be scheduled: the deploy waits, says why in the summary, and succeeds once a node is added', async () => {
    await stage.kubectl('cordon', 'emulator');
    try {
      const running = deploy({ images: 'inventory-service:1.1.0' });
      await until('an unschedulable pod', async () =>
        (await podsJson('app.kubernetes.io/name=inventory-service')).some((pod) => pod.status.conditions?.some((c) => c.reason === 'Unschedulable'))
          ? true
          : undefined,
      );
      // Longer than the action's 2 s pod check, so that it sees the pod waiting before capacity appears.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      await applyObjects({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'spare', labels: { 'kubernetes.io/hostname': 'spare' } },
        status: { allocatable: { cpu: '8', memory: '16Gi', pods: '110' } },
      });
      const run = await running;
      expect(errorOf(run)).toBeUndefined();
      expect(run.exitCode).toBe(0);
      expect(run.outputs.status).toBe('succeeded');
      // The summary escapes Markdown: node\(s\).
      expect(run.summary).toMatch(
        /waited: pod inventory-service-\S+ is waiting to be scheduled, the scheduler says: 0\/1 nodes are available: 1 node\\\(s\\\) were unschedulable\./,
      );
      expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
    } finally {
      await stage.kubectl('uncordon', 'emulator');
    }
  }, 180_000);

  it('1. pods that never get a node fail the deploy at its timeout, with the scheduler message', async () => {
    await stage.kubectl('cordon', 'emulator');
    await stage.kubectl('cordon', 'spare');
    try {
      const run = await deploy({ images: 'inventory-service:1.2.0', timeout: '12s' });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.status).toBe('rolled-back');
      expect(errorOf(run)).toMatch(/timed out.*is waiting to be scheduled, the scheduler says: 0\/2 nodes are available: 2 node\(s\) were unschedulable\./s);
      expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
    } finally {
      await stage.kubectl('uncordon', 'emulator');
      await stage.kubectl('uncordon', 'spare');
    }
  }, 180_000);

  it('3. pods refused at admission (ResourceQuota): fails within seconds with the admission message and rolls back', async () => {
    await applyObjects({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'compute', namespace: NAMESPACE },
      spec: { hard: { 'requests.cpu': '800m' } },
    });
    try {
      const started = Date.now();
      const run = await deploy({ images: 'inventory-service:2.0.0' });
      const seconds = (Date.now() - started) / 1000;
      expect(run.exitCode).toBe(1);
      expect(seconds, 'fails fast, long before the 90 s timeout').toBeLessThan(60);
      expect(run.outputs.status).toBe('rolled-back');
      expect(errorOf(run)).toMatch(
        /cannot create pods: FailedCreate \(pods "inventory-service-[a-z0-9]+-" is forbidden: exceeded quota: compute, requested: requests.cpu=250m, used: requests.cpu=\d+m, limited: requests.cpu=800m\)/,
      );
      expect(run.summary).toContain('ReplicaSet inventory-service-');
      expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
    } finally {
      await stage.kubectl('--namespace', NAMESPACE, 'delete', 'resourcequota', 'compute');
    }
  }, 180_000);

  it('4. a failing init container fails the deploy within seconds with Init:CrashLoopBackOff and its log', async () => {
    const started = Date.now();
    const run = await deploy({
      manifests: 'test/k8s-deploy/fixtures/init-container',
      images: 'inventory-service:crash',
    });
    const seconds = (Date.now() - started) / 1000;
    expect(run.exitCode).toBe(1);
    expect(seconds, 'fails fast, long before the 90 s timeout').toBeLessThan(60);
    expect(errorOf(run)).toMatch(/pod migrating-[a-z0-9-]+ \(container migrate\) is in Init:CrashLoopBackOff/);
    expect(run.summary).toContain('boom: cannot start');
  }, 180_000);

  it('5. an image pull that fails at first is waited out: the deploy succeeds', async () => {
    const run = await deploy({ images: 'inventory-service:flaky-1.3.0' });
    expect(errorOf(run)).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:flaky-1.3.0'));
    const events = await stage.kubectl('--namespace', NAMESPACE, 'get', 'events', '--field-selector=reason=Failed', '--output', 'jsonpath={.items[*].message}');
    expect(events).toContain('i/o timeout');
  }, 180_000);

  it('6. rollback of a canary reports it serving alone only once the canary pods are gone', async () => {
    const stable = await servedImages();
    const canary = await deploy({ images: 'inventory-service:2.1.0', strategy: 'canary' });
    expect(canary.exitCode).toBe(0);
    const run = await rollbackStep(stage, {});
    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('serves alone now \\(their pods are gone\\)');
    expect(await podsJson('track=canary')).toEqual([]);
    expect(await podsJson('track=baseline')).toEqual([]);
    expect(await servedImages()).toEqual(stable);
  }, 180_000);
});
