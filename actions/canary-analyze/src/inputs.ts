import { input } from '../../lib/index.js';
import { analysisInputs, analysisSecretInputs } from '../../lib/analysis/inputs.js';

export const canaryAnalyzeInputs = {
  ...analysisInputs,
  namespace: input.namespace().optional(),
  'baseline-selector': input.labelSelector(),
  'canary-selector': input.labelSelector(),
  duration: input.duration().optional(),
  'fail-on-rollback': input.boolean().default(false),
  kubeconfig: input.kubeconfig().optional(),
};

export const canaryAnalyzeSecretInputs = [...analysisSecretInputs, 'kubeconfig'] as const;
