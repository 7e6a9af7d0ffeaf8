import { input } from '../../lib/index.js';

export const rollbackInputs = {
  namespace: input.namespace().optional(),
  deployment: input.kubernetesName('Deployment'),
  'to-revision': input.integer({ min: 1 }).optional(),
  reason: input.text('a reason').optional(),
  'health-url': input.url().optional(),
  timeout: input.duration().default(300),
  kubeconfig: input.kubeconfig().optional(),
};

export const rollbackSecretInputs = ['kubeconfig'] as const;
