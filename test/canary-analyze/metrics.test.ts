import { describe, expect, it } from 'vitest';
import { judgedMetric, loadMetrics } from '../../actions/lib/analysis/metrics.js';

describe('metric definitions', () => {
  it('prometheus: a name, a query and a direction make a metric of one value per interval', () => {
    const [metric] = loadMetrics('- name: p95\n  query: histogram_quantile(0.95, x{ {{selector}} })\n  direction: increase\n', 'prometheus');
    expect(metric).toMatchObject({ name: 'p95', direction: 'increase' });
    expect(metric!.reduce).toBeUndefined();
    expect(judgedMetric(metric!).kind).toBe('samples');
  });

  it('prometheus: the two count queries make a ratio without reduce', () => {
    const [metric] = loadMetrics('- name: errors\n  errors-query: e{ {{selector}} }\n  requests-query: r{ {{selector}} }\n', 'prometheus');
    expect(metric!.reduce).toBe('ratio');
    expect(judgedMetric(metric!).kind).toBe('counts');
  });

  it.each([
    ['- name: errors\n  errors-query: e\n', 'prometheus', 'Metric "errors": field "requests-query" is required by the prometheus provider for reduce: ratio.'],
    ['- name: p95\n  direction: increase\n', 'prometheus', 'Metric "p95": field "query" is required by the prometheus provider.'],
    ['- name: p95\n  metric: x\n  quantile: 0.95\n', 'direct', 'Metric "p95": field "reduce" is required by the direct provider (rate, ratio or quantile).'],
  ] as const)('%j with %s is refused', (yaml, provider, message) => {
    expect(() => loadMetrics(yaml, provider)).toThrow(message);
  });
});
