import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../example-service/scripts/embedded-postgres.js';
import { MIGRATE_JS, runService, SERVER_JS, type ServiceProcess } from '../../example-service/test/helpers/processes.js';
import { DEBIAN_POSTGRES_TOOLS, startDebianPostgres, type DebianPostgres } from '../harness/debian-postgres.js';
import { NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { describeWithTools } from '../harness/tools.js';
import { REPOSITORY_ROOT } from '../repository-root.js';
import { deployStep, errorOf } from './steps.js';

const run = promisify(execFile);
const EXPAND = 'test/k8s-deploy/fixtures/hooks/expand';
const BACKUP_COMPONENT = 'example-service/k8s/components/backup';

interface Container {
  command?: string[];
  args?: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
}

interface LiveJob {
  metadata: { name: string; creationTimestamp: string; labels: Record<string, string> };
  spec: { template: { spec: { containers: Container[] } } };
  status: { completionTime?: string };
}

// The whole stage runs on Debian's PostgreSQL, not embedded PostgreSQL 18: the backup Job dumps the
// database the service uses (the same Secret), and Debian 12's pg_dump (15) refuses newer servers.
describeWithTools(['kubectl', ...DEBIAN_POSTGRES_TOOLS], 'the example backup hook on the cluster emulator, with the real pg_dump and PostgreSQL', () => {
  let postgres: DebianPostgres;
  let stage: Stage;
  let databaseUrl: string;
  let backups: string;
  let manifests: string;
  const running: ServiceProcess[] = [];

  beforeAll(async () => {
    stage = await startStage({ postgres: async () => (postgres = await startDebianPostgres()) });
    const secret = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'secret', 'inventory-database', '--output', 'json')) as {
      data: { url: string };
    };
    databaseUrl = Buffer.from(secret.data.url, 'base64').toString('utf8');
    // v1's schema and rows: a database that has served for a while.
    const migrate = runService(MIGRATE_JS, { DATABASE_URL: databaseUrl });
    running.push(migrate);
    expect(await migrate.exited).toBe(0);
    await query(databaseUrl, "INSERT INTO items (sku, name, quantity, price) VALUES ('BOLT-1', 'Bolt', 40, 0.25), ('NUT-1', 'Nut <M6>', 75, 0.1)");

    // The example's backup component on the test overlay whose migration hook adds a column. The
    // emulator's pods are processes without volumes: BACKUP_DIR, the volume's mount path, becomes a folder here.
    backups = await mkdtemp(join(tmpdir(), 'inventory-backups-'));
    manifests = await mkdtemp(join(tmpdir(), 'backup-manifests-'));
    const kustomization = {
      namespace: NAMESPACE,
      resources: [relative(manifests, join(REPOSITORY_ROOT, EXPAND))],
      components: [relative(manifests, join(REPOSITORY_ROOT, BACKUP_COMPONENT))],
      patches: [
        {
          target: { kind: 'Job', name: 'inventory-backup' },
          patch: JSON.stringify([{ op: 'replace', path: '/spec/template/spec/containers/0/env/0', value: { name: 'BACKUP_DIR', value: backups } }]),
        },
      ],
    };
    await writeFile(join(manifests, 'kustomization.yaml'), JSON.stringify(kustomization));
  }, 180_000);

  afterAll(async () => {
    for (const service of running) if (service.child.exitCode === null) service.child.kill('SIGKILL');
    await stage?.stop();
    for (const folder of [backups, manifests]) if (folder) await rm(folder, { recursive: true, force: true });
  });

  const query = (url: string, text: string): Promise<pg.QueryResultRow[]> => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    return pool
      .query(text)
      .then((result) => result.rows)
      .finally(() => pool.end());
  };

  it('dumps the database as a pre-deploy hook before the migration; restored into a fresh database, the dump serves the API', async () => {
    const deploy = await deployStep(stage, { manifests, images: 'inventory-service:1.0.0' });
    expect(errorOf(deploy)).toBeUndefined();
    expect(deploy.outputs.status).toBe('succeeded');
    expect(deploy.everythingWritten).not.toContain(postgres.password);
    const order = ['inventory-backups', 'inventory-backup', 'inventory-migrate'].map((hook) => deploy.summary.indexOf(`<td>${hook}</td>`));
    expect(order.every((position, index) => position > (order[index - 1] ?? 0))).toBe(true);

    const jobs = (
      JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'jobs', '--selector', 'inventory-devops.io/hook-name', '--output', 'json')) as {
        items: LiveJob[];
      }
    ).items;
    const hook = (name: string) => jobs.find((job) => job.metadata.labels['inventory-devops.io/hook-name'] === name)!;
    // The password reaches pg_dump through libpq's environment, from the Secret: on no command line of a Job or of its pods.
    const backupContainer = hook('inventory-backup').spec.template.spec.containers[0]!;
    expect(backupContainer.env?.find((variable) => variable.name === 'PGPASSWORD')?.valueFrom?.secretKeyRef).toEqual({
      name: 'inventory-database',
      key: 'password',
    });
    const pods = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'pods', '--selector', 'job-name', '--output', 'json')) as {
      items: Array<{ spec: { containers: Container[] } }>;
    };
    const containers = [...jobs.map((job) => job.spec.template.spec), ...pods.items.map((pod) => pod.spec)].flatMap((spec) => spec.containers);
    expect(containers.length).toBeGreaterThan(jobs.length);
    for (const container of containers) {
      const commandLine = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
      expect(commandLine).not.toContain(postgres.password);
      expect((container.env ?? []).map((variable) => variable.value ?? '').join(' ')).not.toContain(postgres.password);
      // Kubernetes expands $(NAME) on the command line from the env: a Secret's value there would be on the process's command line.
      const fromSecrets = (container.env ?? []).filter((variable) => variable.valueFrom?.secretKeyRef).map((variable) => `$(${variable.name})`);
      expect(fromSecrets.filter((reference) => commandLine.includes(reference))).toEqual([]);
    }
    expect(Date.parse(hook('inventory-backup').status.completionTime!)).toBeLessThanOrEqual(Date.parse(hook('inventory-migrate').metadata.creationTimestamp));
    const files = await readdir(backups);
    expect(files).toEqual([expect.stringMatching(new RegExp(`^inventory-${hook('inventory-backup').metadata.name}-[0-9a-z]{5}\\.dump$`))]);
    expect(await query(databaseUrl, "SELECT 1 FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note'")).toHaveLength(1);

    const restoredUrl = await postgres.createDatabase('restored');
    await run('pg_restore', [`--dbname=${restoredUrl}`, '--no-owner', '--exit-on-error', join(backups, files[0]!)]);
    // The dump predates the migration the same deploy ran next.
    expect(await query(restoredUrl, 'SELECT name FROM pgmigrations ORDER BY id')).toEqual([
      { name: '001_create_items' },
      { name: '002_adjust_items_function' },
    ]);

    const port = await freePort();
    const service = runService(SERVER_JS, { DATABASE_URL: restoredUrl, PORT: String(port), HOST: '127.0.0.1', MIGRATE_ON_START: 'false' });
    running.push(service);
    await service.waitForLog('inventory service started');
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    const page = (await (await fetch(`http://127.0.0.1:${port}/api/items?limit=10`)).json()) as {
      items: Array<{ sku: string; name: string; quantity: number }>;
    };
    expect(page.items.map(({ sku, name, quantity }) => ({ sku, name, quantity }))).toEqual([
      { sku: 'BOLT-1', name: 'Bolt', quantity: 40 },
      { sku: 'NUT-1', name: 'Nut <M6>', quantity: 75 },
    ]);
  });
});
