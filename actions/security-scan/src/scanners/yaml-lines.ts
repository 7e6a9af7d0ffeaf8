import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

export type Path = Array<string | number>;

/** The line of the deepest node of `path` that exists (keys point at the key, items at the item). */
export function lineOf(document: Document, lineCounter: LineCounter, path: Path): number {
  let node: unknown = document.contents;
  let offset = document.contents?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (!item) break;
      const range = (item as { range?: [number, number, number] }).range;
      if (range) offset = range[0];
      node = item;
    } else {
      break;
    }
  }
  return lineCounter.linePos(offset).line;
}
