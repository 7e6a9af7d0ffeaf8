import { isDeepStrictEqual } from 'node:util';
import type { EventRecorder } from '../events.js';
import { TYPES } from '../resources.js';
import { labelsMatch, requirementsOf } from '../selectors.js';
import { ApiError } from '../errors.js';
import { now, type KubeObject, type Store } from '../store.js';
import { keyOf, splitKey, WorkQueue } from './work-queue.js';

export function controllerOf(object: KubeObject): { kind: string; uid: string; name: string } | undefined {
  return object.metadata.ownerReferences?.find((reference) => reference.controller);
}

export function isPodReady(pod: KubeObject): boolean {
  return (
    !pod.metadata.deletionTimestamp && (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True')
  );
}

function readySince(pod: KubeObject): number {
  const condition = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  return condition?.lastTransitionTime ? Date.parse(condition.lastTransitionTime) : Date.now();
}

/** ReplicaSet → Pods: creates and deletes pods to match `spec.replicas` and reports how many are ready and available. */
export class ReplicaSetController {
  private readonly queue = new WorkQueue('replicaset', (key) => this.reconcile(key));
  private readonly unsubscribe: () => void;

  /** Pod creations refused in a row per ReplicaSet: the retry waits longer after each, as the controller's rate-limited queue does. */
  private readonly refusals = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly events: EventRecorder,
    private readonly admitPod: (pod: KubeObject) => string[] = () => [],
  ) {
    this.unsubscribe = store.subscribe((event) => {
      if (event.resourceType === TYPES.replicasets) this.queue.add(keyOf(event.object.metadata.namespace, event.object.metadata.name));
      if (event.resourceType === TYPES.pods) {
        const owner = controllerOf(event.object);
        if (owner?.kind === 'ReplicaSet') this.queue.add(keyOf(event.object.metadata.namespace, owner.name));
      }
    });
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private reconcile(key: string): void {
    const [namespace, name] = splitKey(key);
    const replicaSet = this.store.get(TYPES.replicasets, namespace, name);
    if (!replicaSet || replicaSet.metadata.deletionTimestamp) return;
    const uid = replicaSet.metadata.uid;
    const owned = () => this.store.list(TYPES.pods, namespace).filter((pod) => controllerOf(pod)?.uid === uid);
    const isActive = (pod: KubeObject): boolean => !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded';
    const active = owned().filter(isActive);
    const desired = replicaSet.spec?.replicas ?? 1;
    let refusal: string | undefined;
    if (active.length < desired) {
      for (let i = active.length; i < desired && refusal === undefined; i++) refusal = this.createPod(replicaSet);
      if (refusal === undefined) this.refusals.delete(key);
      else {
        const attempt = (this.refusals.get(key) ?? 0) + 1;
        this.refusals.set(key, attempt);
        this.queue.addAfter(key, Math.min(1000 * 2 ** (attempt - 1), 30_000));
      }
    } else if (active.length > desired) {
      const ranked = [...active].sort(deletionPreference);
      for (const pod of ranked.slice(0, active.length - desired)) {
        this.store.delete(TYPES.pods, namespace, pod.metadata.name);
        this.events.record(replicaSet, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, 'replicaset-controller');
      }
    }
    const pods = owned().filter(isActive);
    const minReadySeconds = replicaSet.spec?.minReadySeconds ?? 0;
    const ready = pods.filter(isPodReady);
    const available = ready.filter((pod) => Date.now() - readySince(pod) >= minReadySeconds * 1000);
    if (available.length < ready.length) {
      const soonest = Math.min(...ready.filter((pod) => !available.includes(pod)).map((pod) => readySince(pod) + minReadySeconds * 1000));
      this.queue.addAfter(key, Math.max(10, soonest - Date.now()));
    }
    const requirements = requirementsOf(replicaSet.spec?.selector);
    const status = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.filter((pod) => labelsMatch(pod.metadata.labels, requirements)).length,
      readyReplicas: ready.length,
      availableReplicas: available.length,
      observedGeneration: replicaSet.metadata.generation,
      ...replicaFailure(replicaSet, refusal),
    };
    if (!isDeepStrictEqual(replicaSet.status, status)) {
      this.store.mutate(TYPES.replicasets, namespace, name, (object) => {
        object.status = status;
      });
    }
  }

  /** Creates one pod through pod admission; returns the refusal's message instead when admission refuses it. */
  private createPod(replicaSet: KubeObject): string | undefined {
    const template = structuredClone(replicaSet.spec.template ?? {});
    const candidate: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: '',
        generateName: `${replicaSet.metadata.name}-`,
        namespace: replicaSet.metadata.namespace ?? 'default',
        labels: template.metadata?.labels ?? {},
        ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: replicaSet.metadata.name,
            uid: replicaSet.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: template.spec ?? {},
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    };
    try {
      this.admitPod(candidate);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // pkg/controller/controller_utils.go CreatePods: a Warning event per refusal.
      this.events.record(replicaSet, 'Warning', 'FailedCreate', `Error creating: ${error.message}`, 'replicaset-controller');
      return error.message;
    }
    const pod = this.store.create(TYPES.pods, candidate);
    this.events.record(replicaSet, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller');
    return undefined;
  }
}

/**
 * The `ReplicaFailure` condition as pkg/controller/replicaset/replica_set_utils.go calculateStatus
 * keeps it: set with reason FailedCreate and the error when creating pods failed, removed by the
 * first sync that does not fail.
 */
function replicaFailure(replicaSet: KubeObject, refusal: string | undefined): { conditions?: unknown[] } {
  const conditions = (replicaSet.status?.conditions ?? []) as { type: string; message?: string }[];
  const others = conditions.filter((condition) => condition.type !== 'ReplicaFailure');
  const existing = conditions.find((condition) => condition.type === 'ReplicaFailure');
  if (refusal === undefined) return others.length > 0 ? { conditions: others } : {};
  const failure =
    existing?.message === refusal ? existing : { type: 'ReplicaFailure', status: 'True', lastTransitionTime: now(), reason: 'FailedCreate', message: refusal };
  return { conditions: [...others, failure] };
}

/** Which pods go first when scaling down: unscheduled, then not ready, then most restarts, then youngest — like the real controller. */
function deletionPreference(a: KubeObject, b: KubeObject): number {
  const scheduled = (pod: KubeObject): number => (pod.spec?.nodeName ? 1 : 0);
  const ready = (pod: KubeObject): number => (isPodReady(pod) ? 1 : 0);
  const restarts = (pod: KubeObject): number =>
    (pod.status?.containerStatuses ?? []).reduce((sum: number, s: { restartCount?: number }) => sum + (s.restartCount ?? 0), 0);
  return (
    scheduled(a) - scheduled(b) ||
    ready(a) - ready(b) ||
    restarts(b) - restarts(a) ||
    Date.parse(b.metadata.creationTimestamp ?? '') - Date.parse(a.metadata.creationTimestamp ?? '')
  );
}
