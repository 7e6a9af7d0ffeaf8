import { z } from 'zod';
import { ConfigurationError, describeError } from '../../../lib/errors.js';
import { SEVERITIES } from '../../../lib/security-report.js';
import { fingerprint, lineLocator, type Finding, type Rule, type Severity } from '../findings.js';
import builtInRules from './secret-rules.json' with { type: 'json' };

/** Why `new RegExp(source, flags)` throws, without the pattern repeated; undefined when it compiles. */
function regExpProblem(source: string, flags: string): string | undefined {
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (error: unknown) {
    return describeError(error).replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
  }
}

/** A rule as data: the format of secret-rules.json and of a user's `secret-rules` file. */
export const secretRuleSchema = z
  .strictObject({
    id: z.string().min(1),
    title: z.string().min(1),
    severity: z.enum(SEVERITIES),
    /** The first capture group is the secret; without a group, the whole match. */
    regex: z.string().min(1),
    flags: z
      .string()
      .regex(/^[imsu]*$/, { error: 'only the regular expression flags i, m, s and u' })
      .optional(),
    /** Cheap pre-filter: the regex runs only on text containing one of these (case-insensitive). */
    keywords: z.array(z.string().min(1)).default([]),
    /** Minimum Shannon entropy (bits per character) of the secret; filters placeholders and words. */
    entropy: z.number().min(0).max(8).optional(),
    /** Secrets matching this regex are placeholders, not secrets. */
    allow: z.string().optional(),
  })
  // Checked here, not when compiling, so that a bad pattern is reported at its field (`rules[0].regex`).
  .superRefine((rule, context) => {
    const flagsProblem = regExpProblem('', `g${rule.flags ?? ''}`);
    if (flagsProblem !== undefined) context.addIssue({ code: 'custom', path: ['flags'], message: `not valid regular expression flags: ${flagsProblem}` });
    const regexProblem = flagsProblem === undefined ? regExpProblem(rule.regex, `g${rule.flags ?? ''}`) : regExpProblem(rule.regex, 'g');
    if (regexProblem !== undefined) context.addIssue({ code: 'custom', path: ['regex'], message: `not a valid regular expression: ${regexProblem}` });
    const allowProblem = rule.allow === undefined ? undefined : regExpProblem(rule.allow, 'i');
    if (allowProblem !== undefined) context.addIssue({ code: 'custom', path: ['allow'], message: `not a valid regular expression: ${allowProblem}` });
  });
export const secretRulesFileSchema = z.strictObject({ rules: z.array(secretRuleSchema) });
export type SecretRule = z.infer<typeof secretRuleSchema>;

export interface CompiledSecretRule extends SecretRule {
  pattern: RegExp;
  allowPattern?: RegExp;
  lowerKeywords: string[];
}

export const BUILT_IN_SECRET_RULES: SecretRule[] = secretRulesFileSchema.parse(builtInRules).rules;

export const SECRET_FIX = 'Revoke and rotate the secret, remove it from the code (and from history), and load it from a secret store at run time.';

export function secretRulesMetadata(rules: SecretRule[]): Rule[] {
  return rules.map(({ id, severity, title }) => ({ id, severity, title, fix: SECRET_FIX }));
}

/** Built-in rules plus the user's; a user rule with a built-in id replaces it. */
export function compileSecretRules(userRules: SecretRule[] = [], source = 'secret rules'): CompiledSecretRule[] {
  const byId = new Map<string, SecretRule>();
  for (const rule of [...BUILT_IN_SECRET_RULES, ...userRules]) byId.set(rule.id, rule);
  return [...byId.values()].map((rule) => {
    try {
      return {
        ...rule,
        pattern: new RegExp(rule.regex, `g${rule.flags ?? ''}`),
        allowPattern: rule.allow === undefined ? undefined : new RegExp(rule.allow, 'i'),
        lowerKeywords: rule.keywords.map((keyword) => keyword.toLowerCase()),
      };
    } catch (error: unknown) {
      throw new ConfigurationError(`${source}: rule "${rule.id}" has an invalid regular expression: ${String(error)}`);
    }
  });
}

