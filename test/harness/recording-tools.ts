import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RecordingTools {
  /** PATH with the recording shims first: pass it as the action's `env.PATH`. */
  path: string;
  /** Every recorded call so far, one string per call: the tool's name and its arguments joined by spaces. */
  calls(): Promise<string[]>;
}

/**
 * Puts shims for the given tools (kubectl, git, npm…) first on PATH: each appends its argument
 * list to a log, then runs the real tool with the same arguments, so the action behaves as it
 * would and a test can assert which values reached which tool.
 */
export async function recordTools(tools: readonly string[]): Promise<RecordingTools> {
  const bin = await mkdtemp(join(tmpdir(), 'recording-tools-'));
  const log = join(bin, 'calls.log');
  await writeFile(log, '');
  for (const tool of tools) {
    const real = execFileSync('sh', ['-c', `command -v "${tool}"`], { encoding: 'utf8' }).trim();
    const shim = [
      '#!/bin/sh',
      // One line per call: NUL-free arguments joined by the unit separator, so spaces inside arguments stay visible.
      `printf '%s' "${tool}" >> "${log}"`,
      `for argument in "$@"; do printf '\\037%s' "$argument" >> "${log}"; done`,
      `printf '\\n' >> "${log}"`,
      `exec "${real}" "$@"`,
      '',
    ].join('\n');
    await writeFile(join(bin, tool), shim);
    await chmod(join(bin, tool), 0o755);
  }
  return {
    path: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    async calls() {
      const text = await readFile(log, 'utf8');
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split('\u001f').join(' '));
    },
  };
}
