import * as core from '@actions/core';
import { ConfigurationError, parseInputs, prepareKubeconfig, runAction, setOutputs, writeSummary } from '../../lib/index.js';
import { runAnalysis, type AnalysisResult, type MetricsProvider } from './analysis.js';
import { analysisPlan, canaryAnalyzeInputs, canaryAnalyzeSecretInputs, checkProviderInputs, judgeSettings } from './inputs.js';
import { judgedMetric, loadMetrics } from './metrics.js';
import { directKubectl, DirectProvider } from './providers/direct/provider.js';
import { PrometheusProvider } from './providers/prometheus.js';
import { buildReport, writeReport } from './report.js';
import { renderSummary } from './summary.js';
import { parseTraffic, startTraffic, type TrafficReport } from './traffic.js';

export async function run(): Promise<void> {
  await runAction('canary-analyze', async () => {
    const inputs = parseInputs(canaryAnalyzeInputs, { secret: canaryAnalyzeSecretInputs });
    const settings = judgeSettings(inputs);
    const plan = analysisPlan(inputs);
    const definitions = loadMetrics(inputs.metrics, inputs.provider, process.env.GITHUB_WORKSPACE);
    const traffic = inputs.traffic === undefined ? undefined : parseTraffic(inputs.traffic);
    checkProviderInputs(inputs);

    const kubeconfig = inputs.provider === 'direct' ? await prepareKubeconfig(inputs.kubeconfig) : undefined;
    try {
      const provider: MetricsProvider = kubeconfig
        ? new DirectProvider(await directKubectl(kubeconfig.path, inputs.namespace), {
            baselineSelector: inputs['baseline-selector'],
            canarySelector: inputs['canary-selector'],
            intervalSeconds: plan.intervalSeconds,
            metrics: definitions,
          })
        : new PrometheusProvider({
            url: inputs['prometheus-url']!,
            token: inputs['prometheus-token'],
            username: inputs['prometheus-username'],
            password: inputs['prometheus-password'],
            namespace: inputs.namespace,
            baselineSelector: inputs['baseline-selector'],
            canarySelector: inputs['canary-selector'],
            intervalSeconds: plan.intervalSeconds,
            metrics: definitions,
          });
      core.info(
        `Judging ${definitions.map((metric) => metric.name).join(', ')} over ${plan.iterations} intervals of ${plan.intervalSeconds}s (${plan.warmup} warm-up) with ${provider.description}`,
      );
      const load = traffic && startTraffic(traffic, (plan.iterations + plan.warmup) * plan.intervalSeconds);
      let trafficReport: TrafficReport | undefined;
      let result: AnalysisResult;
      try {
        result = await runAnalysis(provider, definitions.map(judgedMetric), settings, plan, { log: (message) => core.info(message) });
      } finally {
        trafficReport = await load?.stop();
      }
      const report = buildReport({ result, provider: provider.description, plan, settings, definitions, traffic: trafficReport });
      const reportPath = await writeReport(report);
      setOutputs({ verdict: report.verdict, score: report.score, 'failed-metrics': report.failedMetrics, report: reportPath });
      await writeSummary((summary) => renderSummary(summary, report));
      core.info(`Verdict: ${report.verdict} (score ${report.score}): ${report.reason}`);
      if (report.verdict === 'rollback' && inputs['fail-on-rollback']) {
        throw new ConfigurationError(`the verdict is rollback and fail-on-rollback is true: ${report.reason}`);
      }
    } finally {
      await kubeconfig?.dispose();
    }
  });
}
