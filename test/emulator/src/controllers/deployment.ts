import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { EventRecorder } from '../events.js';
import { TYPES } from '../resources.js';
import { now, safeEncode, type KubeObject, type Store } from '../store.js';
import { controllerOf } from './replicaset.js';
import { keyOf, splitKey, WorkQueue } from './work-queue.js';

const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const HASH_LABEL = 'pod-template-hash';
/** Deployment annotations the real controller does not copy onto its ReplicaSets. */
const NOT_COPIED = ['kubectl.kubernetes.io/last-applied-configuration', REVISION, 'deployment.kubernetes.io/revision-history', DESIRED_REPLICAS, MAX_REPLICAS];

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
}

/** Drops nulls, empty objects and empty lists so templates written differently compare equal. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const normalized = normalize(inner);
      const empty = normalized === null || normalized === undefined || (typeof normalized === 'object' && Object.keys(normalized).length === 0);
      if (!empty) result[key] = normalized;
    }
    return result;
  }
  return value;
}

function withoutHash(template: KubeObject['spec']): unknown {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels[HASH_LABEL];
  return normalize(copy);
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function podTemplateHash(template: KubeObject['spec']): string {
  return safeEncode(
    createHash('sha256')
      .update(sortedJson(withoutHash(template)))
      .digest('hex'),
  );
}

function revisionOf(object: KubeObject): number {
  return Number(object.metadata.annotations?.[REVISION] ?? 0);
}

function resolveIntOrPercent(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(String(value ?? '0'));
  if (!match) return Number(value) || 0;
  const exact = (total * Number(match[1])) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

function rollingParameters(deployment: KubeObject): { maxSurge: number; maxUnavailable: number } {
  const replicas = deployment.spec.replicas ?? 1;
  const rolling = deployment.spec.strategy?.rollingUpdate ?? {};
  const maxSurge = resolveIntOrPercent(rolling.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = resolveIntOrPercent(rolling.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  if (deployment.spec.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: replicas };
  return { maxSurge, maxUnavailable };
}

const specReplicas = (rs: KubeObject): number => rs.spec?.replicas ?? 0;
const sum = (items: KubeObject[], value: (rs: KubeObject) => number): number => items.reduce((total, rs) => total + value(rs), 0);

/**
 * Deployment → ReplicaSets: one ReplicaSet per pod template (keyed by its hash), revisions,
 * a rolling update within maxSurge/maxUnavailable (or Recreate), history cleanup, and the
 * status and conditions `kubectl rollout status` reads, including ProgressDeadlineExceeded.
 */
