import { addPodProblems, codeBlock, escapeHtml, escapeMarkdown, type Summary } from '../../lib/index.js';
import { workloadLabel, type DeployResult } from '../../lib/strategies/deploy-result.js';
import { addHookRuns, renderSmokeChecks } from '../../lib/deploy/summary.js';
import type { ImageChange } from '../../lib/deploy/images.js';

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
