import { input } from '../../lib/index.js';

export const SCANNERS = ['dependencies', 'secrets', 'kubernetes', 'dockerfile', 'workflows', 'sarif'] as const;

export const securityScanInputs = {
  scanners: input.list(`scanners among ${SCANNERS.join(', ')}`).optional(),
  path: input.text('a folder to scan').default('.'),
  history: input.text('a git commit range such as origin/main..HEAD').optional(),
  'sarif-files': input.list('SARIF file globs, newline or comma separated').optional(),
  'fail-on-severity': input.oneOf(['critical', 'high', 'medium', 'low', 'none']).default('high'),
  'fail-on-fixable-only': input.boolean().default(false),
  'ignore-file': input.text('the path of a suppression file').default('.security-ignore.yml'),
  baseline: input.text('the path of a previous security-scan JSON report').optional(),
  'new-findings-only': input.boolean().default(false),
};
