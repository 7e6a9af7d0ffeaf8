import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigurationError, describeError } from '../index.js';
import type { JudgedMetric } from './judge.js';

export type Provider = 'direct' | 'prometheus';

const labelMatch = z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { error: 'label names' }), z.string(), {
  error: 'a map of label name to regular expression',
});

const metricSchema = z
  .object({
    name: z.string({ error: 'a non-empty name' }).regex(/^[\w.-]+$/, { error: 'a name of letters, digits, _ . -' }),
    // direct provider; with prometheus a metric is a ratio when it has the two count queries, else one value per interval
    reduce: z.enum(['rate', 'ratio', 'quantile'], { error: 'one of rate, ratio, quantile' }).optional(),
    direction: z.enum(['increase', 'decrease', 'either'], { error: 'one of increase, decrease, either' }).default('increase'),
    critical: z.boolean({ error: 'true or false' }).default(false),
    weight: z.number({ error: 'a positive number' }).positive({ error: 'a positive number' }).default(1),
    threshold: z
      .object({ min: z.number({ error: 'a number' }).optional(), max: z.number({ error: 'a number' }).optional() }, { error: 'min and/or max' })
      .strict()
      .optional(),
    'allowed-increase': z.number({ error: 'a ratio of at least 1' }).min(1, { error: 'a ratio of at least 1' }).optional(),
    'allowed-decrease': z.number({ error: 'a ratio from 0 to 1' }).min(0).max(1, { error: 'a ratio from 0 to 1' }).optional(),
    // direct provider
    metric: z
      .string({ error: 'a metric name' })
      .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { error: 'a Prometheus metric name' })
      .optional(),
    match: labelMatch.optional(),
    errors: labelMatch.optional(),
    quantile: z.number({ error: 'a number between 0 and 1' }).gt(0).lt(1, { error: 'a number between 0 and 1' }).optional(),
    // prometheus provider
    query: z.string({ error: 'a PromQL template' }).min(1).optional(),
    'errors-query': z.string({ error: 'a PromQL template' }).min(1).optional(),
    'requests-query': z.string({ error: 'a PromQL template' }).min(1).optional(),
  })
  .strict();

export type MetricDefinition = z.output<typeof metricSchema>;

/**
 * Defaults for the inventory service's metric contract (its API routes only: probes and
 * scrapes would dilute the signal). p99 is there because a canary whose spread grows while
 * its median holds shows in the tail first (Kayenta issue #780).
 */
export const DEFAULT_METRICS_YAML = `
- name: error-rate
  reduce: ratio
  critical: true
  metric: http_requests_total
  match: { route: '/api/.*' }
  errors: { status_code: '5..' }
  errors-query: 'sum(increase(http_requests_total{ {{selector}}, route=~"/api/.*", status_code=~"5.." }[{{interval}}]))'
  requests-query: 'sum(increase(http_requests_total{ {{selector}}, route=~"/api/.*" }[{{interval}}]))'
- name: p95-latency
  reduce: quantile
  quantile: 0.95
  metric: http_request_duration_seconds
  match: { route: '/api/.*' }
  query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{ {{selector}}, route=~"/api/.*" }[{{interval}}])))'
- name: p99-latency
  reduce: quantile
  quantile: 0.99
  metric: http_request_duration_seconds
  match: { route: '/api/.*' }
  query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{ {{selector}}, route=~"/api/.*" }[{{interval}}])))'
`;

const TEMPLATE_VARIABLE = /\{\{\s*([^}]*?)\s*\}\}/g;
const KNOWN_VARIABLES = new Set(['selector', 'namespace', 'interval']);

/**
 * The `metrics` input: YAML, or the path of a YAML file (relative to the workspace); unset
 * means the defaults. Every problem names the metric and the field.
 */
