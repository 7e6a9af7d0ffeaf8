import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../actions/lib/markdown.js';
import { carries } from '../harness/hostile.js';
import { GITHUB_ACTIONS_BOT, startGitHubStandIn, type StoredComment } from '../harness/github-stand-in.js';
import { recordTools } from '../harness/recording-tools.js';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { lcovForChange, makeRepository } from './helpers.js';

const MARKER = '<!-- inventory-devops:quality-gate -->';
const TOKEN = 'ghs_standInToken0123456789';
const errors = (run: ActionRun) => run.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function repository() {
  const repo = await makeRepository();
  await writeFile(join(repo.dir, 'lcov.info'), lcovForChange());
  return repo;
}

async function standIn(options: Parameters<typeof startGitHubStandIn>[0] = {}) {
  const github = await startGitHubStandIn(options);
  cleanups.push(github.close);
  return github;
}

function gate(dir: string, inputs: Record<string, string>, extra: { env?: Record<string, string>; event?: { name: string; payload: unknown } } = {}) {
  return runBundle({ action: 'actions/quality-gate', workspace: dir, inputs, githubToken: TOKEN, timeoutMs: 30_000, ...extra });
}

/** Markdown outside code spans, where text could become markup. */
const outsideCodeSpans = (text: string) => text.replace(/(?<![`\\])(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, 'CODE');

describe('empty evidence never passes a condition', () => {
  it.each([
    [
      'an lcov with no records',
      'coverage-files',
      'empty.lcov.info',
      'TN:\n',
      { 'min-coverage': '80' },
      /line coverage: the coverage report "empty\.lcov\.info" lists no coverable lines: nothing to judge/,
    ],
    [
      'a cobertura with no lines',
      'coverage-files',
      'empty.cobertura.xml',
      '<coverage line-rate="1" lines-valid="0"><packages/></coverage>',
      { 'min-coverage': '80' },
      /line coverage: the coverage report "empty\.cobertura\.xml" lists no coverable lines/,
    ],
    [
      'a json-summary of 0/0 ("pct": "Unknown")',
      'coverage-files',
      'coverage-summary.json',
      '{"total": {"lines": {"total": 0, "covered": 0, "pct": "Unknown"}}, "src/a.ts": {"lines": {"total": 0, "covered": 0, "pct": "Unknown"}}}',
      { 'min-coverage': '80' },
      /lists no coverable lines/,
    ],
    [
      'an lcov with no records, changed lines only',
      'coverage-files',
      'empty.lcov.info',
      'TN:\n',
      { 'min-changed-lines': '0' },
      /changed lines coverage: the coverage report "empty\.lcov\.info" lists no coverable lines/,
    ],
    [
      'a JUnit file with no tests',
      'test-results',
      'empty.junit.xml',
      '<testsuites tests="0"></testsuites>',
      {},
      /failed tests: the JUnit report "empty\.junit\.xml" lists no tests/,
    ],
  ])('%s fails with a message naming the report; allow-empty-reports: true lets it pass', async (_label, input, name, content, conditions, message) => {
    const { dir } = await repository();
    await writeFile(join(dir, name), content);
    const strict = await gate(dir, { [input]: name, ...conditions });
    expect(strict.exitCode).toBe(1);
    expect(strict.outputs.passed).toBe('false');
    expect(errors(strict)).toEqual([expect.stringMatching(message)]);
    expect(strict.summary).toContain('❌ Quality gate failed');

    const lenient = await gate(dir, { [input]: name, ...conditions, 'allow-empty-reports': 'true' });
    expect(lenient.exitCode).toBe(0);
    expect(lenient.summary).toContain(escapeMarkdown('(allow-empty-reports)'));
  });

  it('an empty base report fails max-coverage-drop', async () => {
    const { dir } = await repository();
    await writeFile(join(dir, 'base.lcov.info'), 'TN:\n');
    const run = await gate(dir, {
      'coverage-files': 'lcov.info',
      'base-coverage-file': 'base.lcov.info',
      'max-coverage-drop': '1',
      'min-changed-lines': '100',
    });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      expect.stringMatching(/coverage drop against the base: the base coverage report "base\.lcov\.info" lists no coverable lines/),
    ]);
  });
});

describe('figures in reports that are not whole counts fail the step naming the file, never pass', () => {
  it.each([
    ['lcov hits Infinity', 'a.lcov.info', 'SF:src/stock.ts\nDA:1,Infinity\nend_of_record\n'],
    ['lcov LH:abc', 'a.lcov.info', 'SF:src/stock.ts\nDA:1,1\nLH:abc\nend_of_record\n'],
    ['json-summary with more covered than total', 'coverage-summary.json', '{"total": {}, "src/stock.ts": {"lines": {"total": 1, "covered": 5, "pct": 500}}}'],
    ['json-summary total 1e400', 'coverage-summary.json', '{"total": {}, "src/stock.ts": {"lines": {"total": 1e400, "covered": 1e400}}}'],
    ['istanbul count -1', 'coverage-final.json', '{"src/stock.ts": {"statementMap": {"0": {"start": {"line": 1}}}, "s": {"0": -1}}}'],
    [
      'cobertura hits NaN',
      'a.cobertura.xml',
      '<coverage line-rate="Infinity" lines-valid="NaN"><packages><package><classes><class filename="src/stock.ts"><lines><line number="1" hits="NaN"/></lines></class></classes></package></packages></coverage>',
    ],
    [
      'clover with more covered conditionals than exist',
      'a.clover.xml',
      '<coverage><project><file name="src/stock.ts"><metrics conditionals="1" coveredconditionals="9"/><line num="1" type="stmt" count="1"/></file></project></coverage>',
    ],
  ])('%s', async (_label, name, content) => {
    const { dir } = await repository();
    await writeFile(join(dir, name), content);
    const run = await gate(dir, { 'coverage-files': name, 'min-coverage': '80', 'min-changed-lines': '100' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.passed).toBeUndefined();
    expect(errors(run)).toEqual([
      expect.stringMatching(new RegExp(`^quality-gate: The coverage report "${name.replace(/\./g, '\\.')}" \\(coverage-files\\) is malformed: `)),
    ]);
    expect(run.everythingWritten).not.toContain('a bug in inventory-devops');
  });

  it('a threshold too large to be a number (400 digits) is an input error', async () => {
    const { dir } = await repository();
    const run = await gate(dir, { 'coverage-files': 'lcov.info', 'max-failed-tests': '9'.repeat(400) });
    expect(run.exitCode).toBe(1);
    expect(errors(run)[0]).toMatch(/^quality-gate: Input "max-failed-tests" has value "9{77}\.\.\.": expected a whole number of at least 0\.$/);
  });
});

describe('malformed input is the user’s error, named', () => {
  it('a SARIF URI with a literal % (src/100%.ts) is a path, not a crash', async () => {
    const { dir } = await repository();
    const sarif = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'lint' } },
          results: [
            {
              ruleId: 'R1',
              level: 'error',
              message: { text: 'bad' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'src/100%.ts' }, region: { startLine: 3 } } }],
            },
          ],
        },
      ],
    };
    await writeFile(join(dir, 'lint.sarif'), JSON.stringify(sarif));
    const run = await gate(dir, { 'lint-results': 'lint.sarif' });
    expect(run.everythingWritten).not.toContain('a bug in inventory-devops');
    expect(run.outputs['lint-errors']).toBe('1');
    expect(run.annotations.find((annotation) => annotation.properties.title === 'Lint error: R1')?.properties).toMatchObject({
      file: 'src/100%.ts',
      line: '3',
    });
  });

  it('a FIFO given as a report is refused at once, not waited on', async () => {
    const { dir } = await repository();
    execFileSync('mkfifo', [join(dir, 'coverage.fifo')]);
    const run = await gate(dir, { 'coverage-files': 'coverage.fifo' });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual(['quality-gate: The coverage report "coverage.fifo" (coverage-files) is not a regular file.']);
  });

  it('a report over the size limit is refused before it is read', async () => {
    const { dir } = await repository();
    // Sparse: 300 MB long, no disk used. Read whole, it would be a 300 MB string before any check.
    await writeFile(join(dir, 'huge.lcov.info'), '');
    await truncate(join(dir, 'huge.lcov.info'), 300 * 1024 * 1024);
    const run = await gate(dir, { 'coverage-files': 'huge.lcov.info' });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual(['quality-gate: The coverage report "huge.lcov.info" (coverage-files) is 300 MB, more than the 256 MB a report may have.']);
  });

  it.each([
    ['coverage-files', '../../../../../../etc/passwd'],
    ['coverage-files', '/etc/passwd'],
    ['security-report', '/etc/passwd'],
    ['base-coverage-file', '../../../../../../etc/passwd'],
    ['policy-file', '/etc/passwd'],
    ['coverage-files', 'link-to-passwd'],
    ['coverage-files', 'link-to-dev-zero'],
  ])('%s %j outside the workspace is refused', async (input, path) => {
    const { dir } = await repository();
    await symlink('/etc/passwd', join(dir, 'link-to-passwd'));
    await symlink('/dev/zero', join(dir, 'link-to-dev-zero'));
    const run = await gate(dir, { 'coverage-files': 'lcov.info', [input]: path });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      expect.stringMatching(new RegExp(`\\(${input}\\) is outside the workspace and RUNNER_TEMP: reports are read only from there\\.$`)),
    ]);
    expect(run.everythingWritten).not.toContain('root:x:0');
  });

  it.each(['/**/*.info', '../../../../../../**/lcov.info'])(
    'a glob that starts outside the workspace (%s) is refused before anything is walked',
    async (pattern) => {
      const { dir } = await repository();
      const run = await gate(dir, { 'coverage-files': pattern });
      expect(run.exitCode).toBe(1);
      expect(errors(run)).toEqual([
        `quality-gate: The coverage report glob "${pattern}" (coverage-files) is outside the workspace and RUNNER_TEMP: reports are read only from there.`,
      ]);
    },
  );

  it('working-directory outside the workspace is refused', async () => {
    const { dir } = await repository();
    const run = await gate(dir, { 'coverage-files': 'lcov.info', 'working-directory': '../..' });
    expect(run.exitCode).toBe(1);
    expect(errors(run)[0]).toMatch(/^quality-gate: Input "working-directory" has value "\.\.\/\.\.": expected a folder in the workspace/);
  });

  it('a report in RUNNER_TEMP (where security-scan writes its report) is read', async () => {
    const { dir } = await repository();
    const runnerTemp = await mkdtemp(join(tmpdir(), 'runner-temp-'));
    const report = join(runnerTemp, 'security-report.json');
    await writeFile(report, JSON.stringify({ version: 1, findings: [] }));
    const run = await runBundle({ action: 'actions/quality-gate', workspace: dir, inputs: { 'security-report': report }, env: { RUNNER_TEMP: runnerTemp } });
    expect(errors(run)).toEqual([]);
    expect(run.summary).toContain('Security findings (unsuppressed): 0 critical');
  });
});

describe('a hostile base never reaches git as an option', () => {
  it.each([
    ['base-ref input', (pwned: string) => ({ inputs: { 'base-ref': `--output=${pwned}` } })],
    ['base-ref input -p', () => ({ inputs: { 'base-ref': '-p' } })],
    [
      "the pull request's base sha in the event",
      (pwned: string) => ({ inputs: {}, event: { name: 'pull_request', payload: { pull_request: { number: 7, base: { sha: `--output=${pwned}` } } } } }),
    ],
  ])('%s', async (_label, given) => {
    const { dir } = await repository();
    const pwned = join(tmpdir(), `pwned-${process.pid}-${Date.now()}`);
    const { inputs, event } = given(pwned) as { inputs: Record<string, string>; event?: { name: string; payload: unknown } };
    const hostile = inputs['base-ref'] ?? `--output=${pwned}`;
    const git = await recordTools(['git']);
    const run = await gate(dir, { 'coverage-files': 'lcov.info', comment: 'false', ...inputs }, { env: { PATH: git.path }, ...(event ? { event } : {}) });
    expect(run.exitCode).toBe(1);
    expect(errors(run)[0]).toMatch(/base-ref|the pull request's base/);
    expect(carries(await git.calls(), hostile)).toBe(false);
    expect(existsSync(pwned)).toBe(false);
  });

  it('a base that is a valid ref reaches git only after --end-of-options', async () => {
    const { dir, baseSha } = await repository();
    const git = await recordTools(['git']);
    const run = await gate(dir, { 'coverage-files': 'lcov.info', 'base-ref': baseSha, 'min-changed-lines': '100' }, { env: { PATH: git.path } });
    expect(run.exitCode).toBe(0);
    const withBase = (await git.calls()).filter((call) => call.includes(baseSha));
    expect(withBase).toEqual([
      `git cat-file -e --end-of-options ${baseSha}^{commit}`,
      `git -c core.quotePath=false diff --unified=0 --find-renames --no-color --no-ext-diff --end-of-options ${baseSha}...HEAD --`,
    ]);
  });
});

describe('text from reports in the job summary, the PR comment and annotations', () => {
  it('is escaped: no tag, link, image, mention or broken code span or table', async () => {
    const { dir, baseSha, headSha } = await repository();
    const junit = `<testsuites><testsuite name="s"><testcase classname="&lt;img src=x onerror=alert(1)&gt;" name="[x](http://evil) @org/team" file="test/a,b::c \`x\`.ts" line="2"><failure message="![x](http://evil/x.png) | a | b &lt;script&gt;"/></testcase></testsuite></testsuites>`;
    await writeFile(join(dir, 'hostile.junit.xml'), junit);
    const eslint = [
      {
        filePath: join(dir, 'src/stock.ts'),
        messages: [{ ruleId: '@org/team', severity: 2, message: '<img src=x onerror=alert(1)> [x](http://evil)\n# heading', line: 3 }],
      },
    ];
    await writeFile(join(dir, 'eslint.json'), JSON.stringify(eslint));
    const github = await standIn();
    const run = await gate(
      dir,
      { 'coverage-files': 'lcov.info', 'test-results': 'hostile.junit.xml', 'lint-results': 'eslint.json', 'min-changed-lines': '100' },
      {
        env: { GITHUB_API_URL: github.url },
        event: { name: 'pull_request', payload: { pull_request: { number: 7, base: { sha: baseSha }, head: { sha: headSha } } } },
      },
    );
    expect(run.exitCode).toBe(1);
    const comment = github.comments.find((stored) => stored.body.startsWith(MARKER))?.body ?? '';
    expect(comment).toContain('Failed tests');
    for (const markdown of [run.summary, comment]) {
      const prose = outsideCodeSpans(markdown);
      expect(prose).not.toMatch(/<img|<script/);
      expect(prose).not.toMatch(/(?<!\\)\]\(http/);
      expect(prose).not.toMatch(/@org/);
      expect(prose.split('\n').filter((line) => line.startsWith('# heading'))).toEqual([]);
    }
    // Annotation properties are escaped by @actions/core: the path comes back whole, no property is added.
    const failed = run.annotations.find((annotation) => annotation.properties.title?.startsWith('Test failed'));
    expect(failed?.properties).toEqual({
      title: 'Test failed: <img src=x onerror=alert(1)> › [x](http://evil) @org/team',
      file: 'test/a,b::c `x`.ts',
      line: '2',
    });
  });
});

describe('the PR comment is edited only when the token wrote it', () => {
  const marked = (id: number, login: string, type: 'User' | 'Bot', userId: number): StoredComment => ({
    id,
    body: `${MARKER}\nAll good, merge it (written by ${login})`,
    user: { login, type, id: userId },
  });
  const byMallory = marked(1, 'mallory', 'User', 666);

  async function commentRun(github: Awaited<ReturnType<typeof standIn>>) {
    const { dir, baseSha, headSha } = await repository();
    return gate(
      dir,
      { 'coverage-files': 'lcov.info', 'min-changed-lines': '100' },
      {
        env: { GITHUB_API_URL: github.url },
        event: { name: 'pull_request', payload: { pull_request: { number: 7, base: { sha: baseSha }, head: { sha: headSha } } } },
      },
    );
  }

  it('GITHUB_TOKEN: a marked comment by someone else (a user, a user named like the bot, another app) is left alone; the bot creates its own, then edits only that', async () => {
    const others = [byMallory, marked(2, 'github-actions', 'User', 667), marked(3, 'renovate[bot]', 'Bot', 29_139_614)];
    const github = await standIn({ comments: others });
    const first = await commentRun(github);
    expect(first.exitCode).toBe(0);
    expect(github.comments.slice(0, 3).map((comment) => comment.body)).toEqual(others.map((comment) => comment.body));
    expect(github.comments).toHaveLength(4);
    const own = github.comments[3];
    expect(own?.user).toEqual({ ...GITHUB_ACTIONS_BOT, login: 'github-actions[bot]' });
    expect(github.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /repos/acme/inventory/issues/7/comments?per_page=100',
      'POST /graphql',
      'POST /repos/acme/inventory/issues/7/comments',
    ]);
    expect(github.requests.every((request) => !request.url.startsWith('/user'))).toBe(true);

    github.requests.length = 0;
    const second = await commentRun(github);
    expect(second.exitCode).toBe(0);
    expect(github.comments).toHaveLength(4);
    expect(github.requests.filter((request) => request.method === 'PATCH').map((request) => request.url)).toEqual([
      `/repos/acme/inventory/issues/comments/${own?.id}`,
    ]);
  });

  it('a user token edits that user’s own marked comment', async () => {
    const alice = { login: 'alice', type: 'User' as const, id: 2_002 };
    const github = await standIn({ identity: alice, comments: [byMallory, marked(2, 'alice', 'User', alice.id)] });
    const run = await commentRun(github);
    expect(run.exitCode).toBe(0);
    expect(github.requests.filter((request) => request.method === 'PATCH').map((request) => request.url)).toEqual(['/repos/acme/inventory/issues/comments/2']);
    expect(github.comments[0]?.body).toBe(byMallory.body);
    expect(github.comments).toHaveLength(2);
  });

  it('the stand-in answers GET /user as GitHub does: 403 for GITHUB_TOKEN', async () => {
    const github = await standIn({ identity: GITHUB_ACTIONS_BOT });
    expect((await fetch(`${github.url}/user`)).status).toBe(403);
  });
});
