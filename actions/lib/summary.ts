import * as core from '@actions/core';
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
