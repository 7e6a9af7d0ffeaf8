import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { describeWithTools } from '../harness/tools.js';
import { DEPLOYMENT, NAMESPACE, startLoad, startStage, type Stage } from '../harness/stage.js';
import { deployStep, errorOf, expectNoCredentials, imagesOf } from './steps.js';

const NAME = DEPLOYMENT;
const BASE = 'example-service/k8s/base';

/**
 * The example service's base, with its Deployment turned into a 3-replica StatefulSet of the same
 * name (so the stage's Service `inventory-service` fronts it), tuned for fast rehearsals like the
 * test overlay: 1 s probes, 10 s grace.
 */
async function writeStatefulSetManifests(folder: string): Promise<void> {
  const read = async (file: string) => parse(await readFile(join(BASE, file), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const deployment = await read('deployment.yaml');
  const { strategy: _strategy, progressDeadlineSeconds: _deadline, ...spec } = deployment.spec;
  const pod = spec.template.spec;
  pod.terminationGracePeriodSeconds = 10;
  const container = pod.containers[0];
  container.startupProbe.periodSeconds = 1;
  container.readinessProbe.periodSeconds = 1;
  container.readinessProbe.failureThreshold = 1;
  const statefulSet = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: deployment.metadata, spec: { ...spec, serviceName: NAME, replicas: 3 } };
  const configMap = await read('configmap.yaml');
  // Without the base's migration hook Job (this file is about StatefulSets), the pods migrate at start.
  Object.assign(configMap.data, { SHUTDOWN_DELAY_MS: '1500', SHUTDOWN_TIMEOUT_MS: '5000', DB_POOL_MAX: '4', MIGRATE_ON_START: 'true' });
  await writeFile(join(folder, 'configmap.yaml'), stringify(configMap));
  await writeFile(join(folder, 'service.yaml'), stringify(await read('service.yaml')));
  await writeFile(join(folder, 'statefulset.yaml'), stringify(statefulSet));
}

interface StatefulSetObject {
  metadata: { generation: number };
  status: { replicas: number; readyReplicas: number; updatedReplicas: number; currentRevision: string; updateRevision: string; observedGeneration: number };
}

interface PodObject {
  metadata: { name: string; labels: Record<string, string>; deletionTimestamp?: string };
  status: { conditions?: Array<{ type: string; status: string }> };
}

// One stage for the whole file: the tests run in order, each starting from what the previous left.
describeWithTools(['kubectl'], 'k8s-deploy rolling with a StatefulSet on the cluster emulator', () => {
  let stage: Stage;
  let manifests: string;

  beforeAll(async () => {
    manifests = await mkdtemp(join(tmpdir(), 'statefulset-manifests-'));
    await writeStatefulSetManifests(manifests);
    stage = await startStage();
  }, 120_000);

  afterAll(async () => {
    await stage?.stop();
    if (manifests) await rm(manifests, { recursive: true, force: true });
  });

  const deploy = (inputs: Record<string, string>) => deployStep(stage, { manifests, ...inputs });
  const servedImages = () => imagesOf(stage, 'app.kubernetes.io/name=inventory-service');
  const statefulSet = async () =>
    JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'statefulset', NAME, '--output', 'json')) as StatefulSetObject;
  const pods = async () =>
    (
      JSON.parse(
        await stage.kubectl('--namespace', NAMESPACE, 'get', 'pods', '--selector', 'app.kubernetes.io/name=inventory-service', '--output', 'json'),
      ) as { items: PodObject[] }
    ).items.filter((pod) => !pod.metadata.deletionTimestamp);
  const ready = (pod: PodObject) => pod.status.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;

  /** Every pod Ready, on the StatefulSet's one and only revision. */
  async function expectSettled(): Promise<void> {
    const set = await statefulSet();
    expect(set.status).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 3, observedGeneration: set.metadata.generation });
    expect(set.status.currentRevision).toBe(set.status.updateRevision);
    const live = await pods();
    expect(live.map((pod) => pod.metadata.name).sort()).toEqual([`${NAME}-0`, `${NAME}-1`, `${NAME}-2`]);
    expect(live.every(ready)).toBe(true);
    expect(live.every((pod) => pod.metadata.labels['controller-revision-hash'] === set.status.updateRevision)).toBe(true);
  }

  it('first deploy: waits for all 3 pods of the StatefulSet and lists it in the outputs and summary', async () => {
    const run = await deploy({ images: 'inventory-service:1.0.0' });
    expect(errorOf(run)).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'succeeded', strategy: 'rolling', namespace: NAMESPACE, deployments: `statefulset/${NAME}`, revision: '1' });
    expect(run.outputs['previous-revision'] ?? '').toBe('');
    expect(run.summary).toContain('✅ Deployed');
    expect(run.summary).toContain(`Deployed statefulset/${NAME}`);
    expect(run.stdout).toContain(`::group::Wait for statefulset/${NAME}`);
    expectNoCredentials(stage, run);
    await expectSettled();
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.0.0'));
    expect((await fetch(await stage.serviceUrl('/ready'))).status).toBe(200);
  });

  it('a new version rolls pod by pod under constant load and loses no request', async () => {
    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const run = await deploy({ images: 'inventory-service:1.1.0' });
    const report = await load.stop();
    expect(errorOf(run)).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'succeeded', deployments: `statefulset/${NAME}`, 'previous-revision': '1', revision: '2' });
    expect(report.failures).toEqual([]);
    expect(report.succeeded).toBeGreaterThan(20);
    await expectSettled();
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
  });

  it('a crash-looping release fails fast with the reason and log lines, rolls back to the serving revision, and every pod is Ready on it again', async () => {
    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const started = Date.now();
    const run = await deploy({ images: 'inventory-service:crash' });
    const seconds = (Date.now() - started) / 1000;
    const report = await load.stop();
    expect(run.exitCode).toBe(1);
    expect(seconds, 'fails fast, long before the 90 s timeout').toBeLessThan(60);
    expect(run.outputs).toMatchObject({ status: 'rolled-back', deployments: `statefulset/${NAME}`, 'previous-revision': '2' });
    expect(run.summary).toContain('↩️ Failed and rolled back');
    expect(run.summary).toContain(`Pod ${NAME}-2: CrashLoopBackOff`);
    expect(run.summary).toContain('boom: cannot start');
    expect(errorOf(run)).toMatch(
      new RegExp(`statefulset/${NAME}: pod ${NAME}-2 \\(container inventory\\) is in CrashLoopBackOff.*Rolled back statefulset/${NAME} to revision 2`, 's'),
    );
    expect(report.failures).toEqual([]);
    await expectSettled();
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
    // The template of revision 2 serves again, under a new number; the failed one is marked.
    expect(run.outputs.revision).toBe('4');
    const history = await stage.kubectl('--namespace', NAMESPACE, 'rollout', 'history', `statefulset/${NAME}`);
    expect(history).toMatch(/\n1\s+inventory-devops rolling deploy.*\n3\s+inventory-devops rolling deploy.*\n4\s+inventory-devops rolling deploy/);
    const revisions = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'controllerrevisions', '--output', 'json')) as {
      items: Array<{ revision: number; metadata: { annotations?: Record<string, string> } }>;
    };
    expect(revisions.items.find((revision) => revision.revision === 3)?.metadata.annotations?.['inventory-devops.io/deploy-status']).toBe('failed');
  });

  it('without rollback the broken pod stays; the next good deploy replaces it instead of waiting for it forever', async () => {
    const failed = await deploy({ images: 'inventory-service:crash', 'rollback-on-failure': 'false' });
    expect(failed.exitCode).toBe(1);
    expect(failed.outputs.status).toBe('failed');
    expect(errorOf(failed)).toMatch(new RegExp(`statefulset/${NAME}: pod ${NAME}-2 \\(container inventory\\) is in CrashLoopBackOff`));
    expect((await servedImages()).sort()).toEqual(['inventory-service:1.1.0', 'inventory-service:1.1.0', 'inventory-service:crash']);

    const fixed = await deploy({ images: 'inventory-service:1.2.0' });
    expect(errorOf(fixed)).toBeUndefined();
    expect(fixed.exitCode).toBe(0);
    expect(fixed.outputs).toMatchObject({ status: 'succeeded', 'previous-revision': '5', revision: '6' });
    expect(fixed.summary).toContain(`deleted pod ${NAME}-2, not ready and on an older revision`);
    await expectSettled();
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.2.0'));
  });

  it('pods refused at admission (a LimitRange): fails within seconds with the refusal from the StatefulSet FailedCreate events', async () => {
    const limits = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'bounds', namespace: NAMESPACE },
      spec: { limits: [{ type: 'Container', max: { memory: '128Mi' } }] },
    };
    const applied = await stage.cluster.kubectl(['apply', '--filename', '-'], { input: stringify(limits) });
    expect(applied.code, applied.stderr).toBe(0);
    try {
      const started = Date.now();
      const run = await deploy({ images: 'inventory-service:1.3.0', 'rollback-on-failure': 'false' });
      const seconds = (Date.now() - started) / 1000;
      expect(run.exitCode).toBe(1);
      expect(seconds, 'fails fast, long before the 90 s timeout').toBeLessThan(60);
      expect(errorOf(run)).toContain(
        `statefulset ${NAME} cannot create pods: FailedCreate (pods "${NAME}-2" is forbidden: maximum memory usage per Container is 128Mi, but limit is 256Mi.)`,
      );
      expect(run.summary).toContain(`StatefulSet ${NAME}: FailedCreate`);
    } finally {
      await stage.kubectl('--namespace', NAMESPACE, 'delete', 'limitrange', 'bounds');
    }
  });
});
