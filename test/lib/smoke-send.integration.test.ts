import http from 'node:http';
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOST_RESPONSE_BYTES, sendSmokeRequest } from '../../actions/lib/kubernetes/smoke-run.js';
import { parseSmokeChecks } from '../../actions/lib/smoke-checks.js';

/** What a pod (or whatever answers for it) may send back to a smoke check: every answer is bounded in size and time. */
describe('a smoke check request against hostile answers', () => {
  let folder: string;
  let httpSocket: string;
  let garbageSocket: string;
  const servers: Array<http.Server | net.Server> = [];
  const sockets: net.Socket[] = [];
  const received: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'smoke-send-'));
    httpSocket = join(folder, 'http.sock');
    garbageSocket = join(folder, 'garbage.sock');
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, headers: request.headers, body });
        if (request.url === '/huge') {
          response.writeHead(200);
          const chunk = Buffer.alloc(64 * 1024, 'a');
          for (let i = 0; i < 16; i++) response.write(chunk);
          response.end();
        } else if (request.url === '/never') {
          response.writeHead(200);
          response.write('partial');
        } else {
          response.end(request.method === 'HEAD' ? undefined : `echo ${request.method} ${body}`);
        }
      });
    });
    const garbage = net.createServer((socket) => socket.end('\u0000\u0001 not HTTP at all\r\n\r\n'));
    servers.push(server, garbage);
    for (const listening of servers) listening.on('connection', (socket: net.Socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(httpSocket, resolve));
    await new Promise<void>((resolve) => garbage.listen(garbageSocket, resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await rm(folder, { recursive: true, force: true });
  });

  const check = (yaml: string) => parseSmokeChecks(yaml)[0]!;

  it('reads at most 64 KiB of a 1 MB answer and says it was truncated', async () => {
    const answer = await sendSmokeRequest(httpSocket, '/huge', check('- /huge'));
    expect(answer.status).toBe(200);
    expect(answer.truncated).toBe(true);
    expect(Buffer.byteLength(answer.body)).toBe(MOST_RESPONSE_BYTES);
  });

  it('gives up on an answer that never ends after the check timeout', async () => {
    await expect(sendSmokeRequest(httpSocket, '/never', check('- { path: /never, timeout-seconds: 1 }'))).rejects.toThrow('no complete answer within 1 s');
  });

  it('refuses what is not HTTP', async () => {
    await expect(sendSmokeRequest(garbageSocket, '/', check('- /'))).rejects.toThrow(/Parse Error|HPE_|Expected HTTP/);
  });

  it('sends the method, the body and the headers; HEAD has no body', async () => {
    const posted = await sendSmokeRequest(httpSocket, '/items', check('- { method: POST, path: /items, body: \'{"a":1}\', headers: { X-Trace: abc } }'));
    expect(posted).toMatchObject({ status: 200, body: 'echo POST {"a":1}', truncated: false });
    expect(Number.isFinite(posted.milliseconds)).toBe(true);
    expect(received.at(-1)?.headers['x-trace']).toBe('abc');
    expect(received.at(-1)?.headers['content-length']).toBe('7');
    const head = await sendSmokeRequest(httpSocket, '/ready', check('- { method: HEAD, path: /ready }'));
    expect(head).toMatchObject({ status: 200, body: '' });
  });
});
