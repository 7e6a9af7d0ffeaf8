import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigurationError, describeError } from '../../lib/errors.js';
import { SEVERITIES, type Severity } from '../../lib/security-report.js';

/** The conditions of the gate; the names are the action's input names and the policy file's keys. */
export interface Policy {
  'min-coverage'?: number;
  'min-branch-coverage'?: number;
  'min-changed-lines-coverage': number;
  'min-changed-lines': number;
  'max-coverage-drop'?: number;
  'max-failed-tests': number;
  'max-lint-errors': number;
  'max-lint-warnings'?: number;
  'max-security-findings': Partial<Record<Severity, number>>;
}

export type PolicyOverrides = Partial<Policy>;

/** Applied when neither an input nor the policy file sets the condition. */
export const DEFAULT_POLICY: Policy = {
  'min-changed-lines-coverage': 80,
  'min-changed-lines': 20,
  'max-failed-tests': 0,
  'max-lint-errors': 0,
  'max-security-findings': {},
};

const percent = z.number().min(0).max(100);
const atLeastZero = z.number().int().min(0);

export const policyFileSchema = z.strictObject({
  'min-coverage': percent.optional(),
  'min-branch-coverage': percent.optional(),
  'min-changed-lines-coverage': percent.optional(),
  'min-changed-lines': atLeastZero.optional(),
  'max-coverage-drop': percent.optional(),
  'max-failed-tests': atLeastZero.optional(),
  'max-lint-errors': atLeastZero.optional(),
  'max-lint-warnings': atLeastZero.optional(),
  'max-security-findings': z.partialRecord(z.enum(SEVERITIES), atLeastZero).optional(),
});

/** Reads a policy file's YAML; an unknown key or a bad value is a ConfigurationError naming the file and the key. */
export function parsePolicyFile(content: string, path: string): PolicyOverrides {
  let document: unknown;
  try {
    document = parseYaml(content);
  } catch (error: unknown) {
    throw new ConfigurationError(`Policy file "${path}" is not valid YAML: ${describeError(error)}`);
  }
  const parsed = policyFileSchema.safeParse(document ?? {});
  if (parsed.success) return withoutUndefined(parsed.data);
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${[...issue.path, key].join('.')}"`).join(', ')} (known: ${Object.keys(policyFileSchema.shape).join(', ')}, and for max-security-findings the severities ${SEVERITIES.join(', ')})`;
    }
    const where = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the document';
    return `${where}: ${issue.message}`;
  });
  throw new ConfigurationError(`Policy file "${path}": ${problems.join('; ')}.`);
}

/** Inputs override the policy file, which overrides the defaults; severities merge one by one. */
export function resolvePolicy(fromFile: PolicyOverrides, fromInputs: PolicyOverrides): Policy {
  return {
    ...DEFAULT_POLICY,
    ...withoutUndefined(fromFile),
    ...withoutUndefined(fromInputs),
    'max-security-findings': { ...fromFile['max-security-findings'], ...fromInputs['max-security-findings'] },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
