import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../actions/lib/errors.js';
import { buildAnnotations, MOST_ERRORS, MOST_WARNINGS } from '../../actions/quality-gate/src/annotations.js';
import { evaluateConditions, type Facts } from '../../actions/quality-gate/src/conditions.js';
import { evaluateGate, type GateInput, type GateResult } from '../../actions/quality-gate/src/gate.js';
import { DEFAULT_POLICY, parsePolicyFile, resolvePolicy } from '../../actions/quality-gate/src/policy.js';
import { COMMENT_LIMIT, COMMENT_MARKER, renderComment } from '../../actions/quality-gate/src/comment.js';
import { renderMarkdown } from '../../actions/quality-gate/src/summary.js';

const noFacts: Facts = {
  coverage: { missing: 'no coverage-files given' },
  baseCoverage: { missing: 'no base-coverage-file given' },
  changedLines: { missing: 'no coverage-files given' },
  failedTests: { missing: 'no test-results given' },
  lint: { missing: 'no lint-results given' },
  security: { missing: 'no security-report given' },
};

describe('the policy file', () => {
  it('reads the conditions under the input names', () => {
    expect(parsePolicyFile('min-coverage: 75.5\nmax-security-findings:\n  critical: 0\n', 'gate.yml')).toEqual({
      'min-coverage': 75.5,
      'max-security-findings': { critical: 0 },
    });
    expect(parsePolicyFile('', 'empty.yml')).toEqual({});
  });

  it.each([
    ['min-coverage: 80\nmin-coverge: 80\n', /^Policy file "gate.yml": unknown key "min-coverge" \(known: min-coverage, /],
    ['max-security-findings:\n  severe: 1\n', /unknown key "max-security-findings.severe"/],
    ['min-coverage: 180\n', /"min-coverage": Too big/i],
    ['min-coverage: [1\n', /is not valid YAML/],
    ['- a list\n', /the document/],
    // Thresholds must be finite: YAML's .inf and .nan, and 1e400 (Infinity once parsed).
    ['min-coverage: .inf\n', /"min-coverage": .*received Infinity/],
    ['max-failed-tests: .nan\n', /"max-failed-tests": .*received NaN/],
    ['max-coverage-drop: -.inf\n', /"max-coverage-drop": /],
    ['max-lint-errors: 1e400\n', /"max-lint-errors": .*received Infinity/],
  ])('%j is an error naming the file and what is wrong', (content, message) => {
    expect(() => parsePolicyFile(content, 'gate.yml')).toThrow(ConfigurationError);
    expect(() => parsePolicyFile(content, 'gate.yml')).toThrow(message);
  });

  it('inputs override the file, the file overrides the defaults, severities merge one by one', () => {
    const policy = resolvePolicy(
      { 'min-coverage': 90, 'max-failed-tests': 2, 'max-security-findings': { critical: 0, high: 1 } },
      { 'min-coverage': 50, 'min-changed-lines': undefined, 'max-security-findings': { high: 3 } },
    );
    expect(policy).toEqual({ ...DEFAULT_POLICY, 'min-coverage': 50, 'max-failed-tests': 2, 'max-security-findings': { critical: 0, high: 3 } });
  });
});

describe('conditions', () => {
  it('a value equal to the threshold passes', () => {
    const results = evaluateConditions(
      { ...DEFAULT_POLICY, 'min-coverage': 80, 'max-lint-warnings': 3 },
      { ...noFacts, coverage: { value: { lines: 80, branches: { missing: 'no branches' } } }, lint: { value: { errors: 0, warnings: 4 } } },
    );
    expect(results.map((result) => [result.name, result.status, result.value])).toEqual([
      ['min-coverage', 'pass', 80],
      ['min-changed-lines-coverage', 'skipped', undefined],
      ['max-failed-tests', 'skipped', undefined],
      ['max-lint-errors', 'pass', 0],
      ['max-lint-warnings', 'fail', 4],
    ]);
  });

  it('changed-lines coverage waits for min-changed-lines coverable lines, then applies', () => {
    const below = evaluateConditions(DEFAULT_POLICY, { ...noFacts, changedLines: { value: { coverable: 19, percent: 10 } } });
    expect(below[0]).toMatchObject({ status: 'skipped', reason: '19 coverable lines changed, fewer than min-changed-lines (20)' });
    const enough = evaluateConditions(DEFAULT_POLICY, { ...noFacts, changedLines: { value: { coverable: 20, percent: 79.99 } } });
    expect(enough[0]).toMatchObject({ status: 'fail', value: 79.99, threshold: 80 });
  });
});

function resultWith(overrides: Partial<GateResult>): GateResult {
  return { passed: true, conditions: [], skipped: [], ...overrides };
}

describe('the PR comment', () => {
  it('starts with the marker and stays under GitHub’s limit, pointing to the job summary when cut', () => {
    const failures = Array.from({ length: 5_000 }, (_, index) => ({ name: `test ${index}`, message: 'x'.repeat(400), details: '' }));
    const markdown = renderMarkdown(resultWith({ passed: false, tests: { total: 5_000, failed: 5_000, skipped: 0, failures } }));
    const long = `${markdown}\n${'more text\n'.repeat(10_000)}`;
    const comment = renderComment(long, 'https://github.com/acme/inventory/actions/runs/1');
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comment).toMatch(/the full report is in the \[job summary\]\(https:\/\/github.com\/acme\/inventory\/actions\/runs\/1\)\.\n$/);
    expect(renderComment('short', 'url')).toBe(`${COMMENT_MARKER}\nshort`);
  });
});

