import { ApiError } from './errors.js';

/**
 * The parts of a Pod spec the emulator reads or defaults. Specs are user documents stored as
 * written, so these shapes are what the code expects, not what was validated; other fields pass through.
 */
export interface PodSpec {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  serviceAccountName?: string;
  nodeName?: string;
  [field: string]: unknown;
}

export interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: ContainerPort[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: LifecycleHandler };
  [field: string]: unknown;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: KeySelector;
    secretKeyRef?: KeySelector;
    fieldRef?: { fieldPath: string; apiVersion?: string };
    resourceFieldRef?: unknown;
  };
}

interface KeySelector {
  name: string;
  key: string;
  optional?: boolean;
}

export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

/** What a probe or a preStop hook runs. */
export interface Handler {
  httpGet?: { host?: string; port: number | string; path?: string; scheme?: string; httpHeaders?: { name: string; value: string }[] };
  tcpSocket?: { host?: string; port: number | string };
  exec?: { command?: string[] };
}

export interface Probe extends Handler {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

export interface LifecycleHandler extends Handler {
  sleep?: { seconds: number };
}

/** A container port given by number or by the name of one of the container's ports. */
export function resolvePort(container: ContainerSpec, value: unknown): number {
  if (typeof value === 'number') return value;
  if (/^\d+$/.test(String(value))) return Number(value);
  const named = (container.ports ?? []).find((p) => p.name === value);
  if (!named) throw new ApiError(400, 'BadRequest', `port "${String(value)}" is not declared by container ${container.name}`);
  return named.containerPort;
}
