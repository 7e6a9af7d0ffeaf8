import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { startTestApp, testConfig, type TestContext } from './helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp({ DB_CONNECT_TIMEOUT_MS: '1000' });
});
afterAll(async () => {
  await ctx?.close();
});

describe('GET /health', () => {
  it('answers 200 while the process is up', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /metrics', () => {
  it('exposes the metric contract in Prometheus text format', async () => {
    await ctx.app.inject({ method: 'POST', url: '/api/items', payload: { sku: 'M-1', name: 'm', quantity: 1, price: 1 } });
    await ctx.app.inject({ method: 'GET', url: '/api/items/1' });
    await ctx.app.inject({ method: 'GET', url: '/api/items/999' });
    await ctx.app.inject({ method: 'GET', url: '/no/such/route' });
    const response = await ctx.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('http_requests_total{method="POST",route="/api/items",status_code="201"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/api/items/:id",status_code="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/api/items/:id",status_code="404"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status_code="404"} 1');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/items\/:id",status_code="200"\} \d/);
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/api/items/:id",status_code="200"} 1');
    expect(text).toContain('# TYPE inventory_items gauge');
    expect(text).toMatch(/^inventory_items 1$/m);
    for (const gauge of ['db_pool_connections', 'db_pool_idle_connections', 'db_pool_waiting_requests', 'db_pool_max_connections']) {
      expect(text).toMatch(new RegExp(`^${gauge} \\d+$`, 'm'));
    }
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });
});

describe('GET /ready', () => {
  it('answers 200 when the database answers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready' });
  });

  it('answers 503 with a reason while the database is down, and 200 once it is back', async () => {
    await ctx.postgres.stop();
    try {
      const down = await ctx.app.inject({ method: 'GET', url: '/ready' });
      expect(down.statusCode).toBe(503);
      // A fixed reason: the driver's error text (host, port, user) goes to the log only.
      expect(down.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
      expect(down.body).not.toContain(new URL(ctx.databaseUrl).port);
      // The process stays alive and says so; API calls fail with 503, not 500.
      expect((await ctx.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      const api = await ctx.app.inject({ method: 'GET', url: '/api/items/1' });
      expect(api.statusCode).toBe(503);
      expect(api.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      expect((await ctx.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    } finally {
      await ctx.postgres.start();
    }
    const up = await ctx.app.inject({ method: 'GET', url: '/ready' });
    expect(up.statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/items/1' })).statusCode).toBe(200);
  });

  /** /ready's answer while a migration's own connection has run `change`, which `undo` then reverts. */
  async function readyDuring(change: string, undo: string) {
    const migration = new pg.Client({ connectionString: ctx.databaseUrl });
    await migration.connect();
    try {
      await migration.query(change);
      return await ctx.app.inject({ method: 'GET', url: '/ready' }).finally(() => migration.query(undo));
    } finally {
      await migration.end();
    }
  }

  it('answers 503 naming what the schema lacks (a contract migration run too early), and 200 once it is back', async () => {
    const lacking = await readyDuring(
      'ALTER TABLE items RENAME COLUMN name TO title; ALTER FUNCTION adjust_items(integer[], integer[]) RENAME TO adjust_items_old',
      'ALTER TABLE items RENAME COLUMN title TO name; ALTER FUNCTION adjust_items_old(integer[], integer[]) RENAME TO adjust_items',
    );
    expect(lacking.statusCode).toBe(503);
    expect(lacking.json()).toEqual({ status: 'unavailable', reason: 'database schema lacks column items.name, function adjust_items(integer[], integer[])' });
    const noTable = await readyDuring('ALTER TABLE items RENAME TO items_old', 'ALTER TABLE items_old RENAME TO items');
    expect(noTable.json()).toEqual({ status: 'unavailable', reason: 'database schema lacks table items' });
    expect((await ctx.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
  });

  it('stays ready while a migration holds an exclusive lock on items: the check reads the catalogue only', async () => {
    expect((await readyDuring('BEGIN; LOCK TABLE items IN ACCESS EXCLUSIVE MODE', 'ROLLBACK')).statusCode).toBe(200);
  });

  it('answers 503 while draining for shutdown', async () => {
    ctx.app.lifecycle.draining = true;
    try {
      const response = await ctx.app.inject({ method: 'GET', url: '/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
    } finally {
      ctx.app.lifecycle.draining = false;
    }
  });
});

describe('fault injection', () => {
  let faulty: FastifyInstance | undefined;
  afterAll(async () => {
    await faulty?.close();
  });

  it('is off unless configured', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => ctx.app.inject({ method: 'GET', url: '/api/items/1' })));
    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
  });

  it('answers API requests 500 at FAULT_ERROR_RATE, late by FAULT_LATENCY_MS, and leaves probes and metrics alone', async () => {
    faulty = await buildApp(testConfig(ctx.databaseUrl, { FAULT_ERROR_RATE: '1', FAULT_LATENCY_MS: '1500' }));
    const started = performance.now();
    const api = await faulty.inject({ method: 'GET', url: '/api/items/1' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1490);
    expect(api.statusCode).toBe(500);
    expect(api.json()).toMatchObject({ statusCode: 500, code: 'FAULT_INJECTED' });
    for (const url of ['/health', '/ready', '/metrics', '/docs/openapi.json']) {
      const started = performance.now();
      const response = await faulty.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      // Far below the injected 1.5 s, with room for a loaded CI machine (the first OpenAPI render is slow).
      expect(performance.now() - started, url).toBeLessThan(750);
    }
    const metrics = await faulty.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('http_requests_total{method="GET",route="/api/items/:id",status_code="500"} 1');
  });

  it('fails about the configured fraction of API requests', async () => {
    const halfFaulty = await buildApp(testConfig(ctx.databaseUrl, { FAULT_ERROR_RATE: '0.5' }));
    try {
      const responses = await Promise.all(Array.from({ length: 400 }, () => halfFaulty.inject({ method: 'GET', url: '/api/items/1' })));
      const failed = responses.filter((response) => response.statusCode === 500).length;
      // Binomial(400, 0.5): 140..260 holds with overwhelming probability.
      expect(failed).toBeGreaterThan(140);
      expect(failed).toBeLessThan(260);
      expect(responses.every((response) => response.statusCode === 200 || response.statusCode === 500)).toBe(true);
    } finally {
      await halfFaulty.close();
    }
  });
});
