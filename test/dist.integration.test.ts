import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './repository-root.js';

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

// GitHub runs the committed dist/, not the sources: a stale bundle ships old behaviour.
// Six minified bundles take 2–3 minutes on two idle cores, several times that on a busy machine.
it('the committed dist/ is what the sources build to', { timeout: 900_000 }, async () => {
  const fresh = await mkdtemp(join(tmpdir(), 'dist-check-'));
  await promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/build-actions.ts', '--out-dir', fresh], { cwd: REPOSITORY_ROOT });
  const committed = join(REPOSITORY_ROOT, 'dist');
  expect(await listFiles(committed)).toEqual(await listFiles(fresh));
  const stale: string[] = [];
  for (const file of await listFiles(fresh)) {
    const [built, onDisk] = await Promise.all([readFile(join(fresh, file)), readFile(join(committed, file))]);
    if (!built.equals(onDisk)) stale.push(file);
  }
  expect(stale, 'dist/ is stale: run `npm run build` and commit dist/').toEqual([]);
});
