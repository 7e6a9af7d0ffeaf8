// A local stand-in for Prometheus' HTTP API: answers /api/v1/query_range from the query text
// (which group, which metric) with values of a chosen behaviour, and records what it was asked.
import { createServer, type Server } from 'node:http';
import { listenLocally, readBody } from '../harness/local-server.js';
import { seededRandom } from './synthetic.js';

export interface GroupFixture {
  requestsPerInterval: number;
  errorRate: number;
  p95: number;
  p99: number;
}

/** The stand-in tells the groups apart by `track="canary"` in a query: selectors that give it. */
export const STAND_IN_SELECTORS = { 'baseline-selector': 'app=inventory,track=baseline', 'canary-selector': 'app=inventory,track=canary' };

export const HEALTHY_FIXTURE: GroupFixture = { requestsPerInterval: 600, errorRate: 0.01, p95: 0.04, p99: 0.08 };

/** One query as the stand-in understood it, for a `tamper` hook. */
export interface StandInQuery {
  query: string;
  group: 'baseline' | 'canary';
  series: 'probe' | 'errors' | 'requests' | 'p95' | 'p99' | 'other';
  /** The instant asked for, in seconds. */
  end: number;
  /** 0 for the first time this exact query text was asked, 1 for the second… (the interval, warm-up included). */
  count: number;
  /** The answer's value as the fixture would give it, as Prometheus writes values. */
  value?: string;
}

/** What a tampered answer is: another sample value, other points or series, or a raw HTTP answer. */
export type StandInAnswer =
  { value: unknown } | { values: unknown[] } | { result: unknown[] } | { status: number; body: string | Buffer; contentType?: string };

export interface StandInPrometheus {
  url: string;
  received: Array<{ query: string; authorization?: string }>;
  close(): Promise<void>;
}

export async function startStandInPrometheus(
  groups: { baseline: GroupFixture; canary: GroupFixture },
  tamper: (query: StandInQuery) => StandInAnswer | undefined = () => undefined,
): Promise<StandInPrometheus> {
  const asked = new Map<string, number>();
  const random = seededRandom(2024);
  const received: StandInPrometheus['received'] = [];
  const noisy = (value: number) => value * (0.9 + 0.2 * random());
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const parameters = request.method === 'POST' ? new URLSearchParams(await readBody(request)) : url.searchParams;
    const query = parameters.get('query') ?? '';
    received.push({ query, authorization: request.headers.authorization });
    if (url.pathname !== '/api/v1/query_range') {
      response.writeHead(404).end();
      return;
    }
    const groupName = query.includes('track="canary"') ? 'canary' : 'baseline';
    const group = groups[groupName];
    let value: number | undefined;
    let series: StandInQuery['series'] = 'other';
    if (query === 'vector(1)') [value, series] = [1, 'probe'];
    else if (query.includes('status_code=~"5.."')) [value, series] = [Math.round(noisy(group.requestsPerInterval * group.errorRate)), 'errors'];
    else if (query.includes('increase(http_requests_total')) [value, series] = [group.requestsPerInterval, 'requests'];
    else if (query.startsWith('histogram_quantile(0.95')) [value, series] = [noisy(group.p95), 'p95'];
    else if (query.startsWith('histogram_quantile(0.99')) [value, series] = [noisy(group.p99), 'p99'];
    const end = Number(parameters.get('end'));
    const count = asked.get(query) ?? 0;
    asked.set(query, count + 1);
    const answer = tamper({ query, group: groupName, series, end, count, value: value === undefined ? undefined : String(value) });
    if (answer && 'status' in answer) {
      response.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' }).end(answer.body);
      return;
    }
    const values = answer && 'values' in answer ? answer.values : [[end, answer && 'value' in answer ? answer.value : String(value)]];
    const result = answer && 'result' in answer ? answer.result : value === undefined && !answer ? [] : [{ metric: {}, values }];
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
  });
  const { url, close } = await listenLocally(server);
  return { url, received, close };
}
