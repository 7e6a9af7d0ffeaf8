import { isDeepStrictEqual } from 'node:util';
import { ApiError } from '../errors.js';
import type { EventRecorder } from '../events.js';
import type { BackOff } from '../kubelet/restarts.js';
import { TYPES } from '../resources.js';
import { now, type KubeObject, type Store, type StoreEvent } from '../store.js';
import { controllerOf, isPodReady } from './replicaset.js';
import { keyOf, splitKey, WorkQueue } from './work-queue.js';

/** Labels the API server puts on a Job's selector and pod template (pkg/registry/batch/job/strategy.go, generateSelector). */
export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
} as const;

const COMPONENT = 'job-controller';

/** A 422 as the API server words it, with the cause kubectl prints (`The Job "x" is invalid: <field>: <detail>`). */
function invalidJob(name: string, field: string, reason: 'FieldValueNotSupported' | 'FieldValueInvalid', detail: string): ApiError {
  const message = `${field}: ${detail}`;
  return new ApiError(422, 'Invalid', `Job.batch "${name}" is invalid: ${message}`, {
    name,
    group: 'batch',
    kind: 'Job',
    causes: [{ reason, message, field }],
  });
}

interface JobCondition {
  type: string;
  status: string;
  lastProbeTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

const BACKOFF_LIMIT_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
const COMPLETIONS_REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };

/**
 * Defaulting and validation of a Job write, as batch/v1 does it (pkg/apis/batch/v1/defaults.go,
 * pkg/registry/batch/job/strategy.go, pkg/apis/batch/validation/validation.go): completions and
 * parallelism 1, backoffLimit 6, a selector on the controller uid, the job labels on the template;
 * restartPolicy Never or OnFailure; the template and selector immutable.
 */
