import * as core from '@actions/core';
import { describeError } from './errors.js';
import { createDeploymentStatus, githubErrorStatus, type DeploymentStatus, type RepositoryRef } from './github.js';
import { redactSecrets } from './secrets.js';

/** Sets a deployment's status; never throws: a GitHub problem is a warning saying that `step` is not affected. */
export async function setDeploymentStatus(token: string, repository: RepositoryRef, id: number, status: DeploymentStatus, step: string): Promise<boolean> {
  try {
    await createDeploymentStatus(token, repository, id, status);
    core.info(`GitHub deployment ${id}: ${status.state}`);
    return true;
  } catch (error: unknown) {
    warnGitHubProblem(`Could not set GitHub deployment ${id} to ${status.state}`, error, step);
    return false;
  }
}

/** A warning that says why a GitHub call failed and what to do; `step` (the deploy, the rollback) is not affected. */
export function warnGitHubProblem(what: string, error: unknown, step: string): void {
  const status = githubErrorStatus(error);
  const reason =
    status === 403 || status === 404
      ? `the token may not write deployments (HTTP ${status}: ${describeError(error)}); give the job \`permissions: deployments: write\``
      : status === undefined || status === 500
        ? `the GitHub API at ${process.env.GITHUB_API_URL || 'https://api.github.com'} could not be reached or failed (${describeError(error)})`
        : `HTTP ${status}: ${describeError(error)}`;
  core.warning(redactSecrets(`${what}: ${reason}. The ${step} itself is not affected.`));
}
