import { finiteOrMissing } from '../../../finite.js';
import { ConfigurationError } from '../../../index.js';
import type { GroupValue } from '../../judge.js';
import type { MetricDefinition } from '../../metrics.js';
import { seriesKey, type Sample } from './text-format.js';

/** Label name → regular expression the whole value must match, as PromQL's `=~`. */
export type LabelMatch = Readonly<Record<string, string>>;

export type DirectReduction =
  | { reduce: 'rate'; metric: string; match?: LabelMatch }
  | { reduce: 'ratio'; metric: string; errors: LabelMatch; match?: LabelMatch }
  | { reduce: 'quantile'; metric: string; quantile: number; match?: LabelMatch };

export function directReduction(metric: MetricDefinition): DirectReduction {
  const metricName = metric.metric!;
  switch (metric.reduce) {
    case 'rate':
      return { reduce: 'rate', metric: metricName, match: metric.match };
    case 'ratio':
      return { reduce: 'ratio', metric: metricName, errors: metric.errors!, match: metric.match };
    case 'quantile':
      return { reduce: 'quantile', metric: metricName, quantile: metric.quantile!, match: metric.match };
    case undefined:
      throw new ConfigurationError(`Metric "${metric.name}": field "reduce" is required by the direct provider (rate, ratio or quantile).`);
  }
}

/**
 * How much each counter grew between two scrapes of the same pod. A counter that went down
 * was reset (the process restarted) and counts from zero, as PromQL's rate(); a series that
 * did not exist yet was created since (client libraries create labelled series on first use).
 * A sample that is not a finite number now or before gives a NaN delta: whatever sums it is missing.
 */
export function counterDeltas(previous: readonly Sample[], current: readonly Sample[]): Sample[] {
  const before = new Map(previous.map((sample) => [seriesKey(sample), sample.value]));
  const deltas: Sample[] = [];
  for (const sample of current) {
    const earlier = before.get(seriesKey(sample)) ?? 0;
    const delta = !Number.isFinite(sample.value) || !Number.isFinite(earlier) ? Number.NaN : sample.value >= earlier ? sample.value - earlier : sample.value;
    deltas.push({ ...sample, value: delta });
  }
  return deltas;
}

const compiled = new Map<string, RegExp>();

export function matches(labels: Readonly<Record<string, string>>, match: LabelMatch | undefined): boolean {
  if (!match) return true;
  return Object.entries(match).every(([name, pattern]) => {
    let expression = compiled.get(pattern);
    if (!expression) compiled.set(pattern, (expression = new RegExp(`^(?:${pattern})$`)));
    return expression.test(labels[name] ?? '');
  });
}

function sumOf(deltas: readonly Sample[], name: string, match: LabelMatch | undefined): number {
  let sum = 0;
  for (const delta of deltas) if (delta.name === name && matches(delta.labels, match)) sum += delta.value;
  return sum;
}

export interface Bucket {
  /** Upper bound; Infinity for the +Inf bucket. */
  le: number;
  /** Cumulative count of observations ≤ le. */
  count: number;
}

/**
 * The q-quantile of a histogram as PromQL's histogram_quantile: find the bucket holding the
 * rank q × total and interpolate linearly inside it (the lowest bucket starts at 0); a rank in
 * the +Inf bucket answers the highest finite bound. NaN without observations.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const last = sorted[sorted.length - 1];
  if (!last || last.le !== Infinity || sorted.length < 2) return Number.NaN;
  // Buckets summed over pods scraped at slightly different moments can dip; PromQL evens them out too.
  let runningMax = 0;
  const cumulative = sorted.map((bucket) => ({ le: bucket.le, count: (runningMax = Math.max(runningMax, bucket.count)) }));
  const total = cumulative[cumulative.length - 1]!.count;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  const index = cumulative.findIndex((bucket) => bucket.count >= rank);
  const bucket = cumulative[index]!;
  if (bucket.le === Infinity) return cumulative[cumulative.length - 2]!.le;
  if (index === 0 && bucket.le <= 0) return bucket.le;
  const start = index === 0 ? 0 : cumulative[index - 1]!.le;
  const countBefore = index === 0 ? 0 : cumulative[index - 1]!.count;
  const inBucket = bucket.count - countBefore;
  return inBucket === 0 ? bucket.le : start + (bucket.le - start) * ((rank - countBefore) / inBucket);
}

/** The `<metric>_bucket` deltas summed by `le` over every other label that matches. */
export function bucketsOf(deltas: readonly Sample[], metric: string, match: LabelMatch | undefined): Bucket[] {
  const byBound = new Map<number, number>();
  for (const delta of deltas) {
    if (delta.name !== `${metric}_bucket` || delta.labels.le === undefined || !matches(delta.labels, match)) continue;
    const le = delta.labels.le === '+Inf' ? Infinity : (finiteOrMissing(delta.labels.le) ?? Number.NaN);
    byBound.set(le, (byBound.get(le) ?? 0) + delta.value);
  }
  return [...byBound].map(([le, count]) => ({ le, count }));
}

/** One group's value for one interval, from the counter deltas of all its pods over `seconds`. */
export function reduceDeltas(reduction: DirectReduction, deltas: readonly Sample[], seconds: number): GroupValue {
  const malformed: GroupValue = { value: null, missing: `a sample of ${reduction.metric} is not a finite number`, malformed: true };
  switch (reduction.reduce) {
    case 'rate': {
      const value = sumOf(deltas, reduction.metric, reduction.match) / seconds;
      return Number.isFinite(value) ? { value } : malformed;
    }
    case 'ratio': {
      const requests = sumOf(deltas, reduction.metric, reduction.match);
      const errors = deltas
        .filter((delta) => delta.name === reduction.metric && matches(delta.labels, reduction.match) && matches(delta.labels, reduction.errors))
        .reduce((sum, delta) => sum + delta.value, 0);
      if (!Number.isFinite(requests) || !Number.isFinite(errors)) return malformed;
      if (requests === 0) return { value: null, errors, requests, missing: 'no requests in this interval' };
      return { value: errors / requests, errors, requests };
    }
    case 'quantile': {
      const buckets = bucketsOf(deltas, reduction.metric, reduction.match);
      if (buckets.some((bucket) => Number.isNaN(bucket.le) || !Number.isFinite(bucket.count))) return malformed;
      const value = histogramQuantile(reduction.quantile, buckets);
      return Number.isNaN(value) ? { value: null, missing: 'no observations in this interval' } : { value };
    }
  }
}
