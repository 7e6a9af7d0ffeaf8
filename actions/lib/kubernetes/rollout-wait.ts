import { setTimeout as sleep } from 'node:timers/promises';
import * as core from '@actions/core';
import { replicaSetsOf } from './deployment-revisions.js';
import { ConfigurationError, describeError } from '../errors.js';
import { isForbidden, isUnreachable, type Kubectl } from './kubectl.js';
import { POD_TEMPLATE_HASH_LABEL } from './metadata.js';
import { selectorOf } from './names.js';
import type { KubernetesEvent, ObjectList, Pod } from './objects.js';
import {
  diagnose,
  observePods,
  ProblemClock,
  replicaSetFailure,
  StatefulSetRefusals,
  unreadyPods,
  type PodObservation,
  type PodProblem,
  type PodProblemFound,
} from './pod-problems.js';
import { statefulSetPods } from './statefulset-revisions.js';
import { asWorkload, workloadRef, type Workload } from './workloads.js';

/** Consecutive pod checks that could not reach the API server before the wait gives up. */
const UNREACHABLE_CHECKS = 3;

export interface RolloutOutcome {
  ok: boolean;
  /** Why it failed, in one line. */
  message: string;
  problems: PodProblem[];
  /** What the wait saw and waited out (pods waiting to be scheduled, a pull being retried), one line each. */
  waited?: string[];
}

/**
 * Waits for a Deployment or StatefulSet rollout with `kubectl rollout status` (a watch), and
 * meanwhile checks the pods every `checkEverySeconds` (a Deployment's new revision; every pod of a
 * StatefulSet, found by its selector, since one stuck pod holds up its ordered rollout). A crash
 * loop (in an app or init container), an image that does not exist or pods the API server refuses
 * (the new ReplicaSet's `ReplicaFailure`) end the wait at once, with the events and the last lines
 * of the log; a failed pull or a missing Secret only once it has persisted; a pod waiting for
 * capacity (Unschedulable) is waited for, and named as the reason only if the time runs out.
 * A bare name is a Deployment.
 */
export async function waitForRollout(kubectl: Kubectl, target: string | Workload, timeoutSeconds: number, checkEverySeconds = 2): Promise<RolloutOutcome> {
  const workload = asWorkload(target);
  const ref = workloadRef(workload);
  const refusals = new StatefulSetRefusals(workload.name);
  const observe = (unready = false) =>
    workload.kind === 'statefulset'
      ? statefulSetObservations(kubectl, workload.name, refusals, unready)
      : newRevisionObservations(kubectl, workload.name, unready);
  const clock = ProblemClock.forTimeout(timeoutSeconds);
  let waiting: PodProblemFound[] = [];
  const reported = new Set<string>();
  const findProblems = async (unready = false): Promise<PodProblemFound[]> => {
    const judgement = clock.judge(await observe(unready), Date.now());
    waiting = judgement.waiting;
    for (const problem of waiting) {
      const line = describeProblem(problem);
      if (!reported.has(line)) core.info(`Waiting: ${line}`);
      reported.add(line);
    }
    return judgement.fatal;
  };
  const status = kubectl.start(['rollout', 'status', `--timeout=${timeoutSeconds}s`, '--', ref]);
  let finished = false;
  const statusOutcome = status.result.then((result): RolloutOutcome => {
    finished = true;
    const message = result.exitCode === 0 ? `${ref} rolled out` : result.stderr.trim() || `kubectl rollout status exited ${result.exitCode}`;
    return { ok: result.exitCode === 0, message, problems: [] };
  });
  let unreachableChecks = 0;
  const watchOutcome = (async (): Promise<RolloutOutcome | undefined> => {
    while (!finished) {
      await Promise.race([sleep(checkEverySeconds * 1000), statusOutcome]);
      if (finished) return undefined;
      const problems = await findProblems().then(
        (found) => {
          unreachableChecks = 0;
          return found;
        },
        (error: unknown) => {
          // Without the pods, a crash loop would go unseen until the timeout: a refusal is an error, not silence.
          if (isForbidden(error)) {
            throw new ConfigurationError(
              `Cannot watch the pods of ${ref}: the credentials may not list them, so a crash loop would go unseen; nothing was rolled back. ${describeError(error)}`,
            );
          }
          // `rollout status` retries a lost API server until its timeout; the step should not.
          if (isUnreachable(error) && ++unreachableChecks >= UNREACHABLE_CHECKS) {
            throw new ConfigurationError(
              `Lost the API server while waiting for ${ref}; the rollout may be half done and nothing was rolled back. ` +
                `Run the deploy again once the API server answers (it picks up where this one stopped), or roll back. ${describeError(error)}`,
            );
          }
          return [];
        },
      );
      if (problems.length > 0) {
        return {
          ok: false,
          message: `${ref}: ${describeProblem(problems[0]!)}`,
          problems: await Promise.all(problems.slice(0, 3).map((problem) => diagnose(kubectl, problem))),
          waited: [...reported],
        };
      }
    }
    return undefined;
  })();

  const outcome = await Promise.race([statusOutcome, watchOutcome.then((found) => found ?? statusOutcome)]).finally(() => status.stop());
  outcome.waited = [...reported];
  if (!outcome.ok && outcome.problems.length === 0) {
    // Timed out or past its progress deadline: say what the pods were doing (running but never ready, too), and what was waited for.
    const problems = await findProblems(true).catch(() => []);
    const found = [...problems, ...waiting];
    if (found[0]) outcome.message = `${outcome.message}: ${describeProblem(found[0])}`;
    outcome.problems = await Promise.all(found.slice(0, 3).map((problem) => diagnose(kubectl, problem)));
  }
  return outcome;
}

