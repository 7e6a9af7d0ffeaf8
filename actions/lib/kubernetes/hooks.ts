import * as core from '@actions/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { abbreviate, ConfigurationError, describeError } from '../errors.js';
import { apply, type ApplyOptions } from './apply.js';
import type { Kubectl } from './kubectl.js';
import { HOOK_ANNOTATION, HOOK_NAME_LABEL, HOOK_WEIGHT_ANNOTATION, JOB_NAME_LABEL } from './metadata.js';
import { checkObjectName, expectedName, selectorOf } from './names.js';
import { isRecord, type KubeObject, type ObjectList, type Pod } from './objects.js';
import { diagnose, observePods, ProblemClock, type PodProblem } from './pod-problems.js';

/**
 * Hook Jobs: Jobs in the manifests annotated `inventory-devops.io/hook: pre-deploy|post-deploy`
 * run to completion before the workloads change, or after their rollout succeeded, in ascending
 * `inventory-devops.io/hook-weight` and then name order — the convention of Helm's `helm.sh/hook`
 * and `helm.sh/hook-weight` and of Argo CD's sync hooks. Each run is a new Job, `<name>-<run suffix>`,
 * so that a re-run never meets the immutable template of the Job it ran as last time; the finished
 * Jobs of earlier runs of the same hook are deleted first. An object a hook Job needs (say, the
 * PersistentVolumeClaim it writes to) may carry the same annotations: it is applied in its turn,
 * under its own name, as Argo CD treats hooks that are not Jobs. Workloads are never hooks.
 */

export const HOOK_PHASES = ['pre-deploy', 'post-deploy'] as const;
export type HookPhase = (typeof HOOK_PHASES)[number];

export interface Hook {
  /** The Job's name in the manifests. */
  name: string;
  phase: HookPhase;
  weight: number;
  /** The Job, or an object a hook Job needs (a PersistentVolumeClaim, a ConfigMap), as in the manifests. */
  object: KubeObject;
}

export interface HookPlan {
  pre: Hook[];
  post: Hook[];
  /** Everything else, applied by the strategy. */
  objects: KubeObject[];
}

/** Kinds that run pods for good: the deploy itself changes them, a hook never does. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Pod', 'CronJob']);

const isJob = (object: KubeObject): boolean => object.kind === 'Job';

/** Room left in a Job name (63 characters, it becomes a label value) for `-` and the run suffix. */
const RUN_SUFFIX_LENGTH = 8;
export const MAX_HOOK_NAME_LENGTH = 63 - 1 - RUN_SUFFIX_LENGTH;
/** Helm reads weights with strconv.Atoi; the suite keeps them to nine digits so that every weight is an exact number. */
const WEIGHT = /^[+-]?\d{1,9}$/;

/** Splits the hook Jobs from the manifests and orders them; a hook annotation that is not understood stops the deploy here, before anything changes. */
export function planHooks(objects: readonly KubeObject[]): HookPlan {
  const hooks: Hook[] = [];
  const rest: KubeObject[] = [];
  for (const object of objects) {
    const annotations = isRecord(object.metadata.annotations) ? object.metadata.annotations : {};
    const phase = annotations[HOOK_ANNOTATION];
    const weight = annotations[HOOK_WEIGHT_ANNOTATION];
    const where = `${object.kind}/${object.metadata.name}`;
    if (phase === undefined) {
      if (weight !== undefined)
        throw new ConfigurationError(`${where} has annotation ${HOOK_WEIGHT_ANNOTATION} but no ${HOOK_ANNOTATION}: a weight orders hooks only`);
      rest.push(object);
      continue;
    }
    if (WORKLOAD_KINDS.has(object.kind) || (object.kind === 'Job' && object.apiVersion !== 'batch/v1')) {
      throw new ConfigurationError(
        `${where} has annotation ${HOOK_ANNOTATION}: a hook is a batch/v1 Job (run to completion) or an object it needs, such as a ConfigMap or a PersistentVolumeClaim (applied before it); never a workload`,
      );
    }
    if (!(HOOK_PHASES as readonly unknown[]).includes(phase)) {
      throw new ConfigurationError(`${where} has annotation ${HOOK_ANNOTATION} "${abbreviate(String(phase))}": expected ${HOOK_PHASES.join(' or ')}`);
    }
    if (weight !== undefined && !(typeof weight === 'string' && WEIGHT.test(weight.trim()))) {
      throw new ConfigurationError(
        `${where} has annotation ${HOOK_WEIGHT_ANNOTATION} "${abbreviate(String(weight))}": expected an integer such as -5, 0 or 10 (at most nine digits)`,
      );
    }
    const name = isJob(object) ? checkObjectName('Job', object.metadata.name, `The hook ${where}`) : object.metadata.name;
    if (name.length > MAX_HOOK_NAME_LENGTH && isJob(object)) {
      throw new ConfigurationError(
        `The hook ${where} has a name of ${name.length} characters: expected at most ${MAX_HOOK_NAME_LENGTH}, so that "-<run suffix>" still makes ${expectedName('Job')}`,
      );
    }
    hooks.push({ name, phase: phase as HookPhase, weight: weight === undefined ? 0 : Number.parseInt(weight.trim(), 10), object });
  }
  const ordered = hooks.sort((a, b) => a.weight - b.weight || a.name.localeCompare(b.name));
  return { pre: ordered.filter((hook) => hook.phase === 'pre-deploy'), post: ordered.filter((hook) => hook.phase === 'post-deploy'), objects: rest };
}

