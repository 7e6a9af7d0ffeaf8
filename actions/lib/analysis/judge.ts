import { compareProportions, mannWhitney, mean, median } from './statistics.js';

export type Direction = 'increase' | 'decrease' | 'either';
export type MetricResult = 'pass' | 'fail' | 'no-data';
export type Verdict = 'promote' | 'rollback' | 'inconclusive';

/** One group's measurement of one metric over one interval. */
export interface GroupValue {
  /** null when the interval has no usable value; `missing` says why. */
  value: number | null;
  /** Ratio metrics keep their raw counts: they are judged on them, not on per-interval ratios. */
  errors?: number;
  requests?: number;
  missing?: string;
  /**
   * The source answered something that is not a finite number (NaN, ±Inf, text, a broken body).
   * Missing like any gap, and more: a metric with such an interval is never judged a pass,
   * because garbage from a provider is not evidence that the canary is healthy.
   */
  malformed?: boolean;
}

export interface IntervalObservation {
  /** 0-based, after the warm-up. */
  index: number;
  baseline: GroupValue;
  canary: GroupValue;
}

/** What the judge needs to know of a metric definition. */
export interface JudgedMetric {
  name: string;
  /** `counts`: a ratio judged on pooled errors / requests; `samples`: one value per interval. */
  kind: 'samples' | 'counts';
  direction: Direction;
  critical: boolean;
  weight: number;
  threshold?: { min?: number; max?: number };
  allowedIncrease?: number;
  allowedDecrease?: number;
}

export interface JudgeSettings {
  /** Two-sided confidence of the intervals. */
  confidence: number;
  tolerance: number;
  allowedIncrease?: number;
  allowedDecrease?: number;
  passScore: number;
  marginalScore: number;
  minSamples: number;
  onMarginal: Verdict;
}

export interface GroupSummary {
  /** Intervals with a value. */
  samples: number;
  missing: number;
  min: number;
  median: number;
  mean: number;
  max: number;
  errors?: number;
  requests?: number;
  /** Pooled errors / requests of a ratio metric. */
  rate?: number;
}

export interface TestResult {
  method: 'mann-whitney-exact' | 'mann-whitney-normal' | 'fisher-exact' | 'two-proportion-z';
  /** Mann-Whitney U of the canary. */
  u?: number;
  pValue: number;
  /** Hodges-Lehmann shift (canary − baseline) or difference of error rates. */
  estimate: number;
  lower: number;
  upper: number;
  /** The interval must lie beyond ± this (tolerance × |estimate|) to count. */
  bound: number;
}

export interface MetricJudgement {
  name: string;
  direction: Direction;
  critical: boolean;
  weight: number;
  result: MetricResult;
  reason: string;
  baseline: GroupSummary;
  canary: GroupSummary;
  test?: TestResult;
  /** canary / baseline (medians, or pooled rates); Infinity when the baseline is 0. */
  effect?: number;
}

export interface Judgement {
  verdict: Verdict;
  score: number;
  reason: string;
  failed: string[];
  metrics: MetricJudgement[];
}

/**
 * Interim looks (before the last interval) may stop the analysis only at this confidence: the
 * Haybittle-Peto boundary (p < 0.001 two-sided). With at most a few dozen looks it adds little
 * to the false-rollback rate of the final look at `confidence`, so peeking costs nothing.
 */
export const INTERIM_CONFIDENCE = 0.999;

