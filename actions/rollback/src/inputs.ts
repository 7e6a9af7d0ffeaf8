import { input } from '../../lib/index.js';

export const rollbackInputs = {
  namespace: input.namespace().optional(),
  deployment: input.kubernetesName('Deployment'),
  'to-revision': input.integer({ min: 1 }).optional(),
  reason: input.text('a reason').optional(),
  'health-url': input.url().optional(),
  timeout: input.duration().default(300),
  kubeconfig: input.kubeconfig().optional(),
  environment: input.text('a GitHub environment name').max(255, { error: 'a GitHub environment name of at most 255 characters' }).optional(),
  'github-token': input.text('a GitHub token').optional(),
};

export const rollbackSecretInputs = ['kubeconfig', 'github-token'] as const;
