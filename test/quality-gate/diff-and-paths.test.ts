import { describe, expect, it } from 'vitest';
import { changedLinesCoverage, uncoveredRanges } from '../../actions/quality-gate/src/changed-lines.js';
import { fileFromLines, mergeFiles } from '../../actions/quality-gate/src/coverage.js';
import { parseUnifiedDiff } from '../../actions/quality-gate/src/diff.js';
import { createPathNormaliser, createSourceFileRule } from '../../actions/quality-gate/src/paths.js';

describe('the unified diff parser', () => {
  it('tells a "+++" content line from a file header, and reads quoted paths', () => {
    const diff = [
      'diff --git "a/caf\\303\\251.ts" "b/caf\\303\\251.ts"',
      '--- "a/caf\\303\\251.ts"',
      '+++ "b/caf\\303\\251.ts"',
      '@@ -1,0 +2,2 @@',
      '+++counter;',
      '+   ',
      '@@ -9 +11 @@ context',
      '-old',
      '+new',
    ].join('\n');
    expect(parseUnifiedDiff(diff)).toEqual([{ path: 'café.ts', addedLines: [2, 11] }]);
  });

  it('skips binary files and pure deletions', () => {
    const diff = [
      'diff --git a/logo.png b/logo.png',
      'Binary files a/logo.png and b/logo.png differ',
      'diff --git a/gone.ts b/gone.ts',
      'deleted file mode 100644',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-a',
      '-b',
    ].join('\n');
    expect(parseUnifiedDiff(diff)).toEqual([]);
  });
});

describe('path normalisation against the tracked files', () => {
  const tracked = ['src/a.ts', 'src/lib/b.ts', 'service/pricing/rules.py', 'src/main/java/com/acme/Stock.java', 'x/util.ts', 'y/util.ts'];
  const normalise = createPathNormaliser('/work/repo', tracked);

  it.each([
    ['/work/repo/src/a.ts', 'src/a.ts'],
    ['./src/a.ts', 'src/a.ts'],
    ['/home/runner/work/other/checkout/src/lib/b.ts', 'src/lib/b.ts'],
    ['C:\\agent\\_work\\1\\s\\src\\lib\\b.ts', 'src/lib/b.ts'],
    ['file:///builds/x/src/a.ts', 'src/a.ts'],
    ['com/acme/Stock.java', 'src/main/java/com/acme/Stock.java'],
  ])('%s → %s', (raw, expected) => {
    expect(normalise(raw)).toEqual({ path: expected, tracked: true });
  });

  it('joins a cobertura source root before matching', () => {
    expect(normalise('pricing/rules.py', ['/home/runner/work/inventory/inventory/service'])).toEqual({ path: 'service/pricing/rules.py', tracked: true });
  });

  it('tries the working directory for relative paths (a package of a monorepo)', () => {
    const monorepo = createPathNormaliser('/work/repo', ['packages/a/src/index.ts', 'packages/b/src/index.ts']);
    expect(monorepo('src/index.ts', ['/work/repo/packages/b'])).toEqual({ path: 'packages/b/src/index.ts', tracked: true });
    expect(monorepo('src/index.ts')).toEqual({ path: 'src/index.ts', tracked: false });
  });

  it('leaves ambiguous and unknown paths unmatched', () => {
    expect(normalise('util.ts')).toEqual({ path: 'util.ts', tracked: false });
    expect(normalise('/elsewhere/nothing.ts')).toEqual({ path: '/elsewhere/nothing.ts', tracked: false });
  });
});

describe('source files the reports should have seen', () => {
  const isSource = createSourceFileRule(['src/a/x.ts', 'src/b/y.ts', 'lib/z.js']);

  it.each([
    ['src/c/new.ts', true],
    ['src/new.ts', true],
    ['lib/deep/new.js', true],
    ['src/new.py', false],
    ['scripts/tool.ts', false],
    ['src/a/x.test.ts', false],
    ['src/__tests__/x.ts', false],
    ['src/types.d.ts', false],
    ['README.md', false],
  ])('%s → %s', (path, expected) => {
    expect(isSource(path)).toBe(expected);
  });

  it('a report of root-level files covers the root only', () => {
    const rootOnly = createSourceFileRule(['main.py']);
    expect([rootOnly('other.py'), rootOnly('pkg/other.py')]).toEqual([true, false]);
  });
});

describe('changed-lines coverage', () => {
  it('counts changed lines the report lists as coverable, and every changed line of an unreported source file', () => {
    const coverage = new Map([
      [
        'src/a.ts',
        fileFromLines(
          'src/a.ts',
          new Map([
            [1, 1],
            [2, 0],
            [4, 0],
            [9, 2],
          ]),
          0,
          0,
        ),
      ],
    ]);
    const result = changedLinesCoverage(
      [
        { path: 'src/a.ts', addedLines: [1, 2, 3, 4, 5] },
        { path: 'src/new.ts', addedLines: [1, 2] },
        { path: 'README.md', addedLines: [1] },
      ],
      coverage,
      (path) => path.endsWith('.ts'),
    );
    expect(result).toMatchObject({ coverable: 5, covered: 1 });
    expect(result.files.map((file) => [file.path, file.uncoveredLines, file.source])).toEqual([
      ['src/a.ts', [2, 4], 'measured'],
      ['src/new.ts', [1, 2], 'unreported'],
    ]);
    // Line 3 is not coverable, so 2 and 4 form one range.
    expect(uncoveredRanges(result.files[0]!, coverage.get('src/a.ts'))).toEqual([{ start: 2, end: 4 }]);
  });
});

describe('merging reports that name the same file', () => {
  it('adds line hits up without changing the reports', () => {
    const first = fileFromLines(
      'src/a.ts',
      new Map([
        [1, 1],
        [2, 0],
      ]),
      2,
      1,
    );
    const second = fileFromLines(
      'src/a.ts',
      new Map([
        [2, 3],
        [3, 0],
      ]),
      2,
      2,
    );
    const merged = mergeFiles([first, second]).get('src/a.ts');
    expect(merged).toMatchObject({ linesFound: 3, linesHit: 2, branchesFound: 2, branchesHit: 2 });
    expect([...(merged?.lines ?? [])]).toEqual([
      [1, 1],
      [2, 3],
      [3, 0],
    ]);
    expect(first.lines?.get(2)).toBe(0);
  });
});
