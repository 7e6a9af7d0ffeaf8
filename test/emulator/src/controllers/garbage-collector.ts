import { RESOURCE_TYPES, TYPES, type ResourceType } from '../resources.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type KubeObject, type OwnerReference, type Store, type StoreEvent } from '../store.js';

/**
 * The garbage collector (pkg/controller/garbagecollector), a moment after what it reacts to:
 * - Background: once an owner is gone, it drops the reference from each dependent and deletes
 *   the dependents left without an owner (a Deployment's ReplicaSets, then their pods, which
 *   terminate gracefully).
 * - Foreground: an owner with the `foregroundDeletion` finalizer stays, with its deletionTimestamp,
 *   while the collector deletes its blocking dependents (`blockOwnerDeletion`), in the foreground
 *   themselves when they have dependents; when none is left it removes the finalizer and the
 *   API server removes the owner (processDeletingDependentsItem, attemptToDeleteItem).
 * - Orphan: the `orphan` finalizer; the collector removes the owner's references from its
 *   dependents, then the finalizer (orphanDependents).
 */
interface Owner {
  resourceType: ResourceType;
  namespace?: string | undefined;
  name: string;
  uid: string;
}

export class GarbageCollector {
  private readonly unsubscribe: () => void;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly delayMs = 500,
  ) {
    this.unsubscribe = store.subscribe((event) => this.observe(event));
  }

  stop(): void {
    this.unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private observe(event: StoreEvent): void {
    const { metadata } = event.object;
    const uid = metadata.uid;
    if (event.resourceType === TYPES.events || !uid) return;
    if (event.type === 'DELETED') {
      this.later(() => this.collect(uid));
      // An owner in foreground deletion may have been waiting for this dependent.
      for (const reference of metadata.ownerReferences ?? []) this.later(() => this.finishForeground(event.object, reference));
      return;
    }
    if (!metadata.deletionTimestamp) return;
    const owner: Owner = { resourceType: event.resourceType, namespace: metadata.namespace, name: metadata.name, uid };
    if (metadata.finalizers?.includes(FOREGROUND_FINALIZER)) this.later(() => this.deleteDependents(owner));
    if (metadata.finalizers?.includes(ORPHAN_FINALIZER)) this.later(() => this.orphanDependents(owner));
  }

  private later(work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, this.delayMs);
    this.timers.add(timer);
  }

  private dependentsOf(uid: string): { type: ResourceType; object: KubeObject; reference: OwnerReference }[] {
    const found = [];
    for (const type of RESOURCE_TYPES.filter((candidate) => candidate !== TYPES.events)) {
      for (const object of this.store.list(type)) {
        const reference = object.metadata.ownerReferences?.find((candidate) => candidate.uid === uid);
        if (reference) found.push({ type, object, reference });
      }
    }
    return found;
  }

  private collect(ownerUid: string): void {
    for (const { type, object: dependent } of this.dependentsOf(ownerUid)) {
      const references = dependent.metadata.ownerReferences ?? [];
      const remaining = references.filter((reference) => reference.uid !== ownerUid && this.ownerExists(dependent, reference.uid));
      if (remaining.length > 0) {
        this.store.mutate(type, dependent.metadata.namespace, dependent.metadata.name, (object: KubeObject) => {
          object.metadata.ownerReferences = remaining;
        });
      } else if (!dependent.metadata.deletionTimestamp) {
        this.store.delete(type, dependent.metadata.namespace, dependent.metadata.name);
      }
    }
  }

  private deleteDependents(owner: Owner): void {
    const current = this.store.get(owner.resourceType, owner.namespace, owner.name);
    if (current?.metadata.uid !== owner.uid || !current.metadata.finalizers?.includes(FOREGROUND_FINALIZER)) return;
    const blocking = this.dependentsOf(owner.uid).filter(({ reference }) => reference.blockOwnerDeletion);
    if (blocking.length === 0) {
      this.removeFinalizer(owner, FOREGROUND_FINALIZER);
      return;
    }
    for (const { type, object } of blocking) {
      if (object.metadata.deletionTimestamp) continue;
      const hasDependents = object.metadata.uid !== undefined && this.dependentsOf(object.metadata.uid).length > 0;
      this.store.delete(type, object.metadata.namespace, object.metadata.name, { propagationPolicy: hasDependents ? 'Foreground' : 'Background' });
    }
  }

  /** A dependent is gone: its owner, if it waits in foreground deletion, may now be finished. */
  private finishForeground(dependent: KubeObject, reference: OwnerReference): void {
    const type = this.store.typeOf({ apiVersion: reference.apiVersion, kind: reference.kind, metadata: { name: reference.name } });
    if (!type) return;
    const namespace = type.namespaced ? dependent.metadata.namespace : undefined;
    this.deleteDependents({ resourceType: type, namespace, name: reference.name, uid: reference.uid });
  }

  private orphanDependents(owner: Owner): void {
    const current = this.store.get(owner.resourceType, owner.namespace, owner.name);
    if (current?.metadata.uid !== owner.uid || !current.metadata.finalizers?.includes(ORPHAN_FINALIZER)) return;
    for (const { type, object } of this.dependentsOf(owner.uid)) {
      this.store.mutate(type, object.metadata.namespace, object.metadata.name, (dependent) => {
        const remaining = (dependent.metadata.ownerReferences ?? []).filter((reference) => reference.uid !== owner.uid);
        if (remaining.length > 0) dependent.metadata.ownerReferences = remaining;
        else delete dependent.metadata.ownerReferences;
      });
    }
    this.removeFinalizer(owner, ORPHAN_FINALIZER);
  }

  private removeFinalizer(owner: Owner, finalizer: string): void {
    this.store.mutate(owner.resourceType, owner.namespace, owner.name, (object) => {
      object.metadata.finalizers = (object.metadata.finalizers ?? []).filter((candidate) => candidate !== finalizer);
      if (object.metadata.finalizers.length === 0) delete object.metadata.finalizers;
    });
  }

  private ownerExists(dependent: KubeObject, uid: string): boolean {
    const reference = dependent.metadata.ownerReferences?.find((r) => r.uid === uid);
    if (!reference) return false;
    const type = this.store.typeOf({ apiVersion: reference.apiVersion, kind: reference.kind, metadata: { name: reference.name } });
    return type ? this.store.get(type, dependent.metadata.namespace, reference.name)?.metadata.uid === uid : false;
  }
}
