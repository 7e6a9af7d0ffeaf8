import { RESOURCE_TYPES, TYPES } from '../resources.js';
import type { KubeObject, Store } from '../store.js';

/**
 * Background cascading deletion, as the garbage collector does it (pkg/controller/garbagecollector):
 * the API server removes the owner at once and `kubectl delete` returns; a moment later the
 * collector drops the reference from each dependent and deletes the dependents left without an
 * owner (a Deployment's ReplicaSets, then their pods, which terminate gracefully).
 */
export class GarbageCollector {
  private readonly unsubscribe: () => void;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly delayMs = 500,
  ) {
    this.unsubscribe = store.subscribe((event) => {
      if (event.type !== 'DELETED' || event.resourceType === TYPES.events || !event.object.metadata.uid) return;
      const uid = event.object.metadata.uid;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.collect(uid);
      }, this.delayMs);
      this.timers.add(timer);
    });
  }

  stop(): void {
    this.unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private collect(ownerUid: string): void {
    for (const type of RESOURCE_TYPES.filter((candidate) => candidate !== TYPES.events)) {
      for (const dependent of this.store.list(type)) {
        const references = dependent.metadata.ownerReferences ?? [];
        if (!references.some((reference) => reference.uid === ownerUid)) continue;
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
  }

  private ownerExists(dependent: KubeObject, uid: string): boolean {
    const reference = dependent.metadata.ownerReferences?.find((r) => r.uid === uid);
    if (!reference) return false;
    const type = this.store.typeOf({ apiVersion: reference.apiVersion, kind: reference.kind, metadata: { name: reference.name } });
    return type ? this.store.get(type, dependent.metadata.namespace, reference.name)?.metadata.uid === uid : false;
  }
}
