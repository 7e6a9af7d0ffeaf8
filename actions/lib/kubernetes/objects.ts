/**
 * The shapes of the Kubernetes objects the suite reads from manifests and from the cluster: only
 * the fields it uses are typed, all of them optional where the API server may leave them out.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** A Kubernetes object as read from a manifest; only the fields the deploy logic needs are typed. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  [field: string]: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The pod spec inside any workload kind, or undefined for objects that run no pods. */
export function podSpecOf(object: KubeObject): Record<string, unknown> | undefined {
  const spec = object.spec;
  if (!isRecord(spec)) return undefined;
  if (object.kind === 'Pod') return spec;
  const templateSpec = object.kind === 'CronJob' ? field(spec, 'jobTemplate', 'spec', 'template', 'spec') : field(spec, 'template', 'spec');
  return isRecord(templateSpec) ? templateSpec : undefined;
}

function field(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((current, key) => (isRecord(current) ? current[key] : undefined), value);
}

/** Every image of a workload's pod spec, init containers included, in order. */
export function containerImages(object: KubeObject): string[] {
  const podSpec = podSpecOf(object);
  if (!podSpec) return [];
  return ['initContainers', 'containers'].flatMap((list) => {
    const containers = podSpec[list];
    return Array.isArray(containers) ? (containers as Array<{ image?: unknown }>).flatMap((c) => (typeof c.image === 'string' ? [c.image] : [])) : [];
  });
}

/** What `kubectl get <kind> --output json` answers for a list. */
export interface ObjectList<T> {
  items: T[];
}

export interface OwnerReference {
  uid: string;
  controller?: boolean;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec?: { containers?: Array<{ name?: string; image?: string }> };
}

export interface Pod {
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; deletionTimestamp?: string; ownerReferences?: OwnerReference[] };
  spec?: { containers?: Array<{ ports?: Array<{ name?: string; containerPort: number }> }> };
  status?: {
    phase?: string;
    conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { exitCode?: number; reason?: string; message?: string } };
}

/** A Deployment as the cluster has it, also usable where a manifest's object is expected. */
export interface LiveDeployment extends KubeObject {
  metadata: ObjectMeta & { uid?: string };
  spec?: KubeObject['spec'] & { replicas?: number; selector?: LabelSelector; template?: PodTemplate };
}

export interface ReplicaSet {
  metadata: { name: string; uid?: string; annotations?: Record<string, string>; labels?: Record<string, string>; ownerReferences?: OwnerReference[] };
  spec?: { replicas?: number; selector?: LabelSelector; template?: PodTemplate };
  status?: { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> };
}

export interface StatefulSet {
  metadata: { uid?: string; generation?: number };
  spec?: { selector?: LabelSelector };
  status?: { observedGeneration?: number; currentRevision?: string; updateRevision?: string };
}

/** What `kubectl rollout history|undo statefulset/…` reads: one per pod template, numbered. */
export interface ControllerRevision {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: OwnerReference[] };
  revision: number;
  data?: { spec?: { template?: unknown } };
}

export interface Service {
  spec?: { selector?: Record<string, string> };
}

export interface HorizontalPodAutoscaler {
  metadata: { name: string };
  spec?: { scaleTargetRef?: { kind?: string; name?: string } };
}

export interface KubernetesEvent {
  metadata?: { name: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
}

/** The images of a pod template's containers, in order. */
export function templateImages(template: PodTemplate | undefined): string[] {
  return (template?.spec?.containers ?? []).flatMap((container) => (container.image ? [container.image] : []));
}
