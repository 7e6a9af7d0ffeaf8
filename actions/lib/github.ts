import * as core from '@actions/core';
import { abbreviate } from './errors.js';
import { isRecord } from './kubernetes/objects.js';

export interface IssueRef {
  owner: string;
  repo: string;
  issueNumber: number;
}

export type UpsertResult = { outcome: 'created' | 'updated'; url: string } | { outcome: 'not-permitted'; status: number };

/**
 * Keeps one comment per marker on an issue or pull request: edits the comment that
 * contains `marker` and was written by the token's own identity, or creates one. Anyone
 * can write the marker into a comment of theirs, so a marker alone proves nothing: such a
 * comment is left alone. Every page of comments is read (the marker comment is often past
 * the first page on busy pull requests). A token that may not read or write (403/404,
 * e.g. a fork's read-only token) is reported as `not-permitted`, not thrown.
 * The API base comes from GITHUB_API_URL (GitHub Enterprise, or a stand-in in tests).
 */
export async function upsertComment(token: string, target: IssueRef, marker: string, body: string): Promise<UpsertResult> {
  const octokit = await octokitFor(token);
  const { owner, repo, issueNumber } = target;
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
    const marked = comments.filter((comment) => comment.body?.includes(marker));
    const identity = marked.length > 0 ? await tokenIdentity(octokit) : undefined;
    const existing = identity === undefined ? undefined : marked.find((comment) => writtenBy(comment.user, identity));
    if (existing) {
      core.debug(`Updating comment ${existing.id} on ${owner}/${repo}#${issueNumber}`);
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
      return { outcome: 'updated', url: data.html_url };
    }
    if (marked.length > 0)
      core.info(`${marked.length} comment(s) on ${owner}/${repo}#${issueNumber} carry the marker but were not written by ${identity?.login}: left alone.`);
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return { outcome: 'created', url: data.html_url };
  } catch (error: unknown) {
    const status = (error as { status?: unknown }).status;
    if (status === 403 || status === 404) return { outcome: 'not-permitted', status };
    throw error;
  }
}

interface TokenIdentity {
  login: string;
  /** The account id, as REST gives it in a comment's `user.id`; null if GitHub gives none. */
  databaseId: number | null;
}

/**
 * Whom the token acts as. GraphQL's viewer answers for every kind of token; REST's GET /user
 * refuses installation tokens (GITHUB_TOKEN, GitHub Apps) with 403. The same query
 * marocchino/sticky-pull-request-comment uses to find its own comments.
 */
async function tokenIdentity(octokit: Awaited<ReturnType<typeof octokitFor>>): Promise<TokenIdentity> {
  const { viewer } = await octokit.graphql<{ viewer: TokenIdentity }>('query { viewer { login databaseId } }');
  return viewer;
}

/**
 * The same account id; or, for an app's token, a Bot author named `<slug>[bot]` (GITHUB_TOKEN's
 * comments are by `github-actions[bot]`, type Bot) where the viewer may say `<slug>`. Only
 * GitHub makes Bot accounts and no login may contain `[`, so no person can be taken for the
 * bot, not even one whose login is the app's slug.
 */
function writtenBy(author: { id?: number; login: string; type?: string } | null | undefined, identity: TokenIdentity): boolean {
  if (!author) return false;
  if (identity.databaseId !== null && author.id === identity.databaseId) return true;
  return author.type === 'Bot' && (author.login === identity.login || author.login === `${identity.login}[bot]`);
}

export interface RepositoryRef {
  owner: string;
  repo: string;
}

/** `owner/name` (as in GITHUB_REPOSITORY), or undefined when it is not that shape. */
export function parseRepository(text: string | undefined): RepositoryRef | undefined {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(text?.trim() ?? '');
  return match ? { owner: match[1]!, repo: match[2]! } : undefined;
}

