import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../example-service/scripts/embedded-postgres.js';
import { listenLocally } from '../harness/local-server.js';
import { errorMessages, runBundle, type ActionRun } from '../harness/run-bundle.js';
import { HEALTHY_FIXTURE, startStandInPrometheus, type StandInPrometheus } from './stand-in-prometheus.js';

const ACTION = 'actions/canary-analyze';
const SELECTORS = {
  'baseline-selector': 'app.kubernetes.io/name=inventory-service,track=baseline',
  'canary-selector': 'app.kubernetes.io/name=inventory-service,track=canary',
};
const TOKEN = 'planted-prometheus-token-7d1e';

let prometheus: StandInPrometheus | undefined;
afterEach(async () => {
  await prometheus?.close();
  prometheus = undefined;
});

async function analyse(canary: typeof HEALTHY_FIXTURE, inputs: Record<string, string> = {}): Promise<ActionRun> {
  prometheus = await startStandInPrometheus({ baseline: HEALTHY_FIXTURE, canary });
  return runBundle({
    action: ACTION,
    inputs: {
      provider: 'prometheus',
      'prometheus-url': prometheus.url,
      'prometheus-token': TOKEN,
      interval: '1s',
      iterations: '5',
      namespace: 'shop',
      ...SELECTORS,
      ...inputs,
    },
  });
}

