import { z } from 'zod';
import { GIT_REVISION_EXPECTED, isGitRevision } from '../../lib/git.js';
import { input, type Inputs } from '../../lib/index.js';
import { SEVERITIES } from '../../lib/security-report.js';

const PERCENT = { min: 0, max: 100 };
const SEVERITY_LIMITS = 'limits by severity such as critical=0,high=0';
const SEVERITY_LIMIT = new RegExp(`^(${SEVERITIES.join('|')})\\s*=\\s*(\\d+)$`);
/**
 * The conditions have no defaults here: an input left unset lets the policy file decide,
 * and the defaults (DEFAULT_POLICY) apply only when neither sets a condition.
 */
export const qualityGateInputs = {
  'coverage-files': input.globs('coverage report globs, newline or comma separated').optional(),
  'test-results': input.globs('JUnit XML globs, newline or comma separated').optional(),
  'lint-results': input.globs('ESLint JSON or SARIF globs, newline or comma separated').optional(),
  'security-report': input.path('the path of a security-scan JSON report').optional(),
  'base-ref': input.text(GIT_REVISION_EXPECTED).refine(isGitRevision, { error: GIT_REVISION_EXPECTED }).optional(),
  'base-coverage-file': input.path('the path of a coverage report of the base').optional(),
  'min-coverage': input.number(PERCENT).optional(),
  'min-branch-coverage': input.number(PERCENT).optional(),
  'min-changed-lines-coverage': input.number(PERCENT).optional(),
  'min-changed-lines': input.integer({ min: 0 }).optional(),
  'max-coverage-drop': input.number(PERCENT).optional(),
  'max-failed-tests': input.integer({ min: 0 }).optional(),
  'max-lint-errors': input.integer({ min: 0 }).optional(),
  'max-lint-warnings': input.integer({ min: 0 }).optional(),
  'max-security-findings': input
    .list(SEVERITY_LIMITS)
    .refine((items) => items.every((item) => SEVERITY_LIMIT.test(item)), { error: `${SEVERITY_LIMITS} (severities: ${SEVERITIES.join(', ')})` })
    .transform(
      (items) =>
        Object.fromEntries(
          items.map((item) => {
            const [, severity = '', limit = ''] = SEVERITY_LIMIT.exec(item) ?? [];
            return [severity, Number(limit)];
          }),
        ) as Partial<Record<(typeof SEVERITIES)[number], number>>,
    )
    .optional(),
  'policy-file': input.path('the path of a YAML policy file').optional(),
  'allow-missing': input.boolean().default(false),
  'allow-empty-reports': input.boolean().default(false),
  comment: input.boolean().default(true),
  'pull-request': input.integer({ min: 1 }).optional(),
  // It goes into an HTTP header: whitespace or control characters there are a mistake (or an attempt to add a header).
  'github-token': input
    .text('a GitHub token')
    .refine((token) => /^[\x21-\x7e]{1,4096}$/.test(token), { error: 'a GitHub token (printable characters, no spaces)' })
    .optional(),
  'working-directory': input.path('a folder in the workspace').default('.'),
} satisfies Record<string, z.ZodType>;

export const qualityGateSecretInputs = ['github-token'] as const;

export type QualityGateInputs = Inputs<typeof qualityGateInputs>;
