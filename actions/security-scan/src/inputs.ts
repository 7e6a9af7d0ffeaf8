import { input } from '../../lib/index.js';
import { SCANNERS } from './findings.js';

export const securityScanInputs = {
  scanners: input
    .list(`scanners among ${SCANNERS.join(', ')}`)
    .refine((names) => names.every((name) => (SCANNERS as readonly string[]).includes(name)), { error: `scanners among ${SCANNERS.join(', ')}` })
    .optional(),
  path: input.text('a folder to scan').default('.'),
  history: input.text('a git commit range such as origin/main..HEAD').optional(),
  'secret-rules': input.text('the path of a YAML or JSON file of secret rules').optional(),
  'sarif-files': input.list('SARIF file globs, newline or comma separated').optional(),
  'fail-on-severity': input.oneOf(['critical', 'high', 'medium', 'low', 'none']).default('high'),
  'fail-on-fixable-only': input.boolean().default(false),
  'ignore-file': input.text('the path of a suppression file').default('.security-ignore.yml'),
  baseline: input.text('the path of a previous security-scan JSON report').optional(),
  'new-findings-only': input.boolean().default(false),
};
