import * as core from '@actions/core';
import * as exec from '@actions/exec';

export interface GitResult {
  exitCode: number;
  stdout: string;
  /** Trimmed. */
  stderr: string;
}

export interface GitRevisions {
  /** Revisions from inputs or events, written after `--end-of-options` (git 2.24+): git never reads one as an option. */
  revisions: readonly string[];
  /** For commands that also take paths (log, diff): a final `--`, so no revision is read as a path either. */
  noPaths?: boolean;
}

/**
 * Every git call of the suite, logged with core.debug. The exit code is the caller's to judge
 * (a missing commit is often an answer, not a failure); stderr comes back trimmed.
 */
export async function git(cwd: string, args: readonly string[], { revisions = [], noPaths = false }: Partial<GitRevisions> = {}): Promise<GitResult> {
  const argv = [...args, ...(revisions.length > 0 ? ['--end-of-options', ...revisions] : []), ...(noPaths ? ['--'] : [])];
  core.debug(`git ${argv.join(' ')}`);
  const { exitCode, stdout, stderr } = await exec.getExecOutput('git', argv, { cwd, silent: true, ignoreReturnCode: true });
  return { exitCode, stdout, stderr: stderr.trim() };
}

/**
 * A base handed to git: a commit id, or a ref name (`main`, `origin/main`,
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

/** A revision as git reads it (`main`, `origin/main`, `HEAD~3`, `v1.2^{commit}`, a SHA, `@{upstream}`): never starting with `-`, so never an option. */
const REVISION = /^[A-Za-z0-9_@][A-Za-z0-9_@./~^{}+-]{0,199}$/;

/** `A`, `A..B` or `A...B`, each side a revision: a wider grammar than isGitRevision, for the commits a history scan reads. */
export function isRevisionRange(text: string): boolean {
  const sides = text.split(/\.{2,3}/);
  return sides.length <= 2 && sides.every((side) => REVISION.test(side));
}
