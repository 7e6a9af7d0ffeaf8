import { input } from '../../lib/index.js';
import { deployInputs } from '../../lib/deploy/inputs.js';

/** The shared manifest-pipeline inputs, plus k8s-deploy's own: the strategy, promote and abort, the canary's size, rollback and dry run. */
export const k8sDeployInputs = {
  ...deployInputs,
  strategy: input.oneOf(['rolling', 'blue-green', 'canary']).default('rolling'),
  action: input.oneOf(['deploy', 'promote', 'abort']).default('deploy'),
  'canary-percentage': input.integer({ min: 1, max: 100 }).default(25),
  'canary-replicas': input.integer({ min: 1 }).optional(),
  'rollback-on-failure': input.boolean().default(true),
  'dry-run': input.boolean().default(false),
};
