import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { resolvePort, type ContainerSpec, type Probe } from '../pod-spec.js';
import type { ContainerRuntime } from './pod-runtime.js';

export type ProbeKind = 'Readiness' | 'Liveness' | 'Startup';

/** How a container's probe loops reach the kubelet. */
export interface ProbeHooks {
  /** False once this run of the container is over (restarted, pod terminating, kubelet stopped): the loops stop. */
  current(): boolean;
  /** The container's `started` or `ready` changed. */
  statusChanged(): void;
  unhealthy(message: string): void;
  /** A liveness or startup probe failed `failureThreshold` times in a row: the container must be restarted. */
  failed(kind: ProbeKind): void;
}

/** Runs a container's startup probe, then its readiness and liveness probes, each on its own period. */
export function startProbes(podIP: string, container: ContainerRuntime, hooks: ProbeHooks): void {
  const { startupProbe, readinessProbe, livenessProbe } = container.spec;
  const begin = (): void => {
    if (readinessProbe) probeLoop(podIP, container, readinessProbe, 'Readiness', hooks);
    if (livenessProbe) probeLoop(podIP, container, livenessProbe, 'Liveness', hooks);
  };
  if (startupProbe) probeLoop(podIP, container, startupProbe, 'Startup', hooks, begin);
  else begin();
}

function probeLoop(podIP: string, container: ContainerRuntime, probe: Probe, kind: ProbeKind, hooks: ProbeHooks, onStarted?: () => void): void {
  let successes = 0;
  let failures = 0;
  const periodMs = (probe.periodSeconds ?? 10) * 1000;
  const tick = async (): Promise<void> => {
    if (!hooks.current()) return;
    const failure = await runHandler(podIP, container.spec, probe);
    if (!hooks.current()) return;
    if (failure === undefined) {
      successes += 1;
      failures = 0;
      if (kind === 'Startup' && successes >= (probe.successThreshold ?? 1)) {
        container.started = true;
        container.ready = !container.spec.readinessProbe;
        hooks.statusChanged();
        onStarted?.();
        return;
      }
      if (kind === 'Readiness' && successes >= (probe.successThreshold ?? 1) && !container.ready) {
        container.ready = true;
        hooks.statusChanged();
      }
    } else {
      successes = 0;
      failures += 1;
      hooks.unhealthy(`${kind} probe failed: ${failure}`);
      if (failures >= (probe.failureThreshold ?? 3)) {
        if (kind === 'Readiness') {
          if (container.ready) {
            container.ready = false;
            hooks.statusChanged();
          }
        } else {
          hooks.failed(kind);
          return;
        }
      }
    }
    container.later(periodMs, () => void tick());
  };
  container.later((probe.initialDelaySeconds ?? 0) * 1000, () => void tick());
}

/** Runs one probe or preStop handler; resolves to undefined on success or to the failure message. */
export function runHandler(podIP: string, container: ContainerSpec, probe: Probe): Promise<string | undefined> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  const port = (value: unknown): number => resolvePort(container, value);
  const { httpGet, tcpSocket } = probe;
  if (httpGet) {
    const host = httpGet.host ?? podIP;
    const headers = Object.fromEntries((httpGet.httpHeaders ?? []).map((h) => [h.name, h.value]));
    return new Promise((resolve) => {
      const request = http.get({ host, port: port(httpGet.port), path: httpGet.path ?? '/', headers, agent: false, timeout: timeoutMs }, (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        resolve(status >= 200 && status < 400 ? undefined : `HTTP probe failed with statuscode: ${status}`);
      });
      request.on('timeout', () => request.destroy(new Error('context deadline exceeded (Client.Timeout exceeded while awaiting headers)')));
      request.on('error', (error) => resolve(`Get "http://${host}:${port(httpGet.port)}${httpGet.path ?? '/'}": ${error.message}`));
    });
  }
  if (tcpSocket) {
    return new Promise((resolve) => {
      const socket = net.connect({ host: tcpSocket.host ?? podIP, port: port(tcpSocket.port), timeout: timeoutMs });
      socket.once('connect', () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.once('timeout', () => socket.destroy(new Error('i/o timeout')));
      socket.once('error', (error) => resolve(`dial tcp ${podIP}:${port(tcpSocket.port)}: ${error.message}`));
    });
  }
  if (probe.exec?.command?.length) {
    const [command, ...args] = probe.exec.command;
    return new Promise((resolve) => {
      const child = spawn(command ?? 'true', args, { env: { PATH: process.env.PATH ?? '', HOST: podIP }, stdio: 'ignore', timeout: timeoutMs });
      child.once('error', (error) => resolve(error.message));
      child.once('exit', (code) => resolve(code === 0 ? undefined : `command exited with ${code}`));
    });
  }
  return Promise.resolve(undefined);
}
