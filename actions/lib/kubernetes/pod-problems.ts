import type { Kubectl } from './kubectl.js';
import type { ContainerStatus, KubernetesEvent, ObjectList, Pod, ReplicaSet } from './objects.js';
import { isObjectName } from './names.js';
import { redactSecrets } from '../secrets.js';

/**
 * How a waiting pod is judged:
 * - `fatal`: will not fix itself (a crash loop, a bad image name): the rollout fails at once;
 * - `transient`: often fixes itself (a registry timeout, a Secret not created yet): the rollout
 *   fails only when it persists;
 * - `waiting`: routine (not scheduled yet: an autoscaler may add a node, old pods may leave, a taint may be lifted): the
 *   rollout waits for it and names it only if the timeout comes first.
 */
export type Severity = 'fatal' | 'transient' | 'waiting';

/** Waiting reasons that end a rollout at once: the container ran and failed, or the image name cannot be parsed. */
const FATAL_REASONS = new Set(['CrashLoopBackOff', 'InvalidImageName', 'Error']);

/**
 * Pull errors that no retry fixes: the registry answered that the image is not there or not for
 * this client (containerd's and the registry API's wording), as opposed to a timeout or a refused
 * connection.
 */
const PERMANENT_PULL_ERROR = /\bnot found\b|manifest unknown|pull access denied|repository does not exist|unauthorized|invalid reference format/i;

/**
 * The kubelet refuses to start a container whose image runs as root (or as a user name it cannot
 * check) when the pod says runAsNonRoot (pkg/kubelet/kuberuntime/security_context_others.go): only
 * a new image or spec changes that.
 */
const RUN_AS_ROOT_REFUSED = /container has runAsNonRoot and image/i;

/**
 * The container's command cannot run, whatever retried: runc's `exec: "app": executable file not
 * found in $PATH` (or `permission denied`, `stat …: no such file or directory`), a binary for another
 * architecture, containerd's "no command specified" for an image without one, or a volume mounted
 * over a file of the other type.
 */
const COMMAND_CANNOT_RUN = /executable file not found|\bexec: "[^"]*": |exec format error|no command specified|mount a directory onto a file/i;

/**
 * Reasons the kubelet retries, which often clear by themselves, each with the messages that mean
 * they will not (pkg/kubelet/kuberuntime/kuberuntime_container.go `startContainer`):
 * - ErrImagePull, ImagePullBackOff: any failed pull, a registry timeout included (pkg/kubelet/images);
 * - CreateContainerConfigError: the container's config cannot be made yet, e.g. a Secret, ConfigMap
 *   or ConfigMap key it names is not there (pkg/kubelet/kubelet_pods.go `makeEnvironmentVariables`:
 *   "couldn't find key … in ConfigMap …"); it clears when they are created;
 * - CreateContainerError: the runtime refused CreateContainer, e.g. containerd's "failed to reserve
 *   container name" while an earlier create that timed out still holds the name, or a deadline on a
 *   loaded node;
 * - RunContainerError: the runtime refused StartContainer; if it happens again the kubelet backs off
 *   and the container shows CrashLoopBackOff, which is fatal.
 */
const TRANSIENT_REASONS = new Map<string, RegExp>([
  ['ErrImagePull', PERMANENT_PULL_ERROR],
  ['ImagePullBackOff', PERMANENT_PULL_ERROR],
  ['CreateContainerConfigError', RUN_AS_ROOT_REFUSED],
  ['CreateContainerError', COMMAND_CANNOT_RUN],
  ['RunContainerError', COMMAND_CANNOT_RUN],
]);

/** The severity of a container waiting (or an init container that failed) for `reason`; undefined for normal start-up states. */
export function severityOf(reason: string, message: string | undefined): Severity | undefined {
  if (FATAL_REASONS.has(reason)) return 'fatal';
  const permanent = TRANSIENT_REASONS.get(reason);
  if (permanent === undefined) return undefined;
  return message !== undefined && permanent.test(message) ? 'fatal' : 'transient';
}

export interface PodProblem {
  /** The pod, or for a `kind` the ReplicaSet or StatefulSet that could not create its pods. */
  pod: string;
  kind?: 'ReplicaSet' | 'StatefulSet';
  container?: string;
  reason: string;
  message?: string;
  restarts: number;
  events: string[];
  logs: string;
}

/** A problem as the pod's status shows it, before its events and logs are read. */
export type PodProblemFound = Omit<PodProblem, 'events' | 'logs'>;

export interface PodObservation extends PodProblemFound {
  severity: Severity;
}

/**
 * What is wrong with each pod, app and init containers alike (`Init:` prefixed, as kubectl's STATUS
 * column shows them), and pods the scheduler could not place. Healthy and starting pods give nothing.
 */
