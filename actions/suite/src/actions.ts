/**
 * The one list of the suite's actions. Each bundle is built from actions/<bundle>/src/index.ts into
 * dist/<bundle>/index.js (scripts/build-actions.ts); the root action's `command` input picks one of
 * COMMANDS, whose folder actions/<command>/action.yml runs that command's bundle. The suite loads a
 * command's code only when it runs, so the root action starts as fast as a single action.
 */
export const BUNDLES = {
  'quality-gate': () => import('../../quality-gate/src/main.js'),
  'security-scan': () => import('../../security-scan/src/main.js'),
  'k8s-deploy': () => import('../../k8s-deploy/src/main.js'),
  'canary-analyze': () => import('../../canary-analyze/src/main.js'),
  rollback: () => import('../../rollback/src/main.js'),
  notify: () => import('../../notify/src/main.js'),
  'delivery-metrics': () => import('../../delivery-metrics/src/main.js'),
  'progressive-canary': () => import('../../progressive-canary/src/main.js'),
} as const;

export type BundleName = keyof typeof BUNDLES;

/** Command of the root action → the bundle it runs. `deploy` is k8s-deploy under the name teams write. */
export const COMMANDS = {
  'quality-gate': 'quality-gate',
  'security-scan': 'security-scan',
  deploy: 'k8s-deploy',
  'canary-analyze': 'canary-analyze',
  rollback: 'rollback',
  notify: 'notify',
  'delivery-metrics': 'delivery-metrics',
  'progressive-canary': 'progressive-canary',
} as const satisfies Record<string, BundleName>;

export type CommandName = keyof typeof COMMANDS;
