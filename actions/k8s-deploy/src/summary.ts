import type { Summary } from '../../lib/index.js';
import { workloadLabel, type DeployResult } from './deploy.js';
import type { ImageChange } from './images.js';

const HEADLINES = { succeeded: '✅ Deployed', 'rolled-back': '↩️ Failed and rolled back', failed: '❌ Deploy failed' } as const;

export function renderDeploySummary(summary: Summary, result: DeployResult, namespace: string, images: ImageChange[], seconds: number): void {
  summary.addHeading(`${HEADLINES[result.status]} (${result.strategy}, namespace ${namespace}, ${seconds.toFixed(1)} s)`, 3);
  summary.addRaw(`\n${result.message}\n\n`);
  for (const note of result.notes) summary.addRaw(`> ${note}\n\n`);
  if (result.workloads.length > 0) {
    summary.addTable([
      [
        { data: 'Workload', header: true },
        { data: 'Revision before', header: true },
        { data: 'Revision now', header: true },
      ],
      ...result.workloads.map((workload) => [workloadLabel(workload), String(workload.previousRevision ?? '–'), String(workload.revision ?? '–')]),
    ]);
  }
  if (images.length > 0) {
    summary.addTable([
      [
        { data: 'Workload', header: true },
        { data: 'Container', header: true },
        { data: 'Image before', header: true },
        { data: 'Image now', header: true },
      ],
      ...images.map((change) => [change.object, change.container, change.from, change.to]),
    ]);
  }
  for (const problem of result.problems) {
    summary.addHeading(`Pod ${problem.pod}: ${problem.reason}`, 4);
    if (problem.message) summary.addRaw(`\n${problem.message}\n\n`);
    if (problem.events.length > 0) summary.addDetails('Events', `\n\n${codeBlock(problem.events.join('\n'))}\n`);
    summary.addDetails(`Last log lines${problem.container ? ` of ${problem.container}` : ''}`, `\n\n${codeBlock(problem.logs || '(no output)')}\n`);
  }
  if (result.diff !== undefined) summary.addDetails('What would change (kubectl diff)', `\n\n${codeBlock(result.diff, 'diff')}\n`);
}

function codeBlock(text: string, language = ''): string {
  return `\`\`\`${language}\n${text.replace(/```/g, '` ` `')}\n\`\`\``;
}
