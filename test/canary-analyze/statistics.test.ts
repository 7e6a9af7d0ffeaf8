import { describe, expect, it } from 'vitest';
import { compareProportions, exactCdf, fisherExact, mannWhitney, median, normalCdf, normalQuantile } from '../../actions/lib/analysis/statistics.js';
import { seededRandom } from './synthetic.js';

describe('normal distribution', () => {
  it.each([
    [1.96, 0.9750021048517795],
    [-3, 0.0013498980316301],
    [0, 0.5],
    [-8, 6.22096057427178e-16],
  ])('Φ(%d) = %d', (z, expected) => {
    expect(normalCdf(z)).toBeCloseTo(expected, 14);
    // the far tail only feeds p-values: 8 significant digits are plenty
    expect(normalCdf(z) / expected).toBeCloseTo(1, 7);
  });

  it.each([0.975, 0.995, 0.5, 1e-10, 0.3])('Φ⁻¹ inverts Φ at %d', (p) => {
    expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 7);
  });
});

/** U of the canary by brute force: every (canary, baseline) pair, ties counting one half. */
function bruteU(baseline: number[], canary: number[]): number {
  let u = 0;
  for (const c of canary) for (const b of baseline) u += c > b ? 1 : c === b ? 0.5 : 0;
  return u;
}

/** The exact two-sided p-value by enumerating every way to split the pooled values into the two groups. */
function permutationPValue(baseline: number[], canary: number[]): number {
  const pooled = [...baseline, ...canary];
  const observed = bruteU(baseline, canary);
  const centre = (baseline.length * canary.length) / 2;
  let extreme = 0;
  let total = 0;
  const choose = (start: number, chosen: number[]) => {
    if (chosen.length === canary.length) {
      const canaryValues = chosen.map((i) => pooled[i]!);
      const baselineValues = pooled.filter((_, i) => !chosen.includes(i));
      total++;
      if (Math.abs(bruteU(baselineValues, canaryValues) - centre) >= Math.abs(observed - centre) - 1e-9) extreme++;
      return;
    }
    for (let i = start; i < pooled.length; i++) choose(i + 1, [...chosen, i]);
  };
  choose(0, []);
  return extreme / total;
}

describe('Mann-Whitney U', () => {
  it('matches the published example of R wilcox.test (Hollander & Wolfe): W = 35, p = 0.2544', () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const result = mannWhitney(y, x, 0.95);
    expect(result.method).toBe('exact');
    expect(result.u).toBe(35);
    expect(result.pValue).toBeCloseTo(0.2544, 4);
    expect(result.shift).toBeCloseTo(0.305, 10);
    expect([result.lower, result.upper].map((bound) => Number(bound.toFixed(2)))).toEqual([-0.15, 0.76]);
  });

  it.each([
    [5, 5, 2],
    [5, 10, 8],
    [8, 8, 13],
    [10, 10, 23],
    [15, 15, 64],
  ])('the exact distribution gives the published two-sided 0.05 critical value for n = %d, %d: U ≤ %d', (m, n, critical) => {
    const cdf = exactCdf(m, n);
    expect(2 * cdf[critical]!).toBeLessThanOrEqual(0.05);
    expect(2 * cdf[critical + 1]!).toBeGreaterThan(0.05);
  });

  it('exact p-values equal a brute-force permutation test on random samples without ties', () => {
    const random = seededRandom(42);
    for (let trial = 0; trial < 20; trial++) {
      const baseline = Array.from({ length: 3 + (trial % 4) }, () => random());
      const canary = Array.from({ length: 4 + (trial % 3) }, () => random() + 0.3);
      const result = mannWhitney(baseline, canary, 0.95);
      expect(result.u).toBe(bruteU(baseline, canary));
      expect(result.pValue).toBeCloseTo(permutationPValue(baseline, canary), 12);
    }
  });

  it('with ties uses the normal approximation with tie and continuity correction (values from scipy 1.17 mannwhitneyu, asymptotic)', () => {
    const baseline = [1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 7, 8, 8, 8, 9, 10, 11, 12, 12, 13];
    const canary = [2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 9, 10, 11, 12, 13, 14, 14, 15, 16, 16, 17, 18];
    const result = mannWhitney(baseline, canary, 0.98);
    expect(result.method).toBe('normal');
    expect(result.u).toBe(308);
    expect(result.pValue).toBeCloseTo(0.02723697025544442, 10);
    // and stays close to the exact conditional p-value on a small tied sample
    const small = { baseline: [1, 2, 2, 3, 4, 4], canary: [2, 4, 5, 5, 6, 7] };
    expect(mannWhitney(small.baseline, small.canary, 0.95).pValue).toBeCloseTo(permutationPValue(small.baseline, small.canary), 1);
  });

  it('large samples use the normal approximation (scipy 1.17: U = 1892, p = 0.17629627415201832)', () => {
    const baseline = Array.from({ length: 60 }, (_, i) => 0.1 * i);
    const canary = Array.from({ length: 55 }, (_, i) => 0.1 * i + 0.7);
    const result = mannWhitney(baseline, canary, 0.98);
    expect(result.method).toBe('normal');
    expect(result.u).toBe(1892);
    expect(result.pValue).toBeCloseTo(0.17629627415201832, 10);
  });

  it('the Hodges-Lehmann shift is the median of all pairwise differences, inside its interval', () => {
    const random = seededRandom(9);
    const baseline = Array.from({ length: 12 }, () => random() * 10);
    const canary = Array.from({ length: 9 }, () => random() * 10 + 2);
    const result = mannWhitney(baseline, canary, 0.98);
    expect(result.shift).toBe(median(canary.flatMap((c) => baseline.map((b) => c - b))));
    expect(result.lower).toBeLessThanOrEqual(result.shift);
    expect(result.upper).toBeGreaterThanOrEqual(result.shift);
  });

  it('the interval covers the true shift in about `confidence` of repeated samples', () => {
    const random = seededRandom(5);
    let covered = 0;
    for (let trial = 0; trial < 1000; trial++) {
      const baseline = Array.from({ length: 10 }, () => random());
      const canary = Array.from({ length: 10 }, () => random() + 0.2);
      const { lower, upper } = mannWhitney(baseline, canary, 0.9);
      if (lower <= 0.2 && 0.2 <= upper) covered++;
    }
    expect(covered / 1000).toBeGreaterThan(0.88);
    expect(covered / 1000).toBeLessThan(0.93);
  });

  it('identical groups give p = 1 and a zero shift', () => {
    expect(mannWhitney([5, 5, 5], [5, 5, 5], 0.98)).toMatchObject({ pValue: 1, shift: 0, lower: 0, upper: 0 });
  });
});

describe('two proportions', () => {
  it("Newcombe's hybrid score interval matches his published example: 56/70 − 48/80 → [0.0524, 0.3339]", () => {
    const result = compareProportions({ errors: 48, requests: 80 }, { errors: 56, requests: 70 }, 0.95);
    expect(result.difference).toBeCloseTo(0.2, 12);
    expect(result.lower).toBeCloseTo(0.0524, 4);
    expect(result.upper).toBeCloseTo(0.3339, 4);
    expect(result.method).toBe('z');
  });

  it('Fisher exact matches scipy 1.17 fisher_exact([[3, 97], [0, 400]])', () => {
    expect(fisherExact({ errors: 0, requests: 400 }, { errors: 3, requests: 100 })).toBeCloseTo(0.007808387860057466, 12);
  });
});
