import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup, type ProcessGroups } from '../processes.js';
import type { LogBuffer } from './logs.js';

export interface ContainerExit {
  exitCode: number;
  signal: NodeJS.Signals | null;
}

/**
 * Starts a container's process in its own process group, tracked by the reaper, its output in
 * `logs`. When it ends (or cannot start: exit code 127), the rest of its group is killed and
 * `onExit` runs before `exited` resolves.
 */
export function spawnContainerProcess(
  executable: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; logs: LogBuffer; processes: ProcessGroups },
  onExit: (exit: ContainerExit) => void,
): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(executable, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) options.processes.track(child.pid);
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => options.logs.write(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => options.logs.write(chunk));
  const exited = new Promise<void>((resolve) => {
    let settled = false;
    const settle = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
      if (settled) return;
      settled = true;
      if (spawnError) options.logs.write(`failed to start ${executable}: ${spawnError.message}\n`);
      if (child.pid !== undefined) {
        killGroup(child.pid, 'SIGKILL');
        options.processes.untrack(child.pid);
      }
      onExit({ exitCode: code ?? (spawnError ? 127 : 128 + signalNumber(signal)), signal });
      resolve();
    };
    child.once('error', (error) => settle(null, null, error));
    // 'close' waits for stdout/stderr to drain, so the last output is in the log before the status says so.
    child.once('close', (code, signal) => settle(code, signal));
  });
  return { child, exited };
}

export function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGABRT: 6, SIGSEGV: 11 };
  return signal ? (numbers[signal] ?? 1) : 0;
}
