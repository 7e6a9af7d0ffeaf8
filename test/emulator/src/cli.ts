// `npm run cluster -- --kubeconfig <path>`: the emulator in the foreground until Ctrl-C.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startCluster } from './cluster.js';

const { values } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    'image-table': { type: 'string' },
    token: { type: 'string' },
    'log-requests': { type: 'boolean', default: false },
    'unprivileged-ports': { type: 'boolean', default: false },
    'kubelet-backoff': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help || !values.kubeconfig) {
  process.stdout.write(
    `usage: npm run cluster -- --kubeconfig <path> [--image-table <file>] [--token <token>] [--log-requests] [--unprivileged-ports] [--kubelet-backoff]\n`,
  );
  process.exit(values.help ? 0 : 2);
}

async function main(): Promise<void> {
  const cluster = await startCluster({
    kubeconfigPath: values.kubeconfig,
    ...(values['image-table'] ? { imageTable: values['image-table'] } : {}),
    ...(values.token ? { token: values.token } : {}),
    logRequests: values['log-requests'],
    simulateUnprivilegedPorts: values['unprivileged-ports'],
    // A kubelet's own crash-loop and image back-off (10 s doubling to 300 s) instead of ten times faster.
    ...(values['kubelet-backoff'] ? { backoffInitialMs: 10_000, backoffMaxMs: 300_000 } : {}),
  });
  process.stdout.write(
    [
      `Kubernetes emulator listening on ${cluster.server} (cluster id ${cluster.id})`,
      `kubeconfig written to ${cluster.kubeconfigPath}`,
      '',
      'Use it with:',
      `  export KUBECONFIG=${cluster.kubeconfigPath}`,
      `  export KUBECACHEDIR=${cluster.cacheDir}`,
      '  kubectl apply --server-side -k example-service/k8s/overlays/<env>',
      '',
      'Pods get 127.1.x.y addresses, Services 127.2.x.y. Press Ctrl-C to stop every process.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${reason}: stopping the emulator and its pods...\n`);
    cluster.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);
  // A supervisor or a cancelled CI step signals npm, which dies without passing the signal on to
  // its shell and tsx: whichever launcher is gone, the emulator follows.
  const parent = process.ppid;
  const chain = launchers();
  setInterval(() => {
    const gone = process.ppid !== parent ? parent : chain.find((pid) => !alive(pid));
    if (gone !== undefined) shutdown(`process ${gone} that launched the emulator exited`);
  }, 500).unref();
}

/**
 * The processes that launched this one: for `npm run cluster`, tsx, the shell and npm (every
 * process up to the first without npm's script environment); else the direct parent. Linux's
 * /proc tells the parents; elsewhere only the direct parent is watched.
 */
function launchers(): number[] {
  const chain: number[] = [];
  for (let pid: number | undefined = process.ppid; pid !== undefined && pid > 1; pid = parentOf(pid)) {
    chain.push(pid);
    if (!runsAnNpmScript(pid)) break;
  }
  return chain;
}

function parentOf(pid: number): number | undefined {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[1]);
    return Number.isInteger(parent) ? parent : undefined;
  } catch {
    return undefined;
  }
}

function runsAnNpmScript(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .some((entry) => entry.startsWith('npm_lifecycle_event='));
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
