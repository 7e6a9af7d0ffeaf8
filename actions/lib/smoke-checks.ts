import { parse as parseYaml } from 'yaml';
import { abbreviate, ConfigurationError, describeError } from './errors.js';

/**
 * The `verify` smoke checks: HTTP requests sent to each new pod (through the API server's pod
 * proxy) before it takes user traffic, and what their answers must be. Parsing and judging are
 * pure; kubernetes/smoke-run.ts sends them.
 */

export const SMOKE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'] as const;
export type SmokeMethod = (typeof SMOKE_METHODS)[number];

export interface SmokeCheck {
  method: SmokeMethod;
  /** Path and query, starting with `/`: appended to the pod proxy URL. */
  path: string;
  /** The pod's port; undefined means the first port of its first container. */
  port?: number;
  statuses: number[];
  contains?: string;
  json?: { field: string; equals: JsonScalar };
  maxLatencyMs?: number;
  timeoutSeconds: number;
  body?: string;
  headers: Record<string, string>;
}

export type JsonScalar = string | number | boolean | null;

export const MOST_CHECKS = 20;
export const MOST_INPUT_CHARACTERS = 65_536;
export const MOST_PATH_CHARACTERS = 2048;
export const MOST_BODY_CHARACTERS = 16_384;
export const MOST_TEXT_CHARACTERS = 1024;
export const MOST_HEADERS = 20;
export const MOST_LATENCY_MS = 60_000;
export const MOST_TIMEOUT_SECONDS = 60;
export const DEFAULT_TIMEOUT_SECONDS = 10;
const MOST_STATUSES = 20;
const MOST_FIELD_SEGMENTS = 16;

const FIELDS = ['method', 'path', 'port', 'status', 'contains', 'json', 'max-latency-ms', 'timeout-seconds', 'body', 'headers'] as const;
// RFC 3986 path and query characters; `#` (a fragment never reaches the server), spaces, backslashes and controls are not among them.
const PATH_CHARACTERS = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%?]*$/;
// An encoded dot or slash could walk out of the pod proxy's path once a server decodes it.
const ENCODED_DOT_OR_SLASH = /%(?:2e|2f|5c)/i;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,64}$/;
// Headers the HTTP connection or the API server owns: set by the client, or dropped or refused on the way to the pod.
const RESERVED_HEADERS = new Set([
  'host',
  'authorization',
  'connection',
  'content-length',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'expect',
]);
const FIELD_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

class CheckProblem extends Error {}

/** A newline or another control character: a header value holding one could add headers of its own. */
function hasControlCharacter(text: string): boolean {
  return [...text].some((character) => character.charCodeAt(0) < 32 || character.charCodeAt(0) === 127);
}

