/**
 * The statistics of the judge, written here because no well-kept JavaScript library does
 * Mann-Whitney with tie correction and the Hodges-Lehmann interval (stdlib has only the
 * signed-rank test; `mann-whitney-utest` compares against approximate critical values and
 * gives no p-value or interval). Conventions follow R's `wilcox.test(canary, baseline,
 * conf.int = TRUE)`, so results can be checked against it and against scipy.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Standard normal CDF, double precision (Hart 1968, as given by West 2005). */
export function normalCdf(z: number): number {
  const x = Math.abs(z);
  let tail: number;
  if (x > 37) {
    tail = 0;
  } else if (x < 7.07106781186547) {
    const e = Math.exp((-x * x) / 2);
    let numerator = 3.52624965998911e-2 * x + 0.700383064443688;
    numerator = numerator * x + 6.37396220353165;
    numerator = numerator * x + 33.912866078383;
    numerator = numerator * x + 112.079291497871;
    numerator = numerator * x + 221.213596169931;
    numerator = numerator * x + 220.206867912376;
    let denominator = 8.83883476483184e-2 * x + 1.75566716318264;
    denominator = denominator * x + 16.064177579207;
    denominator = denominator * x + 86.7807322029461;
    denominator = denominator * x + 296.564248779674;
    denominator = denominator * x + 637.333633378831;
    denominator = denominator * x + 793.826512519948;
    denominator = denominator * x + 440.413735824752;
    tail = (e * numerator) / denominator;
  } else {
    const e = Math.exp((-x * x) / 2);
    let fraction = x + 0.65;
    fraction = x + 4 / fraction;
    fraction = x + 3 / fraction;
    fraction = x + 2 / fraction;
    fraction = x + 1 / fraction;
    tail = e / fraction / 2.506628274631;
  }
  return z > 0 ? 1 - tail : tail;
}

/** Inverse of the standard normal CDF (Wichura's AS 241, about 16 significant digits). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7), for the hypergeometric probabilities of Fisher's test. */
export function logGamma(x: number): number {
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const shifted = x - 1;
  let sum = coefficients[0]!;
  for (let i = 1; i < coefficients.length; i++) sum += coefficients[i]! / (shifted + i);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

export interface MannWhitneyResult {
  /** U of the canary: pairs where the canary value is larger, ties counting one half. */
  u: number;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'normal';
  /** Hodges-Lehmann estimate of the shift canary − baseline: the median of all pairwise differences. */
  shift: number;
  /** Confidence interval of the shift at the requested two-sided confidence. */
  lower: number;
  upper: number;
}

/** Like R: the exact distribution when there are no ties and both groups are smaller than 50. */
const EXACT_LIMIT = 50;

export function mannWhitney(baseline: readonly number[], canary: readonly number[], confidence: number): MannWhitneyResult {
  const m = canary.length;
  const n = baseline.length;
  if (m === 0 || n === 0) throw new Error('mannWhitney needs at least one value in each group');
  const pooled = [...canary.map((value) => ({ value, canary: true })), ...baseline.map((value) => ({ value, canary: false }))].sort(
    (a, b) => a.value - b.value,
  );
  let canaryRankSum = 0;
  let tieTerm = 0;
  for (let start = 0; start < pooled.length;) {
    let end = start;
    while (end + 1 < pooled.length && pooled[end + 1]!.value === pooled[start]!.value) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) if (pooled[i]!.canary) canaryRankSum += averageRank;
    const tied = end - start + 1;
    tieTerm += tied ** 3 - tied;
    start = end + 1;
  }
  const u = canaryRankSum - (m * (m + 1)) / 2;
  const differences = pairwiseDifferences(canary, baseline);
  const shift = median(differences);
  const alpha = 1 - confidence;

  if (tieTerm === 0 && m < EXACT_LIMIT && n < EXACT_LIMIT) {
    const cdf = exactCdf(m, n);
    const below = cdf[Math.floor(u)]!;
    const above = 1 - (u >= 1 ? cdf[u - 1]! : 0);
    const pValue = Math.min(1, 2 * Math.min(below, above));
    let quantile = cdf.findIndex((probability) => probability >= alpha / 2);
    if (quantile === 0) quantile = 1;
    return { u, pValue, method: 'exact', shift, lower: differences[quantile - 1]!, upper: differences[m * n - quantile]! };
  }

  const total = m + n;
  const centred = u - (m * n) / 2;
  const sd = Math.sqrt(((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1))));
  const z = sd === 0 ? 0 : (centred - Math.sign(centred) * 0.5) / sd;
  const pValue = sd === 0 ? 1 : Math.min(1, 2 * normalCdf(-Math.abs(z)));
  // Order statistics of the pairwise differences (Hollander & Wolfe), with the untied variance: conservative under ties.
  const untiedSd = Math.sqrt((m * n * (total + 1)) / 12);
  const rank = Math.max(1, Math.floor((m * n) / 2 - normalQuantile(1 - alpha / 2) * untiedSd + 0.5));
  return { u, pValue, method: 'normal', shift, lower: differences[rank - 1]!, upper: differences[m * n - rank]! };
}

