import { isRevisionRange } from '../../lib/git.js';
import { input, type Inputs } from '../../lib/index.js';
import { SCANNERS } from './findings.js';

const HISTORY_EXPECTED = 'a git revision or range such as origin/main..HEAD, HEAD~5..HEAD or a commit SHA (revisions only, no options or spaces)';

export const securityScanInputs = {
  scanners: input
    .list(`scanners among ${SCANNERS.join(', ')}`)
    .refine((names) => names.every((name) => (SCANNERS as readonly string[]).includes(name)), { error: `scanners among ${SCANNERS.join(', ')}` })
    .optional(),
  path: input.path('a folder to scan').default('.'),
  history: input.text(HISTORY_EXPECTED).refine(isRevisionRange, { error: HISTORY_EXPECTED }).optional(),
  'migration-paths': input.globs('folders holding SQL migrations, newline or comma separated').optional(),
  'secret-rules': input.path('the path of a YAML or JSON file of secret rules').optional(),
  'sarif-files': input.globs('SARIF file globs, newline or comma separated').optional(),
  'fail-on-severity': input.oneOf(['critical', 'high', 'medium', 'low', 'none']).default('high'),
  'fail-on-fixable-only': input.boolean().default(false),
  'ignore-file': input.path('the path of a suppression file').default('.security-ignore.yml'),
  baseline: input.path('the path of a previous security-scan JSON report').optional(),
  'new-findings-only': input.boolean().default(false),
};

export type SecurityScanInputs = Inputs<typeof securityScanInputs>;
