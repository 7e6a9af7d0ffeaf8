import { SEVERITIES, type Severity } from '../../lib/security-report.js';
import type { Policy } from './policy.js';

/** Figures the conditions are checked against; a missing figure skips its conditions, with the reason. */
export interface Facts {
  coverage: Measured<{ lines: number | undefined; branches: number | undefined }>;
  baseCoverage: Measured<number | undefined>;
  changedLines: Measured<{ coverable: number; percent: number | undefined }>;
  failedTests: Measured<number>;
  lint: Measured<{ errors: number; warnings: number }>;
  security: Measured<Record<Severity, number>>;
}

/** A value, or why there is none. */
export type Measured<T> = { value: T } | { missing: string };

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
}

export function evaluateConditions(policy: Policy, facts: Facts): ConditionResult[] {
  const results: ConditionResult[] = [];
  const check = (
    condition: Omit<ConditionResult, 'status' | 'value' | 'reason'>,
    measured: Measured<unknown>,
    pick: () => number | undefined | string,
  ) => {
    if ('missing' in measured) {
      results.push({ ...condition, status: 'skipped', reason: measured.missing });
      return;
    }
    const value = pick();
    if (typeof value === 'string') {
      results.push({ ...condition, status: 'skipped', reason: value });
      return;
    }
    if (value === undefined) {
      results.push({ ...condition, status: 'skipped', reason: 'nothing to measure' });
      return;
    }
    const passed = condition.comparison === '≥' ? value >= condition.threshold : value <= condition.threshold;
    results.push({ ...condition, value, status: passed ? 'pass' : 'fail' });
  };

  const minCoverage = policy['min-coverage'];
  if (minCoverage !== undefined) {
    check({ name: 'min-coverage', label: 'Line coverage', comparison: '≥', threshold: minCoverage, unit: '%' }, facts.coverage, () =>
      'value' in facts.coverage ? (facts.coverage.value.lines ?? 'the reports list no coverable lines') : undefined,
    );
  }
  const minBranch = policy['min-branch-coverage'];
  if (minBranch !== undefined) {
    check({ name: 'min-branch-coverage', label: 'Branch coverage', comparison: '≥', threshold: minBranch, unit: '%' }, facts.coverage, () =>
      'value' in facts.coverage ? (facts.coverage.value.branches ?? 'the reports list no branches') : undefined,
    );
  }
  const minChanged = policy['min-changed-lines-coverage'];
  const fewest = policy['min-changed-lines'];
  check(
    { name: 'min-changed-lines-coverage', label: 'Changed lines coverage', comparison: '≥', threshold: minChanged, unit: '%' },
    facts.changedLines,
    () => {
      if (!('value' in facts.changedLines)) return undefined;
      const { coverable, percent } = facts.changedLines.value;
      if (coverable < fewest) {
        return `${coverable} coverable line${coverable === 1 ? '' : 's'} changed, fewer than min-changed-lines (${fewest})`;
      }
      return percent;
    },
  );
  const maxDrop = policy['max-coverage-drop'];
  if (maxDrop !== undefined) {
    check({ name: 'max-coverage-drop', label: 'Coverage drop against the base', comparison: '≤', threshold: maxDrop, unit: ' pp' }, facts.baseCoverage, () => {
      if (!('value' in facts.baseCoverage) || !('value' in facts.coverage)) return 'missing' in facts.coverage ? facts.coverage.missing : undefined;
      const base = facts.baseCoverage.value;
      const current = facts.coverage.value.lines;
      if (base === undefined || current === undefined) return 'no coverable lines in the base or the current report';
      return Math.round((base - current) * 100) / 100;
    });
  }
  check({ name: 'max-failed-tests', label: 'Failed tests', comparison: '≤', threshold: policy['max-failed-tests'], unit: '' }, facts.failedTests, () =>
    'value' in facts.failedTests ? facts.failedTests.value : undefined,
  );
  check({ name: 'max-lint-errors', label: 'Lint errors', comparison: '≤', threshold: policy['max-lint-errors'], unit: '' }, facts.lint, () =>
    'value' in facts.lint ? facts.lint.value.errors : undefined,
  );
  const maxWarnings = policy['max-lint-warnings'];
  if (maxWarnings !== undefined) {
    check({ name: 'max-lint-warnings', label: 'Lint warnings', comparison: '≤', threshold: maxWarnings, unit: '' }, facts.lint, () =>
      'value' in facts.lint ? facts.lint.value.warnings : undefined,
    );
  }
  for (const severity of SEVERITIES) {
    const max = policy['max-security-findings'][severity];
    if (max === undefined) continue;
    check(
      { name: `max-security-findings.${severity}`, label: `Security findings (${severity})`, comparison: '≤', threshold: max, unit: '' },
      facts.security,
      () => ('value' in facts.security ? facts.security.value[severity] : undefined),
    );
  }
  return results;
}
