import http from 'node:http';
import { ApiError, notFound } from '../errors.js';
import type { ApiBackend } from './backend.js';
import { sendError } from './http.js';
import type { ResourceRoute } from './routes.js';

/** `services/NAME[:PORT]/proxy/...` and `pods/NAME[:PORT]/proxy/...`: the request passed through to the target, without the caller's token. */
export function proxy(backend: ApiBackend, route: ResourceRoute, req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  if (route.type.resource !== 'pods' && route.type.resource !== 'services') throw notFound(route.type.resource, route.type.group, route.name ?? '');
  const target = backend.proxyTarget(route.type.resource, route.namespace ?? 'default', route.name ?? '');
  const headers = { ...req.headers };
  delete headers.authorization;
  delete headers.host;
  const upstream = http.request(
    {
      host: target.host,
      port: target.port,
      method: req.method,
      path: (route.proxyPath ?? '/') + url.search,
      headers: { ...headers, host: `${target.host}:${target.port}` },
    },
    (upstreamResponse) => {
      res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
      upstreamResponse.pipe(res);
    },
  );
  upstream.setTimeout(30_000, () => upstream.destroy(new Error('timeout')));
  upstream.on('error', (error) => {
    sendError(res, new ApiError(503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${target.host}:${target.port}: ${error.message}`));
  });
  req.pipe(upstream);
}
