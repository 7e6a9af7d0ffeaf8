import * as core from '@actions/core';
import { stringify } from 'yaml';
import {
  DEPLOY_STATUS_ANNOTATION,
  markStatefulSetRevisionFailed,
  replaceStuckStatefulSetPods,
  revisionOf,
  replicaSetsOf,
  selectorOf,
  statefulSetRevision,
  waitForRollout,
  workloadRef,
  type PodProblem,
  type Workload,
  type WorkloadKind,
} from '../../lib/rollout.js';
import { checkObjectName, type Kubectl } from '../../lib/index.js';
import type { KubeObject } from './manifests.js';
import { baselineName, canaryName, canaryReplicaCount, matchLabelsOf, planCanary, singleDeployment, TRACK_LABEL } from './strategies.js';

export type DeployStatus = 'succeeded' | 'rolled-back' | 'failed';

export interface DeployedWorkload {
  name: string;
  /** Absent means a Deployment. */
  kind?: WorkloadKind;
  previousRevision?: number;
  revision?: number;
}

/** How the outputs and the summary name a workload: a Deployment by its name (as always), a StatefulSet as `statefulset/<name>`. */
export function workloadLabel(workload: DeployedWorkload): string {
  return workload.kind === 'statefulset' ? workloadRef(targetOf(workload)) : workload.name;
}

function targetOf(workload: DeployedWorkload): Workload {
  return { kind: workload.kind ?? 'deployment', name: workload.name };
}

export interface DeployResult {
  status: DeployStatus;
  strategy: string;
  message: string;
  workloads: DeployedWorkload[];
  notes: string[];
  problems: PodProblem[];
  baselineSelector?: string;
  canarySelector?: string;
  /** kubectl diff output of a dry run. */
  diff?: string;
}

export interface DeployOptions {
  fieldManager: string;
  timeoutSeconds: number;
  rollbackOnFailure: boolean;
  dryRun: boolean;
  canaryPercentage: number;
  canaryReplicas?: number;
}

interface ClusterDeployment extends KubeObject {
  metadata: KubeObject['metadata'] & { uid?: string };
  spec?: KubeObject['spec'] & { replicas?: number };
}

function toYaml(objects: readonly KubeObject[]): string {
  return objects.map((object) => stringify(object)).join('---\n');
}

function applyArgs(options: DeployOptions, extra: string[] = []): string[] {
  return ['apply', '--server-side', '--force-conflicts', `--field-manager=${options.fieldManager}`, ...extra, '--filename', '-'];
}

/**
 * Validates everything against the API server (server-side dry run) before changing anything:
 * unknown fields, a missing namespace, missing rights and bad values all stop the deploy here.
 * Namespaces the manifests declare are applied first, since nothing in them validates before they exist.
 */
