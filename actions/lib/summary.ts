import * as core from '@actions/core';
import type { PodProblem } from './kubernetes/pod-problems.js';
import { codeBlock, escapeHtml, escapeMarkdown } from './markdown.js';
import { redactSecrets } from './secrets.js';

export type Summary = typeof core.summary;

/**
 * Builds the job summary with core.summary's builder and appends it to GITHUB_STEP_SUMMARY,
 * redacting registered secrets first (the runner masks logs, not the summary file).
 * Outside a runner (no GITHUB_STEP_SUMMARY) the summary goes to the log instead.
 */
export async function writeSummary(build: (summary: Summary) => void): Promise<void> {
  core.summary.emptyBuffer();
  build(core.summary);
  const text = redactSecrets(core.summary.stringify());
  core.summary.emptyBuffer();
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info(text);
    return;
  }
  await core.summary.addRaw(text).write();
}

/** Each pod (or ReplicaSet) problem as a heading, its message, and its events and last log lines fenced in details: all of it the cluster's text, escaped. */
export function addPodProblems(summary: Summary, problems: readonly PodProblem[]): void {
  for (const problem of problems) {
    summary.addHeading(`${problem.kind ?? 'Pod'} ${escapeHtml(problem.pod)}: ${escapeHtml(problem.reason)}`, 4);
    if (problem.message) summary.addRaw(`\n${escapeMarkdown(problem.message)}\n\n`);
    if (problem.events.length > 0) summary.addDetails('Events', `\n\n${codeBlock(problem.events.join('\n'))}\n`);
    if (problem.kind === undefined)
      summary.addDetails(
        `Last log lines${problem.container ? ` of ${escapeHtml(problem.container)}` : ''}`,
        `\n\n${codeBlock(problem.logs || '(no output)')}\n`,
      );
  }
}
