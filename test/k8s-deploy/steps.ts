import { expect } from 'vitest';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
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
