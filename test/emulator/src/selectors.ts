import { badRequest } from './errors.js';
import type { KubeObject } from './store.js';

/** One requirement of a label selector in its parsed form (the `matchExpressions` vocabulary). */
export interface LabelRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Parses the `labelSelector` query syntax: `a=b,c!=d,e in (f,g),h notin (i),j,!k`. */
export function parseLabelSelector(text: string): LabelRequirement[] {
  const requirements: LabelRequirement[] = [];
  for (const part of splitOutsideParentheses(text)) {
    const term = part.trim();
    if (!term) continue;
    const setMatch = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (setMatch) {
      const values = (setMatch[3] ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      requirements.push({ key: setMatch[1] ?? '', operator: setMatch[2] === 'in' ? 'In' : 'NotIn', values });
      continue;
    }
    const inequality = /^([^\s!=]+)\s*!=\s*(\S*)$/.exec(term);
    if (inequality) {
      requirements.push({ key: inequality[1] ?? '', operator: 'NotIn', values: [inequality[2] ?? ''] });
      continue;
    }
    const equality = /^([^\s!=]+)\s*==?\s*(\S*)$/.exec(term);
    if (equality) {
      requirements.push({ key: equality[1] ?? '', operator: 'In', values: [equality[2] ?? ''] });
      continue;
    }
    if (/^![^\s!=]+$/.test(term)) {
      requirements.push({ key: term.slice(1), operator: 'DoesNotExist', values: [] });
      continue;
    }
    if (/^[^\s!=(),]+$/.test(term)) {
      requirements.push({ key: term, operator: 'Exists', values: [] });
      continue;
    }
    throw badRequest(`unable to parse requirement: invalid label selector "${text}"`);
  }
  return requirements;
}

function splitOutsideParentheses(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

export function requirementsOf(selector: LabelSelectorSpec | undefined): LabelRequirement[] {
  if (!selector) return [];
  const requirements: LabelRequirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({
    key,
    operator: 'In',
    values: [value],
  }));
  for (const expression of selector.matchExpressions ?? []) {
    requirements.push({ key: expression.key, operator: expression.operator as LabelRequirement['operator'], values: expression.values ?? [] });
  }
  return requirements;
}

export function labelsMatch(labels: Record<string, string> | undefined, requirements: LabelRequirement[]): boolean {
  const actual = labels ?? {};
  return requirements.every((requirement) => {
    const has = Object.hasOwn(actual, requirement.key);
    const value = actual[requirement.key];
    switch (requirement.operator) {
      case 'In':
        return has && requirement.values.includes(value ?? '');
      case 'NotIn':
        return !has || !requirement.values.includes(value ?? '');
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
    }
  });
}

/** A selector with no requirements selects nothing for controllers (but everything for list calls). */
export function selectorMatches(selector: LabelSelectorSpec | undefined, labels: Record<string, string> | undefined): boolean {
  const requirements = requirementsOf(selector);
  return requirements.length > 0 && labelsMatch(labels, requirements);
}

export function selectorToString(selector: LabelSelectorSpec | undefined): string {
  return requirementsOf(selector)
    .map((r) => {
      if (r.operator === 'Exists') return r.key;
      if (r.operator === 'DoesNotExist') return `!${r.key}`;
      if (r.operator === 'In' && r.values.length === 1) return `${r.key}=${r.values[0]}`;
      return `${r.key} ${r.operator.toLowerCase()} (${r.values.join(',')})`;
    })
    .join(',');
}

export interface FieldRequirement {
  path: string[];
  value: string;
  equal: boolean;
}

/** Field selectors: `metadata.name=x,status.phase!=Running,involvedObject.uid=…` resolved as paths into the object. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((term) => {
      const match = /^([^!=]+)(!=|==|=)(.*)$/.exec(term);
      if (!match) throw badRequest(`invalid field selector: "${term}"`);
      return { path: (match[1] ?? '').split('.'), value: match[3] ?? '', equal: match[2] !== '!=' };
    });
}

export function fieldsMatch(object: KubeObject, requirements: FieldRequirement[]): boolean {
  return requirements.every((requirement) => {
    let cursor: unknown = object;
    for (const segment of requirement.path) {
      cursor = cursor && typeof cursor === 'object' ? (cursor as Record<string, unknown>)[segment] : undefined;
    }
    const actual = cursor === undefined || cursor === null ? '' : String(cursor);
    return (actual === requirement.value) === requirement.equal;
  });
}
