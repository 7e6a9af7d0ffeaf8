import { deploymentRevision, newestReplicaSet } from './deployment-revisions.js';
import type { Kubectl } from './kubectl.js';
import { DEPLOY_STATUS_ANNOTATION } from './metadata.js';
import { statefulSetRevision, updateControllerRevision } from './statefulset-revisions.js';

/** The workload kinds whose rollout the suite waits for, rolls back and numbers by revision. */
export type WorkloadKind = 'deployment' | 'statefulset';

export interface Workload {
  kind: WorkloadKind;
  name: string;
}

/** A bare name is a Deployment, as everywhere in the suite. */
export function asWorkload(workload: string | Workload): Workload {
  return typeof workload === 'string' ? { kind: 'deployment', name: workload } : workload;
}

/** `deployment/<name>` or `statefulset/<name>`, as kubectl names it. */
export function workloadRef(workload: string | Workload): string {
  const { kind, name } = asWorkload(workload);
  return `${kind}/${name}`;
}

/** The revision a workload runs now: a Deployment's revision annotation, a StatefulSet's ControllerRevision number. */
export async function currentRevision(kubectl: Kubectl, name: string, kind: WorkloadKind = 'deployment'): Promise<number | undefined> {
  return kind === 'statefulset' ? statefulSetRevision(kubectl, name) : deploymentRevision(kubectl, name);
}

/** The object that records a workload's revision: a Deployment's ReplicaSet, a StatefulSet's ControllerRevision. */
export interface RevisionRecord {
  kind: 'replicaset' | 'controllerrevision';
  name: string;
}

/** The revision a failed rollout left, read before any rollback makes another revision the newest. */
export async function failedRevisionRecord(kubectl: Kubectl, workload: Workload): Promise<RevisionRecord | undefined> {
  const name = workload.kind === 'statefulset' ? await updateControllerRevision(kubectl, workload.name) : await newestReplicaSet(kubectl, workload.name);
  return name ? { kind: workload.kind === 'statefulset' ? 'controllerrevision' : 'replicaset', name } : undefined;
}

/** Marks a failed revision, so that `rollback` never returns to it. */
export async function markRevisionFailed(kubectl: Kubectl, record: RevisionRecord): Promise<void> {
  await kubectl.run(['annotate', record.kind, '--overwrite', '--', record.name, `${DEPLOY_STATUS_ANNOTATION}=failed`]);
}
