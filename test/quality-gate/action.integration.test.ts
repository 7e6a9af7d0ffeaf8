import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { escapeMarkdown } from '../../actions/lib/markdown.js';
import { startGitHubStandIn } from '../harness/github-stand-in.js';
import { CHANGE, expectedChangedLines, LCOV_TOTALS, lcovForChange, makeRepository } from './helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const MARKER = '<!-- inventory-devops:quality-gate -->';
const TOKEN = 'ghs_standInToken0123456789';

const errors = (run: ActionRun) => run.annotations.filter((annotation) => annotation.level === 'error');
const warnings = (run: ActionRun) => run.annotations.filter((annotation) => annotation.level === 'warning');
const percent = (hit: number, found: number) => Math.round((hit / found) * 10_000) / 100;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function repositoryWithReports() {
  const repository = await makeRepository();
  await writeFile(join(repository.dir, 'lcov.info'), lcovForChange());
  for (const name of ['vitest.junit.xml', 'eslint.json', 'security-report.json']) {
    await writeFile(join(repository.dir, name), await readFile(join(FIXTURES, name)));
  }
  return repository;
}

async function standIn(options: Parameters<typeof startGitHubStandIn>[0] = {}) {
  const github = await startGitHubStandIn(options);
  cleanups.push(github.close);
  return github;
}

function pullRequestEvent(baseSha: string, headSha: string) {
  return { name: 'pull_request', payload: { pull_request: { number: 7, base: { sha: baseSha }, head: { sha: headSha } } } };
}

