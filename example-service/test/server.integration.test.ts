import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

function start(script: string, env: Record<string, string>): ServiceProcess {
  const service = runService(script, env);
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
