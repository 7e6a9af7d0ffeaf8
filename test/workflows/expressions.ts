/**
 * Just enough of GitHub's expression language to evaluate the workflows' step `if:` conditions:
 * literals, property paths, `!`, `==`, `!=`, `&&`, `||`, parentheses and the status functions.
 * Values are strings (a missing one is ''), compared case-insensitively as GitHub does.
 */
export type JobStatus = 'success' | 'failure' | 'cancelled';

export interface Scope {
  status: JobStatus;
  /** `inputs.strategy`, `steps.deploy.outcome`, `steps.decide.outputs.result`, ... */
  values: Record<string, string>;
}

type Value = string | boolean;
const TOKEN = /\s*(?:('(?:[^']|'')*')|(&&|\|\||==|!=|!|\(|\))|([A-Za-z_][\w-]*(?:\.[\w-]+)*)(\(\))?)/y;
const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'];

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.trimEnd().length) {
    const match = TOKEN.exec(expression);
    if (!match) throw new Error(`Cannot read expression at ${TOKEN.lastIndex}: ${expression}`);
    tokens.push(match[1] ?? match[2] ?? `${match[3]}${match[4] ?? ''}`);
  }
  return tokens;
}

const truthy = (value: Value): boolean => (typeof value === 'boolean' ? value : value !== '');
const text = (value: Value): string => String(value).toLowerCase();

export function evaluate(expression: string, scope: Scope): boolean {
  const tokens = tokenize(expression.replace(/^\s*\$\{\{|\}\}\s*$/g, ''));
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const take = (): string => {
    const token = tokens[position++];
    if (token === undefined) throw new Error(`Unexpected end of expression: ${expression}`);
    return token;
  };

  function primary(): Value {
    const token = take();
    if (token === '(') {
      const value = or();
      if (take() !== ')') throw new Error(`Missing ) in ${expression}`);
      return value;
    }
    if (token === '!') return !truthy(primary());
    if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
    if (token === 'true' || token === 'false') return token === 'true';
    if (token.endsWith('()')) {
      const name = token.slice(0, -2);
      if (name === 'success') return scope.status === 'success';
      if (name === 'failure') return scope.status === 'failure';
      if (name === 'cancelled') return scope.status === 'cancelled';
      if (name === 'always') return true;
      throw new Error(`Unknown function ${name} in ${expression}`);
    }
    return scope.values[token] ?? '';
  }
  function comparison(): Value {
    let left = primary();
    while (peek() === '==' || peek() === '!=') {
      const operator = take();
      const equal = text(left) === text(primary());
      left = operator === '==' ? equal : !equal;
    }
    return left;
  }
  function and(): Value {
    let left = comparison();
    while (peek() === '&&') {
      take();
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  }
  function or(): Value {
    let left = and();
    while (peek() === '||') {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  const value = or();
  if (position !== tokens.length) throw new Error(`Unexpected ${peek()} in ${expression}`);
  return truthy(value);
}

/** A step `if:` without a status function means `success() && (...)`; no `if:` means `success()`. */
export function stepRuns(condition: string | undefined, scope: Scope): boolean {
  if (condition === undefined) return scope.status === 'success';
  const usesStatus = STATUS_FUNCTIONS.some((name) => new RegExp(`\\b${name}\\(\\)`).test(condition));
  return usesStatus ? evaluate(condition, scope) : scope.status === 'success' && evaluate(condition, scope);
}

export interface SimulatedStep {
  id?: string;
  name?: string;
  if?: string;
}

/** What happens when a step runs: its outcome (default success) and the outputs it writes. */
export interface StepEffect {
  outcome?: 'success' | 'failure' | 'cancelled';
  outputs?: Record<string, string>;
}

/**
 * Runs a job's steps the way the runner decides them: each step's condition against the job
 * status so far; a failure makes the status `failure`, a cancel makes it `cancelled` for good.
 * Returns the names of the steps that ran.
 */
export function simulateJob(steps: SimulatedStep[], inputs: Record<string, string>, effects: Record<string, StepEffect>): string[] {
  const scope: Scope = { status: 'success', values: Object.fromEntries(Object.entries(inputs).map(([key, value]) => [`inputs.${key}`, value])) };
  const ran: string[] = [];
  for (const step of steps) {
    const label = step.name ?? step.id ?? '?';
    if (!stepRuns(step.if, scope)) {
      if (step.id) scope.values[`steps.${step.id}.outcome`] = 'skipped';
      continue;
    }
    ran.push(label);
    const effect = effects[step.id ?? label] ?? {};
    const outcome = effect.outcome ?? 'success';
    if (step.id) {
      scope.values[`steps.${step.id}.outcome`] = outcome;
      for (const [key, value] of Object.entries(effect.outputs ?? {})) scope.values[`steps.${step.id}.outputs.${key}`] = value;
    }
    if (outcome === 'cancelled') scope.status = 'cancelled';
    else if (outcome === 'failure' && scope.status === 'success') scope.status = 'failure';
  }
  return ran;
}
