import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { counterDeltas, directReduction, histogramQuantile, reduceDeltas } from '../../actions/lib/analysis/providers/direct/arithmetic.js';
import { loadMetrics } from '../../actions/lib/analysis/metrics.js';
import { parsePrometheusText } from '../../actions/lib/analysis/providers/direct/text-format.js';

// Two scrapes of prom-client 15 with the inventory service's metric definitions: in between,
// /api/items answered 30 requests in 4 ms, 60 in 40 ms, 10 in 300 ms and 10 errors (500, 3 ms);
// /api/items/:id 5 not-founds in 6 ms; /metrics and /health (not API routes) a few more.
const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const first = parsePrometheusText(fixture('inventory-metrics-1.txt'));
const second = parsePrometheusText(fixture('inventory-metrics-2.txt'));
const deltas = counterDeltas(first, second);
const [errorRate, p95, p99] = loadMetrics(undefined, 'direct').map(directReduction);

describe('the direct provider on real scraped text', () => {
  it('counts requests and 5xx errors of the API routes over the interval', () => {
    expect(reduceDeltas(errorRate!, deltas, 30)).toEqual({ value: 10 / 115, errors: 10, requests: 115 });
  });

  it('computes the p95 from histogram bucket deltas by linear interpolation inside the bucket', () => {
    // 115 observations; rank 109.25 falls in (0.25, 0.5] holding the 10 slow ones, 105 below it.
    expect(reduceDeltas(p95!, deltas, 30).value).toBeCloseTo(0.25 + 0.25 * (4.25 / 10), 12);
    expect(reduceDeltas(p99!, deltas, 30).value).toBeCloseTo(0.25 + 0.25 * (8.85 / 10), 12);
  });

  it('a rate is the counter delta per second', () => {
    expect(reduceDeltas({ reduce: 'rate', metric: 'http_requests_total', match: { route: '/health' } }, deltas, 5)).toEqual({ value: 2 });
  });

  it('an interval without requests has no value, with the reason', () => {
    expect(reduceDeltas(errorRate!, counterDeltas(second, second), 30)).toMatchObject({ value: null, missing: 'no requests in this interval' });
    expect(reduceDeltas(p95!, counterDeltas(second, second), 30)).toMatchObject({ value: null, missing: 'no observations in this interval' });
  });
});

describe('counter deltas', () => {
  const sample = (value: number, status = '200') => ({ name: 'http_requests_total', labels: { status_code: status }, value });

  it('a counter that went down was reset and counts from zero', () => {
    expect(counterDeltas([sample(500)], [sample(7)])).toEqual([sample(7)]);
  });

  it('a series that appeared since the last scrape counts from zero (first error of a pod)', () => {
    expect(counterDeltas([sample(10)], [sample(12), sample(3, '500')])).toEqual([sample(2), sample(3, '500')]);
  });
});

describe('histogram_quantile', () => {
  const buckets = [
    { le: 0.1, count: 10 },
    { le: 0.2, count: 30 },
    { le: 0.4, count: 40 },
    { le: Infinity, count: 40 },
  ];

  it.each([
    [0.5, 0.1 + 0.1 * (10 / 20)],
    [0.1, 0.04],
    [0.25, 0.1],
    [0.9, 0.2 + 0.2 * (6 / 10)],
  ])('q = %d → %d', (q, expected) => {
    expect(histogramQuantile(q, buckets)).toBeCloseTo(expected, 12);
  });

  it('a rank in the +Inf bucket answers the highest finite bound, as PromQL', () => {
    expect(
      histogramQuantile(0.99, [
        { le: 0.1, count: 1 },
        { le: Infinity, count: 10 },
      ]),
    ).toBe(0.1);
  });

  it('no observations, or no +Inf bucket, is NaN', () => {
    expect(
      histogramQuantile(0.5, [
        { le: 0.1, count: 0 },
        { le: Infinity, count: 0 },
      ]),
    ).toBeNaN();
    expect(histogramQuantile(0.5, [{ le: 0.1, count: 3 }])).toBeNaN();
  });

  it('evens out non-monotonic buckets like PromQL', () => {
    expect(
      histogramQuantile(0.5, [
        { le: 0.1, count: 6 },
        { le: 0.2, count: 4 },
        { le: Infinity, count: 10 },
      ]),
    ).toBeCloseTo((5 / 6) * 0.1, 12);
  });
});
