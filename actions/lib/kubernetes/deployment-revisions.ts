import type { Kubectl } from './kubectl.js';
import { DEPLOY_STATUS_ANNOTATION, DEPLOYMENT_REVISION_ANNOTATION } from './metadata.js';
import { checkObjectName, selectorOf } from './names.js';
import type { LiveDeployment, ObjectList, ReplicaSet } from './objects.js';

/** A Deployment's or ReplicaSet's revision number, as the Deployment controller wrote it; 0 before it did. */
export function revisionOf(object: { metadata: { annotations?: Record<string, string> } }): number {
  return Number(object.metadata.annotations?.[DEPLOYMENT_REVISION_ANNOTATION] ?? 0);
}

/** The revision a Deployment runs now, or undefined when it does not exist. */
export async function deploymentRevision(kubectl: Kubectl, name: string): Promise<number | undefined> {
  const deployment = await kubectl.find<LiveDeployment>('Deployment', name);
  return deployment ? revisionOf(deployment) : undefined;
}

/** The ReplicaSets a Deployment controls (by controller reference, not only by labels), newest revision first. */
export async function replicaSetsOf(kubectl: Kubectl, deployment: string): Promise<ReplicaSet[]> {
  const current = await kubectl.json<LiveDeployment>(['get', 'deployment', '--', deployment]);
  const matchLabels = current.spec?.selector?.matchLabels ?? {};
  const replicaSets = await kubectl.json<ObjectList<ReplicaSet>>(['get', 'replicasets', `--selector=${selectorOf(matchLabels)}`]);
  return replicaSets.items
    .filter((replicaSet) => replicaSet.metadata.ownerReferences?.some((owner) => owner.controller && owner.uid === current.metadata.uid))
    .sort((a, b) => revisionOf(b) - revisionOf(a));
}

/** The ReplicaSet of a Deployment's newest revision: the one a failed rollout left. */
export async function newestReplicaSet(kubectl: Kubectl, deployment: string): Promise<string | undefined> {
  const [newest] = await replicaSetsOf(kubectl, deployment);
  return newest ? checkObjectName('ReplicaSet', newest.metadata.name, `deployment/${deployment}'s newest ReplicaSet`) : undefined;
}

/** Whether k8s-deploy marked this revision's rollout failed. */
export function isMarkedFailed(object: { metadata: { annotations?: Record<string, string> } }): boolean {
  return object.metadata.annotations?.[DEPLOY_STATUS_ANNOTATION] === 'failed';
}
