import { input } from '../../lib/index.js';
import { analysisInputs, analysisSecretInputs } from '../../lib/analysis/inputs.js';
import { deployInputs, deploySecretInputs } from '../../lib/deploy/inputs.js';
import { stepsInput } from './steps.js';

/** The manifest-pipeline inputs k8s-deploy shares and every analysis input of canary-analyze (`iterations` = intervals per step), plus the steps. */
export const progressiveCanaryInputs = {
  steps: stepsInput(),
  'on-inconclusive': input.oneOf(['rollback', 'promote']).default('rollback'),
  ...deployInputs,
  ...analysisInputs,
};

export const progressiveCanarySecretInputs = [...analysisSecretInputs, ...deploySecretInputs] as const;
