import { now } from '../store.js';
import type { PodRuntime } from './pod-runtime.js';

/** A pod's `status` as a kubelet reports it: phase, conditions (transition times kept while unchanged), addresses and container statuses. */
export function podStatus(runtime: PodRuntime): Record<string, unknown> {
  const statuses = runtime.containers.map((container) => ({
    name: container.name,
    image: container.spec.image,
    imageID: `emulator://${container.spec.image}`,
    ...(container.child?.pid !== undefined ? { containerID: `emulator://${container.child.pid}` } : {}),
    ready: container.ready,
    started: 'running' in container.state && container.started,
    restartCount: container.restartCount,
    state: container.state,
    lastState: container.lastState,
  }));
  const allReady = !runtime.terminating && runtime.containers.every((c) => c.ready);
  const neverStarted = runtime.containers.some((c) => 'waiting' in c.state && c.restartCount === 0 && !('terminated' in c.lastState));
  const allTerminated = runtime.containers.every((c) => 'terminated' in c.state);
  const failed = runtime.containers.some((c) => 'terminated' in c.state && c.state.terminated.exitCode !== 0);
  const phase = neverStarted ? 'Pending' : allTerminated && runtime.spec.restartPolicy !== 'Always' ? (failed ? 'Failed' : 'Succeeded') : 'Running';
  const condition = (type: string, status: boolean): Record<string, unknown> => {
    const value = status ? 'True' : 'False';
    const previous = runtime.transitions.get(type);
    const time = previous?.status === value ? previous.time : now();
    runtime.transitions.set(type, { status: value, time });
    return { type, status: value, lastProbeTime: null, lastTransitionTime: time };
  };
  return {
    phase,
    conditions: [
      condition('PodReadyToStartContainers', true),
      condition('Initialized', true),
      condition('Ready', allReady),
      condition('ContainersReady', allReady),
      condition('PodScheduled', true),
    ],
    hostIP: '127.0.0.1',
    hostIPs: [{ ip: '127.0.0.1' }],
    podIP: runtime.ip,
    podIPs: [{ ip: runtime.ip }],
    startTime: runtime.startTime,
    containerStatuses: statuses,
    qosClass: 'BestEffort',
  };
}