describe('annotations', () => {
  it('cap warnings and errors at what GitHub shows, the last one saying how many more', () => {
    const files = Array.from({ length: 25 }, (_, index) => ({
      path: `src/f${index}.ts`,
      coverable: 2,
      covered: 0,
      uncoveredLines: [1, 2],
      source: 'measured' as const,
      uncoveredRanges: [{ start: 1, end: 2 }],
    }));
    const failures = Array.from({ length: 12 }, (_, index) => ({
      name: `t${index}`,
      message: 'boom',
      details: 'boom at x',
      file: 'a.test.ts',
      line: index + 1,
    }));
    const annotations = buildAnnotations(
      resultWith({
        changedLines: { base: 'main', coverable: 50, covered: 0, files, withoutLineDetail: [] },
        tests: { total: 12, failed: 12, skipped: 0, failures },
      }),
    );
    const warnings = annotations.filter((annotation) => annotation.level === 'warning');
    const errors = annotations.filter((annotation) => annotation.level === 'error');
    expect(warnings).toHaveLength(MOST_WARNINGS);
    expect(warnings[0]).toMatchObject({ file: 'src/f0.ts', startLine: 1, endLine: 2, message: 'Lines 1–2 are changed and not covered by tests.' });
    expect(warnings.at(-1)?.message).toBe('…and 16 more warnings (uncovered changed lines, lint): see the job summary.');
    expect(errors).toHaveLength(MOST_ERRORS);
    expect(errors[0]).toMatchObject({ file: 'a.test.ts', startLine: 1, title: 'Test failed: t0' });
    expect(errors.at(-1)?.message).toBe('…and 4 more errors (failed tests, lint): see the job summary.');
  });
});

describe('lint problems shown at their lines', () => {
  const gateInput = (changes: GateInput['changes']): GateInput => ({
    repoRoot: '/repo',
    workingDirectory: '/repo',
    trackedFiles: ['src/a.ts', 'src/b.ts'],
    policy: DEFAULT_POLICY,
    coverage: { missing: 'no coverage-files given' },
    baseCoverage: { missing: 'no base-coverage-file given' },
    tests: { missing: 'no test-results given' },
    security: { missing: 'no security-report given' },
    changes,
    lint: {
      value: [
        {
          errors: 1,
          warnings: 2,
          problems: [
            { level: 'error', rule: 'no-unused-vars', message: 'unused', file: '/repo/src/a.ts', line: 2 },
            { level: 'warning', rule: 'eqeqeq', message: 'use ===', file: 'src/b.ts', line: 5 },
            { level: 'warning', message: 'a problem of the whole file', file: 'src/a.ts' },
          ],
        },
      ],
    },
  });

  it('are those on changed lines when the change is known; all of them still count', () => {
    const result = evaluateGate(gateInput({ value: { base: 'main', files: [{ path: 'src/a.ts', addedLines: [2, 3] }] } }));
    expect(result.lint).toMatchObject({ errors: 1, warnings: 2, scope: 'changed lines' });
    expect(result.lint?.located.map((problem) => `${problem.file}:${problem.line}`)).toEqual(['src/a.ts:2']);
  });

  it('are all problems with a file and line when there is no change to compare with', () => {
    const result = evaluateGate(gateInput({ missing: 'no base commit' }));
    expect(result.lint?.scope).toBe('all lines');
    expect(result.lint?.located.map((problem) => `${problem.file}:${problem.line}`)).toEqual(['src/a.ts:2', 'src/b.ts:5']);
  });
});

