import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const lines = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `export const ${prefix}${index + 1} = ${index + 1};`);

/**
 * The change the tests judge, written out by hand so the expected figures do not come from
 * the code under test. Line numbers are those of the new files.
 */
export const CHANGE = {
  // Lines 3 and 4 modified, two lines inserted after line 7 (new 8 and 9), the last line deleted.
  'src/stock.ts': { changedLines: [3, 4, 8, 9], uncoveredInReport: [4, 8, 9], coverableInReport: range(1, 11) },
  // Renamed from src/old-name.ts; line 5 modified and line 13 appended.
  'src/new-name.ts': { changedLines: [5, 13], uncoveredInReport: [13], coverableInReport: range(1, 13) },
  // New; line 4 is blank and line 7 a closing brace the report does not list.
  'src/orders.ts': { changedLines: [1, 2, 3, 5, 6, 7], uncoveredInReport: [5, 6], coverableInReport: [1, 2, 3, 5, 6] },
  // New source file in no report: every changed line counts as uncovered.
  'src/untested.ts': { changedLines: [1, 2, 3], uncoveredInReport: undefined, coverableInReport: undefined },
  // New, not source files: no report should have seen them.
  'docs/notes.md': { changedLines: [1, 2], uncoveredInReport: undefined, coverableInReport: undefined },
  'src/stock.test.ts': { changedLines: [1], uncoveredInReport: undefined, coverableInReport: undefined },
} as const;

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** Independently computed figures of CHANGE against the lcov of lcovForChange(). */
export function expectedChangedLines(): { coverable: number; covered: number; uncovered: Record<string, number[]> } {
  let coverable = 0;
  let covered = 0;
  const uncovered: Record<string, number[]> = {};
  for (const [path, file] of Object.entries(CHANGE)) {
    const isSource = path.startsWith('src/') && !path.includes('.test.');
    if (!isSource) continue;
    const counted = file.coverableInReport
      ? file.changedLines.filter((line) => (file.coverableInReport as readonly number[]).includes(line))
      : [...file.changedLines];
    const missed = file.uncoveredInReport ? counted.filter((line) => (file.uncoveredInReport as readonly number[]).includes(line)) : counted;
    coverable += counted.length;
    covered += counted.length - missed.length;
    uncovered[path] = missed;
  }
  return { coverable, covered, uncovered };
}

/** An lcov report of the changed tree, written on another machine (absolute paths under another root). */
export function lcovForChange(root = '/home/runner/work/elsewhere/checkout'): string {
  const records: string[] = [];
  for (const [path, file] of Object.entries(CHANGE)) {
    if (!file.coverableInReport) continue;
    records.push(`SF:${root}/${path}`);
    for (const line of file.coverableInReport) records.push(`DA:${line},${(file.uncoveredInReport as readonly number[]).includes(line) ? 0 : 3}`);
    records.push(`BRDA:1,0,0,1`, `BRDA:1,0,1,0`, 'end_of_record');
  }
  return `TN:\n${records.join('\n')}\n`;
}

export const LCOV_TOTALS = { linesFound: 11 + 13 + 5, linesHit: 11 - 3 + 13 - 1 + 5 - 2, branchesFound: 6, branchesHit: 3 };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}

async function write(root: string, path: string, content: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}

/** A git repository in a temp folder: a base commit, then the commit of CHANGE on top. */
export async function makeRepository(): Promise<{ dir: string; baseSha: string; headSha: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'quality-gate-repo-'));
  git(dir, 'init', '--quiet', '--initial-branch=main');
  const stock = lines('stock', 10);
  const oldName = lines('renamed', 12);
  await write(dir, 'src/stock.ts', `${stock.join('\n')}\n`);
  await write(dir, 'src/old-name.ts', `${oldName.join('\n')}\n`);
  await write(dir, 'src/legacy.ts', `${lines('legacy', 5).join('\n')}\n`);
  await write(dir, 'README.md', '# sample\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');

  const newStock = [
    ...stock.slice(0, 2),
    'export const stock3 = 30;',
    'export const stock4 = 40;',
    ...stock.slice(4, 7),
    'export const added1 = 1;',
    'export const added2 = 2;',
    ...stock.slice(7, 9),
  ];
  await write(dir, 'src/stock.ts', `${newStock.join('\n')}\n`);
  git(dir, 'mv', 'src/old-name.ts', 'src/new-name.ts');
  const renamed = [...oldName.slice(0, 4), 'export const renamed5 = 50;', ...oldName.slice(5), 'export const renamed13 = 13;'];
  await write(dir, 'src/new-name.ts', `${renamed.join('\n')}\n`);
  await rm(join(dir, 'src/legacy.ts'));
  await write(
    dir,
    'src/orders.ts',
    'export function order(id: string) {\n  const key = id.trim();\n  if (key === "") {\n\n    throw new Error("empty");\n    return key;\n}\n',
  );
  await write(dir, 'src/untested.ts', 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n');
  await write(dir, 'docs/notes.md', '# Notes\nSome text.\n');
  await write(dir, 'src/stock.test.ts', 'import "./stock";\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'change');
  return { dir, baseSha, headSha: git(dir, 'rev-parse', 'HEAD') };
}

/** The inputs that name files or folders: a value of a sane shape is looked for in the workspace. */
export const PATH_INPUTS = [
  'coverage-files',
  'test-results',
  'lint-results',
  'security-report',
  'base-coverage-file',
  'policy-file',
  'working-directory',
] as const;
