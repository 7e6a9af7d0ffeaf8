import type http from 'node:http';
import type { ApiBackend } from './backend.js';
import type { Request } from './http.js';
import type { ResourceRoute } from './routes.js';

/** `pods/NAME/log`: the lines so far, then, with `follow=true`, every further line until the container stops. */
export function serveLogs(backend: ApiBackend, route: ResourceRoute, request: Request, req: http.IncomingMessage, res: http.ServerResponse): void {
  const params = request.url.searchParams;
  const tail = params.get('tailLines');
  const container = params.get('container');
  const timestamps = params.get('timestamps') === 'true';
  const source = backend.logs(route.namespace ?? 'default', route.name ?? '', {
    ...(container ? { container } : {}),
    previous: params.get('previous') === 'true',
    ...(tail !== null ? { tailLines: Number(tail) } : {}),
    timestamps,
  });
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  for (const line of source.lines) res.write(line + '\n');
  if (params.get('follow') !== 'true') {
    res.end();
    return;
  }
  res.flushHeaders();
  const stop = source.follow(
    (line) => res.write(line + '\n'),
    () => res.end(),
  );
  req.on('close', stop);
}
