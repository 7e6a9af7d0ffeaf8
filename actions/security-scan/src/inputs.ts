import { input } from '../../lib/index.js';
import { SCANNERS } from './findings.js';

const HISTORY_EXPECTED = 'a git revision or range such as origin/main..HEAD, HEAD~5..HEAD or a commit SHA (revisions only, no options or spaces)';
/** A revision as git reads it (`main`, `origin/main`, `HEAD~3`, `v1.2^{commit}`, a SHA, `@{upstream}`): never starting with `-`, so never an option. */
const REVISION = /^[A-Za-z0-9_@][A-Za-z0-9_@./~^{}+-]{0,199}$/;

/** `A`, `A..B` or `A...B`, each side a revision. */
export function isRevisionRange(text: string): boolean {
  const sides = text.split(/\.{2,3}/);
  return sides.length <= 2 && sides.every((side) => REVISION.test(side));
}

export const securityScanInputs = {
  scanners: input
    .list(`scanners among ${SCANNERS.join(', ')}`)
    .refine((names) => names.every((name) => (SCANNERS as readonly string[]).includes(name)), { error: `scanners among ${SCANNERS.join(', ')}` })
    .optional(),
  path: input.path('a folder to scan').default('.'),
  history: input
    .text(HISTORY_EXPECTED)
    .refine(isRevisionRange, { error: HISTORY_EXPECTED })
    .optional(),
  'secret-rules': input.path('the path of a YAML or JSON file of secret rules').optional(),
  'sarif-files': input.globs('SARIF file globs, newline or comma separated').optional(),
  'fail-on-severity': input.oneOf(['critical', 'high', 'medium', 'low', 'none']).default('high'),
  'fail-on-fixable-only': input.boolean().default(false),
  'ignore-file': input.path('the path of a suppression file').default('.security-ignore.yml'),
  baseline: input.path('the path of a previous security-scan JSON report').optional(),
  'new-findings-only': input.boolean().default(false),
};
