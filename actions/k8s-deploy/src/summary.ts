import { addPodProblems, codeBlock, escapeHtml, escapeMarkdown, type Summary } from '../../lib/index.js';
import { workloadLabel, type DeployResult } from '../../lib/strategies/deploy-result.js';
import type { HookRun } from '../../lib/kubernetes/hooks.js';
import type { ImageChange } from './images.js';

const HOOK_RESULTS = { succeeded: '✅', failed: '❌', 'dry-run': '🔍' } as const;
const HEADLINES = { succeeded: '✅ Deployed', 'rolled-back': '↩️ Failed and rolled back', failed: '❌ Deploy failed' } as const;

/**
 * Everything here but the headline's words came from the manifests or the cluster (pod logs and
 * events included, already redacted): escaped for HTML where core.summary writes HTML (headings,
 * tables, details labels), for Markdown in prose, and fenced in code blocks.
 */
export function renderDeploySummary(summary: Summary, result: DeployResult, namespace: string, images: ImageChange[], seconds: number): void {
  summary.addHeading(`${HEADLINES[result.status]} (${escapeHtml(result.strategy)}, namespace ${escapeHtml(namespace)}, ${seconds.toFixed(1)} s)`, 3);
  summary.addRaw(`\n${escapeMarkdown(result.message)}\n\n`);
  for (const note of result.notes) summary.addRaw(`> ${escapeMarkdown(note)}\n\n`);
  if (result.workloads.length > 0) {
    summary.addTable([
      [
        { data: 'Workload', header: true },
        { data: 'Revision before', header: true },
        { data: 'Revision now', header: true },
      ],
      ...result.workloads.map((workload) => [escapeHtml(workloadLabel(workload)), String(workload.previousRevision ?? '–'), String(workload.revision ?? '–')]),
    ]);
  }
  addHookRuns(summary, result.hooks ?? []);
  if (images.length > 0) {
    summary.addTable([
      [
        { data: 'Workload', header: true },
        { data: 'Container', header: true },
        { data: 'Image before', header: true },
        { data: 'Image now', header: true },
      ],
      ...images.map((change) => [change.object, change.container, change.from, change.to].map(escapeHtml)),
    ]);
  }
  addPodProblems(summary, result.problems);
  renderSmokeChecks(summary, result.smokeChecks ?? []);
  if (result.diff !== undefined) summary.addDetails('What would change (kubectl diff)', `\n\n${codeBlock(result.diff, 'diff')}\n`);
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
