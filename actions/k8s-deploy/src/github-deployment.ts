import * as core from '@actions/core';
import { createDeployment, parseRepository } from '../../lib/github.js';
import { setDeploymentStatus, warnGitHubProblem } from '../../lib/github-deployment.js';
import { runContext } from './annotations.js';

export interface GitHubDeploymentRequest {
  /** No token: no GitHub deployment, and no API call at all. */
  token: string | undefined;
  environment: string;
  environmentUrl: string | undefined;
  strategy: string;
  action: string;
  dryRun: boolean;
}

export interface GitHubDeployment {
  id: number;
  /** The final status, `success` or `failure`. Never throws: a GitHub problem is a warning. */
  finish(succeeded: boolean): Promise<void>;
}

/**
 * Records the step on GitHub: a deployment of GITHUB_SHA to the environment, `in_progress`
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
  const { runUrl } = runContext(request.strategy);
  const logUrl = /^https?:\/\//.test(runUrl) ? runUrl : undefined;

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
          autoInactive: request.action === 'deploy' && request.strategy !== 'rolling' ? false : undefined,
        },
        'deploy',
      );
    },
  };
}