/** The URL of the workflow run this step is part of, when running on GitHub Actions. */
export function workflowRunUrl(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  const server = environment.GITHUB_SERVER_URL ?? 'https://github.com';
  return environment.GITHUB_REPOSITORY && environment.GITHUB_RUN_ID
    ? `${server}/${environment.GITHUB_REPOSITORY}/actions/runs/${environment.GITHUB_RUN_ID}`
    : undefined;
}

/** How long one GitHub API call may take: reporting to GitHub never holds up a deploy for long. */
const GITHUB_CALL_TIMEOUT_MS = 15_000;

/** An Octokit for the API at GITHUB_API_URL (GitHub Enterprise, or a stand-in in tests). */
export async function octokitFor(token: string) {
  // Octokit is loaded only when an action talks to GitHub: most runs never do.
  const { getOctokit } = await import('@actions/github');
  return getOctokit(token, { baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com' });
}

/** The HTTP status of a failed GitHub API call (500 when the API could not be reached), if any. */
export function githubErrorStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export interface NewDeployment {
  ref: string;
  environment: string;
  description: string;
}

/**
 * Creates a GitHub deployment (no auto-merge, no required status contexts: the workflow
 * that deploys has already decided) and returns its id. Throws the API's error.
 */
export async function createDeployment(token: string, target: RepositoryRef, deployment: NewDeployment): Promise<number> {
  const { data } = await (
    await octokitFor(token)
  ).rest.repos.createDeployment({
    ...target,
    ref: deployment.ref,
    environment: deployment.environment,
    description: deployment.description.slice(0, 140),
    auto_merge: false,
    required_contexts: [],
    request: { signal: AbortSignal.timeout(GITHUB_CALL_TIMEOUT_MS) },
  });
  const answer: unknown = data;
  if (!isRecord(answer) || !Number.isSafeInteger(answer.id)) {
    const reason = isRecord(answer) && typeof answer.message === 'string' ? answer.message : 'no deployment id in the answer';
    throw new Error(`GitHub created no deployment: ${abbreviate(reason)}`);
  }
  return answer.id as number;
}

export interface DeploymentStatus {
  state: 'in_progress' | 'success' | 'failure' | 'error' | 'inactive' | 'queued' | 'pending';
  description?: string;
  logUrl?: string;
  environmentUrl?: string;
  /** false: earlier successful deployments to the environment stay active (they still serve). */
  autoInactive?: boolean;
}

export async function createDeploymentStatus(token: string, target: RepositoryRef, deploymentId: number, status: DeploymentStatus): Promise<void> {
  await (
    await octokitFor(token)
  ).rest.repos.createDeploymentStatus({
    ...target,
    deployment_id: deploymentId,
    state: status.state,
    ...(status.description ? { description: status.description.slice(0, 140) } : {}),
    ...(status.logUrl ? { log_url: status.logUrl } : {}),
    ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
    ...(status.autoInactive === false ? { auto_inactive: false } : {}),
    request: { signal: AbortSignal.timeout(GITHUB_CALL_TIMEOUT_MS) },
  });
}

export interface ListedDeployment {
  id: number;
  sha: string;
  description: string;
}

/** The newest deployments to an environment (newest first, one page of at most 100). Throws the API's error. */
export async function recentDeployments(token: string, target: RepositoryRef, environment: string): Promise<ListedDeployment[]> {
  const { data } = await (
    await octokitFor(token)
  ).rest.repos.listDeployments({ ...target, environment, per_page: 100, request: { signal: AbortSignal.timeout(GITHUB_CALL_TIMEOUT_MS) } });
  const answer: unknown = data;
  if (!Array.isArray(answer)) throw new Error('GitHub answered the list of deployments with something other than a list');
  // An entry without a usable id is never one to set a status on.
  return answer
    .filter(isRecord)
    .flatMap((deployment) =>
      Number.isSafeInteger(deployment.id) && typeof deployment.sha === 'string'
        ? [{ id: deployment.id as number, sha: deployment.sha, description: typeof deployment.description === 'string' ? deployment.description : '' }]
        : [],
    );
}
