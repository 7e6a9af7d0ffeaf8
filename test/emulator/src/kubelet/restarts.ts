import type { ContainerRuntime } from './pod-runtime.js';

/** Crash-loop and image-pull back-off: first delay and cap (a kubelet uses 10 s and 300 s; the emulator defaults to a tenth of that). */
export interface BackOff {
  initialMs: number;
  maxMs: number;
}

/** Whether the pod's restart policy restarts a container that exited with `exitCode`. */
export function restartsAfterExit(restartPolicy: string | undefined, exitCode: number): boolean {
  const policy = restartPolicy ?? 'Always';
  return !(policy === 'Never' || (policy === 'OnFailure' && exitCode === 0));
}

/**
 * Counts a crash and returns the delay before the restart: the first restart is immediate, then the
 * delay doubles from the initial one up to the cap (CrashLoopBackOff from the second exit), and
 * starts over after a run longer than twice the cap (pkg/kubelet/kuberuntime/kuberuntime_manager.go
 * doBackOff, client-go's flowcontrol.Backoff).
 */
export function nextRestartDelay(container: ContainerRuntime, ranForMs: number, backOff: BackOff): number {
  if (ranForMs > backOff.maxMs * 2) container.crashes = 0;
  const delay = container.crashes === 0 ? 0 : Math.min(backOff.initialMs * 2 ** (container.crashes - 1), backOff.maxMs);
  container.crashes += 1;
  return delay;
}
