import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { AddressPool } from './addresses.js';
import type { LogOptions, LogSource } from './api-server.js';
import { ApiError, badRequest, notFound } from './errors.js';
import type { EventRecorder } from './events.js';
import type { ImageTable, ResolvedImage } from './images.js';
import { killGroup, type ProcessGroups } from './processes.js';
import { TYPES } from './resources.js';
import { now, type KubeObject, type Store, type StoreEvent } from './store.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- pod specs are user documents of many shapes */
type ContainerSpec = any;
type ProbeSpec = any;

const NODE_NAME = 'emulator';
const LOG_LINE_LIMIT = 10_000;

/** A container's output: complete lines with their timestamps, and followers for `logs -f`. */
class LogBuffer {
  readonly lines: { time: string; text: string }[] = [];
  private partial = '';
  private ended = false;
  private readonly followers = new Set<{ onLine: (line: string) => void; onEnd: () => void }>();

  write(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const text of parts) this.push(text);
  }

  end(): void {
    if (this.partial) this.push(this.partial);
    this.partial = '';
    this.ended = true;
    for (const follower of this.followers) follower.onEnd();
    this.followers.clear();
  }

  private push(text: string): void {
    const line = { time: new Date().toISOString(), text };
    this.lines.push(line);
    if (this.lines.length > LOG_LINE_LIMIT) this.lines.shift();
    for (const follower of this.followers) follower.onLine(text);
  }

  source(options: LogOptions): LogSource {
    const format = (line: { time: string; text: string }): string => (options.timestamps ? `${line.time} ${line.text}` : line.text);
    const selected = options.tailLines !== undefined ? this.lines.slice(Math.max(0, this.lines.length - options.tailLines)) : this.lines;
    return {
      lines: selected.map(format),
      follow: (onLine, onEnd) => {
        if (this.ended) {
          onEnd();
          return () => undefined;
        }
        const follower = { onLine: (text: string) => onLine(format({ time: new Date().toISOString(), text })), onEnd };
        this.followers.add(follower);
        return () => this.followers.delete(follower);
      },
    };
  }
}

type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: { exitCode: number; signal?: number; reason: string; startedAt: string; finishedAt: string; containerID?: string } };

class ContainerRuntime {
  child: ChildProcess | undefined;
  state: ContainerState = { waiting: { reason: 'ContainerCreating' } };
  lastState: ContainerState | Record<string, never> = {};
  restartCount = 0;
  ready = false;
  started = false;
  crashes = 0;
  logs = new LogBuffer();
  previousLogs: LogBuffer | undefined;
  /** Bumped on every start, so probe loops and timers of an earlier run stop themselves. */
  run = 0;
  timers = new Set<NodeJS.Timeout>();
  exited: Promise<void> = Promise.resolve();

  constructor(readonly spec: ContainerSpec) {}

  get name(): string {
    return this.spec.name;
  }

  clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

class PodRuntime {
  terminating = false;
  finished = false;
  readonly containers: ContainerRuntime[];
  readonly startTime = now();
  readonly transitions = new Map<string, { status: string; time: string }>();

