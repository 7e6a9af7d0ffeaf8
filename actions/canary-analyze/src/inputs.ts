import { input } from '../../lib/index.js';

export const MAX_ITERATIONS = 1000;

export const canaryAnalyzeInputs = {
  provider: input.oneOf(['direct', 'prometheus']).default('direct'),
  'prometheus-url': input.url().optional(),
  'prometheus-token': input.text('a bearer token').optional(),
  'prometheus-username': input.text('a user name for basic auth').optional(),
  'prometheus-password': input.text('a password for basic auth').optional(),
  namespace: input.namespace().optional(),
  'baseline-selector': input.labelSelector(),
  'canary-selector': input.labelSelector(),
  interval: input.duration().default(30),
  iterations: input.integer({ min: 1, max: MAX_ITERATIONS }).default(10),
  duration: input.duration().optional(),
  warmup: input.integer({ min: 0, max: MAX_ITERATIONS }).default(0),
  metrics: input.text('metric definitions as YAML, or the path of a YAML file').optional(),
  confidence: input.number({ min: 0.5, max: 0.9999 }).default(0.98),
  tolerance: input.number({ min: 0, max: 10 }).default(0.25),
  'allowed-increase': input.number({ min: 1 }).optional(),
  'allowed-decrease': input.number({ min: 0, max: 1 }).optional(),
  'pass-score': input.number({ min: 0, max: 100 }).default(75),
  'marginal-score': input.number({ min: 0, max: 100 }).default(50),
  'min-samples': input.integer({ min: 1, max: MAX_ITERATIONS }).default(3),
  'on-marginal': input.oneOf(['inconclusive', 'promote', 'rollback']).default('inconclusive'),
  traffic: input.text('a traffic definition as YAML (url, rate, methods)').optional(),
  'fail-on-rollback': input.boolean().default(false),
  kubeconfig: input.kubeconfig().optional(),
};

export const canaryAnalyzeSecretInputs = ['prometheus-token', 'prometheus-password', 'kubeconfig'] as const;
