import { ConfigurationError, contextNamespace, Kubectl, parseInputs, prepareKubeconfig, runAction, setOutputs, writeSummary } from '../../lib/index.js';
import { checkAccess, deployNeeds } from '../../lib/kubernetes/access.js';
import { installKubectl } from '../../lib/kubernetes/kubectl-install.js';
import { annotateWorkloads, parseAnnotations, runContext } from '../../lib/deploy/annotations.js';
import { abortBlueGreen, deployBlueGreen, promoteBlueGreen } from '../../lib/strategies/blue-green.js';
import { abortCanary, deployCanary, promoteCanary } from '../../lib/strategies/canary.js';
import { abortGatewayCanary, deployGatewayCanary, promoteGatewayCanary } from '../../lib/strategies/gateway-canary.js';
import type { TrafficRouter } from '../../lib/strategies/traffic-router.js';
import { workloadLabel, type DeployOptions, type DeployResult } from '../../lib/strategies/deploy-result.js';
import { containerImages, type KubeObject } from '../../lib/kubernetes/objects.js';
import { deployRolling } from '../../lib/strategies/rolling.js';
import { planHooks } from '../../lib/kubernetes/hooks.js';
import { parseSmokeChecks } from '../../lib/smoke-checks.js';
import { deployWithHooks } from '../../lib/strategies/hook-phases.js';
import { substituteImages } from '../../lib/deploy/images.js';
import { deploySecretInputs } from '../../lib/deploy/inputs.js';
import { k8sDeployInputs } from './inputs.js';
import { startGitHubDeployment, type GitHubDeployment } from '../../lib/github-deployment.js';
import { readManifestSources } from '../../lib/deploy/load.js';
import { isWorkload, parseManifests } from '../../lib/deploy/manifests.js';
import { namespaceOfRun } from '../../lib/deploy/namespace.js';
import { renderDeploySummary } from './summary.js';

export async function run(): Promise<void> {
  await runAction('k8s-deploy', async () => {
    const started = Date.now();
    const inputs = parseInputs(k8sDeployInputs, { secret: deploySecretInputs });
    if (inputs.action !== 'deploy' && inputs.strategy === 'rolling') {
      throw new ConfigurationError(`Input "action" has value "${inputs.action}": promote and abort need strategy canary or blue-green`);
    }
    const httpRoute = trafficRouting(inputs['traffic-router'], inputs['http-route']);
    if (inputs['canary-header'] && (inputs.strategy !== 'canary' || !httpRoute)) {
      throw new ConfigurationError(
        'Input "canary-header" needs strategy canary with traffic-router gateway-api: only an HTTPRoute sends requests by header. Nothing was changed',
      );
    }
    const extraAnnotations = parseAnnotations(inputs.annotations);
    const verify = parseSmokeChecks(inputs.verify);
    const kubeconfig = await prepareKubeconfig(inputs.kubeconfig);
    let githubDeployment: GitHubDeployment | undefined;
    let succeeded = false;
    try {
      const unscoped = new Kubectl({ kubeconfig: kubeconfig.path, binary: await kubectlBinary(kubeconfig.path, inputs['kubectl-version']) });
      const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
      const parsed = parseManifests(await readManifestSources(inputs.manifests, unscoped, workspace));
      const namespace = namespaceOfRun(parsed, inputs.namespace) ?? (await contextNamespace(unscoped));
      const kubectl = unscoped.inNamespace(namespace);
      const { objects: substituted, changes } = substituteImages(parsed, inputs.images ?? []);
      const images = [...new Set(substituted.filter(isWorkload).flatMap(containerImages))];
      const hooks = planHooks(annotateWorkloads(substituted, runContext(inputs.strategy), images, extraAnnotations));

      const options: DeployOptions = {
        fieldManager: inputs['field-manager'],
        timeoutSeconds: inputs.timeout,
        rollbackOnFailure: inputs['rollback-on-failure'],
        dryRun: inputs['dry-run'],
        canaryPercentage: inputs['canary-percentage'],
        canaryReplicas: inputs['canary-replicas'],
        maxSurgeReplicas: inputs['max-surge-replicas'],
        canaryHeader: inputs['canary-header'],
        // Checks guard new pods before traffic; promote and abort bring none.
        verify: inputs.action === 'deploy' ? verify : undefined,
      };
      const plan = {
        kinds: [...hooks.pre, ...hooks.post].map((hook) => hook.object.kind).concat(hooks.objects.map((object) => object.kind)),
        strategy: inputs.strategy,
        action: inputs.action,
        hooks: hooks.pre.length + hooks.post.length > 0,
        httpRoute: httpRoute !== undefined,
        ...options,
      };
      await checkAccess(kubectl, deployNeeds(plan), `this ${inputs.strategy} ${inputs.action}`);
      // After the access check: a run refused for missing rights changed nothing, on GitHub neither.
      githubDeployment = await startGitHubDeployment({
        token: inputs['github-token'],
        environment: inputs.environment ?? namespace,
        environmentUrl: inputs['environment-url'],
        strategy: inputs.strategy,
        action: inputs.action,
        dryRun: inputs['dry-run'],
      });
      const result = await deployWithHooks(kubectl, hooks, inputs.strategy, inputs.action, options, (objects) =>
        perform(kubectl, objects, inputs.strategy, inputs.action, options, httpRoute),
      );
      const seconds = (Date.now() - started) / 1000;

      setOutputs({
        namespace,
        deployments: result.workloads.map(workloadLabel),
        revision: result.workloads[0]?.revision,
        'previous-revision': result.workloads[0]?.previousRevision,
        images,
        strategy: result.strategy,
        'baseline-selector': result.baselineSelector,
        'canary-selector': result.canarySelector,
        'achieved-percentage': result.achievedPercentage?.toString(),
        status: result.status,
        'duration-seconds': seconds.toFixed(1),
      });
      await writeSummary((summary) => {
        renderDeploySummary(summary, result, namespace, changes, seconds);
        if (inputs['environment-url']) summary.addLink('Open the environment', inputs['environment-url']);
      });
      if (result.status !== 'succeeded') throw new ConfigurationError(result.message);
      succeeded = true;
    } finally {
      await githubDeployment?.finish(succeeded);
      await kubeconfig.dispose();
    }
  });
}

