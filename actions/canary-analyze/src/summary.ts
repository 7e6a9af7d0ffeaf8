import { codeSpan, escapeHtml, escapeMarkdown, type Summary } from '../../lib/index.js';
import { format, type MetricJudgement, type Verdict } from './judge.js';
import type { Report } from './report.js';

const VERDICT_HEADINGS: Record<Verdict, string> = {
  promote: '✅ canary-analyze: promote',
  rollback: '❌ canary-analyze: rollback',
  inconclusive: '⚠️ canary-analyze: inconclusive',
};

const RESULT_LABELS = { pass: '✅ pass', fail: '❌ fail', 'no-data': '⚠️ no data' } as const;

/**
 * Verdict first, then one row per metric, then one chart per metric over the intervals. Names,
 * reasons and error texts come from the user's YAML and the provider: escaped, never markup.
 */
export function renderSummary(summary: Summary, report: Report): void {
  summary.addHeading(VERDICT_HEADINGS[report.verdict], 2);
  summary.addRaw(
    `\n**Score ${report.score}** (pass ≥ ${report.settings.passScore}, rollback < ${report.settings.marginalScore}) — ${escapeMarkdown(report.reason)}\n\n`,
  );
  const judged = report.metrics[0]?.intervals.length ?? 0;
  summary.addRaw(
    `${judged} of ${report.plan.iterations} intervals of ${report.plan.intervalSeconds}s judged (${report.plan.warmup} warm-up), provider: ${escapeMarkdown(report.provider)}` +
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
      `${escapeHtml(metric.name)}${metric.critical ? ' (critical)' : ''}`,
      RESULT_LABELS[metric.result],
      groupCell(metric, 'baseline'),
      groupCell(metric, 'canary'),
      metric.effect === undefined || Number.isNaN(metric.effect) ? '–' : format(metric.effect),
      metric.test && Number.isFinite(metric.test.pValue) ? `${format(metric.test.pValue)} (${metric.test.method})` : '–',
      escapeHtml(metric.reason),
    ]),
  ]);
  if (report.traffic) {
    const { sent, failed, url, method } = report.traffic;
    summary.addRaw(`\nSynthetic traffic: ${sent} ${method} requests to ${codeSpan(url)}, ${failed} without an answer.\n`);
  }
  for (const metric of report.metrics) {
    const chart = mermaidChart(metric);
    if (chart) summary.addRaw(`\n${chart}\n`);
  }
}

function groupCell(metric: MetricJudgement, group: 'baseline' | 'canary'): string {
  const summary = metric[group];
  if (summary.rate !== undefined) return `${Number.isFinite(summary.rate) ? format(summary.rate) : '–'} (${summary.errors}/${summary.requests})`;
  return summary.samples === 0 || !Number.isFinite(summary.median) ? '–' : `median ${format(summary.median)}`;
}

/** A Mermaid xychart-beta of both groups over the intervals where both have a value (GitHub renders it). */
export function mermaidChart(metric: Report['metrics'][number]): string | undefined {
  const points = metric.intervals.filter((interval) => isNumber(interval.baseline.value) && isNumber(interval.canary.value));
  if (points.length < 2) return undefined;
  const series = (group: 'baseline' | 'canary') => points.map((interval) => Number(interval[group].value!.toPrecision(4))).join(', ');
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${chartText(metric.name)}: baseline (first line) vs canary (second line)"`,
    `  x-axis "interval" [${points.map((interval) => interval.index + 1).join(', ')}]`,
    `  y-axis "${chartText(metric.name)}"`,
    `  line [${series('baseline')}]`,
    `  line [${series('canary')}]`,
    '```',
  ].join('\n');
}

function isNumber(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

/** A Mermaid label is a double-quoted string inside a fenced block: keep only characters that can close neither. */
export function chartText(text: string): string {
  return text.replace(/[^\w .,:+%/-]/g, ' ').slice(0, 100);
}
