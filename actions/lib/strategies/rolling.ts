import * as core from '@actions/core';
import { apply, dryRunDiff, preflight } from '../kubernetes/apply.js';
import { workloadLabel, workloadOf, type DeployedWorkload, type DeployOptions, type DeployResult } from './deploy-result.js';
import type { Kubectl } from '../kubernetes/kubectl.js';
import type { KubeObject } from '../kubernetes/objects.js';
import { waitedNotes, waitForRollout } from '../kubernetes/rollout-wait.js';
import { replaceStuckStatefulSetPods } from '../kubernetes/statefulset-revisions.js';
import { currentRevision, failedRevisionRecord, markRevisionFailed, workloadRef, type RevisionRecord, type Workload } from '../kubernetes/workloads.js';
import type { PodProblem } from '../kubernetes/pod-problems.js';
import { describeSmokeFailure, verifyDeployment } from '../kubernetes/smoke-run.js';
import { describeError } from '../errors.js';

/**
 * Applies the manifests and waits for every Deployment and StatefulSet in them; on a failed
 * rollout marks the revision failed and, if asked, undoes every workload this deploy changed.
 */
export async function deployRolling(
  kubectl: Kubectl,
  objects: readonly KubeObject[],
  options: DeployOptions,
  strategy = 'rolling',
  notes: string[] = [],
): Promise<DeployResult> {
  const deployments = objects.filter((object) => object.kind === 'Deployment').map((object) => object.metadata.name);
  const statefulSets = objects.filter((object) => object.kind === 'StatefulSet').map((object) => object.metadata.name);
  await preflight(kubectl, objects, options);
  const workloads: DeployedWorkload[] = [];
  for (const name of deployments) workloads.push({ name, previousRevision: await currentRevision(kubectl, name) });
  for (const name of statefulSets) workloads.push({ name, kind: 'statefulset', previousRevision: await currentRevision(kubectl, name, 'statefulset') });
  if (options.dryRun) {
    return {
      status: 'succeeded',
      strategy,
      message: 'Dry run: nothing was changed',
      workloads,
      notes,
      problems: [],
      diff: await dryRunDiff(kubectl, objects, options),
    };
  }

  await core.group('Apply', () => apply(kubectl, objects, options));
  // A StatefulSet pod that never became ready (say, from an earlier failed deploy) would hold this rollout forever.
  for (const workload of workloads.filter((w) => w.kind === 'statefulset' && w.previousRevision !== undefined)) {
    const replaced = await replaceStuckStatefulSetPods(kubectl, workload.name);
    if (replaced.length > 0)
      notes.push(
        `${workloadRef(workloadOf(workload))}: deleted pod ${replaced.join(', ')}, not ready and on an older revision, so that the StatefulSet recreates it from the new template (Kubernetes would wait for it forever).`,
      );
  }
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const fail = async (target: Workload, message: string, problems: PodProblem[], smokeChecks?: DeployResult['smokeChecks']): Promise<DeployResult> => {
    // Rollback first, bookkeeping after: a refused annotation must not keep the failed release live.
    const failedRevision = await failedRevisionRecord(kubectl, target);
    if (!options.rollbackOnFailure) {
      await markFailed(kubectl, failedRevision, notes);
      return { status: 'failed', strategy, message, workloads, notes, problems, smokeChecks };
    }
    const rolledBack = await rollBackWorkloads(kubectl, workloads, options.timeoutSeconds);
    await markFailed(kubectl, failedRevision, notes);
    return {
      status: rolledBack.ok ? 'rolled-back' : 'failed',
      strategy,
      message: `${message}. ${rolledBack.message}`,
      workloads,
      notes,
      problems,
      smokeChecks,
    };
  };
  for (const workload of workloads) {
    const remaining = Math.max(1, Math.round((deadline - Date.now()) / 1000));
    const target = workloadOf(workload);
    const outcome = await core.group(`Wait for ${workloadRef(target)}`, () => waitForRollout(kubectl, target, remaining));
    workload.revision = await currentRevision(kubectl, target.name, workload.kind);
    notes.push(...waitedNotes(target, outcome));
    if (!outcome.ok) return fail(target, outcome.message, outcome.problems);
  }
  // The new pods already serve: a failed check rolls them back like a failed rollout.
  const smokeChecks: NonNullable<DeployResult['smokeChecks']> = [];
  for (const workload of workloads.filter((w) => w.kind === undefined)) {
    const report = await verifyDeployment(kubectl, workload.name, options.verify);
    if (!report) break;
    smokeChecks.push(report);
    if (report.failure) return fail(workloadOf(workload), describeSmokeFailure(report.failure), [], smokeChecks);
  }
  return {
    status: 'succeeded',
    strategy,
    message: `Deployed ${workloads.map(workloadLabel).join(', ') || 'the manifests'}`,
    workloads,
    notes,
    problems: [],
    ...(smokeChecks.length > 0 ? { smokeChecks } : {}),
  };
}

