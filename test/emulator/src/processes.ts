import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Every pod process runs in its own process group. A small reaper process holds the list of
 * groups and kills them all when its stdin closes — which also happens when the emulator's own
 * process dies abruptly (a crashed or killed test worker), so nothing outlives it. It then
 * removes the paths it was given (the emulator's work directory and address-block lock).
 */
const REAPER_SOURCE = `
const groups = new Set();
let buffered = '';
process.on('SIGINT', () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let newline;
  while ((newline = buffered.indexOf('\\n')) >= 0) {
    const line = buffered.slice(0, newline);
    buffered = buffered.slice(newline + 1);
    const pid = Number(line.slice(1));
    if (line[0] === '+') groups.add(pid); else groups.delete(pid);
  }
});
process.stdin.on('end', () => {
  for (const pid of groups) { try { process.kill(-pid, 'SIGKILL'); } catch {} }
  for (const leftover of process.argv.slice(1)) require('node:fs').rmSync(leftover, { recursive: true, force: true });
  process.exit(0);
});
`;

export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export class ProcessGroups {
  private readonly reaper: ChildProcess;
  private readonly groups = new Set<number>();
  private readonly onExit = (): void => {
    for (const pid of this.groups) killGroup(pid, 'SIGKILL');
  };

  constructor(leftovers: string[]) {
    this.reaper = spawn(process.execPath, ['-e', REAPER_SOURCE, ...leftovers], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    this.reaper.unref();
    process.on('exit', this.onExit);
  }

  get reaperPid(): number | undefined {
    return this.reaper.pid;
  }

  track(pid: number): void {
    this.groups.add(pid);
    this.reaper.stdin?.write(`+${pid}\n`);
  }

  untrack(pid: number): void {
    this.groups.delete(pid);
    this.reaper.stdin?.write(`-${pid}\n`);
  }

  /** Kills whatever is left and lets the reaper exit. */
  async close(): Promise<void> {
    this.onExit();
    process.off('exit', this.onExit);
    const exited = new Promise<void>((resolve) => {
      if (this.reaper.exitCode !== null) resolve();
      else this.reaper.once('exit', () => resolve());
    });
    this.reaper.stdin?.end();
    await exited;
  }
}
