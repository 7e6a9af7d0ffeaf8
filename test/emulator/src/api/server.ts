import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { authorize, forbidden } from '../rbac.js';
import { REVIEW_RESOURCES } from '../resources.js';
import { ADMIN_USER, Authenticator, requestAttributes } from './authentication.js';
import type { ApiBackend } from './backend.js';
import { serveResource } from './crud.js';
import { serveDiscovery } from './discovery.js';
import { readBody, sendError, type Request } from './http.js';
import { proxy } from './proxy.js';
import { serveReview } from './reviews.js';
import { parseResourcePath } from './routes.js';

const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

export interface ApiServer {
  url: string;
  close(): Promise<void>;
  /** Listens again on the same address after `close` (an API server outage and its end). */
  reopen(): Promise<void>;
}

/**
 * The emulator's API server: HTTPS with a bearer token (all but health and version paths): the
 * admin token (system:masters) or a ServiceAccount token, authorised by RBAC; then discovery or a resource.
 */
export async function startApiServer(backend: ApiBackend, tls: { key: string; cert: string }): Promise<ApiServer> {
  const authenticator = new Authenticator(backend.store, backend.token);
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const started = performance.now();
    res.on('finish', () => backend.onRequest?.(req.method ?? '', req.url ?? '', res.statusCode, performance.now() - started));
    handle(backend, authenticator, req, res).catch((error: unknown) => sendError(res, error));
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

async function handle(backend: ApiBackend, authenticator: Authenticator, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://emulator');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const user = PUBLIC_PATHS.has(path) ? ADMIN_USER : authenticator.authenticate(req.headers.authorization);
  const route = parseResourcePath(path);
  const attributes = requestAttributes(req.method ?? 'GET', url.pathname, url, route);
  const decision = authorize(backend.store, user, attributes);
  if (!decision.allowed) throw forbidden(user, attributes, decision.reason);
  if (route?.subresource === 'proxy') {
    proxy(backend, route, req, res, url);
    return;
  }
  const request: Request = { method: req.method ?? 'GET', url, headers: req.headers, body: await readBody(req), user };
  if (!route) {
    serveDiscovery(path, request, res);
    return;
  }
  if (REVIEW_RESOURCES.has(route.type.resource) || route.subresource === 'token') {
    serveReview(backend.store, authenticator, user, route, request, res);
    return;
  }
  await serveResource(backend, route, request, req, res);
}
