// Bundles every action with ncc into dist/<name>/: a minified index.js with its source map, the
// chunks it loads on demand (each with its map) and licenses.txt.
// Usage: tsx scripts/build-actions.ts [--out-dir <dir>] [bundle ...]   (default: dist, every bundle)
import { execFile } from 'node:child_process';
import { copyFile, readdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { BUNDLES } from '../actions/suite/src/actions.js';

const run = promisify(execFile);

/**
 * Files a bundled module loads at run time from its own folder, which ncc cannot see: libpg-query's
 * Emscripten loader reads libpg-query.wasm beside the code. Copied into each bundle that names it.
 */
const RUNTIME_FILES = ['node_modules/libpg-query/wasm/libpg-query.wasm'];

/** The suite (the root action.yml) is a bundle too: it loads the others' code on demand. */
const bundleNames = [...Object.keys(BUNDLES), 'suite'];

const { values, positionals: requested } = parseArgs({
  options: { 'out-dir': { type: 'string', default: 'dist' } },
  allowPositionals: true,
});
const outDir = values['out-dir'];
for (const name of requested) {
  if (!bundleNames.includes(name)) throw new Error(`Unknown bundle "${name}"; bundles are ${bundleNames.join(', ')}`);
}

async function bundle(name: string): Promise<void> {
  const target = join(outDir, name);
  await rm(target, { recursive: true, force: true });
  const started = Date.now();
  // The maps let a bug's stack trace (logged by runAction) name the TypeScript sources rather than
  // minified columns; runAction installs source-map-support only then, not at every start.
  await run(
    'npx',
    [
      'ncc',
      'build',
      `actions/${name}/src/index.ts`,
      '-o',
      target,
      '--minify',
      '--source-map',
      '--no-source-map-register',
      '--license',
      'licenses.txt',
      '--quiet',
    ],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const chunks = (await readdir(target)).filter((file) => file.endsWith('.js'));
  const code = (await Promise.all(chunks.map((chunk) => readFile(join(target, chunk), 'utf8')))).join('\n');
  for (const file of RUNTIME_FILES) {
    const name = basename(file);
    if (code.includes(name)) await copyFile(file, join(target, name));
  }
  console.log(`built ${target}/index.js in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Two at a time: the machines this runs on have two cores.
const queue = requested.length > 0 ? requested : [...bundleNames];
await Promise.all(
  [0, 1].map(async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await bundle(name);
  }),
);
