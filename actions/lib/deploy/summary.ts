import { codeBlock, escapeHtml, escapeMarkdown } from '../markdown.js';
import type { Summary } from '../summary.js';
import type { HookRun } from '../kubernetes/hooks.js';
import type { DeployResult } from '../strategies/deploy-result.js';

const HOOK_RESULTS = { succeeded: '✅', failed: '❌', 'dry-run': '🔍' } as const;

/** One row per hook Job run, in the order they ran; nothing when none ran. */
export function addHookRuns(summary: Summary, runs: readonly HookRun[]): void {
  if (runs.length === 0) return;
  summary.addTable([
    ['Hook', 'Phase', 'Weight', 'Job', 'Result', 'Seconds'].map((data) => ({ data, header: true })),
    ...runs.map((run) =>
      [run.hook, run.phase, String(run.weight), run.job, `${HOOK_RESULTS[run.status]} ${run.message}`, run.seconds.toFixed(1)].map(escapeHtml),
    ),
  ]);
}

/** The `verify` checks: one row per Deployment checked, then each failure with its request, pod and response. */
export function renderSmokeChecks(summary: Summary, reports: NonNullable<DeployResult['smokeChecks']>): void {
  if (reports.length === 0) return;
  summary.addTable([
    ['Verified', 'Pods', 'Requests passed', 'Result'].map((data) => ({ data, header: true })),
    ...reports.map((report) => [
      escapeHtml(`deployment/${report.deployment}`),
      escapeHtml(report.pods.join(', ') || '(none)'),
      String(report.passed),
      report.failure ? '❌ failed' : '✅ passed',
    ]),
  ]);
  for (const { failure } of reports) {
    if (!failure) continue;
    summary.addHeading(`Smoke check failed: ${escapeHtml(failure.request)} on pod ${escapeHtml(failure.pod)}`, 4);
    summary.addRaw(`\n${escapeMarkdown(failure.problems.join('; '))}\n\n`);
    if (failure.response) {
      const { status, milliseconds, body, truncated } = failure.response;
      summary.addDetails(
        `Response: status ${status} in ${Math.round(milliseconds)} ms${truncated ? ', body truncated' : ''}`,
        `\n\n${codeBlock(body.slice(0, 2000) || '(empty body)')}\n`,
      );
    }
  }
}
