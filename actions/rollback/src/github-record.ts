import * as core from '@actions/core';
import { describeError } from '../../lib/errors.js';
import { createDeployment, parseRepository, recentDeployments } from '../../lib/github.js';
import { setDeploymentStatus, warnGitHubProblem } from '../../lib/github-deployment.js';
import type { Kubectl } from '../../lib/kubernetes/kubectl.js';
import { COMMIT_ANNOTATION } from '../../lib/kubernetes/metadata.js';
import type { LiveDeployment } from '../../lib/kubernetes/objects.js';

export interface RollbackRecord {
  token: string;
  environment: string;
  /** The commit that serves again (k8s-deploy's commit annotation on the serving Deployment), if known. */
  restoredCommit: string | undefined;
  reason: string | undefined;
}

/** The description delivery-metrics reads as a restore (actions/delivery-metrics/src/metrics.ts). */
export const restoreDescription = (commit: string) => `inventory-devops rollback restore of ${commit.slice(0, 12)}`;

/** The commit k8s-deploy recorded on the Deployment that serves after the rollback (`kubectl rollout undo` restores the revision's annotations too). */
export async function servingCommit(kubectl: Kubectl, deployment: string): Promise<string | undefined> {
  try {
    const live = await kubectl.find<LiveDeployment>('Deployment', deployment);
    const commit = live?.metadata.annotations?.[COMMIT_ANNOTATION];
    return commit && /^[0-9a-f]{40}$/i.test(commit) ? commit : undefined;
  } catch (error: unknown) {
    core.warning(`Could not read the commit deployment/${deployment} serves: ${describeError(error)}`);
    return undefined;
  }
}

/**
 * Records a finished rollback on GitHub, after the fact: the environment's newest deployment written
 * by the suite (the release undone) gets a `failure` status, and the restored commit a new deployment with `success`
 * (where time to restore ends). Never throws: a GitHub problem is a warning, the rollback stands.
 */
export async function recordRollbackOnGitHub(record: RollbackRecord): Promise<void> {
  const { token, environment } = record;
  const repository = parseRepository(process.env.GITHUB_REPOSITORY);
  if (!repository) {
    core.warning('The rollback is not recorded on GitHub: GITHUB_REPOSITORY is not set (not running on GitHub Actions?)');
    return;
  }
  try {
    // A job with `environment:` (this one, in rollback.yml) has GitHub create a deployment of its own: the release is the newest the suite wrote.
    const undone = (await recentDeployments(token, repository, environment)).find((deployment) => deployment.description.startsWith('inventory-devops '));
    if (undone) {
      const description = `Rolled back by inventory-devops rollback${record.reason ? `: ${record.reason}` : ''}`;
      await setDeploymentStatus(token, repository, undone.id, { state: 'failure', description }, 'rollback');
    } else core.info(`No inventory-devops deployment to environment "${environment}" on GitHub to mark rolled back`);
  } catch (error: unknown) {
    warnGitHubProblem(`Could not read the GitHub deployments of environment "${environment}"`, error, 'rollback');
  }

  const commit = record.restoredCommit;
  if (!commit) {
    core.warning(
      `The restored release is not recorded on GitHub: the serving Deployment has no commit annotation from k8s-deploy. The rollback itself is not affected.`,
    );
    return;
  }
  let id: number;
  try {
    id = await createDeployment(token, repository, { ref: commit, environment, description: restoreDescription(commit) });
  } catch (error: unknown) {
    warnGitHubProblem(`Could not create a GitHub deployment of the restored ${commit.slice(0, 12)} to environment "${environment}"`, error, 'rollback');
    return;
  }
  core.info(`GitHub deployment ${id} of the restored ${commit.slice(0, 12)} to environment "${environment}"`);
  await setDeploymentStatus(token, repository, id, { state: 'success', description: 'inventory-devops rollback restored this release' }, 'rollback');
}
