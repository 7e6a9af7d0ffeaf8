import * as core from '@actions/core';
import * as exec from '@actions/exec';
import { ConfigurationError } from '../../lib/errors.js';

const FETCH_DEPTH_HINT = 'Check out the full history with `fetch-depth: 0` on actions/checkout (or fetch the base commit), or set base-ref.';

/** Every git call of the gate, logged with core.debug; a non-zero exit becomes an Error with git's stderr. */
async function git(cwd: string, args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  core.debug(`git ${args.join(' ')}`);
  const { exitCode, stdout, stderr } = await exec.getExecOutput('git', args, { cwd, silent: true, ignoreReturnCode: true });
  return { exitCode, stdout, stderr: stderr.trim() };
}

/** The repository root, or undefined when the folder is not in a git work tree. */
export async function repositoryRoot(cwd: string): Promise<string | undefined> {
  const { exitCode, stdout } = await git(cwd, ['rev-parse', '--show-toplevel']);
  return exitCode === 0 ? stdout.trim() : undefined;
}

export async function trackedFiles(root: string): Promise<string[]> {
  const { exitCode, stdout, stderr } = await git(root, ['ls-files', '-z']);
  if (exitCode !== 0) throw new Error(`git ls-files failed: ${stderr}`);
  return stdout.split('\0').filter(Boolean);
}

/**
 * `git diff <base>...HEAD`: the changes since the merge base, which on a pull request's
 * merge commit and on its head are both the pull request's changes.
 */
export async function diffAgainst(root: string, base: string): Promise<string> {
  const exists = await git(root, ['cat-file', '-e', `${base}^{commit}`]);
  if (exists.exitCode !== 0) {
    throw new ConfigurationError(`The base commit "${base}" is not in this clone (a shallow checkout?), so the changed lines cannot be found. ${FETCH_DEPTH_HINT}`);
  }
  const { exitCode, stdout, stderr } = await git(root, [
    '-c',
    'core.quotePath=false',
    'diff',
    '--unified=0',
    '--find-renames',
    '--no-color',
    '--no-ext-diff',
    `${base}...HEAD`,
  ]);
  if (exitCode !== 0) {
    throw new ConfigurationError(`git diff against "${base}" failed (${stderr}). With a shallow clone the merge base may be missing: ${FETCH_DEPTH_HINT}`);
  }
  return stdout;
}