export function observePods(pods: readonly Pod[]): PodObservation[] {
  const observations: PodObservation[] = [];
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const observe = (status: ContainerStatus, prefix: string): void => {
      const waiting = status.state?.waiting;
      const terminated = status.state?.terminated;
      // An init container that failed under restartPolicy Never ends the pod: it never restarts.
      const failedInit = prefix && pod.status?.phase === 'Failed' && terminated && terminated.exitCode !== 0;
      const reason = waiting?.reason ?? (failedInit ? 'Error' : undefined);
      const message = waiting?.message ?? (failedInit ? (terminated.message ?? `exit code ${terminated.exitCode}`) : undefined);
      const severity = reason ? severityOf(reason, message) : undefined;
      if (!reason || !severity) return;
      observations.push({
        pod: pod.metadata.name,
        container: status.name,
        reason: `${prefix}${reason}`,
        ...(message !== undefined ? { message } : {}),
        restarts: status.restartCount ?? 0,
        severity,
      });
    };
    for (const status of pod.status?.initContainerStatuses ?? []) observe(status, 'Init:');
    for (const status of pod.status?.containerStatuses ?? []) observe(status, '');
    const scheduled = pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      observations.push({
        pod: pod.metadata.name,
        reason: 'Unschedulable',
        ...(scheduled.message !== undefined ? { message: scheduled.message } : {}),
        restarts: 0,
        severity: 'waiting',
      });
    }
  }
  return observations;
}

/**
 * Pods that run but are not ready, with their Ready condition's reason and message as the kubelet
 * writes them (`ContainersNotReady`, "containers with unready status: [inventory]"): what a rollout
 * that timed out was waiting for when no container failed, e.g. a readiness check that never passes.
 */
export function unreadyPods(pods: readonly Pod[]): PodObservation[] {
  return pods
    .filter((pod) => !pod.metadata.deletionTimestamp && pod.status?.phase === 'Running')
    .flatMap((pod) => {
      const ready = pod.status?.conditions?.find((condition) => condition.type === 'Ready');
      if (ready?.status !== 'False') return [];
      const container = pod.status?.containerStatuses?.find((status) => status.ready === false);
      return [
        {
          pod: pod.metadata.name,
          ...(container ? { container: container.name } : {}),
          reason: ready.reason ?? 'NotReady',
          ...(ready.message !== undefined ? { message: ready.message } : {}),
          restarts: container?.restartCount ?? 0,
          severity: 'waiting' as const,
        },
      ];
    });
}

/**
 * A ReplicaSet whose pods the API server refuses (Pod Security, a ResourceQuota, a LimitRange, a
 * webhook) has a `ReplicaFailure` condition with the refusal, as the ReplicaSet controller writes it
 * (pkg/controller/replicaset/replica_set_utils.go): no pod will ever appear, so this is fatal.
 */
export function replicaSetFailure(replicaSet: ReplicaSet): PodObservation | undefined {
  const failure = replicaSet.status?.conditions?.find((condition) => condition.type === 'ReplicaFailure' && condition.status === 'True');
  if (!failure) return undefined;
  return {
    pod: replicaSet.metadata.name,
    kind: 'ReplicaSet',
    reason: failure.reason ?? 'ReplicaFailure',
    ...(failure.message !== undefined ? { message: failure.message } : {}),
    restarts: 0,
    severity: 'fatal',
  };
}

/** The StatefulSet controller's event for a pod the API server refused (stateful_pod_control.go recordPodEvent). */
const STATEFUL_POD_REFUSED = /^create Pod (\S+) in StatefulSet \S+ failed error: (.*)$/s;

/**
 * A StatefulSet whose pods the API server refuses has no condition saying so: its controller
 * records a Warning `FailedCreate` event per refusal ("create Pod web-0 in StatefulSet web failed
 * error: pods "web-0" is forbidden: …") and retries with back-off, so the event's count grows. Events
 * outlive their cause by an hour, so one counts only if it is new or repeated since the first look
 * (the baseline) and the pod it names is still missing: then no pod will appear, which is fatal.
 */
export class StatefulSetRefusals {
  private baseline: Map<string, number> | undefined;

  constructor(private readonly statefulSet: string) {}

  observe(events: readonly KubernetesEvent[], ownedPods: ReadonlySet<string>): PodObservation[] {
    const failed = events.filter((event) => event.type === 'Warning' && event.reason === 'FailedCreate' && event.metadata?.name);
    const counts = new Map(failed.map((event) => [event.metadata!.name, event.count ?? 1]));
    if (!this.baseline) {
      this.baseline = counts;
      return [];
    }
    const observations: PodObservation[] = [];
    for (const event of failed) {
      const seen = this.baseline.get(event.metadata!.name);
      const refused = STATEFUL_POD_REFUSED.exec(event.message ?? '');
      if ((seen !== undefined && (event.count ?? 1) <= seen) || !refused || ownedPods.has(refused[1]!)) continue;
      observations.push({ pod: this.statefulSet, kind: 'StatefulSet', reason: 'FailedCreate', message: refused[2]!, restarts: 0, severity: 'fatal' });
    }
    return observations.slice(-1);
  }
}

