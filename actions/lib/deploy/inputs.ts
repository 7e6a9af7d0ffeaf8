import { input } from '../index.js';
import { KUBECTL_VERSION } from '../kubernetes/kubectl-install.js';
import { CANARY_HEADER_EXPECTED, parseCanaryHeader, TRAFFIC_ROUTERS, type CanaryHeader } from '../strategies/traffic-router.js';
import { z } from 'zod';

/** The inputs of the manifest pipeline that k8s-deploy and progressive-canary share: what to apply, where, how traffic reaches the canary, and the deployment record. */
export const deployInputs = {
  manifests: input.list('files, folders or a kustomize folder, newline or comma separated'),
  images: input.list('image references such as inventory-service:1.4.2, newline or comma separated').optional(),
  namespace: input.namespace().optional(),
  'traffic-router': input.oneOf(TRAFFIC_ROUTERS).default('replicas'),
  'http-route': input.kubernetesName('HTTPRoute').optional(),
  'canary-header': canaryHeader().optional(),
  'max-surge-replicas': input.integer({ min: 2, max: 1000 }).optional(),
  verify: input.text('a YAML list of smoke checks').optional(),
  timeout: input.duration().default(300),
  kubeconfig: input.kubeconfig().optional(),
  'kubectl-version': z.string().regex(KUBECTL_VERSION, { error: 'a kubectl version such as v1.32.4' }).optional(),
  'field-manager': input.text('a field manager name').default('inventory-devops'),
  annotations: input.list('key=value annotations, newline or comma separated').optional(),
  environment: input.text('a GitHub environment name').max(255, { error: 'a GitHub environment name of at most 255 characters' }).optional(),
  'environment-url': input.url().optional(),
  'github-token': input.text('a GitHub token').optional(),
};

export const deploySecretInputs = ['kubeconfig', 'github-token'] as const;

function canaryHeader() {
  return z.string({ error: CANARY_HEADER_EXPECTED }).transform((text, context): CanaryHeader => {
    const parsed = parseCanaryHeader(text);
    if ('problem' in parsed) {
      context.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }
    return parsed;
  });
}
