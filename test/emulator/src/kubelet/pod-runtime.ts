import type { ChildProcess } from 'node:child_process';
import type { ContainerSpec, PodSpec } from '../pod-spec.js';
import { now } from '../store.js';
import { LogBuffer } from './logs.js';

/** The node every pod of the emulator runs on. */
export const NODE_NAME = 'emulator';

export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: { exitCode: number; signal?: number; reason: string; startedAt: string; finishedAt: string; containerID?: string } };

/** What the kubelet knows of one container beyond its spec: its process, state, readiness, restarts and logs. */
export class ContainerRuntime {
  child: ChildProcess | undefined;
  state: ContainerState = { waiting: { reason: 'ContainerCreating' } };
  lastState: ContainerState | Record<string, never> = {};
  restartCount = 0;
  ready = false;
  started = false;
  crashes = 0;
  /** Failed pulls in a row: the image back-off doubles with each. */
  failedPulls = 0;
  /** For an init container: it exited 0 and is not run again. */
  succeeded = false;
  /** For a sidecar: it has started once (running, its startup probe passed), so the containers after it may start. */
  startedOnce = false;
  /** The kubelet has asked for it to start (its pull or config may still be retried). */
  launched = false;
  logs = new LogBuffer();
  previousLogs: LogBuffer | undefined;
  /** Bumped on every start, so probe loops and timers of an earlier run stop themselves. */
  run = 0;
  timers = new Set<NodeJS.Timeout>();
  exited: Promise<void> = Promise.resolve();

  constructor(
    readonly spec: ContainerSpec,
    readonly init = false,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  /** A sidecar: an init container with `restartPolicy: Always`, kept running beside the app (pkg/api/v1/pod IsRestartableInitContainer). */
  get restartable(): boolean {
    return this.init && this.spec.restartPolicy === 'Always';
  }

  /** Init containers are done when they have exited 0, sidecars once they have started. */
  get initialized(): boolean {
    return this.restartable ? this.startedOnce : this.succeeded;
  }

  /** Runs `action` after `delayMs` unless the container's timers are cleared first. */
  later(delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, delayMs);
    this.timers.add(timer);
  }

  clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** One pod running on the emulator's node: its address, containers and condition transition times. */
export class PodRuntime {
  terminating = false;
  finished = false;
  /** Every app container has exited for good: the sidecars are stopped and not restarted. */
  appsFinished = false;
  readonly initContainers: ContainerRuntime[];
  readonly containers: ContainerRuntime[];
  readonly startTime = now();
  readonly transitions = new Map<string, { status: string; time: string }>();

  constructor(
    readonly uid: string,
    readonly namespace: string,
    readonly name: string,
    readonly ip: string,
    readonly spec: PodSpec,
  ) {
    this.initContainers = (spec.initContainers ?? []).map((container) => new ContainerRuntime(container, true));
    this.containers = (spec.containers ?? []).map((container) => new ContainerRuntime(container));
    if (this.initContainers.length > 0) for (const container of this.containers) container.state = { waiting: { reason: 'PodInitializing' } };
  }

  get allContainers(): ContainerRuntime[] {
    return [...this.initContainers, ...this.containers];
  }

  /** Init containers still to run to completion (or sidecars still to start): the app containers wait for them. */
  get initializing(): boolean {
    return this.initContainers.some((container) => !container.initialized);
  }

  get sidecars(): ContainerRuntime[] {
    return this.initContainers.filter((container) => container.restartable);
  }
}
