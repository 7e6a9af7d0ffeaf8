import { describe, expect, it } from 'vitest';
import { parseCoverage } from '../../actions/quality-gate/src/coverage-parsers.js';
import { isGitRevision } from '../../actions/lib/git.js';
import { parseJunit } from '../../actions/quality-gate/src/junit.js';
import { parseLint } from '../../actions/quality-gate/src/lint.js';
import { count, lineNumber, ReportError } from '../../actions/quality-gate/src/report-format.js';
import { parseSecurityReport } from '../../actions/quality-gate/src/security.js';

const cobertura = (line: string, root = '') =>
  `<coverage${root}><packages><package><classes><class filename="a.ts"><lines>${line}</lines></class></classes></package></packages></coverage>`;
const istanbul = (statement: string, hits: string, branches = '[1]') =>
  `{"a.ts": {"statementMap": {"0": {"start": {"line": ${statement}}}}, "s": {"0": ${hits}}, "b": {"0": ${branches}}}}`;
const summary = (lines: string) => `{"total": {}, "a.ts": {"lines": ${lines}}}`;
const clover = (metrics: string) =>
  `<coverage><project><file name="a.ts"><metrics ${metrics}/><line num="1" type="stmt" count="1"/></file></project></coverage>`;
const jacoco = (line: string) => `<report><package name="p"><sourcefile name="A.java">${line}</sourcefile></package></report>`;

describe('a count in a report that is not a whole number is the report’s error, never a figure', () => {
  it.each([
    ['lcov DA hits NaN', 'SF:a.ts\nDA:1,NaN\nend_of_record\n'],
    ['lcov DA hits Infinity', 'SF:a.ts\nDA:1,Infinity\nend_of_record\n'],
    ['lcov DA hits negative', 'SF:a.ts\nDA:1,-3\nend_of_record\n'],
    ['lcov DA hits a fraction', 'SF:a.ts\nDA:1,0.5\nend_of_record\n'],
    ['lcov DA with no hits', 'SF:a.ts\nDA:1\nend_of_record\n'],
    ['lcov DA with an empty line number', 'SF:a.ts\nDA:,1\nend_of_record\n'],
    ['lcov LH:abc', 'SF:a.ts\nDA:1,1\nLH:abc\nend_of_record\n'],
    ['lcov LF negative', 'SF:a.ts\nDA:1,1\nLF:-1\nend_of_record\n'],
    ['lcov BRF NaN', 'SF:a.ts\nDA:1,1\nBRF:NaN\nend_of_record\n'],
    ['lcov BRH more than BRF', 'SF:a.ts\nDA:1,1\nBRF:1\nBRH:2\nend_of_record\n'],
    ['lcov BRDA taken NaN', 'SF:a.ts\nDA:1,1\nBRDA:1,0,0,NaN\nend_of_record\n'],
    ['lcov DA before any SF', 'DA:1,1\nSF:a.ts\nend_of_record\n'],
    ['cobertura hits NaN', cobertura('<line number="1" hits="NaN"/>')],
    ['cobertura hits Infinity', cobertura('<line number="1" hits="Infinity"/>')],
    ['cobertura hits empty', cobertura('<line number="1" hits=""/>')],
    ['cobertura line number negative', cobertura('<line number="-1" hits="1"/>')],
    ['cobertura more conditions taken than exist', cobertura('<line number="1" hits="1" branch="true" condition-coverage="250% (5/2)"/>')],
    ['istanbul count 1e400 (Infinity once parsed)', istanbul('1', '1e400')],
    ['istanbul count negative', istanbul('1', '-1')],
    ['istanbul start line null', istanbul('null', '1')],
    ['istanbul branch count NaN text', istanbul('1', '1', '["NaN"]')],
    ['json-summary pct "Unknown" with no counts', summary('{"pct": "Unknown"}')],
    ['json-summary covered more than total', summary('{"total": 2, "covered": 3, "pct": 150}')],
    ['json-summary total negative', summary('{"total": -2, "covered": 0}')],
    ['json-summary total 1e400', summary('{"total": 1e400, "covered": 1}')],
    ['clover conditionals NaN', clover('conditionals="NaN" coveredconditionals="0"')],
    ['clover covered more conditionals than exist', clover('conditionals="1" coveredconditionals="7"')],
    ['clover line count Infinity', '<coverage><project><file name="a.ts"><line num="1" type="stmt" count="Infinity"/></file></project></coverage>'],
    ['JaCoCo missed instructions NaN', jacoco('<line nr="1" mi="NaN" ci="1"/>')],
  ])('%s', (_label, content) => {
    expect(() => parseCoverage(content)).toThrow(ReportError);
  });

  it('the one reader of counts takes whole numbers only; annotated lines are 1 or more', () => {
    expect([count(3, 'x'), count(' 12 ', 'x'), count('0', 'x'), count({ '#text': '4' }, 'x')]).toEqual([3, 12, 0, 4]);
    for (const value of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -1,
      1.5,
      '',
      'NaN',
      'Infinity',
      '1e3',
      '0x10',
      '-0',
      'Unknown',
      null,
      undefined,
      true,
      [1],
      {},
    ]) {
      expect(() => count(value, 'x'), String(value)).toThrow(ReportError);
    }
    expect([
      lineNumber(1),
      lineNumber('7'),
      lineNumber(0),
      lineNumber(-3),
      lineNumber(Number.POSITIVE_INFINITY),
      lineNumber('NaN'),
      lineNumber(2 ** 60),
    ]).toEqual([1, 7, undefined, undefined, undefined, undefined, undefined]);
  });

  it('junk line numbers in JUnit, ESLint and SARIF drop the line, not the problem', () => {
    const junit = parseJunit('<testsuite><testcase name="a" line="-4"><failure/></testcase><testcase name="b" line="NaN"><failure/></testcase></testsuite>');
    expect(junit.failures.map((failure) => failure.line)).toEqual([undefined, undefined]);
    const eslint = parseLint(
      '[{"filePath": "a.ts", "messages": [{"severity": 2, "message": "m", "line": 1e400}, {"severity": 2, "message": "m", "line": -1}]}]',
    );
    expect(eslint.problems.map((problem) => [problem.level, problem.line])).toEqual([
      ['error', undefined],
      ['error', undefined],
    ]);
    const sarif = parseLint(
      '{"runs": [{"results": [{"level": "error", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.ts"}, "region": {"startLine": 0}}}]}]}]}',
    );
    expect(sarif.problems[0]).toMatchObject({ level: 'error', file: 'a.ts' });
    expect(sarif.problems[0]?.line).toBeUndefined();
  });
});

