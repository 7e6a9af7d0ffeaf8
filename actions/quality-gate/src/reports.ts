import * as glob from '@actions/glob';
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { abbreviate, ConfigurationError, errorCode } from '../../lib/errors.js';
import { isWithin } from '../../lib/paths.js';
import { readRegularFile } from '../../lib/regular-file.js';
import type { Measured } from './conditions.js';
import { ReportError } from './report-format.js';

/** Larger reports are refused before they are read: a string of them would not fit in memory. */
export const MOST_REPORT_BYTES = 256 * 1024 * 1024;

export interface LoadOptions {
  workingDirectory: string;
  /** Folders reports may be read from (the workspace and RUNNER_TEMP): a path that resolves elsewhere is refused. */
  allowedRoots: readonly string[];
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
export async function loadReports<T extends object>(
  patterns: readonly string[] | undefined,
  parse: (content: string) => T,
  options: LoadOptions,
): Promise<Measured<Array<T & { file: string }>>> {
  if (!patterns) return { missing: `no ${options.input} given`, notGiven: true };
  const files = new Set<string>();
  const unmatched: string[] = [];
  const inFolder = (pattern: string) => (isAbsolute(pattern) ? pattern : join(options.workingDirectory, pattern));
  // `!pattern` entries exclude from every other glob; each other glob must find something.
  const excludes = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => `!${inFolder(pattern.slice(1))}`);
  for (const pattern of patterns.filter((candidate) => !candidate.startsWith('!'))) {
    // Refused before globbing: `/**` would walk the whole disk before any file is refused.
    if (!options.allowedRoots.some((root) => isWithin(literalFolder(inFolder(pattern)), root))) {
      throw new ConfigurationError(
        `The ${options.kind} glob "${abbreviate(pattern)}" (${options.input}) is outside the workspace${options.allowedRoots.length > 1 ? ' and RUNNER_TEMP' : ''}: reports are read only from there.`,
      );
    }
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
  const reports: Array<T & { file: string }> = [];
  for (const file of files) {
    const content = await readReport(file, shownPath(file, options), options);
    if (content === undefined)
      throw new ConfigurationError(`The ${options.kind} "${shownPath(file, options)}" (${options.input}) disappeared while it was read.`);
    reports.push(parseContent(content, file, parse, options));
  }
  return { value: reports };
}

export async function loadReport<T extends object>(
  path: string | undefined,
  parse: (content: string) => T,
  options: LoadOptions,
): Promise<Measured<T & { file: string }>> {
  if (path === undefined) return { missing: `no ${options.input} given`, notGiven: true };
  const file = isAbsolute(path) ? path : join(options.workingDirectory, path);
  const content = await readReport(file, path, options);
  if (content === undefined) {
    if (!options.allowMissing) throw new ConfigurationError(`The ${options.kind} "${path}" (${options.input}) was not found (in ${options.workingDirectory}).`);
    return { missing: `${options.kind} "${path}" not found (allow-missing)` };
  }
  return { value: parseContent(content, file, parse, options) };
}

/**
 * Reads a report the user named: only a regular file, inside the allowed folders once
 * symbolic links are followed, and no larger than MOST_REPORT_BYTES (checked on the open
 * handle by readRegularFile). Undefined when there is no such file; anything else wrong is a ConfigurationError.
 */
export async function readReport(file: string, shown: string, options: Pick<LoadOptions, 'allowedRoots' | 'kind' | 'input'>): Promise<string | undefined> {
  const refuse = (why: string) => new ConfigurationError(`The ${options.kind} "${abbreviate(shown)}" (${options.input}) ${why}.`);
  let resolved: string;
  try {
    resolved = await realpath(file);
  } catch (error: unknown) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    throw refuse(`cannot be read (${errorCode(error) ?? 'unknown error'})`);
  }
  if (!options.allowedRoots.some((root) => isWithin(resolved, root))) {
    throw refuse(`is outside the workspace${options.allowedRoots.length > 1 ? ' and RUNNER_TEMP' : ''}: reports are read only from there`);
  }
  let read;
  try {
    read = readRegularFile(resolved, MOST_REPORT_BYTES);
  } catch (error: unknown) {
    throw refuse(`cannot be read (${errorCode(error) ?? 'unknown error'})`);
  }
  if (read.status === 'not-a-file') throw refuse('is not a regular file');
  if (read.status === 'too-large')
    throw refuse(`is ${Math.ceil(read.size / 1024 / 1024)} MB, more than the ${MOST_REPORT_BYTES / 1024 / 1024} MB a report may have`);
  return read.content.toString('utf8');
}

/** The folder a glob starts from: its path up to the first segment with a wildcard. */
function literalFolder(pattern: string): string {
  const segments = resolve(pattern).split(sep);
  const firstWildcard = segments.findIndex((segment) => /[*?[{]/.test(segment));
  return firstWildcard === -1 ? segments.join(sep) : segments.slice(0, firstWildcard).join(sep) || sep;
}

function shownPath(file: string, options: Pick<LoadOptions, 'workingDirectory'>): string {
  const shown = relative(options.workingDirectory, file) || file;
  return shown.startsWith('..') ? file : shown;
}

function parseContent<T extends object>(content: string, file: string, parse: (content: string) => T, options: LoadOptions): T & { file: string } {
  const shown = shownPath(file, options);
  try {
    return { ...parse(content), file: shown };
  } catch (error: unknown) {
    if (error instanceof ReportError || error instanceof ConfigurationError) {
      throw new ConfigurationError(`The ${options.kind} "${shown}" (${options.input}) is malformed: ${error.message}`);
    }
    throw error;
  }
}
