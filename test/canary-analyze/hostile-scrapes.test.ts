import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { counterDeltas, directReduction, reduceDeltas } from '../../actions/lib/analysis/providers/direct/arithmetic.js';
import { evaluate, type GroupValue, type IntervalObservation } from '../../actions/lib/analysis/judge.js';
import { loadMetrics } from '../../actions/lib/analysis/metrics.js';
import { ExpositionFormatError, parsePrometheusText } from '../../actions/lib/analysis/providers/direct/text-format.js';
import { DEFAULT_METRICS, DEFAULT_SETTINGS } from './synthetic.js';

// What a pod's /metrics may answer that no healthy client library writes, through the direct
// provider's parser and reductions, then the judge: a value that is not a finite number is
// missing, a metric with such an interval is never a pass, and the verdict is never promote.
const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const FIRST = fixture('inventory-metrics-1.txt');
const SECOND = fixture('inventory-metrics-2.txt');
const ERRORS_LINE = 'http_requests_total{method="GET",route="/api/items",status_code="500"} 10';
const REQUESTS_LINE = 'http_requests_total{method="GET",route="/api/items",status_code="200"} 190';
const BUCKET_LINE = 'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/items",status_code="200"} 80';
const [errorRate, p95] = loadMetrics(undefined, 'direct').map(directReduction);

function reduced(first: string, second: string): { errorRate: GroupValue; p95: GroupValue } {
  const deltas = counterDeltas(parsePrometheusText(first), parsePrometheusText(second));
  return { errorRate: reduceDeltas(errorRate!, deltas, 30), p95: reduceDeltas(p95!, deltas, 30) };
}

const replaced = (text: string, line: string, by: string) => {
  expect(text).toContain(line);
  return text.replace(line, by);
};

describe('sample values that are not finite numbers make the interval malformed', () => {
  it.each([
    ['the error counter is NaN', SECOND, replaced(SECOND, ERRORS_LINE, ERRORS_LINE.replace(/ 10$/, ' NaN')), 'errorRate'],
    ['the request counter is +Inf', SECOND, replaced(SECOND, REQUESTS_LINE, REQUESTS_LINE.replace(/ 190$/, ' +Inf')), 'errorRate'],
    ['the request counter is -Inf', SECOND, replaced(SECOND, REQUESTS_LINE, REQUESTS_LINE.replace(/ 190$/, ' -Inf')), 'errorRate'],
    ['the error counter was NaN at the start (not a reset)', `${FIRST}\n${ERRORS_LINE.replace(/ 10$/, ' Nan')}\n`, SECOND, 'errorRate'],
    [
      'counters past the largest double',
      SECOND,
      replaced(
        SECOND,
        REQUESTS_LINE,
        `${REQUESTS_LINE.replace(/ 190$/, ' 1.7e308')}\n${REQUESTS_LINE.replace('method="GET"', 'method="HEAD"').replace(/ 190$/, ' 1.7e308')}`,
      ),
      'errorRate',
    ],
    ['a bucket is -Inf', SECOND, replaced(SECOND, BUCKET_LINE, BUCKET_LINE.replace(/ 80$/, ' -Inf')), 'p95'],
    ['a bucket bound is not a number', SECOND, replaced(SECOND, BUCKET_LINE, `${BUCKET_LINE}\n${BUCKET_LINE.replace('le="0.005"', 'le="abc"')}`), 'p95'],
  ] as const)('%s', (_label, first, second, metric) => {
    const value = reduced(first, second)[metric];
    expect(value).toMatchObject({ value: null, malformed: true });
    expect(value.missing).toMatch(/is not a finite number/);
  });

  it('the untampered fixture reduces to finite values (the cases above differ only in the tampered line)', () => {
    const { errorRate: errors, p95: latency } = reduced(FIRST, SECOND);
    expect(errors.malformed).toBeUndefined();
    expect(Number.isFinite(errors.value)).toBe(true);
    expect(Number.isFinite(latency.value)).toBe(true);
  });

  it('a NaN in a series no metric reads changes nothing', () => {
    const second = `${SECOND}\nsome_gauge{kind="x"} NaN\n`;
    expect(reduced(FIRST, second)).toEqual(reduced(FIRST, SECOND));
  });
});

