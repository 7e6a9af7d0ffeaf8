import * as glob from '@actions/glob';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { ConfigurationError } from '../../lib/errors.js';
import type { Measured } from './conditions.js';
import { ReportError } from './report-format.js';

export interface LoadOptions {
  workingDirectory: string;
  allowMissing: boolean;
  /** What the reports are, for messages: "coverage report". */
  kind: string;
  /** The input the globs came from, for messages. */
  input: string;
}

/**
 * Finds the files of each glob and parses them. A glob that finds nothing is an error
 * unless allow-missing (then the reason is returned); a report that cannot be parsed is
 * always an error naming the file and what is wrong.
 */
export async function loadReports<T>(patterns: readonly string[] | undefined, parse: (content: string) => T, options: LoadOptions): Promise<Measured<T[]>> {
  if (!patterns) return { missing: `no ${options.input} given`, notGiven: true };
  const files = new Set<string>();
  const unmatched: string[] = [];
  const inFolder = (pattern: string) => (isAbsolute(pattern) ? pattern : join(options.workingDirectory, pattern));
  // `!pattern` entries exclude from every other glob; each other glob must find something.
  const excludes = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => `!${inFolder(pattern.slice(1))}`);
  for (const pattern of patterns.filter((candidate) => !candidate.startsWith('!'))) {
    const globber = await glob.create([inFolder(pattern), ...excludes].join('\n'), { matchDirectories: false, implicitDescendants: false });
    const found = await globber.glob();
    if (found.length === 0) unmatched.push(pattern);
    for (const file of found.sort()) files.add(file);
  }
  if (unmatched.length > 0 && !options.allowMissing) {
    throw new ConfigurationError(
      `No ${options.kind} found for ${options.input} ${unmatched.map((pattern) => `"${pattern}"`).join(', ')} (in ${options.workingDirectory}). Check that the step producing it ran, or set allow-missing: true.`,
    );
  }
  if (files.size === 0) return { missing: `no ${options.kind} found for ${options.input} (allow-missing)` };
  const reports: T[] = [];
  for (const file of files) reports.push(await parseFile(file, parse, options));
  return { value: reports };
}

export async function loadReport<T>(path: string | undefined, parse: (content: string) => T, options: LoadOptions): Promise<Measured<T>> {
  if (path === undefined) return { missing: `no ${options.input} given`, notGiven: true };
  const file = isAbsolute(path) ? path : join(options.workingDirectory, path);
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !options.allowMissing) {
      throw new ConfigurationError(`Cannot read the ${options.kind} "${path}" (${options.input}): ${(error as Error).message}`);
    }
    return { missing: `${options.kind} "${path}" not found (allow-missing)` };
  }
  return { value: parseContent(content, file, parse, options) };
}

async function parseFile<T>(file: string, parse: (content: string) => T, options: LoadOptions): Promise<T> {
  return parseContent(await readFile(file, 'utf8'), file, parse, options);
}

function parseContent<T>(content: string, file: string, parse: (content: string) => T, options: LoadOptions): T {
  try {
    return parse(content);
  } catch (error: unknown) {
    if (error instanceof ReportError || error instanceof ConfigurationError) {
      const shown = relative(options.workingDirectory, file) || file;
      throw new ConfigurationError(`The ${options.kind} "${shown.startsWith('..') ? file : shown}" (${options.input}) is malformed: ${error.message}`);
    }
    throw error;
  }
}
