import type { ApplyOptions } from '../kubernetes/apply.js';
import type { HookRun } from '../kubernetes/hooks.js';
import type { PodProblem } from '../kubernetes/pod-problems.js';
import type { CanaryHeader } from './traffic-router.js';
import { workloadRef, type Workload, type WorkloadKind } from '../kubernetes/workloads.js';

export type DeployStatus = 'succeeded' | 'rolled-back' | 'failed';

export interface DeployOptions extends ApplyOptions {
  timeoutSeconds: number;
  rollbackOnFailure: boolean;
  canaryPercentage: number;
  canaryReplicas?: number;
  /** Most pods a replicas-routed canary adds beside the stable ones (canary and baseline together). */
  maxSurgeReplicas?: number;
  /** Requests carrying this header go to a gateway-api canary only, whatever the weights. */
  canaryHeader?: CanaryHeader;
}

export interface DeployedWorkload {
  name: string;
  /** Absent means a Deployment. */
  kind?: WorkloadKind;
  previousRevision?: number;
  revision?: number;
}

/** What a strategy's deploy, promote or abort did: k8s-deploy's outputs and summary read it. */
export interface DeployResult {
  status: DeployStatus;
  strategy: string;
  message: string;
  workloads: DeployedWorkload[];
  notes: string[];
  problems: PodProblem[];
  baselineSelector?: string;
  canarySelector?: string;
  /** The canary's share of the traffic, in percent: of the pods (replicas) or the route's weight (gateway-api). */
  achievedPercentage?: number;
  /** kubectl diff output of a dry run. */
  diff?: string;
  /** The hook Jobs this deploy ran, in order. */
  hooks?: HookRun[];
}

export function workloadOf(workload: DeployedWorkload): Workload {
  return { kind: workload.kind ?? 'deployment', name: workload.name };
}

/** How the outputs and the summary name a workload: a Deployment by its name (as always), a StatefulSet as `statefulset/<name>`. */
export function workloadLabel(workload: DeployedWorkload): string {
  return workload.kind === 'statefulset' ? workloadRef(workloadOf(workload)) : workload.name;
}

/** What the rollback action did, whichever strategy it undid. */
export interface RollbackDone {
  /** The Deployment serving after the rollback: waited for, annotated with the reason. */
  serving: string;
  fromRevision: number;
  toRevision: number;
  /** What was running and what runs now, for the summary. */
  lines: string[];
}
