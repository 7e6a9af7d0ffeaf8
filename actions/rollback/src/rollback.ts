import * as core from '@actions/core';
import { colourName, readColours, readServingColour, undoBlueGreen } from '../../lib/strategies/blue-green.js';
import { existingCanaries, undoCanary } from '../../lib/strategies/canary.js';
import { checkAccess, ROLLBACK_FIND, ROLLBACK_READ_SERVICES, rollbackNeeds } from '../../lib/kubernetes/access.js';
import type { RollbackDone } from '../../lib/strategies/deploy-result.js';
import { isMarkedFailed, replicaSetsOf, revisionOf } from '../../lib/kubernetes/deployment-revisions.js';
import { ConfigurationError, type Kubectl } from '../../lib/index.js';
import { ROLLBACK_REASON_ANNOTATION } from '../../lib/kubernetes/metadata.js';
import { templateImages, type LiveDeployment, type ReplicaSet } from '../../lib/kubernetes/objects.js';
import { waitForRollout, type RolloutOutcome } from '../../lib/kubernetes/rollout-wait.js';
import { checkHealth, type HealthCheck } from './health.js';
import { chooseRollbackTarget, type Revision } from './plan.js';

export interface RollbackRequest {
  deployment: string;
  toRevision?: number;
  reason?: string;
  healthUrl?: string;
  timeoutSeconds: number;
  /** When the step started (epoch milliseconds): the health check ends with the timeout counted from here. */
  started: number;
}

export interface RollbackOutcome {
  done: RollbackDone;
  rollout: RolloutOutcome;
  health?: HealthCheck;
  ok: boolean;
}

/** Rolls back, waits until what serves now is ready, records why, and checks the health URL (also when it did not become ready: its answer may say why). */
export async function rollBack(kubectl: Kubectl, request: RollbackRequest): Promise<RollbackOutcome> {
  const done = await undoLastRelease(kubectl, request);
  const rollout = await core.group(`Wait for deployment/${done.serving}`, () => waitForRollout(kubectl, done.serving, request.timeoutSeconds));
  if (request.reason) {
    await kubectl.run(['annotate', 'deployment', '--overwrite', '--', done.serving, `${ROLLBACK_REASON_ANNOTATION}=${request.reason}`]);
  }
  // After a rollout that did not become ready, one try (the deadline has passed) says what the service itself reports.
  const health = request.healthUrl ? await checkHealth(request.healthUrl, request.started + request.timeoutSeconds * 1000) : undefined;
  return { done, rollout, health, ok: rollout.ok && (health === undefined || health.ok) };
}

/**
 * Strategy-aware, from what k8s-deploy left in the cluster: blue-green colours, a canary, or
 * revisions. Only reads until the rights that path needs are checked, so a refusal changes nothing;
 * each read's own right is checked before it.
 */
async function undoLastRelease(kubectl: Kubectl, request: RollbackRequest): Promise<RollbackDone> {
  const { deployment: name, toRevision, timeoutSeconds } = request;
  const check = (kind: 'blue-green' | 'canary' | 'revision') => checkAccess(kubectl, rollbackNeeds(kind, Boolean(request.reason)), 'the rollback');
  // Each read is checked before it is made, so that a missing right is refused by name, not by kubectl's 403.
  await checkAccess(kubectl, ROLLBACK_FIND, 'the rollback');
  const colours = await readColours(kubectl, name);
  if (Object.values(colours).some((colour) => colour.services.length > 0)) await checkAccess(kubectl, ROLLBACK_READ_SERVICES, 'the rollback');
  const blueGreen = await readServingColour(kubectl, name, colours);
  if (blueGreen.serving) {
    if (toRevision !== undefined)
      throw new ConfigurationError(
        `Input "to-revision" has value "${toRevision}": deployment/${name} is deployed blue-green, which rolls back by switching colours, not to a revision`,
      );
    await check('blue-green');
    return undoBlueGreen(kubectl, name, blueGreen, timeoutSeconds);
  }
  const deployment = await kubectl.find<LiveDeployment>('Deployment', name);
  if (!deployment)
    throw new ConfigurationError(
      `Input "deployment" has value "${name}": no such Deployment (nor a blue-green ${colourName(name, 'blue')}/${colourName(name, 'green')}) in namespace ${kubectl.namespace}`,
    );
  const current = revisionOf(deployment);

  const canaries = await existingCanaries(kubectl, name);
  if (canaries.length > 0) {
    await check('canary');
    const { remainingPods } = await undoCanary(kubectl, canaries, timeoutSeconds);
    const removed = `Removed ${canaries.join(' and ')}; deployment/${name} (revision ${current}) was serving throughout`;
    const lines = [
      remainingPods.length === 0
        ? `${removed} and serves alone now (their pods are gone).`
        : `${removed}, but pods ${remainingPods.join(', ')} were still terminating after ${timeoutSeconds} s, so it may not serve alone yet.`,
    ];
    return { serving: name, fromRevision: current, toRevision: current, lines };
  }
  await check('revision');
  const revisions = (await replicaSetsOf(kubectl, name)).map(describeRevision);
  const { target, skipped } = chooseRollbackTarget(revisions, current, toRevision);
  await kubectl.run(['rollout', 'undo', `--to-revision=${target.number}`, '--', `deployment/${name}`]);
  const lines = [
    `Was running revision ${current} (${imagesOf(revisions, current)}); now runs the template of revision ${target.number} (${target.images.join(', ') || 'no image'}).`,
    ...skipped.map((revision) => `Skipped revision ${revision.number}: k8s-deploy marked it failed.`),
  ];
  return { serving: name, fromRevision: current, toRevision: target.number, lines };
}

function describeRevision(replicaSet: ReplicaSet): Revision {
  return { number: revisionOf(replicaSet), failed: isMarkedFailed(replicaSet), images: templateImages(replicaSet.spec?.template) };
}

function imagesOf(revisions: Revision[], number: number): string {
  return revisions.find((revision) => revision.number === number)?.images.join(', ') || 'unknown images';
}