/** Marks the failed revision after any rollback; a refusal is a note in the result, not a lost rollback. */
async function markFailed(kubectl: Kubectl, record: RevisionRecord | undefined, notes: string[]): Promise<void> {
  if (!record) return;
  try {
    await markRevisionFailed(kubectl, record);
  } catch (error: unknown) {
    notes.push(`Could not mark ${record.kind}/${record.name} failed, so the rollback action could choose it later: ${describeError(error)}`);
  }
}

/**
 * Undo every workload of this deploy whose revision changed, back to the one that was serving, and
 * wait until it is ready again. A StatefulSet also needs its pods that never became ready deleted
 * (Kubernetes' forced rollback): its controller waits for them before it rolls back.
 */
async function rollBackWorkloads(kubectl: Kubectl, workloads: DeployedWorkload[], timeoutSeconds: number): Promise<{ ok: boolean; message: string }> {
  // Workloads not waited for yet: their revision now tells whether this deploy changed them.
  for (const workload of workloads) {
    if (workload.revision === undefined && workload.previousRevision !== undefined)
      workload.revision = await currentRevision(kubectl, workload.name, workload.kind);
  }
  const changed = workloads.filter((workload) => workload.previousRevision !== undefined && workload.revision !== workload.previousRevision);
  if (changed.length === 0) {
    const firstDeploy = workloads.every((workload) => workload.previousRevision === undefined);
    return {
      ok: false,
      message: firstDeploy ? 'Nothing to roll back to: this was the first deploy' : 'Nothing to roll back: no revision changed in this deploy',
    };
  }
  const undone: DeployedWorkload[] = [];
  for (const workload of changed) {
    const undo = await kubectl.run(['rollout', 'undo', `--to-revision=${workload.previousRevision}`, '--', workloadRef(workloadOf(workload))], {
      allowFailure: true,
    });
    if (undo.exitCode !== 0) {
      const left = changed.filter((w) => !undone.includes(w)).map((w) => `${workloadRef(workloadOf(w))} still runs revision ${w.revision}`);
      const done = undone.map((w) => `${workloadRef(workloadOf(w))} was rolled back to revision ${w.previousRevision}`);
      return {
        ok: false,
        message: `Rolling back ${workloadRef(workloadOf(workload))} was refused (${undo.stderr.trim()}): ${[...done, ...left].join('; ')}`,
      };
    }
    undone.push(workload);
  }
  const replaced: string[] = [];
  for (const workload of changed.filter((w) => w.kind === 'statefulset')) replaced.push(...(await replaceStuckStatefulSetPods(kubectl, workload.name)));
  for (const workload of changed) {
    const target = workloadOf(workload);
    const outcome = await core.group(`Wait for the rollback of ${workloadRef(target)}`, () => waitForRollout(kubectl, target, timeoutSeconds));
    workload.revision = await currentRevision(kubectl, workload.name, workload.kind);
    if (!outcome.ok) return { ok: false, message: `Rolling back ${workloadRef(target)} failed too: ${outcome.message}` };
  }
  const pods = replaced.length > 0 ? ` (deleted pod ${replaced.join(', ')}, which never became ready, so that the StatefulSet could replace it)` : '';
  return { ok: true, message: `Rolled back ${changed.map((w) => `${workloadRef(workloadOf(w))} to revision ${w.previousRevision}`).join(', ')}${pods}` };
}
