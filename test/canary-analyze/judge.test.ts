import { describe, expect, it } from 'vitest';
import { decide, evaluate, interimFailure, judgeMetric, type IntervalObservation, type JudgedMetric } from '../../actions/lib/analysis/judge.js';
import { DEFAULT_METRICS, DEFAULT_SETTINGS, scenario, seededRandom, simulate, type Scenario } from './synthetic.js';

const RUNS = 500;

function verdictRate(run: Scenario, verdict: string): number {
  let hits = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    if (evaluate(DEFAULT_METRICS, simulate(run, seededRandom(seed)), DEFAULT_SETTINGS).verdict === verdict) hits++;
  }
  return hits / RUNS;
}

describe('the judge at its defaults, 10 intervals, 500 seeded runs each', () => {
  it('promotes an identical canary (A/A) in at least 95% of runs', () => {
    expect(verdictRate(scenario(), 'promote')).toBeGreaterThanOrEqual(0.95);
  });

  it('rolls back a canary 20% slower in at least 95% of runs', () => {
    expect(verdictRate(scenario({ medianLatency: 0.024 }), 'rollback')).toBeGreaterThanOrEqual(0.95);
  });

  it('rolls back a canary with 5 percentage points more errors in at least 95% of runs', () => {
    expect(verdictRate(scenario({ errorRate: 0.06 }), 'rollback')).toBeGreaterThanOrEqual(0.95);
  });
});

const errorRate: JudgedMetric = { name: 'error-rate', kind: 'counts', direction: 'increase', critical: true, weight: 1 };
const perIntervalRatio: JudgedMetric = { ...errorRate, name: 'error-ratio-per-interval', kind: 'samples' };

function countsIntervals(baselineErrors: number[], canaryErrors: number[], requests: number, canaryRequests = requests): IntervalObservation[] {
  return baselineErrors.map((errors, index) => ({
    index,
    baseline: { value: errors / requests, errors, requests },
    canary: { value: canaryErrors[index]! / canaryRequests, errors: canaryErrors[index]!, requests: canaryRequests },
  }));
}

describe('error rates are judged on raw counts (Kayenta #426)', () => {
  // 100 requests per interval, no baseline error, 15 canary errors over 1,000 requests, 4 intervals without any.
  const sparse = countsIntervals([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 2, 0, 2, 0, 1, 0, 3, 3, 4], 100);

  it('catches sparse errors that per-interval ratios lose', () => {
    const onCounts = judgeMetric(errorRate, sparse, DEFAULT_SETTINGS);
    expect(onCounts.result).toBe('fail');
    expect(onCounts.canary).toMatchObject({ errors: 15, requests: 1000, rate: 0.015 });
    expect(onCounts.test?.method).toBe('two-proportion-z');
    // The same data as ten per-interval ratios: the zeros pull the interval's lower bound to 0.
    expect(judgeMetric(perIntervalRatio, sparse, DEFAULT_SETTINGS).result).toBe('pass');
  });

  it('uses Fisher exact when expected counts are small', () => {
    // Three baseline pods for one canary pod: 0 errors in 4,000 requests against 8 in 1,000.
    const fewer = countsIntervals([0, 0, 0, 0], [2, 1, 3, 2], 1000, 250);
    const judged = judgeMetric(errorRate, fewer, DEFAULT_SETTINGS);
    expect(judged.test?.method).toBe('fisher-exact');
    expect(judged.result).toBe('fail');
  });

  it('an absolute threshold fails a canary the baseline cannot excuse', () => {
    const bothBad = countsIntervals([3, 2, 3, 2], [3, 2, 3, 3], 100);
    expect(judgeMetric(errorRate, bothBad, DEFAULT_SETTINGS).result).toBe('pass');
    const judged = judgeMetric({ ...errorRate, threshold: { max: 0.01 } }, bothBad, DEFAULT_SETTINGS);
    expect(judged.result).toBe('fail');
    expect(judged.reason).toContain('above the threshold 0.01');
  });
});

describe('a canary whose spread grows while its median holds (Kayenta #780)', () => {
  const p50: JudgedMetric = { name: 'p50-latency', kind: 'samples', direction: 'increase', critical: false, weight: 1 };

  it('fails on p99 while the median passes, and is never promoted', () => {
    const observations = simulate(scenario({ spread: 0.8 }), seededRandom(7));
    const judgement = evaluate(DEFAULT_METRICS, observations, DEFAULT_SETTINGS);
    expect(judgement.metrics.find((metric) => metric.name === 'p99-latency')?.result).toBe('fail');
    expect(judgement.verdict).not.toBe('promote');
    // The median itself did not move: a judge on p50 alone would promote this canary.
    const medians = simulateMedians(scenario({ spread: 0.8 }), 7);
    expect(judgeMetric(p50, medians, DEFAULT_SETTINGS).result).toBe('pass');
  });
});

function simulateMedians(run: Scenario, seed: number): IntervalObservation[] {
  const random = seededRandom(seed);
  const median = (spread: number) => {
    const values = Array.from({ length: run.requestsPerInterval }, () => {
      const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      return 0.02 * Math.exp(spread * normal);
    }).sort((a, b) => a - b);
    return values[values.length / 2]!;
  };
  return Array.from({ length: run.intervals }, (_, index) => ({
    index,
    baseline: { value: median(run.baseline.spread) },
    canary: { value: median(run.canary.spread) },
  }));
}

