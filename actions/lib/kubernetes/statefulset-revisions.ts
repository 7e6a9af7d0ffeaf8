import { setTimeout as sleep } from 'node:timers/promises';
import type { Kubectl } from './kubectl.js';
import { STATEFULSET_REVISION_LABEL } from './metadata.js';
import { checkObjectName, selectorOf } from './names.js';
import type { ControllerRevision, ObjectList, Pod, StatefulSet } from './objects.js';
import { isPodReady } from './pod-problems.js';

/** A StatefulSet's ControllerRevisions (by controller reference, not only by labels), newest first. */
export async function controllerRevisionsOf(kubectl: Kubectl, statefulSet: string): Promise<{ statefulSet: StatefulSet; revisions: ControllerRevision[] }> {
  const current = await kubectl.json<StatefulSet>(['get', 'statefulset', '--', statefulSet]);
  const list = await kubectl.json<ObjectList<ControllerRevision>>([
    'get',
    'controllerrevisions',
    `--selector=${selectorOf(current.spec?.selector?.matchLabels ?? {})}`,
  ]);
  const revisions = list.items
    .filter((revision) => revision.metadata.ownerReferences?.some((owner) => owner.controller && owner.uid === current.metadata.uid))
    .sort((a, b) => b.revision - a.revision);
  return { statefulSet: current, revisions };
}

/**
 * The revision number of a StatefulSet's template (its update revision), or undefined when it
 * does not exist or its controller has not recorded a revision yet.
 */
export async function statefulSetRevision(kubectl: Kubectl, name: string): Promise<number | undefined> {
  if (!(await kubectl.find('StatefulSet', name))) return undefined;
  const { statefulSet, revisions } = await controllerRevisionsOf(kubectl, name);
  const update = statefulSet.status?.updateRevision;
  return revisions.find((revision) => revision.metadata.name === update)?.revision ?? revisions[0]?.revision;
}

/** The live pods of a StatefulSet: its selector, then its controller reference; terminating pods left out. */
export async function statefulSetPods(kubectl: Kubectl, name: string): Promise<{ statefulSet: StatefulSet; pods: Pod[] }> {
  const statefulSet = await kubectl.json<StatefulSet>(['get', 'statefulset', '--', name]);
  const list = await kubectl.json<ObjectList<Pod>>(['get', 'pods', `--selector=${selectorOf(statefulSet.spec?.selector?.matchLabels ?? {})}`]);
  const pods = list.items.filter(
    (pod) => !pod.metadata.deletionTimestamp && pod.metadata.ownerReferences?.some((owner) => owner.controller && owner.uid === statefulSet.metadata.uid),
  );
  return { statefulSet, pods };
}

/**
 * Kubernetes' "forced rollback" for StatefulSets: with the default OrderedReady pod management, a
 * pod that never becomes ready holds the rollout forever, even after its template is reverted or
 * fixed. Once the controller has seen the StatefulSet's current template, this deletes the pods
 * that are not ready and not on that template's revision, so the controller recreates them from it.
 * Returns the names of the pods deleted.
 */
export async function replaceStuckStatefulSetPods(kubectl: Kubectl, name: string, waitSeconds = 10): Promise<string[]> {
  const deadline = Date.now() + waitSeconds * 1000;
  let found = await statefulSetPods(kubectl, name);
  const observed = (statefulSet: StatefulSet) =>
    (statefulSet.status?.observedGeneration ?? 0) >= (statefulSet.metadata.generation ?? 0) && !!statefulSet.status?.updateRevision;
  while (!observed(found.statefulSet) && Date.now() < deadline) {
    await sleep(250);
    found = await statefulSetPods(kubectl, name);
  }
  if (!observed(found.statefulSet)) return [];
  const update = found.statefulSet.status?.updateRevision;
  const stuck = found.pods.filter((pod) => pod.metadata.labels?.[STATEFULSET_REVISION_LABEL] !== update && !isPodReady(pod)).map((pod) => pod.metadata.name);
  if (stuck.length > 0) await kubectl.run(['delete', 'pod', '--ignore-not-found', '--wait=false', '--', ...stuck]);
  return stuck;
}

/** The ControllerRevision of a StatefulSet's update revision: the template a failed rollout left. */
export async function updateControllerRevision(kubectl: Kubectl, name: string): Promise<string | undefined> {
  const { statefulSet, revisions } = await controllerRevisionsOf(kubectl, name);
  const failed = revisions.find((revision) => revision.metadata.name === statefulSet.status?.updateRevision);
  return failed ? checkObjectName('ControllerRevision', failed.metadata.name, `StatefulSet ${name}'s revision`) : undefined;
}
