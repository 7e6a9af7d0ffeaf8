import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, type EmbeddedCluster } from '../../example-service/scripts/embedded-postgres.js';
import { onPath } from './tools.js';

const run = promisify(execFile);

/**
 * pg_dump refuses servers of a newer major version, and Debian 12's pg_dump is 15 while embedded
 * PostgreSQL is 18: what runs pg_dump (the backup hook and its tests) runs against Debian's server
 * of pg_dump's own version, which .ci/run installs (`postgresql`).
 */
export const PG_DUMP_MAJOR = onPath('pg_dump')
  ? Number(/\(PostgreSQL\) (\d+)/.exec(execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }))?.[1])
  : undefined;
const SERVER_BIN = `/usr/lib/postgresql/${PG_DUMP_MAJOR ?? 'N'}/bin`;

/** For describeWithTools: the client tools and the server of the same version. */
export const DEBIAN_POSTGRES_TOOLS = ['pg_dump', 'pg_restore', 'psql', `${SERVER_BIN}/pg_ctl`];

export const DEBIAN_POSTGRES_USER = 'postgres';

export interface DebianPostgres extends EmbeddedCluster {
  password: string;
}

/**
 * Debian's PostgreSQL server in a fresh folder, password-authenticated (scram-sha-256) on
 * 127.0.0.1, shaped as embedded-postgres's cluster so that the stage can run on it; run as the
 * `postgres` user when the tests run as root (initdb refuses root).
 */
export async function startDebianPostgres(password = 'debian-postgres-7f3a'): Promise<DebianPostgres> {
  const folder = await mkdtemp(join(tmpdir(), 'inventory-debian-pg-'));
  await chmod(folder, 0o777);
  const asPostgres =
    process.getuid?.() === 0 ? { uid: Number(execFileSync('id', ['-u', 'postgres'])), gid: Number(execFileSync('id', ['-g', 'postgres'])) } : {};
  const data = join(folder, 'data');
  const passwordFile = join(folder, 'password');
  await writeFile(passwordFile, password, { mode: 0o644 });
  await run(`${SERVER_BIN}/initdb`, ['-D', data, '-U', DEBIAN_POSTGRES_USER, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '-E', 'UTF8'], asPostgres);
  const port = await freePort();
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await run(`${SERVER_BIN}/pg_ctl`, ['-D', data, '-w', '-l', join(folder, 'log'), '-o', options, 'start'], asPostgres);
  };
  const stop = async () => {
    await run(`${SERVER_BIN}/pg_ctl`, ['-D', data, '-m', 'fast', 'stop'], asPostgres);
  };
  await start();
  const url = (database: string) => {
    const address = new URL(`postgres://127.0.0.1:${port}/${database}`);
    address.username = DEBIAN_POSTGRES_USER;
    address.password = password;
    return address.href;
  };
  return {
    port,
    password,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    start,
    stop,
    async destroy() {
      await run(`${SERVER_BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', 'stop'], asPostgres).catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    },
  };
}