describe('missing data is never a pass', () => {
  const missing = { value: null, missing: 'scrape failed: pod gone' };

  it('a critical metric without data makes the run inconclusive, with the reason', () => {
    const observations = simulate(scenario(), seededRandom(3));
    observations.set(
      'error-rate',
      observations.get('error-rate')!.map((interval) => ({ ...interval, canary: missing })),
    );
    const judgement = evaluate(DEFAULT_METRICS, observations, DEFAULT_SETTINGS);
    expect(judgement).toMatchObject({ verdict: 'inconclusive', score: 0 });
    expect(judgement.reason).toContain('critical metric error-rate has no data');
    expect(judgement.reason).toContain('scrape failed: pod gone');
  });

  it('no requests at all reads "no traffic"', () => {
    const quiet = Array.from({ length: 10 }, (_, index) => ({
      index,
      baseline: { value: null, errors: 0, requests: 0, missing: 'no requests in this interval' },
      canary: { value: null, errors: 0, requests: 0, missing: 'no requests in this interval' },
    }));
    const judgement = evaluate(DEFAULT_METRICS, new Map(DEFAULT_METRICS.map((metric) => [metric.name, quiet])), DEFAULT_SETTINGS);
    expect(judgement.verdict).toBe('inconclusive');
    expect(judgement.reason).toContain('no traffic');
  });

  it('too few samples (fewer than min-samples) is no-data; half the metrics without data forces 0', () => {
    const observations = simulate(scenario({}, { intervals: 2 }), seededRandom(4));
    const judgement = evaluate(DEFAULT_METRICS, observations, DEFAULT_SETTINGS);
    expect(judgement.metrics.every((metric) => metric.result === 'no-data')).toBe(true);
    expect(judgement.verdict).toBe('inconclusive');
    expect(judgement.reason).toContain('min-samples is 3');
  });

  it('NaN values count as missing', () => {
    const values = Array.from({ length: 6 }, (_, index) => ({ index, baseline: { value: Number.NaN }, canary: { value: 1 } }));
    expect(judgeMetric(perIntervalRatio, values, DEFAULT_SETTINGS).result).toBe('no-data');
  });
});

describe('score and verdict', () => {
  const judged = (name: string, result: 'pass' | 'fail' | 'no-data', weight = 1, critical = false) =>
    ({ name, result, weight, critical, direction: 'increase', reason: result, baseline: {}, canary: {} }) as never;

  it.each([
    [[judged('a', 'pass'), judged('b', 'pass'), judged('c', 'pass'), judged('d', 'fail')], 'promote', 75],
    [[judged('a', 'pass', 2), judged('b', 'fail')], 'inconclusive', 66.7],
    [[judged('a', 'pass'), judged('b', 'fail', 3)], 'rollback', 25],
    [[judged('a', 'pass'), judged('b', 'pass'), judged('c', 'no-data')], 'promote', 100],
    [[judged('a', 'pass'), judged('b', 'no-data')], 'inconclusive', 0],
    [[judged('a', 'pass', 5), judged('b', 'fail', 1, true)], 'rollback', 0],
  ])('%#: %j → %s with score %d', (metrics, verdict, score) => {
    expect(decide(metrics, DEFAULT_SETTINGS)).toMatchObject({ verdict, score });
  });

  it('on-marginal decides between marginal-score and pass-score', () => {
    const marginal = [judged('a', 'pass', 2), judged('b', 'fail')];
    expect(decide(marginal, { ...DEFAULT_SETTINGS, onMarginal: 'promote' }).verdict).toBe('promote');
  });
});

describe('direction and effect size', () => {
  const faster = Array.from({ length: 10 }, (_, index) => ({ index, baseline: { value: 100 + index }, canary: { value: 50 + index } }));
  const throughput: JudgedMetric = { name: 'rps', kind: 'samples', direction: 'decrease', critical: false, weight: 1 };

  it('a drop fails a metric where a decrease is bad, and passes one where an increase is bad', () => {
    expect(judgeMetric(throughput, faster, DEFAULT_SETTINGS).result).toBe('fail');
    expect(judgeMetric({ ...throughput, direction: 'increase' }, faster, DEFAULT_SETTINGS).result).toBe('pass');
    expect(judgeMetric({ ...throughput, direction: 'either' }, faster, DEFAULT_SETTINGS).result).toBe('fail');
  });

  it('allowed-decrease tolerates an effect above the ratio', () => {
    expect(judgeMetric({ ...throughput, allowedDecrease: 0.4 }, faster, DEFAULT_SETTINGS).result).toBe('pass');
    expect(judgeMetric(throughput, faster, { ...DEFAULT_SETTINGS, allowedDecrease: 0.4 }).result).toBe('pass');
  });
});

describe('early stop', () => {
  it('a critical metric failing beyond doubt stops the analysis; the same data at an ordinary level does not always', () => {
    const early = simulate(scenario({ errorRate: 0.06 }), seededRandom(11));
    const firstThree = (metric: JudgedMetric) => early.get(metric.name)!.slice(0, 3);
    expect(interimFailure(DEFAULT_METRICS, firstThree, DEFAULT_SETTINGS)?.name).toBe('error-rate');
  });

  it('a latency regression does not stop early: only critical metrics may', () => {
    const slow = simulate(scenario({ medianLatency: 0.03 }), seededRandom(12));
    expect(interimFailure(DEFAULT_METRICS, (metric) => slow.get(metric.name)!.slice(0, 5), DEFAULT_SETTINGS)).toBeUndefined();
  });

  it('A/A runs almost never stop early over nine interim looks', () => {
    let stopped = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const observations = simulate(scenario(), seededRandom(seed));
      for (let looks = 3; looks < 10; looks++) {
        if (interimFailure(DEFAULT_METRICS, (metric) => observations.get(metric.name)!.slice(0, looks), DEFAULT_SETTINGS)) {
          stopped++;
          break;
        }
      }
    }
    expect(stopped / 200).toBeLessThanOrEqual(0.01);
  });
});
