import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLocally, readBody } from './local-server.js';

export interface RecordedGitHubRequest {
  method: string;
  /** Path and query, e.g. `/repos/acme/inventory/deployments`. */
  url: string;
  authorization: string | undefined;
  body: unknown;
}

/** Who wrote a comment, as REST gives it (`user`). */
export interface GitHubUser {
  login: string;
  type: 'User' | 'Bot';
  /** The account id (REST `user.id`, GraphQL `databaseId`). */
  id: number;
}

export interface StoredComment {
  id: number;
  body: string;
  /** Someone else by default. */
  user?: GitHubUser;
}

/** A deployment as GitHub lists it; dates and environment are `unknown` so tests can store hostile values. */
export interface StoredDeployment {
  id: number;
  sha: string;
  environment: unknown;
  created_at: unknown;
  description?: string | null;
  /** Oldest first, as they were created (GitHub lists them newest first). */
  statuses: Array<{ state: string; created_at: unknown }>;
}

export interface GitHubStandInOptions {
  /** Answer every request with this status (403 or 404, as GitHub does for a token without the permission). */
  refuseWith?: 403 | 404;
  /** Reads succeed, writes get 403 (a fork's read-only GITHUB_TOKEN). */
  readOnly?: boolean;
  /** The comments already on every issue. */
  comments?: StoredComment[];
  /**
   * Whom the token acts as. A Bot is GITHUB_TOKEN (an installation token): GraphQL's viewer
   * says `github-actions`, its comments are by `github-actions[bot]` (type Bot, the same id),
   * and GET /user is 403. A User token: the same login everywhere, and GET /user answers.
   */
  identity?: GitHubUser;
  /** Deployments already on the repository; deployments the suite creates are added. */
  deployments?: StoredDeployment[];
  /** Commit SHA → committer date, for GET /repos/{owner}/{repo}/commits/{sha}. */
  commits?: Record<string, string>;
  /** Answers a GET itself (a fault, a hostile body) when it returns something. */
  intercept?: (path: string, query: URLSearchParams) => { status: number; body: string; headers?: Record<string, string> } | undefined;
}

/** GITHUB_TOKEN's identity. */
export const GITHUB_ACTIONS_BOT: GitHubUser = { login: 'github-actions', type: 'Bot', id: 41_898_282 };
const SOMEONE_ELSE: GitHubUser = { login: 'someone-else', type: 'User', id: 1_001 };

/**
 * A stand-in for the GitHub API the suite calls: deployments and their statuses, issue
 * comments (paginated with Link headers as GitHub paginates), and the token's identity
 * (GraphQL `viewer`, REST GET /user), with the status codes and body shapes GitHub uses.
 * Every request is recorded, so tests assert on what the action sent.
 */
