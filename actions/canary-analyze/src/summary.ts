import type { Summary } from '../../lib/index.js';
import { format, type MetricJudgement, type Verdict } from './judge.js';
import type { Report } from './report.js';

const VERDICT_HEADINGS: Record<Verdict, string> = {
  promote: '✅ canary-analyze: promote',
  rollback: '❌ canary-analyze: rollback',
  inconclusive: '⚠️ canary-analyze: inconclusive',
};

const RESULT_LABELS = { pass: '✅ pass', fail: '❌ fail', 'no-data': '⚠️ no data' } as const;

/** Verdict first, then one row per metric, then one chart per metric over the intervals. */
export function renderSummary(summary: Summary, report: Report): void {
  summary.addHeading(VERDICT_HEADINGS[report.verdict], 2);
  summary.addRaw(`\n**Score ${report.score}** (pass ≥ ${report.settings.passScore}, rollback < ${report.settings.marginalScore}) — ${escape(report.reason)}\n\n`);
  const judged = report.metrics[0]?.intervals.length ?? 0;
  summary.addRaw(
    `${judged} of ${report.plan.iterations} intervals of ${report.plan.intervalSeconds}s judged (${report.plan.warmup} warm-up), provider: ${report.provider}` +
      `, confidence ${report.settings.confidence}, tolerance ${report.settings.tolerance}.\n\n`,
  );
  summary.addTable([
    [
      { data: 'Metric', header: true },
      { data: 'Result', header: true },
      { data: 'Baseline', header: true },
      { data: 'Canary', header: true },
      { data: 'Effect (canary / baseline)', header: true },
      { data: 'p-value', header: true },
      { data: 'Why', header: true },
    ],
    ...report.metrics.map((metric) => [
      `${metric.name}${metric.critical ? ' (critical)' : ''}`,
      RESULT_LABELS[metric.result],
      groupCell(metric, 'baseline'),
      groupCell(metric, 'canary'),
      metric.effect === undefined ? '–' : format(metric.effect),
      metric.test ? `${format(metric.test.pValue)} (${metric.test.method})` : '–',
      escape(metric.reason),
    ]),
  ]);
  if (report.traffic) {
    const { sent, failed, url, method } = report.traffic;
    summary.addRaw(`\nSynthetic traffic: ${sent} ${method} requests to ${url}, ${failed} without an answer.\n`);
  }
  for (const metric of report.metrics) {
    const chart = mermaidChart(metric);
    if (chart) summary.addRaw(`\n${chart}\n`);
  }
}

function groupCell(metric: MetricJudgement, group: 'baseline' | 'canary'): string {
  const summary = metric[group];
  if (summary.rate !== undefined) return `${format(summary.rate)} (${summary.errors}/${summary.requests})`;
  return summary.samples === 0 ? '–' : `median ${format(summary.median)}`;
}

/** A Mermaid xychart-beta of both groups over the intervals where both have a value (GitHub renders it). */
export function mermaidChart(metric: Report['metrics'][number]): string | undefined {
  const points = metric.intervals.filter((interval) => isNumber(interval.baseline.value) && isNumber(interval.canary.value));
  if (points.length < 2) return undefined;
  const series = (group: 'baseline' | 'canary') => points.map((interval) => Number(interval[group].value!.toPrecision(4))).join(', ');
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${metric.name}: baseline (first line) vs canary (second line)"`,
    `  x-axis "interval" [${points.map((interval) => interval.index + 1).join(', ')}]`,
    `  y-axis "${metric.name}"`,
    `  line [${series('baseline')}]`,
    `  line [${series('canary')}]`,
    '```',
  ].join('\n');
}

function isNumber(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}
