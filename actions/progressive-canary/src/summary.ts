import { escapeHtml, escapeMarkdown, type Summary } from '../../lib/index.js';
import { format } from '../../lib/analysis/judge.js';
import { renderSummary, VERDICT_HEADINGS } from '../../lib/analysis/summary.js';
import { addHookRuns, renderSmokeChecks } from '../../lib/deploy/summary.js';
import type { Progression, StepRecord } from './progression.js';

const HEADLINES = {
  promoted: '✅ progressive-canary: promoted',
  'rolled-back': '❌ progressive-canary: rolled back',
  failed: '❌ progressive-canary: failed',
} as const;
const DECISIONS = { next: '➡️ next step', promote: '✅ promote', rollback: '↩️ roll back' } as const;

/**
 * The outcome, one row per step (asked weight, what the router set, the share measured from the
 * pods' request counters, the judgement), the smoke checks of the canary's pods, the canary's
 * requests, then each step's analysis as canary-analyze renders it. Reasons come from the cluster and the user's metrics: escaped.
 */
export function renderProgressionSummary(summary: Summary, progression: Progression, context: { namespace: string; router: string; seconds: number }): void {
  summary.addHeading(`${HEADLINES[progression.outcome]} (namespace ${escapeHtml(context.namespace)}, ${context.seconds.toFixed(1)} s)`, 2);
  summary.addRaw(`\n${escapeMarkdown(progression.reason)}\n\n`);
  if (progression.cleanup) summary.addRaw(`> ${escapeMarkdown(progression.cleanup)}\n\n`);
  addHookRuns(summary, progression.hooks);
  const planned = context.router === 'replicas' ? "Canary's share of the pods" : 'Route weight';
  summary.addTable([
    ['Step', 'Asked', planned, 'Measured share of requests', 'Requests (canary / baseline / stable)', 'Verdict', 'Score', 'Then'].map((data) => ({
      data,
      header: true,
    })),
    ...progression.steps.map((step) => [
      String(step.step),
      `${step.weight}%`,
      percentage(step.plannedPercentage),
      step.measuredPercentage === undefined ? `– ${escapeHtml(step.shareMissing ?? '')}` : `${step.measuredPercentage}%`,
      requests(step),
      step.verdict ? VERDICT_HEADINGS[step.verdict].replace('canary-analyze: ', '') : '–',
      step.score === undefined ? '–' : format(step.score),
      step.decision ? `${DECISIONS[step.decision]}: ${escapeHtml(step.why ?? '')}` : '–',
    ]),
  ]);
  // The checks each step's new canary pods passed (or failed) before they took any traffic.
  renderSmokeChecks(
    summary,
    progression.steps.flatMap((step) => step.smokeChecks ?? []),
  );
  if (progression.canaryRequests !== undefined) {
    summary.addRaw(
      `\nThe canary's pods served **${progression.canaryRequests}** requests${progression.outcome === 'promoted' ? ' before the promotion' : ' before it was removed (the blast radius)'}, counted from their request counters.\n`,
    );
  }
  for (const step of progression.steps) {
    if (!step.analysis) continue;
    renderSummary(summary, step.analysis, {
      text: `Step ${step.step} (${step.weight}%): ${VERDICT_HEADINGS[step.analysis.verdict].replace('canary-analyze: ', '')}`,
      level: 3,
    });
  }
}

function percentage(value: number | undefined): string {
  return value === undefined ? '–' : `${value}%`;
}

function requests(step: StepRecord): string {
  if (!step.requests) return '–';
  return (['canary', 'baseline', 'stable'] as const).map((group) => step.requests?.[group] ?? '?').join(' / ');
}
