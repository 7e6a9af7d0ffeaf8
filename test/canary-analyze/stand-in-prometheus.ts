// A local stand-in for Prometheus' HTTP API: answers /api/v1/query_range from the query text
// (which group, which metric) with values of a chosen behaviour, and records what it was asked.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './synthetic.js';

export interface GroupFixture {
  requestsPerInterval: number;
  errorRate: number;
  p95: number;
  p99: number;
}

export const HEALTHY_FIXTURE: GroupFixture = { requestsPerInterval: 600, errorRate: 0.01, p95: 0.04, p99: 0.08 };

export interface StandInPrometheus {
  url: string;
  received: Array<{ query: string; authorization?: string }>;
  close(): Promise<void>;
}

export async function startStandInPrometheus(groups: { baseline: GroupFixture; canary: GroupFixture }): Promise<StandInPrometheus> {
  const random = seededRandom(2024);
  const received: StandInPrometheus['received'] = [];
  const noisy = (value: number) => value * (0.9 + 0.2 * random());
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const parameters = request.method === 'POST' ? new URLSearchParams(await body(request)) : url.searchParams;
    const query = parameters.get('query') ?? '';
    received.push({ query, authorization: request.headers.authorization });
    if (url.pathname !== '/api/v1/query_range') {
      response.writeHead(404).end();
      return;
    }
    const group = query.includes('track="canary"') ? groups.canary : groups.baseline;
    let value: number | undefined;
    if (query === 'vector(1)') value = 1;
    else if (query.includes('status_code=~"5.."')) value = Math.round(noisy(group.requestsPerInterval * group.errorRate));
    else if (query.includes('increase(http_requests_total')) value = group.requestsPerInterval;
    else if (query.startsWith('histogram_quantile(0.95')) value = noisy(group.p95);
    else if (query.startsWith('histogram_quantile(0.99')) value = noisy(group.p99);
    const result = value === undefined ? [] : [{ metric: {}, values: [[Number(parameters.get('end')), String(value)]] }];
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function body(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}