/** One wrong field of one check: the message the user reads names the input, the check's number and the field. */
function problem(field: string, value: unknown, expected: string): never {
  const shown = typeof value === 'string' ? `"${abbreviate(value)}"` : abbreviate(safeJson(value));
  throw new CheckProblem(`"${field}" has value ${shown}: expected ${expected}`);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The checks of the `verify` input: a YAML list whose items are a path (`- /healthz`, a GET that
 * must answer 200) or a mapping of the fields in FIELDS. Empty means no checks. Any mistake is
 * one ConfigurationError naming the input, the check's number (from 1) and what was expected.
 */
export function parseSmokeChecks(text: string | undefined, inputName = 'verify'): SmokeCheck[] {
  if (text === undefined || text.trim() === '') return [];
  const prefix = `Input "${inputName}"`;
  if (text.length > MOST_INPUT_CHARACTERS) throw new ConfigurationError(`${prefix} has ${text.length} characters: expected at most ${MOST_INPUT_CHARACTERS}`);
  let document: unknown;
  try {
    // No aliases: a few lines of anchors could otherwise expand into gigabytes.
    document = parseYaml(text, { maxAliasCount: 0, uniqueKeys: true });
  } catch (error: unknown) {
    throw new ConfigurationError(`${prefix} is not valid YAML: ${abbreviate(describeError(error).split('\n')[0] ?? '', 200)}`);
  }
  if (!Array.isArray(document)) {
    throw new ConfigurationError(
      `${prefix} is not a list: expected a YAML list of checks, each a path such as /healthz or a mapping with method, path, status…`,
    );
  }
  if (document.length === 0) return [];
  if (document.length > MOST_CHECKS) throw new ConfigurationError(`${prefix} has ${document.length} checks: expected at most ${MOST_CHECKS}`);
  return document.map((item: unknown, index) => {
    try {
      return parseCheck(item);
    } catch (error: unknown) {
      if (error instanceof CheckProblem) throw new ConfigurationError(`${prefix}, check ${index + 1}: ${error.message}`);
      throw error;
    }
  });
}

function parseCheck(item: unknown): SmokeCheck {
  if (typeof item === 'string') return { method: 'GET', path: parsePath(item), statuses: [200], timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, headers: {} };
  if (item === null || typeof item !== 'object' || Array.isArray(item))
    problem('check', item, 'a path such as /healthz or a mapping with method, path, status…');
  const fields = item as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) problem(unknown, fields[unknown], `no such field; the fields are ${FIELDS.join(', ')}`);
  if (fields.path === undefined) problem('path', '', 'a path starting with /');
  const check: SmokeCheck = {
    method: parseMethod(fields.method),
    path: parsePath(fields.path),
    statuses: parseStatuses(fields.status),
    timeoutSeconds:
      fields['timeout-seconds'] === undefined ? DEFAULT_TIMEOUT_SECONDS : integer('timeout-seconds', fields['timeout-seconds'], 1, MOST_TIMEOUT_SECONDS),
    headers: parseHeaders(fields.headers),
  };
  if (fields.port !== undefined) check.port = integer('port', fields.port, 1, 65_535);
  if (fields.contains !== undefined) check.contains = text('contains', fields.contains, MOST_TEXT_CHARACTERS);
  if (fields.json !== undefined) check.json = parseJsonMatch(fields.json);
  if (fields['max-latency-ms'] !== undefined) check.maxLatencyMs = integer('max-latency-ms', fields['max-latency-ms'], 1, MOST_LATENCY_MS);
  if (fields.body !== undefined) {
    if (check.method === 'GET' || check.method === 'HEAD' || check.method === 'OPTIONS') problem('body', fields.body, `no body with method ${check.method}`);
    check.body =
      typeof fields.body === 'string' && fields.body.length <= MOST_BODY_CHARACTERS
        ? fields.body
        : problem('body', fields.body, `text of at most ${MOST_BODY_CHARACTERS} characters`);
  }
  if (check.maxLatencyMs !== undefined && check.maxLatencyMs > check.timeoutSeconds * 1000) {
    problem('max-latency-ms', check.maxLatencyMs, `at most the check's timeout-seconds (${check.timeoutSeconds} s)`);
  }
  return check;
}

function parseMethod(value: unknown): SmokeMethod {
  if (value === undefined) return 'GET';
  const found = SMOKE_METHODS.find((method) => method === value);
  return found ?? problem('method', value, `one of ${SMOKE_METHODS.join(', ')}`);
}

const PATH_EXPECTED = `a path starting with / (no scheme or host), at most ${MOST_PATH_CHARACTERS} characters of a URL path and query, without . or .. segments`;

function parsePath(value: unknown): string {
  if (typeof value !== 'string' || value.length > MOST_PATH_CHARACTERS || !PATH_CHARACTERS.test(value) || value.startsWith('//'))
    problem('path', value, PATH_EXPECTED);
  const pathPart = value.split('?')[0]!;
  if (ENCODED_DOT_OR_SLASH.test(value) || pathPart.split('/').some((segment) => segment === '.' || segment === '..')) problem('path', value, PATH_EXPECTED);
  return value;
}

function parseStatuses(value: unknown): number[] {
  if (value === undefined) return [200];
  const expected = `an HTTP status (100 to 599) or a list of at most ${MOST_STATUSES} of them`;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > MOST_STATUSES) problem('status', value, expected);
  return list.map((status) => integer('status', status, 100, 599, expected));
}

/** Whole numbers only, as YAML numbers or digit strings: NaN, Infinity, fractions, exponents and flags are refused. */
function integer(field: string, value: unknown, min: number, max: number, expected = `a whole number from ${min} to ${max}`): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) problem(field, value, expected);
  return number;
}

