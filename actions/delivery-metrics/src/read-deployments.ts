import * as core from '@actions/core';
import { z } from 'zod';
import { abbreviate, ConfigurationError, describeError } from '../../lib/errors.js';
import { githubErrorStatus, octokitFor, type RepositoryRef } from '../../lib/github.js';
import type { DeploymentRecord, StatusRecord } from './metrics.js';

/** GitHub's largest page. */
const PER_PAGE = 100;
/** How long one GitHub API call may take. */
const CALL_TIMEOUT_MS = 30_000;
/** A deploy that outlasts this is stopped by its job's timeout: deployments created this long before the window can still end in it. */
const LOOKBACK_MS = 86_400_000;

export interface ReadRequest {
  repository: RepositoryRef;
  /** Only these environments (one listing each); all of them when absent. */
  environments: readonly string[] | undefined;
  since: number;
  until: number;
}

export interface Skipped {
  /** Deployment or status records GitHub gave that lack a usable id, commit, environment or date. */
  invalidRecords: number;
  /** Commits of deployed SHAs that GitHub no longer has (404 or 422: a force push removed them). */
  unknownCommits: number;
}

export interface DeliveryData {
  deployments: DeploymentRecord[];
  commitTimes: Map<string, number>;
  skipped: Skipped;
  requests: number;
}

const isoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
  .transform((text) => Date.parse(text))
  .refine(Number.isFinite);

const deploymentShape = z.object({
  id: z.number().int().positive(),
  sha: z.string().regex(/^[0-9a-f]{40}$/i),
  environment: z.string().min(1).max(255),
  created_at: isoTime,
  description: z.string().nullish(),
});

const statusShape = z.object({ state: z.string().min(1).max(40), created_at: isoTime });

const commitShape = z.object({ commit: z.object({ committer: z.object({ date: isoTime }) }) });

/**
 * Reads the deployments that can end in [since, until) (newest first, as GitHub lists them, up to a
 * day before the window), their statuses, and the commit time of every SHA deployed successfully.
 * Records without a usable id, SHA, environment or date are skipped and counted, never guessed.
 * An API that refuses, fails (4xx, 5xx, unreachable) or answers something other than a JSON list
 * ends the read with an error naming the request.
 */
export async function readDeliveryData(token: string, request: ReadRequest): Promise<DeliveryData> {
  const octokit = await octokitFor(token);
  const { owner, repo } = request.repository;
  const skipped: Skipped = { invalidRecords: 0, unknownCommits: 0 };
  let requests = 0;
  const get = async (url: string, parameters: Record<string, string | number> = {}) => {
    requests++;
    return call(`GET ${url}`, () => octokit.request({ method: 'GET', url, ...parameters, request: { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) } }));
  };

  const oldest = request.since - LOOKBACK_MS;
  const listed: Array<z.output<typeof deploymentShape>> = [];
  for (const environment of request.environments ?? [undefined]) {
    for await (const page of pages(get, `/repos/${owner}/${repo}/deployments`, environment === undefined ? {} : { environment })) {
      const records = validRecords(page, deploymentShape, skipped);
      listed.push(...records.filter((record) => record.created_at >= oldest && record.created_at < request.until));
      if (records.some((record) => record.created_at < oldest)) break;
    }
  }

  const deployments: DeploymentRecord[] = [];
  for (const record of new Map(listed.map((entry) => [entry.id, entry])).values()) {
    const statuses: StatusRecord[] = [];
    for await (const page of pages(get, `/repos/${owner}/${repo}/deployments/${record.id}/statuses`)) {
      for (const status of validRecords(page, statusShape, skipped))
        if (status.created_at < request.until) statuses.push({ state: status.state, createdAt: status.created_at });
    }
    deployments.push({
      id: record.id,
      sha: record.sha.toLowerCase(),
      environment: record.environment,
      createdAt: record.created_at,
      description: record.description ?? '',
      statuses,
    });
  }

  const commitTimes = new Map<string, number>();
  const deployedShas = new Set(deployments.filter((deployment) => deployment.statuses.some((status) => status.state === 'success')).map(({ sha }) => sha));
  for (const sha of deployedShas) {
    try {
      const { data } = await get(`/repos/${owner}/${repo}/commits/${sha}`);
      const commit = commitShape.safeParse(data);
      if (commit.success) commitTimes.set(sha, commit.data.commit.committer.date);
      else skipped.invalidRecords++;
    } catch (error: unknown) {
      const status = githubErrorStatus((error as { cause?: unknown }).cause);
      if (status !== 404 && status !== 422) throw error;
      skipped.unknownCommits++;
      core.info(`Commit ${sha.slice(0, 12)} is not in ${owner}/${repo} (HTTP ${status}): its lead time is left out`);
    }
  }
  return { deployments, commitTimes, skipped, requests };
}

type Get = (url: string, parameters?: Record<string, string | number>) => Promise<{ data: unknown; headers: { link?: string } }>;

/**
 * Every page of a GitHub list, following the Link header's rel="next" as GitHub paginates.
 * Octokit's paginate() is not used: it assumes each page is a well-formed list, and a truncated
 * body (which Octokit hands over as text) would fail inside it with no word of which request.
 */
async function* pages(get: Get, path: string, parameters: Record<string, string> = {}): AsyncGenerator<unknown[]> {
  const seen = new Set<string>();
  let response = await get(path, { ...parameters, per_page: PER_PAGE });
  let described = `GET ${path}`;
  for (;;) {
    if (!Array.isArray(response.data))
      throw new ConfigurationError(
        `GitHub answered ${described} with something other than a JSON list: ${abbreviate(JSON.stringify(response.data) ?? 'nothing')}`,
      );
    yield response.data as unknown[];
    const next = /<([^<>]+)>;\s*rel="next"/.exec(response.headers.link ?? '')?.[1];
    if (next === undefined) return;
    // The token goes with every request: a next page elsewhere than the API is not followed.
    if (new URL(next, apiBase()).origin !== new URL(apiBase()).origin)
      throw new ConfigurationError(`GitHub's next page of ${path} is not on ${apiBase()}: ${abbreviate(next)}`);
    if (seen.has(next)) throw new ConfigurationError(`GitHub's pages of ${path} lead back to one already read (${abbreviate(next)})`);
    seen.add(next);
    described = `GET ${next}`;
    response = await get(next);
  }
}

function apiBase(): string {
  return process.env.GITHUB_API_URL || 'https://api.github.com';
}

function validRecords<S extends z.ZodType>(page: unknown[], shape: S, skipped: Skipped): Array<z.output<S>> {
  const valid: Array<z.output<S>> = [];
  for (const item of page) {
    const parsed = shape.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
    else skipped.invalidRecords++;
  }
  return valid;
}

async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error: unknown) {
    const status = githubErrorStatus(error);
    const hint =
      status === 403 || status === 404
        ? '; give the job `permissions: deployments: read` and `contents: read`, and check the repository name'
        : status === undefined || status >= 500
          ? `; the GitHub API at ${apiBase()} failed or could not be reached, try again later`
          : '';
    throw new ConfigurationError(
      `GitHub ${what} failed (${status === undefined ? 'no answer' : `HTTP ${status}`}: ${abbreviate(describeError(error), 200)})${hint}`,
      {
        cause: error,
      },
    );
  }
}
