import { SEVERITIES, type Severity } from '../../lib/security-report.js';
import type { Policy } from './policy.js';

/**
 * Figures the conditions are checked against; a missing figure skips its conditions, with
 * the reason, unless it is missing because a report was given but holds nothing to judge
 * (`empty`): that fails the condition, unless allow-empty-reports.
 */
export interface Facts {
  coverage: Measured<{ lines: number; branches: Measured<number> }>;
  baseCoverage: Measured<number>;
  changedLines: Measured<{ coverable: number; percent: number | undefined }>;
  failedTests: Measured<number>;
  lint: Measured<{ errors: number; warnings: number }>;
  security: Measured<Record<Severity, number>>;
}

/** A value, or why there is none; `notGiven` when the input it comes from was not set at all, `empty` when its report holds no data. */
export type Measured<T> = { value: T } | { missing: string; notGiven?: boolean; empty?: boolean };

export interface ConditionResult {
  /** The input / policy key, with the severity for security findings (`max-security-findings.high`). */
  name: string;
  label: string;
  comparison: '≥' | '≤';
  threshold: number;
  unit: '%' | ' pp' | '';
  value?: number;
  status: 'pass' | 'fail' | 'skipped';
  reason?: string;
  /** Skipped because its report was not asked for: kept in the JSON report, left out of the summary's table. */
  notGiven?: boolean;
}

export function evaluateConditions(policy: Policy, facts: Facts, options: { allowEmptyReports: boolean } = { allowEmptyReports: false }): ConditionResult[] {
  const results: ConditionResult[] = [];
  const check = (condition: Omit<ConditionResult, 'status' | 'value' | 'reason'>, measured: Measured<number>) => {
    if ('missing' in measured && measured.empty && !options.allowEmptyReports) {
      results.push({ ...condition, status: 'fail', reason: `${measured.missing}: nothing to judge (allow-empty-reports: true accepts that)` });
      return;
    }
    if ('missing' in measured) {
      const reason = measured.empty ? `${measured.missing} (allow-empty-reports)` : measured.missing;
      results.push({ ...condition, status: 'skipped', reason, ...(measured.notGiven ? { notGiven: true } : {}) });
      return;
    }
    const { value } = measured;
    const passed = condition.comparison === '≥' ? value >= condition.threshold : value <= condition.threshold;
    results.push({ ...condition, value, status: passed ? 'pass' : 'fail' });
  };

  const minCoverage = policy['min-coverage'];
  if (minCoverage !== undefined) {
    check(
      { name: 'min-coverage', label: 'Line coverage', comparison: '≥', threshold: minCoverage, unit: '%' },
      measure(facts.coverage, ({ lines }) => ({ value: lines })),
    );
  }
  const minBranch = policy['min-branch-coverage'];
  if (minBranch !== undefined) {
    check(
      { name: 'min-branch-coverage', label: 'Branch coverage', comparison: '≥', threshold: minBranch, unit: '%' },
      measure(facts.coverage, ({ branches }) => branches),
    );
  }
  const fewest = policy['min-changed-lines'];
  check(
    { name: 'min-changed-lines-coverage', label: 'Changed lines coverage', comparison: '≥', threshold: policy['min-changed-lines-coverage'], unit: '%' },
    measure(facts.changedLines, ({ coverable, percent }) =>
      coverable < fewest
        ? { missing: `${coverable} coverable line${coverable === 1 ? '' : 's'} changed, fewer than min-changed-lines (${fewest})` }
        : percent === undefined
          ? { missing: 'no coverable line changed' }
          : { value: percent },
    ),
  );
  const maxDrop = policy['max-coverage-drop'];
  if (maxDrop !== undefined) {
    check(
      { name: 'max-coverage-drop', label: 'Coverage drop against the base', comparison: '≤', threshold: maxDrop, unit: ' pp' },
      measure(facts.baseCoverage, (base) => measure(facts.coverage, ({ lines }) => ({ value: Math.round((base - lines) * 100) / 100 }))),
    );
  }
  check(
    { name: 'max-failed-tests', label: 'Failed tests', comparison: '≤', threshold: policy['max-failed-tests'], unit: '' },
    measure(facts.failedTests, (failed) => ({ value: failed })),
  );
  check(
    { name: 'max-lint-errors', label: 'Lint errors', comparison: '≤', threshold: policy['max-lint-errors'], unit: '' },
    measure(facts.lint, ({ errors }) => ({ value: errors })),
  );
  const maxWarnings = policy['max-lint-warnings'];
  if (maxWarnings !== undefined) {
    check(
      { name: 'max-lint-warnings', label: 'Lint warnings', comparison: '≤', threshold: maxWarnings, unit: '' },
      measure(facts.lint, ({ warnings }) => ({ value: warnings })),
    );
  }
  for (const severity of SEVERITIES) {
    const max = policy['max-security-findings'][severity];
    if (max === undefined) continue;
    check(
      { name: `max-security-findings.${severity}`, label: `Security findings (${severity})`, comparison: '≤', threshold: max, unit: '' },
      measure(facts.security, (counts) => ({ value: counts[severity] })),
    );
  }
  return results;
}

function measure<T>(measured: Measured<T>, read: (fact: T) => Measured<number>): Measured<number> {
  return 'missing' in measured ? measured : read(measured.value);
}
