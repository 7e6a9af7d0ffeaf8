// Bundles every action with ncc into dist/<name>/: a minified index.js with its source map, the
// chunks it loads on demand (each with its map), licenses.txt, and build-manifest.json recording what
// the bundle was built from (scripts/dist-manifest.ts).
// Usage: tsx scripts/build-actions.ts [--out-dir <dir>] [bundle ...]   (default: dist, every bundle)
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { BUNDLE_NAMES, modulesOfStats, writeManifest, type WebpackStats } from './dist-manifest.js';

const run = promisify(execFile);

/**
 * Files a bundled module loads at run time from its own folder, which ncc cannot see: libpg-query's
 * Emscripten loader reads libpg-query.wasm beside the code. Copied into each bundle that names it.
 */
const RUNTIME_FILES = ['node_modules/libpg-query/wasm/libpg-query.wasm'];

const { values, positionals: requested } = parseArgs({
  options: { 'out-dir': { type: 'string', default: 'dist' } },
  allowPositionals: true,
});
const outDir = values['out-dir'];
for (const name of requested) {
  if (!BUNDLE_NAMES.includes(name)) throw new Error(`Unknown bundle "${name}"; bundles are ${BUNDLE_NAMES.join(', ')}`);
}

async function bundle(name: string): Promise<void> {
  const target = join(outDir, name);
  await rm(target, { recursive: true, force: true });
  const started = Date.now();
  // webpack's stats name every module the build read; the manifest records them (15 MB: not kept).
  const statsFolder = await mkdtemp(join(tmpdir(), `ncc-stats-${name}-`));
  const stats = join(statsFolder, 'stats.json');
  try {
    await compile(name, target, stats);
    const chunks = (await readdir(target)).filter((file) => file.endsWith('.js'));
    const code = (await Promise.all(chunks.map((chunk) => readFile(join(target, chunk), 'utf8')))).join('\n');
    const copied = RUNTIME_FILES.filter((file) => code.includes(basename(file)));
    for (const file of copied) await copyFile(file, join(target, basename(file)));
    const modules = modulesOfStats(JSON.parse(await readFile(stats, 'utf8')) as WebpackStats, process.cwd());
    await writeManifest(process.cwd(), target, [...modules, ...copied]);
  } finally {
    await rm(statsFolder, { recursive: true, force: true });
  }
  console.log(`built ${target}/index.js in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function compile(name: string, target: string, stats: string): Promise<void> {
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
      '--stats-out',
      stats,
    ],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}

// Two at a time: the machines this runs on have two cores.
const queue = requested.length > 0 ? requested : [...BUNDLE_NAMES];
await Promise.all(
  [0, 1].map(async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await bundle(name);
  }),
);
