import * as core from '@actions/core';
import { ConfigurationError } from '../../lib/errors.js';
import { parseRepository } from '../../lib/github.js';
import { parseInputs } from '../../lib/inputs.js';
import { setOutputs } from '../../lib/outputs.js';
import { runAction } from '../../lib/run.js';
import { writeSummary } from '../../lib/summary.js';
import { deliveryMetricsInputs, deliveryMetricsSecretInputs, REPOSITORY } from './inputs.js';
import { computeDeliveryMetrics } from './metrics.js';
import { readDeliveryData } from './read-deployments.js';
import { buildReport, writeReport } from './report.js';
import { renderSummary } from './summary.js';

export async function run(): Promise<void> {
  await runAction('delivery-metrics', async () => {
    const inputs = parseInputs(deliveryMetricsInputs, { secret: deliveryMetricsSecretInputs });
    const repositoryName = inputs.repository ?? process.env.GITHUB_REPOSITORY ?? '';
    const repository = REPOSITORY.test(repositoryName) ? parseRepository(repositoryName) : undefined;
    if (!repository)
      throw new ConfigurationError('Input "repository" is not set and GITHUB_REPOSITORY is not owner/name: expected a repository as owner/name.');
    const until = inputs.until ?? Date.now();
    const since = until - inputs['window-days'] * 86_400_000;

    const data = await core.group(`Reading the GitHub deployments of ${repositoryName}`, () =>
      readDeliveryData(inputs['github-token'], { repository, environments: inputs.environments, since, until }),
    );
    core.info(`${data.deployments.length} deployments read in ${data.requests} API requests`);
    const metrics = computeDeliveryMetrics({ deployments: data.deployments, commitTimes: data.commitTimes, since, until });
    const report = buildReport(repositoryName, metrics, data.skipped);
    const { total } = metrics;
    setOutputs({
      report: await writeReport(report),
      'deployments-per-day': total.deploymentsPerDay.toFixed(3),
      'lead-time-seconds': total.leadTimeSeconds?.median.toFixed(0),
      'change-failure-rate': total.changeFailureRate === undefined ? undefined : (100 * total.changeFailureRate).toFixed(1),
      'time-to-restore-seconds': total.timeToRestoreSeconds?.median.toFixed(0),
    });
    await writeSummary((summary) => renderSummary(summary, repositoryName, metrics, data.skipped));
  });
}
