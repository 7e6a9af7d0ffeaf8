import { createHash } from 'node:crypto';
import type { ScannerResult, Severity } from '../../lib/security-report.js';

export type { Severity } from '../../lib/security-report.js';

export const SCANNERS = ['dependencies', 'secrets', 'kubernetes', 'dockerfile', 'workflows', 'migrations', 'sarif'] as const;
export type ScannerName = (typeof SCANNERS)[number];

/** What a rule is, for the SARIF rule metadata, the README and the summary. */
export interface Rule {
  id: string;
  severity: Severity;
  title: string;
  /** One line: what to change. */
  fix: string;
}

/** A problem found by a scanner, before any policy is applied. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  scanner: ScannerName;
  message: string;
  /** Relative to the workspace, `/`-separated. */
  file?: string;
  line?: number;
  fix?: string;
  /** Whether a fix is available now (a fixed package version, a configuration change). */
  fixable: boolean;
  fingerprint: string;
  /** A secret's match with the secret itself replaced; never the secret. */
  match?: string;
  package?: { name: string; version: string; advisory: string; fixVersion?: string; dependencyPath: string[] };
  /** The tool of an ingested SARIF result. */
  tool?: string;
}

export interface ScanResult {
  findings: Finding[];
  status: ScannerResult;
}

/**
 * Stable across line moves: the rule, the file and what was matched (whitespace collapsed),
 * never the line number. `occurrence` tells apart identical matches in one file.
 */
export function fingerprint(ruleId: string, file: string, matchedContent: string, occurrence = 0): string {
  const normalised = matchedContent.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${ruleId}\0${file}\0${normalised}\0${occurrence}`).digest('hex').slice(0, 32);
}

/** A rule table as data: rule id → what the rule is. */
export type RuleTable<Id extends string> = Record<Id, Omit<Rule, 'id'>>;

export function ruleList(table: RuleTable<string>): Rule[] {
  return Object.entries(table).map(([id, rule]) => ({ id, ...rule }));
}

/** Where a rule of a table matched, before it is a finding. */
export interface RuleHit<Id extends string> {
  ruleId: Id;
  file: string;
  line: number;
  message: string;
  /** What was matched: the fingerprint's content. */
  content: string;
}

/** A rule-table scanner's hits as findings: severity and fix from the rule, and a fingerprint of their own. */
export function findingsFromHits<Id extends string>(scanner: ScannerName, rules: RuleTable<Id>, hits: Array<RuleHit<Id>>): Finding[] {
  return withOccurrences(hits).map(({ ruleId, file, line, message, fingerprint }) => ({
    ruleId,
    severity: rules[ruleId].severity,
    scanner,
    message,
    file,
    line,
    fix: rules[ruleId].fix,
    fixable: true,
    fingerprint,
  }));
}

/** Numbers the repeats of the same fingerprint so each finding keeps its own. */
function withOccurrences<T extends { ruleId: string; file: string; content: string }>(items: T[]): Array<T & { fingerprint: string }> {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const key = `${item.ruleId}\0${item.file}\0${item.content.replace(/\s+/g, ' ').trim()}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return { ...item, fingerprint: fingerprint(item.ruleId, item.file, item.content, occurrence) };
  });
}

/** 1-based line of a character offset, with the line starts computed once per file. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}
