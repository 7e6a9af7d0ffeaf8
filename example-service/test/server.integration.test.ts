import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG_MIGRATE_LOCK_ID } from 'node-pg-migrate';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_MIGRATIONS_DIR } from '../src/config.js';
import { migrateUp } from '../src/migrations.js';
import { freePort, startPostgres, type EmbeddedCluster } from '../scripts/embedded-postgres.js';
import { buildService, MIGRATE_JS, runService, SERVER_JS, type ServiceProcess } from './helpers/processes.js';

let postgres: EmbeddedCluster;
let databaseCount = 0;
const running: ServiceProcess[] = [];

beforeAll(async () => {
  [postgres] = await Promise.all([startPostgres(), buildService()]);
});
afterAll(async () => {
  for (const service of running) if (service.child.exitCode === null) service.child.kill('SIGKILL');
  await postgres?.destroy();
});

async function freshDatabase(): Promise<string> {
  databaseCount += 1;
  return postgres.createDatabase(`server_${databaseCount}`);
}

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function start(script: string, env: Record<string, string>, args: readonly string[] = []): ServiceProcess {
  const service = runService(script, env, args);
  running.push(service);
  return service;
}

describe('server.js', () => {
  it('migrates, serves, and on SIGTERM finishes every in-flight request, then exits 0', async () => {
    const databaseUrl = await freshDatabase();
    const port = await freePort();
    // Slow API answers keep requests in flight when the signal arrives.
    const service = start(SERVER_JS, { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', FAULT_LATENCY_MS: '400' });
    await service.waitForLog('inventory service started');
    const base = `http://127.0.0.1:${port}`;
    const created = await fetch(`${base}/api/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer top-secret-token' },
      body: JSON.stringify({ sku: 'SHUT-1', name: 'x', quantity: 1000, price: 1 }),
    });
    expect(created.status).toBe(201);
    expect((await fetch(`${base}/ready`)).status).toBe(200);

    const inFlight = Array.from({ length: 60 }, (_, index) =>
      index % 2 === 0
        ? fetch(`${base}/api/items/1`).then((response) => response.status)
        : fetch(`${base}/api/items/1/adjust`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ delta: -1 }),
          }).then((response) => response.status),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    service.child.kill('SIGTERM');

    expect(await Promise.all(inFlight)).toEqual(Array.from({ length: 60 }, () => 200));
    expect(await service.exited).toBe(0);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
    const [item] = await query<{ quantity: number }>(databaseUrl, 'SELECT quantity FROM items WHERE id = 1');
    expect(item?.quantity).toBe(1000 - 30);
    await service.waitForLog('shutting down: draining in-flight requests');
    await service.waitForLog('stopped');
    // Structured logs with request ids; no secrets.
    const access = service.logs.find((line) => line.msg === 'request completed' && line.url === '/api/items/1');
    expect(access).toMatchObject({ reqId: expect.any(String), method: 'GET', statusCode: 200 });
    expect(service.output()).not.toContain('top-secret-token');
    expect(service.output()).not.toContain('local-password');
  });

  it('keeps serving through SHUTDOWN_DELAY_MS after SIGTERM while /ready says 503', async () => {
    const port = await freePort();
    const service = start(SERVER_JS, { DATABASE_URL: await freshDatabase(), PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_DELAY_MS: '1500' });
    await service.waitForLog('inventory service started');
    const base = `http://127.0.0.1:${port}`;
    service.child.kill('SIGTERM');
    await service.waitForLog('shutting down: draining in-flight requests');
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
    const api = await fetch(`${base}/api/items`);
    expect(api.status).toBe(200);
    expect(api.headers.get('connection')).toBe('close');
    expect(await service.exited).toBe(0);
  });

  it('runs each migration once when two replicas start together', async () => {
    const databaseUrl = await freshDatabase();
    const [portA, portB] = [await freePort(), await freePort()];
    const replicas = [portA, portB].map((port) => start(SERVER_JS, { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' }));
    await Promise.all(replicas.map((replica) => replica.waitForLog('inventory service started')));
    const outcomes = replicas.map((replica) => replica.logs.find((line) => /database already up to date|migrations applied/.test(line.msg))?.msg);
    expect(outcomes.sort()).toEqual(['database already up to date', 'migrations applied']);
    const applied = await query<{ name: string }>(databaseUrl, 'SELECT name FROM pgmigrations');
    expect(applied.map((row) => row.name)).toEqual(['001_create_items', '002_adjust_items_function']);
    for (const replica of replicas) {
      replica.child.kill('SIGTERM');
      expect(await replica.exited).toBe(0);
    }
  });

  it('does not migrate with MIGRATE_ON_START=false', async () => {
    const databaseUrl = await freshDatabase();
    const service = start(SERVER_JS, { DATABASE_URL: databaseUrl, PORT: String(await freePort()), HOST: '127.0.0.1', MIGRATE_ON_START: 'false' });
    await service.waitForLog('inventory service started');
    expect(await query(databaseUrl, "SELECT 1 FROM information_schema.tables WHERE table_name IN ('items', 'pgmigrations')")).toEqual([]);
    service.child.kill('SIGINT');
    expect(await service.exited).toBe(0);
  });

  it('exits 1 with a message naming the variable when the configuration is invalid', async () => {
    const service = start(SERVER_JS, { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', MIGRATE_ON_START: 'yes' });
    expect(await service.exited).toBe(1);
    expect(service.logs.map((line) => line.msg)).toEqual(['Invalid configuration: MIGRATE_ON_START must be "true" or "false" (got "yes")']);
  });

  it('exits 1 without listening when a migration fails', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'inventory-broken-migrations-'));
    try {
      await writeFile(join(folder, '001_broken.sql'), '-- Up Migration\nCREATE TABLE broken (;\n');
      const port = await freePort();
      const service = start(SERVER_JS, { DATABASE_URL: await freshDatabase(), PORT: String(port), MIGRATIONS_DIR: folder });
      expect(await service.exited).toBe(1);
      expect(service.logs.some((line) => line.msg === 'migrations failed; not starting')).toBe(true);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('migrate.js', () => {
  it('applies pending migrations, then finds nothing to do', async () => {
    const databaseUrl = await freshDatabase();
    const first = start(MIGRATE_JS, { DATABASE_URL: databaseUrl });
    expect(await first.exited).toBe(0);
    await first.waitForLog('migrations applied');
    expect(await query(databaseUrl, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 0 }]);
    const second = start(MIGRATE_JS, { DATABASE_URL: databaseUrl });
    expect(await second.exited).toBe(0);
    await second.waitForLog('database already up to date');
  });

  it('serialises concurrent runs with an advisory lock: five at once apply each migration once', async () => {
    const databaseUrl = await freshDatabase();
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const runs = await Promise.all(Array.from({ length: 5 }, () => migrateUp(databaseUrl, BUNDLED_MIGRATIONS_DIR, quiet)));
    expect(runs.filter((applied) => applied.length > 0)).toEqual([['001_create_items', '002_adjust_items_function']]);
    expect(await query(databaseUrl, 'SELECT name FROM pgmigrations ORDER BY id')).toEqual([
      { name: '001_create_items' },
      { name: '002_adjust_items_function' },
    ]);
  });

  it('exits 1 and leaves nothing half-applied when a migration fails', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'inventory-broken-migrations-'));
    try {
      await writeFile(join(folder, '001_good.sql'), '-- Up Migration\nCREATE TABLE good (id integer);\n-- Down Migration\nDROP TABLE good;\n');
      await writeFile(join(folder, '002_broken.sql'), '-- Up Migration\nCREATE TABLE broken (;\n');
      const databaseUrl = await freshDatabase();
      const run = start(MIGRATE_JS, { DATABASE_URL: databaseUrl, MIGRATIONS_DIR: folder });
      expect(await run.exited).toBe(1);
      await run.waitForLog('migration failed');
      expect(await query(databaseUrl, "SELECT 1 FROM information_schema.tables WHERE table_name = 'good'")).toEqual([]);
      expect(await query(databaseUrl, 'SELECT name FROM pgmigrations')).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('exits 1 when the database cannot be reached, without printing its password', async () => {
    const run = start(MIGRATE_JS, { DATABASE_URL: `postgres://inventory:hunter2@127.0.0.1:${await freePort()}/inventory` });
    expect(await run.exited).toBe(1);
    expect(run.output()).not.toContain('hunter2');
  });
});

async function migrate(env: Record<string, string>, ...args: string[]): Promise<ServiceProcess & { code: number | null }> {
  const run = start(MIGRATE_JS, env, args);
  return Object.assign(run, { code: await run.exited });
}

const applied = async (databaseUrl: string) => (await query<{ name: string }>(databaseUrl, 'SELECT name FROM pgmigrations ORDER BY id')).map((row) => row.name);
const tables = async (databaseUrl: string) =>
  (await query<{ table_name: string }>(databaseUrl, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).map(
    (row) => row.table_name,
  );

describe('migrate.js down N', () => {
  it("rolls the service's migrations back one at a time, newest first, and up again", async () => {
    const databaseUrl = await freshDatabase();
    expect((await migrate({ DATABASE_URL: databaseUrl })).code).toBe(0);
    expect(await applied(databaseUrl)).toEqual(['001_create_items', '002_adjust_items_function']);

    const first = await migrate({ DATABASE_URL: databaseUrl }, 'down', '1');
    expect(first.code).toBe(0);
    await first.waitForLog('migrations rolled back');
    expect(first.logs.find((line) => line.msg === 'migrations rolled back')?.undone).toEqual(['002_adjust_items_function']);
    expect(await applied(databaseUrl)).toEqual(['001_create_items']);
    expect(await query(databaseUrl, "SELECT 1 FROM pg_proc WHERE proname = 'adjust_items'")).toEqual([]);
    expect(await tables(databaseUrl)).toEqual(['items', 'pgmigrations']);

    expect((await migrate({ DATABASE_URL: databaseUrl }, 'down', '1')).code).toBe(0);
    expect(await applied(databaseUrl)).toEqual([]);
    expect(await tables(databaseUrl)).toEqual(['pgmigrations']);

    expect((await migrate({ DATABASE_URL: databaseUrl }, 'up')).code).toBe(0);
    expect(await applied(databaseUrl)).toEqual(['001_create_items', '002_adjust_items_function']);
  });

  it('down 2 undoes both; a count beyond what is applied undoes what there is', async () => {
    const databaseUrl = await freshDatabase();
    await migrate({ DATABASE_URL: databaseUrl });
    const run = await migrate({ DATABASE_URL: databaseUrl }, 'down', '5');
    expect(run.code).toBe(0);
    expect(await applied(databaseUrl)).toEqual([]);
    const again = await migrate({ DATABASE_URL: databaseUrl }, 'down', '1');
    expect(again.code).toBe(0);
    await again.waitForLog('nothing to roll back');
  });

  it.each([
    ['down', ['down']],
    ['down 0', ['down', '0']],
    ['down -1', ['down', '-1']],
    ['down 1.5', ['down', '1.5']],
    ['down 1 2', ['down', '1', '2']],
    ['down --help', ['down', '--help']],
    ['sideways', ['sideways']],
    ['down xxx… (5000 characters)', ['down', 'x'.repeat(5000)]],
  ])('refuses "%s" with the usage, changing nothing', async (_label, args) => {
    const databaseUrl = await freshDatabase();
    await migrate({ DATABASE_URL: databaseUrl });
    const run = await migrate({ DATABASE_URL: databaseUrl }, ...args);
    expect(run.code).toBe(1);
    expect(run.logs.at(-1)?.msg).toMatch(/^usage: migrate\.js \[up\] \| migrate\.js down <count>/);
    expect(run.output().length).toBeLessThan(2000);
    expect(await applied(databaseUrl)).toEqual(['001_create_items', '002_adjust_items_function']);
  });

  it('runs each down migration in its own transaction: a failing one stays applied, those undone before it stay undone', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'inventory-down-migrations-'));
    try {
      await writeFile(
        join(folder, '001_a.sql'),
        '-- Up Migration\nCREATE TABLE a (id integer);\n-- Down Migration\nDROP TABLE a;\nSELECT missing_function();\n',
      );
      await writeFile(join(folder, '002_b.sql'), '-- Up Migration\nCREATE TABLE b (id integer);\n-- Down Migration\nDROP TABLE b;\n');
      const databaseUrl = await freshDatabase();
      const env = { DATABASE_URL: databaseUrl, MIGRATIONS_DIR: folder };
      expect((await migrate(env)).code).toBe(0);
      const run = await migrate(env, 'down', '2');
      expect(run.code).toBe(1);
      await run.waitForLog('migration failed');
      expect(await applied(databaseUrl)).toEqual(['001_a']);
      expect(await tables(databaseUrl)).toEqual(['a', 'pgmigrations']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('waits for the advisory lock a running migration holds', async () => {
    const databaseUrl = await freshDatabase();
    await migrate({ DATABASE_URL: databaseUrl });
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [PG_MIGRATE_LOCK_ID]);
      const run = start(MIGRATE_JS, { DATABASE_URL: databaseUrl }, ['down', '1']);
      // The rollback is blocked on the lock (seen in pg_locks), and nothing is undone meanwhile.
      for (;;) {
        const waiting = await holder.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
        if (waiting.rowCount === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await applied(databaseUrl)).toEqual(['001_create_items', '002_adjust_items_function']);
      await holder.query('SELECT pg_advisory_unlock($1)', [PG_MIGRATE_LOCK_ID]);
      expect(await run.exited).toBe(0);
      expect(await applied(databaseUrl)).toEqual(['001_create_items']);
    } finally {
      await holder.end();
    }
  });
});