export interface PodJudgement {
  /** Problems that end the wait now. */
  fatal: PodProblemFound[];
  /** Problems waited for: routine ones and transient ones that have not persisted long enough. */
  waiting: PodProblemFound[];
}

/**
 * Remembers since when each transient problem has been seen (per pod and container; a pull error
 * and its back-off count as one), so that it becomes fatal only once it has lasted `persistMs`.
 * A problem that is gone from one check to the next starts over.
 */
export class ProblemClock {
  private readonly since = new Map<string, { firstSeenMs: number; reasons: Set<string> }>();

  constructor(private readonly persistMs: number) {}

  /**
   * The clock of a wait of `timeoutSeconds`: a transient problem may last 30 s, long enough for a
   * kubelet's image back-off (10 s, then 20 s) to retry twice and for a failed container create to be
   * retried two or three times (the pod worker retries a failed sync after 10 s, pkg/kubelet/pod_workers.go),
   * and at most half the timeout, so that the failure still comes with the reason.
   */
  static forTimeout(timeoutSeconds: number): ProblemClock {
    return new ProblemClock(Math.min(30, timeoutSeconds / 2) * 1000);
  }

  judge(observations: readonly PodObservation[], nowMs: number): PodJudgement {
    const judgement: PodJudgement = { fatal: [], waiting: [] };
    const current = new Set<string>();
    for (const { severity, ...problem } of observations) {
      if (severity === 'fatal') judgement.fatal.push(problem);
      if (severity === 'waiting') judgement.waiting.push(problem);
      if (severity !== 'transient') continue;
      const key = `${problem.pod}/${problem.container ?? ''}/${problemFamily(problem.reason)}`;
      current.add(key);
      const seen = this.since.get(key) ?? { firstSeenMs: nowMs, reasons: new Set<string>() };
      seen.reasons.add(problem.reason);
      this.since.set(key, seen);
      const lastedMs = nowMs - seen.firstSeenMs;
      if (lastedMs < this.persistMs) {
        judgement.waiting.push(problem);
        continue;
      }
      const history = seen.reasons.size > 1 ? `; seen: ${[...seen.reasons].join(', ')}` : '';
      judgement.fatal.push({
        ...problem,
        message: `${problem.message ? `${problem.message}; ` : ''}still so after ${Math.round(lastedMs / 1000)} s${history}`,
      });
    }
    for (const key of this.since.keys()) if (!current.has(key)) this.since.delete(key);
    return judgement;
  }
}

function problemFamily(reason: string): string {
  return reason.replace(/ImagePullBackOff$|ErrImagePull$/, 'ImagePull');
}

export const isPodReady = (pod: Pod): boolean =>
  pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;

/** Log text kept per pod: 20 lines are enough to see why, and a summary holds at most 1 MiB. */
const MAX_LOG_CHARACTERS = 8000;

/** The pod's (or ReplicaSet's) events and the pod's last log lines, redacted: they go into the failure message and the job summary, which may be public. */
export async function diagnose(kubectl: Kubectl, problem: PodProblemFound): Promise<PodProblem> {
  const kind = problem.kind ?? 'Pod';
  if (!isObjectName(kind, problem.pod) || (problem.container !== undefined && !isObjectName('Container', problem.container))) {
    return { ...problem, events: [], logs: `(not read: the ${kind.toLowerCase()} or container name the cluster gave is not a valid Kubernetes name)` };
  }
  const events = await kubectl
    .json<ObjectList<KubernetesEvent>>(['get', 'events', `--field-selector=involvedObject.name=${problem.pod},involvedObject.kind=${kind}`])
    .then((list) =>
      list.items.slice(-10).map((event) => redactSecrets(`${event.reason ?? ''}: ${event.message ?? ''}${(event.count ?? 1) > 1 ? ` (x${event.count})` : ''}`)),
    )
    .catch(() => []);
  if (kind !== 'Pod') return { ...problem, events, logs: '' };
  const logArgs = ['logs', '--tail=20', ...(problem.container ? [`--container=${problem.container}`] : [])];
  let logs = '';
  if (problem.restarts > 0) logs = (await kubectl.run([...logArgs, '--previous', '--', problem.pod], { allowFailure: true })).stdout;
  if (logs.trim() === '') logs = (await kubectl.run([...logArgs, '--', problem.pod], { allowFailure: true })).stdout;
  return { ...problem, events, logs: redactSecrets(logs.trimEnd().slice(-MAX_LOG_CHARACTERS)) };
}
