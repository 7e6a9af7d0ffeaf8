import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHART_COLOURS, CHART_LEGEND } from '../../actions/lib/analysis/summary.js';
import { HEALTHY_FIXTURE, STAND_IN_SELECTORS, startStandInPrometheus, type GroupFixture } from '../canary-analyze/stand-in-prometheus.js';
import { openSummaryRenderer, type RenderedSummary, type SummaryRenderer } from '../harness/render-summary.js';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { startStage, type Stage } from '../harness/stage.js';
import { describeWithTools } from '../harness/tools.js';
import { deployStep, rollbackStep } from '../k8s-deploy/steps.js';

// The job summaries of real bundle runs, rendered as GitHub renders them (see render-summary.ts).
describeWithTools(['chromium', 'kubectl'], 'job summaries rendered as GitHub shows them', () => {
  let renderer: SummaryRenderer;
  beforeAll(async () => {
    renderer = await openSummaryRenderer();
  });
  afterAll(async () => {
    await renderer?.close();
  });

  /** Renders the run's summary and checks what every summary owes its reader. */
  async function rendered(run: ActionRun): Promise<RenderedSummary> {
    expect(run.summary.trim()).not.toBe('');
    const page = await renderer.render(run.summary);
    for (const chart of page.mermaid) expect(chart.error, chart.source).toBeUndefined();
    for (const table of page.tables) {
      expect(table.headers.length).toBeGreaterThan(1);
      expect(table.headers.every((header) => header.trim() !== '')).toBe(true);
      expect(table.rowWidths.length).toBeGreaterThan(0);
      for (const width of table.rowWidths) expect(width, `a row of the table ${table.headers.join(' | ')}`).toBe(table.headers.length);
    }
    expect(page.text).not.toMatch(/<\/?(table|tr|td|th|h\d|details|summary)>|```/);
    return page;
  }

  async function analyse(baseline: GroupFixture, canary: GroupFixture): Promise<ActionRun> {
    const prometheus = await startStandInPrometheus({ baseline, canary });
    try {
      return await runBundle({
        action: 'actions/canary-analyze',
        inputs: { provider: 'prometheus', 'prometheus-url': prometheus.url, interval: '1s', iterations: '4', ...STAND_IN_SELECTORS },
      });
    } finally {
      await prometheus.close();
    }
  }

  it('canary-analyze: every chart draws the baseline and the canary in their own colours, with the legend under it', async () => {
    const run = await analyse(HEALTHY_FIXTURE, { ...HEALTHY_FIXTURE, p95: 0.041 });
    expect(run.outputs.verdict).toBe('promote');
    const page = await rendered(run);
    expect(page.tables.map((table) => table.headers[0])).toEqual(['Metric']);
    expect(page.mermaid).toHaveLength(3);
    for (const chart of page.mermaid) expect(chart.lineColours.map((colour) => colour.toLowerCase())).toEqual([CHART_COLOURS.baseline, CHART_COLOURS.canary]);
    expect(page.text.split(CHART_LEGEND)).toHaveLength(4);
  });

  it('canary-analyze: errors against a baseline without any read "baseline 0 errors", never "Infinity"', async () => {
    const run = await analyse({ ...HEALTHY_FIXTURE, errorRate: 0 }, { ...HEALTHY_FIXTURE, errorRate: 0.2 });
    expect(run.outputs.verdict).toBe('rollback');
    const page = await rendered(run);
    expect(page.text).toContain('baseline 0 errors');
    expect(page.text).not.toContain('Infinity');
  });

  it('k8s-deploy and rollback on the cluster emulator: rolling, canary and a rollback, every summary with whole tables', async () => {
    const stage: Stage = await startStage();
    try {
      const first = await deployStep(stage, { images: 'inventory-service:1.0.0' });
      expect((await rendered(first)).text).toContain('✅ Deployed');
      const canary = await deployStep(stage, { images: 'inventory-service:2.0.0', strategy: 'canary', 'canary-replicas': '1' });
      expect((await rendered(canary)).tables.length).toBeGreaterThan(0);
      const rollback = await rollbackStep(stage, { reason: 'rendering test' });
      expect(rollback.exitCode).toBe(0);
      await rendered(rollback);
    } finally {
      await stage.stop();
    }
  }, 300_000);
});
