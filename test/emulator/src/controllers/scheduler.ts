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

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** k8s.io/api/core/v1/toleration.go ToleratesTaint: an empty effect or key matches all, `Exists` any value. */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.operator ?? 'Equal') === 'Equal' && (toleration.value ?? '') === (taint.value ?? '');
}

/** The first of the node's taints with one of `effects` that no toleration of the pod tolerates (v1helper.FindMatchingUntoleratedTaint). */
export function untoleratedTaint(pod: KubeObject, node: KubeObject, effects: readonly string[]): Taint | undefined {
  const tolerations = (Array.isArray(pod.spec?.tolerations) ? pod.spec.tolerations : []) as Toleration[];
  const taints = (Array.isArray(node.spec?.taints) ? node.spec.taints : []) as Taint[];
  return taints.find((taint) => effects.includes(taint.effect) && !tolerations.some((toleration) => tolerates(toleration, taint)));
}

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function requirementMet(requirement: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const actual = Number.parseInt(value ?? '', 10);
      const bound = Number.parseInt(values[0] ?? '', 10);
      if (!Number.isInteger(actual) || !Number.isInteger(bound)) return false;
      return requirement.operator === 'Gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/**
 * The pod's nodeSelector and required node affinity against a node (k8s.io/component-helpers/scheduling/corev1/nodeaffinity):
 * every nodeSelector label, and at least one term whose expressions (labels) and fields
 * (`metadata.name`) all hold; a term with neither matches no node.
 */
export function matchesNodeAffinity(pod: KubeObject, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  const selector = (pod.spec?.nodeSelector ?? {}) as Record<string, string>;
  if (Object.entries(selector).some(([key, value]) => labels[key] !== value)) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution as { nodeSelectorTerms?: NodeSelectorTerm[] } | undefined;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((term) => {
    const expressions = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (expressions.length === 0 && fields.length === 0) return false;
    return (
      expressions.every((requirement) => requirementMet(requirement, labels[requirement.key])) &&
      fields.every((requirement) => requirement.key === 'metadata.name' && requirementMet(requirement, node.metadata.name))
    );
  });
}

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/**
 * Why a pod does not fit a node, in the words of the scheduler's filter plugins, run in the default
 * profile's order and stopping at the first that fails (framework/runtime RunFilterPlugins):
 * NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit (pkg/scheduler/framework/plugins/*).
 * Empty when the pod fits.
 */
export function unfitReasons(pod: KubeObject, node: KubeObject, podsOnNode: readonly KubeObject[]): string[] {
  const tolerations = (Array.isArray(pod.spec?.tolerations) ? pod.spec.tolerations : []) as Toleration[];
  if (node.spec?.unschedulable && !tolerations.some((toleration) => tolerates(toleration, UNSCHEDULABLE_TAINT))) return ['node(s) were unschedulable'];
  const taint = untoleratedTaint(pod, node, ['NoSchedule', 'NoExecute']);
  if (taint) return [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`];
  if (!matchesNodeAffinity(pod, node)) return ["node(s) didn't match Pod's node affinity/selector"];
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