describe('quality-gate on a pull request', () => {
  it('measures changed lines against the base commit of the event, fails on the conditions that fail, and says so', async () => {
    const { dir, baseSha, headSha } = await repositoryWithReports();
    // Lint problems on lines this change did not touch count, but get no annotation.
    const untouched = [
      { filePath: join(dir, 'src/stock.ts'), messages: [{ ruleId: 'prefer-const', severity: 2, message: 'Use const.', line: 1, column: 1 }] },
      { filePath: join(dir, 'src/legacy.ts'), messages: [{ ruleId: 'no-var', severity: 1, message: 'Unexpected var.', line: 2, column: 1 }] },
    ];
    await writeFile(join(dir, 'eslint-untouched.json'), JSON.stringify(untouched));
    const github = await standIn();
    const run = await runBundle({
      action: 'actions/quality-gate',
      workspace: dir,
      event: pullRequestEvent(baseSha, headSha),
      githubToken: TOKEN,
      env: { GITHUB_API_URL: github.url },
      inputs: { 'coverage-files': 'lcov.info', 'test-results': '*.junit.xml', 'lint-results': 'eslint*.json', 'min-changed-lines': '10', 'min-coverage': '70' },
    });

    const expected = expectedChangedLines();
    expect(expected).toMatchObject({ coverable: 14, covered: 5 });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      passed: 'false',
      coverage: String(percent(LCOV_TOTALS.linesHit, LCOV_TOTALS.linesFound)),
      'branch-coverage': String(percent(LCOV_TOTALS.branchesHit, LCOV_TOTALS.branchesFound)),
      'changed-lines-coverage': String(percent(expected.covered, expected.coverable)),
      'changed-lines': String(expected.coverable),
      'failed-tests': '1',
      'lint-errors': '2',
    });

    const report = JSON.parse(await readFile(run.outputs.report ?? '', 'utf8')) as {
      passed: boolean;
      conditions: Array<{ name: string; status: string; value?: number; threshold: number }>;
      changedLines: { files: Array<{ path: string; uncoveredLines: number[] }> };
    };
    expect(run.outputs.report?.startsWith(run.runnerTemp)).toBe(true);
    expect(report.conditions.map((condition) => [condition.name, condition.status])).toEqual([
      ['min-coverage', 'pass'],
      ['min-changed-lines-coverage', 'fail'],
      ['max-failed-tests', 'fail'],
      ['max-lint-errors', 'fail'],
    ]);
    expect(Object.fromEntries(report.changedLines.files.map((file) => [file.path, file.uncoveredLines]))).toEqual(expected.uncovered);

    // One error for the step's failure naming the failed conditions, one per failed test at its file and line.
    const failure = errors(run).find((annotation) => annotation.message.startsWith('quality-gate: 3 conditions failed'));
    expect(failure?.message).toContain(`changed lines coverage ${percent(expected.covered, expected.coverable)}% (≥ 80% required)`);
    expect(errors(run).find((annotation) => annotation.properties.title?.startsWith('Test failed'))?.properties).toMatchObject({
      file: 'test/math.test.ts',
      line: '18',
    });

    // Lint problems on changed lines at their file and line, the others only counted.
    const lint = run.annotations.filter((annotation) => annotation.properties.title?.startsWith('Lint'));
    expect(lint.map((annotation) => [annotation.level, annotation.properties.title, annotation.properties.file, annotation.properties.line])).toEqual([
      ['warning', 'Lint warning: eqeqeq', 'src/stock.ts', '9'],
      ['error', 'Lint error: no-unused-vars', 'src/stock.ts', '3'],
    ]);
    expect(run.summary).toContain('Lint problems on changed lines');

    // Uncovered changed line ranges as warnings on the new paths.
    const ranges = warnings(run)
      .filter((annotation) => annotation.properties.title === 'Changed lines not covered')
      .map((annotation) => [annotation.properties.file, annotation.properties.line, annotation.properties.endLine]);
    expect(ranges).toEqual([
      ['src/new-name.ts', '13', '13'],
      ['src/orders.ts', '5', '6'],
      ['src/stock.ts', '4', '4'],
      ['src/stock.ts', '8', '9'],
      ['src/untested.ts', '1', '3'],
    ]);

    expect(run.summary).toContain('❌ Quality gate failed');
    expect(run.summary).toMatch(/\| Changed lines coverage \(`min-changed-lines-coverage`\) \| 35\.71% \| ≥ 80% \| ❌ \|/);
    expect(run.summary).toContain('Files with the most uncovered changed lines');
    expect(run.summary).toContain('`src/untested.ts` (in no coverage report)');
    expect(run.summary).toContain("expected 'positive' to be 'negative'");
    expect(run.everythingWritten).not.toContain(TOKEN);
    expect(Object.keys(CHANGE)).not.toContain('src/legacy.ts');
  });

  it('keeps one PR comment: created once, then found on page 2 and edited, never added again', async () => {
    const { dir, baseSha, headSha } = await repositoryWithReports();
    const others = Array.from({ length: 150 }, (_, index) => ({ id: index + 1, body: `comment ${index + 1}` }));
    const github = await standIn({ comments: others });
    const options = {
      action: 'actions/quality-gate',
      workspace: dir,
      event: pullRequestEvent(baseSha, headSha),
      githubToken: TOKEN,
      env: { GITHUB_API_URL: github.url },
      inputs: { 'coverage-files': 'lcov.info', 'min-changed-lines-coverage': '30', 'min-changed-lines': '10' },
    };

    const first = await runBundle(options);
    expect(first.exitCode).toBe(0);
    expect(github.comments).toHaveLength(151);
    const created = github.comments[150];
    expect(created?.body.startsWith(MARKER)).toBe(true);
    expect(created?.body).toContain('✅ Quality gate passed');

    github.requests.length = 0;
    const second = await runBundle(options);
    expect(second.exitCode).toBe(0);
    expect(github.comments).toHaveLength(151);
    expect(github.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /repos/acme/inventory/issues/7/comments?per_page=100',
      'GET /repos/acme/inventory/issues/7/comments?per_page=100&page=2',
      'POST /graphql',
      `PATCH /repos/acme/inventory/issues/comments/${created?.id}`,
    ]);
    expect(github.requests[0]?.authorization).toBe(`token ${TOKEN}`);
    expect(second.stdout).toContain('PR comment updated');
  });

  it('with a read-only token (a fork): a warning, no failure; the gate, summary and annotations still work', async () => {
    const { dir, baseSha, headSha } = await repositoryWithReports();
    const github = await standIn({ readOnly: true });
    const run = await runBundle({
      action: 'actions/quality-gate',
      workspace: dir,
      event: pullRequestEvent(baseSha, headSha),
      githubToken: TOKEN,
      env: { GITHUB_API_URL: github.url },
      inputs: { 'coverage-files': 'lcov.info', 'min-changed-lines-coverage': '30', 'min-changed-lines': '10' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    expect(github.requests.map((request) => request.method)).toEqual(['GET', 'POST']);
    expect(warnings(run).map((annotation) => annotation.message)).toContain(
      'The token may not comment on this pull request (HTTP 403; pull requests from forks get a read-only token). The result is in the job summary; see the quality-gate README for commenting from a workflow_run workflow.',
    );
    expect(warnings(run).filter((annotation) => annotation.properties.file)).toHaveLength(5);
    expect(run.summary).toContain('✅ Quality gate passed');
  });
  it('comments from a workflow_run workflow on the pull request named by pull-request', async () => {
    const { dir, baseSha } = await repositoryWithReports();
    const github = await standIn();
    const run = await runBundle({
      action: 'actions/quality-gate',
      workspace: dir,
      event: { name: 'workflow_run', payload: { workflow_run: { id: 99, event: 'pull_request' } } },
      githubToken: TOKEN,
      env: { GITHUB_API_URL: github.url },
      inputs: { 'coverage-files': 'lcov.info', 'base-ref': baseSha, 'pull-request': '12', 'min-changed-lines': '100' },
    });
    expect(run.exitCode).toBe(0);
    expect(github.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /repos/acme/inventory/issues/12/comments?per_page=100',
      'POST /repos/acme/inventory/issues/12/comments',
    ]);
  });
});

