import { z } from 'zod';
import type { Report } from '../../lib/analysis/report.js';

/** More steps than this is a typo, not a rollout: each one is a deploy and an analysis window. */
export const MAX_STEPS = 20;
export const STEPS_EXPECTED = `a comma separated list of at most ${MAX_STEPS} strictly increasing whole percentages from 1 to 99, such as 10,25,50`;

/**
 * The `steps` input: `10,25,50` → [10, 25, 50]. 100 is not a step: after the last one the canary
 * is promoted. The input's error names the first entry that is wrong.
 */
export function stepsInput() {
  return z
    .string({ error: STEPS_EXPECTED })
    .transform((text, context) => {
      const entries = text.split(',').map((entry) => entry.trim());
      const problem = stepsProblem(entries);
      if (problem) {
        context.addIssue({ code: 'custom', message: `${STEPS_EXPECTED} (${problem})` });
        return z.NEVER;
      }
      return entries.map(Number);
    })
    .default([10, 25, 50]);
}

function stepsProblem(entries: readonly string[]): string | undefined {
  if (entries.length > MAX_STEPS) return `${entries.length} steps`;
  let previous = 0;
  for (const [index, entry] of entries.entries()) {
    const where = `step ${index + 1}`;
    if (!/^\d{1,2}$/.test(entry)) return entry === '' ? `${where} is empty` : `${where} is not a whole number from 1 to 99`;
    const percentage = Number(entry);
    if (percentage < 1) return `${where} is 0`;
    if (percentage <= previous) return `${where} (${percentage}) is not above step ${index} (${previous})`;
    previous = percentage;
  }
  return undefined;
}

export type OnInconclusive = 'rollback' | 'promote';

/** After a step: set the next weight, promote (after the last step), or roll back. */
export type StepDecision = 'next' | 'promote' | 'rollback';

/**
 * What a step's judgement means for the progression. `rollback` stops it; `promote` goes on (or
 * promotes after the last step); `inconclusive` follows on-inconclusive, except when some metric
 * had no data: a progression never goes on, let alone promotes, on missing data.
 */
export function decideStep(
  report: Pick<Report, 'verdict' | 'metrics'>,
  onInconclusive: OnInconclusive,
  isLastStep: boolean,
): { decision: StepDecision; why: string } {
  const onward: StepDecision = isLastStep ? 'promote' : 'next';
  if (report.verdict === 'rollback') return { decision: 'rollback', why: 'the verdict is rollback' };
  if (report.verdict === 'promote') return { decision: onward, why: 'the verdict is promote' };
  const withoutData = report.metrics.filter((metric) => metric.result === 'no-data').map((metric) => metric.name);
  if (withoutData.length > 0 || report.metrics.length === 0) {
    return {
      decision: 'rollback',
      why: `the verdict is inconclusive and ${withoutData.length > 0 ? `${withoutData.join(', ')} had no data` : 'nothing was measured'}: never going on without data, whatever on-inconclusive says`,
    };
  }
  if (onInconclusive === 'promote') return { decision: onward, why: 'the verdict is inconclusive and on-inconclusive is promote' };
  return { decision: 'rollback', why: 'the verdict is inconclusive and on-inconclusive is rollback' };
}