export function judgeMetric(
  metric: JudgedMetric,
  intervals: readonly IntervalObservation[],
  settings: JudgeSettings,
  { confidence = settings.confidence, thresholds = true }: { confidence?: number; thresholds?: boolean } = {},
): MetricJudgement {
  intervals = intervals.map((interval) => ({ ...interval, baseline: checked(interval.baseline), canary: checked(interval.canary) }));
  const baselineValues = finiteValues(intervals.map((interval) => interval.baseline));
  const canaryValues = finiteValues(intervals.map((interval) => interval.canary));
  const common = { name: metric.name, direction: metric.direction, critical: metric.critical, weight: metric.weight };
  const baseline = summarise(
    intervals.map((interval) => interval.baseline),
    baselineValues,
  );
  const canary = summarise(
    intervals.map((interval) => interval.canary),
    canaryValues,
  );

  if (baselineValues.length < settings.minSamples || canaryValues.length < settings.minSamples) {
    const totalRequests = (baseline.requests ?? 0) + (canary.requests ?? 0);
    const why =
      metric.kind === 'counts' && totalRequests === 0
        ? 'no traffic: no requests in either group'
        : `${baselineValues.length} baseline and ${canaryValues.length} canary intervals have data, min-samples is ${settings.minSamples}`;
    return { ...common, result: 'no-data', reason: withMissingReason(why, intervals), baseline, canary };
  }

  const test = metric.kind === 'counts' ? proportionTest(baseline, canary, confidence) : rankTest(baselineValues, canaryValues, confidence);
  test.bound = settings.tolerance * Math.abs(test.estimate);
  const effect = metric.kind === 'counts' ? ratio(canary.rate!, baseline.rate!) : ratio(canary.median, baseline.median);
  const allowedIncrease = metric.allowedIncrease ?? settings.allowedIncrease ?? 1;
  const allowedDecrease = metric.allowedDecrease ?? settings.allowedDecrease ?? 1;
  const canaryValue = metric.kind === 'counts' ? canary.rate! : canary.median;
  const baselineValue = metric.kind === 'counts' ? baseline.rate! : baseline.median;
  const statistics: Array<[string, number]> = [
    [metric.kind === 'counts' ? 'canary error rate' : 'canary median', canaryValue],
    [metric.kind === 'counts' ? 'baseline error rate' : 'baseline median', baselineValue],
    ['U', test.u ?? 0],
    ['p-value', test.pValue],
    ['estimate', test.estimate],
    ['interval lower bound', test.lower],
    ['interval upper bound', test.upper],
    ['tolerance bound', test.bound],
  ];
  // The effect may be ±Infinity (a baseline of exactly 0), never NaN.
  const notFinite = statistics.find(([, value]) => !Number.isFinite(value)) ?? (Number.isNaN(effect) ? ['effect', effect] : undefined);
  if (notFinite) {
    return {
      ...common,
      result: 'no-data',
      reason: withMissingReason(`its ${notFinite[0]} is not a finite number (${notFinite[1]})`, intervals),
      baseline,
      canary,
    };
  }
  const interval = `${format(test.estimate)} [${format(test.lower)}, ${format(test.upper)}]`;

  const failures: string[] = [];
  if (metric.direction !== 'decrease' && test.lower > test.bound && effect > allowedIncrease) {
    failures.push(`canary higher: ${interval} lies above +${format(test.bound)}, ${effectEvidence(effect, '>', allowedIncrease, metric.kind, canaryValue)}`);
  }
  if (metric.direction !== 'increase' && test.upper < -test.bound && effect < allowedDecrease) {
    failures.push(`canary lower: ${interval} lies below −${format(test.bound)}, ${effectEvidence(effect, '<', allowedDecrease, metric.kind, canaryValue)}`);
  }
  if (thresholds && metric.threshold?.max !== undefined && canaryValue > metric.threshold.max) {
    failures.push(`canary ${format(canaryValue)} above the threshold ${metric.threshold.max}`);
  }
  if (thresholds && metric.threshold?.min !== undefined && canaryValue < metric.threshold.min) {
    failures.push(`canary ${format(canaryValue)} below the threshold ${metric.threshold.min}`);
  }
  const malformed = intervals.filter((observation) => observation.baseline.malformed || observation.canary.malformed).length;
  if (failures.length === 0 && malformed > 0) {
    const why = `no difference beyond the tolerance on the usable intervals (${interval}), but ${malformed} interval${malformed === 1 ? '' : 's'} answered what is not a finite number: never a pass`;
    return { ...common, result: 'no-data', reason: withMissingReason(why, intervals), baseline, canary, test, effect };
  }
  const reason = failures.length > 0 ? failures.join('; ') : `no difference beyond the tolerance: ${interval}`;
  return { ...common, result: failures.length > 0 ? 'fail' : 'pass', reason, baseline, canary, test, effect };
}