describe('a report that was given but holds nothing to judge', () => {
  const lcovFile = (path: string, lines: Array<[number, number]>) => ({
    path,
    lines: new Map(lines),
    linesFound: lines.length,
    linesHit: lines.filter(([, hits]) => hits > 0).length,
    branchesFound: 0,
    branchesHit: 0,
  });
  const emptyCoverage = { value: [{ file: 'coverage/lcov.info', format: 'lcov' as const, files: [], sourceRoots: [] }] };
  const someCoverage = {
    value: [
      {
        file: 'coverage/lcov.info',
        format: 'lcov' as const,
        files: [
          lcovFile('src/a.ts', [
            [1, 1],
            [2, 0],
          ]),
        ],
        sourceRoots: [],
      },
    ],
  };
  const gateInput = (overrides: Partial<GateInput>): GateInput => ({
    repoRoot: '/repo',
    workingDirectory: '/repo',
    trackedFiles: ['src/a.ts'],
    policy: DEFAULT_POLICY,
    coverage: { missing: 'no coverage-files given', notGiven: true },
    baseCoverage: { missing: 'no base-coverage-file given', notGiven: true },
    changes: { value: { base: 'main', files: [{ path: 'src/a.ts', addedLines: [1, 2] }] } },
    tests: { missing: 'no test-results given', notGiven: true },
    lint: { missing: 'no lint-results given', notGiven: true },
    security: { missing: 'no security-report given', notGiven: true },
    ...overrides,
  });
  const statuses = (result: GateResult) => Object.fromEntries(result.conditions.map((condition) => [condition.name, [condition.status, condition.reason]]));

  it('fails every condition it feeds, naming the report; allow-empty-reports skips them instead', () => {
    const policy = { ...DEFAULT_POLICY, 'min-coverage': 80, 'max-coverage-drop': 1 };
    const input = gateInput({
      policy,
      coverage: emptyCoverage,
      baseCoverage: { value: { file: 'base.info', format: 'lcov', files: [lcovFile('src/a.ts', [[1, 1]])], sourceRoots: [] } },
      tests: { value: [{ file: 'junit.xml', total: 0, failed: 0, skipped: 0, failures: [] }] },
    });
    const strict = evaluateGate(input);
    expect(strict.passed).toBe(false);
    const nothing = ': nothing to judge (allow-empty-reports: true accepts that)';
    expect(statuses(strict)).toMatchObject({
      'min-coverage': ['fail', `the coverage report "coverage/lcov.info" lists no coverable lines${nothing}`],
      'min-changed-lines-coverage': ['fail', `the coverage report "coverage/lcov.info" lists no coverable lines${nothing}`],
      'max-coverage-drop': ['fail', `the coverage report "coverage/lcov.info" lists no coverable lines${nothing}`],
      'max-failed-tests': ['fail', `the JUnit report "junit.xml" lists no tests${nothing}`],
    });
    const lenient = evaluateGate({ ...input, allowEmptyReports: true });
    expect(lenient.passed).toBe(true);
    expect(statuses(lenient)['min-coverage']).toEqual(['skipped', 'the coverage report "coverage/lcov.info" lists no coverable lines (allow-empty-reports)']);
  });

  it('an empty base report fails the coverage drop; missing branches fail a branch threshold', () => {
    const result = evaluateGate(
      gateInput({
        policy: { ...DEFAULT_POLICY, 'min-branch-coverage': 50, 'max-coverage-drop': 1 },
        coverage: someCoverage,
        baseCoverage: { value: { file: 'base.info', format: 'lcov', files: [], sourceRoots: [] } },
      }),
    );
    expect(statuses(result)).toMatchObject({
      'min-branch-coverage': ['fail', expect.stringMatching(/^the coverage report "coverage\/lcov.info" lists no branches: nothing to judge/)],
      'max-coverage-drop': ['fail', expect.stringMatching(/^the base coverage report "base.info" lists no coverable lines: nothing to judge/)],
    });
  });

  it('a change with no coverable lines is still no reason to fail, when the reports have data', () => {
    const result = evaluateGate(gateInput({ coverage: someCoverage, changes: { value: { base: 'main', files: [{ path: 'README.md', addedLines: [1] }] } } }));
    expect(statuses(result)['min-changed-lines-coverage']).toEqual(['skipped', '0 coverable lines changed, fewer than min-changed-lines (20)']);
    expect(result.passed).toBe(true);
  });

  it('the summary says which report was empty', () => {
    const markdown = renderMarkdown(evaluateGate(gateInput({ policy: { ...DEFAULT_POLICY, 'min-coverage': 80 }, coverage: emptyCoverage })));
    expect(markdown).toContain('### ❌ Quality gate failed: line coverage, changed lines coverage');
    expect(markdown).toMatch(
      /\| Line coverage \(`min-coverage`\) \| the coverage report "coverage\/lcov\.info" lists no coverable lines: nothing to judge \\\(allow-empty-reports: true accepts that\\\) \| ≥ 80% \| ❌ \|/,
    );
  });
});

