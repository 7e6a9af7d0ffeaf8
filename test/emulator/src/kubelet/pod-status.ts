import { now } from '../store.js';
import type { ContainerRuntime, PodRuntime } from './pod-runtime.js';

/** The pod conditions the kubelet owns (pkg/kubelet/types/pod_status.go PodConditionsByKubelet); it keeps every other condition as others wrote it. */
const KUBELET_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers']);

interface PodCondition {
  type: string;
  status: string;
  [field: string]: unknown;
}

/**
 * Why a pod whose containers are ready is still not Ready: the first readiness gate whose
 * condition is missing or not True (pkg/kubelet/status/generate.go GeneratePodReadyCondition).
 */
function unmetReadinessGates(runtime: PodRuntime, conditions: readonly PodCondition[]): string | undefined {
  const gates = Array.isArray(runtime.spec.readinessGates) ? (runtime.spec.readinessGates as Array<{ conditionType?: unknown }>) : [];
  const unmet: string[] = [];
  for (const gate of gates) {
    const type = String(gate.conditionType);
    const condition = conditions.find((c) => c.type === type);
    if (!condition) unmet.push(`corresponding condition of pod readiness gate "${type}" does not exist.`);
    else if (condition.status !== 'True') unmet.push(`the status of pod readiness gate "${type}" is not "True", but ${condition.status}`);
  }
  return unmet.length > 0 ? unmet.join(', ') : undefined;
}

/**
 * A pod's `status` as a kubelet reports it: phase, conditions (transition times kept while
 * unchanged; conditions written by others, such as readiness gates', kept as they are),
 * addresses and container statuses.
 */
export function podStatus(runtime: PodRuntime, storedConditions: unknown = []): Record<string, unknown> {
  const others = (Array.isArray(storedConditions) ? (storedConditions as PodCondition[]) : []).filter(
    (c) => c !== null && typeof c === 'object' && typeof c.type === 'string' && !KUBELET_CONDITIONS.has(c.type),
  );
  const statusOf = (container: ContainerRuntime): Record<string, unknown> => ({
    name: container.name,
    image: container.spec.image,
    imageID: `emulator://${container.spec.image}`,
    ...(container.child?.pid !== undefined ? { containerID: `emulator://${container.child.pid}` } : {}),
    ready: container.init && !container.restartable ? container.succeeded : container.ready,
    started: 'running' in container.state && container.started,
    restartCount: container.restartCount,
    state: container.state,
    lastState: container.lastState,
  });
  const initFailed = runtime.initContainers.some(
    (c) => !c.restartable && 'terminated' in c.state && c.state.terminated.exitCode !== 0 && runtime.spec.restartPolicy === 'Never',
  );
  // Sidecars count for readiness beside the app containers (generate.go GenerateContainersReadyCondition).
  const readiness = [...runtime.sidecars, ...runtime.containers];
  const allReady = !runtime.terminating && !runtime.initializing && readiness.every((c) => c.ready);
  const neverStarted = runtime.containers.some((c) => 'waiting' in c.state && c.restartCount === 0 && !('terminated' in c.lastState));
  const allTerminated = runtime.containers.every((c) => 'terminated' in c.state);
  const failed = runtime.containers.some((c) => 'terminated' in c.state && c.state.terminated.exitCode !== 0);
  // A deleted pod whose containers have all stopped ends in a terminal phase (kubelet_pods.go getPhase, podIsTerminal).
  const stoppedForDeletion = runtime.terminating && runtime.containers.length > 0 && allTerminated;
  const phase = initFailed
    ? 'Failed'
    : stoppedForDeletion
      ? failed
        ? 'Failed'
        : 'Succeeded'
      : neverStarted
        ? 'Pending'
        : allTerminated && runtime.spec.restartPolicy !== 'Always'
          ? failed
            ? 'Failed'
            : 'Succeeded'
          : 'Running';
  const condition = (type: string, status: boolean, reason?: string, message?: string): Record<string, unknown> => {
    const value = status ? 'True' : 'False';
    const previous = runtime.transitions.get(type);
    const time = previous?.status === value ? previous.time : now();
    runtime.transitions.set(type, { status: value, time });
    return { type, status: value, lastProbeTime: null, lastTransitionTime: time, ...(reason ? { reason, message } : {}) };
  };
  // The kubelet's wording (pkg/kubelet/status/generate.go).
  const incomplete = runtime.initContainers.filter((c) => !c.initialized).map((c) => c.name);
  const unready = readiness.filter((c) => !c.ready).map((c) => c.name);
  const gatesUnmet = unmetReadinessGates(runtime, others);
  return {
    phase,
    conditions: [
      condition('PodReadyToStartContainers', true),
      incomplete.length > 0
        ? condition('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`)
        : condition('Initialized', true),
      !allReady
        ? condition('Ready', false, 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`)
        : gatesUnmet
          ? condition('Ready', false, 'ReadinessGatesNotReady', gatesUnmet)
          : condition('Ready', true),
      allReady
        ? condition('ContainersReady', true)
        : condition('ContainersReady', false, 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`),
      condition('PodScheduled', true),
      ...others,
    ],
    hostIP: '127.0.0.1',
    hostIPs: [{ ip: '127.0.0.1' }],
    podIP: runtime.ip,
    podIPs: [{ ip: runtime.ip }],
    startTime: runtime.startTime,
    ...(runtime.initContainers.length > 0 ? { initContainerStatuses: runtime.initContainers.map(statusOf) } : {}),
    containerStatuses: runtime.containers.map(statusOf),
    qosClass: 'BestEffort',
  };
}
