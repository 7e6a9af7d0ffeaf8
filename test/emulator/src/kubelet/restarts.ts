import type { ContainerRuntime } from './pod-runtime.js';

/** Crash-loop back-off: first delay and cap (a kubelet uses 10 s and 5 min; the emulator defaults to 1 s and 20 s). */
export interface BackOff {
  initialMs: number;
  maxMs: number;
}

/** Whether the pod's restart policy restarts a container that exited with `exitCode`. */
export function restartsAfterExit(restartPolicy: string | undefined, exitCode: number): boolean {
  const policy = restartPolicy ?? 'Always';
  return !(policy === 'Never' || (policy === 'OnFailure' && exitCode === 0));
}

/** Counts a crash and returns the delay before the restart: doubling up to the cap, starting over after a run longer than twice the cap. */
export function nextRestartDelay(container: ContainerRuntime, ranForMs: number, backOff: BackOff): number {
  if (ranForMs > backOff.maxMs * 2) container.crashes = 0;
  const delay = Math.min(backOff.initialMs * 2 ** container.crashes, backOff.maxMs);
  container.crashes += 1;
  return delay;
}
