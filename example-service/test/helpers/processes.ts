import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const SERVICE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_JS = `${SERVICE_ROOT}dist/server.js`;
export const MIGRATE_JS = `${SERVICE_ROOT}dist/migrate.js`;

/** Compiles example-service/src to example-service/dist, as `npm run build:service` does. */
export async function buildService(): Promise<void> {
  await promisify(execFile)('npx', ['tsc', '-p', `${SERVICE_ROOT}tsconfig.json`], { cwd: SERVICE_ROOT });
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface ServiceProcess {
  child: ChildProcess;
  logs: LogLine[];
  /** Everything the process wrote, for assertions on what must never appear. */
  output(): string;
  waitForLog(message: string | RegExp, timeoutMs?: number): Promise<LogLine>;
  exited: Promise<number | null>;
}

/** Runs a compiled entry point with only the given environment (plus PATH), collecting its JSON log lines. */
export function runService(script: string, env: Record<string, string>, args: readonly string[] = []): ServiceProcess {
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let raw = '';
  let pending = '';
  const waiters: Array<() => void> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    raw += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: 0, msg: line });
      }
    }
    waiters.splice(0).forEach((wake) => wake());
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    raw += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const matches = (line: LogLine, message: string | RegExp) => (typeof message === 'string' ? line.msg === message : message.test(line.msg));

  async function waitForLog(message: string | RegExp, timeoutMs = 60_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = logs.find((line) => matches(line, message));
      if (found) return found;
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`no log line ${String(message)}; exit code ${child.exitCode}; output:\n${raw}`);
      }
      await Promise.race([new Promise<void>((wake) => waiters.push(wake)), new Promise((wake) => setTimeout(wake, 100)), exited]);
    }
  }

  return { child, logs, output: () => raw, waitForLog, exited };
}
