import type { EventRecorder } from '../events.js';
import { NODE_NAME } from '../kubelet/pod-runtime.js';
import { holdsResources, podRequests, type ResourceList } from '../pod-resources.js';
import { parseQuantity } from '../quantities.js';
import { TYPES } from '../resources.js';
import { now, type KubeObject, type Store } from '../store.js';

const SCHEDULER = 'default-scheduler';

/** The node the emulator starts with: big enough for any suite test and for other clients' manifests. */
export function defaultNode(): KubeObject {
  const capacity = { cpu: '64', memory: '256Gi', pods: '250', 'ephemeral-storage': '1Ti' };
  const time = now();
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: NODE_NAME,
      labels: { 'kubernetes.io/hostname': NODE_NAME, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'node-role.kubernetes.io/control-plane': '' },
    },
    spec: {},
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: time,
          lastTransitionTime: time,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: '127.0.0.1' },
        { type: 'Hostname', address: NODE_NAME },
      ],
      nodeInfo: { kubeletVersion: 'v1.32.0', operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'emulator://1' },
    },
  };
}

/** Why a pod does not fit a node, in the words of the scheduler's filter plugins; empty when it fits. */
export function unfitReasons(pod: KubeObject, node: KubeObject, podsOnNode: readonly KubeObject[]): string[] {
  if (node.spec?.unschedulable) return ['node(s) were unschedulable'];
  const selector = (pod.spec?.nodeSelector ?? {}) as Record<string, string>;
  if (Object.entries(selector).some(([key, value]) => node.metadata.labels?.[key] !== value)) return ["node(s) didn't match Pod's node affinity/selector"];
  const allocatable = (node.status?.allocatable ?? {}) as Record<string, unknown>;
  const reasons: string[] = [];
  const maxPods = parseQuantity(allocatable.pods) ?? 110;
  if (podsOnNode.length + 1 > maxPods) reasons.push('Too many pods');
  const used: ResourceList = {};
  for (const other of podsOnNode) for (const [name, value] of Object.entries(podRequests(other.spec))) used[name] = (used[name] ?? 0) + value;
  for (const [name, value] of Object.entries(podRequests(pod.spec))) {
    if (value <= 0 || name === 'pods') continue;
    const available = parseQuantity(allocatable[name]) ?? 0;
    if ((used[name] ?? 0) + value > available) reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}

/**
 * The scheduler's FitError text (pkg/scheduler/framework/types.go): a histogram of the reasons,
 * sorted, then what preemption found (no lower-priority pods to evict here).
 */
export function unschedulableMessage(reasonsByNode: readonly string[][]): string {
  const total = reasonsByNode.length;
  if (total === 0) return 'no nodes available to schedule pods';
  const histogram = new Map<string, number>();
  for (const reasons of reasonsByNode) for (const reason of reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
  const filters = [...histogram].map(([reason, count]) => `${count} ${reason}`).sort();
  const helpful = reasonsByNode.filter((reasons) => reasons.some((reason) => reason.startsWith('Insufficient') || reason === 'Too many pods')).length;
  const preemption = [
    ...(helpful > 0 ? [`${helpful} No preemption victims found for incoming pod`] : []),
    ...(total - helpful > 0 ? [`${total - helpful} Preemption is not helpful for scheduling`] : []),
  ].sort();
  return `0/${total} nodes are available: ${filters.join(', ')}. preemption: 0/${total} nodes are available: ${preemption.join(', ')}.`;
}

/**
 * kube-scheduler for the emulator: binds each new pod (of the default scheduler, without a node) to
 * the first node where it fits. A pod that fits nowhere stays Pending with `PodScheduled=False,
 * reason Unschedulable` and a `FailedScheduling` event, and is tried again when a node is added or
 * changed or a pod goes away, as the scheduling queue moves unschedulable pods back on those events.
 */
export class Scheduler {
  private readonly unsubscribe: () => void;
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly events: EventRecorder,
  ) {
    this.unsubscribe = store.subscribe((event) => {
      const podGone = event.resourceType === TYPES.pods && (event.type === 'DELETED' || !holdsResources(event.object));
      const newPod = event.resourceType === TYPES.pods && event.type === 'ADDED' && !event.object.spec?.nodeName;
      if (event.resourceType === TYPES.nodes || podGone || newPod) this.soon();
    });
    this.soon();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
  }

  private soon(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.stopped) this.scheduleAll();
    });
  }

  private scheduleAll(): void {
    const pending = this.store
      .list(TYPES.pods)
      .filter((pod) => !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? SCHEDULER) === SCHEDULER)
      .sort((a, b) => Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? ''));
    for (const pod of pending) this.schedule(pod);
  }

  private schedule(pod: KubeObject): void {
    const nodes = this.store.list(TYPES.nodes);
    const bound = this.store.list(TYPES.pods).filter((other) => other.spec?.nodeName && holdsResources(other));
    const reasonsByNode: string[][] = [];
    for (const node of nodes) {
      const reasons = unfitReasons(
        pod,
        node,
        bound.filter((other) => other.spec.nodeName === node.metadata.name),
      );
      if (reasons.length === 0) return this.bind(pod, node.metadata.name);
      reasonsByNode.push(reasons);
    }
    const message = unschedulableMessage(reasonsByNode);
    const previous = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'PodScheduled');
    if (previous?.status !== 'False' || previous.message !== message) {
      this.store.mutate(TYPES.pods, pod.metadata.namespace, pod.metadata.name, (object) => {
        object.status = {
          ...(object.status ?? {}),
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: now() }],
        };
      });
    }
    this.events.record(pod, 'Warning', 'FailedScheduling', message, SCHEDULER);
  }

  private bind(pod: KubeObject, node: string): void {
    const written = this.store.mutate(TYPES.pods, pod.metadata.namespace, pod.metadata.name, (object) => {
      if (object.metadata.uid === pod.metadata.uid && !object.spec.nodeName) object.spec.nodeName = node;
    });
    if (written?.spec?.nodeName === node)
      this.events.record(written, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`, SCHEDULER);
  }
}