/** The HTTPRoute a gateway-api canary weighs; undefined for replica routing. */
function trafficRouting(router: TrafficRouter, httpRoute: string | undefined): string | undefined {
  if (router === 'replicas') return undefined;
  if (!httpRoute)
    throw new ConfigurationError(
      'Input "traffic-router" is gateway-api, which needs input "http-route": the name of the HTTPRoute that sends traffic to the stable Service',
    );
  return httpRoute;
}

function perform(
  kubectl: Kubectl,
  objects: KubeObject[],
  strategy: string,
  action: string,
  options: DeployOptions,
  httpRoute: string | undefined,
): Promise<DeployResult> {
  if (strategy === 'canary' && httpRoute) return performGatewayCanary(kubectl, objects, action, options, httpRoute);
  if (strategy === 'canary' && action === 'promote') return promoteCanary(kubectl, objects, options);
  if (strategy === 'canary' && action === 'abort') return abortCanary(kubectl, objects, options);
  if (strategy === 'canary') return deployCanary(kubectl, objects, options);
  if (strategy === 'blue-green' && action === 'promote') return promoteBlueGreen(kubectl, objects, options);
  if (strategy === 'blue-green' && action === 'abort') return abortBlueGreen(kubectl, objects, options);
  if (strategy === 'blue-green') return deployBlueGreen(kubectl, objects, options);
  return deployRolling(kubectl, objects, options);
}

function performGatewayCanary(kubectl: Kubectl, objects: KubeObject[], action: string, options: DeployOptions, httpRoute: string): Promise<DeployResult> {
  if (action === 'promote') return promoteGatewayCanary(kubectl, objects, options, httpRoute);
  if (action === 'abort') return abortGatewayCanary(kubectl, objects, options, httpRoute);
  return deployGatewayCanary(kubectl, objects, options, httpRoute);
}

/** The kubectl of the requested version: on PATH, in the tool cache, or downloaded with its checksum verified. */
async function kubectlBinary(kubeconfig: string, wanted: string | undefined): Promise<string | undefined> {
  return wanted ? (await installKubectl(wanted, { kubeconfig })).binary : undefined;
}
