import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../repository-root.js';
import { describeWithTools } from '../harness/tools.js';
import { NAMESPACE, startLoad, startStage, type Stage } from '../harness/stage.js';
import { readReport, scan } from '../security-scan/helpers.js';
import { clusterState, deployStep, errorOf, imagesOf, rollbackStep } from './steps.js';

const MIGRATING = 'test/k8s-deploy/fixtures/hooks/migrating';
const EXPAND = 'test/k8s-deploy/fixtures/hooks/expand';
const BROKEN = 'test/k8s-deploy/fixtures/hooks/broken';
const CONTRACT = 'test/k8s-deploy/fixtures/hooks/contract';
const CONTRACT_MIGRATION = 'test/k8s-deploy/fixtures/hooks/migrations-contract/004_drop_items_name.sql';
const SERVICE_PODS = 'app.kubernetes.io/name=inventory-service,app.kubernetes.io/component=api';

interface LiveJob {
  metadata: { name: string; creationTimestamp: string; labels?: Record<string, string> };
  status?: { completionTime?: string; conditions?: { type: string; status: string }[] };
}

/** JSON over HTTP with a new connection per request, so the Service balances every request anew. */
function send(url: string, method: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, timeout: 10_000, headers: { connection: 'close', 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Stock adjustments of +1..+3 on one item, one after another per worker: the sum of the acknowledged ones is what the quantity must have grown by. */
function startAdjustments(url: string, workers = 2): { stop(): Promise<{ acknowledged: number; sum: number; failures: string[] }> } {
  let running = true;
  const report = { acknowledged: 0, sum: 0, failures: [] as string[] };
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let i = 0; running; i++) {
      const delta = ((i + worker) % 3) + 1;
      try {
        const reply = await send(url, 'POST', { delta });
        if (reply.status === 200) {
          report.acknowledged++;
          report.sum += delta;
        } else report.failures.push(`HTTP ${reply.status}: ${reply.body.slice(0, 200)}`);
      } catch (error) {
        report.failures.push((error as Error).message);
      }
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return report;
    },
  };
}

