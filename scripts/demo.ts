// The whole pipeline on this machine, no Docker: embedded PostgreSQL, the local cluster emulator
// running the real inventory service, and the real action bundles under the runner contract.
//   npm run demo
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../actions/lib/errors.js';
import { EMULATOR_CONTROLLER_NAME } from '../test/emulator/src/gateway/spec.js';
import { startGitHubStandIn } from '../test/harness/github-stand-in.js';
import { runBundle, type ActionRun } from '../test/harness/run-bundle.js';
import { REPOSITORY_ROOT } from '../test/repository-root.js';
import { DEPLOYMENT, NAMESPACE, startLoad, startStage, type Stage } from '../test/harness/stage.js';

const SUMMARIES = join(REPOSITORY_ROOT, '.demo');
const GITHUB_TOKEN = 'demo-github-token';
type GitHubStandIn = Awaited<ReturnType<typeof startGitHubStandIn>>;
const started = performance.now();
let stepNumber = 0;

interface Step {
  title: string;
  action: string;
  inputs: Record<string, string>;
  /** What "behaved as designed" means for this step. */
  expect: (run: ActionRun) => string | undefined;
  env?: Record<string, string>;
}

async function runStep(step: Step): Promise<ActionRun> {
  stepNumber++;
  const stepStarted = performance.now();
  const run = await runBundle({ action: step.action, inputs: step.inputs, env: step.env, workspace: REPOSITORY_ROOT, timeoutMs: 300_000 });
  const seconds = ((performance.now() - stepStarted) / 1000).toFixed(1);
  const summaryFile = join(SUMMARIES, `${String(stepNumber).padStart(2, '0')}-${step.action.split('/').pop()}.md`);
  await writeFile(summaryFile, run.summary);
  const problem = step.expect(run);
  console.log(`\n${problem ? '✗' : '✓'} ${stepNumber}. ${step.title} (${seconds} s, exit ${run.exitCode})`);
  console.log(
    `  outputs: ${Object.entries(run.outputs)
      .filter(([name]) => !['report', 'sarif-file'].includes(name))
      .map(([name, value]) => `${name}=${value.replace(/\n/g, ',')}`)
      .join('  ')}`,
  );
  console.log(`  job summary: ${summaryFile}`);
  console.log(indent(renderSummary(run.summary)));
  if (problem) throw new Error(`Step ${stepNumber} (${step.title}) did not behave as designed: ${problem}\n${run.stdout.slice(-3000)}`);
  return run;
}

