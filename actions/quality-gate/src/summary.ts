import { codeSpan, escapeMarkdown } from '../../lib/markdown.js';
import type { ConditionResult } from './conditions.js';
import type { GateResult } from './gate.js';

const MOST_UNCOVERED_FILES = 15;
const MOST_FAILED_TESTS = 30;
const MOST_LINT_PROBLEMS = 30;
const MESSAGE_LENGTH = 500;

/**
 * The result as markdown: the job summary and the PR comment show the same text. Every text
 * that came from a report, the repository or git (paths, test names, messages, rules, refs)
 * goes through actions/lib/markdown.ts, so none of it becomes a tag, link, image, mention or
 * a table cell boundary.
 */
export function renderMarkdown(result: GateResult): string {
  const failed = result.conditions.filter((condition) => condition.status === 'fail');
  const parts: string[] = [
    result.passed ? '### ✅ Quality gate passed' : `### ❌ Quality gate failed: ${failed.map((condition) => condition.label.toLowerCase()).join(', ')}`,
    '',
    '| Condition | Value | Threshold | Result |',
    '| --- | --- | --- | --- |',
    ...result.conditions.filter((condition) => !condition.notGiven).map(conditionRow),
    '',
  ];

  const figures: string[] = [];
  if (result.coverage) {
    figures.push(
      `Coverage: lines ${show(result.coverage.lines, '%')} (${result.coverage.linesHit}/${result.coverage.linesFound}), branches ${show(result.coverage.branches, '%')} (${result.coverage.branchesHit}/${result.coverage.branchesFound}) over ${result.coverage.files} files.`,
    );
  }
  if (result.changedLines) {
    figures.push(
      `Changed lines against ${codeSpan(result.changedLines.base)}: ${result.changedLines.covered} of ${result.changedLines.coverable} coverable lines covered (${show(result.changedLines.percent, '%')}).`,
    );
  }
  if (result.tests) figures.push(`Tests: ${result.tests.total} run, ${result.tests.failed} failed, ${result.tests.skipped} skipped.`);
  if (result.lint) figures.push(`Lint: ${result.lint.errors} errors, ${result.lint.warnings} warnings.`);
  if (result.security) {
    figures.push(
      `Security findings (unsuppressed): ${Object.entries(result.security)
        .map(([severity, count]) => `${count} ${severity}`)
        .join(', ')}.`,
    );
  }
  parts.push(...figures.map((line) => `- ${line}`), '');

  const uncovered = (result.changedLines?.files ?? []).filter((file) => file.uncoveredLines.length > 0);
  if (uncovered.length > 0) {
    const shown = [...uncovered]
      .sort((a, b) => b.uncoveredLines.length - a.uncoveredLines.length || a.path.localeCompare(b.path))
      .slice(0, MOST_UNCOVERED_FILES);
    parts.push(
      '#### Files with the most uncovered changed lines',
      '',
      '| File | Uncovered | Changed coverable | Lines |',
      '| --- | --- | --- | --- |',
      ...shown.map(
        (file) =>
          `| ${tableCode(file.path)}${file.source === 'unreported' ? ' (in no coverage report)' : ''} | ${file.uncoveredLines.length} | ${file.coverable} | ${file.uncoveredRanges
            .slice(0, 10)
            .map((range) => (range.start === range.end ? `${range.start}` : `${range.start}–${range.end}`))
            .join(', ')}${file.uncoveredRanges.length > 10 ? ', …' : ''} |`,
      ),
      ...(uncovered.length > shown.length ? ['', `…and ${uncovered.length - shown.length} more files.`] : []),
      '',
    );
  }

  const failures = result.tests?.failures ?? [];
  if (failures.length > 0) {
    parts.push('#### Failed tests', '');
    for (const failure of failures.slice(0, MOST_FAILED_TESTS)) {
      const where = failure.file ? ` (${codeSpan(`${failure.file}${failure.line ? `:${failure.line}` : ''}`)})` : '';
      parts.push(`- **${escapeMarkdown(failure.name)}**${where}: ${escapeMarkdown(oneLine(failure.message))}`);
    }
    if (failures.length > MOST_FAILED_TESTS) parts.push(`- …and ${failures.length - MOST_FAILED_TESTS} more.`);
    parts.push('');
  }

  const lintProblems = result.lint?.located ?? [];
  if (lintProblems.length > 0) {
    parts.push(`#### Lint problems on ${result.lint?.scope}`, '');
    for (const problem of lintProblems.slice(0, MOST_LINT_PROBLEMS)) {
      parts.push(
        `- ${problem.level === 'error' ? '❌' : '⚠️'} ${codeSpan(`${problem.file ?? ''}:${problem.line}`)}${problem.rule ? ` (${escapeMarkdown(problem.rule)})` : ''}: ${escapeMarkdown(oneLine(problem.message))}`,
      );
    }
    if (lintProblems.length > MOST_LINT_PROBLEMS) parts.push(`- …and ${lintProblems.length - MOST_LINT_PROBLEMS} more.`);
    parts.push('');
  }

  if (result.coverage && result.coverage.pathsNotInRepository.length > 0) {
    const paths = result.coverage.pathsNotInRepository;
    parts.push(
      `Coverage reports name ${paths.length} file(s) not tracked by git, kept as written: ${paths
        .slice(0, 5)
        .map((path) => codeSpan(path))
        .join(', ')}${paths.length > 5 ? ', …' : ''}.`,
      '',
    );
  }
  if (result.skipped.length > 0) parts.push(`**Not checked:** ${result.skipped.map(escapeMarkdown).join(' ')}`, '');
  return parts.join('\n');
}

function conditionRow(condition: ConditionResult): string {
  const value =
    condition.status === 'skipped'
      ? `skipped: ${escapeMarkdown(condition.reason ?? '')}`
      : condition.value === undefined
        ? escapeMarkdown(condition.reason ?? 'n/a')
        : show(condition.value, condition.unit);
  const result = condition.status === 'pass' ? '✅' : condition.status === 'fail' ? '❌' : '➖';
  return `| ${condition.label} (\`${condition.name}\`) | ${value} | ${condition.comparison} ${condition.threshold}${condition.unit} | ${result} |`;
}

function show(value: number | undefined, unit: string): string {
  return value === undefined ? 'n/a' : `${value}${unit}`;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MESSAGE_LENGTH ? `${line.slice(0, MESSAGE_LENGTH - 1)}…` : line;
}

/** A code span in a table cell: GFM splits cells at a `|` even inside code, unless it is escaped. */
function tableCode(text: string): string {
  return codeSpan(text).replace(/\|/g, '\\|');
}
