import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationError } from './errors.js';
import { isUnreachable, Kubectl } from './kubectl.js';
import { checkObjectName, isObjectName } from './kubernetes-names.js';
import { redactSecrets } from './secrets.js';

/** Consecutive pod checks that could not reach the API server before the wait gives up. */
const UNREACHABLE_CHECKS = 3;

/** Set to `failed` on the ReplicaSet of a revision whose rollout failed: rollback never returns to it. */
export const DEPLOY_STATUS_ANNOTATION = 'inventory-devops.io/deploy-status';

/** Waiting reasons that will not fix themselves: the rollout fails at once instead of at the timeout. */
export const FATAL_WAITING_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

export interface Pod {
  metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
  status?: {
    phase?: string;
    conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
    containerStatuses?: Array<{
      name: string;
      restartCount?: number;
      state?: { waiting?: { reason?: string; message?: string } };
    }>;
  };
}

export interface PodProblem {
  pod: string;
  container?: string;
  reason: string;
  message?: string;
  restarts: number;
  events: string[];
  logs: string;
}

export interface RolloutOutcome {
  ok: boolean;
  /** Why it failed, in one line. */
  message: string;
  problems: PodProblem[];
}

/** Pods that cannot become ready: stuck on a fatal waiting reason, or unschedulable. */
export function findPodProblems(pods: readonly Pod[]): Array<Omit<PodProblem, 'events' | 'logs'>> {
  const problems: Array<Omit<PodProblem, 'events' | 'logs'>> = [];
  for (const pod of pods) {
    for (const container of pod.status?.containerStatuses ?? []) {
      const waiting = container.state?.waiting;
      if (waiting?.reason && FATAL_WAITING_REASONS.has(waiting.reason)) {
        problems.push({
          pod: pod.metadata.name,
          container: container.name,
          reason: waiting.reason,
          message: waiting.message,
          restarts: container.restartCount ?? 0,
        });
      }
    }
    const scheduled = pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      problems.push({ pod: pod.metadata.name, reason: 'Unschedulable', message: scheduled.message, restarts: 0 });
    }
  }
  return problems;
}

interface Deployment {
  metadata: { uid?: string };
  spec?: { selector?: { matchLabels?: Record<string, string> } };
}

export interface ReplicaSet {
  metadata: {
    name: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    ownerReferences?: Array<{ uid: string; controller?: boolean }>;
  };
  spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> }; template?: unknown };
}

