import { isDeepStrictEqual } from 'node:util';
import type { AddressPool } from '../addresses.js';
import { notFound } from '../errors.js';
import type { EventRecorder } from '../events.js';
import type { ImageTable } from '../images.js';
import { killGroup, type ProcessGroups } from '../processes.js';
import { TYPES } from '../resources.js';
import { now, type KubeObject, type Store, type StoreEvent } from '../store.js';
import { signalNumber, spawnContainerProcess, type ContainerExit } from './container-process.js';
import { containerEnvironment, expandVariables } from './environment.js';
import { containerLogs, LogBuffer, type LogOptions, type LogSource } from './logs.js';
import { PodRuntime, type ContainerRuntime } from './pod-runtime.js';
import { podStatus } from './pod-status.js';
import { runHandler, startProbes } from './probes.js';
import { nextRestartDelay, restartsAfterExit, type BackOff } from './restarts.js';

export interface PodRunnerOptions {
  store: Store;
  images: ImageTable;
  addresses: AddressPool;
  events: EventRecorder;
  processes: ProcessGroups;
  clusterId: string;
  backOff: BackOff;
}

/**
 * The kubelet of the emulator: every Pod becomes one process per container, bound to the pod's
 * own loopback address, with probes, restarts with back-off, logs and graceful termination.
 */
export class PodRunner {
  private readonly pods = new Map<string, PodRuntime>();
  private readonly unsubscribe: () => void;
  private stopped = false;

  constructor(private readonly options: PodRunnerOptions) {
    this.unsubscribe = options.store.subscribe((event) => this.onEvent(event));
  }

  /** Process ids currently running, for leak checks. */
  pids(): number[] {
    return [...this.pods.values()].flatMap((pod) => pod.allContainers.map((c) => c.child?.pid).filter((pid): pid is number => pid !== undefined));
  }

  private onEvent(event: StoreEvent): void {
    if (event.resourceType !== TYPES.pods || this.stopped) return;
    const pod = event.object;
    const uid = pod.metadata.uid ?? '';
    const runtime = this.pods.get(uid);
    if (event.type === 'DELETED') {
      if (runtime) void this.terminate(runtime, 0, false);
      return;
    }
    if (!runtime) {
      if (pod.metadata.deletionTimestamp) {
        if (pod.spec?.nodeName) this.deleteStopped(pod.metadata.namespace, pod.metadata.name, uid);
      } else if (pod.spec?.nodeName && this.options.store.get(TYPES.nodes, undefined, pod.spec.nodeName)) {
        // Every Node of the emulator is this kubelet's; the scheduler binds pods to them.
        setImmediate(() => this.start(pod));
      }
      return;
    }
    if (pod.metadata.deletionTimestamp && !runtime.terminating) {
      void this.terminate(runtime, pod.metadata.deletionGracePeriodSeconds ?? 30, true);
      return;
    }
    // A readiness gate's condition set through pods/status changes whether the pod is Ready (the kubelet's status manager syncs on pod updates).
    if (Array.isArray(runtime.spec.readinessGates) && runtime.spec.readinessGates.length > 0) setImmediate(() => this.writeStatus(runtime));
  }

  private start(pod: KubeObject): void {
    const uid = pod.metadata.uid ?? '';
    if (this.pods.has(uid) || this.stopped) return;
    const current = this.options.store.get(TYPES.pods, pod.metadata.namespace, pod.metadata.name);
    if (!current || current.metadata.uid !== uid || current.metadata.deletionTimestamp) return;
    const ip = this.options.addresses.allocate();
    const runtime = new PodRuntime(uid, current.metadata.namespace ?? 'default', current.metadata.name, ip, current.spec);
    this.pods.set(uid, runtime);
    this.writeStatus(runtime);
    this.startNext(runtime);
  }

  /**
   * Init containers one at a time, in order, each to a successful exit, or for a sidecar
   * (`restartPolicy: Always`) until it has started (its startup probe passed) and then kept running;
   * then every app container (pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions,
   * computeInitContainerActions).
   */
  private startNext(runtime: PodRuntime): void {
    for (const init of runtime.initContainers) {
      if (init.initialized) continue;
      if (!init.launched) {
        init.launched = true;
        this.startContainer(runtime, init);
      }
      if (!init.initialized) return;
    }
    for (const container of runtime.containers) {
      if (container.launched) continue;
      container.launched = true;
      container.state = { waiting: { reason: 'ContainerCreating' } };
      this.startContainer(runtime, container);
    }
  }