describe('bodies that are not the text format are a scrape error of that pod', () => {
  it.each([
    ['a value "abc"', `${ERRORS_LINE.replace(/ 10$/, ' abc')}`, /"abc" is not a number/],
    ['no value', ERRORS_LINE.replace(/ 10$/, ''), /expected a value/],
    ['text cut inside a label value', 'http_requests_total{method="GET",route="/api/it', /unterminated label value/],
    ['the same series twice', `${ERRORS_LINE}\n${ERRORS_LINE}`, /the series appears twice/],
    [
      'the same series twice, labels in another order',
      `${ERRORS_LINE}\nhttp_requests_total{status_code="500",route="/api/items",method="GET"} 11`,
      /the series appears twice/,
    ],
    ['a 1 MB line of garbage', 'x{'.repeat(512 * 1024), /line 1: expected ="…" after label x/],
    ['a 1 MB label set never closed', `m{${'a="b",'.repeat(150_000)}`, /expected a label name/],
  ])('%s', (_label, text, reason) => {
    expect(() => parsePrometheusText(text)).toThrow(ExpositionFormatError);
    expect(() => parsePrometheusText(text)).toThrow(reason);
  });

  it('a 1 MB body of other series parses, and the metrics read the same', () => {
    const padding = Array.from({ length: 20_000 }, (_, index) => `padding_total{n="${index}"} ${index}`).join('\n');
    expect(padding.length).toBeGreaterThan(500_000);
    expect(reduced(`${FIRST}\n${padding}`, `${SECOND}\n${padding}`)).toEqual(reduced(FIRST, SECOND));
  });
});

describe('the judge given a malformed interval of a critical metric', () => {
  const healthy = (index: number): IntervalObservation => ({
    index,
    baseline: { value: 6 / 600, errors: 6, requests: 600 },
    canary: { value: 6 / 600, errors: 6, requests: 600 },
  });

  function judged(tamper: (observation: IntervalObservation) => IntervalObservation) {
    const observations = new Map(DEFAULT_METRICS.map((metric) => [metric.name, Array.from({ length: 6 }, (_, index) => healthy(index))]));
    for (const name of ['p95-latency', 'p99-latency']) {
      observations.set(
        name,
        Array.from({ length: 6 }, (_, index) => ({ index, baseline: { value: 0.04 + index / 1000 }, canary: { value: 0.04 + index / 1000 } })),
      );
    }
    observations.get('error-rate')![2] = tamper(observations.get('error-rate')![2]!);
    return evaluate(DEFAULT_METRICS, observations, DEFAULT_SETTINGS);
  }

  it('the same data untampered promotes', () => {
    expect(judged((observation) => observation).verdict).toBe('promote');
  });

  it.each([
    [
      'a value marked malformed by the provider',
      (o: IntervalObservation) => ({ ...o, canary: { value: null, missing: 'a sample is not a finite number', malformed: true } }),
    ],
    ['NaN errors', (o: IntervalObservation) => ({ ...o, canary: { ...o.canary, errors: Number.NaN } })],
    ['an infinite request count', (o: IntervalObservation) => ({ ...o, canary: { ...o.canary, requests: Infinity } })],
    ['a negative error count', (o: IntervalObservation) => ({ ...o, baseline: { ...o.baseline, errors: -6 } })],
    ['a NaN value', (o: IntervalObservation) => ({ ...o, canary: { ...o.canary, value: Number.NaN } })],
    ['-Infinity as value', (o: IntervalObservation) => ({ ...o, baseline: { ...o.baseline, value: -Infinity } })],
  ])('%s: inconclusive, never promote', (_label, tamper) => {
    const judgement = judged(tamper);
    expect(judgement.verdict).toBe('inconclusive');
    expect(judgement.reason).toMatch(/critical metric error-rate has no data: .*not a finite number/);
  });

  it('values so large that their median overflows: no-data, not a pass', () => {
    const huge = (index: number) => ({ index, baseline: { value: 1.7e308 }, canary: { value: 1.7e308 } });
    const observations = new Map(DEFAULT_METRICS.map((metric) => [metric.name, Array.from({ length: 6 }, (_, index) => huge(index))]));
    const judgement = evaluate([{ ...DEFAULT_METRICS[1]!, critical: true }], new Map([['p95-latency', observations.get('p95-latency')!]]), DEFAULT_SETTINGS);
    expect(judgement.metrics[0]).toMatchObject({ result: 'no-data' });
    expect(judgement.metrics[0]!.reason).toMatch(/is not a finite number/);
    expect(judgement.verdict).toBe('inconclusive');
  });
});