describe('the canary-analyze bundle against a stand-in Prometheus', () => {
  it('promotes a healthy canary, with outputs, report and summary', async () => {
    const run = await analyse(HEALTHY_FIXTURE);
    expect(errorMessages(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'promote', score: '100', 'failed-metrics': '' });
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(run.outputs.report!.startsWith(run.runnerTemp)).toBe(true);
    expect(report.metrics.map((metric: { name: string; intervals: unknown[] }) => [metric.name, metric.intervals.length])).toEqual([
      ['error-rate', 5],
      ['p95-latency', 5],
      ['p99-latency', 5],
    ]);
    expect(report.metrics[1]).toMatchObject({ result: 'pass', test: { method: 'mann-whitney-exact' } });
    expect(run.summary.indexOf('canary-analyze: promote')).toBeLessThan(run.summary.indexOf('<table>'));
    expect(run.summary).toContain('xychart-beta');
    // the selectors became PromQL matchers, the token went in the header and nowhere else
    expect(prometheus!.received.map((request) => request.query)).toContain(
      'sum(increase(http_requests_total{ app_kubernetes_io_name="inventory-service", track="canary", namespace="shop", route=~"/api/.*", status_code=~"5.." }[1s]))',
    );
    expect(prometheus!.received.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(run.everythingWritten).not.toContain(TOKEN);
  });

  it('rolls back a canary with 10% errors early, and the step still succeeds', async () => {
    const run = await analyse({ ...HEALTHY_FIXTURE, errorRate: 0.1 }, { iterations: '8' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'rollback', score: '0' });
    expect(run.outputs['failed-metrics']).toContain('error-rate');
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(report.stoppedEarly).toEqual({ afterIntervals: 3, metric: 'error-rate' });
    expect(run.summary).toContain('canary-analyze: rollback');
  });

  it('fails the step on rollback when fail-on-rollback is true', async () => {
    const run = await analyse({ ...HEALTHY_FIXTURE, p95: 0.08, p99: 0.16 }, { 'fail-on-rollback': 'true' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('rollback');
    expect(errorMessages(run)[0]).toContain('the verdict is rollback and fail-on-rollback is true');
  });

  it('a Prometheus that is down gives inconclusive with the reason, not a crash', async () => {
    const run = await runBundle({
      action: ACTION,
      inputs: { provider: 'prometheus', 'prometheus-url': `http://127.0.0.1:${await freePort()}`, interval: '1s', ...SELECTORS },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'inconclusive', score: '0' });
    expect(run.summary).toContain('inconclusive');
    expect(run.summary).toContain('ECONNREFUSED');
  });
});

describe('synthetic traffic during the analysis', () => {
  it('sends bounded read-only requests at the rate asked for and reports them', async () => {
    const received: string[] = [];
    const target = await listenLocally(
      createServer((request, response) => {
        received.push(`${request.method} ${request.url}`);
        response.end('[]');
      }),
    );
    const url = `${target.url}/api/items?limit=1`;
    try {
      const run = await analyse(HEALTHY_FIXTURE, { traffic: `url: ${url}\nrate: 20` });
      expect(errorMessages(run)).toEqual([]);
      const report = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
      expect(report.traffic).toMatchObject({ url, method: 'GET', failed: 0, sent: received.length, statuses: { 200: received.length } });
      // 5 intervals of 1 s at 20 requests per second, bounded by the analysis' length.
      expect(received.length).toBeGreaterThan(40);
      expect(received.length).toBeLessThanOrEqual(20 * 7);
      expect(new Set(received)).toEqual(new Set(['GET /api/items?limit=1']));
      expect(run.summary).toContain(`Synthetic traffic: ${received.length} GET requests to \`${url}\`, 0 without an answer.`);
    } finally {
      await target.close();
    }
  });
});

describe('bad input fails before anything happens', () => {
  it.each([
    [{ provider: 'prometheus' }, 'Input "prometheus-url" is required'],
    [{ metrics: '- name: p95\n  reduce: quantile\n  quantile: 95' }, 'Metric "p95": field "quantile": expected a number between 0 and 1.'],
    [{ metrics: '- name: errors\n  reduce: ratio\n  metric: http_requests_total' }, 'Metric "errors": field "errors" is required for reduce: ratio'],
    [
      { provider: 'prometheus', 'prometheus-url': 'http://127.0.0.1:9', 'canary-selector': 'track in (canary)' },
      'Input "canary-selector" has value "track in (canary)"',
    ],
    [{ traffic: 'url: http://127.0.0.1:9/api/items\nrate: 5\nmethod: POST' }, 'Input "traffic": field "method": expected GET or HEAD'],
    [{ 'marginal-score': '80' }, 'Input "marginal-score" has value "80": expected at most pass-score (75).'],
    [{ confidence: '2' }, 'Input "confidence" has value "2": expected a number from 0.5 to 0.9999.'],
  ])('%j', async (inputs, message) => {
    const run = await runBundle({ action: ACTION, inputs: { ...SELECTORS, ...inputs } });
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run)).toHaveLength(1);
    expect(errorMessages(run)[0]).toContain(message);
    expect(run.outputs).toEqual({});
  });
});

describe('every cross-checked input is checked before the first query', () => {
  const live = { provider: 'prometheus', interval: '1s', iterations: '3' };
  it.each([
    [{ 'marginal-score': '80', 'pass-score': '70' }, 'Input "marginal-score" has value "80": expected at most pass-score (70).'],
    [{ 'prometheus-password': 'planted-password-1' }, 'Input "prometheus-password" is set without "prometheus-username"'],
    [{ duration: '1s', interval: '30s' }, 'Input "duration" has value "1s": expected from one to 1000 intervals of 30s (it makes 0).'],
    [{ 'baseline-selector': 'track notin (canary)' }, 'Input "baseline-selector" has value "track notin (canary)"'],
    [{ metrics: '- name: errors\n  errors-query: sum(x{ {{selector}} })' }, 'Metric "errors": field "requests-query" is required'],
  ])('%j', async (inputs, message) => {
    prometheus = await startStandInPrometheus({ baseline: HEALTHY_FIXTURE, canary: HEALTHY_FIXTURE });
    const run = await runBundle({ action: ACTION, inputs: { ...SELECTORS, ...live, 'prometheus-url': prometheus.url, ...inputs } });
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run)).toEqual([expect.stringContaining(message)]);
    expect(prometheus.received).toEqual([]);
    expect(run.everythingWritten).not.toContain('planted-password-1');
  });
});

describe('a metric written as a Prometheus user writes it: a name, a query, a direction', () => {
  it('is one value per interval, judged like a quantile, with no reduce', async () => {
    const metrics = [
      '- name: p95',
      "  query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{ {{selector}} }[{{interval}}])))'",
      '  direction: increase',
      '  critical: true',
      '- name: errors',
      '  errors-query: \'sum(increase(http_requests_total{ {{selector}}, status_code=~"5.." }[{{interval}}]))\'',
      "  requests-query: 'sum(increase(http_requests_total{ {{selector}} }[{{interval}}]))'",
    ].join('\n');
    const run = await analyse({ ...HEALTHY_FIXTURE, p95: 0.2 }, { metrics, iterations: '6' });
    expect(errorMessages(run)).toEqual([]);
    expect(run.outputs).toMatchObject({ verdict: 'rollback', 'failed-metrics': 'p95' });
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(report.metrics[0]).toMatchObject({ name: 'p95', result: 'fail', test: { method: 'mann-whitney-exact' } });
    expect(report.metrics[1]).toMatchObject({
      name: 'errors',
      result: 'pass',
      definition: { reduce: 'ratio' },
      test: { method: expect.stringMatching(/fisher|proportion/) },
    });
  });
});
