// The full check of dist/: rebuilds every bundle into a temporary folder and compares it, file by file
// and byte by byte, with the committed dist/ (build manifests included). Minutes on two cores; the
// test suite checks the manifests instead (test/dist.test.ts), and GitHub runs this comparison on
// every pull request (.github/workflows/check-dist.yml).
// Usage: tsx scripts/check-dist.ts
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

const fresh = await mkdtemp(join(tmpdir(), 'dist-check-'));
try {
  await promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/build-actions.ts', '--out-dir', fresh], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const [built, committed] = await Promise.all([listFiles(fresh), listFiles('dist')]);
  const files = [...new Set([...built, ...committed])].sort();
  const stale: string[] = [];
  for (const file of files) {
    const [ours, theirs] = await Promise.all([readFile(join(fresh, file)).catch(() => undefined), readFile(join('dist', file)).catch(() => undefined)]);
    if (!ours) stale.push(`${file}: not built from the sources`);
    else if (!theirs) stale.push(`${file}: built but not committed`);
    else if (!ours.equals(theirs)) stale.push(`${file}: differs from the build`);
  }
  if (stale.length > 0) {
    console.error(`dist/ is stale: run \`npm run build\` and commit dist/.\n${stale.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`dist/ is what the sources build to (${built.length} files).`);
  }
} finally {
  await rm(fresh, { recursive: true, force: true });
}
