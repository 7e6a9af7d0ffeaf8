import { z } from 'zod';
import { abbreviate, describeError, errorCode, finiteOrMissing, redactSecrets, registerSecret } from '../../index.js';
import type { IntervalValues, MetricsProvider } from '../analysis.js';
import { MalformedAnswerError, ProviderUnavailableError } from '../analysis.js';
import type { GroupValue } from '../judge.js';
import { renderQuery, selectorMatchers, type MetricDefinition } from '../metrics.js';

export interface PrometheusOptions {
  url: string;
  token?: string;
  username?: string;
  password?: string;
  namespace?: string;
  baselineSelector: string;
  canarySelector: string;
  intervalSeconds: number;
  metrics: readonly MetricDefinition[];
}

/** The answer's shape; sample values stay unknown here, each is read with finiteOrMissing. */
const queryRangeAnswer = z.object({
  status: z.enum(['success', 'error']),
  error: z.string().optional(),
  data: z
    .object({ result: z.array(z.object({ metric: z.record(z.string(), z.unknown()).optional(), values: z.array(z.tuple([z.number(), z.unknown()])) })) })
    .optional(),
});

type Series = NonNullable<z.output<typeof queryRangeAnswer>['data']>['result'];

/** A query's value at one instant: the sum over its series, none (no series), or why it is unusable. */
type Scalar = { value?: number; missing?: string };

const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
const MAX_ERROR_TEXT = 300;
const REQUEST_TIMEOUT_MS = 15_000;

/** Runs each metric's PromQL templates for both groups at the end of each interval (`/api/v1/query_range`, one step). */
export class PrometheusProvider implements MetricsProvider {
  readonly description: string;
  private readonly headers: Record<string, string> = { Accept: 'application/json' };
  private readonly groups: Array<['baseline' | 'canary', string]>;

  constructor(private readonly options: PrometheusOptions) {
    this.description = `Prometheus at ${new URL(options.url).origin}`;
    if (options.token) this.headers.Authorization = `Bearer ${options.token}`;
    if (options.username !== undefined) {
      const credentials = Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64');
      registerSecret(credentials);
      this.headers.Authorization = `Basic ${credentials}`;
    }
    this.groups = [
      ['baseline', selectorMatchers(options.baselineSelector, 'baseline-selector', options.namespace)],
      ['canary', selectorMatchers(options.canarySelector, 'canary-selector', options.namespace)],
    ];
  }

  async start(): Promise<void> {
    try {
      await this.queryRange('vector(1)', new Date());
    } catch (error: unknown) {
      throw new ProviderUnavailableError(describeError(error));
    }
  }

  async collect(intervalEnd: Date): Promise<IntervalValues> {
    const values: IntervalValues = new Map();
    for (const metric of this.options.metrics) {
      const [baseline, canary] = await Promise.all(this.groups.map(([, selector]) => this.groupValue(metric, selector, intervalEnd)));
      values.set(metric.name, { baseline: baseline!, canary: canary! });
    }
    return values;
  }

  private async groupValue(metric: MetricDefinition, selector: string, at: Date): Promise<GroupValue> {
    const render = (template: string) => renderQuery(template, { selector, namespace: this.options.namespace, interval: `${this.options.intervalSeconds}s` });
    if (metric.reduce === 'ratio') {
      const [errors, requests] = await Promise.all([this.scalar(render(metric['errors-query']!), at), this.scalar(render(metric['requests-query']!), at)]);
      for (const [what, answer] of [
        ['errors-query', errors],
        ['requests-query', requests],
      ] as const) {
        if (answer.missing) return { value: null, missing: `${what}: ${answer.missing}`, malformed: true };
      }
      // No 5xx series at all is the usual case: sum() over nothing answers no series, meaning 0 errors.
      const errorCount = errors.value ?? 0;
      const requestCount = requests.value ?? 0;
      if (errorCount < 0 || requestCount < 0 || errorCount > requestCount * (1 + 1e-9)) {
        return { value: null, missing: `not counts: ${errorCount} errors of ${requestCount} requests`, malformed: true };
      }
      if (requestCount === 0) return { value: null, errors: errorCount, requests: 0, missing: 'no requests in this interval' };
      return { value: errorCount / requestCount, errors: errorCount, requests: requestCount };
    }
    const answer = await this.scalar(render(metric.query!), at);
    if (answer.missing) return { value: null, missing: answer.missing, malformed: true };
    if (answer.value === undefined) return { value: null, missing: 'the query returned no series' };
    return { value: answer.value };
  }

  /**
   * The query's value at `at`, summed over the series it returns. One instant was asked for,
   * so each series must hold one point at that instant: more points, or another timestamp, is
   * an answer this cannot read. A value that is not a finite number makes the whole sum unusable.
   */
  private async scalar(query: string, at: Date): Promise<Scalar> {
    const seconds = at.getTime() / 1000;
    const series = await this.queryRange(query, at);
    let sum = 0;
    for (const { values } of series) {
      if (values.length === 0) continue;
      const timestamps = values.map(([timestamp]) => timestamp);
      if (values.length > 1 || Math.abs(timestamps[0]! - seconds) > 0.001) {
        return { missing: `Prometheus answered points at ${abbreviate(timestamps.join(', '), MAX_ERROR_TEXT)} for the one instant ${seconds}` };
      }
      const value = finiteOrMissing(values[0]![1]);
      if (value === undefined)
        return { missing: `the query returned ${abbreviate(JSON.stringify(values[0]![1]) ?? 'nothing', MAX_ERROR_TEXT)}, not a finite number` };
      sum += value;
    }
    if (!Number.isFinite(sum)) return { missing: `the query's series add up to ${sum}` };
    return { value: series.some(({ values }) => values.length > 0) ? sum : undefined };
  }

  private async queryRange(query: string, at: Date): Promise<Series> {
    const seconds = String(at.getTime() / 1000);
    const url = new URL('api/v1/query_range', this.options.url.endsWith('/') ? this.options.url : `${this.options.url}/`);
    const body = new URLSearchParams({ query, start: seconds, end: seconds, step: `${this.options.intervalSeconds}s` });
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: this.headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error: unknown) {
      // Only a code or the error's kind: a library's message may quote the URL it was given.
      const code =
        errorCode(error) ?? (error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${REQUEST_TIMEOUT_MS / 1000}s` : 'the request failed');
      throw new Error(`cannot reach ${url.origin}: ${code}`);
    }
    const text = await readLimited(response, MAX_ANSWER_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const answer = queryRangeAnswer.safeParse(json);
    if (!response.ok || answer.data?.status === 'error') {
      const detail = answer.data?.error ? `: ${abbreviate(redactSecrets(answer.data.error), MAX_ERROR_TEXT)}` : '';
      throw new Error(`query_range answered ${response.status}${detail} for ${query}`);
    }
    if (!answer.success || answer.data.status !== 'success') {
      throw new MalformedAnswerError(
        `query_range answered ${response.status} with ${json === undefined ? 'a body that is not JSON (truncated?)' : 'JSON that is not a query_range answer'} for ${query}`,
      );
    }
    return answer.data.data?.result ?? [];
  }
}

/** The body as text, refused past `limit` bytes (a misconfigured proxy or a runaway query must not fill the runner's memory). */
async function readLimited(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const read = () =>
    reader.read().catch(() => {
      throw new MalformedAnswerError('the answer broke off before its end');
    });
  for (let chunk = await read(); !chunk.done; chunk = await read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new MalformedAnswerError(`query_range answered more than ${limit / 1024 / 1024} MB`);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
