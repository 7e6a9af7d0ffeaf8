import * as core from '@actions/core';
import { z } from 'zod';
import { ConfigurationError } from './errors.js';
import { registerSecret } from './secrets.js';

/** One zod schema per input, keyed by the exact name in action.yml. An unset input is `undefined`. */
export type InputShape = Record<string, z.ZodType>;
export type Inputs<S extends InputShape> = { [K in keyof S]: z.output<S[K]> };

export interface ParseInputsOptions<S extends InputShape> {
  /** Inputs whose values are masked before anything else happens and never echoed in errors. */
  secret?: ReadonlyArray<keyof S & string>;
  /** Where raw values come from; the runner's INPUT_* variables by default. */
  read?: (name: string) => string;
}

/**
 * Validates every input before the action changes anything. All problems are reported in
 * one ConfigurationError, each naming the input, the value given and what was expected.
 */
export function parseInputs<S extends InputShape>(shape: S, options: ParseInputsOptions<S> = {}): Inputs<S> {
  const read = options.read ?? ((name: string) => core.getInput(name));
  const secret = new Set<string>(options.secret ?? []);
  const raw: Record<string, string> = {};
  for (const name of Object.keys(shape)) {
    raw[name] = read(name).trim();
    if (secret.has(name)) registerSecret(raw[name]);
  }

  const parsed: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const value = raw[name] ?? '';
    const result = schema.safeParse(value === '' ? undefined : value);
    if (result.success) {
      parsed[name] = result.data;
    } else {
      problems.push(describeProblem(name, value, result.error, secret.has(name)));
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems.join(' '));
  return parsed as Inputs<S>;
}

function describeProblem(name: string, value: string, error: z.ZodError, isSecret: boolean): string {
  const expected = error.issues[0]?.message ?? 'a valid value';
  if (value === '') return `Input "${name}" is required but was not set: expected ${expected}.`;
  const shown = isSecret ? '(value hidden)' : `"${abbreviate(value)}"`;
  return `Input "${name}" has value ${shown}: expected ${expected}.`;
}

/** A value as an error message shows it: one line, at most 80 characters. */
export function abbreviate(value: string): string {
  const oneLine = value.replace(/\r?\n/g, '\\n');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

const BOOLEAN_TEXTS = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'] as const;
const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Schema builders for the value shapes that action inputs take. Error messages read as "expected …". */
export const input = {
  text(expected = 'a non-empty value') {
    return z.string({ error: expected }).min(1, { error: expected });
  },

  /** Like the YAML 1.2 core schema (and core.getBooleanInput): anything else is an error, never a silent false. */
  boolean() {
    return z.enum(BOOLEAN_TEXTS, { error: 'true or false' }).transform((text) => text.toLowerCase() === 'true');
  },

  oneOf<const T extends readonly [string, ...string[]]>(values: T) {
    return z.enum(values, { error: `one of ${values.join(', ')}` });
  },

  /** `90`, `90s`, `5m`, `1h30m` → seconds. */
  duration() {
    const expected = 'a duration such as 90s, 5m or 1h30m';
    return z
      .string({ error: expected })
      .refine((text) => /^\d+$/.test(text) || (text !== '' && DURATION.test(text)), { error: expected })
      .transform((text) => {
        if (/^\d+$/.test(text)) return Number(text);
        const [, hours = '0', minutes = '0', seconds = '0'] = DURATION.exec(text) ?? [];
        return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
      })
      .refine((seconds) => seconds > 0, { error: 'a duration longer than zero' });
  },

  number(range: { min?: number; max?: number } = {}) {
    return numeric('a number', /^-?(\d+\.?\d*|\.\d+)$/, range);
  },

  integer(range: { min?: number; max?: number } = {}) {
    return numeric('a whole number', /^-?\d+$/, range);
  },

  /** Newline or comma separated; blank entries dropped. */
  list(expected = 'a newline or comma separated list') {
    return z
      .string({ error: expected })
      .transform((text) =>
        text
          .split(/[\n,]/)
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      )
      .refine((items) => items.length > 0, { error: expected });
  },

  url() {
    const expected = 'an http or https URL';
    return z.url({ protocol: /^https?$/, error: expected });
  },
};

function numeric(kind: string, pattern: RegExp, { min, max }: { min?: number; max?: number }) {
  const bounds =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? ` of at least ${min}`
        : max !== undefined
          ? ` of at most ${max}`
          : '';
  const expected = `${kind}${bounds}`;
  return z
    .string({ error: expected })
    .regex(pattern, { error: expected })
    .transform(Number)
    .refine((value) => (min === undefined || value >= min) && (max === undefined || value <= max), {
      error: expected,
    });
}
