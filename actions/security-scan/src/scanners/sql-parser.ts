import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParseResult } from 'libpg-query';

/** PostgreSQL's own parser: the parse tree of a script, or a thrown error with the parser's message. */
export type SqlParser = (sql: string) => ParseResult;

/** Where the parser's message says it stopped, as a 0-based byte offset of the script. */
export function errorOffset(error: unknown): number | undefined {
  const position = (error as { sqlDetails?: { cursorPosition?: unknown } }).sqlDetails?.cursorPosition;
  return typeof position === 'number' && Number.isFinite(position) && position >= 0 ? position : undefined;
}

let loading: Promise<SqlParser> | undefined;

/**
 * libpg_query (PostgreSQL's parser, compiled to WebAssembly), loaded on first use only: the 1.7 MB
 * module is compiled when a tree has migrations, not at every start of the action. Its Emscripten
 * loader looks for libpg-query.wasm in the CommonJS `__dirname`, which an ES-module bundle lacks:
 * the bundle's own folder, where the build copies the file, stands in for it. Loaded from
 * node_modules (tests, tsx), the module keeps its own `__dirname`. The stand-in is removed once
 * the module is loaded.
 */
export function loadSqlParser(): Promise<SqlParser> {
  loading ??= (async () => {
    const globals = globalThis as { __dirname?: string };
    const standIn = globals.__dirname === undefined;
    if (standIn) globals.__dirname = dirname(fileURLToPath(import.meta.url));
    try {
      const { loadModule, parseSync } = await import('libpg-query');
      await loadModule();
      return parseSync;
    } finally {
      if (standIn) delete globals.__dirname;
    }
  })();
  return loading;
}
