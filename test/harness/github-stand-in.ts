import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedGitHubRequest {
  method: string;
  /** Path and query, e.g. `/repos/acme/inventory/deployments`. */
  url: string;
  authorization: string | undefined;
  body: unknown;
}

export interface GitHubStandInOptions {
  /** Answer every request with this status (403 or 404, as GitHub does for a token without the permission). */
  refuseWith?: 403 | 404;
}

/**
 * A stand-in for the GitHub REST API's deployments endpoints: create a deployment and
 * create its statuses, with the status codes and body shapes GitHub uses. Every request is
 * recorded, so tests assert on what the action sent.
 */
export async function startGitHubStandIn(options: GitHubStandInOptions = {}) {
  const requests: RecordedGitHubRequest[] = [];
  let nextId = 4_200;
  const server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    requests.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(payload));
    };
    if (options.refuseWith === 403) return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' });
    if (options.refuseWith === 404) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });

    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    const deployments = /^\/repos\/([^/]+)\/([^/]+)\/deployments$/.exec(path);
    const statuses = /^\/repos\/([^/]+)\/([^/]+)\/deployments\/(\d+)\/statuses$/.exec(path);
    if (deployments && request.method === 'POST') {
      const id = nextId++;
      const { ref, environment, description } = body as { ref: string; environment: string; description?: string };
      return send(201, { id, url: `${baseUrl()}${path}/${id}`, sha: ref, ref, task: 'deploy', environment, description: description ?? null, payload: {} });
    }
    if (statuses && request.method === 'POST') {
      const { state, environment_url: environmentUrl, log_url: logUrl } = body as { state: string; environment_url?: string; log_url?: string };
      return send(201, { id: nextId++, state, environment_url: environmentUrl ?? '', log_url: logUrl ?? '', deployment_url: `${baseUrl()}/repos/${statuses[1]}/${statuses[2]}/deployments/${statuses[3]}` });
    }
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl(),
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}
