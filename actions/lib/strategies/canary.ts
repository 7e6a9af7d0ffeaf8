import * as core from '@actions/core';
import { apply, dryRunDiff, preflight } from '../kubernetes/apply.js';
import { deleteDeploymentsAndPods } from '../kubernetes/deletion.js';
import type { DeployedWorkload, DeployOptions, DeployResult } from './deploy-result.js';
import { labelledVariant, singleDeployment } from '../kubernetes/deployment-variants.js';
import { ConfigurationError } from '../errors.js';
import type { Kubectl } from '../kubernetes/kubectl.js';
import { TRACK_LABEL } from '../kubernetes/metadata.js';
import { selectorOf } from '../kubernetes/names.js';
import { isRecord, type KubeObject, type LiveDeployment } from '../kubernetes/objects.js';
import { deployRolling } from './rolling.js';
import { planReplicaSplit, splitWarning, type ReplicaSplit } from './traffic-router.js';
import { waitedNotes, waitForRollout } from '../kubernetes/rollout-wait.js';
import { describeSmokeFailure, verifyGatedDeployment, withVerificationGate } from '../kubernetes/smoke-run.js';
import { currentRevision } from '../kubernetes/workloads.js';

/**
 * Canary without a mesh: `<name>-canary` runs the new pod template and `<name>-baseline` the
 * one serving now, with the same replica count, both matched by the stable Service's
 * selector, so traffic splits by replica count. `track` tells their pods apart. `promote`
 * rolls the stable Deployment to the new version; `abort` and the rollback action remove both.
 */

export function canaryName(deployment: string): string {
  return `${deployment}-canary`;
}

export function baselineName(deployment: string): string {
  return `${deployment}-baseline`;
}

export function canaryReplicaCount(stableReplicas: number, percentage: number, explicit: number | undefined): number {
  return explicit ?? Math.max(1, Math.round((stableReplicas * percentage) / 100));
}

/** The baseline (the stable template) and the canary (the new one), each with `replicas` pods. */
export function planCanary(stable: KubeObject, next: KubeObject, replicas: number, baselineReplicas = replicas): { baseline: KubeObject; canary: KubeObject } {
  return {
    baseline: labelledVariant(stable, baselineName(stable.metadata.name), TRACK_LABEL, 'baseline', baselineReplicas),
    canary: labelledVariant(next, canaryName(stable.metadata.name), TRACK_LABEL, 'canary', replicas),
  };
}

export function matchLabelsOf(deployment: KubeObject): Record<string, string> {
  const selector = deployment.spec?.selector;
  const matchLabels = isRecord(selector) ? selector.matchLabels : undefined;
  if (!isRecord(matchLabels)) throw new ConfigurationError(`Deployment/${deployment.metadata.name} has no spec.selector.matchLabels`);
  return matchLabels as Record<string, string>;
}

/** The label selectors of the baseline's and the canary's pods, for canary-analyze. */
export function canarySelectors(stable: KubeObject): { baselineSelector: string; canarySelector: string } {
  return {
    baselineSelector: selectorOf({ ...matchLabelsOf(stable), [TRACK_LABEL]: 'baseline' }),
    canarySelector: selectorOf({ ...matchLabelsOf(stable), [TRACK_LABEL]: 'canary' }),
  };
}

/** Removes canary and baseline and waits for their pods to be gone; says so when some were still terminating at the timeout. */
async function removeCanary(kubectl: Kubectl, deployment: string, timeoutSeconds: number): Promise<string> {
  const { remainingPods } = await deleteDeploymentsAndPods(kubectl, [canaryName(deployment), baselineName(deployment)], timeoutSeconds);
  return remainingPods.length > 0 ? ` Pods ${remainingPods.join(', ')} were still terminating after ${timeoutSeconds} s.` : '';
}

/** Default surge: as many pods again as the stable Deployment runs (at least the one canary and one baseline). */
function maxSurgeOf(stableReplicas: number, options: DeployOptions): number {
  return options.maxSurgeReplicas ?? Math.max(2, stableReplicas);
}

/** canary-replicas, when given, sets canary and baseline; else the split closest to canary-percentage. */
function replicaSplit(stableReplicas: number, options: DeployOptions): ReplicaSplit {
  if (options.canaryReplicas === undefined) return planReplicaSplit(options.canaryPercentage, stableReplicas, maxSurgeOf(stableReplicas, options));
  const replicas = options.canaryReplicas;
  return {
    canary: replicas,
    baseline: replicas,
    stable: stableReplicas,
    achievedPercentage: Math.round((1000 * replicas) / (2 * replicas + stableReplicas)) / 10,
  };
}

