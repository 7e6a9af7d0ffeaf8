import { decide, judgeMetric, type IntervalObservation, type JudgeSettings, type JudgedMetric, type Judgement } from './judge.js';

/** Judges every metric on its observations and decides the verdict. */
export function evaluate(metrics: readonly JudgedMetric[], observations: ReadonlyMap<string, readonly IntervalObservation[]>, settings: JudgeSettings): Judgement {
  return decide(
    metrics.map((metric) => judgeMetric(metric, observations.get(metric.name) ?? [], settings)),
    settings,
  );
}
