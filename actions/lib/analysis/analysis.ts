import { setTimeout as sleep } from 'node:timers/promises';
import { describeError } from '../index.js';
import { evaluate, interimFailure, type GroupValue, type IntervalObservation, type JudgeSettings, type JudgedMetric, type Judgement } from './judge.js';

export type IntervalValues = Map<string, { baseline: GroupValue; canary: GroupValue }>;

/** Where the numbers come from: pods scraped directly, or Prometheus. */
export interface MetricsProvider {
  readonly description: string;
  /** Before the first interval; throws ProviderUnavailableError when the source cannot be reached at all. */
  start(): Promise<void>;
  /** Every metric's values for the interval that just ended. */
  collect(intervalEnd: Date): Promise<IntervalValues>;
}

export class ProviderUnavailableError extends Error {
  override name = 'ProviderUnavailableError';
}

/** The source answered, but with something unusable (a body that is not the expected JSON or text): every metric's interval is malformed. */
export class MalformedAnswerError extends Error {
  override name = 'MalformedAnswerError';
}

export interface AnalysisPlan {
  intervalSeconds: number;
  iterations: number;
  warmup: number;
}

export interface AnalysisResult {
  judgement: Judgement;
  observations: Map<string, IntervalObservation[]>;
  startedAt: string;
  finishedAt: string;
  intervalsJudged: number;
  stoppedEarly?: { afterIntervals: number; metric: string };
}

export interface AnalysisHooks {
  wait?: (milliseconds: number) => Promise<unknown>;
  log?: (message: string) => void;
}

/**
 * Waits out the warm-up, then collects `iterations` intervals on a fixed clock (no drift), looking
 * after each one whether a critical metric already fails beyond doubt. A collection that fails
 * leaves that interval missing, with the reason, for every metric.
 */
export async function runAnalysis(
  provider: MetricsProvider,
  metrics: readonly JudgedMetric[],
  settings: JudgeSettings,
  plan: AnalysisPlan,
  { wait = (ms) => sleep(ms), log = () => {} }: AnalysisHooks = {},
): Promise<AnalysisResult> {
  const startedAt = new Date();
  const observations = new Map<string, IntervalObservation[]>(metrics.map((metric) => [metric.name, []]));
  const finish = (judgement: Judgement, extra: Partial<AnalysisResult> = {}): AnalysisResult => ({
    judgement,
    observations,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    intervalsJudged: observations.get(metrics[0]?.name ?? '')?.length ?? 0,
    ...extra,
  });

  try {
    await provider.start();
  } catch (error: unknown) {
    if (!(error instanceof ProviderUnavailableError)) throw error;
    const reason = `${provider.description} unavailable: ${error.message}`;
    log(reason);
    return finish(unavailable(metrics, reason));
  }

  const totalTicks = plan.warmup + plan.iterations;
  for (let tick = 0; tick < totalTicks; tick++) {
    const intervalEnd = new Date(startedAt.getTime() + (tick + 1) * plan.intervalSeconds * 1000);
    await wait(Math.max(0, intervalEnd.getTime() - Date.now()));
    let values: IntervalValues;
    try {
      values = await provider.collect(intervalEnd);
    } catch (error: unknown) {
      const reason = `${provider.description}: ${describeError(error)}`;
      log(`interval ${tick + 1}: ${reason}`);
      const missing = { value: null, missing: reason, ...(error instanceof MalformedAnswerError && { malformed: true }) };
      values = new Map(metrics.map((metric) => [metric.name, { baseline: missing, canary: missing }]));
    }
    if (tick < plan.warmup) {
      log(`warm-up interval ${tick + 1} of ${plan.warmup} ignored`);
      continue;
    }
    const index = tick - plan.warmup;
    for (const metric of metrics) {
      const value = values.get(metric.name) ?? { baseline: { value: null, missing: 'not collected' }, canary: { value: null, missing: 'not collected' } };
      observations.get(metric.name)!.push({ index, ...value });
    }
    log(`interval ${index + 1} of ${plan.iterations} collected`);

    if (index < plan.iterations - 1) {
      const failure = interimFailure(metrics, (metric) => observations.get(metric.name)!, settings);
      if (failure) {
        const judgement = evaluate(metrics, observations, settings);
        const reason = `stopped early after ${index + 1} of ${plan.iterations} intervals: critical metric ${failure.name} fails beyond doubt (interim looks use 99.9% confidence): ${failure.reason}`;
        const metricsJudged = judgement.metrics.map((metric) => (metric.name === failure.name ? failure : metric));
        return finish(
          {
            ...judgement,
            metrics: metricsJudged,
            verdict: 'rollback',
            score: 0,
            reason,
            failed: metricsJudged.filter((m) => m.result === 'fail').map((m) => m.name),
          },
          { stoppedEarly: { afterIntervals: index + 1, metric: failure.name } },
        );
      }
    }
  }
  return finish(evaluate(metrics, observations, settings));
}

function unavailable(metrics: readonly JudgedMetric[], reason: string): Judgement {
  const empty = { samples: 0, missing: 0, min: Number.NaN, median: Number.NaN, mean: Number.NaN, max: Number.NaN };
  return {
    verdict: 'inconclusive',
    score: 0,
    reason,
    failed: [],
    metrics: metrics.map((metric) => ({
      name: metric.name,
      direction: metric.direction,
      critical: metric.critical,
      weight: metric.weight,
      result: 'no-data',
      reason,
      baseline: empty,
      canary: empty,
    })),
  };
}
