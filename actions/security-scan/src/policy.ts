import { z } from 'zod';
import { ConfigurationError } from '../../lib/errors.js';
import { severityRank, type Severity } from '../../lib/security-report.js';
import type { Finding } from './findings.js';

const isoDate = z.iso.date({ error: 'an ISO date such as 2026-12-31' });

export const ignoreEntrySchema = z
  .strictObject({
    /** A rule id, or a glob over rule ids such as `k8s/*`. */
    rule: z.string().min(1).optional(),
    /** A glob over the finding's file, relative to the workspace: `deploy/**`, `*.yaml`. */
    path: z.string().min(1).optional(),
    fingerprint: z.string().min(1).optional(),
    reason: z.string({ error: 'a reason (why this is acceptable)' }).trim().min(1, { error: 'a reason (why this is acceptable)' }),
    expires: isoDate,
  })
  .refine((entry) => entry.rule !== undefined || entry.fingerprint !== undefined, {
    error: 'a rule (with an optional path) or a fingerprint',
  });
export const ignoreFileSchema = z.strictObject({ ignore: z.array(ignoreEntrySchema).default([]) });
export type IgnoreEntry = z.infer<typeof ignoreEntrySchema>;

/** Where in a policy file a problem is: `ignore[0].reason`, or `the file` for the document itself. */
export function describeIssuePath(path: readonly PropertyKey[]): string {
  return path.length === 0
    ? 'the file'
    : path
        .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`))
        .join('')
        .replace(/^\./, '');
}

export function parseIgnoreFile(source: string, document: unknown): IgnoreEntry[] {
  const result = ignoreFileSchema.safeParse(document ?? {});
  if (result.success) return result.data.ignore;
  const problems = result.error.issues.map((issue) => `${describeIssuePath(issue.path)}: expected ${issue.message}`);
  throw new ConfigurationError(`Ignore file ${source} is not valid: ${problems.join('; ')}.`);
}

/** `**` spans folders, `*` and `?` stay within one path segment. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index] ?? '';
    if (glob.startsWith('**/', index)) {
      pattern += '(?:.*/)?';
      index += 2;
    } else if (glob.startsWith('**', index)) {
      pattern += '.*';
      index += 1;
    } else if (character === '*') {
      pattern += '[^/]*';
    } else if (character === '?') {
      pattern += '[^/]';
    } else {
      pattern += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${pattern}$`);
}

/** Rule ids are names, not paths: `*` matches any characters, `/` included (`k8s/*`, `*`). */
export function ruleGlobToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

export function entryMatches(entry: IgnoreEntry, finding: Finding): boolean {
  if (entry.fingerprint !== undefined) return entry.fingerprint === finding.fingerprint;
  if (entry.rule === undefined || !ruleGlobToRegExp(entry.rule).test(finding.ruleId)) return false;
  return entry.path === undefined || (finding.file !== undefined && globToRegExp(entry.path).test(finding.file));
}

export function describeEntry(entry: IgnoreEntry): string {
  if (entry.fingerprint !== undefined) return `fingerprint ${entry.fingerprint}`;
  return entry.path === undefined ? `rule ${entry.rule}` : `rule ${entry.rule} at ${entry.path}`;
}

export interface Policy {
  failOnSeverity: Severity | 'none';
  fixableOnly: boolean;
  newFindingsOnly: boolean;
  ignoreEntries: IgnoreEntry[];
  /** Fingerprints of the baseline report; undefined without a baseline. */
  baseline?: Set<string>;
  /** YYYY-MM-DD: an entry is valid through its `expires` day. */
  today: string;
  /** Scanners that could not run: their findings are unknown, which is never a pass. */
  unavailableScanners: string[];
}

export interface EvaluatedFinding extends Finding {
  suppressed: boolean;
  suppressedBy?: string;
  new: boolean;
  /** Counted by the gate: the step fails while any is. */
  counted: boolean;
}

export interface PolicyOutcome {
  findings: EvaluatedFinding[];
  counts: Record<Severity | 'total' | 'new', number>;
  expired: Array<IgnoreEntry & { matches: number }>;
  stale: IgnoreEntry[];
  passed: boolean;
}

/** One policy for every scanner: suppressions, baseline, then the severity gate. */
export function applyPolicy(findings: Finding[], policy: Policy): PolicyOutcome {
  const active = policy.ignoreEntries.filter((entry) => entry.expires >= policy.today);
  const expired = policy.ignoreEntries.filter((entry) => entry.expires < policy.today).map((entry) => ({ ...entry, matches: 0 }));
  const used = new Set<IgnoreEntry>();
  const threshold = policy.failOnSeverity === 'none' ? Infinity : severityRank(policy.failOnSeverity);

  const evaluated = findings.map((finding): EvaluatedFinding => {
    const suppressor = active.find((entry) => entryMatches(entry, finding));
    if (suppressor) used.add(suppressor);
    for (const entry of expired) if (entryMatches(entry, finding)) entry.matches += 1;
    const isNew = policy.baseline === undefined || !policy.baseline.has(finding.fingerprint);
    const counted =
      suppressor === undefined && severityRank(finding.severity) >= threshold && (!policy.fixableOnly || finding.fixable) && (!policy.newFindingsOnly || isNew);
    return {
      ...finding,
      suppressed: suppressor !== undefined,
      ...(suppressor ? { suppressedBy: `${describeEntry(suppressor)}: ${suppressor.reason} (until ${suppressor.expires})` } : {}),
      new: isNew,
      counted,
    };
  });

  const counts: PolicyOutcome['counts'] = { critical: 0, high: 0, medium: 0, low: 0, info: 0, total: 0, new: 0 };
  for (const finding of evaluated) {
    if (finding.suppressed) continue;
    counts[finding.severity] += 1;
    counts.total += 1;
    if (finding.new) counts.new += 1;
  }
  return {
    findings: evaluated,
    counts,
    expired,
    stale: active.filter((entry) => !used.has(entry)),
    passed: policy.unavailableScanners.length === 0 && !evaluated.some((finding) => finding.counted),
  };
}

export function sortBySeverity<T extends { severity: Severity; file?: string; line?: number }>(findings: T[]): T[] {
  return [...findings].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0),
  );
}
