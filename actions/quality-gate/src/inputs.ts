import { input } from '../../lib/index.js';

const PERCENT = { min: 0, max: 100 };

export const qualityGateInputs = {
  'coverage-files': input.list('coverage report globs, newline or comma separated').optional(),
  'test-results': input.list('JUnit XML globs, newline or comma separated').optional(),
  'lint-results': input.list('ESLint JSON or SARIF globs, newline or comma separated').optional(),
  'security-report': input.text('the path of a security-scan JSON report').optional(),
  'base-ref': input.text('a git ref or commit').optional(),
  'base-coverage-file': input.text('the path of a coverage report of the base').optional(),
  'min-coverage': input.number(PERCENT).optional(),
  'min-branch-coverage': input.number(PERCENT).optional(),
  'min-changed-lines-coverage': input.number(PERCENT).default(80),
  'min-changed-lines': input.integer({ min: 0 }).default(20),
  'max-coverage-drop': input.number(PERCENT).optional(),
  'max-failed-tests': input.integer({ min: 0 }).default(0),
  'max-lint-errors': input.integer({ min: 0 }).default(0),
  'max-lint-warnings': input.integer({ min: 0 }).optional(),
  'max-security-findings': input.text('limits by severity such as critical=0,high=0').optional(),
  'policy-file': input.text('the path of a YAML policy file').optional(),
  'allow-missing': input.boolean().default(false),
  comment: input.boolean().default(true),
  'github-token': input.text('a GitHub token').optional(),
  'working-directory': input.text('a folder').default('.'),
};

export const qualityGateSecretInputs = ['github-token'] as const;
