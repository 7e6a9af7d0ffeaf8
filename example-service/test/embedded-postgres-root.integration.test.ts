import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../../test/repository-root.js';

const run = promisify(execFile);

/** What the command printed and how it ended; a command still running after `timeoutMs` is killed (the two-minute hang this guards against). */
async function outcome(command: string, args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | string; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, PORT: '0' } });
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
    if (closed) await rm(closed, { recursive: true, force: true });
  });

  const expectedLine = () => `the "postgres" user, who cannot enter ${closed} (mode 700)`;

  it('startPostgres fails at once with one line saying which folder and what to do', async () => {
    const script = "const { startPostgres } = await import('./example-service/scripts/embedded-postgres.ts'); await startPostgres();";
    const { code, output } = await outcome(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], clone, 30_000);
    expect(code).toBe(1);
    const line = output.split('\n').find((text) => text.includes(expectedLine()));
    expect(line).toContain(`chmod o+x ${closed}`);
    expect(line).toContain('Clone the repository under a folder others may enter');
  });

  it('npm run service fails the same way instead of hanging', async () => {
    const { code, output } = await outcome('npm', ['run', 'service'], clone, 90_000);
    expect(code).toBe(1);
    expect(output).toContain(expectedLine());
  });
});
