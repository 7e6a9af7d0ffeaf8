import { registerSecret } from '../../../lib/index.js';
import type { IntervalValues, MetricsProvider } from '../analysis.js';
import { ProviderUnavailableError } from '../analysis.js';
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

interface QueryRangeAnswer {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
}

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
      throw new ProviderUnavailableError(error instanceof Error ? error.message : String(error));
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
    const render = (template: string) =>
      renderQuery(template, { selector, namespace: this.options.namespace, interval: `${this.options.intervalSeconds}s` });
    if (metric.reduce === 'ratio') {
      const [errors, requests] = await Promise.all([
        this.scalar(render(metric['errors-query']!), at),
        this.scalar(render(metric['requests-query']!), at),
      ]);
      // No 5xx series at all is the usual case: sum() over nothing answers no series, meaning 0 errors.
      const errorCount = errors ?? 0;
      if (requests === undefined || requests === 0) return { value: null, errors: errorCount, requests: 0, missing: 'no requests in this interval' };
      return { value: errorCount / requests, errors: errorCount, requests };
    }
    const value = await this.scalar(render(metric.query!), at);
    if (value === undefined) return { value: null, missing: 'the query returned no series' };
    if (!Number.isFinite(value)) return { value: null, missing: `the query returned ${value}` };
    return { value };
  }

  /** The query's value at `at`, summed over the series it returns; undefined when it returns none. */
  private async scalar(query: string, at: Date): Promise<number | undefined> {
    const series = await this.queryRange(query, at);
    const values = series.flatMap((entry) => entry.values.map(([, value]) => Number(value)));
    return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0);
  }

  private async queryRange(query: string, at: Date) {
    const seconds = String(at.getTime() / 1000);
    const url = new URL('api/v1/query_range', this.options.url.endsWith('/') ? this.options.url : `${this.options.url}/`);
    const body = new URLSearchParams({ query, start: seconds, end: seconds, step: `${this.options.intervalSeconds}s` });
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: this.headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error: unknown) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`cannot reach ${url.origin}: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`);
    }
    const text = await response.text();
    let answer: QueryRangeAnswer | undefined;
    try {
      answer = JSON.parse(text) as QueryRangeAnswer;
    } catch {
      answer = undefined;
    }
    if (!response.ok || answer?.status !== 'success') {
      throw new Error(`query_range answered ${response.status}${answer?.error ? `: ${answer.error}` : ''} for ${query}`);
    }
    return answer.data?.result ?? [];
  }
}
