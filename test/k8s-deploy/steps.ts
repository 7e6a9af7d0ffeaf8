import fs from 'node:fs';
import http from 'node:http';
import { expect } from 'vitest';
import YAML from 'yaml';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { EMULATOR_CONTROLLER_NAME } from '../emulator/src/gateway/spec.js';
import { DEPLOYMENT, NAMESPACE, type Stage } from '../harness/stage.js';

export const OVERLAY = 'test/k8s-deploy/fixtures/overlay';

/** The deploy action (the k8s-deploy alias teams use) on the stage, with the test overlay by default. */
export function deployStep(stage: Stage, inputs: Record<string, string>): Promise<ActionRun> {
  return runBundle({
    action: 'actions/deploy',
    inputs: { manifests: OVERLAY, namespace: NAMESPACE, kubeconfig: stage.kubeconfig, timeout: '90s', ...inputs },
    env: { KUBECACHEDIR: stage.cluster.cacheDir },
    workspace: process.cwd(),
    timeoutMs: 180_000,
  });
}

export function rollbackStep(stage: Stage, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runBundle({
    action: 'actions/rollback',
    inputs: { namespace: NAMESPACE, deployment: DEPLOYMENT, kubeconfig: stage.kubeconfig, timeout: '90s', ...inputs },
    env: { KUBECACHEDIR: stage.cluster.cacheDir, ...env },
    timeoutMs: 180_000,
  });
}

/** Every object a deploy may touch, with its resourceVersion: equal before and after means nothing changed. */
export async function clusterState(stage: Stage): Promise<unknown> {
  const list = JSON.parse(
    await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments,services,configmaps,horizontalpodautoscalers', '--output', 'json'),
  ) as {
    items: Array<{ kind: string; metadata: { name: string; resourceVersion: string }; spec?: unknown }>;
  };
  return list.items.map((item) => [item.kind, item.metadata.name, item.metadata.resourceVersion, item.spec]);
}

export function expectNoCredentials(stage: Stage, run: ActionRun): void {
  expect(run.everythingWritten).not.toContain(stage.cluster.token);
  expect(run.everythingWritten).not.toContain('certificate-authority-data');
}

export function errorOf(run: ActionRun): string | undefined {
  return run.annotations.find((annotation) => annotation.level === 'error')?.message;
}

interface Pod {
  metadata: { name: string; deletionTimestamp?: string };
  spec: { containers: Array<{ image: string }> };
}

/** Images of the live pods matching a label selector, sorted. */
export async function imagesOf(stage: Stage, selector: string): Promise<string[]> {
  const pods = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'pods', '--selector', selector, '--output', 'json')) as { items: Pod[] };
  return pods.items
    .filter((pod) => !pod.metadata.deletionTimestamp)
    .map((pod) => pod.spec.containers[0]!.image)
    .sort();
}

/** Gateway API objects as the emulator's Gateway implementation serves them. */
export function gatewayApiObject(kind: string, metadata: object, spec: object): object {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata, spec };
}

/**
 * GatewayClass `emulator`, Gateway `edge` (HTTP on port 80) and HTTPRoute `route` sending everything
 * to the inventory Service, plus `others`; resolves once the Gateway is programmed.
 */
export async function applyGateway(stage: Stage, route: string, others: object[] = []): Promise<void> {
  const objects = [
    gatewayApiObject('GatewayClass', { name: 'emulator' }, { controllerName: EMULATOR_CONTROLLER_NAME }),
    gatewayApiObject(
      'Gateway',
      { name: 'edge', namespace: NAMESPACE },
      { gatewayClassName: 'emulator', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
    ),
    gatewayApiObject(
      'HTTPRoute',
      { name: route, namespace: NAMESPACE },
      { parentRefs: [{ name: 'edge' }], rules: [{ backendRefs: [{ name: DEPLOYMENT, port: 80 }] }] },
    ),
    ...others,
  ];
  const applied = await stage.cluster.kubectl(['apply', '--server-side', '--field-manager=test', '--filename', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
  });
  expect(applied.code, applied.stderr).toBe(0);
  await stage.kubectl('--namespace', NAMESPACE, 'wait', '--for=condition=Programmed', 'gateway/edge', '--timeout=30s');
}

/** The backends of each rule of an HTTPRoute, `weight` as the route gives it (undefined when unset). */
export async function routeBackends(stage: Stage, route: string): Promise<Array<Array<{ name: string; weight?: number }>>> {
  const live = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'httproute', route, '--output', 'json')) as {
    spec: { rules: Array<{ backendRefs?: Array<{ name: string; weight?: number }> }> };
  };
  return live.spec.rules.map((rule) => (rule.backendRefs ?? []).map(({ name, weight }) => ({ name, weight })));
}

/** Deployments and Services of a canary or a baseline still in the namespace: none once a canary is promoted or aborted. */
export async function canaryLeftovers(stage: Stage): Promise<string[]> {
  return (await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments,services', '--output', 'name')).match(/\S*(canary|baseline)\S*/g) ?? [];
}

/**
 * The test overlay without its Namespace (a cluster-wide object), written to `file`, for a deployer
 * whose rights are namespaced; with the kinds it holds.
 */
export async function namespacedOverlay(stage: Stage, file: string): Promise<{ manifests: string; kinds: string[] }> {
  const documents = YAML.parseAllDocuments(await stage.kubectl('kustomize', OVERLAY))
    .map((document) => document.toJSON() as { kind: string })
    .filter((document) => document.kind !== 'Namespace');
  fs.writeFileSync(file, documents.map((document) => YAML.stringify(document)).join('---\n'));
  return { manifests: file, kinds: documents.map((document) => document.kind) };
}

/**
 * A stand-in for the inventory service that answers every request with its image tag, so each answer
 * says which version served it. Like the service, it keeps serving for a moment after SIGTERM, while
 * its endpoint is removed, so that removing a baseline drops no request.
 */
export const ECHO_IMAGE = {
  name: 'inventory-service',
  tag: 'echo-*',
  command: [
    'node',
    '-e',
    "require('node:http').createServer((request, response) => response.end(process.env.IMAGE_TAG)).listen(Number(process.env.PORT), process.env.HOST); process.on('SIGTERM', () => setTimeout(() => process.exit(0), 1500))",
  ],
};

/**
 * Requests to `url` from 4 workers, a new connection each (so each is balanced anew), counted by
 * answer until stopped: the body of a 200 (the echo stand-in's image tag), else the status or the error.
 */
export function tallyAnswers(url: () => Promise<string>): { stop(): Promise<Record<string, number>> } {
  const counts: Record<string, number> = {};
  let running = true;
  const once = async () => {
    const target = await url();
    const answer = await new Promise<string>((resolve) => {
      http
        .get(target, { agent: false, timeout: 10_000 }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve(response.statusCode === 200 ? body : `HTTP ${response.statusCode}`));
        })
        .on('timeout', function (this: http.ClientRequest) {
          this.destroy(new Error('timed out after 10 s'));
        })
        .on('error', (error) => resolve(error.message));
    });
    counts[answer] = (counts[answer] ?? 0) + 1;
  };
  const workers = Array.from({ length: 4 }, async () => {
    while (running) await once();
  });
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return counts;
    },
  };
}