function rankTest(baseline: number[], canary: number[], confidence: number): TestResult {
  const result = mannWhitney(baseline, canary, confidence);
  return {
    method: result.method === 'exact' ? 'mann-whitney-exact' : 'mann-whitney-normal',
    u: result.u,
    pValue: result.pValue,
    estimate: result.shift,
    lower: result.lower,
    upper: result.upper,
    bound: 0,
  };
}

function proportionTest(baseline: GroupSummary, canary: GroupSummary, confidence: number): TestResult {
  const result = compareProportions(
    { errors: Math.round(baseline.errors ?? 0), requests: Math.round(baseline.requests ?? 0) },
    { errors: Math.round(canary.errors ?? 0), requests: Math.round(canary.requests ?? 0) },
    confidence,
  );
  return {
    method: result.method === 'fisher' ? 'fisher-exact' : 'two-proportion-z',
    pValue: result.pValue,
    estimate: result.difference,
    lower: result.lower,
    upper: result.upper,
    bound: 0,
  };
}

/** A group's value counts only when it and its counts are finite and the counts not negative; anything else is a malformed missing value. */
function checked(group: GroupValue): GroupValue {
  const isCount = (count: number | undefined) => count === undefined || (Number.isFinite(count) && count >= 0);
  if ((group.value === null || Number.isFinite(group.value)) && isCount(group.errors) && isCount(group.requests)) return group;
  const numbers = [
    `value ${group.value}`,
    group.errors !== undefined && `errors ${group.errors}`,
    group.requests !== undefined && `requests ${group.requests}`,
  ];
  return { value: null, missing: `not a finite number or count (${numbers.filter(Boolean).join(', ')})`, malformed: true };
}

function finiteValues(values: readonly GroupValue[]): number[] {
  return values.flatMap((group) => (group.value !== null && Number.isFinite(group.value) ? [group.value] : []));
}

function summarise(groups: readonly GroupValue[], values: number[]): GroupSummary {
  const summary: GroupSummary = {
    samples: values.length,
    missing: groups.length - values.length,
    min: values.length > 0 ? Math.min(...values) : Number.NaN,
    median: median(values),
    mean: mean(values),
    max: values.length > 0 ? Math.max(...values) : Number.NaN,
  };
  if (groups.some((group) => group.requests !== undefined)) {
    summary.errors = groups.reduce((sum, group) => sum + (group.errors ?? 0), 0);
    summary.requests = groups.reduce((sum, group) => sum + (group.requests ?? 0), 0);
    summary.rate = summary.requests > 0 ? summary.errors / summary.requests : Number.NaN;
  }
  return summary;
}

function withMissingReason(why: string, intervals: readonly IntervalObservation[]): string {
  const reasons = new Set(intervals.flatMap((interval) => [interval.baseline.missing, interval.canary.missing]).filter((reason) => reason !== undefined));
  return reasons.size === 0 ? why : `${why} (${[...reasons].slice(0, 3).join('; ')})`;
}

function ratio(canary: number, baseline: number): number {
  if (baseline === 0) return canary === 0 ? 1 : canary > 0 ? Infinity : -Infinity;
  return canary / baseline;
}

/** The effect as a reader takes it: a ratio, or (against a baseline of exactly 0, where a ratio is infinite) what the baseline was. */
export function describeEffect(effect: number, kind: JudgedMetric['kind']): string {
  if (Number.isFinite(effect)) return format(effect);
  return kind === 'counts' ? 'baseline 0 errors' : 'baseline median 0';
}

function effectEvidence(effect: number, comparison: '>' | '<', allowed: number, kind: JudgedMetric['kind'], canaryValue: number): string {
  if (Number.isFinite(effect)) return `ratio ${format(effect)} ${comparison} ${allowed}`;
  return `${describeEffect(effect, kind)}, canary ${kind === 'counts' ? 'error rate' : 'median'} ${format(canaryValue)}`;
}

