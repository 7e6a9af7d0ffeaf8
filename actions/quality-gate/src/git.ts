import * as core from '@actions/core';
import * as exec from '@actions/exec';
import { ConfigurationError } from '../../lib/errors.js';

/**
 * A base the gate hands to git: a commit id, or a ref name (`main`, `origin/main`,
 * `refs/tags/v1.2`) with optional `~n`/`^n` steps (`HEAD~1`). Ref names follow git
 * check-ref-format's rules within a narrower alphabet (letters, digits, `._+-/`): nothing
 * that starts with `-`, holds spaces, control characters, `..`, `:`, `@`, `$` or glob
 * characters can pass, so no value is read as an option or a range, whatever git version runs.
 */
export const GIT_REVISION_EXPECTED = 'a commit SHA or a branch/tag name such as main, origin/main or HEAD~1';
const COMMIT_ID = /^[0-9a-f]{7,64}$/i;
const REF_COMPONENT = /^(?!\.)(?!.*\.lock$)[\p{L}\p{N}._+-]+$/u;
const STEPS = /(?:[~^]\d{0,4})*$/;

export function isGitRevision(text: string): boolean {
  if (text.length > 255 || text.startsWith('-')) return false;
  if (COMMIT_ID.test(text)) return true;
  const name = text.replace(STEPS, '');
  if (name === '' || name.includes('..') || name.endsWith('.')) return false;
  return name.split('/').every((component) => REF_COMPONENT.test(component));
}

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
export async function diffAgainst(root: string, base: string, from: string): Promise<string> {
  if (!isGitRevision(base)) throw new ConfigurationError(`The base "${base.slice(0, 80)}" (${from}) is not ${GIT_REVISION_EXPECTED}.`);
  // --end-of-options as well (git 2.24+): the base is never an option, even if the check above had a gap.
  const exists = await git(root, ['cat-file', '-e', '--end-of-options', `${base}^{commit}`]);
  if (exists.exitCode !== 0) {
    throw new ConfigurationError(`The base commit "${base}" (${from}) is not in this clone (a shallow checkout?), so the changed lines cannot be found. ${FETCH_DEPTH_HINT}`);
  }
  const { exitCode, stdout, stderr } = await git(root, [
    '-c',
    'core.quotePath=false',
    'diff',
    '--unified=0',
    '--find-renames',
    '--no-color',
    '--no-ext-diff',
    '--end-of-options',
    `${base}...HEAD`,
    '--',
  ]);
  if (exitCode !== 0) {
    throw new ConfigurationError(`git diff against "${base}" failed (${stderr}). With a shallow clone the merge base may be missing: ${FETCH_DEPTH_HINT}`);
  }
  return stdout;
}