describe('malformed, truncated or wrong-typed reports are ReportErrors (named per file by the loader), never another error', () => {
  const deep = (open: string, close: string, depth: number) => `${open.repeat(depth)}${close.repeat(depth)}`;
  it.each([
    ['coverage: truncated XML', parseCoverage, '<coverage line-rate="1"><packages><package'],
    ['coverage: nested 20,000 deep', parseCoverage, `<coverage line-rate="1">${deep('<packages>', '</packages>', 20_000)}</coverage>`],
    ['coverage: a JSON array', parseCoverage, '[1, 2]'],
    ['coverage: JSON with a statementMap that is a string', parseCoverage, '{"a.ts": {"statementMap": "x"}}'],
    ['coverage: truncated JSON', parseCoverage, '{"a.ts": {"statementMap": {'],
    ['coverage: lcov cut inside a record', parseCoverage, 'TN:\nSF:a.ts\nDA:1,1\n'],
    ['coverage: binary junk', parseCoverage, '\u0000\u0001\u0002PK\u0003\u0004'],
    ['coverage: empty text', parseCoverage, ''],
    ['JUnit: truncated', parseJunit, '<testsuites><testsuite name="x"><testcase name="a">'],
    ['JUnit: nested 20,000 deep', parseJunit, `<testsuites>${deep('<testsuite>', '</testsuite>', 20_000)}</testsuites>`],
    ['JUnit: not XML', parseJunit, '{"tests": 1}'],
    ['JUnit: only a prolog', parseJunit, '<?xml version="1.0"?>'],
    ['lint: truncated JSON', parseLint, '[{"filePath": "a.ts", "messages": ['],
    ['lint: an ESLint entry that is null', parseLint, '[null]'],
    ['lint: messages that are a string', parseLint, '[{"filePath": "a.ts", "messages": "none"}]'],
    ['lint: SARIF run that is a number', parseLint, '{"runs": [1]}'],
    ['lint: a JSON string', parseLint, '"hello"'],
    ['security: truncated', parseSecurityReport, '{"version": 1, "findings": ['],
    ['security: findings of the wrong type', parseSecurityReport, '{"version": 1, "findings": "none"}'],
    ['security: a count where a finding should be', parseSecurityReport, '{"version": 1, "findings": [1e400]}'],
  ] as Array<[string, (content: string) => unknown, string]>)('%s', (_label, parse, content) => {
    expect(() => parse(content)).toThrow(ReportError);
  });

  it.each([
    ['percent-encoded', 'src/a%20b.ts', 'src/a b.ts'],
    ['a literal % that is no escape (src/100%.ts)', 'src/100%.ts', 'src/100%.ts'],
    ['a lone %', 'src/%', 'src/%'],
  ])('a SARIF URI that is %s gives the path', (_label, uri, path) => {
    const sarif = {
      runs: [
        { results: [{ level: 'error', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: 2 } } }] }] },
      ],
    };
    expect(parseLint(JSON.stringify(sarif)).problems[0]).toMatchObject({ file: path, line: 2 });
  });
});

describe('a base for git diff', () => {
  it.each(['main', 'origin/main', 'HEAD~1', 'HEAD^', 'HEAD^2~3', 'v1.2.3', 'refs/heads/feature/x', 'release/2026.1', 'deadbeef', 'a'.repeat(40), 'feat/ü'])(
    '%j is accepted',
    (ref) => {
      expect(isGitRevision(ref)).toBe(true);
    },
  );
  it.each([
    '--output=/tmp/pwned',
    '-p',
    '--all',
    'a b',
    '$(id)',
    '..',
    'main..evil',
    '../../etc/passwd',
    'web\nkind: Secret',
    'main@{1}',
    '@',
    '@org/team',
    'x:y',
    'foo.lock',
    '.hidden',
    'a/',
    'a//b',
    'a*',
    '<img src=x>',
    'web\uFFFD',
    'web\u0000--all',
    `main${'~1'.repeat(200)}`,
  ])('%j is refused', (ref) => {
    expect(isGitRevision(ref)).toBe(false);
  });
});
