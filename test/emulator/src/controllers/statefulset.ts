import { isDeepStrictEqual } from 'node:util';
import { ApiError } from '../errors.js';
import type { EventRecorder } from '../events.js';
import { TYPES, type ResourceType } from '../resources.js';
import type { KubeObject, Store } from '../store.js';
import { podTemplateHash } from './deployment.js';
import { controllerOf, isPodReady } from './replicaset.js';
import { keyOf, splitKey, WorkQueue } from './work-queue.js';

/** Pod label naming the ControllerRevision a pod was made from. */
export const REVISION_LABEL = 'controller-revision-hash';
/** ControllerRevision label with the hash of the template it records. */
export const HASH_LABEL = 'controller.kubernetes.io/hash';
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
const COMPONENT = 'statefulset-controller';

/** Keys sorted at every level, as Go's encoding/json writes maps: kubectl compares revision data byte for byte. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * What a ControllerRevision of a StatefulSet stores: a strategic merge patch that puts the pod template
 * back, written as the real controller's Go types write it (`creationTimestamp: null` included), so
 * that `kubectl rollout undo` recognises a revision that matches the current template.
 */
function revisionData(template: KubeObject['spec']): Record<string, unknown> {
  const copy = structuredClone(template ?? {});
  copy.metadata = { creationTimestamp: null, ...(copy.metadata ?? {}) };
  return sortKeys({ spec: { template: { ...copy, $patch: 'replace' } } }) as Record<string, unknown>;
}

function templateOfRevision(revision: KubeObject): KubeObject['spec'] {
  const template = structuredClone(((revision.data ?? {}) as { spec?: { template?: Record<string, unknown> } }).spec?.template ?? {});
  delete template.$patch;
  return template;
}

const revisionNumber = (revision: KubeObject): number => Number(revision.revision ?? 0);

function isRunningAndReady(pod: KubeObject): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

function readySince(pod: KubeObject): number {
  const condition = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  return condition?.lastTransitionTime ? Date.parse(condition.lastTransitionTime) : Date.now();
}

const isTerminating = (pod: KubeObject): boolean => !!pod.metadata.deletionTimestamp;
const isFinished = (pod: KubeObject): boolean => pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';

/**
 * StatefulSet → Pods `<name>-0 … <name>-N-1` with stable names (hostname = pod name), like the
 * real controller's `OrderedReady` management: pods are created in order, each Running and Ready
 * before the next; scale-down removes the highest ordinal first; a RollingUpdate replaces pods from
 * the highest ordinal down (above `partition`), one at a time, each Ready before the next, so a pod
 * that never becomes ready blocks the rollout, and still blocks it after the template is reverted
 * (Kubernetes' "forced rollback": delete that pod). `Parallel` creates and deletes without waiting.
 * Every template gets a ControllerRevision (`controller.kubernetes.io/hash`, revision numbers,
 * history limit), which is what `kubectl rollout history|undo statefulset/…` read and apply.
 * volumeClaimTemplates are ignored: no PersistentVolumeClaims are made.
 */
export class StatefulSetController {
  private readonly queue = new WorkQueue('statefulset', (key) => this.reconcile(key));
  private readonly unsubscribe: () => void;
  /** Pods already warned about: a pod of the same name that another owner holds. */
  private readonly blocked = new Set<string>();

