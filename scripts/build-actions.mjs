// Bundles every action with ncc into dist/<name>/index.js (plus licenses.txt).
// Usage: node scripts/build-actions.mjs [--out-dir <dir>] [bundle ...]   (default: dist, every bundle)
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);

/** Bundle name → entry. `deploy` has no bundle of its own: actions/deploy/action.yml runs dist/k8s-deploy. */
const BUNDLES = {
  'quality-gate': 'actions/quality-gate/src/index.ts',
  'security-scan': 'actions/security-scan/src/index.ts',
  'k8s-deploy': 'actions/k8s-deploy/src/index.ts',
  'canary-analyze': 'actions/canary-analyze/src/index.ts',
  rollback: 'actions/rollback/src/index.ts',
  suite: 'actions/suite/src/index.ts',
};

const { values, positionals: requested } = parseArgs({
  options: { 'out-dir': { type: 'string', default: 'dist' } },
  allowPositionals: true,
});
const outDir = values['out-dir'];
for (const name of requested) {
  if (!(name in BUNDLES)) throw new Error(`Unknown bundle "${name}"; bundles are ${Object.keys(BUNDLES).join(', ')}`);
}

async function bundle(name) {
  const target = join(outDir, name);
  await rm(target, { recursive: true, force: true });
  const started = Date.now();
  await run('npx', ['ncc', 'build', BUNDLES[name], '-o', target, '--license', 'licenses.txt', '--quiet'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  console.log(`built ${target}/index.js in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Two at a time: the machines this runs on have two cores.
const queue = requested.length > 0 ? requested : Object.keys(BUNDLES);
await Promise.all(
  [0, 1].map(async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await bundle(name);
  }),
);
