import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEBIAN_POSTGRES_TOOLS, PG_DUMP_MAJOR, startDebianPostgres, type DebianPostgres } from '../../test/harness/debian-postgres.js';
import { describeWithTools } from '../../test/harness/tools.js';
import { freePort, startPostgres, type EmbeddedCluster } from '../scripts/embedded-postgres.js';
import { buildService, MIGRATE_JS, runService, SERVER_JS, type ServiceProcess } from './helpers/processes.js';

const run = promisify(execFile);
const BACKUP_SH = fileURLToPath(new URL('../scripts/backup.sh', import.meta.url));
const PASSWORD = 'backup-test-secret-7f3a';

const running: ServiceProcess[] = [];
let server: DebianPostgres;
let folder: string;

async function sql(port: number, database: string, text: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function libpqEnv(port: number, database: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '', PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres', PGPASSWORD: PASSWORD, PGDATABASE: database };
}

async function backup(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('sh', [BACKUP_SH], { env });
    return { code: 0, stdout, stderr };
  } catch (error: unknown) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describeWithTools(DEBIAN_POSTGRES_TOOLS, 'backup.sh with the real pg_dump and pg_restore', () => {
  beforeAll(async () => {
    [server] = await Promise.all([startDebianPostgres(PASSWORD), buildService()]);
    folder = await mkdtemp(join(tmpdir(), 'inventory-backups-'));
  });
  afterAll(async () => {
    for (const service of running) if (service.child.exitCode === null) service.child.kill('SIGKILL');
    await server?.destroy();
    await rm(folder, { recursive: true, force: true });
  });

  it('backs up a database with rows; restored into a fresh database, the service serves them', async () => {
    await sql(server.port, 'postgres', 'CREATE DATABASE inventory');
    const source = `postgres://postgres:${PASSWORD}@127.0.0.1:${server.port}/inventory`;
    const migrate = runService(MIGRATE_JS, { DATABASE_URL: source });
    running.push(migrate);
    expect(await migrate.exited).toBe(0);
    await sql(
      server.port,
      'inventory',
      "INSERT INTO items (sku, name, quantity, price) VALUES ('BOLT-1', 'Bolt', 40, 0.25), ('NUT-1', 'Nut <M6>', 75, 0.1), ('GEAR-9', 'Gear — 9 teeth', 3, 12.5)",
    );

    const made = await backup({ ...libpqEnv(server.port, 'inventory'), BACKUP_PATH: folder });
    expect(made.code).toBe(0);
    const files = await readdir(folder);
    expect(files).toEqual([expect.stringMatching(/^inventory-\d{8}T\d{6}Z\.dump$/)]);
    expect(made.stdout).toContain(`backup: wrote ${join(folder, files[0] ?? '')}`);
    expect(`${made.stdout}${made.stderr}`).not.toContain(PASSWORD);

    await sql(server.port, 'postgres', 'CREATE DATABASE restored');
    await run('pg_restore', ['--dbname=restored', '--no-owner', '--exit-on-error', join(folder, files[0] ?? '')], { env: libpqEnv(server.port, 'restored') });

    const port = await freePort();
    const service = runService(SERVER_JS, {
      DATABASE_URL: `postgres://postgres:${PASSWORD}@127.0.0.1:${server.port}/restored`,
      PORT: String(port),
      HOST: '127.0.0.1',
      MIGRATE_ON_START: 'false',
    });
    running.push(service);
    await service.waitForLog('inventory service started');
    const response = await fetch(`http://127.0.0.1:${port}/api/items?limit=10`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: Array<{ sku: string; name: string; quantity: number; price: number }> };
    expect(page.items.map(({ sku, name, quantity, price }) => ({ sku, name, quantity, price }))).toEqual([
      { sku: 'BOLT-1', name: 'Bolt', quantity: 40, price: 0.25 },
      { sku: 'NUT-1', name: 'Nut <M6>', quantity: 75, price: 0.1 },
      { sku: 'GEAR-9', name: 'Gear — 9 teeth', quantity: 3, price: 12.5 },
    ]);
    // The schema's history came along: the migration Job finds nothing left to apply.
    expect(await sql(server.port, 'restored', 'SELECT name FROM pgmigrations ORDER BY id')).toEqual([
      { name: '001_create_items' },
      { name: '002_adjust_items_function' },
    ]);
  });

  it('writes to the exact file BACKUP_PATH names; a wrong password fails without a file or the password in the log', async () => {
    const target = join(folder, 'named.dump');
    expect((await backup({ ...libpqEnv(server.port, 'postgres'), BACKUP_PATH: target })).code).toBe(0);
    expect(await readdir(folder)).toContain('named.dump');

    const wrong = join(folder, 'wrong.dump');
    const failed = await backup({ ...libpqEnv(server.port, 'postgres'), PGPASSWORD: 'not-the-password-1234', BACKUP_PATH: wrong });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/password authentication failed/);
    expect(`${failed.stdout}${failed.stderr}`).not.toContain('not-the-password-1234');
    expect((await readdir(folder)).filter((file) => file.startsWith('wrong'))).toEqual([]);
  });

  it('refuses to run without BACKUP_PATH', async () => {
    const failed = await backup(libpqEnv(server.port, 'postgres'));
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('BACKUP_PATH is not set');
  });

  describe('against a newer server', () => {
    let embedded: EmbeddedCluster;
    beforeAll(async () => {
      embedded = await startPostgres();
    });
    afterAll(async () => embedded?.destroy());

    it('says which image to use when pg_dump is older than the server, and writes nothing', async () => {
      const url = new URL(await embedded.createDatabase('newer'));
      const client = new pg.Client({ connectionString: url.href });
      await client.connect();
      const serverMajor = Math.floor(
        Number((await client.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0]?.server_version_num) / 10000,
      );
      await client.end();
      const target = join(folder, 'newer.dump');
      const result = await backup({
        PATH: process.env.PATH ?? '',
        PGHOST: '127.0.0.1',
        PGPORT: String(embedded.port),
        PGUSER: decodeURIComponent(url.username),
        PGPASSWORD: decodeURIComponent(url.password),
        PGDATABASE: 'newer',
        BACKUP_PATH: target,
      });
      // With a pg_dump as new as the embedded server (not Debian 12's 15), there is no mismatch to refuse.
      if ((PG_DUMP_MAJOR ?? 0) >= serverMajor) {
        expect(result.code).toBe(0);
        return;
      }
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `backup: pg_dump ${PG_DUMP_MAJOR} cannot dump a PostgreSQL ${serverMajor} server: run this Job in an image whose pg_dump is ${serverMajor} or newer (for example postgres:${serverMajor})\n`,
      );
      expect(result.stderr).not.toContain(decodeURIComponent(url.password));
      expect((await readdir(folder)).filter((file) => file.startsWith('newer'))).toEqual([]);
    });
  });
});
