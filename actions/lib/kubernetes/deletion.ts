import { setTimeout as sleep } from 'node:timers/promises';
import type { Kubectl } from './kubectl.js';
import { selectorOf } from './names.js';
import type { LiveDeployment, ObjectList, Pod, ReplicaSet } from './objects.js';

/** What is left of a deletion: pods of the deleted Deployments still there (terminating) when the wait ended. */
export interface Deletion {
  remainingPods: string[];
}

/**
 * Deletes Deployments and waits until their pods are gone as well. `kubectl delete --wait` waits
 * only for the named object: the garbage collector deletes its ReplicaSets and their pods afterwards
 * (background cascading deletion), and a terminating pod may still answer requests. The pods are
 * told apart by their owner (a ReplicaSet the Deployment owned), not by labels, which other pods may share.
 */
export async function deleteDeploymentsAndPods(kubectl: Kubectl, names: readonly string[], timeoutSeconds: number, pollSeconds = 1): Promise<Deletion> {
  const owners = new Set<string>();
  const selectors: string[] = [];
  for (const name of names) {
    const deployment = await kubectl.find<LiveDeployment>('Deployment', name);
    const matchLabels = deployment?.spec?.selector?.matchLabels;
    if (!deployment?.metadata.uid || !matchLabels) continue;
    const selector = selectorOf(matchLabels);
    selectors.push(selector);
    const replicaSets = await kubectl.json<ObjectList<ReplicaSet>>(['get', 'replicasets', `--selector=${selector}`]);
    for (const replicaSet of replicaSets.items) {
      if (replicaSet.metadata.uid && replicaSet.metadata.ownerReferences?.some((owner) => owner.uid === deployment.metadata.uid))
        owners.add(replicaSet.metadata.uid);
    }
  }
  await kubectl.run(['delete', 'deployment', '--ignore-not-found', '--wait=true', '--', ...names]);
  const remaining = async (): Promise<string[]> => {
    const found: string[] = [];
    for (const selector of selectors) {
      const pods = await kubectl.json<ObjectList<Pod>>(['get', 'pods', `--selector=${selector}`]);
      found.push(...podsOwnedBy(pods.items, owners));
    }
    return found;
  };
  const deadline = Date.now() + timeoutSeconds * 1000;
  let left = await remaining();
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(pollSeconds * 1000);
    left = await remaining();
  }
  return { remainingPods: left };
}

/** Names of the pods whose owner is one of `ownerUids`. */
export function podsOwnedBy(pods: readonly Pod[], ownerUids: ReadonlySet<string>): string[] {
  return pods.filter((pod) => pod.metadata.ownerReferences?.some((owner) => ownerUids.has(owner.uid))).map((pod) => pod.metadata.name);
}
