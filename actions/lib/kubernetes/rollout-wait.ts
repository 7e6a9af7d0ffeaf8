import { setTimeout as sleep } from 'node:timers/promises';
import { replicaSetsOf } from './deployment-revisions.js';
import { ConfigurationError, describeError } from '../errors.js';
import { isForbidden, isUnreachable, type Kubectl } from './kubectl.js';
import { POD_TEMPLATE_HASH_LABEL } from './metadata.js';
import { selectorOf } from './names.js';
import type { ObjectList, Pod } from './objects.js';
import { diagnose, findPodProblems, type PodProblem, type PodProblemFound } from './pod-problems.js';
import { statefulSetPods } from './statefulset-revisions.js';
import { asWorkload, workloadRef, type Workload } from './workloads.js';

/** Consecutive pod checks that could not reach the API server before the wait gives up. */
const UNREACHABLE_CHECKS = 3;

export interface RolloutOutcome {
  ok: boolean;
  /** Why it failed, in one line. */
  message: string;
  problems: PodProblem[];
}

/**
 * Waits for a Deployment or StatefulSet rollout with `kubectl rollout status` (a watch), and
 * meanwhile checks the pods every `checkEverySeconds` (a Deployment's new revision; every pod of a
 * StatefulSet, found by its selector, since one stuck pod holds up its ordered rollout): a crash
 * loop, an image that cannot be pulled or an unschedulable pod ends the wait at once, with the
 * pod's events and the last lines of its log. A bare name is a Deployment.
 */
export async function waitForRollout(kubectl: Kubectl, target: string | Workload, timeoutSeconds: number, checkEverySeconds = 2): Promise<RolloutOutcome> {
  const workload = asWorkload(target);
  const ref = workloadRef(workload);
  const findProblems = () => (workload.kind === 'statefulset' ? statefulSetProblems(kubectl, workload.name) : newRevisionProblems(kubectl, workload.name));
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
        const first = problems[0]!;
        return {
          ok: false,
          message: `${ref}: pod ${first.pod} is in ${first.reason}${first.message ? ` (${first.message})` : ''}`,
          problems: await Promise.all(problems.slice(0, 3).map((problem) => diagnose(kubectl, problem))),
        };
      }
    }
    return undefined;
  })();

  const outcome = await Promise.race([statusOutcome, watchOutcome.then((found) => found ?? statusOutcome)]).finally(() => status.stop());
  if (!outcome.ok && outcome.problems.length === 0) {
    // Timed out or past its progress deadline: say what the pods were doing.
    const problems = await findProblems().catch(() => []);
    outcome.problems = await Promise.all(problems.slice(0, 3).map((problem) => diagnose(kubectl, problem)));
  }
  return outcome;
}

/** The pods of a Deployment's newest revision: the old ones are on their way out. */
async function newRevisionProblems(kubectl: Kubectl, deployment: string): Promise<PodProblemFound[]> {
  const [newest] = await replicaSetsOf(kubectl, deployment);
  const hash = newest?.metadata.labels?.[POD_TEMPLATE_HASH_LABEL];
  if (!newest || !hash) return [];
  const selector = newest.spec?.selector?.matchLabels ?? { [POD_TEMPLATE_HASH_LABEL]: hash };
  const pods = await kubectl.json<ObjectList<Pod>>(['get', 'pods', `--selector=${selectorOf(selector)}`]);
  return findPodProblems(pods.items);
}

async function statefulSetProblems(kubectl: Kubectl, name: string): Promise<PodProblemFound[]> {
  return findPodProblems((await statefulSetPods(kubectl, name)).pods);
}
