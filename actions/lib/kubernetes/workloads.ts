import { deploymentRevision, markDeploymentRevisionFailed } from './deployment-revisions.js';
import type { Kubectl } from './kubectl.js';
import { markStatefulSetRevisionFailed, statefulSetRevision } from './statefulset-revisions.js';

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

/** Marks the revision a failed rollout left, so that `rollback` never returns to it. */
export async function markRevisionFailed(kubectl: Kubectl, workload: Workload): Promise<void> {
  if (workload.kind === 'statefulset') await markStatefulSetRevisionFailed(kubectl, workload.name);
  else await markDeploymentRevisionFailed(kubectl, workload.name);
}
