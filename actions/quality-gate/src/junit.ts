import { elements, lineNumber, wholeNumber, nodes, parseXml, ReportError, text, type Node } from './report-format.js';

export interface FailedTest {
  /** Suite and test name, as the report gives them. */
  name: string;
  message: string;
  /** Detail (stack trace, assertion diff), trimmed. */
  details: string;
  /** As the report writes it; normalised against the repository later. */
  file?: string;
  line?: number;
}

export interface TestResults {
  /** The report's path as messages show it; set by the loader. */
  file?: string;
  total: number;
  failed: number;
  skipped: number;
  failures: FailedTest[];
}

/**
 * JUnit XML as vitest, jest-junit, pytest and Maven surefire write it: `<testsuites>` or a
 * single `<testsuite>`, suites possibly nested, `<failure>` and `<error>` both count as failed.
 * The file comes from the test case's `file` attribute, else its suite's, else a `classname`
 * that is a path (vitest), else the test's frame in a pytest or Java stack trace; the
 * line from `line`, else from a `file:line` in the failure text.
 */
export function parseJunit(content: string): TestResults {
  const root = parseXml(content, ['testsuite', 'testcase', 'failure', 'error', 'skipped']);
  const topSuites = root.testsuites !== undefined ? nodes(root.testsuites).flatMap((suites) => nodes(suites.testsuite)) : nodes(root.testsuite);
  if (root.testsuites === undefined && root.testsuite === undefined) {
    throw new ReportError('not JUnit XML (expected a <testsuites> or <testsuite> root element)');
  }
  const results: TestResults = { total: 0, failed: 0, skipped: 0, failures: [] };
  const visit = (suite: Node, inheritedFile: string | undefined, isPytest: boolean) => {
    const suiteFile = text(suite.file) ?? inheritedFile;
    const pytest = isPytest || text(suite.name) === 'pytest';
    for (const testCase of nodes(suite.testcase)) {
      results.total += 1;
      const problems = [...elements(testCase.failure), ...elements(testCase.error)];
      if (problems.length === 0) {
        if (testCase.skipped !== undefined) results.skipped += 1;
        continue;
      }
      results.failed += 1;
      results.failures.push(failure(testCase, problems, suiteFile, pytest));
    }
    for (const child of nodes(suite.testsuite)) visit(child, suiteFile, pytest);
  };
  for (const suite of topSuites) visit(suite, undefined, false);
  return results;
}

function failure(testCase: Node, problems: Node[], suiteFile: string | undefined, pytest: boolean): FailedTest {
  const classname = text(testCase.classname);
  const name = [classname, text(testCase.name)].filter(Boolean).join(' › ');
  const first = problems[0] ?? {};
  const details = problems
    .map((problem) => (text(problem) ?? '').trim())
    .filter(Boolean)
    .join('\n\n');
  const message = text(first.message)?.trim() || details.split('\n')[0] || 'failed';
  const file = text(testCase.file) ?? suiteFile ?? (classname && /\.[a-z]+$/i.test(classname) && classname.includes('/') ? classname : undefined);
  const result: FailedTest = { name, message, details };
  if (file) result.file = file;
  const frame = file ? undefined : pytest ? pytestFrame(details) : classname ? javaFrame(classname, details) : undefined;
  if (frame) return { ...result, ...frame };
  const written = wholeNumber(text(testCase.line));
  // pytest writes 0-based line numbers (its item.location).
  const line = written === undefined ? undefined : lineNumber(pytest ? written + 1 : written);
  if (line) result.line = line;
  else if (file) {
    const base = file.split('/').pop() ?? file;
    const found = lineNumber(new RegExp(`${escapeRegExp(base)}:(\\d+)`).exec(details)?.[1]);
    if (found) result.line = found;
  }
  return result;
}

/** The last `tests/test_x.py:10: AssertionError` line of a pytest traceback (xunit2 reports carry no file attribute). */
function pytestFrame(details: string): { file: string; line: number } | undefined {
  const frames = [...details.matchAll(/^(\S+\.py):(\d+): /gm)];
  const last = frames[frames.length - 1];
  const line = lineNumber(last?.[2]);
  return last && line ? { file: last[1] ?? '', line } : undefined;
}

/** `at com.acme.StockTest.refuses(StockTest.java:21)` → `com/acme/StockTest.java`, line 21. */
function javaFrame(classname: string, details: string): { file: string; line: number } | undefined {
  const found = new RegExp(`at ${escapeRegExp(classname)}\\.[\\w$<>]+\\(([\\w$]+\\.\\w+):(\\d+)\\)`).exec(details);
  const line = lineNumber(found?.[2]);
  if (!found || !line) return undefined;
  const folder = classname.split('.').slice(0, -1).join('/');
  return { file: folder ? `${folder}/${found[1]}` : (found[1] ?? ''), line };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