  /** Pod creations refused in a row per StatefulSet: the retry waits longer after each, as the controller's rate-limited queue does. */
  private readonly refusals = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly events: EventRecorder,
    private readonly admitPod: (pod: KubeObject) => string[] = () => [],
  ) {
    this.unsubscribe = store.subscribe((event) => {
      if (event.resourceType === TYPES.statefulsets) this.queue.add(keyOf(event.object.metadata.namespace, event.object.metadata.name));
      if (event.resourceType === TYPES.pods || event.resourceType === TYPES.controllerrevisions) {
        const owner = controllerOf(event.object);
        if (owner?.kind === 'StatefulSet') this.queue.add(keyOf(event.object.metadata.namespace, owner.name));
      }
    });
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private owned(type: ResourceType, set: KubeObject): KubeObject[] {
    return this.store.list(type, set.metadata.namespace).filter((object) => controllerOf(object)?.uid === set.metadata.uid);
  }

  private reconcile(key: string): void {
    const [namespace, name] = splitKey(key);
    const set = this.store.get(TYPES.statefulsets, namespace, name);
    if (!set || set.metadata.deletionTimestamp) return;
    const { current, update } = this.revisions(set);
    this.syncPods(key, set, current, update);
    this.cleanupHistory(set, current, update);
    this.syncStatus(set, current, update);
  }

  /** The current revision (what the pods ran when the last rollout completed) and the update revision (the template now). */
  private revisions(set: KubeObject): { current: KubeObject; update: KubeObject } {
    const revisions = this.owned(TYPES.controllerrevisions, set).sort((a, b) => revisionNumber(a) - revisionNumber(b));
    const hash = podTemplateHash(set.spec.template);
    const latest = revisions[revisions.length - 1];
    const next = latest ? revisionNumber(latest) + 1 : 1;
    const equal = revisions.filter((revision) => revision.metadata.labels?.[HASH_LABEL] === hash);
    const lastEqual = equal[equal.length - 1];
    let update: KubeObject;
    if (lastEqual && latest && lastEqual.metadata.uid === latest.metadata.uid) {
      update = latest;
    } else if (lastEqual) {
      // Back to an earlier template (rollout undo): that revision becomes the newest again.
      update =
        this.store.mutate(TYPES.controllerrevisions, lastEqual.metadata.namespace, lastEqual.metadata.name, (revision) => {
          revision.revision = next;
        }) ?? lastEqual;
    } else {
      update = this.store.create(TYPES.controllerrevisions, {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name: `${set.metadata.name}-${hash}`,
          namespace: set.metadata.namespace ?? 'default',
          labels: { ...(set.spec.template?.metadata?.labels ?? {}), [HASH_LABEL]: hash },
          ...(set.metadata.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name, uid: set.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
          ],
        },
        data: revisionData(set.spec.template),
        revision: next,
      });
    }
    const currentName = set.status?.currentRevision;
    const current =
      (currentName && currentName !== update.metadata.name && this.store.get(TYPES.controllerrevisions, set.metadata.namespace, currentName)) || update;
    return { current, update };
  }

  private syncPods(key: string, set: KubeObject, current: KubeObject, update: KubeObject): void {
    const replicas: number = set.spec.replicas ?? 1;
    const monotonic = set.spec.podManagementPolicy !== 'Parallel';
    const minReadySeconds: number = set.spec.minReadySeconds ?? 0;
    const { members, condemned } = this.membersOf(set);
    const available = (pod: KubeObject): boolean => {
      if (!isRunningAndReady(pod)) return false;
      const readyAt = readySince(pod) + minReadySeconds * 1000;
      if (readyAt <= Date.now()) return true;
      this.queue.addAfter(key, Math.max(10, readyAt - Date.now()));
      return false;
    };

    // Every ordinal below `replicas`, in order: create what is missing; in OrderedReady, wait for each to be ready.
    for (let ordinal = 0; ordinal < replicas; ordinal++) {
      const pod = members.get(ordinal);
      if (pod && isFinished(pod)) {
        if (!isTerminating(pod)) this.deletePod(set, pod);
        return;
      }
      if (!pod) {
        if (!this.createPod(set, ordinal, this.revisionForNewPod(set, ordinal, current, update))) {
          const attempt = (this.refusals.get(key) ?? 0) + 1;
          this.refusals.set(key, attempt);
          this.queue.addAfter(key, Math.min(1000 * 2 ** (attempt - 1), 30_000));
          return;
        }
        this.refusals.delete(key);
        if (monotonic) return;
        continue;
      }
      if (monotonic && (isTerminating(pod) || !available(pod))) return;
    }

    // Scale down: highest ordinal first, one at a time in OrderedReady, only once the rest is healthy.
    const firstUnhealthy = condemned.find((pod) => !isRunningAndReady(pod));
    for (const pod of [...condemned].reverse()) {
      if (isTerminating(pod)) {
        if (monotonic) return;
        continue;
      }
      if (monotonic && pod !== firstUnhealthy && !available(pod)) return;
      this.deletePod(set, pod);
      if (monotonic) return;
    }

    // Rolling update: the highest ordinal not on the update revision goes first; wait for each to be healthy.
    const strategy = set.spec.updateStrategy ?? {};
    if (strategy.type === 'OnDelete') return;
    const partition = Number(strategy.rollingUpdate?.partition ?? 0);
    for (let ordinal = replicas - 1; ordinal >= partition; ordinal--) {
      const pod = members.get(ordinal);
      if (!pod) return;
      if (pod.metadata.labels?.[REVISION_LABEL] !== update.metadata.name && !isTerminating(pod)) {
        this.deletePod(set, pod);
        return;
      }
      if (isTerminating(pod) || !isRunningAndReady(pod)) return;
    }
  }

  /** Pods of this StatefulSet by ordinal, and those at or above `replicas` (lowest first). */
  private membersOf(set: KubeObject): { members: Map<number, KubeObject>; condemned: KubeObject[] } {
    const replicas: number = set.spec.replicas ?? 1;
    const members = new Map<number, KubeObject>();
    const condemned: KubeObject[] = [];
    const pattern = new RegExp(`^${set.metadata.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`);
    for (const pod of this.owned(TYPES.pods, set)) {
      const match = pattern.exec(pod.metadata.name);
      if (!match) continue;
      const ordinal = Number(match[1]);
      if (ordinal < replicas) members.set(ordinal, pod);
      else condemned.push(pod);
    }
    condemned.sort((a, b) => ordinalOf(a) - ordinalOf(b));
    return { members, condemned };
  }

  /** New pods get the update revision, except below a RollingUpdate partition, which keeps the current one. */
  private revisionForNewPod(set: KubeObject, ordinal: number, current: KubeObject, update: KubeObject): KubeObject {
    const strategy = set.spec.updateStrategy ?? {};
    const partition = Number(strategy.rollingUpdate?.partition ?? 0);
    return strategy.type !== 'OnDelete' && ordinal < partition ? current : update;
  }

  /** Creates the pod of `ordinal` through pod admission; false when admission refused it (a FailedCreate event says why). */
  private createPod(set: KubeObject, ordinal: number, revision: KubeObject): boolean {
    const namespace = set.metadata.namespace ?? 'default';
    const name = `${set.metadata.name}-${ordinal}`;
    const existing = this.store.get(TYPES.pods, namespace, name);
    if (existing) {
      // Someone else's pod holds the name: say so once, and wait for it to go.
      if (!this.blocked.has(`${namespace}/${name}`)) {
        this.blocked.add(`${namespace}/${name}`);
        this.events.record(
          set,
          'Warning',
          'FailedCreate',
          `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: pods "${name}" already exists`,
          COMPONENT,
        );
      }
      return true;
    }
    this.blocked.delete(`${namespace}/${name}`);
    const template = templateOfRevision(revision);
    const spec = structuredClone(template.spec ?? {});
    spec.hostname = name;
    if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
    const candidate: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace,
        labels: { ...(template.metadata?.labels ?? {}), [REVISION_LABEL]: revision.metadata.name, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
        ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name, uid: set.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
        ],
      },
      spec,
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    };
    try {
      this.admitPod(candidate);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // stateful_pod_control.go recordPodEvent: the refusal as a Warning on the StatefulSet.
      this.events.record(set, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${error.message}`, COMPONENT);
      return false;
    }
    const pod = this.store.create(TYPES.pods, candidate);
    this.events.record(set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
    return true;
  }

  private deletePod(set: KubeObject, pod: KubeObject): void {
    this.store.delete(TYPES.pods, pod.metadata.namespace, pod.metadata.name);
    this.events.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
  }

  /** Keeps `revisionHistoryLimit` revisions that neither the StatefulSet nor any pod uses. */
  private cleanupHistory(set: KubeObject, current: KubeObject, update: KubeObject): void {
    const limit: number = set.spec.revisionHistoryLimit ?? 10;
    const live = new Set([current.metadata.name, update.metadata.name, ...this.owned(TYPES.pods, set).map((pod) => pod.metadata.labels?.[REVISION_LABEL])]);
    const idle = this.owned(TYPES.controllerrevisions, set)
      .filter((revision) => !live.has(revision.metadata.name))
      .sort((a, b) => revisionNumber(a) - revisionNumber(b));
    for (const revision of idle.slice(0, Math.max(0, idle.length - limit))) {
      this.store.delete(TYPES.controllerrevisions, revision.metadata.namespace, revision.metadata.name);
    }
  }

  private syncStatus(set: KubeObject, current: KubeObject, update: KubeObject): void {
    const minReadySeconds: number = set.spec.minReadySeconds ?? 0;
    const pods = this.owned(TYPES.pods, set);
    const ready = pods.filter(isRunningAndReady);
    const live = pods.filter((pod) => !isTerminating(pod));
    const onRevision = (revision: KubeObject): number => live.filter((pod) => pod.metadata.labels?.[REVISION_LABEL] === revision.metadata.name).length;
    const status: Record<string, unknown> = {
      observedGeneration: set.metadata.generation,
      replicas: pods.length,
      readyReplicas: ready.length,
      currentReplicas: onRevision(current),
      updatedReplicas: onRevision(update),
      availableReplicas: ready.filter((pod) => Date.now() - readySince(pod) >= minReadySeconds * 1000).length,
      currentRevision: current.metadata.name,
      updateRevision: update.metadata.name,
      collisionCount: 0,
    };
    // A finished rolling update: the update revision becomes the current one.
    if (set.spec.updateStrategy?.type !== 'OnDelete' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = update.metadata.name;
    }
    if (!isDeepStrictEqual(set.status, status)) {
      this.store.mutate(TYPES.statefulsets, set.metadata.namespace, set.metadata.name, (object) => {
        object.status = status;
      });
    }
  }
}

function ordinalOf(pod: KubeObject): number {
  return Number(/-(\d+)$/.exec(pod.metadata.name)?.[1] ?? 0);
}
