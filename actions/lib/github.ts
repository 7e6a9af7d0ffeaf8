import * as core from '@actions/core';
import * as github from '@actions/github';

export interface IssueRef {
  owner: string;
  repo: string;
  issueNumber: number;
}

export type UpsertResult = { outcome: 'created' | 'updated'; url: string } | { outcome: 'not-permitted'; status: number };

/**
 * Keeps one comment per marker on an issue or pull request: edits the comment that
 * contains `marker`, or creates it. Every page of comments is read (the marker comment is
 * often past the first page on busy pull requests). A token that may not read or write
 * (403/404, e.g. a fork's read-only token) is reported as `not-permitted`, not thrown.
 * The API base comes from GITHUB_API_URL (GitHub Enterprise, or a stand-in in tests).
 */
export async function upsertComment(token: string, target: IssueRef, marker: string, body: string): Promise<UpsertResult> {
  const octokit = github.getOctokit(token, { baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com' });
  const { owner, repo, issueNumber } = target;
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
    const existing = comments.find((comment) => comment.body?.includes(marker));
    if (existing) {
      core.debug(`Updating comment ${existing.id} on ${owner}/${repo}#${issueNumber}`);
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
      return { outcome: 'updated', url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return { outcome: 'created', url: data.html_url };
  } catch (error: unknown) {
    const status = (error as { status?: unknown }).status;
    if (status === 403 || status === 404) return { outcome: 'not-permitted', status };
    throw error;
  }
}