function text(field: string, value: unknown, most: number): string {
  if (typeof value !== 'string' || value === '' || value.length > most) problem(field, value, `non-empty text of at most ${most} characters`);
  return value;
}

function parseHeaders(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) problem('headers', value, 'a mapping of header names to values');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MOST_HEADERS) problem('headers', value, `at most ${MOST_HEADERS} headers`);
  const headers: Record<string, string> = {};
  for (const [name, headerValue] of entries) {
    if (!HEADER_NAME.test(name)) problem('headers', name, 'header names of letters, digits and -');
    if (RESERVED_HEADERS.has(name.toLowerCase())) problem('headers', name, `a header the request may set (not ${[...RESERVED_HEADERS].join(', ')})`);
    const shown = typeof headerValue === 'number' && Number.isFinite(headerValue) ? String(headerValue) : headerValue;
    if (typeof shown !== 'string' || shown.length > MOST_TEXT_CHARACTERS || hasControlCharacter(shown)) {
      problem(`headers.${name}`, headerValue, `text of at most ${MOST_TEXT_CHARACTERS} characters on one line`);
    }
    headers[name] = shown;
  }
  return headers;
}

function parseJsonMatch(value: unknown): { field: string; equals: JsonScalar } {
  const expected = 'a mapping with "field" (a dotted path such as status or checks.0.name) and "equals" (a string, number, true, false or null)';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) problem('json', value, expected);
  const { field, equals, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !('equals' in (value as object))) problem('json', value, expected);
  const segments = typeof field === 'string' ? field.split('.') : [];
  if (segments.length === 0 || segments.length > MOST_FIELD_SEGMENTS || !segments.every((segment) => FIELD_SEGMENT.test(segment))) {
    problem('json.field', field, `a dotted path of at most ${MOST_FIELD_SEGMENTS} names of letters, digits, _ and - (such as status or checks.0.name)`);
  }
  const scalar =
    equals === null ||
    typeof equals === 'boolean' ||
    (typeof equals === 'number' && Number.isFinite(equals)) ||
    (typeof equals === 'string' && equals.length <= MOST_TEXT_CHARACTERS);
  if (!scalar) problem('json.equals', equals, `a string of at most ${MOST_TEXT_CHARACTERS} characters, a finite number, true, false or null`);
  return { field: field as string, equals: equals as JsonScalar };
}

/** What one pod answered to one check; `body` holds at most the bytes read (`truncated` says when more were sent). */
export interface SmokeResponse {
  status: number;
  body: string;
  truncated: boolean;
  milliseconds: number;
}

/** Why the answer fails the check; empty when it passes (pure). */
export function judgeSmokeResponse(check: SmokeCheck, response: SmokeResponse): string[] {
  const problems: string[] = [];
  if (!check.statuses.includes(response.status)) problems.push(`status ${response.status}, expected ${check.statuses.join(' or ')}`);
  if (check.contains !== undefined && !response.body.includes(check.contains)) {
    problems.push(`the body${response.truncated ? ' (as far as it was read)' : ''} does not contain "${abbreviate(check.contains)}"`);
  }
  if (check.json) problems.push(...judgeJson(check.json, response));
  if (check.maxLatencyMs !== undefined && !(response.milliseconds <= check.maxLatencyMs)) {
    problems.push(`answered in ${Math.round(response.milliseconds)} ms, expected at most ${check.maxLatencyMs} ms`);
  }
  return problems;
}

function judgeJson(match: { field: string; equals: JsonScalar }, response: SmokeResponse): string[] {
  if (response.truncated) return [`the body is too long to read as JSON for ${match.field}`];
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    return [`the body is not JSON, so ${match.field} cannot equal ${JSON.stringify(match.equals)}`];
  }
  for (const segment of match.field.split('.')) {
    const container = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
    value = container && Object.hasOwn(container, segment) ? container[segment] : undefined;
  }
  if (value === match.equals) return [];
  const found = value === undefined ? 'is missing' : `is ${abbreviate(safeJson(value))}`;
  return [`JSON field ${match.field} ${found}, expected ${JSON.stringify(match.equals)}`];
}

/** `GET /healthz` (port 8080): how the summary and errors name a check. */
export function describeCheck(check: SmokeCheck, port: number): string {
  return `${check.method} ${check.path} on port ${port}`;
}
