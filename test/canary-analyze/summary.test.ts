import { describe, expect, it } from 'vitest';
import { judgeMetric, type IntervalObservation, type JudgeSettings } from '../../actions/lib/analysis/judge.js';
import { CHART_COLOURS, CHART_LEGEND, chartNumber, mermaidChart } from '../../actions/lib/analysis/summary.js';
import type { Report } from '../../actions/lib/analysis/report.js';

const intervals = [0, 1, 2].map((index) => ({ index, baseline: { value: 0.04 }, canary: { value: 0.05 } }));
const chartOf = (name: string, of = intervals) => mermaidChart({ name, intervals: of } as unknown as Report['metrics'][number])!;
/** The lines between the fences. */
const body = (chart: string) => chart.split('\n').slice(1, chart.split('\n').lastIndexOf('```'));

describe('the Mermaid chart of a metric', () => {
  it.each([
    ['quotes and a bracket', 'p95"] x'],
    ['a fence and a newline', 'p95```\n  line [1, 2, 3]'],
    ['HTML', '<img src=x onerror=alert(1)>'],
    ['1 KB of quotes', '"'.repeat(1024)],
  ])('a name with %s cannot break out of its labels or the block', (_label, name) => {
    const chart = chartOf(name);
    const lines = body(chart);
    expect(chart.split('\n')[0]).toBe('```mermaid');
    expect(chart.match(/```/g)).toHaveLength(2);
    expect(lines.join('\n').replace('-->', '')).not.toMatch(/<|>/);
    for (const line of lines.filter((line) => /^ {2}(title|y-axis) /.test(line))) expect(line.match(/"/g)).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('  line ['))).toHaveLength(2);
  });

  it('a plain name is kept', () => {
    expect(chartOf('p95-latency')).toMatch(/^ {2}y-axis "p95-latency" /m);
  });

  it('draws baseline and canary in their own colours and says under the chart which is which', () => {
    const chart = chartOf('error-rate');
    const init = /^%%\{init: (.*)\}%%$/m.exec(chart)![1]!;
    expect(JSON.parse(init)).toMatchObject({ themeVariables: { xyChart: { plotColorPalette: `${CHART_COLOURS.baseline}, ${CHART_COLOURS.canary}` } } });
    expect(chart).toContain('baseline (blue) vs canary (orange)');
    expect(chart.trimEnd().endsWith(CHART_LEGEND)).toBe(true);
  });

  it('reaches below a baseline of 0 errors, so its line is not hidden in the x-axis', () => {
    const zero = [0, 1, 2].map((index) => ({ index, baseline: { value: 0 }, canary: { value: 0.5 } }));
    const [, low, high] = /y-axis "[^"]*" (\S+) --> (\S+)/.exec(chartOf('error-rate', zero))!;
    expect(Number(low)).toBeLessThan(0);
    expect(Number(high)).toBeGreaterThan(0.5);
  });

  it.each([1e-9, 1.5e22, -0.00123456, 123456])('writes %d as a plain decimal Mermaid can read', (value) => {
    expect(chartNumber(value)).toMatch(/^[+-]?(\d+(\.\d+)?|\.\d+)$/);
    expect(Math.abs(Number(chartNumber(value)) - value)).toBeLessThanOrEqual(Math.abs(value) * 1e-3);
  });
});

describe('the evidence against a baseline without errors', () => {
  const settings: JudgeSettings = { confidence: 0.95, tolerance: 0.25, passScore: 75, marginalScore: 50, minSamples: 3, onMarginal: 'inconclusive' };
  const observations: IntervalObservation[] = [0, 1, 2, 3, 4, 5].map((index) => ({
    index,
    baseline: { value: 0, errors: 0, requests: 200 },
    canary: { value: 0.5, errors: 100, requests: 200 },
  }));

  it('says "baseline 0 errors", not an infinite ratio', () => {
    const judgement = judgeMetric({ name: 'error-rate', kind: 'counts', direction: 'increase', critical: true, weight: 1 }, observations, settings);
    expect(judgement.result).toBe('fail');
    expect(judgement.reason).toContain('baseline 0 errors, canary error rate 0.5');
    expect(judgement.reason).not.toMatch(/Infinity/);
  });
});