export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    entropy -= share * Math.log2(share);
  }
  return entropy;
}

/** Long tokens keep their 4 leading characters (the kind of key: `ghp_`, `AKIA`); nothing else of a secret is shown, nor its length. */
export function redactSecret(secret: string): string {
  return `${secret.length >= 20 ? secret.slice(0, 4) : ''}****`;
}

export interface SecretLocationContext {
  /** For history scans: the commit the secret was added in. */
  commit?: string;
  /** Maps a line of `text` to the line of the file (history scans scan hunks). */
  lineOfFile?: (line: number) => number;
}

/** Every secret in one text. The returned findings carry only redacted matches. */
export function scanForSecrets(file: string, text: string, rules: CompiledSecretRule[], context: SecretLocationContext = {}): Finding[] {
  const lowerText = text.toLowerCase();
  const locate = lineLocator(text);
  const findings: Finding[] = [];
  const occurrences = new Map<string, number>();
  for (const rule of rules) {
    if (rule.lowerKeywords.length > 0 && !rule.lowerKeywords.some((keyword) => lowerText.includes(keyword))) continue;
    rule.pattern.lastIndex = 0;
    for (const match of text.matchAll(rule.pattern)) {
      const secret = secretOf(match);
      if (secret === '') continue;
      if (rule.allowPattern?.test(secret)) continue;
      if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) continue;
      const key = `${rule.id}\0${secret}`;
      const occurrence = occurrences.get(key) ?? 0;
      occurrences.set(key, occurrence + 1);
      const textLine = locate(match.index);
      const redactedMatch = oneLine(secret === match[0] ? redactSecret(secret) : match[0].split(secret).join(redactSecret(secret)));
      const where = context.commit ? ` (added in commit ${context.commit.slice(0, 12)})` : '';
      findings.push({
        ruleId: rule.id,
        severity: rule.severity as Severity,
        scanner: 'secrets',
        message: `${rule.title}: ${redactedMatch}${where}`,
        file,
        line: context.lineOfFile ? context.lineOfFile(textLine) : textLine,
        fix: SECRET_FIX,
        fixable: true,
        fingerprint: fingerprint(rule.id, file, secret, occurrence),
        match: redactedMatch,
      });
    }
  }
  return findings;
}

/**
 * The first capture group, or the whole match when the group is empty, absent or reaches outside
 * the match (a group in a lookahead): replacing an empty group would print the secret character by
 * character between masks, and a group outside the match would leave the match unredacted.
 */
function secretOf(match: RegExpMatchArray): string {
  const group = match[1];
  return group !== undefined && group !== '' && match[0].includes(group) ? group : match[0];
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** Lines one commit added to one file, together: multi-line secrets such as private keys are found too. */
export interface AddedHunk {
  commit: string;
  file: string;
  /** Line of the file where the hunk's first added line is. */
  firstLine: number;
  text: string;
}

/** The added lines of `git log -p --unified=0` output, one block per hunk. */
export function splitGitLog(log: string): AddedHunk[] {
  const hunks: AddedHunk[] = [];
  let commit = '';
  let file: string | undefined;
  let block: string[] = [];
  let blockStart = 0;
  const flush = () => {
    if (file !== undefined && block.length > 0) hunks.push({ commit, file, firstLine: blockStart, text: block.join('\n') });
    block = [];
  };
  for (const line of log.split('\n')) {
    if (line.startsWith('commit ') && /^commit [0-9a-f]{40}$/.test(line)) {
      flush();
      commit = line.slice(7);
      file = undefined;
    } else if (line.startsWith('+++ ')) {
      flush();
      file = line === '+++ /dev/null' ? undefined : line.replace(/^\+\+\+ b\//, '');
    } else if (line.startsWith('@@')) {
      flush();
      blockStart = Number(/\+(\d+)/.exec(line)?.[1] ?? 1);
    } else if (line.startsWith('+')) {
      block.push(line.slice(1));
    } else if (line.startsWith('diff --git')) {
      flush();
      file = undefined;
    }
  }
  flush();
  return hunks;
}
