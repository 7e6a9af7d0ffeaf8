import type { ResourceType } from './resources.js';
import { selectorToString } from './selectors.js';
import type { KubeObject } from './store.js';

/**
 * Server-side printing (`Accept: …;as=Table`): the columns `kubectl get` shows. Columns with
 * priority 1 appear only with `-o wide`, as on a real server.
 */
interface Column {
  name: string;
  priority?: number;
  cell: (object: KubeObject) => string | number;
}

export function age(timestamp: string | undefined): string {
  if (!timestamp) return '<unknown>';
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(timestamp)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ''}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${minutes % 60 ? `${minutes % 60}m` : ''}`;
  return `${Math.floor(hours / 24)}d`;
}

const name: Column = { name: 'Name', cell: (o) => o.metadata.name };
const ageColumn: Column = { name: 'Age', cell: (o) => age(o.metadata.creationTimestamp) };

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number }; running?: unknown };
  lastState?: { terminated?: { finishedAt?: string } };
}

/** Init containers with `restartPolicy: Always`: sidecars, counted with the app containers in READY and RESTARTS. */
function sidecarNames(pod: KubeObject): Set<string> {
  const initContainers = (pod.spec?.initContainers ?? []) as { name: string; restartPolicy?: string }[];
  return new Set(initContainers.filter((container) => container.restartPolicy === 'Always').map((container) => container.name));
}

/** App containers' statuses and those of the sidecars that have started (printers.go printPod). */
function runningStatuses(pod: KubeObject): ContainerStatus[] {
  const sidecars = sidecarNames(pod);
  const initStatuses = (pod.status?.initContainerStatuses ?? []) as ContainerStatus[];
  return [...initStatuses.filter((status) => sidecars.has(status.name ?? '')), ...((pod.status?.containerStatuses ?? []) as ContainerStatus[])];
}

/** The STATUS column of `kubectl get pods`, computed like kubectl's own pod printer. */
export function podStatusReason(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason: string = pod.status?.reason ?? pod.status?.phase ?? 'Pending';
  const initStatuses = (pod.status?.initContainerStatuses ?? []) as ContainerStatus[];
  const sidecars = sidecarNames(pod);
  for (const [index, status] of initStatuses.entries()) {
    const terminated = status.state?.terminated;
    const waiting = status.state?.waiting?.reason;
    if (terminated?.exitCode === 0) continue;
    if (sidecars.has(status.name ?? '') && status.started) continue;
    if (terminated) return terminated.reason ? `Init:${terminated.reason}` : `Init:ExitCode:${terminated.exitCode ?? 0}`;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${index}/${(pod.spec?.initContainers ?? []).length}`;
  }
  const statuses = (pod.status?.containerStatuses ?? []) as ContainerStatus[];
  for (const status of [...statuses].reverse()) {
    if (status.state?.waiting?.reason) reason = status.state.waiting.reason;
    else if (status.state?.terminated?.reason) reason = status.state.terminated.reason;
    else if (status.state?.terminated) reason = `ExitCode:${status.state.terminated.exitCode ?? 0}`;
  }
  return reason;
}

