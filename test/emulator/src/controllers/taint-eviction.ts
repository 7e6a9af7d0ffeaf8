import { isDeepStrictEqual } from 'node:util';
import type { EventRecorder } from '../events.js';
import { TYPES } from '../resources.js';
import { now, type KubeObject, type Store } from '../store.js';
import { tolerates, untoleratedTaint, type Taint, type Toleration } from './scheduler.js';

const COMPONENT = 'taint-eviction-controller';

/**
 * The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go): a pod on a node
 * with a NoExecute taint it does not tolerate is deleted at once; one it tolerates for
 * `tolerationSeconds` is deleted when the shortest of those runs out, unless the taint goes first.
 * Each eviction gets a `DisruptionTarget` condition (reason DeletionByTaintManager) and a
 * `TaintManagerEviction` event, as the controller writes them.
 */
export class TaintEvictionController {
  private readonly unsubscribe: () => void;
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly events: EventRecorder,
  ) {
    this.unsubscribe = store.subscribe((event) => {
      const taintsChanged = event.type === 'ADDED' || !isDeepStrictEqual(event.object.spec?.taints, event.previous?.spec?.taints);
      if (event.resourceType === TYPES.nodes && event.type !== 'DELETED' && taintsChanged) setImmediate(() => this.syncNode(event.object.metadata.name));
      if (event.resourceType === TYPES.pods && event.object.spec?.nodeName && event.type !== 'DELETED' && !event.previous?.spec?.nodeName)
        setImmediate(() => this.syncNode(event.object.spec.nodeName));
    });
  }

  stop(): void {
    this.unsubscribe();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private syncNode(nodeName: string): void {
    const node = this.store.get(TYPES.nodes, undefined, nodeName);
    if (!node) return;
    const noExecute = ((Array.isArray(node.spec?.taints) ? node.spec.taints : []) as Taint[]).filter((taint) => taint.effect === 'NoExecute');
    for (const pod of this.store.list(TYPES.pods).filter((candidate) => candidate.spec?.nodeName === nodeName && !candidate.metadata.deletionTimestamp)) {
      const key = pod.metadata.uid ?? '';
      const pending = this.timers.get(key);
      if (pending) clearTimeout(pending);
      this.timers.delete(key);
      if (noExecute.length === 0) continue;
      if (untoleratedTaint(pod, node, ['NoExecute'])) {
        this.evict(pod);
        continue;
      }
      const tolerations = (Array.isArray(pod.spec?.tolerations) ? pod.spec.tolerations : []) as Toleration[];
      const seconds = tolerations
        .filter((toleration) => noExecute.some((taint) => tolerates(toleration, taint)))
        .map((toleration) => toleration.tolerationSeconds)
        .filter((value): value is number => typeof value === 'number');
      if (seconds.length === 0) continue;
      const timer = setTimeout(
        () => {
          this.timers.delete(key);
          const current = this.store.get(TYPES.pods, pod.metadata.namespace, pod.metadata.name);
          if (current?.metadata.uid === key) this.evict(current);
        },
        Math.max(0, Math.min(...seconds)) * 1000,
      );
      this.timers.set(key, timer);
    }
  }

  private evict(pod: KubeObject): void {
    const { namespace, name } = pod.metadata;
    this.events.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`, COMPONENT);
    this.store.mutate(TYPES.pods, namespace, name, (object) => {
      const conditions = ((object.status?.conditions ?? []) as { type: string }[]).filter((condition) => condition.type !== 'DisruptionTarget');
      const disruption = {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
        lastTransitionTime: now(),
      };
      object.status = { ...(object.status ?? {}), conditions: [...conditions, disruption] };
    });
    if (this.store.get(TYPES.pods, namespace, name)) this.store.delete(TYPES.pods, namespace, name);
  }
}
