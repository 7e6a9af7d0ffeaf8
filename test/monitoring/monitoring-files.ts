import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const SERVICE_ROOT = fileURLToPath(new URL('../../example-service/', import.meta.url));
export const RUNBOOK = fileURLToPath(new URL('../../docs/runbook.md', import.meta.url));

export interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export async function readRules(): Promise<Rule[]> {
  const { groups } = parse(await readFile(`${SERVICE_ROOT}monitoring/rules.yaml`, 'utf8')) as { groups: Array<{ rules: Rule[] }> };
  return groups.flatMap((group) => group.rules);
}

const container = z.object({ name: z.string(), ports: z.array(z.object({ name: z.string(), containerPort: z.number() })) });
const deployment = z.object({
  spec: z.object({
    template: z.object({
      metadata: z.object({ labels: z.record(z.string(), z.string()), annotations: z.record(z.string(), z.string()) }),
      spec: z.object({ containers: z.array(container).min(1) }),
    }),
  }),
});

/** k8s/base/deployment.yaml, down to what scraping depends on: pod labels, annotations, ports. */
export async function readDeployment(): Promise<z.infer<typeof deployment>> {
  return deployment.parse(parse(await readFile(`${SERVICE_ROOT}k8s/base/deployment.yaml`, 'utf8')));
}

const datasource = z.object({ type: z.literal('prometheus'), uid: z.literal('${datasource}') });
const target = z.object({ refId: z.string().regex(/^[A-Z]$/), expr: z.string().min(1), datasource, legendFormat: z.string() });
const gridPos = z.object({ x: z.number().int().min(0).max(23), y: z.number().int().min(0), w: z.number().int().min(1).max(24), h: z.number().int().min(1) });
const queryPanel = z.object({
  id: z.number().int(),
  type: z.enum(['timeseries', 'stat']),
  title: z.string().min(1),
  description: z.string().min(1),
  gridPos,
  datasource,
  targets: z.array(target).min(1),
  fieldConfig: z.object({ defaults: z.object({ unit: z.string() }), overrides: z.array(z.unknown()) }),
});
const rowPanel = z.object({
  id: z.number().int(),
  type: z.literal('row'),
  title: z.string().min(1),
  gridPos,
  collapsed: z.boolean(),
  panels: z.array(z.unknown()),
});
const variable = z.discriminatedUnion('type', [
  z.object({ type: z.literal('datasource'), name: z.literal('datasource'), query: z.literal('prometheus') }),
  z.object({ type: z.literal('query'), name: z.string(), datasource, query: z.object({ query: z.string(), refId: z.string() }) }),
  z.object({ type: z.literal('constant'), name: z.string(), query: z.string() }),
]);
const annotation = z.union([
  z.object({ builtIn: z.literal(1), type: z.literal('dashboard'), name: z.string() }),
  z.object({ name: z.string(), enable: z.boolean(), datasource, expr: z.string().min(1), titleFormat: z.string(), step: z.string() }),
]);

/**
 * What Grafana needs to load a dashboard model (https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/):
 * uid, title, schemaVersion, panels with gridPos, datasource and targets, templating and annotations.
 */
export const dashboardSchema = z.object({
  uid: z.string().regex(/^[\w-]{1,40}$/),
  title: z.string().min(1),
  schemaVersion: z.number().int().min(36),
  version: z.number().int(),
  time: z.object({ from: z.string(), to: z.string() }),
  templating: z.object({ list: z.array(variable) }),
  annotations: z.object({ list: z.array(annotation) }),
  panels: z.array(z.union([rowPanel, queryPanel])).min(1),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export async function readDashboard(): Promise<Dashboard> {
  return dashboardSchema.parse(JSON.parse(await readFile(`${SERVICE_ROOT}monitoring/dashboard.json`, 'utf8')));
}

/**
 * Every PromQL query of the dashboard (panel targets, annotation queries, query variables) with
 * its variables replaced: the dashboard's constants, then `values` (what Grafana would fill in).
 */
export function dashboardQueries(dashboard: Dashboard, values: Record<string, string>): Array<{ where: string; expr: string }> {
  const constants = Object.fromEntries(dashboard.templating.list.flatMap((entry) => (entry.type === 'constant' ? [[entry.name, entry.query]] : [])));
  const known: Record<string, string> = { ...constants, ...values };
  const substitute = (expr: string) =>
    expr.replace(/\$\{?(\w+)\}?/g, (_match, name: string) => {
      const value = known[name];
      if (value === undefined) throw new Error(`no value for $${name} in ${expr}`);
      return value;
    });
  const queries: Array<{ where: string; expr: string }> = [];
  for (const panel of dashboard.panels) {
    if (panel.type === 'row') continue;
    for (const { refId, expr } of panel.targets) queries.push({ where: `panel "${panel.title}" ${refId}`, expr: substitute(expr) });
  }
  for (const entry of dashboard.annotations.list) {
    if ('expr' in entry) queries.push({ where: `annotation "${entry.name}"`, expr: substitute(entry.expr) });
  }
  return queries;
}
