/**
 * `npm run service`: the inventory service on a throw-away embedded PostgreSQL, for a first look.
 * Builds the service, starts PostgreSQL in a fresh temporary folder, runs the compiled server
 * (which migrates on start) on PORT (default 8080), prints the URLs, and stops both on Ctrl-C.
 */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startPostgres } from './embedded-postgres.js';

const SERVICE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.PORT ?? '8080';

console.log('building example-service…');
await promisify(execFile)('npx', ['tsc', '-p', `${SERVICE_ROOT}tsconfig.json`], { cwd: SERVICE_ROOT });
console.log('starting embedded PostgreSQL…');
const postgres = await startPostgres({ durable: true });
const databaseUrl = await postgres.createDatabase('inventory');

const server = spawn(process.execPath, [`${SERVICE_ROOT}dist/server.js`], {
  env: { ...process.env, DATABASE_URL: databaseUrl, PORT: port },
  stdio: 'inherit',
});

const base = `http://localhost:${port}`;
for (let attempt = 0; attempt < 100 && server.exitCode === null; attempt += 1) {
  const ready = await fetch(`${base}/ready`).then(
    (response) => response.ok,
    () => false,
  );
  if (ready) {
    console.log(`\ninventory service ready: ${base}/api/items  (OpenAPI: ${base}/docs/openapi.json, metrics: ${base}/metrics)`);
    console.log(`PostgreSQL: ${databaseUrl}\nCtrl-C stops both.\n`);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}

let stopping = false;
async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
  await postgres.destroy();
  process.exit(exitCode);
}

// Ctrl-C reaches the server too (same process group), and it shuts down gracefully by itself.
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => {
  server.kill('SIGTERM');
  void stop(0);
});
server.on('exit', (code) => void stop(code ?? 1));
