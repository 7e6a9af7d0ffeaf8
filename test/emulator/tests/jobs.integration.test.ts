import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../src/cluster.js';
import { FIXTURE_IMAGES } from './fixtures/manifests.js';
import { processesOfCluster } from './fixtures/processes.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({
    images: [...FIXTURE_IMAGES, { name: 'fixture-shell', command: ['/bin/sh', '-c'] }],
    backoffInitialMs: 200,
    backoffMaxMs: 400,
  });
});

afterAll(async () => {
  const id = cluster?.id;
  await cluster?.stop();
  if (id) expect(processesOfCluster(id), 'no pod process outlives the cluster').toEqual([]);
});

/** The real kubectl against the emulator; a non-zero exit is an error with kubectl's own words. */
const kubectl = async (...args: string[]): Promise<string> => {
  const { code, stdout, stderr } = await cluster.kubectl(args);
  if (code === 0) return stdout;
  throw new Error(`kubectl ${args.join(' ')} failed (${code}): ${stderr}`);
};

interface JobOptions {
  script: string;
  restartPolicy?: 'Never' | 'OnFailure' | 'Always';
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
}

function job(namespace: string, name: string, options: JobOptions): string {
  return JSON.stringify({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace },
    spec: {
      ...(options.backoffLimit !== undefined ? { backoffLimit: options.backoffLimit } : {}),
      ...(options.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: options.activeDeadlineSeconds } : {}),
      ...(options.ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished: options.ttlSecondsAfterFinished } : {}),
      template: {
        spec: {
          restartPolicy: options.restartPolicy ?? 'Never',
          terminationGracePeriodSeconds: 1,
          containers: [{ name: 'task', image: 'registry.example/fixture-shell:v1', args: [options.script] }],
        },
      },
    },
  });
}

async function createNamespace(name: string): Promise<void> {
  await kubectl('create', 'namespace', name);
}

async function apply(manifest: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return cluster.kubectl(['apply', '--server-side', '--field-manager=jobs-test', '-f', '-'], { input: manifest });
}

async function jobObject(namespace: string, name: string): Promise<{ spec: Record<string, unknown>; status: Record<string, unknown> }> {
  return JSON.parse(await kubectl('get', 'job', name, '-n', namespace, '-o', 'json'));
}

/** Creates the namespace, applies the Job, waits with `kubectl wait --for=condition=failed` and returns the Job's status. */
async function runToFailure(namespace: string, name: string, options: JobOptions): Promise<Record<string, unknown>> {
  await createNamespace(namespace);
  await apply(job(namespace, name, options));
  await kubectl('wait', '--for=condition=failed', `job/${name}`, '-n', namespace, '--timeout=60s');
  return (await jobObject(namespace, name)).status;
}

const conditionTypes = (status: Record<string, unknown>): { type: string; reason: string }[] =>
  ((status.conditions ?? []) as { type: string; reason: string }[]).map(({ type, reason }) => ({ type, reason }));

