import { posix } from 'node:path';

/**
 * Maps a path written in a report to the repository-relative path git uses, so reports
 * written in another folder or on another machine match the diff. In order:
 * 1. under the repository root → relative to it;
 * 2. the longest tail of the path that is a tracked file (`/home/ci/build/src/a.ts` → `src/a.ts`);
 * 3. a relative path that is the tail of exactly one tracked file (JaCoCo's `com/acme/A.java`
 *    → `src/main/java/com/acme/A.java`).
 * A path that matches nothing is returned cleaned but unmatched.
 */
export function createPathNormaliser(repoRoot: string, trackedFiles: readonly string[]) {
  const tracked = new Set(trackedFiles);
  const root = clean(repoRoot).replace(/\/+$/, '');
  let byBaseName: Map<string, string[]> | undefined;

  function tailOfOneTrackedFile(path: string): string | undefined {
    if (!byBaseName) {
      byBaseName = new Map();
      for (const file of trackedFiles) {
        const name = posix.basename(file);
        byBaseName.set(name, [...(byBaseName.get(name) ?? []), file]);
      }
    }
    const candidates = (byBaseName.get(posix.basename(path)) ?? []).filter((file) => file === path || file.endsWith(`/${path}`));
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  function normalise(rawPath: string): { path: string; tracked: boolean } {
    let path = clean(rawPath);
    if (root && path.startsWith(`${root}/`)) path = path.slice(root.length + 1);
    if (tracked.has(path)) return { path, tracked: true };
    const segments = path.split('/');
    for (let first = 1; first < segments.length; first++) {
      const tail = segments.slice(first).join('/');
      if (tracked.has(tail)) return { path: tail, tracked: true };
    }
    if (!posix.isAbsolute(path) && !/^[A-Za-z]:\//.test(path)) {
      const file = tailOfOneTrackedFile(path);
      if (file) return { path: file, tracked: true };
    }
    return { path, tracked: false };
  }

  /** Tries each source root of the report (cobertura `<source>`) before the path alone. */
  return function normaliseInReport(rawPath: string, sourceRoots: readonly string[] = []): { path: string; tracked: boolean } {
    for (const sourceRoot of sourceRoots) {
      if (posix.isAbsolute(clean(rawPath))) break;
      const joined = normalise(posix.join(clean(sourceRoot), clean(rawPath)));
      if (joined.tracked) return joined;
    }
    return normalise(rawPath);
  };
}

function clean(path: string): string {
  return posix.normalize(path.replace(/^file:\/\//, '').replace(/\\/g, '/')).replace(/^\.\//, '');
}

const TEST_FILE = [/(^|\/)(__tests__|__mocks__|tests?|spec|fixtures?)\//, /\.(test|spec)\.[^/]+$/, /(^|\/)test_[^/]*\.py$/, /_test\.(py|go)$/, /\.d\.ts$/];

/**
 * Decides whether a changed file that no coverage report mentions is a source file the
 * reports should have seen (it then counts as uncovered) or something coverage never
 * measures (docs, config, tests). It is one when all hold:
 * - its extension is one that the reports cover (`.ts` when they list `.ts` files);
 * - it is not a test, fixture or type declaration by its name;
 * - it lies in the folder the reports cover for its top-level folder: the deepest folder
 *   holding every reported file that shares its first path segment (`src/` when the
 *   reports list `src/a/x.ts` and `src/b/y.ts`); a report of root-level files covers the root.
 */
export function createSourceFileRule(reportedPaths: Iterable<string>): (path: string) => boolean {
  const extensions = new Set<string>();
  const folderByTop = new Map<string, string[]>();
  for (const path of reportedPaths) {
    extensions.add(posix.extname(path).toLowerCase());
    const folder = posix
      .dirname(path)
      .split('/')
      .filter((segment) => segment !== '.');
    const top = folder[0] ?? '';
    const known = folderByTop.get(top);
    folderByTop.set(top, known ? commonPrefix(known, folder) : folder);
  }
  return (path) => {
    if (!extensions.has(posix.extname(path).toLowerCase())) return false;
    if (TEST_FILE.some((pattern) => pattern.test(path))) return false;
    const folder = posix
      .dirname(path)
      .split('/')
      .filter((segment) => segment !== '.');
    const covered = folderByTop.get(folder[0] ?? '');
    if (!covered) return false;
    if (covered.length === 0) return folder.length === 0;
    return covered.every((segment, index) => folder[index] === segment);
  };
}

function commonPrefix(a: string[], b: string[]): string[] {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length += 1;
  return a.slice(0, length);
}
