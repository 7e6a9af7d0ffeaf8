import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTools } from '../harness/tools.js';
import { DEPLOYMENT, NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { deployStep, errorOf, imagesOf, tallyAnswers, ECHO_IMAGE } from './steps.js';

/** A tag with "good" passes these checks (the echo stand-in answers with its tag), one with "bad" fails them. */
const VERIFY = `
- path: /api/items
  contains: good
- { method: HEAD, path: /ready, status: [200, 204] }
`;
const SELECTOR = 'app.kubernetes.io/name=inventory-service';
const VERIFIED = 'inventory-devops.io/verified';

interface Condition {
  type: string;
  status: string;
}

interface PodState {
  metadata: { name: string; labels?: Record<string, string> };
  spec: { readinessGates?: Array<{ conditionType: string }> };
  status?: { conditions?: Condition[] };
}

describeWithTools(['kubectl'], 'k8s-deploy verify: smoke checks on the new pods before they take traffic', () => {
  let stage: Stage;

  const tallyThroughService = () => tallyAnswers(() => stage.serviceUrl('/api/items'));

  const canaryPods = async () =>
    (JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'pods', '--selector', 'track=canary', '--output', 'json')) as { items: PodState[] }).items;
  const status = (pod: PodState, type: string) => pod.status?.conditions?.find((condition) => condition.type === type)?.status;

  beforeAll(async () => {
    stage = await startStage({ images: [ECHO_IMAGE] });
    expect(errorOf(await deployStep(stage, { images: 'inventory-service:echo-good-1' }))).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await stage?.stop();
  });

  it('rolling: the new pods pass the checks, and the summary lists them', async () => {
    const run = await deployStep(stage, { images: 'inventory-service:echo-good-2', verify: VERIFY });
    expect(errorOf(run)).toBeUndefined();
    expect(run.summary).toContain('Requests passed');
    expect(run.summary).toMatch(/✅ passed/);
    expect(await imagesOf(stage, SELECTOR)).toEqual(['inventory-service:echo-good-2', 'inventory-service:echo-good-2', 'inventory-service:echo-good-2']);
  }, 120_000);

  it('rolling: a failed check rolls back, and the error names the request, the pod and the answer', async () => {
    const run = await deployStep(stage, { images: 'inventory-service:echo-bad-3', verify: VERIFY });
    const error = errorOf(run) ?? '';
    expect(error).toMatch(/Smoke check GET \/api\/items on port 8080 failed on pod inventory-service-[a-z0-9-]+: the body does not contain "good"/);
    expect(error).toContain('status 200');
    expect(error).toContain('body "echo-bad-3"');
    expect(error).toMatch(/[Rr]olled back/);
    expect(run.summary).toContain('Smoke check failed');
    expect(run.outputs.status).toBe('rolled-back');
    expect(await imagesOf(stage, SELECTOR)).toEqual(['inventory-service:echo-good-2', 'inventory-service:echo-good-2', 'inventory-service:echo-good-2']);
  }, 150_000);

  it('replicas canary: a failed check keeps the canary out of the Service (no request reaches it) and removes it', async () => {
    const load = tallyThroughService();
    const run = await deployStep(stage, { strategy: 'canary', images: 'inventory-service:echo-bad-4', verify: VERIFY });
    const counts = await load.stop();
    expect(errorOf(run)).toMatch(
      /Smoke check GET \/api\/items on port 8080 failed on pod inventory-service-canary-.*never became Ready, so they took no traffic/,
    );
    expect(run.outputs.status).toBe('rolled-back');
    expect(counts['echo-bad-4'] ?? 0, JSON.stringify(counts)).toBe(0);
    expect(
      Object.keys(counts).filter((answer) => !answer.startsWith('echo-good-2')),
      JSON.stringify(counts),
    ).toEqual([]);
    expect(counts['echo-good-2']).toBeGreaterThan(0);
    expect(await canaryPods()).toEqual([]);
    const left = await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments', '--output', 'jsonpath={.items[*].metadata.name}');
    expect(left.split(' ')).toEqual([DEPLOYMENT]);
  }, 150_000);

  it('replicas canary: passing pods become Ready only once marked verified', async () => {
    const observed: PodState[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) observed.push(...(await canaryPods()));
    })();
    const run = await deployStep(stage, { strategy: 'canary', images: 'inventory-service:echo-good-5', verify: VERIFY });
    watching = false;
    await watcher;
    expect(errorOf(run)).toBeUndefined();
    const pods = await canaryPods();
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) {
      expect(pod.spec.readinessGates).toEqual([{ conditionType: VERIFIED }]);
      expect([status(pod, VERIFIED), status(pod, 'Ready')]).toEqual(['True', 'True']);
    }
    // Whenever a canary pod was seen Ready, it had been verified.
    const readyUnverified = observed.filter((pod) => status(pod, 'Ready') === 'True' && status(pod, VERIFIED) !== 'True');
    expect(readyUnverified.map((pod) => pod.metadata.name)).toEqual([]);
    expect(observed.some((pod) => status(pod, 'Ready') === 'True')).toBe(true);
    expect(errorOf(await deployStep(stage, { strategy: 'canary', action: 'abort', images: 'inventory-service:echo-good-5' }))).toBeUndefined();
  }, 150_000);

  it('blue-green: a failed check removes the new colour and the Service never switches to it', async () => {
    expect(errorOf(await deployStep(stage, { strategy: 'blue-green', images: 'inventory-service:echo-good-6', verify: VERIFY }))).toBeUndefined();
    const selector = () => stage.kubectl('--namespace', NAMESPACE, 'get', 'service', DEPLOYMENT, '--output', 'jsonpath={.spec.selector.version}');
    expect(await selector()).toBe('blue');
    const load = tallyThroughService();
    const run = await deployStep(stage, { strategy: 'blue-green', images: 'inventory-service:echo-bad-7', verify: VERIFY });
    const counts = await load.stop();
    expect(errorOf(run)).toMatch(
      /Smoke check GET \/api\/items on port 8080 failed on pod inventory-service-green-.*service\/inventory-service never switched to it/,
    );
    expect(run.outputs.status).toBe('rolled-back');
    expect(await selector()).toBe('blue');
    expect(Object.keys(counts), JSON.stringify(counts)).toEqual(['echo-good-6']);
    const left = await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments', '--output', 'jsonpath={.items[*].metadata.name}');
    expect(left.split(' ')).toEqual([`${DEPLOYMENT}-blue`]);
  }, 180_000);
});
