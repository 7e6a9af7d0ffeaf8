import { XMLParser, XMLValidator } from 'fast-xml-parser';

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
  return parser.parse(text) as Record<string, unknown>;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    throw new ReportError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
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

/** A whole number attribute; `where` names the element for the error. */
export function count(value: unknown, where: string): number {
  const parsed = Number(text(value));
  if (!Number.isInteger(parsed) || parsed < 0) throw new ReportError(`${where}: expected a whole number, got ${JSON.stringify(value)}`);
  return parsed;
}
