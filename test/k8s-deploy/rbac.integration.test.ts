import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import YAML from 'yaml';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { grantRole, limitedKubeconfig, revokeBeforeCall } from '../harness/service-account.js';
import { describeWithTools } from '../harness/tools.js';
import { DEPLOYMENT, NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { clusterState, deployStep, errorOf, OVERLAY } from './steps.js';

/** Everything but the apps group, where each test grants exactly what it means to. */
const OTHER_GROUPS = { apiGroups: ['', 'autoscaling', 'policy', 'networking.k8s.io'], resources: ['*'], verbs: ['*'] };

describeWithTools(['kubectl'], 'k8s-deploy and rollback with a limited ServiceAccount', () => {
  let stage: Stage;
  let manifests: string;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'rbac-actions-'));

  beforeAll(async () => {
    stage = await startStage();
    // The overlay declares its Namespace, a cluster-wide object; a namespaced deployer applies the rest.
    const built = await stage.kubectl('kustomize', OVERLAY);
    const documents = YAML.parseAllDocuments(built).map((document) => document.toJSON() as { kind: string });
    manifests = path.join(directory, 'manifests.yaml');
    fs.writeFileSync(
      manifests,
      documents
        .filter((document) => document.kind !== 'Namespace')
        .map((document) => YAML.stringify(document))
        .join('---\n'),
    );
    const first = await deployStep(stage, { images: 'inventory-service:1.0.0' });
    expect(first.exitCode, errorOf(first)).toBe(0);
  }, 240_000);

  afterAll(async () => {
    await stage?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const step = (action: string, kubeconfig: string, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> =>
    runBundle({
      action,
      inputs: { namespace: NAMESPACE, kubeconfig: fs.readFileSync(kubeconfig, 'utf8'), timeout: '90s', ...inputs },
      env: { KUBECACHEDIR: stage.cluster.cacheDir, ...env },
      workspace: process.cwd(),
      timeoutMs: 180_000,
    });

  const deployment = async () =>
    JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployment', DEPLOYMENT, '--output', 'json')) as {
      metadata: { annotations: Record<string, string> };
      spec: { template: { spec: { containers: { image: string }[] } } };
    };

  it('refuses a deploy and a rollback before changing anything, naming the missing verb and resource', async () => {
    const kubeconfig = await limitedKubeconfig(
      stage.cluster,
      NAMESPACE,
      'no-patch',
      [
        OTHER_GROUPS,
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
        { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch', 'patch'] },
      ],
      path.join(directory, 'no-patch.kubeconfig'),
    );
    const before = await clusterState(stage);
    const deploy = await step('actions/deploy', kubeconfig, { manifests, images: 'inventory-service:1.1.0' });
    expect(deploy.exitCode).toBe(1);
    expect(errorOf(deploy)).toContain("The kubeconfig's credentials lack a right this rolling deploy needs, so nothing was changed");
    expect(errorOf(deploy)).toContain('patch deployments.apps in namespace shop: to apply Deployment objects (server-side apply)');
    const rollback = await step('actions/rollback', kubeconfig, { deployment: DEPLOYMENT });
    expect(rollback.exitCode).toBe(1);
    expect(errorOf(rollback)).toContain('patch deployments.apps in namespace shop: to roll the Deployment back (kubectl rollout undo)');
    expect(await clusterState(stage)).toEqual(before);
  }, 240_000);

  it('a refusal to mark the failed revision comes after the rollback: the old release serves and the summary says what was not recorded', async () => {
    const kubeconfig = await limitedKubeconfig(
      stage.cluster,
      NAMESPACE,
      'deployer',
      [
        OTHER_GROUPS,
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] },
        { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
      ],
      path.join(directory, 'deployer.kubeconfig'),
    );
    // The bookkeeping right, granted apart so that it can be taken away while the deploy runs.
    await grantRole(stage.cluster, NAMESPACE, 'bookkeeping', 'deployer', [{ apiGroups: ['apps'], resources: ['replicasets'], verbs: ['patch'] }]);

    const running = step('actions/deploy', kubeconfig, { manifests, images: 'inventory-service:crash' });
    // Once the new ReplicaSet exists the access check is behind the run: revoke the bookkeeping right.
    for (;;) {
      const replicaSets = JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'replicasets', '--output', 'json')) as {
        items: { spec: { template: { spec: { containers: { image: string }[] } } } }[];
      };
      if (replicaSets.items.some((rs) => rs.spec.template.spec.containers[0]?.image === 'inventory-service:crash')) break;
      await sleep(100);
    }
    await stage.kubectl('--namespace', NAMESPACE, 'delete', 'rolebinding', 'bookkeeping');
    const run = await running;

    expect(run.outputs.status).toBe('rolled-back');
    expect(run.exitCode).toBe(1);
    expect((await deployment()).spec.template.spec.containers[0]?.image).toBe('inventory-service:1.0.0');
    expect(run.summary).toMatch(/Could not mark replicaset\/inventory-service-\w+ failed, so the rollback action could choose it later/);
    expect(run.summary).toContain('cannot patch resource');
  }, 240_000);

  it('a refusal to list pods while waiting ends the run with that refusal, rather than a wait blind to a crash loop', async () => {
    const kubeconfig = await limitedKubeconfig(
      stage.cluster,
      NAMESPACE,
      'blind',
      [
        { apiGroups: [''], resources: ['services', 'configmaps', 'events'], verbs: ['*'] },
        { apiGroups: ['autoscaling', 'policy', 'networking.k8s.io'], resources: ['*'], verbs: ['*'] },
        { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['*'] },
      ],
      path.join(directory, 'blind.kubeconfig'),
    );
    await grantRole(stage.cluster, NAMESPACE, 'pod-reader', 'blind', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
    // The access check sees the right; the first look at the new revision's pods is refused.
    const PATH = revokeBeforeCall(stage.cluster, NAMESPACE, 'pod-reader', ['get', 'pods']);
    const run = await step('actions/deploy', kubeconfig, { manifests, images: 'inventory-service:crash' }, { PATH });
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toContain(`Cannot watch the pods of deployment/${DEPLOYMENT}: the credentials may not list them, so a crash loop would go unseen`);
    expect(errorOf(run)).toContain('cannot list resource "pods"');
  }, 240_000);
});
