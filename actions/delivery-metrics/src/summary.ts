import { escapeHtml, escapeMarkdown } from '../../lib/markdown.js';
import type { Summary } from '../../lib/summary.js';
import type { Distribution, DeliveryMetrics, Figures, WeekCount } from './metrics.js';
import type { Skipped } from './read-deployments.js';

/**
 * The window first, one row per environment and one for all together, then deployments per week as
 * a chart, then what was left out. Environment names come from GitHub: escaped, never markup.
 */
export function renderSummary(summary: Summary, repository: string, metrics: DeliveryMetrics, skipped: Skipped): void {
  summary.addHeading('📈 Delivery metrics', 2);
  summary.addRaw(`\n${escapeMarkdown(repository)}, ${day(metrics.since)} to ${day(metrics.until)} (${formatDays(metrics.until - metrics.since)}).\n\n`);
  const rows = [
    ...metrics.environments.map(({ environment, figures }) => row(escapeHtml(environment), figures)),
    ...(metrics.environments.length > 1 ? [row('<strong>all</strong>', metrics.total)] : []),
  ];
  if (rows.length === 0) {
    summary.addRaw('No GitHub deployments ended in this window.\n');
  } else {
    summary.addTable([
      [
        { data: 'Environment', header: true },
        { data: 'Deployment frequency', header: true },
        { data: 'Lead time for changes (median / p90)', header: true },
        { data: 'Change failure rate', header: true },
        { data: 'Time to restore (median / p90)', header: true },
        { data: 'Without outcome', header: true },
      ],
      ...rows,
    ]);
  }
  const chart = weeklyChart(metrics.weeks);
  if (chart) summary.addRaw(`\n${chart}\n`);
  const notes = leftOut(metrics.total, skipped);
  if (notes.length > 0) summary.addRaw(`\n${notes.map((note) => `- ${note}`).join('\n')}\n`);
}

function row(environment: string, figures: Figures): string[] {
  const judged = figures.succeeded + figures.failed;
  return [
    environment,
    `${formatNumber(figures.deploymentsPerDay)} per day (${figures.succeeded} succeeded)`,
    durations(figures.leadTimeSeconds, 'change'),
    figures.changeFailureRate === undefined ? '–' : `${formatNumber(100 * figures.changeFailureRate)}% (${figures.failed} of ${judged})`,
    `${durations(figures.timeToRestoreSeconds, 'restore')}${figures.unrestored > 0 ? `, ${figures.unrestored} not restored yet` : ''}`,
    String(figures.withoutOutcome),
  ];
}

function durations(values: Distribution | undefined, what: string): string {
  return values === undefined
    ? '–'
    : `${formatDuration(values.median)} / ${formatDuration(values.p90)} (${values.count} ${what}${values.count === 1 ? '' : 's'})`;
}

/** Deployments per week of every environment: succeeded as bars, failed as a line (GitHub renders Mermaid in job summaries). */
export function weeklyChart(weeks: readonly WeekCount[]): string | undefined {
  if (weeks.length < 2 || weeks.every((week) => week.succeeded + week.failed === 0)) return undefined;
  const highest = Math.max(...weeks.map((week) => week.succeeded + week.failed));
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Deployments per week: succeeded (bars), failed or rolled back (line)"',
    `  x-axis "week from" [${weeks.map((week) => `"${day(week.start).slice(5)}"`).join(', ')}]`,
    `  y-axis "deployments" 0 --> ${highest}`,
    `  bar [${weeks.map((week) => week.succeeded).join(', ')}]`,
    `  line [${weeks.map((week) => week.failed).join(', ')}]`,
    '```',
  ].join('\n');
}

function leftOut(total: Figures, skipped: Skipped): string[] {
  return [
    total.withoutOutcome > 0 &&
      `${total.withoutOutcome} release(s) in the window with no success, failure or error status (none written, or still in progress): not counted.`,
    total.withoutCommitTime > 0 &&
      `${total.withoutCommitTime} commit(s) deployed for the first time without a usable commit time (no longer in the repository, or dated after the deploy): left out of the lead time.`,
    skipped.invalidRecords > 0 && `${skipped.invalidRecords} record(s) from GitHub without a usable id, commit, environment or date: skipped.`,
  ].filter((note): note is string => typeof note === 'string');
}

function day(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function formatDays(milliseconds: number): string {
  const days = milliseconds / 86_400_000;
  return `${formatNumber(days)} day${days === 1 ? '' : 's'}`;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
}

/** 45 s, 12 min, 3.5 h, 2.1 d. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