/** A suffix that differs from one run to the next: base-36 milliseconds, eight characters until the year 2059. */
export function hookRunSuffix(now = Date.now()): string {
  return now.toString(36).padStart(RUN_SUFFIX_LENGTH, '0').slice(-RUN_SUFFIX_LENGTH);
}

/** The Job a hook runs as in this run: renamed, and labelled with the hook's name. */
export function hookRunJob(hook: Hook, suffix: string): KubeObject {
  const job = structuredClone(hook.object);
  job.metadata.name = `${hook.name}-${suffix}`;
  job.metadata.labels = { ...(job.metadata.labels ?? {}), [HOOK_NAME_LABEL]: hook.name };
  return job;
}

export interface HookRun {
  hook: string;
  phase: HookPhase;
  weight: number;
  /** The Job it ran as (`Kind/name` for a hook that is not a Job). */
  job: string;
  status: 'succeeded' | 'failed' | 'dry-run';
  message: string;
  seconds: number;
}

export interface HookOutcome {
  ok: boolean;
  runs: HookRun[];
  /** Why the failed hook failed, in one line. */
  message: string;
  problems: PodProblem[];
}

export interface HookRunOptions extends ApplyOptions {
  timeoutSeconds: number;
  /** How often the Job and its pods are read while it runs. */
  checkEverySeconds?: number;
}

interface LiveJob extends KubeObject {
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[]; failed?: number; succeeded?: number };
}

/**
 * Runs the hooks of a phase one after another, each to completion; stops at the first that fails,
 * times out or cannot start, with the pod logs of its Job. A dry run only validates the Jobs
 * with a server-side dry run.
 */
export async function runHooks(kubectl: Kubectl, hooks: readonly Hook[], options: HookRunOptions, suffix = hookRunSuffix()): Promise<HookOutcome> {
  const runs: HookRun[] = [];
  for (const hook of hooks) {
    if (!isJob(hook.object)) {
      // What a hook Job needs (Argo CD's convention for hooks that are not Jobs): applied under its own name, nothing to wait for.
      const object = `${hook.object.kind}/${hook.name}`;
      await core.group(`Apply the ${hook.phase} hook ${object}`, () =>
        options.dryRun ? dryRunApply(kubectl, hook.object, options) : apply(kubectl, [hook.object], options),
      );
      runs.push({
        hook: hook.name,
        phase: hook.phase,
        weight: hook.weight,
        job: object,
        status: options.dryRun ? 'dry-run' : 'succeeded',
        message: 'applied',
        seconds: 0,
      });
      continue;
    }
    const job = hookRunJob(hook, suffix);
    const started = Date.now();
    const run: HookRun = { hook: hook.name, phase: hook.phase, weight: hook.weight, job: job.metadata.name, status: 'succeeded', message: '', seconds: 0 };
    runs.push(run);
    if (options.dryRun) {
      await dryRunApply(kubectl, job, options);
      Object.assign(run, { status: 'dry-run', message: 'Dry run: would run this Job to completion' });
      continue;
    }
    const outcome = await core.group(`Run the ${hook.phase} hook job/${job.metadata.name}`, async () => {
      await deleteFinishedRuns(kubectl, hook.name);
      await apply(kubectl, [job], options);
      return waitForJob(kubectl, job.metadata.name, options.timeoutSeconds, options.checkEverySeconds ?? 1);
    });
    run.seconds = (Date.now() - started) / 1000;
    run.message = outcome.message;
    if (!outcome.ok) {
      run.status = 'failed';
      const message = `The ${hook.phase} hook job/${job.metadata.name} failed: ${outcome.message}`;
      return { ok: false, runs, message, problems: outcome.problems };
    }
  }
  return { ok: true, runs, message: '', problems: [] };
}

async function dryRunApply(kubectl: Kubectl, object: KubeObject, options: ApplyOptions): Promise<void> {
  await kubectl.run(['apply', '--server-side', '--force-conflicts', `--field-manager=${options.fieldManager}`, '--dry-run=server', '--filename', '-'], {
    input: JSON.stringify(object),
  });
}

