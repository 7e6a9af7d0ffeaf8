import { addPodProblems, escapeHtml, escapeMarkdown, type Summary } from '../../lib/index.js';
import type { RollbackOutcome } from './rollback.js';

export function renderRollbackSummary(
  summary: Summary,
  outcome: RollbackOutcome,
  namespace: string | undefined,
  reason: string | undefined,
  healthUrl: string | undefined,
  seconds: number,
): void {
  const { done, rollout, health, ok } = outcome;
  summary.addHeading(
    `${ok ? '✅ Rolled back' : '❌ Rollback failed'}: ${escapeHtml(`deployment/${done.serving} in namespace ${namespace}`)} in ${seconds.toFixed(1)} s`,
    3,
  );
  for (const line of done.lines) summary.addRaw(`\n${escapeMarkdown(line)}\n`);
  if (reason) summary.addRaw(`\nWhy: ${escapeMarkdown(reason)}\n`);
  summary.addRaw(`\nRollout: ${escapeMarkdown(rollout.message)}\n`);
  if (health) summary.addRaw(`\nHealth check ${escapeMarkdown(healthUrl!)}: ${escapeMarkdown(health.message)}\n`);
  addPodProblems(summary, rollout.problems);
}
