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
    if (issueComments && request.method === 'GET') {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(comments.length / perPage));
      const link = (target: number) => `<${listening.url}${path}?per_page=${perPage}&page=${target}>`;
      const links = [
        ...(page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : []),
        ...(page > 1 ? [`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`] : []),
      ];
      const slice = comments.slice((page - 1) * perPage, page * perPage).map((comment) => commentJson(comment, issueComments[3] ?? ''));
      return send(200, slice, links.length > 0 ? { link: links.join(', ') } : {});
    }
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
    if (deployments && request.method === 'POST') {
      const id = nextId++;
      const { ref, environment, description } = body as { ref: string; environment: string; description?: string };
      return send(201, { id, url: `${listening.url}${path}/${id}`, sha: ref, ref, task: 'deploy', environment, description: description ?? null, payload: {} });
    }
    if (statuses && request.method === 'POST') {
      const { state, environment_url: environmentUrl, log_url: logUrl } = body as { state: string; environment_url?: string; log_url?: string };
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
  return { url: listening.url, requests, comments, close: listening.close };
}
