import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { errorMessages, runBundle } from '../harness/run-bundle.js';
import {
  HEALTHY_FIXTURE,
  STAND_IN_SELECTORS,
  startStandInPrometheus,
  type GroupFixture,
  type StandInAnswer,
  type StandInQuery,
} from './stand-in-prometheus.js';

// Prometheus answering what no healthy Prometheus would: the verdict is never promote when a
// critical metric's input was not a finite number or missing, and the summary says why.
const ACTION = 'actions/canary-analyze';
const ONE_MEGABYTE = 1024 * 1024;

interface Tampering {
  series: StandInQuery['series'];
  group: StandInQuery['group'];
  /** Which interval (0-based); every interval when unset. */
  interval?: number;
  answer: (query: StandInQuery) => StandInAnswer;
}

async function analyse(canary: GroupFixture, tampering: Tampering | undefined, inputs: Record<string, string> = {}) {
  const prometheus = await startStandInPrometheus({ baseline: HEALTHY_FIXTURE, canary }, (query) =>
    tampering && query.series === tampering.series && query.group === tampering.group && (tampering.interval ?? query.count) === query.count
      ? tampering.answer(query)
      : undefined,
  );
  try {
    const run = await runBundle({
      action: ACTION,
      inputs: { provider: 'prometheus', 'prometheus-url': prometheus.url, interval: '1s', iterations: '4', ...STAND_IN_SELECTORS, ...inputs },
    });
    return { run, report: run.outputs.report ? JSON.parse(await readFile(run.outputs.report, 'utf8')) : undefined, received: prometheus.received };
  } finally {
    await prometheus.close();
  }
}

const metricResult = (report: { metrics: Array<{ name: string; result: string; reason: string }> }, name: string) =>
  report.metrics.find((metric) => metric.name === name)!;

const once = (series: Tampering['series'], group: Tampering['group'], answer: Tampering['answer']): Tampering => ({ series, group, interval: 1, answer });

describe.concurrent('a healthy canary, one answer of the critical error-rate tampered with: inconclusive, never promote', () => {
  it.each<[string, Tampering, RegExp]>([
    ['NaN', once('errors', 'canary', () => ({ value: 'NaN' })), /not a finite number/],
    ['+Inf', once('requests', 'canary', () => ({ value: '+Inf' })), /not a finite number/],
    ['-Inf', once('errors', 'baseline', () => ({ value: '-Inf' })), /not a finite number/],
    ['"abc"', once('errors', 'canary', () => ({ value: 'abc' })), /not a finite number/],
    ['an empty string', once('errors', 'canary', () => ({ value: '' })), /not a finite number/],
    ['null', once('errors', 'canary', () => ({ value: null })), /not a finite number/],
    ['a negative count', once('errors', 'canary', () => ({ value: '-5' })), /not counts/],
    ['more errors than requests', once('errors', 'canary', () => ({ value: '6000' })), /not counts/],
    [
      'duplicated timestamps',
      once('errors', 'canary', (query) => ({
        values: [
          [query.end, query.value],
          [query.end, query.value],
        ],
      })),
      /points at/,
    ],
    [
      'out-of-order timestamps',
      once('errors', 'canary', (query) => ({
        values: [
          [query.end, query.value],
          [query.end - 1, '0'],
        ],
      })),
      /points at/,
    ],
    ['a point at another instant', once('errors', 'canary', (query) => ({ values: [[query.end - 3600, query.value]] })), /points at/],
    [
      'a huge result (10,000 series that add up past the largest double)',
      once('errors', 'canary', (query) => ({
        result: Array.from({ length: 10_000 }, (_, index) => ({ metric: { pod: `p${index}` }, values: [[query.end, '1e305']] })),
      })),
      /add up to Infinity/,
    ],
    [
      'truncated JSON',
      once('errors', 'canary', (query) => ({
        status: 200,
        body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[query.end, '6']] }] } }).slice(0, 60),
      })),
      /not JSON/,
    ],
    [
      'JSON of another shape',
      once('errors', 'canary', () => ({ status: 200, body: JSON.stringify({ status: 'success', data: { result: 'NaN' } }) })),
      /not a query_range answer/,
    ],
    ['a 1 MB body that is not JSON', once('errors', 'canary', () => ({ status: 200, body: 'x'.repeat(ONE_MEGABYTE), contentType: 'text/plain' })), /not JSON/],
    ['a 17 MB body', once('errors', 'canary', () => ({ status: 200, body: Buffer.alloc(17 * ONE_MEGABYTE, ' ') })), /more than 16 MB/],
  ])('%s', async (_label, tampering, reason) => {
    const { run, report } = await analyse(HEALTHY_FIXTURE, tampering);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('inconclusive');
    expect(run.outputs.score).toBe('0');
    const errorRate = metricResult(report, 'error-rate');
    expect(errorRate.result).toBe('no-data');
    expect(errorRate.reason).toMatch(reason);
    expect(run.summary).toContain('canary-analyze: inconclusive');
    expect(run.summary).toMatch(/critical metric error-rate has no data/);
    expect(run.summary).toContain('⚠️ no data');
  });

  it('no series for the canary requests at all: no data, inconclusive', async () => {
    const { run, report } = await analyse(HEALTHY_FIXTURE, { series: 'requests', group: 'canary', answer: () => ({ result: [] }) });
    expect(run.outputs.verdict).toBe('inconclusive');
    expect(metricResult(report, 'error-rate').reason).toMatch(/no requests|errors of 0 requests/);
  });

  it('the issue: one NaN sample for a canary with 50% errors does not promote it (it rolls back on the other intervals)', async () => {
    const { run, report } = await analyse(
      { ...HEALTHY_FIXTURE, errorRate: 0.5 },
      { series: 'errors', group: 'canary', interval: 0, answer: () => ({ value: 'NaN' }) },
    );
    expect(run.outputs.verdict).toBe('rollback');
    expect(metricResult(report, 'error-rate').result).toBe('fail');
    expect(report.metrics[0].intervals[0].canary).toMatchObject({ value: null, malformed: true });
  });

  it('a NaN in a metric that is not critical makes it no-data, never a pass', async () => {
    const { run, report } = await analyse(
      HEALTHY_FIXTURE,
      once('p95', 'canary', () => ({ value: 'NaN' })),
    );
    expect(metricResult(report, 'p95-latency').result).toBe('no-data');
    expect(metricResult(report, 'p95-latency').reason).toMatch(/not a finite number: never a pass/);
    // Judged on the two other metrics, which pass.
    expect(run.outputs).toMatchObject({ verdict: 'promote', score: '100' });
  });
});

