import { setTimeout as sleep } from 'node:timers/promises';
import * as core from '@actions/core';
import { ConfigurationError, contextNamespace, Kubectl, parseInputs, prepareKubeconfig, runAction, setOutputs, writeSummary } from '../../lib/index.js';
import { analysisPlan, checkProviderInputs, judgeSettings, prometheusConnection } from '../../lib/analysis/inputs.js';
import { judgedAnalysis, metricsProvider } from '../../lib/analysis/judged-run.js';
import { loadMetrics } from '../../lib/analysis/metrics.js';
import { RequestMeter, requestCounter, stablePodsSelector } from '../../lib/analysis/request-share.js';
import { parseTraffic } from '../../lib/analysis/traffic.js';
import { startGitHubDeployment, type GitHubDeployment } from '../../lib/github-deployment.js';
import { checkAccess, progressiveCanaryNeeds } from '../../lib/kubernetes/access.js';
import { parseSmokeChecks } from '../../lib/smoke-checks.js';
import { installKubectl } from '../../lib/kubernetes/kubectl-install.js';
import { selectorOf } from '../../lib/kubernetes/names.js';
import { planHooks, runHooks } from '../../lib/kubernetes/hooks.js';
import { containerImages } from '../../lib/kubernetes/objects.js';
import { singleDeployment } from '../../lib/kubernetes/deployment-variants.js';
import { abortCanary, deployCanary, matchLabelsOf, promoteCanary } from '../../lib/strategies/canary.js';
import type { DeployOptions } from '../../lib/strategies/deploy-result.js';
import { workloadLabel } from '../../lib/strategies/deploy-result.js';
import { abortGatewayCanary, deployGatewayCanary, promoteGatewayCanary } from '../../lib/strategies/gateway-canary.js';
import { annotateWorkloads, parseAnnotations, runContext } from '../../lib/deploy/annotations.js';
import { substituteImages } from '../../lib/deploy/images.js';
import { readManifestSources } from '../../lib/deploy/load.js';
import { isWorkload, parseManifests } from '../../lib/deploy/manifests.js';
import { namespaceOfRun } from '../../lib/deploy/namespace.js';
import { progressiveCanaryInputs, progressiveCanarySecretInputs } from './inputs.js';
import { runProgression, type CanaryOperations } from './progression.js';
import { writeProgressionReport } from './report.js';
import { renderProgressionSummary } from './summary.js';