describeWithTools(['kubectl'], 'k8s-deploy hook Jobs on the cluster emulator', () => {
  let stage: Stage;
  let database: pg.Client;

  beforeAll(async () => {
    stage = await startStage();
    const secret = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'secret', 'inventory-database', '--output', 'json')) as {
      data: { url: string };
    };
    database = new pg.Client({ connectionString: Buffer.from(secret.data.url, 'base64').toString('utf8') });
    await database.connect();
  }, 120_000);

  afterAll(async () => {
    await database?.end();
    await stage?.stop();
  });

  const deploy = (inputs: Record<string, string>) => deployStep(stage, { manifests: MIGRATING, ...inputs });
  const hookJobs = async (): Promise<LiveJob[]> =>
    (
      JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'jobs', '--selector', 'inventory-devops.io/hook-name', '--output', 'json')) as {
        items: LiveJob[];
      }
    ).items;
  const columns = async (): Promise<string[]> =>
    (
      await database.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'items' ORDER BY column_name`)
    ).rows.map((row) => row.column_name);

  it('first deploy: the pre-deploy hook migrates before any pod starts, and the pods do not migrate', async () => {
    const run = await deploy({ images: 'inventory-service:1.0.0' });
    expect(errorOf(run)).toBeUndefined();
    expect(run.outputs.status).toBe('succeeded');
    expect(run.summary).toContain('inventory-migrate');
    const [job] = await hookJobs();
    expect(job?.metadata.name).toMatch(/^inventory-migrate-[0-9a-z]{8}$/);
    const deployment = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployment', 'inventory-service', '--output', 'json')) as {
      metadata: { creationTimestamp: string };
    };
    expect(Date.parse(job!.status!.completionTime!)).toBeLessThanOrEqual(Date.parse(deployment.metadata.creationTimestamp));
    expect(await stage.kubectl('--namespace', NAMESPACE, 'logs', `job/${job!.metadata.name}`)).toContain('migrations applied');
    expect(await columns()).not.toContain('note');
  });

  it('re-running the same deploy re-runs the hook under a new name, never "field is immutable", and clears the finished run', async () => {
    const [before] = await hookJobs();
    const run = await deploy({ images: 'inventory-service:1.0.0' });
    expect(errorOf(run)).toBeUndefined();
    const after = await hookJobs();
    expect(after).toHaveLength(1);
    expect(after[0]!.metadata.name).not.toBe(before!.metadata.name);
    expect(await stage.kubectl('--namespace', NAMESPACE, 'logs', `job/${after[0]!.metadata.name}`)).toContain('database already up to date');
  });

  it('a failing migration stops the deploy with its log in the summary, escaped, and nothing else changes', async () => {
    const before = await clusterState(stage);
    const run = await deploy({ manifests: BROKEN, images: 'inventory-service:1.1.0' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(errorOf(run)).toMatch(/pre-deploy hook job\/inventory-migrate-[0-9a-z]{8} failed: BackoffLimitExceeded.*Nothing else was changed/s);
    // The pod's log, markup and all, only inside a fenced code block, where Markdown shows it as text.
    const fenced = [...run.summary.matchAll(/^(`{3,})[^\n]*\n([\s\S]*?)\n\1$/gm)].map((match) => match[2]).join('\n');
    expect(fenced).toContain('ALTER TABLE item_notes ADD COLUMN <b>note</b> text');
    expect(run.summary.split('<b>note</b>').length - 1).toBe(fenced.split('<b>note</b>').length - 1);
    expect(await clusterState(stage)).toEqual(before);
    expect(await imagesOf(stage, SERVICE_PODS)).toEqual(Array(3).fill('inventory-service:1.0.0'));
  });

  it.each<[string, string, string]>([
    ['weight NaN', "'NaN'", 'Job/inventory-migrate has annotation inventory-devops.io/hook-weight "NaN": expected an integer'],
    ['weight 1e400', "'1e400'", 'hook-weight "1e400": expected an integer'],
  ])('refuses a hook with %s before anything changes', async (_, weight, message) => {
    const folder = await mkdtemp(join(tmpdir(), 'hook-manifests-'));
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'inventory-migrate', annotations: { 'inventory-devops.io/hook': 'pre-deploy', 'inventory-devops.io/hook-weight': '__WEIGHT__' } },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'inventory-service:1.0.0' }] } } },
    };
    await writeFile(join(folder, 'job.yaml'), JSON.stringify(job).replace('"__WEIGHT__"', weight));
    const before = await clusterState(stage);
    const jobsBefore = await hookJobs();
    const run = await deploy({ manifests: folder });
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toContain(message);
    expect(await clusterState(stage)).toEqual(before);
    expect(await hookJobs()).toEqual(jobsBefore);
  });

  it('expand migration as a canary under read and stock-adjust load: migrated before the canary starts, canary aborted, v1 serves on the new schema, no request failed, no adjustment lost', async () => {
    const items = await stage.serviceUrl('/api/items');
    const created = await send(items, 'POST', { sku: 'HOOK-1', name: 'Hooked widget', quantity: 100, price: 2 });
    expect(created.status, created.body).toBe(201);
    const { id } = JSON.parse(created.body) as { id: number };
    const reads = startLoad(await stage.serviceUrl('/api/items?limit=1'), 3);
    const adjustments = startAdjustments(await stage.serviceUrl(`/api/items/${id}/adjust`));

    // v2 is bad (slow: 300 ms per request); the canary analysis would say rollback.
    const canary = await deploy({ manifests: EXPAND, strategy: 'canary', images: 'inventory-service:2.0.0-slow' });
    expect(errorOf(canary)).toBeUndefined();
    expect(canary.outputs).toMatchObject({ status: 'succeeded', strategy: 'canary' });
    expect(await columns()).toContain('note');
    const migration = (await hookJobs()).find((job) => job.status?.completionTime);
    const canaryDeployment = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployment', 'inventory-service-canary', '--output', 'json')) as {
      metadata: { creationTimestamp: string };
    };
    expect(Date.parse(migration!.status!.completionTime!)).toBeLessThanOrEqual(Date.parse(canaryDeployment.metadata.creationTimestamp));

    const abort = await deploy({ manifests: EXPAND, strategy: 'canary', action: 'abort', images: 'inventory-service:2.0.0-slow' });
    expect(errorOf(abort)).toBeUndefined();
    // v1 alone, on schema N+1, for a while longer under the same load.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const readReport = await reads.stop();
    const adjustReport = await adjustments.stop();

    expect(await imagesOf(stage, SERVICE_PODS)).toEqual(Array(3).fill('inventory-service:1.0.0'));
    expect(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments', '--output', 'name')).toBe('deployment.apps/inventory-service\n');
    expect(readReport.failures).toEqual([]);
    expect(adjustReport.failures).toEqual([]);
    expect(readReport.succeeded).toBeGreaterThan(20);
    expect(adjustReport.acknowledged).toBeGreaterThan(10);
    const { rows } = await database.query<{ quantity: number; note: string | null }>('SELECT quantity, note FROM items WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ quantity: 100 + adjustReport.sum, note: null });
  });

  it('a post-deploy hook runs after the rollout; when it fails, the step fails and says the new version is already serving', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'hook-manifests-'));
    const smoke = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'smoke-test', annotations: { 'inventory-devops.io/hook': 'post-deploy' } },
      spec: {
        backoffLimit: 0,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [
              {
                name: 'smoke',
                image: 'inventory-service',
                command: ['node', '-e', 'console.error("smoke test: GET /api/items answered 500"); process.exit(1)'],
              },
            ],
          },
        },
      },
    };
    await writeFile(join(folder, 'smoke-test.yaml'), JSON.stringify(smoke));
    const overlay = relative(folder, join(REPOSITORY_ROOT, MIGRATING));
    await writeFile(join(folder, 'kustomization.yaml'), JSON.stringify({ resources: [overlay, 'smoke-test.yaml'] }));
    const run = await deploy({ manifests: folder, images: 'inventory-service:1.2.0' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(errorOf(run)).toMatch(/^k8s-deploy: Deployed inventory-service, but the post-deploy hook job\/smoke-test-[0-9a-z]{8} failed: BackoffLimitExceeded/);
    expect(run.summary).toContain('smoke test: GET /api/items answered 500');
    const order = ['inventory-migrate', 'smoke-test'].map((hook) => run.summary.indexOf(`<td>${hook}</td>`));
    expect(order[0]).toBeGreaterThan(-1);
    expect(order[1]).toBeGreaterThan(order[0]!);
    expect(await imagesOf(stage, SERVICE_PODS)).toEqual(Array(3).fill('inventory-service:1.2.0'));
  });

  // Last: it leaves a schema no version of the service can read.
  it('a drop of a column v1 reads, forced past the scanner and rolled back: v1 is reported not ready with its own error, never healthy', async () => {
    // Before merge: the scanner refuses the drop; an ignore entry forces it through.
    const workspace = await mkdtemp(join(tmpdir(), 'forced-migration-'));
    await mkdir(join(workspace, 'migrations'));
    await copyFile(join(REPOSITORY_ROOT, CONTRACT_MIGRATION), join(workspace, 'migrations/004_drop_items_name.sql'));
    await writeFile(
      join(workspace, '.security-ignore.yml'),
      'ignore:\n  - rule: migrations/ban-drop-column\n    path: migrations/**\n    reason: Forced through for the rehearsal.\n    expires: 2099-12-31\n',
    );
    const scanned = await scan(workspace, { scanners: 'migrations' });
    expect((await readReport(scanned)).findings.map((finding) => [finding.ruleId, finding.suppressed])).toEqual([['migrations/ban-drop-column', true]]);
    expect(scanned.outputs.passed).toBe('true');

    // v2 as a canary: the hook drops items.name before the canary exists, and v1's pods stop being ready.
    // The emulator runs one build for every tag, so v2's pods read items.name too and the canary never becomes ready either.
    const canary = await deploy({ manifests: CONTRACT, strategy: 'canary', images: 'inventory-service:3.0.0', timeout: '8s', 'rollback-on-failure': 'false' });
    expect(canary.outputs.status).toBe('failed');
    expect(await columns()).not.toContain('name');

    const rollback = await rollbackStep(stage, { reason: 'v2 failed its canary', timeout: '8s', 'health-url': await stage.serviceUrl('/ready') });
    expect(rollback.exitCode).toBe(1);
    expect(rollback.outputs.status).toBe('failed');
    expect(errorOf(rollback)).toMatch(
      /^rollback: The rollback of deployment\/inventory-service did not become ready: .*pod inventory-service-[a-z0-9-]+ \(container inventory\) is in ContainersNotReady/,
    );
    expect(rollback.summary).toContain('Rollback failed');
    expect(rollback.summary).toContain('readiness check: database schema lacks column items.name');
    expect(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments', '--output', 'name')).toBe('deployment.apps/inventory-service\n');
  });
});