describe('text from reports in the summary and the PR comment', () => {
  const HOSTILE = [
    '<img src=x onerror=alert(1)>',
    '[x](http://evil)',
    '![x](http://evil/x.png)',
    '@org/team',
    '`code` ``` | a | b |',
    'line one\n# heading\n- item',
  ];
  const hostile = HOSTILE.join(' ');
  const result = resultWith({
    passed: false,
    conditions: [
      {
        name: 'max-failed-tests',
        label: 'Failed tests',
        comparison: '≤',
        threshold: 0,
        unit: '',
        status: 'skipped',
        reason: `the JUnit report "${hostile}" lists no tests`,
      },
    ],
    coverage: { linesFound: 1, linesHit: 0, branchesFound: 0, branchesHit: 0, files: 1, pathsNotInRepository: [`gen/${hostile}.ts`] },
    changedLines: {
      base: 'main`<b>',
      coverable: 1,
      covered: 0,
      withoutLineDetail: [],
      files: [{ path: `src/${hostile}.ts`, coverable: 1, covered: 0, uncoveredLines: [1], source: 'measured', uncoveredRanges: [{ start: 1, end: 1 }] }],
    },
    tests: { total: 1, failed: 1, skipped: 0, failures: [{ name: hostile, message: hostile, details: hostile, file: `test/${hostile}.ts`, line: 3 }] },
    lint: { errors: 1, warnings: 0, scope: 'all lines', located: [{ level: 'error', rule: hostile, message: hostile, file: `src/${hostile}.ts`, line: 2 }] },
    skipped: [`min-coverage not checked: ${hostile}.`],
  });
  const markdown = renderMarkdown(result);
  // Inside a code span nothing is markup (CommonMark): what is left outside must be inert.
  const outsideCodeSpans = (text: string) => text.replace(/(?<![`\\])(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, 'CODE');

  it('never becomes a tag, a link, an image or a mention, and never breaks a table row or a line', () => {
    const prose = outsideCodeSpans(markdown);
    expect(prose).toContain('CODE');
    expect(prose).not.toMatch(/<img|<b>/);
    expect(prose).not.toMatch(/(?<!\\)\[x(?<!\\)\]\(http/);
    expect(prose).not.toMatch(/@org/);
    // Every table row keeps its four cells: no unescaped `|` from a report.
    for (const row of markdown.split('\n').filter((line) => line.startsWith('| '))) {
      expect(row.replace(/\\\|/g, '').split('|'), row).toHaveLength(6);
    }
    expect(markdown.split('\n').filter((line) => /^#+ heading|^- item/.test(line))).toEqual([]);
    expect(outsideCodeSpans(renderComment(markdown, 'https://github.com/acme/inventory/actions/runs/1'))).not.toMatch(/<img|@org/);
  });

  it('keeps code spans closed: a path with backticks is one span', () => {
    const line = markdown.split('\n').find((text) => text.startsWith('- **'));
    expect(line).toContain(`(\`\`\`\`test/${HOSTILE.join(' ').replace(/\n/g, ' ')}.ts:3\`\`\`\`)`);
  });
});