/** The job summary as a person would read it in a terminal: headings, table rows, details. */
function renderSummary(html: string): string {
  return html
    .replace(/<h(\d)>(.*?)<\/h\d>/g, (_, level: string, text: string) => `${'#'.repeat(Number(level))} ${text}`)
    .replace(/<tr>(.*?)<\/tr>/g, (_, row: string) => `| ${row.replace(/<t[hd][^>]*>(.*?)<\/t[hd]>/g, '$1 | ')}\n`)
    .replace(/<summary>(.*?)<\/summary>/g, '▸ $1\n')
    .replace(/<a href="(.*?)">(.*?)<\/a>/g, '$2 ($1)')
    .replace(/<\/?[a-z][a-z0-9]*(\s[^>]*)?>/gi, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .split('\n')
    .slice(0, 40)
    .join('\n')
    .trim();
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function expectOutputs(expected: Record<string, string>, exitCode = 0) {
  return (run: ActionRun) => {
    if (run.exitCode !== exitCode) return `exit code ${run.exitCode}, expected ${exitCode}`;
    const wrong = Object.entries(expected).filter(([name, value]) => run.outputs[name] !== value);
    return wrong.length > 0 ? wrong.map(([name, value]) => `${name} is ${run.outputs[name]}, expected ${value}`).join('; ') : undefined;
  };
}

/** The service's in-process API tests (real PostgreSQL), with coverage and JUnit for the gate; the slower process-level tests run in `npm test`. */
function runServiceTests(): void {
  const tests = ['items.integration', 'adjust-concurrency.integration', 'config', 'operations.integration'].map(
    (name) => `example-service/test/${name}.test.ts`,
  );
  // vitest runs whatever matches and says nothing of a filter that matches no file: the gate would then judge a fraction of the tests.
  const missing = tests.filter((file) => !existsSync(join(REPOSITORY_ROOT, file)));
  if (missing.length > 0) throw new Error(`The demo's list of service tests names files that do not exist: ${missing.join(', ')}`);
  console.log(`\nRunning the service's API tests with coverage (${tests.length} files)…`);
  execFileSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      ...tests,
      '--coverage.enabled',
      '--coverage.provider=v8',
      '--coverage.reporter=lcov',
      `--coverage.reportsDirectory=${join(SUMMARIES, 'coverage')}`,
      '--coverage.include=example-service/src/**',
      '--reporter=dot',
      '--reporter=junit',
      `--outputFile.junit=${join(SUMMARIES, 'junit.xml')}`,
    ],
    { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

async function demo(stage: Stage, github: GitHubStandIn): Promise<void> {
  runServiceTests();
  await runStep({
    title: "quality-gate on the service's tests (coverage, JUnit)",
    action: 'actions/quality-gate',
    inputs: {
      'coverage-files': '.demo/coverage/lcov.info',
      'test-results': '.demo/junit.xml',
      'base-ref': 'HEAD',
      'min-coverage': '80',
    },
    expect: expectOutputs({ passed: 'true', 'failed-tests': '0' }),
  });

  const cluster = { namespace: NAMESPACE, kubeconfig: stage.kubeconfig };
  // The deploys record GitHub deployments of this checkout's commit in a local GitHub stand-in; delivery-metrics reads them at the end.
  const head = execFileSync('git', ['log', '-1', '--format=%H %cI'], { cwd: REPOSITORY_ROOT, encoding: 'utf8' }).trim().split(' ');
  github.commits[head[0]!] = head[1]!;
  const env = { KUBECACHEDIR: stage.cluster.cacheDir, GITHUB_API_URL: github.url, GITHUB_SHA: head[0]! };
  const recorded = { 'github-token': GITHUB_TOKEN };
  // The test overlay with the service's pre-deploy migration hook Job.
  const manifests = 'test/k8s-deploy/fixtures/hooks/migrating';
  // One analysis window per canary step: 5 intervals of 2 s.
  const analysis = { ...cluster, provider: 'direct', interval: '2s', iterations: '5', 'min-samples': '3' };
  // The rehearsal overlay with a Gateway and the HTTPRoute `inventory`, without the migration hook (the canaries change no schema).
  const gatewayManifests = 'test/k8s-deploy/fixtures/gateway';

  await runStep({
    // The npm registry reachable here refuses the audit endpoint, so the dependency scanner would
    // (rightly) report "unavailable" and fail the step; the tests cover it against a stand-in registry.
    title: 'security-scan of this repository (secrets, manifests, Dockerfile, workflows)',
    action: 'actions/security-scan',
    inputs: { path: '.', scanners: 'secrets,kubernetes,dockerfile,workflows', 'fail-on-severity': 'high' },
    expect: expectOutputs({ passed: 'true', critical: '0', high: '0' }),
  });

  await runStep({
    title: 'deploy v1.0.0 (rolling; the pre-deploy hook Job migrates the database before any pod starts)',
    action: 'actions/deploy',
    inputs: { ...cluster, ...recorded, manifests, images: 'inventory-service:1.0.0' },
    env,
    expect: (run) =>
      expectOutputs({ status: 'succeeded', revision: '1' })(run) ??
      (run.summary.includes('inventory-migrate') ? undefined : 'the summary shows no migration hook'),
  });

  // The Gateway API as a platform team provides it: the implementation's GatewayClass (the
  // emulator's), then the Gateway and the service's HTTPRoute of the gateway overlay.
  const gatewayClass = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: 'emulator' },
    spec: { controllerName: EMULATOR_CONTROLLER_NAME },
  };
  const applied = await stage.cluster.kubectl(['apply', '--server-side', '--field-manager=demo', '--filename', '-'], { input: JSON.stringify(gatewayClass) });
  if (applied.code !== 0) throw new Error(`GatewayClass: ${applied.stderr}`);
  await stage.kubectl(
    'apply',
    '--server-side',
    '--field-manager=demo',
    '--namespace',
    NAMESPACE,
    '--filename',
    join(REPOSITORY_ROOT, 'test/k8s-deploy/fixtures/gateway-api/gateway.yaml'),
  );
  await stage.kubectl('--namespace', NAMESPACE, 'wait', '--for=condition=Programmed', 'gateway/inventory-gateway', '--timeout=30s');
  const gateway = await stage.cluster.gatewayAddress(NAMESPACE, 'inventory-gateway', 80);
  if (!gateway) throw new Error('Gateway inventory-gateway does not listen');
  const gatewayUrl = `http://${gateway.host}:${gateway.port}/api/items?limit=5`;
  console.log(`\nGateway inventory-gateway listens on ${gateway.host}:${gateway.port}; HTTPRoute inventory sends its requests to Service ${DEPLOYMENT}`);

  const load = startLoad(await stage.serviceUrl('/api/items?limit=5'));
  const gatewayLoad = startLoad(gatewayUrl, 2);
  // A tester's requests: with the canary header they reach the canary only, whatever its weight.
  const testerLoad = startLoad(gatewayUrl, 1, { 'x-canary': 'always' });
  try {
    await runStep({
      title:
        'progressive-canary of a bad v2 (FAULT_ERROR_RATE=0.5 in tag 2.0.0-faulty) through the HTTPRoute (gateway-api, steps 10,25,50; testers first with x-canary: always) → stopped at step 1',
      action: 'actions/progressive-canary',
      inputs: {
        ...analysis,
        ...recorded,
        manifests: gatewayManifests,
        images: 'inventory-service:2.0.0-faulty',
        steps: '10,25,50',
        'traffic-router': 'gateway-api',
        'http-route': 'inventory',
        'canary-header': 'x-canary: always',
      },
      env,
      expect: expectOutputs({ result: 'rolled-back', 'stopped-at-step': '1', verdict: 'rollback' }, 1),
    });
    const tester = await testerLoad.stop();
    console.log(
      `  a tester's requests with x-canary: always: ${tester.succeeded} answered, ${tester.failures.length} failed (while the canary ran they all went to it: half its answers are injected 500s)`,
    );
    const route = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'httproute', 'inventory', '--output', 'json')) as { spec: unknown };
    if (JSON.stringify(route.spec).includes('-canary')) throw new Error(`HTTPRoute inventory still names the canary: ${JSON.stringify(route.spec)}`);
    console.log('  HTTPRoute inventory sends every request to the stable Service again; its header rule is gone');

    await runStep({
      title: 'progressive-canary of a good v2.0.0 (replicas, steps 25,50): judged at each step, then promoted',
      action: 'actions/progressive-canary',
      inputs: { ...analysis, ...recorded, manifests: gatewayManifests, images: 'inventory-service:2.0.0', steps: '25,50', 'max-surge-replicas': '5' },
      env,
      expect: expectOutputs({ result: 'promoted', revision: '2' }),
    });

    const blueGreen = { ...cluster, ...recorded, manifests, strategy: 'blue-green' };
    await runStep({
      title: 'blue-green v2.1.0, the first: blue goes live and replaces the rolling Deployment',
      action: 'actions/deploy',
      inputs: { ...blueGreen, images: 'inventory-service:2.1.0' },
      env,
      expect: expectOutputs({ status: 'succeeded', strategy: 'rolling', deployments: `${DEPLOYMENT}-blue` }),
    });
    await runStep({
      title: 'blue-green v2.2.0: green starts beside blue, without traffic',
      action: 'actions/deploy',
      inputs: { ...blueGreen, images: 'inventory-service:2.2.0' },
      env,
      expect: expectOutputs({ status: 'succeeded', strategy: 'blue-green', deployments: `${DEPLOYMENT}-green` }),
    });
    await runStep({
      title: 'promote v2.2.0: the Service switches to green',
      action: 'actions/deploy',
      inputs: { ...blueGreen, images: 'inventory-service:2.2.0', action: 'promote' },
      env,
      expect: expectOutputs({ status: 'succeeded', deployments: `${DEPLOYMENT}-green` }),
    });
    await runStep({
      title: 'rollback: the Service switches back to blue (v2.1.0), green is removed',
      action: 'actions/rollback',
      inputs: { ...cluster, ...recorded, deployment: DEPLOYMENT, reason: 'demo: switch back', 'health-url': await stage.serviceUrl('/ready') },
      env,
      expect: expectOutputs({ status: 'succeeded' }),
    });
  } finally {
    await testerLoad.stop();
    const report = await load.stop();
    const throughGateway = await gatewayLoad.stop();
    report.succeeded += throughGateway.succeeded;
    report.failures.push(...throughGateway.failures);
    const byKind = new Map<string, number>();
    for (const failure of report.failures) {
      const kind = failure.replace(/ after \d+ ms$/, '');
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
    const kinds = [...byKind].map(([kind, count]) => `${count} × ${kind}`).join(', ');
    console.log(
      `\nTraffic through the Service and the Gateway during the canaries and blue-green switches: ${report.succeeded} requests answered, ${report.failures.length} failed${kinds ? ` (${kinds}: the faulty canary's injected 500s are expected; anything else is not)` : ''}`,
    );
  }

  await runStep({
    // Five releases were recorded: v1.0.0, the faulty v2 (its progressive canary rolled back), v2.0.0 (promoted by its
    // progressive canary), v2.1.0, and v2.2.0 (green + promote), which the last rollback undid: 3 succeeded, 2 failed.
    title: 'delivery-metrics of this run, from the GitHub deployments the deploys, canaries and rollbacks recorded: 3 releases succeeded, 2 were rolled back',
    action: 'actions/delivery-metrics',
    inputs: { ...recorded, 'window-days': '1' },
    env: { GITHUB_API_URL: github.url },
    expect: expectOutputs({ 'deployments-per-day': '3.000', 'change-failure-rate': '40.0' }),
  });
}

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'example-service/tsconfig.json'], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });
await rm(SUMMARIES, { recursive: true, force: true });
await mkdir(SUMMARIES, { recursive: true });
console.log('Starting embedded PostgreSQL and the local cluster emulator…');
const stage = await startStage();
const github = await startGitHubStandIn();
try {
  await demo(stage, github);
  console.log(`\nThe pipeline behaved as designed in ${((performance.now() - started) / 1000).toFixed(0)} s. Job summaries: ${SUMMARIES}`);
} catch (error: unknown) {
  console.error(`\n${describeError(error)}`);
  process.exitCode = 1;
} finally {
  await github.close();
  await stage.stop();
}