/** Summary notes on what a rollout waited out, e.g. pods waiting to be scheduled until a node was added or a taint removed. */
export function waitedNotes(workload: Workload, outcome: RolloutOutcome): string[] {
  return (outcome.waited ?? []).slice(0, 5).map((line) => `${workloadRef(workload)} waited: ${line.replace(/\.?$/, '.')}`);
}

/** One line: which pod (or ReplicaSet) and what it shows. */
export function describeProblem(problem: PodProblemFound): string {
  const detail = problem.message ? ` (${problem.message})` : '';
  if (problem.kind) return `${problem.kind.toLowerCase()} ${problem.pod} cannot create pods: ${problem.reason}${detail}`;
  const subject = `pod ${problem.pod}${problem.container ? ` (container ${problem.container})` : ''}`;
  if (problem.reason === 'Unschedulable') return `${subject} is waiting to be scheduled, the scheduler says: ${problem.message ?? 'Unschedulable'}`;
  return `${subject} is in ${problem.reason}${detail}`;
}

/** The pods of a Deployment's newest revision (the old ones are on their way out), and whether its ReplicaSet can create them; with `unready`, the pods running but not ready too. */
async function newRevisionObservations(kubectl: Kubectl, deployment: string, unready: boolean): Promise<PodObservation[]> {
  const [newest] = await replicaSetsOf(kubectl, deployment);
  const hash = newest?.metadata.labels?.[POD_TEMPLATE_HASH_LABEL];
  if (!newest || !hash) return [];
  const refused = replicaSetFailure(newest);
  const selector = newest.spec?.selector?.matchLabels ?? { [POD_TEMPLATE_HASH_LABEL]: hash };
  const pods = await kubectl.json<ObjectList<Pod>>(['get', 'pods', `--selector=${selectorOf(selector)}`]);
  return [...(refused ? [refused] : []), ...observePods(pods.items), ...(unready ? unreadyPods(pods.items) : [])];
}

/** Every pod of a StatefulSet, and whether its controller can create the missing ones (its FailedCreate events); with `unready`, the pods running but not ready too. */
async function statefulSetObservations(kubectl: Kubectl, name: string, refusals: StatefulSetRefusals, unready: boolean): Promise<PodObservation[]> {
  const { pods } = await statefulSetPods(kubectl, name);
  // Without the right to list events, a refusal shows only at the timeout, as before.
  const events = await kubectl
    .json<ObjectList<KubernetesEvent>>(['get', 'events', `--field-selector=involvedObject.kind=StatefulSet,involvedObject.name=${name},reason=FailedCreate`])
    .then((list) => list.items)
    .catch(() => []);
  const refused = refusals.observe(events, new Set(pods.map((pod) => pod.metadata.name)));
  return [...refused, ...observePods(pods), ...(unready ? unreadyPods(pods) : [])];
}