export async function startGitHubStandIn(options: GitHubStandInOptions = {}) {
  const requests: RecordedGitHubRequest[] = [];
  const identity = options.identity ?? GITHUB_ACTIONS_BOT;
  const commentAuthor: GitHubUser = identity.type === 'Bot' ? { ...identity, login: `${identity.login}[bot]` } : identity;
  const comments: StoredComment[] = [...(options.comments ?? [])];
  const deploymentStore: StoredDeployment[] = [...(options.deployments ?? [])];
  const commitDates: Record<string, string> = { ...options.commits };
  let nextId = 4_200;
  const server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    requests.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(payload));
    };
    if (options.refuseWith === 403)
      return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' });
    if (options.refuseWith === 404) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });

    const url = new URL(request.url ?? '/', 'http://stand-in');
    const path = url.pathname;
    const isWrite = request.method !== 'GET';
    const intercepted = isWrite ? undefined : options.intercept?.(path, url.searchParams);
    if (intercepted) {
      response.writeHead(intercepted.status, { 'content-type': 'application/json; charset=utf-8', ...intercepted.headers });
      response.end(intercepted.body);
      return;
    }
    /** One page of a list as GitHub pages it: per_page (default 30, at most 100), page, and Link headers to the others. */
    const sendPage = (items: unknown[]) => {
      const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(items.length / perPage));
      const query = (target: number) => {
        const parameters = new URLSearchParams(url.searchParams);
        parameters.set('per_page', String(perPage));
        parameters.set('page', String(target));
        return `<${listening.url}${path}?${parameters.toString()}>`;
      };
      const links = [
        ...(page < last ? [`${query(page + 1)}; rel="next"`, `${query(last)}; rel="last"`] : []),
        ...(page > 1 ? [`${query(1)}; rel="first"`, `${query(page - 1)}; rel="prev"`] : []),
      ];
      send(200, items.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(', ') } : {});
    };
    if (options.readOnly && isWrite && path !== '/graphql')
      return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' });

    if (path === '/graphql' && request.method === 'POST') {
      const { query } = body as { query: string };
      if (!/^query\s*{\s*viewer\s*{\s*login\s+databaseId\s*}\s*}$/.test(query))
        return send(200, { data: null, errors: [{ message: `The stand-in answers only viewer { login databaseId }, not: ${query}` }] });
      return send(200, { data: { viewer: { login: identity.login, databaseId: identity.id } } });
    }
    if (path === '/user' && request.method === 'GET') {
      if (identity.type === 'Bot')
        return send(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
          status: '403',
        });
      return send(200, { login: identity.login, id: identity.id, type: identity.type });
    }
    const issueComments = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
    const oneComment = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
    const commentJson = (comment: StoredComment, issue: string) => ({
      id: comment.id,
      body: comment.body,
      user: comment.user ?? SOMEONE_ELSE,
      html_url: `https://github.com/${issueComments?.[1] ?? oneComment?.[1]}/${issueComments?.[2] ?? oneComment?.[2]}/pull/${issue}#issuecomment-${comment.id}`,
    });
    if (issueComments && request.method === 'GET') return sendPage(comments.map((comment) => commentJson(comment, issueComments[3] ?? '')));
    if (issueComments && request.method === 'POST') {
      const comment: StoredComment = { id: nextId++, body: (body as { body: string }).body, user: commentAuthor };
      comments.push(comment);
      return send(201, commentJson(comment, issueComments[3] ?? ''));
    }
    if (oneComment && request.method === 'PATCH') {
      const comment = comments.find((candidate) => candidate.id === Number(oneComment[3]));
      if (!comment) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      // GitHub lets a token edit only its own comments (or any, with write access to the repository): the stand-in records, the test asserts.
      comment.body = (body as { body: string }).body;
      return send(200, commentJson(comment, '7'));
    }

    const deployments = /^\/repos\/([^/]+)\/([^/]+)\/deployments$/.exec(path);
    const statuses = /^\/repos\/([^/]+)\/([^/]+)\/deployments\/(\d+)\/statuses$/.exec(path);
    const commit = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)$/.exec(path);
    if (deployments && request.method === 'GET') {
      const environment = url.searchParams.get('environment');
      const sha = url.searchParams.get('sha');
      const listed = deploymentStore
        .filter((deployment) => (environment === null || deployment.environment === environment) && (sha === null || deployment.sha === sha))
        .sort((a, b) => b.id - a.id)
        .map(({ statuses: _statuses, ...deployment }) => ({ ...deployment, ref: deployment.sha, task: 'deploy', payload: {} }));
      return sendPage(listed);
    }
    if (statuses && request.method === 'GET') {
      const deployment = deploymentStore.find((candidate) => candidate.id === Number(statuses[3]));
      if (!deployment) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      return sendPage([...deployment.statuses].reverse());
    }
    if (commit && request.method === 'GET') {
      if (!/^[0-9a-f]{40}$/.test(commit[3] ?? '')) return send(422, { message: `No commit found for SHA: ${commit[3]}`, status: '422' });
      const date = commitDates[commit[3]!];
      if (date === undefined) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      return send(200, { sha: commit[3], commit: { author: { date }, committer: { date } } });
    }
    if (deployments && request.method === 'POST') {
      const id = nextId++;
      const { ref, environment, description } = body as { ref: string; environment: string; description?: string };
      deploymentStore.push({ id, sha: ref, environment, created_at: new Date().toISOString(), description: description ?? null, statuses: [] });
      return send(201, { id, url: `${listening.url}${path}/${id}`, sha: ref, ref, task: 'deploy', environment, description: description ?? null, payload: {} });
    }
    if (statuses && request.method === 'POST') {
      const { state, environment_url: environmentUrl, log_url: logUrl } = body as { state: string; environment_url?: string; log_url?: string };
      deploymentStore.find((candidate) => candidate.id === Number(statuses[3]))?.statuses.push({ state, created_at: new Date().toISOString() });
      return send(201, {
        id: nextId++,
        state,
        environment_url: environmentUrl ?? '',
        log_url: logUrl ?? '',
        deployment_url: `${listening.url}/repos/${statuses[1]}/${statuses[2]}/deployments/${statuses[3]}`,
      });
    }
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
  }

  const listening = await listenLocally(server);
  return { url: listening.url, requests, comments, deployments: deploymentStore, commits: commitDates, close: listening.close };
}
