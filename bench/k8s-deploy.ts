// Wall times of the deploy and rollback actions (built bundles, real kubectl) on the local cluster emulator
// running the real inventory service: npx tsx bench/k8s-deploy.ts
import { execFileSync } from 'node:child_process';
import { runBundle } from '../test/harness/run-bundle.js';
import { DEPLOYMENT, NAMESPACE, startStage } from '../test/harness/stage.js';

execFileSync('npx', ['tsc', '-p', 'example-service/tsconfig.json'], { stdio: 'inherit' });
const stage = await startStage();
try {
  const common = { manifests: 'test/k8s-deploy/fixtures/overlay', namespace: NAMESPACE, kubeconfig: stage.kubeconfig, timeout: '120s' };
  const env = { KUBECACHEDIR: stage.cluster.cacheDir };
  const timed = async (label: string, action: string, inputs: Record<string, string>, expectedExit = 0) => {
    const started = performance.now();
    const run = await runBundle({ action, inputs, env, workspace: process.cwd(), timeoutMs: 300_000 });
    const seconds = (performance.now() - started) / 1000;
    if (run.exitCode !== expectedExit) throw new Error(`${label}: exit ${run.exitCode}: ${run.stdout.slice(-2000)}`);
    console.log(`${label.padEnd(58)} ${seconds.toFixed(1).padStart(6)} s   (step reports ${run.outputs['duration-seconds'] ?? '?'} s)`);
  };
  await timed('first rolling deploy, 3 replicas', 'actions/deploy', { ...common, images: 'inventory-service:1.0.0' });
  await timed('rolling deploy of a new version, 3 replicas', 'actions/deploy', { ...common, images: 'inventory-service:1.1.0' });
  await timed('canary deploy (1 canary + 1 baseline)', 'actions/deploy', { ...common, images: 'inventory-service:2.0.0', strategy: 'canary' });
  await timed('canary promote (stable to the canary version)', 'actions/deploy', {
    ...common,
    images: 'inventory-service:2.0.0',
    strategy: 'canary',
    action: 'promote',
  });
  await timed('rollback to the previous revision, all pods ready', 'actions/rollback', {
    namespace: NAMESPACE,
    deployment: DEPLOYMENT,
    kubeconfig: stage.kubeconfig,
  });
  await timed('crash-looping deploy: start of step to failure + rollback', 'actions/deploy', { ...common, images: 'inventory-service:crash' }, 1);
  const blueGreen = { ...common, strategy: 'blue-green' };
  await timed('blue-green: first deploy (blue live, rolling one replaced)', 'actions/deploy', { ...blueGreen, images: 'inventory-service:3.0.0' });
  await timed('blue-green: new version as green, 3 replicas ready', 'actions/deploy', { ...blueGreen, images: 'inventory-service:3.1.0' });
  await timed('blue-green: promote (Service switched to green)', 'actions/deploy', { ...blueGreen, images: 'inventory-service:3.1.0', action: 'promote' });
  await timed('blue-green: rollback (Service switched back to blue)', 'actions/rollback', {
    namespace: NAMESPACE,
    deployment: DEPLOYMENT,
    kubeconfig: stage.kubeconfig,
  });
} finally {
  await stage.stop();
}
