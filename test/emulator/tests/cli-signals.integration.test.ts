import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { describeWithTools } from '../../harness/tools.js';
import { REPOSITORY_ROOT } from '../../repository-root.js';
import { FIXTURE_IMAGES, webManifests } from './fixtures/manifests.js';
import { processesOfCluster, waitFor } from './fixtures/processes.js';

const run = promisify(execFile);

/** Whether anything accepts a TCP connection on the URL's port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
    socket.setTimeout(2000, () => resolve(false));
  });
}

function pidsOf(pattern: RegExp, group: number): number[] {
  return processesInGroup(group)
    .filter(([, command]) => pattern.test(command))
    .map(([pid]) => pid);
}

function processesInGroup(group: number): Array<[number, string]> {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry): Array<[number, string]> => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const [state, , processGroup] = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
        // A zombie has ended; it only waits for its parent to collect its exit status.
        return Number(processGroup) === group && state !== 'Z' ? [[Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ')]] : [];
      } catch {
        return [];
      }
    });
}

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

// `npm run cluster` runs npm → sh → tsx → node (the emulator). A supervisor or a cancelled CI
// step signals the first; npm dies without passing the signal on.
describeWithTools(['kubectl'], 'npm run cluster stops everything whichever launcher goes', () => {
  it.each([
    ['SIGTERM', 'npm', /^npm run cluster/],
    ['SIGKILL', 'npm', /^npm run cluster/],
    ['SIGKILL', 'tsx', /^node \S+\/\.bin\/tsx /],
  ] as const)(
    '%s to %s',
    async (signal, _name, target) => {
      const folder = await mkdtemp(join(tmpdir(), 'cluster-signal-'));
      cleanup.push(() => rm(folder, { recursive: true, force: true }));
      const imageTable = join(folder, 'images.json');
      await writeFile(imageTable, JSON.stringify({ images: FIXTURE_IMAGES.map((image) => ({ ...image, workingDir: REPOSITORY_ROOT })) }));
      const kubeconfig = join(folder, 'kubeconfig');
      const npm = spawn('npm', ['run', 'cluster', '--', '--kubeconfig', kubeconfig, '--image-table', imageTable], {
        cwd: REPOSITORY_ROOT,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const group = npm.pid!;
      cleanup.push(() => {
        try {
          process.kill(-group, 'SIGKILL');
        } catch {
          // Already gone, as it should be.
        }
      });
      let output = '';
      npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const [, server, id] = await waitFor('the emulator', () => /listening on (\S+) \(cluster id (\w+)\)/.exec(output) ?? undefined, 60_000);
      const env = { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(folder, 'cache') };
      const apply = spawn('kubectl', ['apply', '--server-side', '--field-manager=test', '-f', '-'], { env, stdio: ['pipe', 'ignore', 'inherit'] });
      apply.stdin.end(webManifests({ namespace: 'signals', replicas: 2 }));
      await new Promise((resolve) => apply.once('exit', resolve));
      await run('kubectl', ['rollout', 'status', 'deployment/web', '-n', 'signals', '--timeout=60s'], { env });
      expect(processesOfCluster(id!).length).toBeGreaterThanOrEqual(2);

      const [victim] = pidsOf(target, group);
      expect(victim, `a process matching ${target} in ${JSON.stringify(processesInGroup(group))}`).toBeDefined();
      process.kill(victim!, signal);

      await waitFor('every pod process to end', () => processesOfCluster(id!).length === 0, 30_000);
      await waitFor('the emulator to stop listening', async () => !(await listening(server!)), 30_000);
      // npm writes its error log after the script dies; on a loaded machine that takes a while.
      await waitFor('every process npm started to end', () => processesInGroup(group).length === 0, 60_000).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}; still running: ${JSON.stringify(processesInGroup(group))}`);
      });
    },
    180_000,
  );
});
