/**
 * Benchmark of the inventory service on this machine:
 *   npx tsx bench/service.ts [--processes 1,2] [--duration 10] [--connections 64] [--log-level info] [--wrk]
 * Starts an embedded PostgreSQL (default, durable settings), builds and starts the compiled
 * service (N processes sharing one port through node:cluster), seeds 10,000 items, then drives
 * GET /api/items/:id and POST /api/items/:id/adjust with autocannon (and wrk with --wrk when
 * installed), prints requests/s, p50, p99 and errors, and stops everything.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrateUp } from '../example-service/src/migrations.js';
import { freePort, startPostgres } from '../example-service/scripts/embedded-postgres.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER_JS = join(ROOT, 'example-service/dist/server.js');
const ITEM_COUNT = 10_000;

const { values: options } = parseArgs({
  options: {
    processes: { type: 'string', default: '1,2' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '64' },
    'log-level': { type: 'string', default: 'info' },
    'pool-max': { type: 'string', default: '16' },
    wrk: { type: 'boolean', default: false },
  },
});
const durationSeconds = Number(options.duration);
const connections = Number(options.connections);

interface Figures {
  tool: string;
  route: string;
  processes: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const randomId = () => 1 + Math.floor(Math.random() * ITEM_COUNT);

const ROUTES = {
  'GET /api/items/:id': () => ({ method: 'GET' as const, path: `/api/items/${randomId()}` }),
  'POST /api/items/:id/adjust': () => ({
    method: 'POST' as const,
    path: `/api/items/${randomId()}/adjust`,
    headers: { 'content-type': 'application/json' },
    // Alternating signs keep stock levels steady; a start of 1,000,000 never runs out.
    body: Math.random() < 0.5 ? '{"delta":1}' : '{"delta":-1}',
  }),
};

async function runAutocannon(url: string, route: keyof typeof ROUTES, seconds: number): Promise<autocannon.Result> {
  const makeRequest = ROUTES[route];
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...makeRequest() }) }],
  });
}

const WRK_SCRIPTS = {
  'GET /api/items/:id': `request = function() return wrk.format("GET", "/api/items/" .. math.random(${ITEM_COUNT})) end`,
  'POST /api/items/:id/adjust': `wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local delta = (math.random(2) == 1) and 1 or -1
  return wrk.format(nil, "/api/items/" .. math.random(${ITEM_COUNT}) .. "/adjust", nil, '{"delta":' .. delta .. '}')
end`,
};

// wrk prints latency percentiles and non-2xx counts; this report hook prints them as one JSON line.
const WRK_REPORT = `
done = function(summary, latency, requests)
  io.write(string.format('{"rps":%f,"p50":%f,"p99":%f,"errors":%d}\\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end`;

async function runWrk(url: string, route: keyof typeof ROUTES, folder: string): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const script = join(folder, `${route.replace(/\W+/g, '-')}.lua`);
  await writeFile(script, `${WRK_SCRIPTS[route]}\n${WRK_REPORT}`);
  const { stdout } = await promisify(execFile)('wrk', ['-t2', `-c${connections}`, `-d${durationSeconds}s`, '-s', script, url]);
  const line = stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(line) as { rps: number; p50: number; p99: number; errors: number };
}

/** N copies of the compiled server sharing one port (node:cluster), like N worker processes. */
function startService(processes: number, env: Record<string, string>): ChildProcess {
  const primary = `
    import cluster from 'node:cluster';
    cluster.setupPrimary({ exec: ${JSON.stringify(SERVER_JS)}, execArgv: [] });
    for (let i = 0; i < ${processes}; i++) cluster.fork();
    let exited = 0;
    cluster.on('exit', () => { if (++exited === ${processes}) process.exit(0); });
    process.on('SIGTERM', () => { for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM'); });
  `;
  return spawn(process.execPath, ['--input-type=module', '-e', primary], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the service did not become ready within 30 s');
}

async function main(): Promise<void> {
  const processCounts = options.processes.split(',').map(Number);
  console.log(`building the service…`);
  await promisify(execFile)('npx', ['tsc', '-p', join(ROOT, 'example-service/tsconfig.json')], { cwd: ROOT });
  console.log('starting embedded PostgreSQL…');
  const postgres = await startPostgres({ durable: true });
  const folder = await mkdtemp(join(tmpdir(), 'inventory-bench-'));
  const results: Figures[] = [];
  try {
    const databaseUrl = await postgres.createDatabase('inventory_bench');
    await migrateUp(databaseUrl, join(ROOT, 'example-service/migrations'), { info: () => undefined, warn: console.warn, error: console.error });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(
      `INSERT INTO items (sku, name, quantity, price)
       SELECT 'SKU-' || n, 'Item ' || n, 1000000, (n % 1000) / 10.0 FROM generate_series(1, $1) AS n`,
      [ITEM_COUNT],
    );
    await client.query('VACUUM ANALYZE items');
    await client.end();

    for (const processes of processCounts) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const service = startService(processes, {
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: options['log-level'],
        DB_POOL_MAX: options['pool-max'],
      });
      try {
        await waitUntilReady(url);
        for (const route of Object.keys(ROUTES) as Array<keyof typeof ROUTES>) {
          await runAutocannon(url, route, Number(options.warmup));
          const result = await runAutocannon(url, route, durationSeconds);
          const figures: Figures = {
            tool: 'autocannon',
            route,
            processes,
            requestsPerSecond: Math.round(result.requests.average),
            p50: result.latency.p50,
            p99: result.latency.p99,
            errors: result.errors + result.timeouts + result.non2xx,
          };
          results.push(figures);
          console.log(JSON.stringify(figures));
          if (options.wrk) {
            const wrk = await runWrk(url, route, folder);
            const wrkFigures: Figures = {
              tool: 'wrk -t2',
              route,
              processes,
              requestsPerSecond: Math.round(wrk.rps),
              p50: wrk.p50,
              p99: wrk.p99,
              errors: wrk.errors,
            };
            results.push(wrkFigures);
            console.log(JSON.stringify(wrkFigures));
          }
        }
      } finally {
        service.kill('SIGTERM');
        await new Promise((resolve) => service.once('exit', resolve));
      }
    }
  } finally {
    await postgres.destroy();
    await rm(folder, { recursive: true, force: true });
  }

  console.log(
    `\n${connections} connections, ${durationSeconds} s per run, LOG_LEVEL=${options['log-level']}, DB_POOL_MAX=${options['pool-max']}, ${ITEM_COUNT} items`,
  );
  console.table(
    results.map((figures) => ({
      tool: figures.tool,
      route: figures.route,
      processes: figures.processes,
      'requests/s': figures.requestsPerSecond,
      'p50 ms': Number(figures.p50.toFixed(2)),
      'p99 ms': Number(figures.p99.toFixed(2)),
      errors: figures.errors,
    })),
  );
}

await main();
