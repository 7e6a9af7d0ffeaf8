// `npm run cluster -- --kubeconfig <path>`: the emulator in the foreground until Ctrl-C.
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
  process.stdout.write(`usage: npm run cluster -- --kubeconfig <path> [--image-table <file>] [--token <token>] [--log-requests] [--unprivileged-ports] [--kubelet-backoff]\n`);
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
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the emulator and its pods...\n`);
    cluster.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
