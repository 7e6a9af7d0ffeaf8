import type { Kubectl } from '../kubernetes/kubectl.js';
import { runAnalysis, type AnalysisHooks, type AnalysisPlan, type AnalysisResult, type MetricsProvider } from './analysis.js';
import type { JudgeSettings } from './judge.js';
import { judgedMetric, type MetricDefinition, type Provider } from './metrics.js';
import { DirectProvider } from './providers/direct/provider.js';
import { PrometheusProvider } from './providers/prometheus.js';
import { buildReport, type Report } from './report.js';
import { startTraffic, type TrafficPlan, type TrafficReport } from './traffic.js';

export interface ProviderSettings {
  provider: Provider;
  /** The direct provider's kubectl, scoped to the namespace of the pods. */
  kubectl?: Kubectl;
  namespace?: string;
  prometheus?: { url: string; token?: string; username?: string; password?: string };
}

/** The provider of one analysis: the pods scraped directly through the API server, or Prometheus. */
export function metricsProvider(
  settings: ProviderSettings,
  selectors: { baselineSelector: string; canarySelector: string },
  plan: AnalysisPlan,
  metrics: readonly MetricDefinition[],
): MetricsProvider {
  if (settings.provider === 'direct') {
    if (!settings.kubectl) throw new Error('the direct provider needs a kubectl');
    return new DirectProvider(settings.kubectl, { ...selectors, intervalSeconds: plan.intervalSeconds, metrics });
  }
  if (!settings.prometheus) throw new Error('the prometheus provider needs its URL');
  return new PrometheusProvider({ ...settings.prometheus, namespace: settings.namespace, ...selectors, intervalSeconds: plan.intervalSeconds, metrics });
}

/**
 * One analysis judged: the warm-up and the intervals of the plan, with the synthetic traffic (if
 * any) running meanwhile, as the report that the summary renders and the `report` output holds.
 */
export async function judgedAnalysis(
  provider: MetricsProvider,
  definitions: readonly MetricDefinition[],
  settings: JudgeSettings,
  plan: AnalysisPlan,
  traffic: TrafficPlan | undefined,
  hooks: AnalysisHooks = {},
): Promise<Report> {
  const load = traffic && startTraffic(traffic, (plan.iterations + plan.warmup) * plan.intervalSeconds);
  let trafficReport: TrafficReport | undefined;
  let result: AnalysisResult;
  try {
    result = await runAnalysis(provider, definitions.map(judgedMetric), settings, plan, hooks);
  } finally {
    trafficReport = await load?.stop();
  }
  return buildReport({ result, provider: provider.description, plan, settings, definitions, traffic: trafficReport });
}
