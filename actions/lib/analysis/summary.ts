import { codeSpan, escapeHtml, escapeMarkdown, type Summary } from '../index.js';
import { describeEffect, format, type MetricJudgement, type Verdict } from './judge.js';
import type { Report } from './report.js';

export const VERDICT_HEADINGS: Record<Verdict, string> = {
  promote: '✅ canary-analyze: promote',
  rollback: '❌ canary-analyze: rollback',
  inconclusive: '⚠️ canary-analyze: inconclusive',
};

const RESULT_LABELS = { pass: '✅ pass', fail: '❌ fail', 'no-data': '⚠️ no data' } as const;

/**
 * Verdict first, then one row per metric, then one chart per metric over the intervals. Names,
 * reasons and error texts come from the user's YAML and the provider: escaped, never markup.
 */
export function renderSummary(summary: Summary, report: Report, heading = { text: VERDICT_HEADINGS[report.verdict], level: 2 }): void {
  summary.addHeading(heading.text, heading.level);
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
      metric.effect === undefined || Number.isNaN(metric.effect)
        ? '–'
        : describeEffect(metric.effect, metric.baseline.rate === undefined ? 'samples' : 'counts'),
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

/** Strong colours apart for every reader (GitHub's blue and orange): Mermaid's default palette draws the second line nearly white. */
export const CHART_COLOURS = { baseline: '#0969da', canary: '#bc4c00' } as const;
/** xychart has no legend: this line under each chart says which line is which, in squares of the lines' colours. */
export const CHART_LEGEND = '🟦 baseline · 🟧 canary';

/**
 * A Mermaid xychart-beta of both groups over the intervals where both have a value (GitHub
 * renders it), each group in its own colour. The y-axis reaches a little below the lowest value,
 * so a group at 0 (a baseline without errors) is drawn above the x-axis rather than hidden in it.
 */
export function mermaidChart(metric: Report['metrics'][number]): string | undefined {
  const points = metric.intervals.filter((interval) => isNumber(interval.baseline.value) && isNumber(interval.canary.value));
  if (points.length < 2) return undefined;
  const values = (group: 'baseline' | 'canary') => points.map((interval) => interval[group].value!);
  const all = [...values('baseline'), ...values('canary')];
  const [lowest, highest] = [Math.min(...all), Math.max(...all)];
  const margin = (highest - lowest || Math.abs(highest) || 1) * 0.08;
  // Mermaid's default 700 × 500 takes a screen per chart; a summary has one per metric.
  const init = {
    xyChart: { width: 700, height: 300 },
    themeVariables: { xyChart: { plotColorPalette: `${CHART_COLOURS.baseline}, ${CHART_COLOURS.canary}` } },
  };
  return [
    '```mermaid',
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    `  title "${chartText(metric.name)}: baseline (blue) vs canary (orange)"`,
    `  x-axis "interval" [${points.map((interval) => interval.index + 1).join(', ')}]`,
    `  y-axis "${chartText(metric.name)}" ${chartNumber(lowest - margin)} --> ${chartNumber(highest + margin)}`,
    `  line [${values('baseline').map(chartNumber).join(', ')}]`,
    `  line [${values('canary').map(chartNumber).join(', ')}]`,
    '```',
    '',
    CHART_LEGEND,
  ].join('\n');
}

const CHART_NUMBER = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 4 });

/** Mermaid's xychart reads plain decimals only: 1e-7 or 1.2e+21 would be a syntax error. */
export function chartNumber(value: number): string {
  return CHART_NUMBER.format(value);
}

function isNumber(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

/** A Mermaid label is a double-quoted string inside a fenced block: keep only characters that can close neither. */
export function chartText(text: string): string {
  return text.replace(/[^\w .,:+%/-]/g, ' ').slice(0, 100);
}
