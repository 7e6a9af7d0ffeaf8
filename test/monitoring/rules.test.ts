import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderAll } from '../../example-service/monitoring/generate.js';
import { dashboardQueries, readDashboard, readDeployment, readRules, RUNBOOK, SERVICE_ROOT } from './monitoring-files.js';
import { durationMs, scaleRuleDurations } from './scaled-rules.js';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
function anchors(markdown: string): Set<string> {
  const headings = markdown.split('\n').filter((line) => /^#{1,6} /.test(line));
  return new Set(
    headings.map((line) =>
      line
        .replace(/^#+ /, '')
        .trim()
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('the inventory alerts', () => {
  it('have a severity, a summary, a description and a runbook section that exists', async () => {
    const alerts = (await readRules()).filter((rule) => rule.alert);
    expect(alerts.length).toBe(10);
    const sections = anchors(await readFile(RUNBOOK, 'utf8'));
    for (const alert of alerts) {
      expect(['critical', 'warning'], alert.alert).toContain(alert.labels?.severity);
      expect(alert.annotations?.summary, alert.alert).toBeTruthy();
      expect(alert.annotations?.description, alert.alert).toBeTruthy();
      const url = new URL(alert.annotations?.runbook_url ?? '');
      expect(url.href.startsWith('https://github.com/acme/inventory-devops/blob/main/docs/runbook.md#'), alert.alert).toBe(true);
      expect(sections, `${alert.alert}: ${url.hash}`).toContain(url.hash.slice(1));
    }
  });

  it('burn-rate pairs follow the SRE workbook: 14.4 over 1h and 5m, 6 over 6h and 30m, 3 over 1d and 2h, 1 over 3d and 6h', async () => {
    const rules = await readRules();
    const pairs = (name: string) =>
      [...rules.find((rule) => rule.alert === name)!.expr.matchAll(/ratio_rate(\w+) > \(([\d.]+) \* ([\d.]+)\)/g)].map(
        ([, window, factor, budget]) => `${window} ${factor} ${budget}`,
      );
    expect(pairs('InventoryAvailabilityFastBurn')).toEqual(['1h 14.4 0.001', '5m 14.4 0.001', '6h 6 0.001', '30m 6 0.001']);
    expect(pairs('InventoryAvailabilitySlowBurn')).toEqual(['1d 3 0.001', '2h 3 0.001', '3d 1 0.001', '6h 1 0.001']);
    expect(pairs('InventoryLatencyFastBurn')).toEqual(['1h 14.4 0.01', '5m 14.4 0.01', '6h 6 0.01', '30m 6 0.01']);
    expect(pairs('InventoryLatencySlowBurn')).toEqual(['1d 3 0.01', '2h 3 0.01', '3d 1 0.01', '6h 1 0.01']);
    // The dashboard's burn-rate panels divide by the same budgets.
    const constants = Object.fromEntries(
      (await readDashboard()).templating.list.flatMap((entry) => (entry.type === 'constant' ? [[entry.name, Number(entry.query)]] : [])),
    );
    expect(1 - constants.availability_objective!).toBeCloseTo(0.001, 12);
    expect(1 - constants.latency_objective!).toBeCloseTo(0.01, 12);
  });

  it('the latency SLO threshold is a bucket boundary of the service histogram', async () => {
    const metrics = await readFile(`${SERVICE_ROOT}src/plugins/metrics.ts`, 'utf8');
    const buckets = /buckets: \[([^\]]+)\]/.exec(metrics)![1]!.split(',').map(Number);
    const thresholds = (await readRules()).flatMap((rule) => [...rule.expr.matchAll(/le="([\d.]+)"/g)].map(([, le]) => Number(le)));
    expect(thresholds.length).toBeGreaterThan(0);
    for (const threshold of thresholds) expect(buckets).toContain(threshold);
  });

  it('a scaled copy divides every range and for: by the factor and keeps the rest', async () => {
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(() => durationMs('0.5m')).toThrow('not a Prometheus duration: 0.5m');
    const rulesFile = await readFile(`${SERVICE_ROOT}monitoring/rules.yaml`, 'utf8');
    const scaled = parse(scaleRuleDurations(rulesFile, 60)) as {
      groups: Array<{ rules: Array<{ alert?: string; record?: string; expr: string; for?: string }> }>;
    };
    const rules = scaled.groups.flatMap((group) => group.rules);
    const byName = (name: string) => rules.find((rule) => rule.alert === name || rule.record === name)!;
    expect(byName('inventory:api_errors:ratio_rate1h').expr).toContain('[60000ms]');
    expect(byName('inventory:api_errors:ratio_rate1h').expr).not.toContain('[1h]');
    expect(byName('InventoryHighErrorRate').for).toBe('5000ms');
    expect(byName('InventoryTargetDown').for).toBe('2000ms');
    expect(rules.map((rule) => rule.alert ?? rule.record)).toEqual((await readRules()).map((rule) => rule.alert ?? rule.record));
  });
});

describe('the monitoring component', () => {
  it('holds the manifests generate.ts writes from the sources (run `npx tsx example-service/monitoring/generate.ts` after editing them)', async () => {
    for (const { target, content } of await renderAll()) expect(await readFile(target, 'utf8'), target).toBe(content);
  });

  it('scrapes what the Deployment exposes: the PodMonitor and the plain job follow the pod labels, port and annotations', async () => {
    const template = (await readDeployment()).spec.template;
    const port = template.spec.containers[0]!.ports.find((entry) => entry.name === 'http')!;
    expect(template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(port.containerPort),
      'prometheus.io/path': '/metrics',
    });

    const podMonitor = parse(await readFile(`${SERVICE_ROOT}k8s/components/monitoring/pod-monitor.yaml`, 'utf8'));
    expect(template.metadata.labels).toMatchObject(podMonitor.spec.selector.matchLabels);
    expect(template.metadata.labels[podMonitor.spec.jobLabel]).toBe('inventory-service');
    expect(podMonitor.spec.podMetricsEndpoints).toEqual([
      expect.objectContaining({ port: port.name, path: template.metadata.annotations['prometheus.io/path'] }),
    ]);

    const plain = parse(await readFile(`${SERVICE_ROOT}monitoring/prometheus.yaml`, 'utf8'));
    const [job] = plain.scrape_configs;
    expect(job.job_name).toBe('inventory-service');
    const keep = job.relabel_configs.find(
      (step: { source_labels?: string[] }) => step.source_labels?.[0] === '__meta_kubernetes_pod_label_app_kubernetes_io_name',
    );
    expect(new RegExp(`^(?:${keep.regex})$`).test(template.metadata.labels['app.kubernetes.io/name']!)).toBe(true);
  });

  it('the dashboard is a Grafana dashboard model whose queries all resolve their variables', async () => {
    const dashboard = await readDashboard();
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels) expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
    const queries = dashboardQueries(dashboard, { namespace: 'shop', __rate_interval: '1m' });
    expect(queries.map((query) => query.expr).join('\n')).not.toContain('$');
    expect(() => dashboardQueries(dashboard, { namespace: 'shop' })).toThrow(/no value for \$__rate_interval/);
  });
});
