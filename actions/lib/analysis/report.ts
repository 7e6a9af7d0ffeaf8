import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalysisPlan, AnalysisResult } from './analysis.js';
import type { IntervalObservation, JudgeSettings, MetricJudgement, Verdict } from './judge.js';
import type { MetricDefinition } from './metrics.js';
import type { TrafficReport } from './traffic.js';

/** What the `report` output's JSON file holds, and what summary.ts renders as the job summary. */
export interface Report {
  verdict: Verdict;
  score: number;
  reason: string;
  failedMetrics: string[];
  provider: string;
  startedAt: string;
  finishedAt: string;
  plan: AnalysisPlan;
  settings: JudgeSettings;
  stoppedEarly?: { afterIntervals: number; metric: string };
  traffic?: TrafficReport;
  metrics: Array<MetricJudgement & { definition: MetricDefinition; intervals: IntervalObservation[] }>;
}

export function buildReport(input: {
  result: AnalysisResult;
  provider: string;
  plan: AnalysisPlan;
  settings: JudgeSettings;
  definitions: readonly MetricDefinition[];
  traffic?: TrafficReport;
}): Report {
  const { result } = input;
  return {
    verdict: result.judgement.verdict,
    score: result.judgement.score,
    reason: result.judgement.reason,
    failedMetrics: result.judgement.failed,
    provider: input.provider,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    plan: input.plan,
    settings: input.settings,
    stoppedEarly: result.stoppedEarly,
    traffic: input.traffic,
    metrics: result.judgement.metrics.map((judgement) => ({
      ...judgement,
      definition: input.definitions.find((definition) => definition.name === judgement.name)!,
      intervals: result.observations.get(judgement.name) ?? [],
    })),
  };
}

/** JSON has no NaN or Infinity: they are written as strings, so the report says what happened instead of null. */
export function reportJson(report: object): string {
  return JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2);
}

export async function writeReport(report: Report, directory = process.env.RUNNER_TEMP || tmpdir()): Promise<string> {
  const path = join(directory, `canary-analyze-report-${randomUUID()}.json`);
  await writeFile(path, reportJson(report));
  return path;
}