/** Earlier runs of a hook, once finished, are only history: removed so that hook Jobs do not pile up. A run still going is left alone. */
async function deleteFinishedRuns(kubectl: Kubectl, hook: string): Promise<void> {
  const earlier = await kubectl.json<ObjectList<LiveJob>>(['get', 'jobs', `--selector=${selectorOf({ [HOOK_NAME_LABEL]: hook })}`]);
  const finished = earlier.items.filter((job) => finishedCondition(job)).map((job) => checkObjectName('Job', job.metadata.name, 'The cluster'));
  if (finished.length > 0) await kubectl.run(['delete', 'job', '--ignore-not-found', '--wait=true', '--', ...finished]);
}

function finishedCondition(job: LiveJob): { type: string; reason?: string; message?: string } | undefined {
  return job.status?.conditions?.find((condition) => (condition.type === 'Complete' || condition.type === 'Failed') && condition.status === 'True');
}

/**
 * Reads the Job until it has a `Complete` or `Failed` condition. A pod that cannot start (image,
 * configuration) ends the wait at once; so does the timeout, after which the Job is deleted so that
 * it does not go on changing things after the deploy stopped.
 */
async function waitForJob(
  kubectl: Kubectl,
  name: string,
  timeoutSeconds: number,
  checkEverySeconds: number,
): Promise<{ ok: boolean; message: string; problems: PodProblem[] }> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const clock = ProblemClock.forTimeout(timeoutSeconds);
  for (;;) {
    const job = await kubectl.find<LiveJob>('Job', name);
    if (!job) return { ok: false, message: `job/${name} disappeared before it finished`, problems: [] };
    const finished = finishedCondition(job);
    if (finished?.type === 'Complete') return { ok: true, message: `completed in ${job.status?.succeeded ?? 1} pod(s)`, problems: [] };
    const pods = await jobPods(kubectl, name);
    if (finished)
      return {
        ok: false,
        message: `${finished.reason ?? 'Failed'}: ${finished.message ?? 'the Job failed'}`,
        problems: await podDiagnoses(kubectl, pods, finished.reason ?? 'Failed'),
      };
    // A crash or a failed pod is the Job's to count against its backoffLimit; what stops a pod from ever running is ours.
    const observations = observePods(pods).filter((observation) => !/(^|:)(CrashLoopBackOff|Error)$/.test(observation.reason));
    const stuck = clock.judge(observations, Date.now()).fatal;
    if (stuck.length > 0 || Date.now() >= deadline) {
      const problems = stuck.length > 0 ? await Promise.all(stuck.map((problem) => diagnose(kubectl, problem))) : await podDiagnoses(kubectl, pods, 'Timeout');
      await kubectl.run(['delete', 'job', '--ignore-not-found', '--wait=true', '--', name]);
      const why = stuck.length > 0 ? `pod ${stuck[0]?.pod} cannot start (${stuck[0]?.reason})` : `it did not finish within ${timeoutSeconds} s`;
      return { ok: false, message: `${why}; the Job was deleted`, problems };
    }
    await sleep(checkEverySeconds * 1000);
  }
}

async function jobPods(kubectl: Kubectl, job: string): Promise<Pod[]> {
  try {
    return (await kubectl.json<ObjectList<Pod>>(['get', 'pods', `--selector=${selectorOf({ [JOB_NAME_LABEL]: job })}`])).items;
  } catch (error) {
    core.warning(`Could not list the pods of job/${job}: ${describeError(error)}`);
    return [];
  }
}

interface Termination {
  exitCode?: number;
  reason?: string;
}

/** The fields of a Job's pod read here beyond the suite's Pod type: when it was made and how its container ended. */
function lastTermination(pod: Pod): Termination | undefined {
  const status = pod.status?.containerStatuses?.[0] as { state?: { terminated?: Termination }; lastState?: { terminated?: Termination } } | undefined;
  return status?.state?.terminated ?? status?.lastState?.terminated;
}

const createdAt = (pod: Pod): string => String((pod.metadata as { creationTimestamp?: unknown }).creationTimestamp ?? '');

/** The last log lines and events of a Job's most recent pods (at most three: a backoffLimit of 6 makes seven pods with the same story). */
async function podDiagnoses(kubectl: Kubectl, pods: readonly Pod[], reason: string): Promise<PodProblem[]> {
  const newest = [...pods].sort((a, b) => createdAt(a).localeCompare(createdAt(b))).slice(-3);
  return Promise.all(
    newest.map((pod) => {
      const container = pod.status?.containerStatuses?.[0];
      const terminated = lastTermination(pod);
      return diagnose(kubectl, {
        pod: pod.metadata.name,
        ...(container?.name ? { container: container.name } : {}),
        reason,
        ...(terminated ? { message: `exit code ${terminated.exitCode ?? '?'} (${terminated.reason ?? 'terminated'})` } : {}),
        restarts: container?.restartCount ?? 0,
      });
    }),
  );
}
