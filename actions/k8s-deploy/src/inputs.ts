import { input } from '../../lib/index.js';
import { KUBECTL_VERSION } from '../../lib/kubernetes/kubectl-install.js';
import { CANARY_HEADER_EXPECTED, parseCanaryHeader, TRAFFIC_ROUTERS, type CanaryHeader } from '../../lib/strategies/traffic-router.js';
import { z } from 'zod';

export const k8sDeployInputs = {
  manifests: input.list('files, folders or a kustomize folder, newline or comma separated'),
  images: input.list('image references such as inventory-service:1.4.2, newline or comma separated').optional(),
  namespace: input.namespace().optional(),
  strategy: input.oneOf(['rolling', 'blue-green', 'canary']).default('rolling'),
  action: input.oneOf(['deploy', 'promote', 'abort']).default('deploy'),
  'canary-percentage': input.integer({ min: 1, max: 100 }).default(25),
  'canary-replicas': input.integer({ min: 1 }).optional(),
  'traffic-router': input.oneOf(TRAFFIC_ROUTERS).default('replicas'),
  'max-surge-replicas': input.integer({ min: 2, max: 1000 }).optional(),
  'http-route': input.kubernetesName('HTTPRoute').optional(),
  'canary-header': canaryHeader().optional(),
  timeout: input.duration().default(300),
  'rollback-on-failure': input.boolean().default(true),
  kubeconfig: input.kubeconfig().optional(),
  'kubectl-version': z.string().regex(KUBECTL_VERSION, { error: 'a kubectl version such as v1.32.4' }).optional(),
  'field-manager': input.text('a field manager name').default('inventory-devops'),
  annotations: input.list('key=value annotations, newline or comma separated').optional(),
  'dry-run': input.boolean().default(false),
  environment: input.text('a GitHub environment name').max(255, { error: 'a GitHub environment name of at most 255 characters' }).optional(),
  'environment-url': input.url().optional(),
  'github-token': input.text('a GitHub token').optional(),
};

export const k8sDeploySecretInputs = ['kubeconfig', 'github-token'] as const;

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