export function selectorOf(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** The workload kinds whose rollout can be waited for. */
export type WorkloadKind = 'deployment' | 'statefulset';

export interface Workload {
  kind: WorkloadKind;
  name: string;
}

/** A bare name is a Deployment, as everywhere in the suite. */
function asWorkload(workload: string | Workload): Workload {
  return typeof workload === 'string' ? { kind: 'deployment', name: workload } : workload;
}

/** `deployment/<name>` or `statefulset/<name>`, as kubectl names it. */
export function workloadRef(workload: string | Workload): string {
  const { kind, name } = asWorkload(workload);
  return `${kind}/${name}`;
}

/**
 * Waits for a Deployment or StatefulSet rollout with `kubectl rollout status` (a watch), and
 * meanwhile checks the pods every `checkEverySeconds` (a Deployment's new revision; every pod of a
 * StatefulSet, found by its selector, since one stuck pod holds up its ordered rollout): a crash
 * loop, an image that cannot be pulled or an unschedulable pod ends the wait at once, with the
 * pod's events and the last lines of its log. A bare name is a Deployment.
 */
export async function waitForRollout(
  kubectl: Kubectl,
  target: string | Workload,
  timeoutSeconds: number,
  checkEverySeconds = 2,
): Promise<RolloutOutcome> {
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
          // `rollout status` retries a lost API server until its timeout; the step should not.
          if (isUnreachable(error) && ++unreachableChecks >= UNREACHABLE_CHECKS) {
            throw new ConfigurationError(
              `Lost the API server while waiting for ${ref}; the rollout may be half done and nothing was rolled back. ` +
                `Run the deploy again once the API server answers (it picks up where this one stopped), or roll back. ${(error as Error).message}`,
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

/** The ReplicaSets a Deployment controls (by controller reference, not only by labels), newest revision first. */
export async function replicaSetsOf(kubectl: Kubectl, deployment: string): Promise<ReplicaSet[]> {
  const current = await kubectl.json<Deployment>(['get', 'deployment', '--', deployment]);
  const matchLabels = current.spec?.selector?.matchLabels ?? {};
  const replicaSets = await kubectl.json<{ items: ReplicaSet[] }>(['get', 'replicasets', `--selector=${selectorOf(matchLabels)}`]);
  return replicaSets.items
    .filter((replicaSet) => replicaSet.metadata.ownerReferences?.some((owner) => owner.controller && owner.uid === current.metadata.uid))
    .sort((a, b) => revisionOf(b) - revisionOf(a));
}

async function newRevisionProblems(kubectl: Kubectl, deployment: string) {
  const [newest] = await replicaSetsOf(kubectl, deployment);
  const hash = newest?.metadata.labels?.['pod-template-hash'];
  if (!newest || !hash) return [];
  const selector = newest.spec?.selector?.matchLabels ?? { 'pod-template-hash': hash };
  const pods = await kubectl.json<{ items: Pod[] }>(['get', 'pods', `--selector=${selectorOf(selector)}`]);
  return findPodProblems(pods.items);
}

interface StatefulSet {
  metadata: { uid?: string; generation?: number };
  spec?: { selector?: { matchLabels?: Record<string, string> } };
  status?: { observedGeneration?: number; currentRevision?: string; updateRevision?: string };
}

/** What `kubectl rollout history|undo statefulset/…` reads: one per pod template, numbered. */
export interface ControllerRevision {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: Array<{ uid: string; controller?: boolean }> };
  revision: number;
  data?: { spec?: { template?: unknown } };
}

/** Pod label naming the ControllerRevision a StatefulSet pod was made from. */
export const STATEFULSET_REVISION_LABEL = 'controller-revision-hash';

/** A StatefulSet's ControllerRevisions (by controller reference, not only by labels), newest first. */
export async function controllerRevisionsOf(kubectl: Kubectl, statefulSet: string): Promise<{ statefulSet: StatefulSet; revisions: ControllerRevision[] }> {
  const current = await kubectl.json<StatefulSet>(['get', 'statefulset', '--', statefulSet]);
  const list = await kubectl.json<{ items: ControllerRevision[] }>(['get', 'controllerrevisions', `--selector=${selectorOf(current.spec?.selector?.matchLabels ?? {})}`]);
  const revisions = list.items
    .filter((revision) => revision.metadata.ownerReferences?.some((owner) => owner.controller && owner.uid === current.metadata.uid))
    .sort((a, b) => b.revision - a.revision);
  return { statefulSet: current, revisions };
}

/**
 * The revision number of a StatefulSet's template (its update revision), or undefined when it
 * does not exist or its controller has not recorded a revision yet.
 */
export async function statefulSetRevision(kubectl: Kubectl, name: string): Promise<number | undefined> {
  if (!(await kubectl.find('StatefulSet', name))) return undefined;
  const { statefulSet, revisions } = await controllerRevisionsOf(kubectl, name);
  const update = statefulSet.status?.updateRevision;
  return revisions.find((revision) => revision.metadata.name === update)?.revision ?? revisions[0]?.revision;
}

/** The live pods of a StatefulSet: its selector, then its controller reference; terminating pods left out. */
async function statefulSetPods(kubectl: Kubectl, name: string): Promise<{ statefulSet: StatefulSet; pods: Pod[] }> {
  const statefulSet = await kubectl.json<StatefulSet>(['get', 'statefulset', '--', name]);
  const list = await kubectl.json<{ items: Array<Pod & { metadata: { ownerReferences?: Array<{ uid: string; controller?: boolean }> } }> }>([
    'get',
    'pods',
    `--selector=${selectorOf(statefulSet.spec?.selector?.matchLabels ?? {})}`,
  ]);
  const pods = list.items.filter(
    (pod) => !pod.metadata.deletionTimestamp && pod.metadata.ownerReferences?.some((owner) => owner.controller && owner.uid === statefulSet.metadata.uid),
  );
  return { statefulSet, pods };
}

async function statefulSetProblems(kubectl: Kubectl, name: string) {
  return findPodProblems((await statefulSetPods(kubectl, name)).pods);
}

const isPodReady = (pod: Pod): boolean => pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;

/**
 * Kubernetes' "forced rollback" for StatefulSets: with the default OrderedReady pod management, a
 * pod that never becomes ready holds the rollout forever, even after its template is reverted or
 * fixed. Once the controller has seen the StatefulSet's current template, this deletes the pods
 * that are not ready and not on that template's revision, so the controller recreates them from it.
 * Returns the names of the pods deleted.
 */
export async function replaceStuckStatefulSetPods(kubectl: Kubectl, name: string, waitSeconds = 10): Promise<string[]> {
  const deadline = Date.now() + waitSeconds * 1000;
  let found = await statefulSetPods(kubectl, name);
  const observed = (statefulSet: StatefulSet) => (statefulSet.status?.observedGeneration ?? 0) >= (statefulSet.metadata.generation ?? 0) && !!statefulSet.status?.updateRevision;
  while (!observed(found.statefulSet) && Date.now() < deadline) {
    await sleep(250);
    found = await statefulSetPods(kubectl, name);
  }
  if (!observed(found.statefulSet)) return [];
  const update = found.statefulSet.status?.updateRevision;
  const stuck = found.pods.filter((pod) => pod.metadata.labels?.[STATEFULSET_REVISION_LABEL] !== update && !isPodReady(pod)).map((pod) => pod.metadata.name);
  if (stuck.length > 0) await kubectl.run(['delete', 'pod', '--ignore-not-found', '--wait=false', '--', ...stuck]);
  return stuck;
}

/** Marks the ControllerRevision of a StatefulSet's failed template, as k8s-deploy marks a Deployment's ReplicaSet. */
export async function markStatefulSetRevisionFailed(kubectl: Kubectl, name: string): Promise<void> {
  const { statefulSet, revisions } = await controllerRevisionsOf(kubectl, name);
  const failed = revisions.find((revision) => revision.metadata.name === statefulSet.status?.updateRevision);
  if (failed) await kubectl.run(['annotate', 'controllerrevision', '--overwrite', '--', checkObjectName('ControllerRevision', failed.metadata.name, `StatefulSet ${name}'s revision`), `${DEPLOY_STATUS_ANNOTATION}=failed`]);
}

export function revisionOf(object: { metadata: { annotations?: Record<string, string> } }): number {
  return Number(object.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
}

/** Log text kept per pod: 20 lines are enough to see why, and a summary holds at most 1 MiB. */
const MAX_LOG_CHARACTERS = 8000;

/** The pod's events and last log lines, redacted: they go into the failure message and the job summary, which may be public. */
async function diagnose(kubectl: Kubectl, problem: Omit<PodProblem, 'events' | 'logs'>): Promise<PodProblem> {
  if (!isObjectName('Pod', problem.pod) || (problem.container !== undefined && !isObjectName('Container', problem.container))) {
    return { ...problem, events: [], logs: '(not read: the pod or container name the cluster gave is not a valid Kubernetes name)' };
  }
  const events = await kubectl
    .json<{ items: Array<{ reason?: string; message?: string; count?: number }> }>(['get', 'events', `--field-selector=involvedObject.name=${problem.pod}`])
    .then((list) => list.items.slice(-10).map((event) => redactSecrets(`${event.reason ?? ''}: ${event.message ?? ''}${(event.count ?? 1) > 1 ? ` (x${event.count})` : ''}`)))
    .catch(() => []);
  const logArgs = ['logs', '--tail=20', ...(problem.container ? [`--container=${problem.container}`] : [])];
  let logs = '';
  if (problem.restarts > 0) logs = (await kubectl.run([...logArgs, '--previous', '--', problem.pod], { allowFailure: true })).stdout;
  if (logs.trim() === '') logs = (await kubectl.run([...logArgs, '--', problem.pod], { allowFailure: true })).stdout;
  return { ...problem, events, logs: redactSecrets(logs.trimEnd().slice(-MAX_LOG_CHARACTERS)) };
}
