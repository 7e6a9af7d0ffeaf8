import { countUnsuppressedBySeverity, type SecurityReport, type Severity } from '../../lib/security-report.js';
import { changedLinesCoverage, uncoveredRanges, type ChangedFileCoverage } from './changed-lines.js';
import { evaluateConditions, type ConditionResult, type Facts, type Measured } from './conditions.js';
import { mergeFiles, percent, totals, type CoverageReport, type CoverageTotals, type FileCoverage } from './coverage.js';
import type { ChangedFile } from './diff.js';
import type { FailedTest, TestResults } from './junit.js';
import type { LintProblem, LintResults } from './lint.js';
import { createPathNormaliser, createSourceFileRule } from './paths.js';
import type { Policy } from './policy.js';

/** Everything the gate judges, already read from disk and git; a `missing` reason where there is nothing. */
export interface GateInput {
  repoRoot: string;
  /** Relative paths in reports are tried against it first (a package's folder in a monorepo). */
  workingDirectory: string;
  trackedFiles: readonly string[];
  policy: Policy;
  coverage: Measured<CoverageReport[]>;
  baseCoverage: Measured<CoverageReport>;
  changes: Measured<{ base: string; files: ChangedFile[] }>;
  tests: Measured<TestResults[]>;
  lint: Measured<LintResults[]>;
  security: Measured<SecurityReport>;
  /** A report that was given but holds nothing to judge (no coverable lines, no tests) skips its conditions instead of failing them. */
  allowEmptyReports?: boolean;
}

export interface ChangedFileResult extends ChangedFileCoverage {
  uncoveredRanges: Array<{ start: number; end: number }>;
}

export interface GateResult {
  passed: boolean;
  conditions: ConditionResult[];
  coverage?: CoverageTotals & { lines?: number; branches?: number; files: number; pathsNotInRepository: string[] };
  changedLines?: { base: string; coverable: number; covered: number; percent?: number; files: ChangedFileResult[]; withoutLineDetail: string[] };
  tests?: { total: number; failed: number; skipped: number; failures: FailedTest[] };
  /** `located`: problems with a file and line, only those on changed lines when the change is known (`scope`). */
  lint?: { errors: number; warnings: number; located: LintProblem[]; scope: 'changed lines' | 'all lines' };
  security?: Record<Severity, number>;
  /** What was not checked and why, one sentence each. */
  skipped: string[];
}

