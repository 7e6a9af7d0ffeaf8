import { ConfigurationError } from '../../lib/errors.js';
import { git, GIT_REVISION_EXPECTED, isGitRevision } from '../../lib/git.js';

const FETCH_DEPTH_HINT = 'Check out the full history with `fetch-depth: 0` on actions/checkout (or fetch the base commit), or set base-ref.';

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
  // Checked here too, not only as the base-ref input: the pull request's base comes from the event.
  if (!isGitRevision(base)) throw new ConfigurationError(`The base "${base.slice(0, 80)}" (${from}) is not ${GIT_REVISION_EXPECTED}.`);
  const exists = await git(root, ['cat-file', '-e'], { revisions: [`${base}^{commit}`] });
  if (exists.exitCode !== 0) {
    throw new ConfigurationError(
      `The base commit "${base}" (${from}) is not in this clone (a shallow checkout?), so the changed lines cannot be found. ${FETCH_DEPTH_HINT}`,
    );
  }
  const { exitCode, stdout, stderr } = await git(root, ['-c', 'core.quotePath=false', 'diff', '--unified=0', '--find-renames', '--no-color', '--no-ext-diff'], {
    revisions: [`${base}...HEAD`],
    noPaths: true,
  });
  if (exitCode !== 0) {
    throw new ConfigurationError(`git diff against "${base}" failed (${stderr}). With a shallow clone the merge base may be missing: ${FETCH_DEPTH_HINT}`);
  }
  return stdout;
}
