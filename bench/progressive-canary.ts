// A bad (-faulty: half its answers are 500s) stepped canary under constant load, once per traffic
// router, through the built progressive-canary bundle on the local cluster emulator: the time from
// the start of the bad step (the canary starts taking requests) to the abort (it takes none), and
// the requests it served, with their share of the step's requests. Figures, not a timed test.
//   npx tsx bench/progressive-canary.ts
import { execFileSync } from 'node:child_process';
import { EMULATOR_CONTROLLER_NAME } from '../test/emulator/src/gateway/spec.js';
import { runBundle } from '../test/harness/run-bundle.js';
import { NAMESPACE, startLoad, startStage, type Stage } from '../test/harness/stage.js';

const MANIFESTS = 'test/k8s-deploy/fixtures/gateway';
const ROUTE = 'inventory';
const STEPS = '10,25,50';
const ANALYSIS = { interval: '2s', iterations: '5', 'min-samples': '3' };
const POLL_MS = 200;

interface StepRecord {
  step: number;
  weight: number;
  plannedPercentage?: number;
  measuredPercentage?: number;
  verdict?: string;
}

/**
 * When the canary takes requests, seen from the cluster: its pods ready behind the stable Service
 * (replicas), or a weight on the route (gateway-api). Polled, so each edge is known to within one
 * poll and one kubectl call.
 */
function watchCanaryTraffic(stage: Stage, router: 'replicas' | 'gateway-api'): { stop(): Promise<{ start?: number; end?: number }> } {
  let running = true;
  let start: number | undefined;
  let end: number | undefined;
  const takesTraffic = async (): Promise<boolean> => {
    if (router === 'gateway-api') {
      const route = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'httproute', ROUTE, '--output', 'json')) as {
        spec: { rules: Array<{ backendRefs?: Array<{ name: string; weight?: number }> }> };
      };
      return route.spec.rules.some((rule) => (rule.backendRefs ?? []).some((ref) => ref.name.endsWith('-canary') && (ref.weight ?? 1) > 0));
    }
    const ready = await stage.kubectl(
      '--namespace',
      NAMESPACE,
      'get',
      'deployments',
      '--ignore-not-found',
      '--output',
      'jsonpath={.items[?(@.metadata.name=="inventory-service-canary")].status.readyReplicas}',
    );
    return Number(ready || '0') > 0;
  };
  const loop = (async () => {
    while (running) {
      const now = performance.now();
      const taking = await takesTraffic().catch(() => undefined);
      if (taking === true && start === undefined) start = now;
      if (taking === false && start !== undefined && end === undefined) end = now;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { start, end };
    },
  };
}

async function badCanary(stage: Stage, router: 'replicas' | 'gateway-api', url: string): Promise<void> {
  const load = startLoad(url);
  const watcher = watchCanaryTraffic(stage, router);
  const started = performance.now();
  const run = await runBundle({
    action: 'actions/progressive-canary',
    inputs: {
      manifests: MANIFESTS,
      images: 'inventory-service:2.0.0-faulty',
      namespace: NAMESPACE,
      kubeconfig: stage.kubeconfig,
      steps: STEPS,
      'traffic-router': router,
      ...(router === 'gateway-api' ? { 'http-route': ROUTE } : { 'max-surge-replicas': '10' }),
      timeout: '120s',
      provider: 'direct',
      ...ANALYSIS,
    },
    env: { KUBECACHEDIR: stage.cluster.cacheDir },
    workspace: process.cwd(),
    timeoutMs: 600_000,
  });
  const seconds = (performance.now() - started) / 1000;
  // The abort is over when the step ends; a last poll sees the canary gone.
  await new Promise((resolve) => setTimeout(resolve, 2 * POLL_MS));
  const window = await watcher.stop();
  const traffic = await load.stop();
  if (run.outputs.result !== 'rolled-back')
    throw new Error(`${router}: result ${run.outputs.result ?? '(none)'}, expected rolled-back\n${run.stdout.slice(-3000)}`);
  const steps = JSON.parse(run.outputs.steps ?? '[]') as StepRecord[];
  const bad = steps.at(-1);
  const exposed = window.start !== undefined && window.end !== undefined ? ((window.end - window.start) / 1000).toFixed(1) : '?';
  const failures = new Map<string, number>();
  for (const failure of traffic.failures) {
    const kind = failure.replace(/ after \d+ ms$/, '');
    failures.set(kind, (failures.get(kind) ?? 0) + 1);
  }
  console.log(`traffic-router ${router}: stopped at step ${run.outputs['stopped-at-step']} (${bad?.weight}% asked, ${bad?.plannedPercentage ?? '?'}% planned)`);
  console.log(`  start of the bad step to the abort (canary taking requests)  ${exposed.padStart(6)} s`);
  console.log(`  the whole progressive-canary step (rollouts and removal too)  ${seconds.toFixed(1).padStart(6)} s`);
  console.log(`  requests the bad canary served (its pods' counters)           ${(run.outputs['canary-requests'] ?? '?').padStart(6)}`);
  console.log(`  its measured share of the step's requests                     ${String(bad?.measuredPercentage ?? '?').padStart(6)} %`);
  console.log(
    `  load during the run: ${traffic.succeeded} answered, ${traffic.failures.length} failed` +
      (failures.size > 0 ? ` (${[...failures].map(([kind, count]) => `${count} × ${kind}`).join(', ')})` : ''),
  );
}

execFileSync('npx', ['tsc', '-p', 'example-service/tsconfig.json'], { stdio: 'inherit' });
const stage = await startStage();
try {
  const gatewayClass = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: 'emulator' },
    spec: { controllerName: EMULATOR_CONTROLLER_NAME },
  };
  const applied = await stage.cluster.kubectl(['apply', '--server-side', '--field-manager=bench', '--filename', '-'], { input: JSON.stringify(gatewayClass) });
  if (applied.code !== 0) throw new Error(applied.stderr);
  const first = await runBundle({
    action: 'actions/deploy',
    inputs: { manifests: MANIFESTS, images: 'inventory-service:1.0.0', namespace: NAMESPACE, kubeconfig: stage.kubeconfig, timeout: '120s' },
    env: { KUBECACHEDIR: stage.cluster.cacheDir },
    workspace: process.cwd(),
    timeoutMs: 300_000,
  });
  if (first.exitCode !== 0) throw new Error(`first deploy: ${first.stdout.slice(-3000)}`);
  await stage.kubectl('--namespace', NAMESPACE, 'wait', '--for=condition=Programmed', 'gateway/inventory-gateway', '--timeout=30s');
  const gateway = await stage.cluster.gatewayAddress(NAMESPACE, 'inventory-gateway', 80);
  if (!gateway) throw new Error('the Gateway does not listen');

  console.log(`steps ${STEPS}, analysis windows of ${ANALYSIS.iterations} × ${ANALYSIS.interval} (direct provider), 3 stable replicas, 4 load workers`);
  await badCanary(stage, 'replicas', await stage.serviceUrl('/api/items?limit=5'));
  await badCanary(stage, 'gateway-api', `http://${gateway.host}:${gateway.port}/api/items?limit=5`);
} finally {
  await stage.stop();
}
