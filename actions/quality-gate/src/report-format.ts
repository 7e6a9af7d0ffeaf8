import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describeError } from '../../lib/errors.js';

/** What is wrong with a report's content; the loader adds which file it was. */
export class ReportError extends Error {
  override name = 'ReportError';
}

/**
 * Parses XML into plain objects, attributes as plain keys (strings), elements named in
 * `repeated` always as arrays. Malformed XML is a ReportError with the line of the problem.
 */
export function parseXml(text: string, repeated: readonly string[]): Record<string, unknown> {
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    throw new ReportError(`not well-formed XML (line ${validation.err.line}: ${validation.err.msg})`);
  }
  const arrays = new Set(repeated);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => arrays.has(name),
  });
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (error: unknown) {
    // The parser's own limits (nesting depth, entity expansion) throw plain Errors: still the report's fault.
    throw new ReportError(`XML the parser refuses (${describeError(error)})`);
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    throw new ReportError(`not valid JSON (${describeError(error)})`);
  }
}

/** Elements and attributes read from parsed XML/JSON: untyped until checked. */
export type Node = Record<string, unknown>;

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.filter(isNode);
  return isNode(value) ? [value] : [];
}

/** Like nodes(), keeping text-only elements (`<failure>stack</failure>`) as `{'#text': …}`. */
export function elements(value: unknown): Node[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => (isNode(item) ? item : { '#text': typeof item === 'string' ? item : '' }));
}

export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
  return undefined;
}

/**
 * Every figure read from a report goes through here: a whole number of at least 0, written
 * as a JSON number or as digits. NaN, ±Infinity (a JSON `1e400` parses to Infinity),
 * negatives, fractions, "Unknown" and empty text are undefined: never a figure to judge.
 */
export function wholeNumber(value: unknown): number | undefined {
  const written = isNode(value) ? value['#text'] : typeof value === 'string' ? value.trim() : value;
  const parsed = typeof written === 'number' ? written : typeof written === 'string' && /^\d+$/.test(written) ? Number(written) : Number.NaN;
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}

/** A count (hits, lines, branches) the report must give: anything but a whole number is the report's error; `where` names the record. */
export function count(value: unknown, where: string): number {
  const parsed = wholeNumber(value);
  if (parsed === undefined) throw new ReportError(`${where}: expected a whole number, got ${abbreviated(value)}`);
  return parsed;
}

/** A count of what was hit among what was found: both counts, and no more hit than found. */
export function hitOfFound(hit: unknown, found: unknown, where: string): { hit: number; found: number } {
  const counts = { hit: count(hit, where), found: count(found, where) };
  if (counts.hit > counts.found) throw new ReportError(`${where}: ${counts.hit} covered of ${counts.found}, more than there are`);
  return counts;
}

/** A line to annotate (1 or more), or undefined when the report gives none or nothing usable. */
export function lineNumber(value: unknown): number | undefined {
  const parsed = wholeNumber(value);
  return parsed !== undefined && parsed >= 1 && Number.isSafeInteger(parsed) ? parsed : undefined;
}

function abbreviated(value: unknown): string {
  const shown = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return shown.length > 40 ? `${shown.slice(0, 39)}…` : shown;
}
