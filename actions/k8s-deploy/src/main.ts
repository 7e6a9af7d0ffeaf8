import { ConfigurationError, contextNamespace, Kubectl, parseInputs, prepareKubeconfig, runAction, setOutputs, writeSummary } from '../../lib/index.js';
import { checkAccess, deployNeeds } from '../../lib/kubernetes/access.js';
import { installKubectl } from '../../lib/kubernetes/kubectl-install.js';
import { annotateWorkloads, parseAnnotations, runContext } from './annotations.js';
import { abortBlueGreen, deployBlueGreen, promoteBlueGreen } from '../../lib/strategies/blue-green.js';
import { abortCanary, deployCanary, promoteCanary } from '../../lib/strategies/canary.js';
import { workloadLabel, type DeployOptions, type DeployResult } from '../../lib/strategies/deploy-result.js';
import { containerImages, type KubeObject } from '../../lib/kubernetes/objects.js';
import { deployRolling } from '../../lib/strategies/rolling.js';
import { substituteImages } from './images.js';
import { k8sDeployInputs, k8sDeploySecretInputs } from './inputs.js';
import { startGitHubDeployment, type GitHubDeployment } from './github-deployment.js';
import { readManifestSources } from './load.js';
import { isWorkload, parseManifests } from './manifests.js';
import { namespaceOfRun } from './namespace.js';
import { renderDeploySummary } from './summary.js';

export async function run(): Promise<void> {
  await runAction('k8s-deploy', async () => {
    const started = Date.now();
    const inputs = parseInputs(k8sDeployInputs, { secret: k8sDeploySecretInputs });
    if (inputs.action !== 'deploy' && inputs.strategy === 'rolling') {
      throw new ConfigurationError(`Input "action" has value "${inputs.action}": promote and abort need strategy canary or blue-green`);
    }
    const extraAnnotations = parseAnnotations(inputs.annotations);
    const kubeconfig = await prepareKubeconfig(inputs.kubeconfig);
    let githubDeployment: GitHubDeployment | undefined;
    let succeeded = false;
    try {
      const unscoped = new Kubectl({ kubeconfig: kubeconfig.path, binary: await kubectlBinary(kubeconfig.path, inputs['kubectl-version']) });
      const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
      const parsed = parseManifests(await readManifestSources(inputs.manifests, unscoped, workspace));
      const namespace = namespaceOfRun(parsed, inputs.namespace) ?? (await contextNamespace(unscoped));
      const kubectl = unscoped.inNamespace(namespace);
      githubDeployment = await startGitHubDeployment({
        token: inputs['github-token'],
        environment: inputs.environment ?? namespace,
        environmentUrl: inputs['environment-url'],
        strategy: inputs.strategy,
        action: inputs.action,
        dryRun: inputs['dry-run'],
      });
      const { objects: substituted, changes } = substituteImages(parsed, inputs.images ?? []);
      const images = [...new Set(substituted.filter(isWorkload).flatMap(containerImages))];
      const objects = annotateWorkloads(substituted, runContext(inputs.strategy), images, extraAnnotations);

      const options: DeployOptions = {
        fieldManager: inputs['field-manager'],
        timeoutSeconds: inputs.timeout,
        rollbackOnFailure: inputs['rollback-on-failure'],
        dryRun: inputs['dry-run'],
        canaryPercentage: inputs['canary-percentage'],
        canaryReplicas: inputs['canary-replicas'],
      };
      const plan = { kinds: objects.map((object) => object.kind), strategy: inputs.strategy, action: inputs.action, ...options };
      await checkAccess(kubectl, deployNeeds(plan), `this ${inputs.strategy} ${inputs.action}`);
      const result = await perform(kubectl, objects, inputs.strategy, inputs.action, options);
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

function perform(kubectl: Kubectl, objects: KubeObject[], strategy: string, action: string, options: DeployOptions): Promise<DeployResult> {
  if (strategy === 'canary' && action === 'promote') return promoteCanary(kubectl, objects, options);
  if (strategy === 'canary' && action === 'abort') return abortCanary(kubectl, objects, options);
  if (strategy === 'canary') return deployCanary(kubectl, objects, options);
  if (strategy === 'blue-green' && action === 'promote') return promoteBlueGreen(kubectl, objects, options);
  if (strategy === 'blue-green' && action === 'abort') return abortBlueGreen(kubectl, objects, options);
  if (strategy === 'blue-green') return deployBlueGreen(kubectl, objects, options);
  return deployRolling(kubectl, objects, options);
}

/** The kubectl of the requested version: on PATH, in the tool cache, or downloaded with its checksum verified. */
async function kubectlBinary(kubeconfig: string, wanted: string | undefined): Promise<string | undefined> {
  return wanted ? (await installKubectl(wanted, { kubeconfig })).binary : undefined;
}
