import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Distribution, DeliveryMetrics, Figures } from './metrics.js';
import type { Skipped } from './read-deployments.js';

export interface DeliveryReport {
  repository: string;
  since: string;
  until: string;
  days: number;
  environments: Array<{ environment: string } & FiguresJson>;
  total: FiguresJson;
  weeks: Array<{ start: string; succeeded: number; failed: number }>;
  skipped: Skipped;
}

/** Figures as JSON: durations in seconds, rates as fractions, null where there was nothing to measure (never NaN). */
type FiguresJson = Omit<Figures, 'leadTimeSeconds' | 'timeToRestoreSeconds' | 'changeFailureRate'> & {
  leadTimeSeconds: Distribution | null;
  timeToRestoreSeconds: Distribution | null;
  changeFailureRate: number | null;
};

export function buildReport(repository: string, metrics: DeliveryMetrics, skipped: Skipped): DeliveryReport {
  return {
    repository,
    since: new Date(metrics.since).toISOString(),
    until: new Date(metrics.until).toISOString(),
    days: (metrics.until - metrics.since) / 86_400_000,
    environments: metrics.environments.map(({ environment, figures }) => ({ environment, ...figuresJson(figures) })),
    total: figuresJson(metrics.total),
    weeks: metrics.weeks.map((week) => ({ ...week, start: new Date(week.start).toISOString() })),
    skipped,
  };
}

function figuresJson(figures: Figures): FiguresJson {
  return {
    ...figures,
    leadTimeSeconds: figures.leadTimeSeconds ?? null,
    timeToRestoreSeconds: figures.timeToRestoreSeconds ?? null,
    changeFailureRate: figures.changeFailureRate ?? null,
  };
}

export async function writeReport(report: DeliveryReport, directory = process.env.RUNNER_TEMP || tmpdir()): Promise<string> {
  const path = join(directory, `delivery-metrics-${randomUUID()}.json`);
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
