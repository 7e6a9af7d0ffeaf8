import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_NAMES, MANIFEST_FILE, modulesOfStats, staleness, writeManifest } from '../scripts/dist-manifest.js';
import { REPOSITORY_ROOT } from './repository-root.js';

// GitHub runs the committed dist/, not the sources: a stale bundle ships old behaviour. Each bundle's
// build manifest records the hashes of what it was built from and of what the build wrote, so this
// check takes a second; `npx tsx scripts/check-dist.ts` (and check-dist.yml on GitHub) rebuilds and compares.
describe('the committed dist/', () => {
  it('has one folder per bundle', async () => {
    expect((await readdir(join(REPOSITORY_ROOT, 'dist'))).sort()).toEqual([...BUNDLE_NAMES].sort());
  });

  it.each(BUNDLE_NAMES)('dist/%s is what the sources build to', async (name) => {
    expect(await staleness(REPOSITORY_ROOT, join(REPOSITORY_ROOT, 'dist', name)), 'dist/ is stale: run `npm run build` and commit dist/').toEqual([]);
  });
});

describe('staleness: a bundle is stale when what it was built from, or what the build wrote, changed', () => {
  let root: string;
  const bundle = () => join(root, 'dist', 'web');
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'dist-manifest-'));
    await write('package.json', '{"type":"module"}');
    await write('package-lock.json', '{"packages":{"node_modules/yaml":{"version":"2.9.1"}}}');
    await write('tsconfig.json', '{}');
    await write('scripts/build-actions.ts', '// ncc build');
    await write('actions/web/src/index.ts', "import { greet } from './greet.js';\ngreet();\n");
    await write('actions/web/src/greet.ts', "export const greet = () => console.log('hello');\n");
    await write('node_modules/yaml/dist/index.js', 'module.exports = {};\n');
    await write('dist/web/index.js', 'console.log("hello")');
    await write('dist/web/index.js.map', '{"version":3}');
    await writeManifest(root, bundle(), ['actions/web/src/index.ts', 'actions/web/src/greet.ts', 'node_modules/yaml/dist/index.js']);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it.each<[string, () => Promise<void>, string[]]>([
    ['nothing changed', async () => {}, []],
    [
      'a source file edited',
      () => write('actions/web/src/greet.ts', "export const greet = () => console.log('bye');\n"),
      ['input actions/web/src/greet.ts changed'],
    ],
    [
      'a new file imported by a source',
      async () => {
        await write('actions/web/src/farewell.ts', 'export const farewell = () => {};\n');
        await write('actions/web/src/index.ts', "import { greet } from './greet.js';\nimport { farewell } from './farewell.js';\ngreet();\nfarewell();\n");
      },
      ['input actions/web/src/index.ts changed'],
    ],
    ['a source file removed', () => rm(join(root, 'actions/web/src/greet.ts')), ['input actions/web/src/greet.ts is gone']],
    [
      'a dependency version changed in the lockfile',
      () => write('package-lock.json', '{"packages":{"node_modules/yaml":{"version":"2.9.2"}}}'),
      ['input package-lock.json changed'],
    ],
    [
      'a bundled dependency file changed',
      () => write('node_modules/yaml/dist/index.js', 'module.exports = { patched: true };\n'),
      ['input node_modules/yaml/dist/index.js changed'],
    ],
    ['the build script changed', () => write('scripts/build-actions.ts', '// ncc build --minify'), ['input scripts/build-actions.ts changed']],
    ['a bundle file edited by hand', () => write('dist/web/index.js', 'console.log("hello, edited")'), ['output index.js is not what the build wrote']],
    ['a bundle file removed', () => rm(join(bundle(), 'index.js.map')), ['output index.js.map is missing']],
    ['a file added to the bundle', () => write('dist/web/extra.js', ''), ['output extra.js was not written by the build']],
  ])('%s', async (_case, change, reasons) => {
    await change();
    expect(await staleness(root, bundle())).toEqual(reasons);
  });

  it('a bundle without a manifest is stale', async () => {
    await rm(join(bundle(), MANIFEST_FILE));
    expect(await staleness(root, bundle())).toEqual([expect.stringMatching(new RegExp(`^${MANIFEST_FILE} cannot be read`))]);
  });

  it('the build refuses to record an input that is not there', async () => {
    await expect(writeManifest(root, bundle(), ['actions/web/src/missing.ts'])).rejects.toThrow('actions/web/src/missing.ts not found');
  });
});

describe('modulesOfStats', () => {
  it('lists every file webpack read, concatenated modules and JSON included, and neither externals nor its runtime', () => {
    const stats = {
      modules: [
        {
          nameForCondition: '/repo/actions/web/src/index.ts',
          modules: [{ nameForCondition: '/repo/actions/lib/errors.ts' }, { nameForCondition: '/repo/actions/web/src/rules.json' }],
        },
        { nameForCondition: '/repo/node_modules/yaml/dist/index.js' },
        { name: 'external "node:fs"' },
        { name: 'webpack/runtime/define property getters', nameForCondition: null },
        { nameForCondition: '/repo/actions/lib/errors.ts' },
      ],
    };
    expect(modulesOfStats(stats, '/repo')).toEqual([
      'actions/lib/errors.ts',
      'actions/web/src/index.ts',
      'actions/web/src/rules.json',
      'node_modules/yaml/dist/index.js',
    ]);
  });

  it('refuses a module outside the repository, which the manifest could not name', () => {
    expect(() => modulesOfStats({ modules: [{ nameForCondition: '/elsewhere/node_modules/yaml/index.js' }] }, '/repo')).toThrow('outside the repository /repo');
  });
});