export async function preflight(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<void> {
  const namespaces = objects.filter((object) => object.kind === 'Namespace');
  const rest = objects.filter((object) => object.kind !== 'Namespace');
  await core.group('Validate with a server-side dry run', async () => {
    if (namespaces.length > 0) await kubectl.run(applyArgs(options, options.dryRun ? ['--dry-run=server'] : []), { input: toYaml(namespaces) });
    if (rest.length > 0) await kubectl.run(applyArgs(options, ['--dry-run=server']), { input: toYaml(rest) });
  });
}

export async function apply(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<void> {
  const { stdout } = await kubectl.run(applyArgs(options), { input: toYaml(objects) });
  core.info(stdout.trim());
}

export async function dryRunDiff(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<string> {
  const result = await kubectl.run(['diff', '--server-side', '--force-conflicts', `--field-manager=${options.fieldManager}`, '--filename', '-'], {
    input: toYaml(objects),
    allowFailure: true,
  });
  // kubectl diff exits 1 when there are differences, above 1 on errors.
  if (result.exitCode > 1) return `kubectl diff could not compute the changes: ${result.stderr.trim()}`;
  return result.stdout.trim() || 'No changes.';
}

/** The revision a workload runs now: a Deployment's revision annotation, a StatefulSet's ControllerRevision number. */
export async function currentRevision(kubectl: Kubectl, name: string, kind: WorkloadKind = 'deployment'): Promise<number | undefined> {
  if (kind === 'statefulset') return statefulSetRevision(kubectl, name);
  const deployment = await kubectl.find<ClusterDeployment>('Deployment', name);
  return deployment ? revisionOf(deployment) : undefined;
}

/** Marks the ReplicaSet of a failed revision, so that `rollback` never returns to it. */
async function markRevisionFailed(kubectl: Kubectl, deployment: string): Promise<void> {
  const [newest] = await replicaSetsOf(kubectl, deployment);
  if (newest) await kubectl.run(['annotate', 'replicaset', '--overwrite', '--', checkObjectName('ReplicaSet', newest.metadata.name, `deployment/${deployment}'s newest ReplicaSet`), `${DEPLOY_STATUS_ANNOTATION}=failed`]);
}

export async function deployRolling(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions, strategy = 'rolling', notes: string[] = []): Promise<DeployResult> {
  const deployments = objects.filter((object) => object.kind === 'Deployment').map((object) => object.metadata.name);
  const statefulSets = objects.filter((object) => object.kind === 'StatefulSet').map((object) => object.metadata.name);
  await preflight(kubectl, objects, options);
  const workloads: DeployedWorkload[] = [];
  for (const name of deployments) workloads.push({ name, previousRevision: await currentRevision(kubectl, name) });
  for (const name of statefulSets) workloads.push({ name, kind: 'statefulset', previousRevision: await currentRevision(kubectl, name, 'statefulset') });
  if (options.dryRun) {
    return { status: 'succeeded', strategy, message: 'Dry run: nothing was changed', workloads, notes, problems: [], diff: await dryRunDiff(kubectl, objects, options) };
  }

  await core.group('Apply', () => apply(kubectl, objects, options));
  // A StatefulSet pod that never became ready (say, from an earlier failed deploy) would hold this rollout forever.
  for (const workload of workloads.filter((w) => w.kind === 'statefulset' && w.previousRevision !== undefined)) {
    const replaced = await replaceStuckStatefulSetPods(kubectl, workload.name);
    if (replaced.length > 0) notes.push(`${workloadRef(targetOf(workload))}: deleted pod ${replaced.join(', ')}, not ready and on an older revision, so that the StatefulSet recreates it from the new template (Kubernetes would wait for it forever).`);
  }
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  for (const workload of workloads) {
    const remaining = Math.max(1, Math.round((deadline - Date.now()) / 1000));
    const target = targetOf(workload);
    const outcome = await core.group(`Wait for ${workloadRef(target)}`, () => waitForRollout(kubectl, target, remaining));
    workload.revision = await currentRevision(kubectl, target.name, workload.kind);
    if (outcome.ok) continue;

    if (workload.kind === 'statefulset') await markStatefulSetRevisionFailed(kubectl, workload.name);
    else await markRevisionFailed(kubectl, workload.name);
    if (!options.rollbackOnFailure) {
      return { status: 'failed', strategy, message: outcome.message, workloads, notes, problems: outcome.problems };
    }
    const rolledBack = await rollBackWorkloads(kubectl, workloads, options.timeoutSeconds);
    return {
      status: rolledBack.ok ? 'rolled-back' : 'failed',
      strategy,
      message: `${outcome.message}. ${rolledBack.message}`,
      workloads,
      notes,
      problems: outcome.problems,
    };
  }
  return { status: 'succeeded', strategy, message: `Deployed ${workloads.map(workloadLabel).join(', ') || 'the manifests'}`, workloads, notes, problems: [] };
}

/**
 * Undo every workload of this deploy whose revision changed, back to the one that was serving, and
 * wait until it is ready again. A StatefulSet also needs its pods that never became ready deleted
 * (Kubernetes' forced rollback): its controller waits for them before it rolls back.
 */
async function rollBackWorkloads(kubectl: Kubectl, workloads: DeployedWorkload[], timeoutSeconds: number): Promise<{ ok: boolean; message: string }> {
  // Workloads not waited for yet: their revision now tells whether this deploy changed them.
  for (const workload of workloads) {
    if (workload.revision === undefined && workload.previousRevision !== undefined) workload.revision = await currentRevision(kubectl, workload.name, workload.kind);
  }
  const changed = workloads.filter((workload) => workload.previousRevision !== undefined && workload.revision !== workload.previousRevision);
  if (changed.length === 0) {
    const firstDeploy = workloads.every((workload) => workload.previousRevision === undefined);
    return { ok: false, message: firstDeploy ? 'Nothing to roll back to: this was the first deploy' : 'Nothing to roll back: no revision changed in this deploy' };
  }
  for (const workload of changed) {
    await kubectl.run(['rollout', 'undo', `--to-revision=${workload.previousRevision}`, '--', workloadRef(targetOf(workload))]);
  }
  const replaced: string[] = [];
  for (const workload of changed.filter((w) => w.kind === 'statefulset')) replaced.push(...(await replaceStuckStatefulSetPods(kubectl, workload.name)));
  for (const workload of changed) {
    const target = targetOf(workload);
    const outcome = await core.group(`Wait for the rollback of ${workloadRef(target)}`, () => waitForRollout(kubectl, target, timeoutSeconds));
    workload.revision = await currentRevision(kubectl, workload.name, workload.kind);
    if (!outcome.ok) return { ok: false, message: `Rolling back ${workloadRef(target)} failed too: ${outcome.message}` };
  }
  const pods = replaced.length > 0 ? ` (deleted pod ${replaced.join(', ')}, which never became ready, so that the StatefulSet could replace it)` : '';
  return { ok: true, message: `Rolled back ${changed.map((w) => `${workloadRef(targetOf(w))} to revision ${w.previousRevision}`).join(', ')}${pods}` };
}

async function removeCanary(kubectl: Kubectl, deployment: string): Promise<void> {
  await kubectl.run(['delete', 'deployment', '--ignore-not-found', '--wait=true', '--', canaryName(deployment), baselineName(deployment)]);
}

export async function deployCanary(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<DeployResult> {
  const next = singleDeployment(objects, 'canary');
  const name = next.metadata.name;
  const stable = await kubectl.find<ClusterDeployment>('Deployment', name);
  if (!stable) {
    return deployRolling(kubectl, objects, options, 'rolling', [
      `deployment/${name} does not exist yet: a first deploy has no stable version to compare with, so it was deployed as rolling.`,
    ]);
  }
  const replicas = canaryReplicaCount(stable.spec?.replicas ?? 1, options.canaryPercentage, options.canaryReplicas);
  const { baseline, canary } = planCanary(stable, next, replicas);
  const selectors = {
    baselineSelector: selectorOf({ ...matchLabelsOf(stable), [TRACK_LABEL]: 'baseline' }),
    canarySelector: selectorOf({ ...matchLabelsOf(stable), [TRACK_LABEL]: 'canary' }),
  };
  const variants = [baseline, canary];
  await preflight(kubectl, variants, options);
  const workloads: DeployedWorkload[] = variants.map((variant) => ({ name: variant.metadata.name }));
  const notes = [`${replicas} canary and ${replicas} baseline replicas beside ${stable.spec?.replicas ?? 1} stable ones share the Service's traffic by replica count.`];
  if (options.dryRun) {
    return { status: 'succeeded', strategy: 'canary', message: 'Dry run: nothing was changed', workloads, notes, problems: [], diff: await dryRunDiff(kubectl, variants, options), ...selectors };
  }

  await core.group('Apply baseline and canary', () => apply(kubectl, variants, options));
  for (const workload of workloads) {
    const outcome = await core.group(`Wait for deployment/${workload.name}`, () => waitForRollout(kubectl, workload.name, options.timeoutSeconds));
    workload.revision = await currentRevision(kubectl, workload.name);
    if (outcome.ok) continue;
    if (!options.rollbackOnFailure) return { status: 'failed', strategy: 'canary', message: outcome.message, workloads, notes, problems: outcome.problems, ...selectors };
    await removeCanary(kubectl, name);
    return {
      status: 'rolled-back',
      strategy: 'canary',
      message: `${outcome.message}. Removed the canary and baseline; deployment/${name} kept serving throughout.`,
      workloads,
      notes,
      problems: outcome.problems,
    };
  }
  return { status: 'succeeded', strategy: 'canary', message: `Canary of deployment/${name} is serving beside its baseline`, workloads, notes, problems: [], ...selectors };
}

/** Rolls the stable Deployment to the canary's version, then removes canary and baseline. */
export async function promoteCanary(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<DeployResult> {
  const name = singleDeployment(objects, 'canary').metadata.name;
  const result = await deployRolling(kubectl, objects, options, 'canary');
  if (!options.dryRun) {
    await removeCanary(kubectl, name);
    result.notes.push(`Removed ${canaryName(name)} and ${baselineName(name)}.`);
  }
  result.message = result.status === 'succeeded' ? `Promoted the canary: deployment/${name} runs the new version` : result.message;
  return result;
}

export async function abortCanary(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<DeployResult> {
  const name = singleDeployment(objects, 'canary').metadata.name;
  if (!options.dryRun) await removeCanary(kubectl, name);
  return {
    status: 'succeeded',
    strategy: 'canary',
    message: `Aborted the canary: removed ${canaryName(name)} and ${baselineName(name)}; deployment/${name} is unchanged`,
    workloads: [{ name, revision: await currentRevision(kubectl, name) }],
    notes: [],
    problems: [],
  };
}