export function loadMetrics(inputValue: string | undefined, provider: Provider, workspace = process.cwd()): MetricDefinition[] {
  let text = inputValue ?? DEFAULT_METRICS_YAML;
  if (inputValue !== undefined && !inputValue.includes('\n')) {
    const path = isAbsolute(inputValue) ? inputValue : resolve(workspace, inputValue);
    if (existsSync(path)) text = readFileSync(path, 'utf8');
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error: unknown) {
    throw new ConfigurationError(`Input "metrics" is not valid YAML: ${describeError(error).split('\n')[0]}`);
  }
  if (!Array.isArray(document) || document.length === 0) {
    throw new ConfigurationError('Input "metrics": expected a YAML list of metric definitions, or the path of a file holding one (no such file)');
  }
  const problems: string[] = [];
  const metrics: MetricDefinition[] = [];
  document.forEach((entry: unknown, index) => {
    const label = `Metric ${typeof (entry as { name?: unknown })?.name === 'string' ? `"${(entry as { name: string }).name}"` : `#${index + 1}`}`;
    const parsed = metricSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'definition';
        problems.push(`${label}: ${field}: ${issue.code === 'unrecognized_keys' ? issue.message : `expected ${issue.message}`}.`);
      }
      return;
    }
    const metric = provider === 'prometheus' ? withPrometheusReduce(parsed.data) : parsed.data;
    problems.push(...providerProblems(metric, provider).map((problem) => `${label}: ${problem}.`));
    metrics.push(metric);
  });
  const names = metrics.map((metric) => metric.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) problems.push(`Metric "${duplicate}" is defined twice.`);
  if (problems.length > 0) throw new ConfigurationError(`Input "metrics": ${problems.join(' ')}`);
  return metrics;
}

/**
 * A Prometheus user writes a metric as a name, a query and a direction: its query already reduces
 * the series, so without `reduce` it is one value per interval (judged like a quantile), or a
 * ratio when it has the two count queries.
 */
function withPrometheusReduce(metric: MetricDefinition): MetricDefinition {
  if (metric.reduce !== undefined) return metric;
  const ratio = metric['errors-query'] !== undefined || metric['requests-query'] !== undefined;
  return ratio ? { ...metric, reduce: 'ratio' } : metric;
}

function providerProblems(metric: MetricDefinition, provider: Provider): string[] {
  const problems: string[] = [];
  const need = (field: keyof MetricDefinition, why: string) => {
    if (metric[field] === undefined) problems.push(`field "${field}" is required ${why}`);
  };
  if (provider === 'direct') {
    need('reduce', 'by the direct provider (rate, ratio or quantile)');
    need('metric', 'by the direct provider');
    if (metric.reduce === 'ratio') need('errors', 'for reduce: ratio (labels of the error samples, e.g. { status_code: "5.." })');
    if (metric.reduce === 'quantile') need('quantile', 'for reduce: quantile');
  } else if (metric.reduce === 'ratio') {
    need('errors-query', 'by the prometheus provider for reduce: ratio (a count per interval, e.g. with increase())');
    need('requests-query', 'by the prometheus provider for reduce: ratio');
  } else {
    need('query', 'by the prometheus provider');
  }
  for (const field of ['query', 'errors-query', 'requests-query'] as const) {
    for (const [, variable] of (metric[field] ?? '').matchAll(TEMPLATE_VARIABLE)) {
      if (!KNOWN_VARIABLES.has(variable ?? '')) problems.push(`field "${field}" uses {{${variable}}}: expected {{selector}}, {{namespace}} or {{interval}}`);
    }
  }
  return problems;
}

export function judgedMetric(metric: MetricDefinition): JudgedMetric {
  return {
    name: metric.name,
    kind: metric.reduce === 'ratio' ? 'counts' : 'samples',
    direction: metric.direction,
    critical: metric.critical,
    weight: metric.weight,
    threshold: metric.threshold,
    allowedIncrease: metric['allowed-increase'],
    allowedDecrease: metric['allowed-decrease'],
  };
}

/**
 * A Kubernetes equality-based label selector as PromQL matchers, with label names as
 * Prometheus' kubernetes_sd `labelmap` writes them (`app.kubernetes.io/name` → `app_kubernetes_io_name`).
 */
export function selectorMatchers(selector: string, inputName: string, namespace?: string): string {
  const matchers = selector.split(',').map((requirement) => {
    const parsed = /^\s*([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)\s*$/.exec(requirement);
    if (!parsed) {
      throw new ConfigurationError(
        `Input "${inputName}" has value "${selector}": expected equality requirements (key=value or key!=value, comma separated) with the prometheus provider`,
      );
    }
    const [, key = '', operator, value = ''] = parsed;
    return `${key.replace(/[^a-zA-Z0-9_]/g, '_')}${operator === '!=' ? '!=' : '='}"${value}"`;
  });
  if (namespace) matchers.push(`namespace="${namespace}"`);
  return matchers.join(', ');
}

export function renderQuery(template: string, variables: { selector: string; namespace?: string; interval: string }): string {
  return template.replace(TEMPLATE_VARIABLE, (_match, name: string) => {
    const value = variables[name as keyof typeof variables];
    if (value === undefined) throw new ConfigurationError(`A query uses {{${name}}} but input "${name}" is not set`);
    return value;
  });
}
