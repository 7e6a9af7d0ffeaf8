import YAML from 'yaml';

/**
 * Request bodies read with their duplicate keys kept, for the API server's strict decoding:
 * `JSON.parse` and the YAML parser keep one value per key, so duplicates are found here. JSON
 * is read by a small recursive-descent parser (no maintained JavaScript parser reports
 * duplicates with their paths); YAML through the `yaml` package's document model.
 */
export class KeyedObject {
  constructor(readonly entries: [string, KeyedJson][]) {}
}

export type KeyedJson = KeyedObject | KeyedJson[] | null | boolean | number | string;

/** Parses JSON text that `JSON.parse` already accepted (an empty body is null, as the emulator reads it). */
export function parseKeyedJson(text: string): KeyedJson {
  if (text.trim() === '') return null;
  let index = 0;
  const skipSpace = (): void => {
    while (index < text.length && ' \t\r\n'.includes(text[index] ?? '')) index++;
  };
  const stringToken = (): string => {
    const start = index;
    index++;
    while (text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    index++;
    return JSON.parse(text.slice(start, index)) as string;
  };
  const value = (): KeyedJson => {
    skipSpace();
    const char = text[index];
    if (char === '{') {
      index++;
      const entries: [string, KeyedJson][] = [];
      skipSpace();
      if (text[index] === '}') {
        index++;
        return new KeyedObject(entries);
      }
      for (;;) {
        skipSpace();
        const key = stringToken();
        skipSpace();
        index++; // ':'
        entries.push([key, value()]);
        skipSpace();
        if (text[index++] === '}') return new KeyedObject(entries);
      }
    }
    if (char === '[') {
      index++;
      const items: KeyedJson[] = [];
      skipSpace();
      if (text[index] === ']') {
        index++;
        return items;
      }
      for (;;) {
        items.push(value());
        skipSpace();
        if (text[index++] === ']') return items;
      }
    }
    if (char === '"') return stringToken();
    const match = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(index, index + 400));
    const token = match?.[0] ?? '';
    index += token.length;
    return JSON.parse(token) as KeyedJson;
  };
  return value();
}

/**
 * go-yaml v2's strict decoding errors for duplicate mapping keys (`line N: key "a" already set in
 * map`, N the line of the repeated key's value), in the order its decoder meets them: a value
 * is decoded before its key is checked. Empty when the text has none or is not YAML.
 */
export function yamlDuplicateKeys(text: string): string[] {
  const lineCounter = new YAML.LineCounter();
  const document = YAML.parseDocument(text, { uniqueKeys: false, lineCounter });
  if (document.errors.length > 0) return [];
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (YAML.isSeq(node)) {
      for (const item of node.items) walk(item);
      return;
    }
    if (!YAML.isMap(node)) return;
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      const key = YAML.isScalar(pair.key) ? pair.key.value : pair.key;
      walk(pair.value);
      if (seen.has(key)) {
        const at = (YAML.isNode(pair.value) ? pair.value.range : undefined) ?? (YAML.isNode(pair.key) ? pair.key.range : undefined);
        const line = at ? lineCounter.linePos(at[0]).line : 0;
        found.push(`line ${line}: key ${typeof key === 'string' ? JSON.stringify(key) : String(key)} already set in map`);
      }
      seen.add(key);
    }
  };
  walk(document.contents);
  return found;
}
