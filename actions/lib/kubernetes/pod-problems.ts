import type { Kubectl } from './kubectl.js';
import type { KubernetesEvent, ObjectList, Pod } from './objects.js';
import { isObjectName } from './names.js';
import { redactSecrets } from '../secrets.js';

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

export interface PodProblem {
  pod: string;
  container?: string;
  reason: string;
  message?: string;
  restarts: number;
  events: string[];
  logs: string;
}

/** A problem as the pod's status shows it, before its events and logs are read. */
export type PodProblemFound = Omit<PodProblem, 'events' | 'logs'>;

/** Pods that cannot become ready: stuck on a fatal waiting reason, or unschedulable. */
export function findPodProblems(pods: readonly Pod[]): PodProblemFound[] {
  const problems: PodProblemFound[] = [];
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

export const isPodReady = (pod: Pod): boolean =>
  pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;

/** Log text kept per pod: 20 lines are enough to see why, and a summary holds at most 1 MiB. */
const MAX_LOG_CHARACTERS = 8000;

/** The pod's events and last log lines, redacted: they go into the failure message and the job summary, which may be public. */
export async function diagnose(kubectl: Kubectl, problem: PodProblemFound): Promise<PodProblem> {
  if (!isObjectName('Pod', problem.pod) || (problem.container !== undefined && !isObjectName('Container', problem.container))) {
    return { ...problem, events: [], logs: '(not read: the pod or container name the cluster gave is not a valid Kubernetes name)' };
  }
  const events = await kubectl
    .json<ObjectList<KubernetesEvent>>(['get', 'events', `--field-selector=involvedObject.name=${problem.pod}`])
    .then((list) =>
      list.items.slice(-10).map((event) => redactSecrets(`${event.reason ?? ''}: ${event.message ?? ''}${(event.count ?? 1) > 1 ? ` (x${event.count})` : ''}`)),
    )
    .catch(() => []);
  const logArgs = ['logs', '--tail=20', ...(problem.container ? [`--container=${problem.container}`] : [])];
  let logs = '';
  if (problem.restarts > 0) logs = (await kubectl.run([...logArgs, '--previous', '--', problem.pod], { allowFailure: true })).stdout;
  if (logs.trim() === '') logs = (await kubectl.run([...logArgs, '--', problem.pod], { allowFailure: true })).stdout;
  return { ...problem, events, logs: redactSecrets(logs.trimEnd().slice(-MAX_LOG_CHARACTERS)) };
}
