import * as core from '@actions/core';
import { upsertComment } from '../../lib/github.js';
import type { QualityGateInputs } from './inputs.js';

/** GitHub refuses issue comments longer than this many characters. */
export const COMMENT_LIMIT = 65_536;
export const COMMENT_MARKER = '<!-- inventory-devops:quality-gate -->';

/** The PR comment: the marker that finds it again, the markdown, cut to GitHub's limit with a pointer to the full text. */
export function renderComment(markdown: string, jobSummaryUrl: string): string {
  const body = `${COMMENT_MARKER}\n${markdown}`;
  if (body.length <= COMMENT_LIMIT) return body;
  const note = `\n\n…cut to fit GitHub's comment limit: the full report is in the [job summary](${jobSummaryUrl}).\n`;
  const kept = body.slice(0, COMMENT_LIMIT - note.length);
  return `${kept.slice(0, Math.max(kept.lastIndexOf('\n'), COMMENT_MARKER.length))}${note}`;
}

/** The result as a comment on the pull request, updated in place on the next run; a token that may not comment is a warning, not a failure. */
export async function postComment(inputs: Pick<QualityGateInputs, 'pull-request' | 'github-token'>, markdown: string): Promise<void> {
  const { context } = await import('@actions/github');
  const pullRequest = inputs['pull-request'] ?? context.payload.pull_request?.number;
  if (pullRequest === undefined) {
    core.info('Not a pull request event and no pull-request input: no PR comment.');
    return;
  }
  const token = inputs['github-token'];
  if (!token) {
    core.warning('No github-token: the result is in the job summary, not in a PR comment.');
    return;
  }
  const { owner, repo } = context.repo;
  const runUrl = `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`;
  const outcome = await upsertComment(token, { owner, repo, issueNumber: pullRequest }, COMMENT_MARKER, renderComment(markdown, runUrl));
  if (outcome.outcome === 'not-permitted') {
    core.warning(
      `The token may not comment on this pull request (HTTP ${outcome.status}; pull requests from forks get a read-only token). ` +
        'The result is in the job summary; see the quality-gate README for commenting from a workflow_run workflow.',
    );
  } else {
    core.info(`PR comment ${outcome.outcome}: ${outcome.url}`);
  }
}
