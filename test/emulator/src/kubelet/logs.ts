import { badRequest } from '../errors.js';
import type { KubeObject } from '../store.js';
import type { PodRuntime } from './pod-runtime.js';

const LOG_LINE_LIMIT = 10_000;

export interface LogOptions {
  container?: string;
  previous: boolean;
  tailLines?: number;
  timestamps: boolean;
}

export interface LogSource {
  /** Lines already written. */
  lines: string[];
  /** Streams further lines until the container stops; returns an unsubscribe function. */
  follow(onLine: (line: string) => void, onEnd: () => void): () => void;
}

/** A container's output: complete lines with their timestamps, and followers for `logs -f`. */
export class LogBuffer {
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

/** The log a `pods/NAME/log` request reads, or the error a kubelet gives for it. `runtime` is undefined while the pod is not running here. */
export function containerLogs(pod: KubeObject, runtime: PodRuntime | undefined, options: LogOptions): LogSource {
  const name = pod.metadata.name;
  const appNames = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name) as string[];
  const initNames = (pod.spec?.initContainers ?? []).map((c: { name: string }) => c.name) as string[];
  const names = [...initNames, ...appNames];
  if (!options.container && appNames.length > 1) {
    const init = initNames.length > 0 ? ` or one of the init containers: [${initNames.join(' ')}]` : '';
    throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${appNames.join(' ')}]${init}`);
  }
  const containerName = options.container ?? appNames[0];
  const container = runtime?.allContainers.find((c) => c.name === containerName);
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