export class DeploymentController {
  private readonly queue = new WorkQueue('deployment', (key) => this.reconcile(key));
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly events: EventRecorder,
  ) {
    this.unsubscribe = store.subscribe((event) => {
      if (event.resourceType === TYPES.deployments) this.queue.add(keyOf(event.object.metadata.namespace, event.object.metadata.name));
      if (event.resourceType === TYPES.replicasets) {
        const owner = controllerOf(event.object);
        if (owner?.kind === 'Deployment') this.queue.add(keyOf(event.object.metadata.namespace, owner.name));
      }
    });
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private ownedReplicaSets(deployment: KubeObject): KubeObject[] {
    return this.store.list(TYPES.replicasets, deployment.metadata.namespace).filter((rs) => controllerOf(rs)?.uid === deployment.metadata.uid);
  }

  private reconcile(key: string): void {
    const [namespace, name] = splitKey(key);
    const deployment = this.store.get(TYPES.deployments, namespace, name);
    if (!deployment || deployment.metadata.deletionTimestamp) return;
    const { newReplicaSet, templateChanged } = this.ensureNewReplicaSet(deployment);
    if (!deployment.spec.paused) {
      if (deployment.spec.strategy?.type === 'Recreate') this.recreate(deployment, newReplicaSet);
      else this.rollingUpdate(deployment, newReplicaSet);
      this.cleanupHistory(deployment, newReplicaSet);
    }
    this.syncStatus(key, newReplicaSet, templateChanged);
  }

  private ensureNewReplicaSet(deployment: KubeObject): { newReplicaSet: KubeObject; templateChanged: boolean } {
    const owned = this.ownedReplicaSets(deployment);
    const template = withoutHash(deployment.spec.template);
    const maxRevision = Math.max(0, ...owned.map(revisionOf));
    const existing = owned.find((rs) => isDeepStrictEqual(withoutHash(rs.spec.template), template));
    const copiedAnnotations = Object.fromEntries(Object.entries(deployment.metadata.annotations ?? {}).filter(([key]) => !NOT_COPIED.includes(key)));
    const { maxSurge } = rollingParameters(deployment);
    const replicas = deployment.spec.replicas ?? 1;
    let newReplicaSet: KubeObject;
    let templateChanged = false;
    if (existing) {
      const revision = revisionOf(existing) < maxRevision ? maxRevision + 1 : revisionOf(existing);
      templateChanged = revision !== revisionOf(existing);
      newReplicaSet =
        this.store.mutate(TYPES.replicasets, existing.metadata.namespace, existing.metadata.name, (rs) => {
          rs.metadata.annotations = { ...(rs.metadata.annotations ?? {}), ...copiedAnnotations, [REVISION]: String(revision) };
        }) ?? existing;
    } else {
      const hash = podTemplateHash(deployment.spec.template);
      const podTemplate = structuredClone(deployment.spec.template);
      podTemplate.metadata = { ...(podTemplate.metadata ?? {}), labels: { ...(podTemplate.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
      const selector = structuredClone(deployment.spec.selector);
      selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
      newReplicaSet = this.store.create(TYPES.replicasets, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${deployment.metadata.name}-${hash}`,
          namespace: deployment.metadata.namespace ?? 'default',
          labels: podTemplate.metadata.labels,
          annotations: {
            ...copiedAnnotations,
            [DESIRED_REPLICAS]: String(replicas),
            [MAX_REPLICAS]: String(replicas + maxSurge),
            [REVISION]: String(maxRevision + 1),
          },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: deployment.metadata.name,
              uid: deployment.metadata.uid ?? '',
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: { replicas: 0, minReadySeconds: deployment.spec.minReadySeconds ?? 0, selector, template: podTemplate },
      });
      templateChanged = true;
    }
    const revision = newReplicaSet.metadata.annotations?.[REVISION] ?? '1';
    if (deployment.metadata.annotations?.[REVISION] !== revision) {
      this.store.mutate(TYPES.deployments, deployment.metadata.namespace, deployment.metadata.name, (object) => {
        object.metadata.annotations = { ...(object.metadata.annotations ?? {}), [REVISION]: revision };
      });
    }
    return { newReplicaSet, templateChanged };
  }

  private scale(deployment: KubeObject, replicaSet: KubeObject, replicas: number): void {
    const previous = specReplicas(replicaSet);
    if (previous === replicas) return;
    const { maxSurge } = rollingParameters(deployment);
    const desired = deployment.spec.replicas ?? 1;
    this.store.mutate(TYPES.replicasets, replicaSet.metadata.namespace, replicaSet.metadata.name, (rs) => {
      rs.spec.replicas = replicas;
      rs.metadata.annotations = { ...(rs.metadata.annotations ?? {}), [DESIRED_REPLICAS]: String(desired), [MAX_REPLICAS]: String(desired + maxSurge) };
    });
    replicaSet.spec.replicas = replicas;
    const direction = replicas > previous ? 'up' : 'down';
    this.events.record(
      deployment,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${direction} replica set ${replicaSet.metadata.name} from ${previous} to ${replicas}`,
      'deployment-controller',
    );
  }

  private currentSets(deployment: KubeObject, newReplicaSet: KubeObject): { fresh: KubeObject; old: KubeObject[] } {
    const owned = this.ownedReplicaSets(deployment);
    const fresh = owned.find((rs) => rs.metadata.uid === newReplicaSet.metadata.uid) ?? newReplicaSet;
    return { fresh, old: owned.filter((rs) => rs.metadata.uid !== newReplicaSet.metadata.uid) };
  }

  private rollingUpdate(deployment: KubeObject, newReplicaSet: KubeObject): void {
    const replicas = deployment.spec.replicas ?? 1;
    const { maxSurge, maxUnavailable } = rollingParameters(deployment);
    let { fresh, old } = this.currentSets(deployment, newReplicaSet);
    // Scale up the new ReplicaSet as far as the surge allows.
    if (specReplicas(fresh) > replicas) {
      this.scale(deployment, fresh, replicas);
    } else {
      const allPods = specReplicas(fresh) + sum(old, specReplicas);
      const room = Math.min(replicas + maxSurge - allPods, replicas - specReplicas(fresh));
      if (room > 0) this.scale(deployment, fresh, specReplicas(fresh) + room);
    }
    ({ fresh, old } = this.currentSets(deployment, newReplicaSet));
    if (sum(old, specReplicas) === 0) return;
    // Scale down old ReplicaSets without going below the minimum available, unhealthy pods first.
    const minAvailable = replicas - maxUnavailable;
    const newUnavailable = Math.max(0, specReplicas(fresh) - (fresh.status?.availableReplicas ?? 0));
    const allPods = specReplicas(fresh) + sum(old, specReplicas);
    let budget = allPods - minAvailable - newUnavailable;
    if (budget <= 0) return;
    const oldestFirst = [...old].sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of oldestFirst) {
      const unhealthy = specReplicas(rs) - Math.min(specReplicas(rs), rs.status?.availableReplicas ?? 0);
      const cut = Math.min(unhealthy, budget);
      if (cut > 0) {
        this.scale(deployment, rs, specReplicas(rs) - cut);
        budget -= cut;
      }
    }
    ({ fresh, old } = this.currentSets(deployment, newReplicaSet));
    const available = (fresh.status?.availableReplicas ?? 0) + sum(old, (rs) => Math.min(specReplicas(rs), rs.status?.availableReplicas ?? 0));
    let removable = available - minAvailable;
    for (const rs of [...old].sort((a, b) => revisionOf(a) - revisionOf(b))) {
      if (removable <= 0) break;
      const cut = Math.min(specReplicas(rs), removable);
      if (cut > 0) {
        this.scale(deployment, rs, specReplicas(rs) - cut);
        removable -= cut;
      }
    }
  }

  private recreate(deployment: KubeObject, newReplicaSet: KubeObject): void {
    const { fresh, old } = this.currentSets(deployment, newReplicaSet);
    for (const rs of old) this.scale(deployment, rs, 0);
    const oldPodsLeft = this.store.list(TYPES.pods, deployment.metadata.namespace).some((pod) => old.some((rs) => controllerOf(pod)?.uid === rs.metadata.uid));
    if (!oldPodsLeft) this.scale(deployment, fresh, deployment.spec.replicas ?? 1);
  }

  private cleanupHistory(deployment: KubeObject, newReplicaSet: KubeObject): void {
    const limit = deployment.spec.revisionHistoryLimit ?? 10;
    const { old } = this.currentSets(deployment, newReplicaSet);
    const idle = old.filter((rs) => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      this.store.delete(TYPES.replicasets, rs.metadata.namespace, rs.metadata.name);
    }
  }

  private syncStatus(key: string, newReplicaSet: KubeObject, templateChanged: boolean): void {
    const [namespace, name] = splitKey(key);
    const deployment = this.store.get(TYPES.deployments, namespace, name);
    if (!deployment) return;
    const { fresh, old } = this.currentSets(deployment, newReplicaSet);
    const all = [fresh, ...old];
    const desired = deployment.spec.replicas ?? 1;
    const { maxUnavailable } = rollingParameters(deployment);
    const previous = deployment.status ?? {};
    const counts = {
      replicas: sum(all, (rs) => rs.status?.replicas ?? 0),
      updatedReplicas: fresh.status?.replicas ?? 0,
      readyReplicas: sum(all, (rs) => rs.status?.readyReplicas ?? 0),
      availableReplicas: sum(all, (rs) => rs.status?.availableReplicas ?? 0),
    };
    const timestamp = now();
    const conditions: Condition[] = [...(previous.conditions ?? [])];
    const setCondition = (type: string, status: 'True' | 'False', reason: string, message: string, touch: boolean): void => {
      const index = conditions.findIndex((c) => c.type === type);
      const current = conditions[index];
      if (current && current.status === status && current.reason === reason && !touch) return;
      const next: Condition = {
        type,
        status,
        reason,
        message,
        lastUpdateTime: timestamp,
        lastTransitionTime: current && current.status === status ? current.lastTransitionTime : timestamp,
      };
      if (index >= 0) conditions[index] = next;
      else conditions.push(next);
    };
    const available = counts.availableReplicas >= desired - maxUnavailable;
    setCondition(
      'Available',
      available ? 'True' : 'False',
      available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
      available ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
      false,
    );
    const rsName = fresh.metadata.name;
    const complete =
      counts.updatedReplicas === desired && counts.replicas === desired && counts.availableReplicas === desired && specReplicas(fresh) === desired;
    const oldReplicas = (status: { replicas?: number; updatedReplicas?: number }): number => (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
    const progressed =
      templateChanged ||
      counts.updatedReplicas > (previous.updatedReplicas ?? 0) ||
      counts.readyReplicas > (previous.readyReplicas ?? 0) ||
      counts.availableReplicas > (previous.availableReplicas ?? 0) ||
      oldReplicas(counts) < oldReplicas(previous);
    const progressing = conditions.find((c) => c.type === 'Progressing');
    const deadlineSeconds = deployment.spec.progressDeadlineSeconds;
    if (deployment.spec.paused) {
      setCondition('Progressing', 'Unknown' as 'True', 'DeploymentPaused', 'Deployment is paused', false);
    } else if (complete) {
      setCondition(
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${rsName}" has successfully progressed.`,
        progressing?.reason !== 'NewReplicaSetAvailable',
      );
    } else if (progressed) {
      setCondition(
        'Progressing',
        'True',
        templateChanged && !progressing ? 'NewReplicaSetCreated' : 'ReplicaSetUpdated',
        `ReplicaSet "${rsName}" is progressing.`,
        true,
      );
    } else if (
      progressing &&
      progressing.reason !== 'NewReplicaSetAvailable' &&
      progressing.reason !== 'ProgressDeadlineExceeded' &&
      deadlineSeconds !== undefined
    ) {
      const elapsed = Date.now() - Date.parse(progressing.lastUpdateTime);
      if (elapsed >= deadlineSeconds * 1000) {
        setCondition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, true);
        this.events.record(deployment, 'Warning', 'ProgressDeadlineExceeded', `Deployment "${name}" has timed out progressing.`, 'deployment-controller');
      }
    }
    const after = conditions.find((c) => c.type === 'Progressing');
    if (!complete && after?.status === 'True' && deadlineSeconds !== undefined) {
      const remaining = Date.parse(after.lastUpdateTime) + deadlineSeconds * 1000 - Date.now();
      this.queue.addAfter(key, Math.max(50, remaining + 50));
    }
    // pkg/controller/deployment/progress.go getReplicaFailures: the new ReplicaSet's failure first, then an old one's.
    const failure = [fresh, ...old]
      .map((rs) => ((rs.status?.conditions ?? []) as Condition[]).find((c) => c.type === 'ReplicaFailure'))
      .find((c) => c !== undefined);
    const withoutFailure = conditions.filter((c) => c.type !== 'ReplicaFailure');
    conditions.splice(0, conditions.length, ...withoutFailure);
    if (failure) {
      const time = failure.lastTransitionTime;
      conditions.push({
        type: 'ReplicaFailure',
        status: failure.status,
        reason: failure.reason,
        message: failure.message,
        lastUpdateTime: time,
        lastTransitionTime: time,
      });
    }
    const status = {
      observedGeneration: deployment.metadata.generation,
      ...counts,
      ...(desired - counts.availableReplicas > 0 ? { unavailableReplicas: desired - counts.availableReplicas } : {}),
      conditions,
    };
    if (!isDeepStrictEqual(previous, status)) {
      this.store.mutate(TYPES.deployments, namespace, name, (object) => {
        object.status = status;
      });
    }
  }
}
