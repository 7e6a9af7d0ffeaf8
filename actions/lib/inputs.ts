import * as core from '@actions/core';
import { z } from 'zod';
import { abbreviate, ConfigurationError } from './errors.js';
import { expectedName, isObjectName, selectorProblem, SELECTOR_EXPECTED, type NamedKind } from './kubernetes/names.js';
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
  const shown = isSecret ? '(value hidden)' : `"${abbreviate(withoutCredentials(value))}"`;
  return `Input "${name}" has value ${shown}: expected ${expected}.`;
}

/** `https://user:password@host` → `https://***@host`: an error message must not echo what a URL's user-info holds. */
function withoutCredentials(value: string): string {
  return value.replace(/(?<=:\/\/)[^\s/?#@]*@/g, '***@');
}

const MAX_URL_LENGTH = 2048;
const MAX_DURATION_SECONDS = 7 * 86_400;
const MOST_PATH_CHARACTERS = 4096;
const MOST_NAME_BYTES = 255;
// Control characters (newlines, NUL, escapes) are in no path anyone means; the file system refuses NUL anyway.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const PATH_SHAPE = `at most ${MOST_PATH_CHARACTERS} characters, each name at most ${MOST_NAME_BYTES} bytes, no control characters`;

/** A path the file system could hold: a name longer than 255 bytes can exist nowhere, so it is the input's error, not a failed read. */
function isPathShaped(text: string): boolean {
  return text.length <= MOST_PATH_CHARACTERS && !CONTROL_CHARACTER.test(text) && text.split('/').every((name) => Buffer.byteLength(name) <= MOST_NAME_BYTES);
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

  /** The name of one Kubernetes object of this kind, as the API server would accept it: never a flag, a path or two names. */
  kubernetesName(kind: NamedKind) {
    const expected = expectedName(kind);
    return z.string({ error: expected }).refine((name) => isObjectName(kind, name), { error: expected });
  },

  namespace() {
    return input.kubernetesName('Namespace');
  },

  /** The content of a kubeconfig file (a secret: list it among the action's secret inputs); prepareKubeconfig writes it out. */
  kubeconfig() {
    return input.text('the content of a kubeconfig file');
  },

  /** Equality- and set-based requirements in Kubernetes label syntax; the error says which requirement is wrong. */
  labelSelector() {
    return z.string({ error: SELECTOR_EXPECTED }).superRefine((selector, context) => {
      const problem = selectorProblem(selector);
      if (problem) context.addIssue({ code: 'custom', message: `${SELECTOR_EXPECTED}; ${problem}` });
    });
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
      .refine((seconds) => seconds > 0, { error: 'a duration longer than zero' })
      .refine((seconds) => seconds <= MAX_DURATION_SECONDS, { error: `a duration of at most ${MAX_DURATION_SECONDS / 86_400} days` });
  },

  number(range: { min?: number; max?: number } = {}) {
    // Unambiguous, so a long run of digits cannot make it backtrack quadratically.
    return numeric('a number', /^-?(?:\d+(?:\.\d*)?|\.\d+)$/, range);
  },

  integer(range: { min?: number; max?: number } = {}) {
    return numeric('a whole number', /^-?\d+$/, range);
  },

  /** Newline or comma separated; blank entries dropped. */
  /** A file or folder path; whether it exists and stays inside the workspace is checked where it is read. */
  path(expected: string) {
    return input.text(expected).refine(isPathShaped, { error: `${expected} (${PATH_SHAPE})` });
  },

  /** File globs, newline or comma separated, each shaped like a path. */
  globs(expected: string) {
    return input.list(expected).refine((items) => items.every(isPathShaped), { error: `${expected} (${PATH_SHAPE})` });
  },

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

  /**
   * An http(s) URL without user-info: credentials have their own masked inputs, while a URL is
   * echoed in logs, summaries and the error texts of the libraries that fetch it.
   */
  url() {
    return z.string({ error: 'an http or https URL' }).superRefine((text, context) => {
      const problem = urlProblem(text);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    });
  },
};

function urlProblem(text: string): string | undefined {
  const expected = 'an http or https URL';
  if (text.length > MAX_URL_LENGTH) return `${expected} of at most ${MAX_URL_LENGTH} characters`;
  // The URL parser would silently drop tabs and newlines, and encode spaces.
  if (/[\s\p{Cc}]/u.test(text)) return `${expected} without spaces, newlines or control characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return expected;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${expected} (not ${url.protocol.slice(0, 20)})`;
  if (url.hostname === '') return `${expected} with a host`;
  if (url.username !== '' || url.password !== '') {
    return `${expected} without a user name or password in it: give credentials in the action's own inputs for them, which are masked`;
  }
  return undefined;
}

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
  return (
    z
      .string({ error: expected })
      .regex(pattern, { error: expected })
      .transform(Number)
      // 400 digits match the pattern but are Infinity: a threshold must be finite.
      .refine((value) => Number.isFinite(value) && (min === undefined || value >= min) && (max === undefined || value <= max), {
        error: expected,
      })
  );
}
