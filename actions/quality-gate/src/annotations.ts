import type { GateResult } from './gate.js';

export interface Annotation {
  level: 'warning' | 'error';
  message: string;
  title: string;
  file?: string;
  startLine?: number;
  endLine?: number;
}

/**
 * GitHub shows at most 10 warnings and 10 errors per step, so each kind is capped and the
 * last slot says how many more there are. One error slot is left for the step's own failure.
 */
export const MOST_WARNINGS = 10;
export const MOST_ERRORS = 9;

export function buildAnnotations(result: GateResult): Annotation[] {
  const warnings: Annotation[] = [];
  for (const file of result.changedLines?.files ?? []) {
    for (const range of file.uncoveredRanges) {
      const lines = range.start === range.end ? `Line ${range.start} is` : `Lines ${range.start}–${range.end} are`;
      warnings.push({
        level: 'warning',
        title: 'Changed lines not covered',
        message: `${lines} changed and not covered by tests${file.source === 'unreported' ? ' (the file is in no coverage report)' : ''}.`,
        file: file.path,
        startLine: range.start,
        endLine: range.end,
      });
    }
  }
  const errors: Annotation[] = (result.tests?.failures ?? []).map((failure) => ({
    level: 'error',
    title: `Test failed: ${failure.name}`,
    message: failure.details || failure.message,
    ...(failure.file ? { file: failure.file } : {}),
    ...(failure.line ? { startLine: failure.line } : {}),
  }));
  for (const problem of result.lint?.located ?? []) {
    (problem.level === 'error' ? errors : warnings).push({
      level: problem.level,
      title: `Lint ${problem.level}${problem.rule ? `: ${problem.rule}` : ''}`,
      message: problem.message,
      file: problem.file,
      startLine: problem.line,
    });
  }
  return [
    ...capped(warnings, MOST_WARNINGS, (more) => `…and ${more} more warnings (uncovered changed lines, lint): see the job summary.`),
    ...capped(errors, MOST_ERRORS, (more) => `…and ${more} more errors (failed tests, lint): see the job summary.`),
  ];
}

function capped(annotations: Annotation[], most: number, note: (more: number) => string): Annotation[] {
  if (annotations.length <= most) return annotations;
  const kept = annotations.slice(0, most - 1);
  const first = annotations[0];
  return [...kept, { level: first?.level ?? 'warning', title: 'More in the job summary', message: note(annotations.length - kept.length) }];
}
