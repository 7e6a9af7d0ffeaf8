import * as core from '@actions/core';
import { ConfigurationError, parseInputs, prepareKubeconfig, runAction, setOutputs, writeSummary } from '../../lib/index.js';
import { checkAccess, canaryAnalyzeNeeds } from '../../lib/kubernetes/access.js';
import { analysisPlan, checkProviderInputs, judgeSettings, prometheusConnection } from '../../lib/analysis/inputs.js';
import { judgedAnalysis, metricsProvider } from '../../lib/analysis/judged-run.js';
import { loadMetrics } from '../../lib/analysis/metrics.js';
import { directKubectl } from '../../lib/analysis/providers/direct/provider.js';
import { writeReport } from '../../lib/analysis/report.js';
import { renderSummary } from '../../lib/analysis/summary.js';
import { parseTraffic } from '../../lib/analysis/traffic.js';
import { canaryAnalyzeInputs, canaryAnalyzeSecretInputs } from './inputs.js';

export async function run(): Promise<void> {
  await runAction('canary-analyze', async () => {
    const inputs = parseInputs(canaryAnalyzeInputs, { secret: canaryAnalyzeSecretInputs });
    const settings = judgeSettings(inputs);
    const plan = analysisPlan(inputs);
    const definitions = loadMetrics(inputs.metrics, inputs.provider, process.env.GITHUB_WORKSPACE);
    const traffic = inputs.traffic === undefined ? undefined : parseTraffic(inputs.traffic);
    checkProviderInputs(inputs, { 'baseline-selector': inputs['baseline-selector'], 'canary-selector': inputs['canary-selector'] });

    const kubeconfig = inputs.provider === 'direct' ? await prepareKubeconfig(inputs.kubeconfig) : undefined;
    try {
      const kubectl = kubeconfig && (await directKubectl(kubeconfig.path, inputs.namespace));
      // Before the window starts: a missing right would otherwise show only as an inconclusive verdict at its end.
      if (kubectl) await checkAccess(kubectl, canaryAnalyzeNeeds(inputs.provider), `the analysis with the ${inputs.provider} provider`);
      const provider = metricsProvider(
        {
          provider: inputs.provider,
          kubectl,
          namespace: inputs.namespace,
          prometheus: prometheusConnection(inputs),
        },
        { baselineSelector: inputs['baseline-selector'], canarySelector: inputs['canary-selector'] },
        plan,
        definitions,
      );
      core.info(
        `Judging ${definitions.map((metric) => metric.name).join(', ')} over ${plan.iterations} intervals of ${plan.intervalSeconds}s (${plan.warmup} warm-up) with ${provider.description}`,
      );
      const report = await judgedAnalysis(provider, definitions, settings, plan, traffic, { log: (message) => core.info(message) });
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
