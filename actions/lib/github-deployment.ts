import * as core from '@actions/core';
import { describeError } from './errors.js';
import {
  createDeployment,
  createDeploymentStatus,
  githubErrorStatus,
  parseRepository,
  workflowRunUrl,
  type DeploymentStatus,
  type RepositoryRef,
} from './github.js';
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

export interface GitHubDeploymentRequest {
  /** No token: no GitHub deployment, and no API call at all. */
  token: string | undefined;
  environment: string;
  environmentUrl: string | undefined;
  strategy: string;
  action: string;
  dryRun: boolean;
  /** A run that promotes before it reports success (progressive-canary): the new version then serves everything. */
  promotes?: boolean;
}

export interface GitHubDeployment {
  id: number;
  /** The final status, `success` or `failure`. Never throws: a GitHub problem is a warning. */
  finish(succeeded: boolean): Promise<void>;
}

/**
 * Records the step (a k8s-deploy step, a whole progressive canary) on GitHub: a deployment of GITHUB_SHA to the environment, `in_progress`
 * now, `success` or `failure` at the end (see finish). Reporting to GitHub never fails a
 * deploy: a token without `deployments: write` (403/404) or an unreachable API is a warning,
 * and the deploy goes on without a GitHub deployment. Dry runs create nothing.
 */
export async function startGitHubDeployment(request: GitHubDeploymentRequest): Promise<GitHubDeployment | undefined> {
  const { token, environment } = request;
  if (!token) return undefined;
  if (request.dryRun) {
    core.info('Dry run: no GitHub deployment is created');
    return undefined;
  }
  const repository = parseRepository(process.env.GITHUB_REPOSITORY);
  const ref = process.env.GITHUB_SHA;
  if (!repository || !ref) {
    core.warning('No GitHub deployment is created: GITHUB_REPOSITORY or GITHUB_SHA is not set (not running on GitHub Actions?)');
    return undefined;
  }
  const what = `inventory-devops ${request.strategy} ${request.action}`;
  const logUrl = workflowRunUrl();

  let id: number;
  try {
    id = await createDeployment(token, repository, { ref, environment, description: `${what} of ${ref.slice(0, 12)}` });
  } catch (error: unknown) {
    warnGitHubProblem(`Could not create a GitHub deployment to environment "${environment}"`, error, 'deploy');
    return undefined;
  }
  core.info(`GitHub deployment ${id} of ${ref.slice(0, 12)} to environment "${environment}"`);
  await setDeploymentStatus(token, repository, id, { state: 'in_progress', description: `${what} in progress`, logUrl }, 'deploy');

  return {
    id,
    async finish(succeeded) {
      await setDeploymentStatus(
        token,
        repository,
        id,
        {
          state: succeeded ? 'success' : 'failure',
          description: `${what} ${succeeded ? 'succeeded' : 'failed'}`,
          logUrl,
          environmentUrl: succeeded ? request.environmentUrl : undefined,
          // A canary or a blue-green colour runs beside the release that still serves: that one's deployment stays active until promote.
          autoInactive: request.action === 'deploy' && request.strategy !== 'rolling' && !request.promotes ? false : undefined,
        },
        'deploy',
      );
    },
  };
}