  constructor(
    readonly uid: string,
    readonly namespace: string,
    readonly name: string,
    readonly ip: string,
    readonly spec: any,
  ) {
    this.containers = (spec.containers ?? []).map((container: ContainerSpec) => new ContainerRuntime(container));
  }
}

export interface PodRunnerOptions {
  store: Store;
  images: ImageTable;
  addresses: AddressPool;
  events: EventRecorder;
  processes: ProcessGroups;
  clusterId: string;
  /** Crash-loop back-off: first delay and cap (a kubelet uses 10 s and 5 min; the emulator defaults to 1 s and 20 s). */
  backoffInitialMs: number;
  backoffMaxMs: number;
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
    return [...this.pods.values()].flatMap((pod) => pod.containers.map((c) => c.child?.pid).filter((pid): pid is number => pid !== undefined));
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
        this.options.store.remove(TYPES.pods, pod.metadata.namespace, pod.metadata.name);
      } else if (!pod.spec?.nodeName || pod.spec.nodeName === NODE_NAME) {
        setImmediate(() => this.schedule(pod));
      }
      return;
    }
    if (pod.metadata.deletionTimestamp && !runtime.terminating) {
      void this.terminate(runtime, pod.metadata.deletionGracePeriodSeconds ?? 30, true);
    }
  }

  private schedule(pod: KubeObject): void {
    const uid = pod.metadata.uid ?? '';
    if (this.pods.has(uid) || this.stopped) return;
    const current = this.options.store.get(TYPES.pods, pod.metadata.namespace, pod.metadata.name);
    if (!current || current.metadata.uid !== uid || current.metadata.deletionTimestamp) return;
    const ip = this.options.addresses.allocate();
    const runtime = new PodRuntime(uid, current.metadata.namespace ?? 'default', current.metadata.name, ip, current.spec);
    this.pods.set(uid, runtime);
    this.options.store.mutate(TYPES.pods, runtime.namespace, runtime.name, (object) => {
      object.spec.nodeName = NODE_NAME;
    });
    this.event(runtime, 'Normal', 'Scheduled', `Successfully assigned ${runtime.namespace}/${runtime.name} to ${NODE_NAME}`, 'default-scheduler');
    this.writeStatus(runtime);
    for (const container of runtime.containers) this.startContainer(runtime, container);
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
    const resolved = this.options.images.resolve(image);
    if (!resolved) {
      this.failImagePull(runtime, container, image);
      return;
    }
    let environment: Record<string, string>;
    try {
      environment = this.environment(runtime, container, resolved);
    } catch (error) {
      container.state = { waiting: { reason: 'CreateContainerConfigError', message: (error as Error).message } };
      this.event(runtime, 'Warning', 'Failed', `Error: ${(error as Error).message}`);
      this.writeStatus(runtime);
      this.later(container, 1000, () => this.startContainer(runtime, container));
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
    const child = spawn(executable, leading, { cwd: resolved.workingDir, env: environment, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    container.child = child;
    if (child.pid !== undefined) this.options.processes.track(child.pid);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => container.logs.write(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => container.logs.write(chunk));
    container.exited = new Promise<void>((resolve) => {
      let settled = false;
      const onExit = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
        if (settled) return;
        settled = true;
        if (spawnError) container.logs.write(`failed to start ${executable}: ${spawnError.message}\n`);
        if (child.pid !== undefined) {
          killGroup(child.pid, 'SIGKILL');
          this.options.processes.untrack(child.pid);
        }
        this.onContainerExit(runtime, container, run, startedAt, code ?? (spawnError ? 127 : 128 + signalNumber(signal)), signal);
        resolve();
      };
      child.once('error', (error) => onExit(null, null, error));
      // 'close' waits for stdout/stderr to drain, so the last output is in the log before the status says so.
      child.once('close', (code, signal) => onExit(code, signal));
    });
    const verb = container.restartCount === 0 ? '' : ' (restarted)';
    this.event(runtime, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
    this.event(runtime, 'Normal', 'Created', `Created container ${container.name}${verb}`);
    this.event(runtime, 'Normal', 'Started', `Started container ${container.name}`);
    container.state = { running: { startedAt } };
    container.started = !container.spec.startupProbe;
    container.ready = container.started && !container.spec.readinessProbe;
    this.writeStatus(runtime);
    this.startProbes(runtime, container, run);
  }

  private failImagePull(runtime: PodRuntime, container: ContainerRuntime, image: string): void {
    container.state = { waiting: { reason: 'ErrImagePull', message: `image "${image}" is not in the emulator's image table` } };
    this.event(runtime, 'Normal', 'Pulling', `Pulling image "${image}"`);
    this.event(runtime, 'Warning', 'Failed', `Failed to pull image "${image}": image "${image}" is not in the emulator's image table (test/emulator/src/image-table.json)`);
    this.event(runtime, 'Warning', 'Failed', 'Error: ErrImagePull');
    this.writeStatus(runtime);
    this.later(container, 500, () => {
      container.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } };
      this.event(runtime, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
      this.event(runtime, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      this.writeStatus(runtime);
    });
  }

  private later(container: ContainerRuntime, delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      container.timers.delete(timer);
      action();
    }, delayMs);
    container.timers.add(timer);
  }

  /** Image ENV, the pod's envFrom and env (with `$(VAR)` expansion), the tag's fault env, then the emulator's network: HOST is the pod IP. */
  private environment(runtime: PodRuntime, container: ContainerRuntime, image: ResolvedImage): Record<string, string> {
    const pod = this.podObject(runtime);
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', ...image.env };
    const namespace = runtime.namespace;
    for (const source of container.spec.envFrom ?? []) {
      const prefix = source.prefix ?? '';
      const fromConfigMap = source.configMapRef;
      const fromSecret = source.secretRef;
      const reference = fromConfigMap ?? fromSecret;
      const data = this.referencedData(fromConfigMap ? 'configmaps' : 'secrets', namespace, reference?.name, reference?.optional);
      for (const [key, value] of Object.entries(data)) env[prefix + key] = value;
    }
    for (const variable of container.spec.env ?? []) {
      if (variable.value !== undefined) {
        env[variable.name] = expandVariables(String(variable.value), env);
        continue;
      }
      const from = variable.valueFrom ?? {};
      if (from.configMapKeyRef || from.secretKeyRef) {
        const reference = from.configMapKeyRef ?? from.secretKeyRef;
        const kind = from.configMapKeyRef ? 'configmaps' : 'secrets';
        const data = this.referencedData(kind, namespace, reference.name, reference.optional);
        if (data[reference.key] !== undefined) env[variable.name] = data[reference.key] ?? '';
        else if (!reference.optional) throw new Error(`couldn't find key ${reference.key} in ${kind === 'configmaps' ? 'ConfigMap' : 'Secret'} ${namespace}/${reference.name}`);
      } else if (from.fieldRef) {
        env[variable.name] = fieldValue(pod, runtime, String(from.fieldRef.fieldPath));
      } else if (from.resourceFieldRef) {
        env[variable.name] = '0';
      } else {
        env[variable.name] = '';
      }
    }
    Object.assign(env, image.overrides);
    const firstPort = (container.spec.ports ?? [])[0]?.containerPort;
    if (env.PORT === undefined && firstPort !== undefined) env.PORT = String(firstPort);
    env.HOST = runtime.ip;
    env.KUBE_EMULATOR_CLUSTER = this.options.clusterId;
    env.KUBE_EMULATOR_POD = `${namespace}/${runtime.name}`;
    env.HOSTNAME = runtime.name;
    return env;
  }

  private referencedData(kind: 'configmaps' | 'secrets', namespace: string, name: string | undefined, optional: boolean | undefined): Record<string, string> {
    const object = name ? this.options.store.get(kind === 'configmaps' ? TYPES.configmaps : TYPES.secrets, namespace, name) : undefined;
    if (!object) {
      if (optional) return {};
      throw new Error(`${kind === 'configmaps' ? 'configmap' : 'secret'} "${name}" not found`);
    }
    const data = (object.data ?? {}) as Record<string, string>;
    if (kind === 'configmaps') return { ...data };
    return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
  }

  private onContainerExit(runtime: PodRuntime, container: ContainerRuntime, run: number, startedAt: string, exitCode: number, signal: NodeJS.Signals | null): void {
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
    const policy = runtime.spec.restartPolicy ?? 'Always';
    if (policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) {
      container.state = { terminated };
      this.writeStatus(runtime);
      return;
    }
    const ranFor = Date.parse(terminated.finishedAt) - Date.parse(startedAt);
    if (ranFor > this.options.backoffMaxMs * 2) container.crashes = 0;
    const delay = Math.min(this.options.backoffInitialMs * 2 ** container.crashes, this.options.backoffMaxMs);
    container.crashes += 1;
    container.lastState = { terminated };
    container.restartCount += 1;
    container.state = {
      waiting: { reason: 'CrashLoopBackOff', message: `back-off ${Math.round(delay / 1000)}s restarting failed container=${container.name} pod=${runtime.name}_${runtime.namespace}(${runtime.uid})` },
    };
    this.event(runtime, 'Warning', 'BackOff', `Back-off restarting failed container ${container.name} in pod ${runtime.name}_${runtime.namespace}(${runtime.uid})`);
    this.writeStatus(runtime);
    this.later(container, delay, () => this.startContainer(runtime, container));
  }

  private startProbes(runtime: PodRuntime, container: ContainerRuntime, run: number): void {
    const { startupProbe, readinessProbe, livenessProbe } = container.spec;
    const begin = (): void => {
      if (readinessProbe) this.probeLoop(runtime, container, run, readinessProbe, 'Readiness');
      if (livenessProbe) this.probeLoop(runtime, container, run, livenessProbe, 'Liveness');
    };
    if (startupProbe) this.probeLoop(runtime, container, run, startupProbe, 'Startup', begin);
    else begin();
  }

  private probeLoop(runtime: PodRuntime, container: ContainerRuntime, run: number, probe: ProbeSpec, kind: 'Readiness' | 'Liveness' | 'Startup', onStarted?: () => void): void {
    let successes = 0;
    let failures = 0;
    const periodMs = (probe.periodSeconds ?? 10) * 1000;
    const tick = async (): Promise<void> => {
      if (container.run !== run || runtime.terminating || this.stopped) return;
      const failure = await this.probe(runtime, container, probe);
      if (container.run !== run || runtime.terminating || this.stopped) return;
      if (failure === undefined) {
        successes += 1;
        failures = 0;
        if (kind === 'Startup' && successes >= (probe.successThreshold ?? 1)) {
          container.started = true;
          container.ready = !container.spec.readinessProbe;
          this.writeStatus(runtime);
          onStarted?.();
          return;
        }
        if (kind === 'Readiness' && successes >= (probe.successThreshold ?? 1) && !container.ready) {
          container.ready = true;
          this.writeStatus(runtime);
        }
      } else {
        successes = 0;
        failures += 1;
        this.event(runtime, 'Warning', 'Unhealthy', `${kind} probe failed: ${failure}`);
        if (failures >= (probe.failureThreshold ?? 3)) {
          if (kind === 'Readiness') {
            if (container.ready) {
              container.ready = false;
              this.writeStatus(runtime);
            }
          } else {
            this.event(runtime, 'Normal', 'Killing', `Container ${container.name} failed ${kind.toLowerCase()} probe, will be restarted`);
            this.stopContainer(container, runtime.spec.terminationGracePeriodSeconds ?? 30);
            return;
          }
        }
      }
      this.later(container, periodMs, () => void tick());
    };
    this.later(container, (probe.initialDelaySeconds ?? 0) * 1000, () => void tick());
  }

  /** Runs one probe; resolves to undefined on success or to the failure message. */
  private probe(runtime: PodRuntime, container: ContainerRuntime, probe: ProbeSpec): Promise<string | undefined> {
    const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
    const port = (value: unknown): number => resolvePort(container.spec, value);
    if (probe.httpGet) {
      const host = probe.httpGet.host ?? runtime.ip;
      const headers = Object.fromEntries((probe.httpGet.httpHeaders ?? []).map((h: { name: string; value: string }) => [h.name, h.value]));
      return new Promise((resolve) => {
        const request = http.get({ host, port: port(probe.httpGet.port), path: probe.httpGet.path ?? '/', headers, agent: false, timeout: timeoutMs }, (response) => {
          response.resume();
          const status = response.statusCode ?? 0;
          resolve(status >= 200 && status < 400 ? undefined : `HTTP probe failed with statuscode: ${status}`);
        });
        request.on('timeout', () => request.destroy(new Error('context deadline exceeded (Client.Timeout exceeded while awaiting headers)')));
        request.on('error', (error) => resolve(`Get "http://${host}:${port(probe.httpGet.port)}${probe.httpGet.path ?? '/'}": ${error.message}`));
      });
    }
    if (probe.tcpSocket) {
      return new Promise((resolve) => {
        const socket = net.connect({ host: probe.tcpSocket.host ?? runtime.ip, port: port(probe.tcpSocket.port), timeout: timeoutMs });
        socket.once('connect', () => {
          socket.destroy();
          resolve(undefined);
        });
        socket.once('timeout', () => socket.destroy(new Error('i/o timeout')));
        socket.once('error', (error) => resolve(`dial tcp ${runtime.ip}:${port(probe.tcpSocket.port)}: ${error.message}`));
      });
    }
    if (probe.exec?.command?.length) {
      const [command, ...args] = probe.exec.command as string[];
      return new Promise((resolve) => {
        const child = spawn(command ?? 'true', args, { env: { PATH: process.env.PATH ?? '', HOST: runtime.ip }, stdio: 'ignore', timeout: timeoutMs });
        child.once('error', (error) => resolve(error.message));
        child.once('exit', (code) => resolve(code === 0 ? undefined : `command exited with ${code}`));
      });
    }
    return Promise.resolve(undefined);
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
      if (graceSeconds === 0) for (const container of runtime.containers) if (container.child?.pid) killGroup(container.child.pid, 'SIGKILL');
      return;
    }
    runtime.terminating = true;
    for (const container of runtime.containers) {
      container.clearTimers();
      container.ready = false;
    }
    // Not ready first: the Service proxies stop sending new requests before the process hears SIGTERM.
    if (stillStored) this.writeStatus(runtime);
    await Promise.all(
      runtime.containers.map(async (container) => {
        if (!container.child) return;
        if (stillStored) this.event(runtime, 'Normal', 'Killing', `Stopping container ${container.name}`);
        await this.runPreStop(runtime, container, graceSeconds);
        await this.stopContainer(container, graceSeconds);
      }),
    );
    this.finish(runtime);
  }

  private async runPreStop(runtime: PodRuntime, container: ContainerRuntime, graceSeconds: number): Promise<void> {
    const preStop = container.spec.lifecycle?.preStop;
    if (!preStop || graceSeconds === 0) return;
    if (preStop.sleep?.seconds) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(preStop.sleep.seconds, graceSeconds) * 1000));
      return;
    }
    await this.probe(runtime, container, { ...preStop, timeoutSeconds: graceSeconds });
  }

  private finish(runtime: PodRuntime): void {
    if (runtime.finished) return;
    runtime.finished = true;
    this.pods.delete(runtime.uid);
    this.options.addresses.release(runtime.ip);
    if (!this.stopped) {
      const stored = this.options.store.get(TYPES.pods, runtime.namespace, runtime.name);
      if (stored?.metadata.uid === runtime.uid) this.options.store.remove(TYPES.pods, runtime.namespace, runtime.name);
    }
  }

  private writeStatus(runtime: PodRuntime): void {
    if (this.stopped) return;
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
    const status = {
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
    this.options.store.mutate(TYPES.pods, runtime.namespace, runtime.name, (object) => {
      if (object.metadata.uid !== runtime.uid || isDeepStrictEqual(object.status, status)) return;
      object.status = status;
    });
  }

  logs(namespace: string, name: string, options: LogOptions): LogSource {
    const pod = this.options.store.get(TYPES.pods, namespace, name);
    if (!pod) throw notFound('pods', '', name);
    const runtime = [...this.pods.values()].find((r) => r.uid === pod.metadata.uid);
    const names = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name) as string[];
    if (!options.container && names.length > 1) {
      throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
    }
    const containerName = options.container ?? names[0];
    const container = runtime?.containers.find((c) => c.name === containerName);
    if (!container || !names.includes(containerName ?? '')) {
      if (!names.includes(containerName ?? '')) throw badRequest(`container ${containerName} is not valid for pod ${name}`);
      throw badRequest(`container "${containerName}" in pod "${name}" is waiting to start: ContainerCreating`);
    }
    if (options.previous) {
      if (!container.previousLogs) throw badRequest(`previous terminated container "${containerName}" in pod "${name}" not found`);
      return container.previousLogs.source(options);
    }
    if ('waiting' in container.state && container.run === 0) {
      throw badRequest(`container "${containerName}" in pod "${name}" is waiting to start: ${container.state.waiting.reason}`);
    }
    return container.logs.source(options);
  }

  /** Stops every process (SIGTERM, SIGKILL after `graceMs`) without touching the store. */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    const runtimes = [...this.pods.values()];
    await Promise.all(
      runtimes.flatMap((runtime) =>
        runtime.containers.map(async (container) => {
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

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGABRT: 6, SIGSEGV: 11 };
  return signal ? (numbers[signal] ?? 1) : 0;
}

export function resolvePort(container: ContainerSpec, value: unknown): number {
  if (typeof value === 'number') return value;
  if (/^\d+$/.test(String(value))) return Number(value);
  const named = (container.ports ?? []).find((p: { name?: string }) => p.name === value);
  if (!named) throw new ApiError(400, 'BadRequest', `port "${String(value)}" is not declared by container ${container.name}`);
  return named.containerPort;
}

function expandVariables(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && env[name] !== undefined ? env[name] : match;
  });
}

function fieldValue(pod: KubeObject, runtime: PodRuntime, fieldPath: string): string {
  const labelMatch = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (labelMatch) return (pod.metadata[labelMatch[1] as 'labels' | 'annotations'] ?? {})[labelMatch[2] ?? ''] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return runtime.name;
    case 'metadata.namespace':
      return runtime.namespace;
    case 'metadata.uid':
      return runtime.uid;
    case 'status.podIP':
      return runtime.ip;
    case 'status.hostIP':
      return '127.0.0.1';
    case 'spec.nodeName':
      return NODE_NAME;
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? 'default';
    default:
      return '';
  }
}