export function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return Math.abs(value) >= 1000 || Math.abs(value) < 0.001 ? value.toExponential(2) : Number(value.toPrecision(3)).toString();
}

/**
 * The verdict from the judged metrics. Score = weighted share of judged metrics that pass. A
 * critical failure rolls back; a critical metric without data, or no data for half the metrics
 * or more, is inconclusive (score 0) — missing data is never a pass.
 */
export function decide(judgements: readonly MetricJudgement[], settings: JudgeSettings): Judgement {
  const failed = judgements.filter((metric) => metric.result === 'fail').map((metric) => metric.name);
  const noData = judgements.filter((metric) => metric.result === 'no-data');
  const judged = judgements.filter((metric) => metric.result !== 'no-data');
  const base = { failed, metrics: [...judgements] };

  const criticalFailure = judgements.find((metric) => metric.critical && metric.result === 'fail');
  if (criticalFailure) {
    return { ...base, verdict: 'rollback', score: 0, reason: `critical metric ${criticalFailure.name} failed: ${criticalFailure.reason}` };
  }
  const criticalNoData = noData.find((metric) => metric.critical);
  if (criticalNoData) {
    return { ...base, verdict: 'inconclusive', score: 0, reason: `critical metric ${criticalNoData.name} has no data: ${criticalNoData.reason}` };
  }
  if (judgements.length === 0 || noData.length * 2 >= judgements.length) {
    const detail = noData.map((metric) => `${metric.name}: ${metric.reason}`).join('; ');
    return {
      ...base,
      verdict: 'inconclusive',
      score: 0,
      reason: `${noData.length} of ${judgements.length} metrics have no data${detail ? ` (${detail})` : ''}`,
    };
  }

  const totalWeight = judged.reduce((sum, metric) => sum + metric.weight, 0);
  const passedWeight = judged.filter((metric) => metric.result === 'pass').reduce((sum, metric) => sum + metric.weight, 0);
  const score = Math.round((1000 * passedWeight) / totalWeight) / 10;
  if (!Number.isFinite(score))
    return { ...base, verdict: 'inconclusive', score: 0, reason: `the score is not a finite number (weights ${passedWeight} of ${totalWeight})` };
  const failures = failed.length > 0 ? `; failed: ${failed.join(', ')}` : '';
  if (score >= settings.passScore) return { ...base, verdict: 'promote', score, reason: `score ${score} ≥ pass-score ${settings.passScore}${failures}` };
  if (score < settings.marginalScore)
    return { ...base, verdict: 'rollback', score, reason: `score ${score} < marginal-score ${settings.marginalScore}${failures}` };
  return {
    ...base,
    verdict: settings.onMarginal,
    score,
    reason: `score ${score} is marginal (between ${settings.marginalScore} and ${settings.passScore}), on-marginal is ${settings.onMarginal}${failures}`,
  };
}

/** Judges every metric on its observations and decides the verdict. */
export function evaluate(
  metrics: readonly JudgedMetric[],
  observations: ReadonlyMap<string, readonly IntervalObservation[]>,
  settings: JudgeSettings,
): Judgement {
  return decide(
    metrics.map((metric) => judgeMetric(metric, observations.get(metric.name) ?? [], settings)),
    settings,
  );
}

/** At an interim look: the first critical metric that fails beyond doubt (thresholds wait for the end). */
export function interimFailure(
  metrics: readonly JudgedMetric[],
  intervalsOf: (metric: JudgedMetric) => readonly IntervalObservation[],
  settings: JudgeSettings,
): MetricJudgement | undefined {
  const confidence = Math.max(INTERIM_CONFIDENCE, settings.confidence);
  for (const metric of metrics.filter((candidate) => candidate.critical)) {
    const judgement = judgeMetric(metric, intervalsOf(metric), settings, { confidence, thresholds: false });
    if (judgement.result === 'fail') return judgement;
  }
  return undefined;
}