export async function deployCanary(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<DeployResult> {
  const next = singleDeployment(objects, 'canary');
  const name = next.metadata.name;
  const stable = await kubectl.find<LiveDeployment>('Deployment', name);
  if (!stable) {
    return deployRolling(kubectl, objects, options, 'rolling', [
      `deployment/${name} does not exist yet: a first deploy has no stable version to compare with, so it was deployed as rolling.`,
    ]);
  }
  const split = replicaSplit(stable.spec?.replicas ?? 1, options);
  const planned = planCanary(stable, next, split.canary, split.baseline);
  const gated = (options.verify?.length ?? 0) > 0;
  // The canary's pods join the stable Service as soon as they are Ready: the gate keeps them out until they pass the checks.
  const baseline = planned.baseline;
  const canary = gated ? withVerificationGate(planned.canary) : planned.canary;
  const selectors = canarySelectors(stable);
  const variants = [baseline, canary];
  await preflight(kubectl, variants, options);
  const workloads: DeployedWorkload[] = variants.map((variant) => ({ name: variant.metadata.name }));
  const notes = [
    `${split.canary} canary and ${split.baseline} baseline replicas beside ${split.stable} stable ones share the Service's traffic by replica count: the canary gets ${split.achievedPercentage}% (${options.canaryPercentage}% asked).`,
  ];
  const warning = options.canaryReplicas === undefined ? splitWarning(options.canaryPercentage, split, maxSurgeOf(split.stable, options)) : undefined;
  if (warning) {
    core.warning(warning);
    notes.push(warning);
  }
  if (options.dryRun) {
    return {
      status: 'succeeded',
      strategy: 'canary',
      message: 'Dry run: nothing was changed',
      workloads,
      notes,
      problems: [],
      diff: await dryRunDiff(kubectl, variants, options),
      achievedPercentage: split.achievedPercentage,
      ...selectors,
    };
  }

  await core.group('Apply baseline and canary', () => apply(kubectl, variants, options));
  const smokeChecks: NonNullable<DeployResult['smokeChecks']> = [];
  const failed = async (message: string, problems: DeployResult['problems']): Promise<DeployResult> => {
    const checked = smokeChecks.length > 0 ? { smokeChecks } : {};
    if (!options.rollbackOnFailure) return { status: 'failed', strategy: 'canary', message, workloads, notes, problems, ...selectors, ...checked };
    const lingering = await removeCanary(kubectl, name, options.timeoutSeconds);
    return {
      status: 'rolled-back',
      strategy: 'canary',
      message: `${message}. Removed the canary and baseline; deployment/${name} kept serving throughout.${lingering}`,
      workloads,
      notes,
      problems,
      ...checked,
    };
  };
  for (const workload of workloads) {
    let timeoutSeconds = options.timeoutSeconds;
    if (gated && workload.name === canary.metadata.name) {
      const verified = await verifyGatedDeployment(kubectl, workload.name, options.verify!, split.canary, options.timeoutSeconds);
      if (verified) smokeChecks.push(verified);
      // Never got ready containers within the timeout: a short wait gathers what the pods are doing for the failure.
      else timeoutSeconds = 1;
      if (verified?.failure) {
        workload.revision = await currentRevision(kubectl, workload.name);
        return failed(`${describeSmokeFailure(verified.failure)} The canary's pods never became Ready, so they took no traffic`, []);
      }
    }
    const outcome = await core.group(`Wait for deployment/${workload.name}`, () => waitForRollout(kubectl, workload.name, timeoutSeconds));
    workload.revision = await currentRevision(kubectl, workload.name);
    notes.push(...waitedNotes({ kind: 'deployment', name: workload.name }, outcome));
    if (!outcome.ok) return failed(outcome.message, outcome.problems);
  }
  return {
    status: 'succeeded',
    strategy: 'canary',
    message: `Canary of deployment/${name} is serving beside its baseline`,
    workloads,
    notes,
    problems: [],
    achievedPercentage: split.achievedPercentage,
    ...selectors,
    ...(smokeChecks.length > 0 ? { smokeChecks } : {}),
  };
}

/** Rolls the stable Deployment to the canary's version, then removes canary and baseline. */
export async function promoteCanary(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<DeployResult> {
  const name = singleDeployment(objects, 'canary').metadata.name;
  const result = await deployRolling(kubectl, objects, options, 'canary');
  if (!options.dryRun) {
    const lingering = await removeCanary(kubectl, name, options.timeoutSeconds);
    result.notes.push(`Removed ${canaryName(name)} and ${baselineName(name)}.${lingering}`);
  }
  result.message = result.status === 'succeeded' ? `Promoted the canary: deployment/${name} runs the new version` : result.message;
  return result;
}

/** `beforeRemoval` runs right before the canary is deleted (its pods still serve their share until then). */
export async function abortCanary(
  kubectl: Kubectl,
  objects: readonly KubeObject[],
  options: DeployOptions,
  beforeRemoval?: () => Promise<void>,
): Promise<DeployResult> {
  const name = singleDeployment(objects, 'canary').metadata.name;
  if (!options.dryRun) await beforeRemoval?.();
  const lingering = options.dryRun ? '' : await removeCanary(kubectl, name, options.timeoutSeconds);
  return {
    status: 'succeeded',
    strategy: 'canary',
    message: `Aborted the canary: removed ${canaryName(name)} and ${baselineName(name)}; deployment/${name} is unchanged.${lingering}`,
    workloads: [{ name, revision: await currentRevision(kubectl, name) }],
    notes: [],
    problems: [],
  };
}

/** The canary and baseline Deployments of `deployment` that exist. */
export async function existingCanaries(kubectl: Kubectl, deployment: string): Promise<string[]> {
  const found: string[] = [];
  for (const candidate of [canaryName(deployment), baselineName(deployment)]) {
    if (await kubectl.find('Deployment', candidate)) found.push(candidate);
  }
  return found;
}

/**
 * The rollback of a canary that was never promoted: removes the canary and baseline found by
 * `existingCanaries` and waits for their pods to be gone; returns the pods still terminating at the timeout.
 */
export async function undoCanary(kubectl: Kubectl, found: readonly string[], timeoutSeconds: number): Promise<{ remainingPods: string[] }> {
  if (found.length === 0) return { remainingPods: [] };
  return deleteDeploymentsAndPods(kubectl, found, timeoutSeconds);
}
