import { expect } from 'vitest';
import type { Finding, Severity } from '../../../actions/security-scan/src/findings.js';

// Unit tables: each scanner's pure function on small inline inputs. For every rule, at least one
// input that triggers it (rule id, severity, line) and one near-miss that must not.

/** Template text without its first newline and common indentation: line 1 is the first line. */
export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indent = Math.min(
    ...text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => /^ */.exec(line)?.[0].length ?? 0),
  );
  return text
    .split('\n')
    .map((line) => line.slice(indent))
    .join('\n');
}

/** A "billion laughs" document: nine levels of nine aliases, 387 million strings once expanded. */
export function aliasBomb(): string {
  const levels = ['a: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level < 9; level++)
    levels.push(
      `l${level}: &l${level} [${Array(9)
        .fill(`*l${level - 1}`)
        .join(', ')}]`,
    );
  return `${levels.join('\n')}\n`;
}

export interface Hit {
  rule: string;
  /** As documented in actions/security-scan/README.md, not read from the scanner's own table. */
  severity: Severity;
  name: string;
  text: string;
  line: number;
}
export interface Miss {
  rule: string;
  name: string;
  text: string;
}

export const only = (findings: Finding[], rule: string) => findings.filter((finding) => finding.ruleId === rule);

/** Every rule of a scanner has at least one hit and one near-miss in its tables. */
export function expectEveryRuleCovered(ruleIds: string[], hits: Hit[], misses: Miss[]): void {
  expect([...new Set(hits.map((hit) => hit.rule))].sort(), 'rules with a triggering input').toEqual([...ruleIds].sort());
  expect([...new Set(misses.map((miss) => miss.rule))].sort(), 'rules with a near-miss').toEqual([...ruleIds].sort());
}
