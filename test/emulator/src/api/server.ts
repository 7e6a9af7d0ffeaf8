import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.js';
import type { ApiBackend } from './backend.js';
import { serveResource } from './crud.js';
import { serveDiscovery } from './discovery.js';
import { readBody, sendError, type Request } from './http.js';
import { proxy } from './proxy.js';
import { parseResourcePath } from './routes.js';

const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

export interface ApiServer {
  url: string;
  close(): Promise<void>;
  /** Listens again on the same address after `close` (an API server outage and its end). */
  reopen(): Promise<void>;
}

/** The emulator's API server: HTTPS with a bearer token (all but health and version paths), then discovery or a resource. */
export async function startApiServer(backend: ApiBackend, tls: { key: string; cert: string }): Promise<ApiServer> {
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const started = performance.now();
    res.on('finish', () => backend.onRequest?.(req.method ?? '', req.url ?? '', res.statusCode, performance.now() - started));
    handle(backend, req, res).catch((error: unknown) => sendError(res, error));
  });
  // Watches stay open for minutes; the defaults would cut them.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    reopen: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
  };
}

function authorized(backend: ApiBackend, header: string | undefined): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(backend.token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

async function handle(backend: ApiBackend, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://emulator');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (!PUBLIC_PATHS.has(path) && !authorized(backend, req.headers.authorization)) {
    throw new ApiError(401, 'Unauthorized', 'Unauthorized');
  }
  const route = parseResourcePath(path);
  if (route?.subresource === 'proxy') {
    proxy(backend, route, req, res, url);
    return;
  }
  const request: Request = { method: req.method ?? 'GET', url, headers: req.headers, body: await readBody(req) };
  if (!route) {
    serveDiscovery(path, request, res);
    return;
  }
  await serveResource(backend, route, request, req, res);
}
