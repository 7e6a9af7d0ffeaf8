import { abbreviate, ConfigurationError } from '../errors.js';

/**
 * Kubernetes' own syntax for object names, namespaces and label selectors, as the API server
 * validates them (k8s.io/apimachinery/pkg/util/validation and pkg/labels). A value that passes
 * cannot start with "-", so kubectl can never read it as a flag, and cannot hold a space, a
 * slash or "..", so it cannot change which object or path a call addresses.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

interface NameRule {
  pattern: RegExp;
  maxLength: number;
  expected: string;
}

const LABEL: NameRule = {
  pattern: DNS1123_LABEL,
  maxLength: 63,
  expected: 'lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
};
const SERVICE: NameRule = {
  pattern: DNS1035_LABEL,
  maxLength: 63,
  expected: 'lower-case letters, digits and "-", starting with a letter and ending with a letter or digit, at most 63 characters',
};
const SUBDOMAIN: NameRule = {
  pattern: DNS1123_SUBDOMAIN,
  maxLength: 253,
  expected: 'lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters',
};

/** The kinds whose names the suite hands to kubectl, and the rule the API server checks their names with. */
const RULES = {
  Namespace: LABEL,
  Service: SERVICE,
  Deployment: SUBDOMAIN,
  StatefulSet: SUBDOMAIN,
  ReplicaSet: SUBDOMAIN,
  ControllerRevision: SUBDOMAIN,
  Pod: SUBDOMAIN,
  // A subdomain, but at most 63 characters: the server copies a Job's name into its pods' job-name label.
  Job: { ...SUBDOMAIN, maxLength: 63, expected: SUBDOMAIN.expected.replace('253', '63') },
  Container: LABEL,
  HorizontalPodAutoscaler: SUBDOMAIN,
  HTTPRoute: SUBDOMAIN,
} as const satisfies Record<string, NameRule>;

export type NamedKind = keyof typeof RULES;

export function isNamedKind(kind: string): kind is NamedKind {
  return Object.hasOwn(RULES, kind);
}

/** What a name of this kind must look like, for "expected …" messages. */
export function expectedName(kind: NamedKind): string {
  return `a Kubernetes ${kind} name (${RULES[kind].expected})`;
}

export function isObjectName(kind: NamedKind, name: string): boolean {
  const rule = RULES[kind];
  return name.length <= rule.maxLength && rule.pattern.test(name);
}

/**
 * A name read from the manifests or from the cluster's answers, checked before it is handed to
 * kubectl: `where` says where it came from, for the error.
 */
export function checkObjectName(kind: NamedKind, name: unknown, where: string): string {
  if (typeof name === 'string' && isObjectName(kind, name)) return name;
  throw new ConfigurationError(`${where} has ${kind} name "${abbreviate(String(name))}": expected ${expectedName(kind)}`);
}

/** `key=value,…`: the equality selector that matches exactly these labels. */
export function selectorOf(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

// Label keys are `[prefix/]name`: the prefix a DNS subdomain, the name (and every value) alphanumerics with - _ . inside.
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
/** Far above any real selector; keeps a hostile megabyte from being parsed at all. */
const MAX_SELECTOR_LENGTH = 4096;

const EXISTS = /^\s*(!?)\s*([^\s!=(),]+)\s*$/;
const EQUALITY = /^\s*([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)\s*$/;
const SET = /^\s*([^\s!=(),]+)\s+(in|notin)\s*\(([^()]*)\)\s*$/;

export const SELECTOR_EXPECTED =
  'a Kubernetes label selector such as app=inventory,track=canary: comma-separated key=value, key!=value, key in (a,b), key notin (a,b), key or !key, ' +
  'with keys and values of letters, digits, "-", "_" and "." (a key may have a DNS prefix and "/")';

/** Why a label selector is not valid Kubernetes syntax, or undefined when it is. */
export function selectorProblem(selector: string): string | undefined {
  if (selector.length > MAX_SELECTOR_LENGTH) return `at most ${MAX_SELECTOR_LENGTH} characters`;
  if (selector.trim() === '') return 'at least one requirement';
  for (const requirement of splitRequirements(selector)) {
    const problem = requirementProblem(requirement);
    if (problem) return `requirement "${abbreviate(requirement.trim())}" ${problem}`;
  }
  return undefined;
}

/** Commas inside `in (…)` separate values, not requirements. */
function splitRequirements(selector: string): string[] {
  const requirements: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < selector.length; index++) {
    const character = selector[index];
    if (character === '(') depth++;
    else if (character === ')') depth--;
    else if (character === ',' && depth === 0) {
      requirements.push(selector.slice(start, index));
      start = index + 1;
    }
  }
  requirements.push(selector.slice(start));
  return requirements;
}

function requirementProblem(requirement: string): string | undefined {
  if (requirement.trim() === '') return 'is empty';
  const set = SET.exec(requirement);
  if (set) {
    const values = set[3]!.split(',').map((value) => value.trim());
    return keyProblem(set[1]!) ?? values.map((value) => (value === '' ? 'has an empty value in its set' : valueProblem(value))).find(Boolean);
  }
  const equality = EQUALITY.exec(requirement);
  if (equality) return keyProblem(equality[1]!) ?? valueProblem(equality[3]!);
  const exists = EXISTS.exec(requirement);
  if (exists) return keyProblem(exists[2]!);
  return 'is not key=value, key!=value, key in (…), key notin (…), key or !key';
}

function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined && !(prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix))) {
    return `has key prefix "${abbreviate(prefix)}", which is not a DNS subdomain`;
  }
  if (!(name.length <= 63 && LABEL_NAME.test(name))) return `has key "${abbreviate(key)}", which is not a label key`;
  return undefined;
}

function valueProblem(value: string): string | undefined {
  return value.length <= 63 && LABEL_VALUE.test(value) ? undefined : `has value "${abbreviate(value)}", which is not a label value (at most 63 characters)`;
}