describe('quality-gate conditions and reports', () => {
  it('skips changed-lines coverage below min-changed-lines and says so; security findings by severity', async () => {
    const { dir } = await repositoryWithReports();
    const run = await runBundle({
      action: 'actions/quality-gate',
      workspace: dir,
      inputs: { 'coverage-files': 'lcov.info', 'security-report': 'security-report.json', 'max-security-findings': 'critical=0,high=0,medium=5' },
    });
    expect(run.stderr).toBe('');
    // A push event: the base is the previous commit, which is the base commit of the repository.
    expect(run.outputs['changed-lines']).toBe('14');
    // The sentences are escaped Markdown: `\(` shows as `(`.
    expect(run.summary).toContain(escapeMarkdown('min-changed-lines-coverage not checked: 14 coverable lines changed, fewer than min-changed-lines (20).'));
    expect(run.summary).toContain('Security findings (unsuppressed): 0 critical, 1 high, 2 medium, 0 low, 0 info.');
    // Conditions on reports nobody asked for stay out of the table but are said to be unchecked.
    expect(run.summary).not.toContain('| Failed tests');
    expect(run.summary).toContain('max-failed-tests not checked: no test-results given.');
    expect(run.exitCode).toBe(1);
    expect(errors(run).map((annotation) => annotation.message)).toEqual(['quality-gate: 1 condition failed: security findings (high) 1 (≤ 0 required).']);
  });

  it('reads conditions from a policy file; inputs override it', async () => {
    const { dir } = await repositoryWithReports();
    await writeFile(
      join(dir, 'quality-gate.yml'),
      'min-coverage: 90\nmin-changed-lines: 1\nmin-changed-lines-coverage: 10\nmax-security-findings:\n  medium: 1\n',
    );
    const run = await runBundle({
      action: 'actions/quality-gate',
      workspace: dir,
      inputs: { 'coverage-files': 'lcov.info', 'security-report': 'security-report.json', 'policy-file': 'quality-gate.yml', 'min-coverage': '50' },
    });
    const report = JSON.parse(await readFile(run.outputs.report ?? '', 'utf8')) as { conditions: Array<{ name: string; threshold: number; status: string }> };
    expect(report.conditions.map((condition) => [condition.name, condition.threshold, condition.status])).toEqual([
      ['min-coverage', 50, 'pass'],
      ['min-changed-lines-coverage', 10, 'pass'],
      ['max-failed-tests', 0, 'skipped'],
      ['max-lint-errors', 0, 'skipped'],
      ['max-security-findings.medium', 1, 'fail'],
    ]);
    expect(run.exitCode).toBe(1);
  });

  it('an unknown policy key is an error naming it', async () => {
    const { dir } = await repositoryWithReports();
    await writeFile(join(dir, 'quality-gate.yml'), 'min-coverage: 90\nmin-coverge: 80\n');
    const run = await runBundle({
      action: 'actions/quality-gate',
      workspace: dir,
      inputs: { 'coverage-files': 'lcov.info', 'policy-file': 'quality-gate.yml' },
    });
    expect(run.exitCode).toBe(1);
    expect(errors(run).map((annotation) => annotation.message)[0]).toMatch(
      /^quality-gate: Policy file "quality-gate.yml": unknown key "min-coverge" \(known: min-coverage,/,
    );
  });

  it('a malformed report is a clear error naming the file, with no stack trace', async () => {
    const { dir } = await repositoryWithReports();
    await writeFile(join(dir, 'broken.junit.xml'), '<testsuites><testsuite name="x"><testcase name="a">');
    const run = await runBundle({ action: 'actions/quality-gate', workspace: dir, inputs: { 'test-results': 'broken.junit.xml' } });
    expect(run.exitCode).toBe(1);
    expect(errors(run).map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(/^quality-gate: The JUnit report "broken.junit.xml" \(test-results\) is malformed: not well-formed XML \(line 1: /),
    ]);
    expect(run.stderr).toBe('');
    expect(run.everythingWritten).not.toMatch(/\n\s+at /);
  });

  it('a glob that finds nothing (after `!` exclusions) is an error, unless allow-missing (then the summary says what was skipped)', async () => {
    const { dir } = await repositoryWithReports();
    const inputs = { 'coverage-files': 'coverage/lcov.info', 'test-results': '*.junit.xml' };
    const strict = await runBundle({ action: 'actions/quality-gate', workspace: dir, inputs });
    expect(strict.exitCode).toBe(1);
    expect(errors(strict)[0]?.message).toMatch(
      /^quality-gate: No coverage report found for coverage-files "coverage\/lcov.info" \(in .*\)\. .*allow-missing: true\.$/,
    );

    const excluded = await runBundle({ action: 'actions/quality-gate', workspace: dir, inputs: { 'test-results': '*.junit.xml\n!vitest.junit.xml' } });
    expect(errors(excluded)[0]?.message).toMatch(/^quality-gate: No JUnit report found for test-results "\*\.junit\.xml"/);

    const lenient = await runBundle({
      action: 'actions/quality-gate',
      workspace: dir,
      inputs: { ...inputs, 'allow-missing': 'true', 'max-failed-tests': '1' },
    });
    expect(lenient.exitCode).toBe(0);
    expect(lenient.summary).toContain(escapeMarkdown('min-changed-lines-coverage not checked: no coverage report found for coverage-files (allow-missing).'));
    expect(lenient.outputs).toMatchObject({ passed: 'true', 'failed-tests': '1' });
    expect(lenient.outputs.coverage).toBeUndefined();
  });

  it('a base commit missing from the clone is an error that says to fetch it', async () => {
    const { dir } = await repositoryWithReports();
    const run = await runBundle({
      action: 'actions/quality-gate',
      workspace: dir,
      inputs: { 'coverage-files': 'lcov.info', 'base-ref': 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef' },
    });
    expect(run.exitCode).toBe(1);
    expect(errors(run)[0]?.message).toContain('The base commit "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef" (base-ref) is not in this clone');
    expect(errors(run)[0]?.message).toContain('`fetch-depth: 0` on actions/checkout');
  });

  it('a shallow clone without the previous commit says the same', async () => {
    const { dir } = await repositoryWithReports();
    const shallow = `${dir}-shallow`;
    execFileSync('git', ['clone', '--quiet', '--depth=1', `file://${dir}`, shallow]);
    await writeFile(join(shallow, 'lcov.info'), lcovForChange());
    const run = await runBundle({ action: 'actions/quality-gate', workspace: shallow, inputs: { 'coverage-files': 'lcov.info' } });
    expect(run.exitCode).toBe(1);
    expect(errors(run)[0]?.message).toMatch(/The base commit "HEAD~1" \(the default base\) is not in this clone .*fetch-depth: 0/);
  });

  it('resolves globs and relative report paths in working-directory; git works from there too', async () => {
    const { dir } = await repositoryWithReports();
    // Written from inside src/: paths relative to it (`SF:stock.ts`).
    await writeFile(join(dir, 'src', 'lcov.info'), lcovForChange('ROOT').replaceAll('SF:ROOT/src/', 'SF:'));
    const run = await runBundle({
      action: 'actions/quality-gate',
      workspace: dir,
      inputs: { 'coverage-files': 'lcov.info', 'working-directory': 'src', 'min-changed-lines': '1' },
    });
    const expected = expectedChangedLines();
    expect(run.outputs).toMatchObject({
      'changed-lines': String(expected.coverable),
      'changed-lines-coverage': String(percent(expected.covered, expected.coverable)),
    });
    expect(warnings(run).map((annotation) => annotation.properties.file)).toContain('src/stock.ts');
  });

  it('a coverage drop against a base report', async () => {
    const { dir } = await repositoryWithReports();
    await writeFile(join(dir, 'base-lcov.info'), 'SF:src/stock.ts\nDA:1,1\nDA:2,1\nDA:3,1\nDA:4,1\nend_of_record\n');
    const run = await runBundle({
      action: 'actions/quality-gate',
      workspace: dir,
      inputs: { 'coverage-files': 'lcov.info', 'base-coverage-file': 'base-lcov.info', 'max-coverage-drop': '5' },
    });
    const drop = Math.round((100 - percent(LCOV_TOTALS.linesHit, LCOV_TOTALS.linesFound)) * 100) / 100;
    expect(errors(run)[0]?.message).toBe(`quality-gate: 1 condition failed: coverage drop against the base ${drop} pp (≤ 5 pp required).`);
  });
});
