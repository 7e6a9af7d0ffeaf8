import { input } from '../../lib/index.js';
import { analysisInputs, analysisSecretInputs } from '../../lib/analysis/inputs.js';
import { k8sDeployInputs } from '../../k8s-deploy/src/inputs.js';
import { stepsInput } from './steps.js';

const deploy = k8sDeployInputs;

/** The canary-relevant inputs of k8s-deploy and every analysis input of canary-analyze (`iterations` = intervals per step), plus the steps. */
export const progressiveCanaryInputs = {
  steps: stepsInput(),
  'on-inconclusive': input.oneOf(['rollback', 'promote']).default('rollback'),
  manifests: deploy.manifests,
  images: deploy.images,
  namespace: deploy.namespace,
  'traffic-router': deploy['traffic-router'],
  'http-route': deploy['http-route'],
  'canary-header': deploy['canary-header'],
  'max-surge-replicas': deploy['max-surge-replicas'],
  verify: deploy.verify,
  timeout: deploy.timeout,
  kubeconfig: deploy.kubeconfig,
  'kubectl-version': deploy['kubectl-version'],
  'field-manager': deploy['field-manager'],
  annotations: deploy.annotations,
  environment: deploy.environment,
  'environment-url': deploy['environment-url'],
  'github-token': deploy['github-token'],
  ...analysisInputs,
};

export const progressiveCanarySecretInputs = [...analysisSecretInputs, 'kubeconfig', 'github-token'] as const;
