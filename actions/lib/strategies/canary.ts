import * as core from '@actions/core';
import { apply, deleteDeployments, dryRunDiff, preflight } from '../kubernetes/apply.js';
import type { DeployedWorkload, DeployOptions, DeployResult } from './deploy-result.js';
import { labelledVariant, singleDeployment } from '../kubernetes/deployment-variants.js';
import { ConfigurationError } from '../errors.js';
import type { Kubectl } from '../kubernetes/kubectl.js';
import { TRACK_LABEL } from '../kubernetes/metadata.js';
import { selectorOf } from '../kubernetes/names.js';
import { isRecord, type KubeObject, type LiveDeployment } from '../kubernetes/objects.js';
import { deployRolling } from './rolling.js';
import { waitForRollout } from '../kubernetes/rollout-wait.js';
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
export function planCanary(stable: KubeObject, next: KubeObject, replicas: number): { baseline: KubeObject; canary: KubeObject } {
  return {
    baseline: labelledVariant(stable, baselineName(stable.metadata.name), TRACK_LABEL, 'baseline', replicas),
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

async function removeCanary(kubectl: Kubectl, deployment: string): Promise<void> {
  await deleteDeployments(kubectl, [canaryName(deployment), baselineName(deployment)]);
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
  const replicas = canaryReplicaCount(stable.spec?.replicas ?? 1, options.canaryPercentage, options.canaryReplicas);
  const { baseline, canary } = planCanary(stable, next, replicas);
  const selectors = canarySelectors(stable);
  const variants = [baseline, canary];
  await preflight(kubectl, variants, options);
  const workloads: DeployedWorkload[] = variants.map((variant) => ({ name: variant.metadata.name }));
  const notes = [
    `${replicas} canary and ${replicas} baseline replicas beside ${stable.spec?.replicas ?? 1} stable ones share the Service's traffic by replica count.`,
  ];
  if (options.dryRun) {
    return {
      status: 'succeeded',
      strategy: 'canary',
      message: 'Dry run: nothing was changed',
      workloads,
      notes,
      problems: [],
      diff: await dryRunDiff(kubectl, variants, options),
      ...selectors,
    };
  }

  await core.group('Apply baseline and canary', () => apply(kubectl, variants, options));
  for (const workload of workloads) {
    const outcome = await core.group(`Wait for deployment/${workload.name}`, () => waitForRollout(kubectl, workload.name, options.timeoutSeconds));
    workload.revision = await currentRevision(kubectl, workload.name);
    if (outcome.ok) continue;
    if (!options.rollbackOnFailure)
      return { status: 'failed', strategy: 'canary', message: outcome.message, workloads, notes, problems: outcome.problems, ...selectors };
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
  return {
    status: 'succeeded',
    strategy: 'canary',
    message: `Canary of deployment/${name} is serving beside its baseline`,
    workloads,
    notes,
    problems: [],
    ...selectors,
  };
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

/** The canary and baseline Deployments of `deployment` that exist. */
export async function existingCanaries(kubectl: Kubectl, deployment: string): Promise<string[]> {
  const found: string[] = [];
  for (const candidate of [canaryName(deployment), baselineName(deployment)]) {
    if (await kubectl.find('Deployment', candidate)) found.push(candidate);
  }
  return found;
}

/** The rollback of a canary that was never promoted: removes the canary and baseline found by `existingCanaries`. */
export async function undoCanary(kubectl: Kubectl, found: readonly string[]): Promise<void> {
  if (found.length > 0) await kubectl.run(['delete', 'deployment', '--wait=true', '--', ...found]);
}