const COLUMNS: Record<string, Column[]> = {
  Node: [
    name,
    {
      name: 'Status',
      cell: (o) => {
        const ready = (o.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
        const status = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
        return o.spec?.unschedulable ? `${status},SchedulingDisabled` : status;
      },
    },
    {
      name: 'Roles',
      cell: (o) =>
        Object.keys(o.metadata.labels ?? {})
          .filter((label) => label.startsWith('node-role.kubernetes.io/'))
          .map((label) => label.slice('node-role.kubernetes.io/'.length))
          .join(',') || '<none>',
    },
    ageColumn,
    { name: 'Version', cell: (o) => o.status?.nodeInfo?.kubeletVersion ?? '' },
  ],
  Pod: [
    name,
    {
      name: 'Ready',
      cell: (o) => {
        const ready = runningStatuses(o).filter((s) => s.ready && (s.started ?? true)).length;
        return `${ready}/${(o.spec?.containers ?? []).length + sidecarNames(o).size}`;
      },
    },
    { name: 'Status', cell: podStatusReason },
    {
      name: 'Restarts',
      cell: (o) => {
        const statuses = runningStatuses(o);
        const restarts = statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
        const last = statuses
          .map((s) => s.lastState?.terminated?.finishedAt)
          .filter((t): t is string => !!t)
          .sort()
          .pop();
        return last ? `${restarts} (${age(last)} ago)` : String(restarts);
      },
    },
    ageColumn,
    { name: 'IP', priority: 1, cell: (o) => o.status?.podIP ?? '<none>' },
    { name: 'Node', priority: 1, cell: (o) => o.spec?.nodeName ?? '<none>' },
  ],
  Deployment: [
    name,
    { name: 'Ready', cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
    { name: 'Up-to-date', cell: (o) => o.status?.updatedReplicas ?? 0 },
    { name: 'Available', cell: (o) => o.status?.availableReplicas ?? 0 },
    ageColumn,
    {
      name: 'Containers',
      priority: 1,
      cell: (o) =>
        containers(o)
          .map((c) => c.name)
          .join(','),
    },
    {
      name: 'Images',
      priority: 1,
      cell: (o) =>
        containers(o)
          .map((c) => c.image)
          .join(','),
    },
    { name: 'Selector', priority: 1, cell: (o) => selectorToString(o.spec?.selector) },
  ],
  ReplicaSet: [
    name,
    { name: 'Desired', cell: (o) => o.spec?.replicas ?? 0 },
    { name: 'Current', cell: (o) => o.status?.replicas ?? 0 },
    { name: 'Ready', cell: (o) => o.status?.readyReplicas ?? 0 },
    ageColumn,
    {
      name: 'Containers',
      priority: 1,
      cell: (o) =>
        containers(o)
          .map((c) => c.name)
          .join(','),
    },
    {
      name: 'Images',
      priority: 1,
      cell: (o) =>
        containers(o)
          .map((c) => c.image)
          .join(','),
    },
    { name: 'Selector', priority: 1, cell: (o) => selectorToString(o.spec?.selector) },
  ],
  StatefulSet: [
    name,
    { name: 'Ready', cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
    ageColumn,
    {
      name: 'Containers',
      priority: 1,
      cell: (o) =>
        containers(o)
          .map((c) => c.name)
          .join(','),
    },
    {
      name: 'Images',
      priority: 1,
      cell: (o) =>
        containers(o)
          .map((c) => c.image)
          .join(','),
    },
  ],
  ControllerRevision: [
    name,
    {
      name: 'Controller',
      cell: (o) => {
        const owner = o.metadata.ownerReferences?.find((reference) => reference.controller);
        return owner ? `${owner.kind.toLowerCase()}.${owner.apiVersion.split('/')[0]}/${owner.name}` : '<none>';
      },
    },
    { name: 'Revision', cell: (o) => Number(o.revision ?? 0) },
    ageColumn,
  ],
  Service: [
    name,
    { name: 'Type', cell: (o) => o.spec?.type ?? 'ClusterIP' },
    { name: 'Cluster-IP', cell: (o) => o.spec?.clusterIP ?? '<none>' },
    { name: 'External-IP', cell: () => '<none>' },
    {
      name: 'Port(s)',
      cell: (o) => ((o.spec?.ports ?? []) as { port: number; protocol?: string }[]).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',') || '<none>',
    },
    ageColumn,
    {
      name: 'Selector',
      priority: 1,
      cell: (o) =>
        Object.entries(o.spec?.selector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || '<none>',
    },
  ],
  Endpoints: [
    name,
    {
      name: 'Endpoints',
      cell: (o) => {
        const subsets = (o.subsets ?? []) as { addresses?: { ip: string }[]; ports?: { port: number }[] }[];
        const pairs = subsets.flatMap((s) => (s.addresses ?? []).flatMap((a) => (s.ports ?? []).map((p) => `${a.ip}:${p.port}`)));
        return pairs.join(',') || '<none>';
      },
    },
    ageColumn,
  ],
  Event: [
    { name: 'Last Seen', cell: (o) => age((o.lastTimestamp as string | undefined) ?? o.metadata.creationTimestamp) },
    { name: 'Type', cell: (o) => String(o.type ?? '') },
    { name: 'Reason', cell: (o) => String(o.reason ?? '') },
    {
      name: 'Object',
      cell: (o) => {
        const involved = (o.involvedObject ?? {}) as { kind?: string; name?: string };
        return `${(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`;
      },
    },
    { name: 'Message', cell: (o) => String(o.message ?? '') },
  ],
  Namespace: [name, { name: 'Status', cell: (o) => o.status?.phase ?? 'Active' }, ageColumn],
  // The additionalPrinterColumns of the Gateway API CRDs.
  GatewayClass: [
    name,
    { name: 'Controller', cell: (o) => o.spec?.controllerName ?? '' },
    { name: 'Accepted', cell: (o) => conditionStatus(o, 'Accepted') },
    ageColumn,
    { name: 'Description', priority: 1, cell: (o) => o.spec?.description ?? '' },
  ],
  Gateway: [
    name,
    { name: 'Class', cell: (o) => o.spec?.gatewayClassName ?? '' },
    { name: 'Address', cell: (o) => ((o.status?.addresses ?? []) as { value: string }[]).map((a) => a.value).join(' ') },
    { name: 'Programmed', cell: (o) => conditionStatus(o, 'Programmed') },
    ageColumn,
  ],
  HTTPRoute: [name, { name: 'Hostnames', cell: (o) => (o.spec?.hostnames ? JSON.stringify(o.spec.hostnames) : '') }, ageColumn],
};

function conditionStatus(o: KubeObject, type: string): string {
  return ((o.status?.conditions ?? []) as { type: string; status: string }[]).find((c) => c.type === type)?.status ?? '';
}

function containers(o: KubeObject): { name: string; image: string }[] {
  return o.spec?.template?.spec?.containers ?? [];
}

export function toTable(type: ResourceType, objects: KubeObject[], resourceVersion: string): Record<string, unknown> {
  const columns = COLUMNS[type.kind] ?? [name, ageColumn];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map((column) => ({
      name: column.name,
      type: 'string',
      format: column.name === 'Name' ? 'name' : '',
      description: column.name,
      priority: column.priority ?? 0,
    })),
    rows: objects.map((object) => ({
      cells: columns.map((column) => column.cell(object)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata },
    })),
  };
}
