import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import YAML from 'yaml';
import { deployNeeds, describeNeed, type AccessNeed, type DeployAccessPlan } from '../../actions/lib/kubernetes/access.js';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { grantRole, limitedKubeconfig, revokeBeforeCall, rulesGranting } from '../harness/service-account.js';
import { describeWithTools } from '../harness/tools.js';
import { DEPLOYMENT, NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { clusterState, deployStep, errorOf, namespacedOverlay } from './steps.js';

/** Everything but the apps group, where each test grants exactly what it means to. */
const OTHER_GROUPS = { apiGroups: ['', 'autoscaling', 'policy', 'networking.k8s.io'], resources: ['*'], verbs: ['*'] };

describeWithTools(['kubectl'], 'k8s-deploy and rollback with a limited ServiceAccount', () => {
  let stage: Stage;
  let manifests: string;
  let kinds: string[];
  /** Requests the API server refused, including those a step tolerates (a log it could not read). */
  const refused: string[] = [];
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'rbac-actions-'));

  beforeAll(async () => {
    stage = await startStage({ onRequest: (method, url, status) => (status === 403 ? refused.push(`${method} ${url}`) : undefined) });
    // The overlay declares its Namespace, a cluster-wide object; a namespaced deployer applies the rest.
    ({ manifests, kinds } = await namespacedOverlay(stage, path.join(directory, 'manifests.yaml')));
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
    const bookkeeping = [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'bookkeeping', namespace: NAMESPACE },
        rules: [{ apiGroups: ['apps'], resources: ['replicasets'], verbs: ['patch'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'bookkeeping', namespace: NAMESPACE },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'bookkeeping' },
        subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: NAMESPACE }],
      },
    ];
    const applied = await stage.cluster.kubectl(['apply', '--server-side', '-f', '-'], { input: bookkeeping.map((d) => YAML.stringify(d)).join('---\n') });
    expect(applied.code, applied.stderr).toBe(0);

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
        { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
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

  it('a ServiceAccount bound to the default edit ClusterRole deploys; one bound to view is refused before anything changes', async () => {
    const editor = await limitedKubeconfig(stage.cluster, NAMESPACE, 'editor', { clusterRole: 'edit' }, path.join(directory, 'editor.kubeconfig'));
    const deployed = await step('actions/deploy', editor, { manifests, images: 'inventory-service:1.1.0' });
    expect(deployed.exitCode, errorOf(deployed)).toBe(0);
    expect((await deployment()).spec.template.spec.containers[0]?.image).toBe('inventory-service:1.1.0');

    const viewer = await limitedKubeconfig(stage.cluster, NAMESPACE, 'viewer', { clusterRole: 'view' }, path.join(directory, 'viewer.kubeconfig'));
    const before = await clusterState(stage);
    const refusedDeploy = await step('actions/deploy', viewer, { manifests, images: 'inventory-service:1.2.0' });
    expect(refusedDeploy.exitCode).toBe(1);
    expect(errorOf(refusedDeploy)).toContain('patch deployments.apps in namespace shop: to apply Deployment objects (server-side apply)');
    expect(await clusterState(stage)).toEqual(before);
  }, 240_000);

  it('canary promote and abort succeed with exactly the rights their access lists name, and are refused before any change without one', async () => {
    const canaryPlan = (action: string): DeployAccessPlan => ({ kinds, strategy: 'canary', action, rollbackOnFailure: true, dryRun: false });
    const asDeployer = async (action: string, name: string, needs: readonly AccessNeed[]) =>
      step('actions/deploy', await limitedKubeconfig(stage.cluster, NAMESPACE, name, rulesGranting(needs), path.join(directory, `${name}.kubeconfig`)), {
        manifests,
        images: 'inventory-service:2.0.0',
        strategy: 'canary',
        action,
      });
    const startCanary = async () => {
      const canary = await deployStep(stage, { manifests, images: 'inventory-service:2.0.0', strategy: 'canary', 'canary-replicas': '1' });
      expect(canary.exitCode, errorOf(canary)).toBe(0);
    };

    await startCanary();
    const abortNeeds = deployNeeds(canaryPlan('abort'));
    for (const removed of ['delete deployments.apps', 'list pods']) {
      const before = await clusterState(stage);
      const run = await asDeployer(
        'abort',
        `without-${removed.split(' ')[0]}`,
        abortNeeds.filter((access) => describeNeed(access) !== removed),
      );
      expect(run.exitCode).toBe(1);
      expect(errorOf(run)).toContain(`lack a right this canary abort needs, so nothing was changed: ${removed} in namespace shop`);
      expect(await clusterState(stage)).toEqual(before);
    }
    refused.length = 0;
    const aborted = await asDeployer('abort', 'aborter', abortNeeds);
    expect(aborted.exitCode, errorOf(aborted)).toBe(0);
    expect(refused).toEqual([]);

    await startCanary();
    const promoteNeeds = deployNeeds(canaryPlan('promote'));
    const before = await clusterState(stage);
    const unmarked = await asDeployer(
      'promote',
      'without-get',
      promoteNeeds.filter((access) => describeNeed(access) !== 'get replicasets.apps'),
    );
    expect(errorOf(unmarked)).toContain('get replicasets.apps in namespace shop: to mark a failed revision so that rollback never returns to it');
    expect(await clusterState(stage)).toEqual(before);
    refused.length = 0;
    const promoted = await asDeployer('promote', 'promoter', promoteNeeds);
    expect(promoted.exitCode, errorOf(promoted)).toBe(0);
    expect(refused).toEqual([]);
    expect((await deployment()).spec.template.spec.containers[0]?.image).toBe('inventory-service:2.0.0');
    const left = await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployments', '--output', 'name');
    expect(left.trim().split('\n')).toEqual([`deployment.apps/${DEPLOYMENT}`]);
  }, 360_000);

  it('blue-green promote and abort succeed with exactly the rights their access lists name', async () => {
    // Last: from here on the release runs as colours.
    const blueGreen = async (images: string, kubeconfig?: string, action = 'deploy') =>
      step('actions/deploy', kubeconfig ?? stage.cluster.kubeconfigPath, { manifests, images, strategy: 'blue-green', action });
    const exactly = (action: string) =>
      limitedKubeconfig(
        stage.cluster,
        NAMESPACE,
        `blue-green-${action}`,
        rulesGranting(deployNeeds({ kinds, strategy: 'blue-green', action, rollbackOnFailure: true, dryRun: false })),
        path.join(directory, `blue-green-${action}.kubeconfig`),
      );
    for (const images of ['inventory-service:1.0.0', 'inventory-service:1.1.0']) {
      const deployed = await blueGreen(images);
      expect(deployed.exitCode, errorOf(deployed)).toBe(0);
    }
    refused.length = 0;
    const promoted = await blueGreen('inventory-service:1.1.0', await exactly('promote'), 'promote');
    expect(promoted.exitCode, errorOf(promoted)).toBe(0);
    expect(refused).toEqual([]);

    const pending = await blueGreen('inventory-service:1.2.0');
    expect(pending.exitCode, errorOf(pending)).toBe(0);
    refused.length = 0;
    const aborted = await blueGreen('inventory-service:1.2.0', await exactly('abort'), 'abort');
    expect(aborted.exitCode, errorOf(aborted)).toBe(0);
    expect(aborted.outputs.deployments).toBe(`${DEPLOYMENT}-green`);
    expect(refused).toEqual([]);
  }, 360_000);
});