export function evaluateGate(input: GateInput): GateResult {
  const normalise = createPathNormaliser(input.repoRoot, input.trackedFiles);
  const result: GateResult = { passed: true, conditions: [], skipped: [] };
  const facts: Facts = {
    coverage: { missing: 'no coverage report' },
    baseCoverage: { missing: 'no base coverage report' },
    changedLines: { missing: 'no coverage report' },
    failedTests: { missing: 'no test results' },
    lint: { missing: 'no lint results' },
    security: { missing: 'no security report' },
  };

  let coverageByPath: Map<string, FileCoverage> | undefined;
  if ('value' in input.coverage) {
    const pathsNotInRepository = new Set<string>();
    coverageByPath = mergeFiles(
      input.coverage.value.flatMap((report) =>
        report.files.map((file) => {
          const { path, tracked } = normalise(file.path, [...report.sourceRoots, input.workingDirectory]);
          if (!tracked) pathsNotInRepository.add(path);
          return { ...file, path };
        }),
      ),
    );
    const sum = totals(coverageByPath.values());
    const lines = percent(sum.linesHit, sum.linesFound);
    const branches = percent(sum.branchesHit, sum.branchesFound);
    result.coverage = { ...sum, lines, branches, files: coverageByPath.size, pathsNotInRepository: [...pathsNotInRepository].sort() };
    const reports = named('coverage report', input.coverage.value);
    if (lines === undefined) {
      facts.coverage = facts.changedLines = { missing: `${reports} no coverable lines`, empty: true };
      coverageByPath = undefined;
    } else {
      facts.coverage = { value: { lines, branches: branches === undefined ? { missing: `${reports} no branches`, empty: true } : { value: branches } } };
    }
  } else {
    facts.coverage = facts.changedLines = input.coverage;
  }

  if ('value' in input.baseCoverage) {
    const sum = totals(input.baseCoverage.value.files);
    const base = percent(sum.linesHit, sum.linesFound);
    facts.baseCoverage =
      base === undefined ? { missing: `${named('base coverage report', [input.baseCoverage.value])} no coverable lines`, empty: true } : { value: base };
  } else {
    facts.baseCoverage = input.baseCoverage;
  }

  if (coverageByPath && 'value' in input.changes) {
    const byPath = coverageByPath;
    const changed = changedLinesCoverage(input.changes.value.files, byPath, createSourceFileRule(byPath.keys()));
    const changedPercent = percent(changed.covered, changed.coverable);
    result.changedLines = {
      base: input.changes.value.base,
      coverable: changed.coverable,
      covered: changed.covered,
      ...(changedPercent === undefined ? {} : { percent: changedPercent }),
      files: changed.files.map((file) => ({ ...file, uncoveredRanges: uncoveredRanges(file, byPath.get(file.path)) })),
      withoutLineDetail: changed.withoutLineDetail,
    };
    facts.changedLines = { value: { coverable: changed.coverable, percent: changedPercent } };
    if (changed.withoutLineDetail.length > 0) {
      result.skipped.push(
        `${changed.withoutLineDetail.length} changed file(s) are only in a report without line detail (coverage-summary.json), so their changed lines are not measured.`,
      );
    }
  } else if (coverageByPath && 'missing' in input.changes) {
    facts.changedLines = input.changes;
  }

  if ('value' in input.tests) {
    const tests = { total: 0, failed: 0, skipped: 0, failures: [] as FailedTest[] };
    for (const report of input.tests.value) {
      tests.total += report.total;
      tests.failed += report.failed;
      tests.skipped += report.skipped;
      tests.failures.push(
        ...report.failures.map((failure) => (failure.file ? { ...failure, file: normalise(failure.file, [input.workingDirectory]).path } : failure)),
      );
    }
    result.tests = tests;
    facts.failedTests = tests.total === 0 ? { missing: `${named('JUnit report', input.tests.value)} no tests`, empty: true } : { value: tests.failed };
  } else {
    facts.failedTests = input.tests;
  }

  if ('value' in input.lint) {
    const lint = { errors: 0, warnings: 0 };
    for (const report of input.lint.value) {
      lint.errors += report.errors;
      lint.warnings += report.warnings;
    }
    const changed = 'value' in input.changes ? new Map(input.changes.value.files.map((file) => [file.path, new Set(file.addedLines)])) : undefined;
    const located = input.lint.value
      .flatMap((report) => report.problems)
      .flatMap((problem) =>
        problem.file && problem.line ? [{ ...problem, file: normalise(problem.file, [input.workingDirectory]).path, line: problem.line }] : [],
      )
      .filter((problem) => !changed || changed.get(problem.file)?.has(problem.line));
    result.lint = { ...lint, located, scope: changed ? 'changed lines' : 'all lines' };
    facts.lint = { value: lint };
  } else {
    facts.lint = input.lint;
  }

  if ('value' in input.security) {
    result.security = countUnsuppressedBySeverity(input.security.value);
    facts.security = { value: result.security };
  } else {
    facts.security = input.security;
  }

  result.conditions = evaluateConditions(input.policy, facts, { allowEmptyReports: input.allowEmptyReports ?? false });
  result.passed = result.conditions.every((condition) => condition.status !== 'fail');
  for (const condition of result.conditions) {
    if (condition.status === 'skipped') result.skipped.push(`${condition.name} not checked: ${condition.reason}.`);
  }
  return result;
}

/** `the coverage report "lcov.info" lists` / `the coverage reports "a.info", "b.info" list`, for what reports hold no data. */
function named(kind: string, reports: ReadonlyArray<{ file?: string }>): string {
  const files = reports.flatMap((report) => (report.file ? [`"${report.file}"`] : []));
  const shown = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
  return reports.length === 1 ? `the ${kind}${shown ? ` ${shown}` : ''} lists` : `the ${kind}s${shown ? ` ${shown}` : ''} list`;
}
