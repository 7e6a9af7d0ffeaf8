import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../example-service/scripts/embedded-postgres.js';

export interface RunningPrometheus {
  url: string;
  /** The folder holding prometheus.yml, the files given and the TSDB. */
  directory: string;
  /** GET /api/v1/<path>; throws unless Prometheus answers status "success". */
  api<T = unknown>(path: string, query?: Record<string, string>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Debian's /usr/bin/prometheus on a free loopback port, with `files` (name → content: the
 * configuration as prometheus.yml, rule files, file_sd target lists) written to a fresh folder
 * that relative paths in the configuration resolve against. Resolves once /-/ready answers.
 */
export async function startPrometheus(files: Record<string, string>): Promise<RunningPrometheus> {
  const directory = await mkdtemp(join(tmpdir(), 'prometheus-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(directory, name), content);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(
    'prometheus',
    ['--config.file=prometheus.yml', `--storage.tsdb.path=${join(directory, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { cwd: directory, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let ready = false;
  for (let attempt = 0; attempt < 60 && child.exitCode === null && !ready; attempt++) {
    ready = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (!ready) await sleep(250);
  }
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`prometheus did not become ready:\n${output.join('').slice(-3000)}`);
  }
  return {
    url,
    directory,
    async api<T>(path: string, query: Record<string, string> = {}) {
      const response = await fetch(`${url}/api/v1/${path}?${new URLSearchParams(query)}`);
      const body = (await response.json()) as { status: string; data: T; error?: string };
      if (body.status !== 'success') throw new Error(`prometheus ${path} ${JSON.stringify(query)}: ${body.error ?? response.status}`);
      return body.data;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