export async function run(): Promise<void> {
  await runAction('progressive-canary', async () => {
    const started = Date.now();
    const inputs = parseInputs(progressiveCanaryInputs, { secret: progressiveCanarySecretInputs });
    const settings = judgeSettings(inputs);
    const plan = analysisPlan(inputs);
    const definitions = loadMetrics(inputs.metrics, inputs.provider, process.env.GITHUB_WORKSPACE);
    const traffic = inputs.traffic === undefined ? undefined : parseTraffic(inputs.traffic);
    checkProviderInputs(inputs);
    const httpRoute = inputs['traffic-router'] === 'gateway-api' ? inputs['http-route'] : undefined;
    if (inputs['traffic-router'] === 'gateway-api' && !httpRoute) {
      throw new ConfigurationError(
        'Input "traffic-router" is gateway-api, which needs input "http-route": the name of the HTTPRoute that sends traffic to the stable Service',
      );
    }
    if (inputs['canary-header'] && !httpRoute) {
      throw new ConfigurationError('Input "canary-header" needs traffic-router gateway-api: only an HTTPRoute sends requests by header. Nothing was changed');
    }
    const extraAnnotations = parseAnnotations(inputs.annotations);
    const verify = parseSmokeChecks(inputs.verify);

    // A cancelled job gets SIGINT, then SIGTERM: either stops the progression, which then removes the canary.
    const cancellation = new AbortController();
    const cancel = () => cancellation.abort(new ConfigurationError('the run was cancelled'));
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
    const kubeconfig = await prepareKubeconfig(inputs.kubeconfig);
    let githubDeployment: GitHubDeployment | undefined;
    let promoted = false;
    try {
      const binary = inputs['kubectl-version'] ? (await installKubectl(inputs['kubectl-version'], { kubeconfig: kubeconfig.path })).binary : undefined;
      const unscoped = new Kubectl({ kubeconfig: kubeconfig.path, binary });
      const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
      const parsed = parseManifests(await readManifestSources(inputs.manifests, unscoped, workspace));
      const namespace = namespaceOfRun(parsed, inputs.namespace) ?? (await contextNamespace(unscoped));
      const kubectl = unscoped.inNamespace(namespace);
      const { objects: substituted } = substituteImages(parsed, inputs.images ?? []);
      const images = [...new Set(substituted.filter(isWorkload).flatMap(containerImages))];
      const hooks = planHooks(annotateWorkloads(substituted, runContext('canary'), images, extraAnnotations));
      const objects = hooks.objects;
      const stable = singleDeployment(objects, 'canary');
      const options = (canaryPercentage: number): DeployOptions => ({
        fieldManager: inputs['field-manager'],
        timeoutSeconds: inputs.timeout,
        rollbackOnFailure: true,
        dryRun: false,
        canaryPercentage,
        maxSurgeReplicas: inputs['max-surge-replicas'],
        canaryHeader: inputs['canary-header'],
      });
      const base = options(inputs.steps[0]!);
      // Every weight is set with the checks, so each new canary pod is verified before it takes traffic;
      // promote and abort bring no new canary pod.
      const stepOptions = (canaryPercentage: number): DeployOptions => ({ ...options(canaryPercentage), verify });
      await checkAccess(
        kubectl,
        progressiveCanaryNeeds({
          // A hook that is not a Job (the PersistentVolumeClaim a backup Job writes to) is applied under its own kind.
          kinds: [...hooks.pre, ...hooks.post].map((hook) => hook.object.kind).concat(objects.map((object) => object.kind)),
          hooks: hooks.pre.length + hooks.post.length > 0,
          httpRoute: httpRoute !== undefined,
          ...stepOptions(inputs.steps[0]!),
        }),
        'this progressive canary',
      );

      githubDeployment = await startGitHubDeployment({
        token: inputs['github-token'],
        environment: inputs.environment ?? namespace,
        environmentUrl: inputs['environment-url'],
        strategy: 'canary',
        action: 'deploy',
        dryRun: false,
        promotes: true,
      });
      const prometheus = prometheusConnection(inputs);
      const operations: CanaryOperations = {
        setWeight: (percentage) =>
          httpRoute ? deployGatewayCanary(kubectl, objects, stepOptions(percentage), httpRoute) : deployCanary(kubectl, objects, stepOptions(percentage)),
        promote: () => (httpRoute ? promoteGatewayCanary(kubectl, objects, base, httpRoute) : promoteCanary(kubectl, objects, base)),
        runHooks: (phase) => runHooks(kubectl, phase === 'pre-deploy' ? hooks.pre : hooks.post, base),
        abort: (beforeRemoval) =>
          httpRoute ? abortGatewayCanary(kubectl, objects, base, httpRoute, beforeRemoval) : abortCanary(kubectl, objects, base, beforeRemoval),
        meter: (selectors) =>
          new RequestMeter(
            kubectl,
            { canary: selectors.canarySelector, baseline: selectors.baselineSelector, stable: stablePodsSelector(selectorOf(matchLabelsOf(stable))) },
            requestCounter(definitions),
          ),
        analyse: (selectors, step, signal) => {
          const provider = metricsProvider({ provider: inputs.provider, kubectl, namespace, prometheus }, selectors, plan, definitions);
          return judgedAnalysis(provider, definitions, settings, plan, traffic, {
            wait: (milliseconds) => sleep(milliseconds, undefined, { signal }),
            log: (message) => core.info(`step ${step}: ${message}`),
          });
        },
        log: (message) => core.info(message),
      };
      core.info(
        `Steps ${inputs.steps.join(' → ')} → promote, each judged on ${definitions.map((metric) => metric.name).join(', ')} over ${plan.iterations} intervals of ${plan.intervalSeconds}s (${plan.warmup} warm-up)`,
      );
      const progression = await runProgression(inputs.steps, inputs['on-inconclusive'], operations, cancellation.signal);
      const seconds = (Date.now() - started) / 1000;
      const reportPath = await writeProgressionReport(progression);
      const workload = progression.deployed?.workloads[0];
      setOutputs({
        result: progression.outcome,
        verdict: progression.verdict,
        'stopped-at-step': progression.stoppedAtStep,
        steps: JSON.stringify(progression.steps.map(({ analysis: _analysis, smokeChecks: _smokeChecks, ...step }) => step)),
        'canary-requests': progression.canaryRequests,
        report: reportPath,
        namespace,
        deployments: progression.deployed?.workloads.map(workloadLabel),
        revision: workload?.revision,
        'previous-revision': workload?.previousRevision,
        images,
        'duration-seconds': seconds.toFixed(1),
      });
      await writeSummary((summary) => {
        renderProgressionSummary(summary, progression, { namespace, router: inputs['traffic-router'], seconds });
        if (inputs['environment-url']) summary.addLink('Open the environment', inputs['environment-url']);
      });
      if (progression.outcome !== 'promoted') {
        throw new ConfigurationError(`${progression.outcome}: ${progression.reason}. ${progression.cleanup ?? ''}`.trim());
      }
      promoted = true;
    } finally {
      await githubDeployment?.finish(promoted);
      process.off('SIGINT', cancel);
      process.off('SIGTERM', cancel);
      await kubeconfig.dispose();
    }
  });
}
