// What built each bundle: dist/<name>/build-manifest.json records the hash of every file the bundle was
// built from and of every file the build wrote, so that a test can tell a stale dist/ in a second
// instead of rebuilding every bundle (minutes). scripts/check-dist.ts still rebuilds and compares.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { BUNDLES } from '../actions/suite/src/actions.js';

/** The folders of dist/: one per action, and the suite (the root action.yml), which loads the others' code on demand. */
export const BUNDLE_NAMES = [...Object.keys(BUNDLES), 'suite'];

export const MANIFEST_FILE = 'build-manifest.json';

/**
 * Files that shape every bundle besides the modules it contains: the dependency versions, the
 * `sideEffects` and `type` fields webpack reads from package.json, the compiler options ts-loader
 * reads, and the build script with ncc's flags. Type-only imports are not inputs: with
 * `isolatedModules` (tsconfig.json) each file compiles to the same code whatever its imports declare.
 */
export const SHARED_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build-actions.ts'];

export interface Manifest {
  /** Repository-relative path → sha256 of each file the bundle was built from. */
  inputs: Record<string, string>;
  /** Path within the bundle's folder → sha256 of each file the build wrote there. */
  outputs: Record<string, string>;
}

/** The part of webpack's stats (`ncc build --stats-out`) that names the modules a build read. */
export interface WebpackStats {
  modules?: WebpackStatsModule[];
}

interface WebpackStatsModule {
  /** The module's file, without loaders; null for webpack's runtime, absent for externals (Node built-ins). */
  nameForCondition?: string | null;
  /** The modules webpack concatenated into this one. */
  modules?: WebpackStatsModule[];
}

/**
 * Every file webpack read as a module, JSON included, as repository-relative paths: also modules that
 * tree shaking left out, since a change to them can change what is left out. (A source map lists only
 * the modules that produced code, and no JSON.)
 */
export function modulesOfStats(stats: WebpackStats, root: string): string[] {
  const files = new Set<string>();
  const visit = (modules: readonly WebpackStatsModule[]): void => {
    for (const module of modules) {
      if (typeof module.nameForCondition === 'string' && isAbsolute(module.nameForCondition)) {
        const path = relative(root, module.nameForCondition);
        if (path.startsWith('..') || isAbsolute(path)) throw new Error(`The bundle reads ${module.nameForCondition}, outside the repository ${root}`);
        files.add(path.split(sep).join('/'));
      }
      visit(module.modules ?? []);
    }
  };
  visit(stats.modules ?? []);
  return [...files].sort();
}

async function sha256(path: string): Promise<string | undefined> {
  try {
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function hashes(folder: string, paths: readonly string[]): Promise<Record<string, string | undefined>> {
  const sorted = [...paths].sort();
  const values = await Promise.all(sorted.map((path) => sha256(join(folder, path))));
  return Object.fromEntries(sorted.map((path, index) => [path, values[index]]));
}

async function outputFiles(bundleFolder: string): Promise<string[]> {
  const entries = await readdir(bundleFolder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(bundleFolder, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => path !== MANIFEST_FILE)
    .sort();
}

/** Records the bundle just built into `bundleFolder` from `modules` (and the shared inputs) beside it. */
export async function writeManifest(root: string, bundleFolder: string, modules: readonly string[]): Promise<void> {
  const inputs = await hashes(root, [...new Set([...SHARED_INPUTS, ...modules])]);
  const missing = Object.keys(inputs).filter((path) => inputs[path] === undefined);
  if (missing.length > 0) throw new Error(`Cannot record the inputs of ${bundleFolder}: ${missing.join(', ')} not found`);
  const manifest = { inputs, outputs: await hashes(bundleFolder, await outputFiles(bundleFolder)) };
  await writeFile(join(bundleFolder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Why the bundle in `bundleFolder` may not be what the tree at `root` builds to: each input whose
 * content changed or that is gone, and each output that differs from what the build wrote. Empty when
 * the bundle is current.
 */
export async function staleness(root: string, bundleFolder: string): Promise<string[]> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(bundleFolder, MANIFEST_FILE), 'utf8')) as Manifest;
  } catch (error) {
    return [`${MANIFEST_FILE} cannot be read (${(error as Error).message})`];
  }
  const reasons: string[] = [];
  const missingShared = SHARED_INPUTS.filter((path) => !(path in manifest.inputs));
  if (missingShared.length > 0) reasons.push(`${MANIFEST_FILE} does not record ${missingShared.join(', ')}`);
  const inputs = await hashes(root, Object.keys(manifest.inputs));
  for (const [path, hash] of Object.entries(manifest.inputs)) {
    if (inputs[path] === undefined) reasons.push(`input ${path} is gone`);
    else if (inputs[path] !== hash) reasons.push(`input ${path} changed`);
  }
  const present = await outputFiles(bundleFolder);
  const outputs = await hashes(bundleFolder, present);
  for (const [path, hash] of Object.entries(manifest.outputs)) {
    if (outputs[path] === undefined) reasons.push(`output ${path} is missing`);
    else if (outputs[path] !== hash) reasons.push(`output ${path} is not what the build wrote`);
  }
  for (const path of present) if (!(path in manifest.outputs)) reasons.push(`output ${path} was not written by the build`);
  return reasons;
}