describe('Jobs on the emulator, through the real kubectl', () => {
  it('runs a Job to completion: kubectl wait and kubectl logs job/NAME work, status and conditions as a 1.32 controller writes them', async () => {
    await createNamespace('jobs-complete');
    expect((await apply(job('jobs-complete', 'migrate', { script: 'echo migrated to 7' }))).code).toBe(0);
    await kubectl('wait', '--for=condition=complete', 'job/migrate', '-n', 'jobs-complete', '--timeout=60s');
    expect(await kubectl('logs', 'job/migrate', '-n', 'jobs-complete')).toBe('migrated to 7\n');
    const { spec, status } = await jobObject('jobs-complete', 'migrate');
    expect(spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false });
    expect(conditionTypes(status)).toEqual([
      { type: 'SuccessCriteriaMet', reason: 'CompletionsReached' },
      { type: 'Complete', reason: 'CompletionsReached' },
    ]);
    expect(status).toMatchObject({ succeeded: 1, terminating: 0, ready: 0, uncountedTerminatedPods: {} });
    expect(status.active).toBeUndefined();
    expect(Date.parse(String(status.completionTime))).toBeGreaterThanOrEqual(Date.parse(String(status.startTime)));

    const pods = JSON.parse(await kubectl('get', 'pods', '-n', 'jobs-complete', '-l', 'batch.kubernetes.io/job-name=migrate', '-o', 'json')).items;
    expect(pods).toHaveLength(1);
    expect(pods[0].metadata.name).toMatch(/^migrate-[a-z0-9]{5}$/);
    expect(pods[0].metadata.labels).toMatchObject({ 'job-name': 'migrate', 'batch.kubernetes.io/job-name': 'migrate' });
    expect(pods[0].metadata.ownerReferences).toEqual([expect.objectContaining({ apiVersion: 'batch/v1', kind: 'Job', name: 'migrate', controller: true })]);
    expect(pods[0].status.phase).toBe('Succeeded');
    const events = await kubectl('get', 'events', '-n', 'jobs-complete', '--field-selector', 'involvedObject.kind=Job', '-o', 'json');
    expect(JSON.parse(events).items.map((event: { reason: string }) => event.reason)).toEqual(expect.arrayContaining(['SuccessfulCreate', 'Completed']));
  });

  it('replaces failed pods (restartPolicy Never) until backoffLimit, then fails with BackoffLimitExceeded', async () => {
    const status = await runToFailure('jobs-backoff', 'broken', { script: 'echo "relation \\"items\\" does not exist" >&2; exit 3', backoffLimit: 2 });
    expect(conditionTypes(status)).toEqual([
      { type: 'FailureTarget', reason: 'BackoffLimitExceeded' },
      { type: 'Failed', reason: 'BackoffLimitExceeded' },
    ]);
    expect(status).toMatchObject({ failed: 3, terminating: 0 });
    expect(status.completionTime).toBeUndefined();
    const pods = JSON.parse(await kubectl('get', 'pods', '-n', 'jobs-backoff', '-l', 'job-name=broken', '-o', 'json')).items;
    expect(pods.map((pod: { status: { phase: string } }) => pod.status.phase)).toEqual(['Failed', 'Failed', 'Failed']);
    expect(await kubectl('logs', 'job/broken', '-n', 'jobs-backoff')).toContain('relation "items" does not exist');
    const waitComplete = await cluster.kubectl(['wait', '--for=condition=complete', 'job/broken', '-n', 'jobs-backoff', '--timeout=1s']);
    expect(waitComplete.code).not.toBe(0);
  });

  it('restarts the container in place (restartPolicy OnFailure) and counts restarts against backoffLimit', async () => {
    const status = await runToFailure('jobs-onfailure', 'flaky', { script: 'exit 1', restartPolicy: 'OnFailure', backoffLimit: 1 });
    expect(conditionTypes(status).at(-1)).toEqual({ type: 'Failed', reason: 'BackoffLimitExceeded' });
    // The one pod was deleted when the Job failed (it counts as failed); no second pod was made.
    expect(status).toMatchObject({ failed: 1 });
  });

  it('stops a Job past activeDeadlineSeconds: the running pod is deleted, Failed with DeadlineExceeded', async () => {
    const status = await runToFailure('jobs-deadline', 'slow', { script: 'echo started; exec sleep 30', activeDeadlineSeconds: 1 });
    expect(conditionTypes(status)).toEqual([
      { type: 'FailureTarget', reason: 'DeadlineExceeded' },
      { type: 'Failed', reason: 'DeadlineExceeded' },
    ]);
    expect(status).toMatchObject({ failed: 1, terminating: 0 });
    expect(JSON.parse(await kubectl('get', 'pods', '-n', 'jobs-deadline', '-o', 'json')).items).toEqual([]);
  });

  it('deletes a finished Job and its pods after ttlSecondsAfterFinished', async () => {
    await createNamespace('jobs-ttl');
    await apply(job('jobs-ttl', 'short-lived', { script: 'true', ttlSecondsAfterFinished: 1 }));
    await kubectl('wait', '--for=delete', 'job/short-lived', '-n', 'jobs-ttl', '--timeout=60s');
    expect(JSON.parse(await kubectl('get', 'pods', '-n', 'jobs-ttl', '-o', 'json')).items).toEqual([]);
  });

  it('rejects restartPolicy Always and a changed template, as the API server validates a Job', async () => {
    await createNamespace('jobs-invalid');
    const always = await apply(job('jobs-invalid', 'always', { script: 'true', restartPolicy: 'Always' }));
    expect(always.code).not.toBe(0);
    expect(always.stderr).toContain('spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"');

    await apply(job('jobs-invalid', 'fixed', { script: 'sleep 5' }));
    const changed = await apply(job('jobs-invalid', 'fixed', { script: 'sleep 6' }));
    expect(changed.code).not.toBe(0);
    expect(changed.stderr).toContain('field is immutable');
    const unchanged = await apply(job('jobs-invalid', 'fixed', { script: 'sleep 5' }));
    expect(unchanged.code).toBe(0);
  });
});
