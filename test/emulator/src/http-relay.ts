import http from 'node:http';

/**
 * Sends a buffered request to one upstream and pipes its answer back. A failure that is safe to
 * resend (nothing reached the application: the connection was refused, or a pooled connection
 * had just been closed by the other side) calls `retry` instead of answering; any other
 * failure answers 502.
 */
export function relay(
  target: { host: string; port: number },
  req: http.IncomingMessage,
  body: Buffer,
  res: http.ServerResponse,
  options: { agent: http.Agent; retry: () => void; headers?: http.OutgoingHttpHeaders },
): void {
  const upstream = http.request(
    { host: target.host, port: target.port, method: req.method, path: req.url, headers: options.headers ?? req.headers, agent: options.agent },
    (response) => {
      res.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(res);
      response.on('error', () => res.destroy());
    },
  );
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    const retriable = error.code === 'ECONNREFUSED' || (upstream.reusedSocket && error.code === 'ECONNRESET');
    if (res.headersSent) res.destroy();
    else if (retriable) options.retry();
    else {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`upstream ${target.host}:${target.port} failed: ${error.message}\n`);
    }
  });
  upstream.end(body);
}
