import * as core from '@actions/core';
import {
  ConfigurationError,
  parseInputs,
  prepareKubeconfig,
  runAction,
  setOutputs,
  writeSummary,
  type Inputs,
} from '../../lib/index.js';
import { runAnalysis, type AnalysisPlan, type AnalysisResult, type MetricsProvider } from './analysis.js';
import { MAX_ITERATIONS, canaryAnalyzeInputs, canaryAnalyzeSecretInputs } from './inputs.js';
import type { JudgeSettings } from './judge.js';
import { judgedMetric, loadMetrics, selectorMatchers } from './metrics.js';
import { directKubectl, DirectProvider } from './providers/direct/provider.js';
import { PrometheusProvider } from './providers/prometheus.js';
import { buildReport, writeReport } from './report.js';
import { renderSummary } from './summary.js';
import { parseTraffic, startTraffic, type TrafficReport } from './traffic.js';

type CanaryInputs = Inputs<typeof canaryAnalyzeInputs>;

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
      core.info(`Judging ${definitions.map((metric) => metric.name).join(', ')} over ${plan.iterations} intervals of ${plan.intervalSeconds}s (${plan.warmup} warm-up) with ${provider.description}`);
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

function judgeSettings(inputs: CanaryInputs): JudgeSettings {
  if (inputs['marginal-score'] > inputs['pass-score']) {
    throw new ConfigurationError(
      `Input "marginal-score" has value "${inputs['marginal-score']}": expected at most pass-score (${inputs['pass-score']}).`,
    );
  }
  return {
    confidence: inputs.confidence,
    tolerance: inputs.tolerance,
    allowedIncrease: inputs['allowed-increase'],
    allowedDecrease: inputs['allowed-decrease'],
    passScore: inputs['pass-score'],
    marginalScore: inputs['marginal-score'],
    minSamples: inputs['min-samples'],
    onMarginal: inputs['on-marginal'],
  };
}

function analysisPlan(inputs: CanaryInputs): AnalysisPlan {
  const iterations = inputs.duration === undefined ? inputs.iterations : Math.floor(inputs.duration / inputs.interval);
  if (iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new ConfigurationError(
      `Input "duration" has value "${inputs.duration}s": expected from one to ${MAX_ITERATIONS} intervals of ${inputs.interval}s (it makes ${iterations}).`,
    );
  }
  return { intervalSeconds: inputs.interval, iterations, warmup: inputs.warmup };
}

function checkProviderInputs(inputs: CanaryInputs): void {
  if (inputs.provider !== 'prometheus') return;
  if (inputs['prometheus-url'] === undefined) {
    throw new ConfigurationError('Input "prometheus-url" is required but was not set: expected the Prometheus base URL with provider prometheus.');
  }
  if (inputs['prometheus-password'] !== undefined && inputs['prometheus-username'] === undefined) {
    throw new ConfigurationError('Input "prometheus-password" is set without "prometheus-username": expected both for basic auth.');
  }
  selectorMatchers(inputs['baseline-selector'], 'baseline-selector');
  selectorMatchers(inputs['canary-selector'], 'canary-selector');
}