export function admitJob(object: KubeObject, previous: KubeObject | undefined, defaultPodSpec: (spec: KubeObject['spec']) => void): void {
  const spec = (object.spec ??= {});
  const name = object.metadata.name;
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= 'TerminatingOrFailed';
  spec.template ??= {};
  spec.template.spec ??= {};
  defaultPodSpec(spec.template.spec);
  if (previous) {
    // The server keeps the generated selector and template labels; an apply that omits them does not remove them.
    spec.manualSelector ??= previous.spec?.manualSelector;
    spec.selector ??= previous.spec?.selector;
    spec.template.metadata = { ...(spec.template.metadata ?? {}) };
    spec.template.metadata.labels = { ...(previous.spec?.template?.metadata?.labels ?? {}), ...(spec.template.metadata.labels ?? {}) };
  } else if (spec.manualSelector !== true) {
    const uid = object.metadata.uid ?? '';
    spec.selector = { matchLabels: { [JOB_LABELS.controllerUid]: uid } };
    spec.template.metadata = { ...(spec.template.metadata ?? {}) };
    spec.template.metadata.labels = {
      ...(spec.template.metadata.labels ?? {}),
      [JOB_LABELS.controllerUid]: uid,
      [JOB_LABELS.jobName]: name,
      [JOB_LABELS.legacyControllerUid]: uid,
      [JOB_LABELS.legacyJobName]: name,
    };
  }
  const restartPolicy = spec.template.spec.restartPolicy;
  if (restartPolicy !== 'Never' && restartPolicy !== 'OnFailure') {
    throw invalidJob(
      name,
      'spec.template.spec.restartPolicy',
      'FieldValueNotSupported',
      `Unsupported value: "${restartPolicy}": supported values: "OnFailure", "Never"`,
    );
  }
  if (spec.completionMode !== 'NonIndexed') {
    throw invalidJob(
      name,
      'spec.completionMode',
      'FieldValueNotSupported',
      `Unsupported value: "${spec.completionMode}": the emulator animates only "NonIndexed" Jobs`,
    );
  }
  for (const field of ['backoffLimit', 'parallelism', 'completions', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished'] as const) {
    const value = spec[field];
    if (value !== undefined && value !== null && (!Number.isInteger(value) || value < (field === 'activeDeadlineSeconds' ? 1 : 0))) {
      throw invalidJob(
        name,
        `spec.${field}`,
        'FieldValueInvalid',
        `Invalid value: ${JSON.stringify(value)}: must be greater than or equal to ${field === 'activeDeadlineSeconds' ? 1 : 0}`,
      );
    }
  }
  if (!previous) return;
  for (const field of ['template', 'selector', 'completionMode'] as const) {
    if (!isDeepStrictEqual(previous.spec?.[field], spec[field])) {
      throw invalidJob(name, `spec.${field}`, 'FieldValueInvalid', `Invalid value: ${JSON.stringify(spec[field])}: field is immutable`);
    }
  }
  if (previous.spec?.completions !== spec.completions) {
    throw invalidJob(name, 'spec.completions', 'FieldValueInvalid', `Invalid value: ${JSON.stringify(spec.completions)}: field is immutable`);
  }
}

const isTerminal = (pod: KubeObject): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const conditionOf = (job: KubeObject, type: string): JobCondition | undefined =>
  ((job.status?.conditions ?? []) as JobCondition[]).find((condition) => condition.type === type && condition.status === 'True');
const restartsOf = (pod: KubeObject): number =>
  [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].reduce(
    (sum: number, status: { restartCount?: number }) => sum + (status.restartCount ?? 0),
    0,
  );

function finishedAt(pod: KubeObject): number {
  const times = (pod.status?.containerStatuses ?? [])
    .map((status: { state?: { terminated?: { finishedAt?: string } } }) => Date.parse(status.state?.terminated?.finishedAt ?? ''))
    .filter((time: number) => Number.isFinite(time));
  return times.length > 0 ? Math.max(...times) : Date.now();
}

/** Whether a Job has finished: a `Complete` or `Failed` condition with status True. */
export function isJobFinished(job: KubeObject): boolean {
  return !!conditionOf(job, 'Complete') || !!conditionOf(job, 'Failed');
}

/** What the controller remembers of a Job between syncs: the terminated pods it has counted (the real one tracks them with a finalizer). */
interface JobMemory {
  succeeded: Set<string>;
  failed: Set<string>;
  lastFailureAt: number;
}

/**
 * Job → Pods, after pkg/controller/job/job_controller.go of Kubernetes 1.31+ (the emulator reports
 * 1.32): pods `<job>-xxxxx` owned by the Job and labelled with its selector; a failed pod is
 * replaced after an exponential back-off until more than `backoffLimit` have failed (restartPolicy
 * Never) or the containers of the running pods restarted `backoffLimit` times (OnFailure); past
 * `activeDeadlineSeconds` the active pods are deleted. The interim conditions come first
 * (`SuccessCriteriaMet`, `FailureTarget`), the terminal ones (`Complete`, `Failed`) once no pod is
 * terminating, with `completionTime` on success. `ttlSecondsAfterFinished` deletes the finished Job
 * and its pods (pkg/controller/ttlafterfinished). NonIndexed only; no suspend, podFailurePolicy or
 * successPolicy; pods carry no tracking finalizer (the counts live in the controller instead).
 */
export class JobController {
  private readonly queue = new WorkQueue('job', (key) => this.reconcile(key));
  private readonly unsubscribe: () => void;
  private readonly memory = new Map<string, JobMemory>();

  constructor(
    private readonly store: Store,
    private readonly events: EventRecorder,
    private readonly backOff: BackOff,
  ) {
    this.unsubscribe = store.subscribe((event) => this.onEvent(event));
  }

  /** A Job's own events and those of the pods it controls bring it back to the queue; a deleted Job is forgotten. */
  private onEvent({ type, resourceType, object }: StoreEvent): void {
    const { namespace, name, uid } = object.metadata;
    const owner = resourceType === TYPES.pods ? controllerOf(object) : undefined;
    if (owner?.kind === 'Job') this.queue.add(keyOf(namespace, owner.name));
    if (resourceType !== TYPES.jobs) return;
    if (type === 'DELETED') this.memory.delete(uid ?? '');
    else this.queue.add(keyOf(namespace, name));
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private reconcile(key: string): void {
    const [namespace, name] = splitKey(key);
    const job = this.store.get(TYPES.jobs, namespace, name);
    if (!job || job.metadata.deletionTimestamp) return;
    if (isJobFinished(job)) return this.expireAfterTtl(key, job);
    const uid = job.metadata.uid ?? '';
    let memory = this.memory.get(uid);
    if (!memory) {
      memory = { succeeded: new Set(), failed: new Set(), lastFailureAt: 0 };
      this.memory.set(uid, memory);
    }
    const spec = job.spec ?? {};
    const pods = this.store.list(TYPES.pods, namespace).filter((pod) => controllerOf(pod)?.uid === uid);
    for (const pod of pods) {
      const podUid = pod.metadata.uid ?? '';
      if (pod.status?.phase === 'Succeeded' && !memory.failed.has(podUid)) memory.succeeded.add(podUid);
      if (pod.status?.phase === 'Failed' && !memory.failed.has(podUid)) {
        memory.failed.add(podUid);
        memory.lastFailureAt = Math.max(memory.lastFailureAt, finishedAt(pod));
      }
    }
    let active = pods.filter((pod) => !isTerminal(pod) && !pod.metadata.deletionTimestamp);
    const terminating = pods.filter((pod) => !isTerminal(pod) && pod.metadata.deletionTimestamp);
    const status = structuredClone(job.status ?? {});
    const startTime: string = status.startTime ?? now();
    const conditions: JobCondition[] = [...(status.conditions ?? [])];
    const addCondition = (type: string, cause: { reason: string; message: string }): void => {
      const time = now();
      conditions.push({ type, status: 'True', lastProbeTime: time, lastTransitionTime: time, ...cause });
    };

    const completions: number = spec.completions ?? 1;
    const backoffLimit: number = spec.backoffLimit ?? 6;
    const failureTarget = conditionOf(job, 'FailureTarget');
    const successCriteriaMet = conditionOf(job, 'SuccessCriteriaMet');
    if (!failureTarget && !successCriteriaMet) {
      const restarts = spec.template?.spec?.restartPolicy === 'OnFailure' ? active.reduce((sum, pod) => sum + restartsOf(pod), 0) : 0;
      const pastBackoffLimitOnFailure = backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit;
      const deadlineMs = spec.activeDeadlineSeconds ? Date.parse(startTime) + spec.activeDeadlineSeconds * 1000 : undefined;
      let cause: { reason: string; message: string } | undefined;
      if (memory.failed.size > backoffLimit || pastBackoffLimitOnFailure) cause = BACKOFF_LIMIT_EXCEEDED;
      else if (deadlineMs !== undefined && Date.now() >= deadlineMs) cause = DEADLINE_EXCEEDED;
      else if (deadlineMs !== undefined) this.queue.addAfter(key, Math.max(10, deadlineMs - Date.now()));
      if (cause) {
        addCondition('FailureTarget', cause);
        this.events.record(job, 'Warning', cause.reason, cause.message, COMPONENT);
        for (const pod of active) this.deletePod(job, pod, memory);
        terminating.push(...active);
        active = [];
      } else if (memory.succeeded.size >= completions) {
        addCondition('SuccessCriteriaMet', COMPLETIONS_REACHED);
        for (const pod of active) this.deletePod(job, pod, memory);
        terminating.push(...active);
        active = [];
      } else {
        active = this.createPods(key, job, active, completions - memory.succeeded.size, memory);
      }
    }
    const interim = conditions.find(
      (condition) => condition.status === 'True' && (condition.type === 'FailureTarget' || condition.type === 'SuccessCriteriaMet'),
    );
    let completionTime: string | undefined;
    if (interim && terminating.length === 0) {
      const failed = interim.type === 'FailureTarget';
      addCondition(failed ? 'Failed' : 'Complete', { reason: interim.reason, message: interim.message });
      if (!failed) {
        completionTime = conditions.at(-1)?.lastTransitionTime;
        this.events.record(job, 'Normal', 'Completed', 'Job completed', COMPONENT);
      }
    }
    const next: Record<string, unknown> = {
      ...(conditions.length > 0 ? { conditions } : {}),
      startTime,
      ...(completionTime ? { completionTime } : {}),
      ...(active.length > 0 ? { active: active.length } : {}),
      ...(memory.succeeded.size > 0 ? { succeeded: memory.succeeded.size } : {}),
      ...(memory.failed.size > 0 ? { failed: memory.failed.size } : {}),
      terminating: terminating.length,
      uncountedTerminatedPods: {},
      ready: active.filter(isPodReady).length,
    };
    if (!isDeepStrictEqual(job.status, next)) {
      this.store.mutate(TYPES.jobs, namespace, name, (object) => {
        if (object.metadata.uid === uid) object.status = next;
      });
    }
  }

  /** Creates the missing pods, unless the last failure is still within its back-off (10 s doubling to 10 min in Kubernetes, pkg/controller/job/backoff_utils.go; the cluster's crash-loop back-off here). */
  private createPods(key: string, job: KubeObject, active: KubeObject[], remaining: number, memory: JobMemory): KubeObject[] {
    const wanted = Math.min(job.spec?.parallelism ?? 1, remaining);
    if (active.length >= wanted) return active;
    if (memory.failed.size > 0) {
      const delay = Math.min(this.backOff.initialMs * 2 ** (memory.failed.size - 1), this.backOff.maxMs);
      const readyAt = memory.lastFailureAt + delay;
      if (Date.now() < readyAt) {
        this.queue.addAfter(key, readyAt - Date.now());
        return active;
      }
    }
    const created = [...active];
    for (let i = active.length; i < wanted; i++) created.push(this.createPod(job));
    return created;
  }

  private createPod(job: KubeObject): KubeObject {
    const template = structuredClone(job.spec.template ?? {});
    const pod = this.store.create(TYPES.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: '',
        generateName: `${job.metadata.name}-`,
        namespace: job.metadata.namespace ?? 'default',
        labels: template.metadata?.labels ?? {},
        ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
        ownerReferences: [
          { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
        ],
      },
      spec: template.spec ?? {},
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
    this.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, COMPONENT);
    return pod;
  }

  /** An active pod deleted by the controller counts as failed, as the real controller counts it through its tracking finalizer. */
  private deletePod(job: KubeObject, pod: KubeObject, memory: JobMemory): void {
    memory.failed.add(pod.metadata.uid ?? '');
    this.store.delete(TYPES.pods, pod.metadata.namespace, pod.metadata.name);
    this.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, COMPONENT);
  }

  private expireAfterTtl(key: string, job: KubeObject): void {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (typeof ttl !== 'number') return;
    const finished = conditionOf(job, 'Complete') ?? conditionOf(job, 'Failed');
    const expiresAt = Date.parse(finished?.lastTransitionTime ?? '') + ttl * 1000;
    if (Date.now() < expiresAt) {
      this.queue.addAfter(key, expiresAt - Date.now());
      return;
    }
    this.store.delete(TYPES.jobs, job.metadata.namespace, job.metadata.name, { propagationPolicy: 'Foreground' });
  }
}