function pairwiseDifferences(canary: readonly number[], baseline: readonly number[]): number[] {
  const differences = new Array<number>(canary.length * baseline.length);
  let k = 0;
  for (const c of canary) for (const b of baseline) differences[k++] = c - b;
  return differences.sort((a, b) => a - b);
}

const exactCdfCache = new Map<string, number[]>();

/** P(U ≤ u) for u = 0…mn under the null hypothesis, without ties. */
export function exactCdf(m: number, n: number): number[] {
  const key = `${m}x${n}`;
  const cached = exactCdfCache.get(key);
  if (cached) return cached;
  // counts[j][u]: orderings of i canary and j baseline values with U = u, built up over i.
  // The largest value is either a canary one (beating all j baseline values) or a baseline one.
  let counts: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const next: number[][] = [];
    for (let j = 0; j <= n; j++) {
      const row = new Array<number>(i * j + 1).fill(0);
      const lastCanary = counts[j]!;
      for (let u = 0; u < lastCanary.length; u++) row[u + j]! += lastCanary[u]!;
      if (j > 0) {
        const lastBaseline = next[j - 1]!;
        for (let u = 0; u < lastBaseline.length; u++) row[u]! += lastBaseline[u]!;
      }
      next.push(row);
    }
    counts = next;
  }
  const frequencies = counts[n]!;
  const total = frequencies.reduce((sum, count) => sum + count, 0);
  const cdf: number[] = [];
  let running = 0;
  for (const count of frequencies) cdf.push((running += count) / total);
  exactCdfCache.set(key, cdf);
  return cdf;
}

export interface Proportion {
  errors: number;
  requests: number;
}

export interface ProportionComparison {
  /** Canary rate − baseline rate. */
  difference: number;
  /** Newcombe's hybrid score interval of the difference (good with zero or few errors). */
  lower: number;
  upper: number;
  /** Two-sided: Fisher's exact test when an expected count is below 5, else the pooled two-proportion z-test. */
  pValue: number;
  method: 'fisher' | 'z';
}

export function compareProportions(baseline: Proportion, canary: Proportion, confidence: number): ProportionComparison {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const baselineRate = baseline.errors / baseline.requests;
  const canaryRate = canary.errors / canary.requests;
  const difference = canaryRate - baselineRate;
  const baselineInterval = wilson(baseline, z);
  const canaryInterval = wilson(canary, z);
  const lower = difference - Math.hypot(canaryRate - canaryInterval.lower, baselineInterval.upper - baselineRate);
  const upper = difference + Math.hypot(canaryInterval.upper - canaryRate, baselineRate - baselineInterval.lower);

  const totalErrors = baseline.errors + canary.errors;
  const total = baseline.requests + canary.requests;
  const smallestExpected = Math.min(totalErrors, total - totalErrors) * (Math.min(baseline.requests, canary.requests) / total);
  if (smallestExpected < 5) return { difference, lower, upper, pValue: fisherExact(baseline, canary), method: 'fisher' };
  const pooled = totalErrors / total;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / baseline.requests + 1 / canary.requests));
  const pValue = se === 0 ? 1 : 2 * normalCdf(-Math.abs(difference / se));
  return { difference, lower, upper, pValue, method: 'z' };
}

function wilson({ errors, requests }: Proportion, z: number): { lower: number; upper: number } {
  const rate = errors / requests;
  const z2 = z * z;
  const centre = (rate + z2 / (2 * requests)) / (1 + z2 / requests);
  const half = (z * Math.sqrt((rate * (1 - rate)) / requests + z2 / (4 * requests * requests))) / (1 + z2 / requests);
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** Two-sided Fisher exact test: the probability of tables at most as likely as the observed one. */
export function fisherExact(baseline: Proportion, canary: Proportion): number {
  const errors = baseline.errors + canary.errors;
  const total = baseline.requests + canary.requests;
  const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  const logProbability = (canaryErrors: number) =>
    logChoose(canary.requests, canaryErrors) + logChoose(baseline.requests, errors - canaryErrors) - logChoose(total, errors);
  const observed = logProbability(canary.errors);
  let pValue = 0;
  for (let x = Math.max(0, errors - baseline.requests); x <= Math.min(errors, canary.requests); x++) {
    const logP = logProbability(x);
    if (logP <= observed + 1e-7) pValue += Math.exp(logP);
  }
  return Math.min(1, pValue);
}