  /** A sidecar that has just started lets the next init container, or the app, start. */
  private noteStarted(runtime: PodRuntime, container: ContainerRuntime): void {
    if (!container.restartable || !container.started || container.startedOnce) return;
    container.startedOnce = true;
    this.writeStatus(runtime);
    this.startNext(runtime);
  }

  private podObject(runtime: PodRuntime): KubeObject {
    return (
      this.options.store.get(TYPES.pods, runtime.namespace, runtime.name) ?? {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: runtime.name, namespace: runtime.namespace, uid: runtime.uid },
      }
    );
  }

  private event(runtime: PodRuntime, type: 'Normal' | 'Warning', reason: string, message: string, component = 'kubelet'): void {
    this.options.events.record(this.podObject(runtime), type, reason, message, component);
  }

  private startContainer(runtime: PodRuntime, container: ContainerRuntime): void {
    if (runtime.terminating || this.stopped) return;
    const image = String(container.spec.image ?? '');
    const pulled = this.options.images.pull(image);
    if ('error' in pulled) {
      this.failImagePull(runtime, container, image, pulled.error);
      return;
    }
    container.failedPulls = 0;
    const resolved = pulled.image;
    let environment: Record<string, string>;
    try {
      environment = containerEnvironment(this.options.store, this.podObject(runtime), runtime, container, resolved, this.options.clusterId);
    } catch (error) {
      container.state = { waiting: { reason: 'CreateContainerConfigError', message: (error as Error).message } };
      this.event(runtime, 'Warning', 'Failed', `Error: ${(error as Error).message}`);
      this.writeStatus(runtime);
      container.later(1000, () => this.startContainer(runtime, container));
      return;
    }
    const expand = (text: string): string => expandVariables(text, environment);
    const command = (container.spec.command ?? resolved.command).map(expand);
    const args = (container.spec.args ?? (container.spec.command ? [] : resolved.args)).map(expand);
    const [executable, ...leading] = [...command, ...args].map((part: string) => (part === 'node' ? process.execPath : part));
    if (!executable) {
      container.state = { waiting: { reason: 'RunContainerError', message: 'no command specified' } };
      this.writeStatus(runtime);
      return;
    }
    if (container.restartCount > 0 || container.run > 0) {
      container.previousLogs = container.logs;
      container.logs = new LogBuffer();
    }
    container.run += 1;
    const run = container.run;
    const startedAt = now();
    const { child, exited } = spawnContainerProcess(
      executable,
      leading,
      { cwd: resolved.workingDir, env: environment, logs: container.logs, processes: this.options.processes },
      (exit) => this.onContainerExit(runtime, container, run, startedAt, exit),
    );
    container.child = child;
    container.exited = exited;
    const verb = container.restartCount === 0 ? '' : ' (restarted)';
    this.event(runtime, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
    this.event(runtime, 'Normal', 'Created', `Created container ${container.name}${verb}`);
    this.event(runtime, 'Normal', 'Started', `Started container ${container.name}`);
    container.state = { running: { startedAt } };
    container.started = !container.spec.startupProbe;
    container.ready = container.started && !container.spec.readinessProbe;
    this.writeStatus(runtime);
    startProbes(runtime.ip, container, {
      current: () => container.run === run && !runtime.terminating && !this.stopped,
      statusChanged: () => {
        this.writeStatus(runtime);
        this.noteStarted(runtime, container);
      },
      unhealthy: (message) => this.event(runtime, 'Warning', 'Unhealthy', message),
      failed: (kind) => {
        this.event(runtime, 'Normal', 'Killing', `Container ${container.name} failed ${kind.toLowerCase()} probe, will be restarted`);
        void this.stopContainer(container, runtime.spec.terminationGracePeriodSeconds ?? 30);
      },
    });
    this.noteStarted(runtime, container);
  }

  /**
   * ErrImagePull, then ImagePullBackOff until the next pull, the back-off doubling with each failure
   * as the kubelet's image back-off does (pkg/kubelet/images/image_manager.go).
   */
  private failImagePull(runtime: PodRuntime, container: ContainerRuntime, image: string, error: string): void {
    container.failedPulls += 1;
    const delay = Math.min(this.options.backOff.initialMs * 2 ** (container.failedPulls - 1), this.options.backOff.maxMs);
    container.state = { waiting: { reason: 'ErrImagePull', message: error } };
    this.event(runtime, 'Normal', 'Pulling', `Pulling image "${image}"`);
    this.event(runtime, 'Warning', 'Failed', `Failed to pull image "${image}": ${error}`);
    this.event(runtime, 'Warning', 'Failed', 'Error: ErrImagePull');
    this.writeStatus(runtime);
    container.later(Math.min(500, delay / 2), () => {
      container.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ErrImagePull: ${error}` } };
      this.event(runtime, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
      this.event(runtime, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      this.writeStatus(runtime);
    });
    container.later(delay, () => this.startContainer(runtime, container));
  }

  private onContainerExit(runtime: PodRuntime, container: ContainerRuntime, run: number, startedAt: string, { exitCode, signal }: ContainerExit): void {
    if (container.run !== run) return;
    container.child = undefined;
    container.clearTimers();
    container.ready = false;
    container.logs.end();
    const terminated = {
      exitCode,
      ...(signal ? { signal: signalNumber(signal) } : {}),
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAt,
      finishedAt: now(),
    };
    if (runtime.terminating || this.stopped) {
      container.state = { terminated };
      return;
    }
    if (container.init && !container.restartable && exitCode === 0) {
      container.state = { terminated };
      container.succeeded = true;
      this.writeStatus(runtime);
      this.startNext(runtime);
      return;
    }
    if (!restartsAfterExit(restartPolicyOf(runtime, container), exitCode) || (container.restartable && runtime.appsFinished)) {
      container.state = { terminated };
      this.writeStatus(runtime);
      if (!container.init) this.stopSidecarsWhenAppsFinished(runtime);
      return;
    }
    const delay = nextRestartDelay(container, Date.parse(terminated.finishedAt) - Date.parse(startedAt), this.options.backOff);
    container.lastState = { terminated };
    container.restartCount += 1;
    if (delay === 0) {
      this.startContainer(runtime, container);
      return;
    }
    container.state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off ${Math.round(delay / 1000)}s restarting failed container=${container.name} pod=${runtime.name}_${runtime.namespace}(${runtime.uid})`,
      },
    };
    this.event(
      runtime,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${container.name} in pod ${runtime.name}_${runtime.namespace}(${runtime.uid})`,
    );
    this.writeStatus(runtime);
    container.later(delay, () => this.startContainer(runtime, container));
  }

  /**
   * Once every app container has exited for good (restartPolicy Never or OnFailure), the kubelet
   * stops the sidecars, last first, so that the pod can finish (computePodActions).
   */
  private stopSidecarsWhenAppsFinished(runtime: PodRuntime): void {
    if (runtime.appsFinished || !runtime.containers.every((c) => 'terminated' in c.state)) return;
    runtime.appsFinished = true;
    void (async () => {
      for (const sidecar of [...runtime.sidecars].reverse()) {
        sidecar.clearTimers();
        await this.stopContainer(sidecar, runtime.spec.terminationGracePeriodSeconds ?? 30);
      }
      this.writeStatus(runtime);
    })();
  }

  private stopContainer(container: ContainerRuntime, graceSeconds: number): Promise<void> {
    const pid = container.child?.pid;
    if (pid === undefined) return Promise.resolve();
    killGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceSeconds * 1000);
    return container.exited.finally(() => clearTimeout(timer));
  }

  private async terminate(runtime: PodRuntime, graceSeconds: number, stillStored: boolean): Promise<void> {
    if (runtime.terminating) {
      if (graceSeconds === 0) for (const container of runtime.allContainers) if (container.child?.pid) killGroup(container.child.pid, 'SIGKILL');
      return;
    }
    runtime.terminating = true;
    for (const container of runtime.allContainers) {
      container.clearTimers();
      container.ready = false;
    }
    // Not ready first: the Service proxies stop sending new requests before the process hears SIGTERM.
    if (stillStored) this.writeStatus(runtime);
    // App containers (and a running init container) first; then the sidecars, last first, in what is left of the grace period (KEP-753).
    const deadline = Date.now() + graceSeconds * 1000;
    const stop = async (container: ContainerRuntime): Promise<void> => {
      if (!container.child) return;
      const seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      if (stillStored) this.event(runtime, 'Normal', 'Killing', `Stopping container ${container.name}`);
      await this.runPreStop(runtime, container, seconds);
      await this.stopContainer(container, seconds);
    };
    await Promise.all(runtime.allContainers.filter((container) => !container.restartable).map(stop));
    for (const sidecar of [...runtime.sidecars].reverse()) await stop(sidecar);
    // The pod's last status, in a terminal phase, before the kubelet deletes it.
    if (stillStored) this.writeStatus(runtime);
    this.finish(runtime);
  }

  private async runPreStop(runtime: PodRuntime, container: ContainerRuntime, graceSeconds: number): Promise<void> {
    const preStop = container.spec.lifecycle?.preStop;
    if (!preStop || graceSeconds === 0) return;
    if (preStop.sleep?.seconds) {
      const sleepSeconds = preStop.sleep.seconds;
      await new Promise((resolve) => setTimeout(resolve, Math.min(sleepSeconds, graceSeconds) * 1000));
      return;
    }
    await runHandler(runtime.ip, container.spec, { ...preStop, timeoutSeconds: graceSeconds });
  }

  private finish(runtime: PodRuntime): void {
    if (runtime.finished) return;
    runtime.finished = true;
    this.pods.delete(runtime.uid);
    this.options.addresses.release(runtime.ip);
    if (!this.stopped) this.deleteStopped(runtime.namespace, runtime.name, runtime.uid);
  }

  /**
   * The kubelet's delete of a pod whose containers have stopped: grace 0, on the same uid
   * (pkg/kubelet/status/status_manager.go). The API server removes the pod then, or once its
   * finalizers are removed.
   */
  private deleteStopped(namespace: string | undefined, name: string, uid: string): void {
    const stored = this.options.store.get(TYPES.pods, namespace, name);
    if (stored?.metadata.uid === uid) this.options.store.delete(TYPES.pods, namespace, name, { gracePeriodSeconds: 0 });
  }

  private writeStatus(runtime: PodRuntime): void {
    if (this.stopped) return;
    const stored = this.options.store.get(TYPES.pods, runtime.namespace, runtime.name);
    if (!stored || stored.metadata.uid !== runtime.uid) return;
    const status = podStatus(runtime, stored.status?.conditions);
    if (isDeepStrictEqual(stored.status, status)) return;
    this.options.store.mutate(TYPES.pods, runtime.namespace, runtime.name, (object) => {
      object.status = status;
    });
  }

  logs(namespace: string, name: string, options: LogOptions): LogSource {
    const pod = this.options.store.get(TYPES.pods, namespace, name);
    if (!pod) throw notFound('pods', '', name);
    const runtime = [...this.pods.values()].find((r) => r.uid === pod.metadata.uid);
    return containerLogs(pod, runtime, options);
  }

  /** Stops every process (SIGTERM, SIGKILL after `graceMs`) without touching the store. */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    const runtimes = [...this.pods.values()];
    await Promise.all(
      runtimes.flatMap((runtime) =>
        runtime.allContainers.map(async (container) => {
          container.clearTimers();
          const pid = container.child?.pid;
          if (pid === undefined) return;
          killGroup(pid, 'SIGTERM');
          const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
          await container.exited;
          clearTimeout(timer);
        }),
      ),
    );
    this.pods.clear();
  }
}

/** A sidecar always restarts; an init container retries after a failure unless the pod's policy is Never; an app container follows the pod's policy. */
function restartPolicyOf(runtime: PodRuntime, container: ContainerRuntime): string | undefined {
  if (container.restartable) return 'Always';
  if (container.init && runtime.spec.restartPolicy === 'Always') return 'OnFailure';
  return runtime.spec.restartPolicy;
}
