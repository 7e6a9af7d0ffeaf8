import { input } from '../../lib/index.js';
import { z } from 'zod';

export const rollbackInputs = {
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: 'a Kubernetes namespace name (lower-case letters, digits and -)' })
    .optional(),
  deployment: input.text('the name of a Deployment'),
  'to-revision': input.integer({ min: 1 }).optional(),
  reason: input.text('a reason').optional(),
  'health-url': input.url().optional(),
  timeout: input.duration().default(300),
  kubeconfig: input.text('the content of a kubeconfig file').optional(),
};

export const rollbackSecretInputs = ['kubeconfig'] as const;