describe.concurrent('error texts that carry secrets', () => {
  const PASSWORD = 'planted-password-5c2a';
  const TOKEN = 'planted-token-9e41';

  it('a Prometheus error quoting the credentials and URL: inconclusive, nothing of the secrets written', async () => {
    const basic = Buffer.from(`metrics:${PASSWORD}`).toString('base64');
    const { run } = await analyse(
      HEALTHY_FIXTURE,
      {
        series: 'errors',
        group: 'canary',
        answer: () => ({
          status: 401,
          body: JSON.stringify({
            status: 'error',
            errorType: 'auth',
            error: `bad credentials ${basic} for http://metrics:${PASSWORD}@prometheus/ (password ${PASSWORD})`,
          }),
        }),
      },
      { 'prometheus-username': 'metrics', 'prometheus-password': PASSWORD },
    );
    expect(run.outputs.verdict).toBe('inconclusive');
    expect(run.summary).toContain('query_range answered 401: bad credentials');
    expect(run.everythingWritten).not.toContain(PASSWORD);
    expect(run.everythingWritten).not.toContain(basic);
  });

  it('a Prometheus error quoting the bearer token at the first probe: inconclusive, the token not written', async () => {
    const prometheus = await startStandInPrometheus({ baseline: HEALTHY_FIXTURE, canary: HEALTHY_FIXTURE }, () => ({
      status: 403,
      body: JSON.stringify({ status: 'error', error: `token ${TOKEN} is not allowed` }),
    }));
    try {
      const refused = await runBundle({
        action: ACTION,
        inputs: { provider: 'prometheus', 'prometheus-url': prometheus.url, 'prometheus-token': TOKEN, interval: '1s', iterations: '3', ...STAND_IN_SELECTORS },
      });
      expect(refused.outputs.verdict).toBe('inconclusive');
      expect(refused.summary).toContain('unavailable: query_range answered 403');
      expect(refused.everythingWritten).not.toContain(TOKEN);
    } finally {
      await prometheus.close();
    }
  });

  it('prometheus-url with user:password@ is an input error that does not echo the password, before any request', async () => {
    const prometheus = await startStandInPrometheus({ baseline: HEALTHY_FIXTURE, canary: HEALTHY_FIXTURE });
    try {
      const withCredentials = prometheus.url.replace('http://', `http://metrics:${PASSWORD}@`);
      const run = await runBundle({
        action: ACTION,
        inputs: { provider: 'prometheus', 'prometheus-url': withCredentials, interval: '1s', iterations: '3', ...STAND_IN_SELECTORS },
      });
      expect(run.exitCode).toBe(1);
      expect(errorMessages(run)).toEqual([expect.stringContaining('Input "prometheus-url" has value "http://***@127.0.0.1:')]);
      expect(run.stdout).toContain('without a user name or password in it');
      expect(run.everythingWritten).not.toContain(PASSWORD);
      expect(prometheus.received).toEqual([]);
    } finally {
      await prometheus.close();
    }
  });
});

describe.concurrent('provider text in the job summary', () => {
  const HOSTILE_TEXT = '<img src=x onerror=alert(1)> [click](https://evil.example) @org/team | ``` ]"';

  it('an error text with HTML, a link, a mention and table and fence breakers is escaped everywhere it appears', async () => {
    const { run } = await analyse(HEALTHY_FIXTURE, {
      series: 'errors',
      group: 'canary',
      answer: () => ({ status: 400, body: JSON.stringify({ status: 'error', error: HOSTILE_TEXT }) }),
    });
    expect(run.outputs.verdict).toBe('inconclusive');
    expect(run.summary).toContain('query_range answered 400: &lt;img src=x');
    expect(run.summary).not.toContain('<img');
    // Markdown is rendered in the prose, not inside core.summary's one-line HTML table.
    const prose = run.summary.replace(/<table>.*?<\/table>/gs, '');
    expect(prose).toContain('\\[click\\]\\(https://evil.example\\)');
    expect(prose).not.toContain('[click](https://evil.example)');
    expect(run.summary).not.toContain('@org/team');
    expect(run.summary).not.toMatch(/^```(?!mermaid)/m);
  });
});
