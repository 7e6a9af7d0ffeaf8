import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { escapeMarkdown } from '../../actions/lib/markdown.js';
import { grantRole, limitedKubeconfig, revokeBeforeCall } from '../harness/service-account.js';
import { describeWithTools } from '../harness/tools.js';
import { DEPLOYMENT, NAMESPACE, startLoad, startStage, type Stage } from '../harness/stage.js';
import { clusterState, deployStep, errorOf, expectNoCredentials, imagesOf, rollbackStep } from './steps.js';

const BLUE = `${DEPLOYMENT}-blue`;
const GREEN = `${DEPLOYMENT}-green`;

// One stage for the whole file: the tests run in order, each starting from what the previous left.
describeWithTools(['kubectl'], 'k8s-deploy blue-green and its rollback on the cluster emulator', () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await startStage();
  }, 120_000);

  afterAll(async () => {
    await stage?.stop();
  });

  const blueGreen = (inputs: Record<string, string>) => deployStep(stage, { strategy: 'blue-green', ...inputs });

  async function getJson<T>(...args: string[]): Promise<T> {
    return JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', ...args, '--output', 'json')) as T;
  }

  /** Images of the pods behind the Service's endpoints: what users are served. */
  async function servedImages(): Promise<string[]> {
    const endpoints = await getJson<{ subsets?: Array<{ addresses?: Array<{ targetRef: { name: string } }> }> }>('endpoints', DEPLOYMENT);
    const pods = (endpoints.subsets ?? []).flatMap((subset) => subset.addresses ?? []).map((address) => address.targetRef.name);
    const images = await Promise.all(
      pods.map(async (pod) => (await getJson<{ spec: { containers: Array<{ image: string }> } }>('pod', pod)).spec.containers[0]!.image),
    );
    return images.sort();
  }

  async function deploymentNames(): Promise<string[]> {
    return (await getJson<{ items: Array<{ metadata: { name: string } }> }>('deployments')).items.map((item) => item.metadata.name).sort();
  }

  async function role(deployment: string): Promise<string | undefined> {
    return (await getJson<{ metadata: { annotations?: Record<string, string> } }>('deployment', deployment)).metadata.annotations?.[
      'inventory-devops.io/blue-green-role'
    ];
  }

  async function serviceSelector(): Promise<Record<string, string>> {
    return (await getJson<{ spec: { selector: Record<string, string> } }>('service', DEPLOYMENT)).spec.selector;
  }

  async function autoscalerTarget(): Promise<string> {
    return (await getJson<{ spec: { scaleTargetRef: { name: string } } }>('horizontalpodautoscaler', DEPLOYMENT)).spec.scaleTargetRef.name;
  }

  it('the first blue-green deploy over a rolling one goes live as blue directly, says so, and loses no request', async () => {
    const rolling = await deployStep(stage, { images: 'inventory-service:1.0.0' });
    expect(rolling.exitCode).toBe(0);

    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const run = await blueGreen({ images: 'inventory-service:1.1.0' });
    const report = await load.stop();
    expect(errorOf(run)).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'succeeded', strategy: 'rolling', deployments: BLUE, revision: '1' });
    expect(run.summary).toContain('nothing to switch from');
    expect(run.summary).toContain(escapeMarkdown(`deployment/${DEPLOYMENT} (deployed without blue-green) served until deployment/${BLUE} was ready`));
    expect(report.failures).toEqual([]);
    expect(await deploymentNames()).toEqual([BLUE]);
    expect(await serviceSelector()).toEqual({ 'app.kubernetes.io/name': DEPLOYMENT, version: 'blue' });
    expect(await autoscalerTarget()).toBe(BLUE);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
    expectNoCredentials(stage, run);
  });

  it('a new version runs as green with no traffic until promoted: a faulty green fails no request, and abort removes it', async () => {
    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const run = await blueGreen({ images: 'inventory-service:2.0.0-faulty' });
    expect(errorOf(run)).toBeUndefined();
    expect(run.outputs).toMatchObject({ status: 'succeeded', strategy: 'blue-green', deployments: GREEN });
    expect(run.summary).toContain(`deployment/${BLUE} keeps serving`);
    expect(await imagesOf(stage, 'version=green')).toEqual(Array(3).fill('inventory-service:2.0.0-faulty'));
    expect(await role(GREEN)).toBe('pending');
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // requests keep flowing while green is up

    const abort = await blueGreen({ images: 'inventory-service:2.0.0-faulty', action: 'abort' });
    const report = await load.stop();
    expect(abort.exitCode).toBe(0);
    expect(abort.outputs.status).toBe('succeeded');
    expect(report.failures, 'the faulty green (50% errors) never got traffic').toEqual([]);
    expect(report.succeeded).toBeGreaterThan(20);
    expect(await deploymentNames()).toEqual([BLUE]);
    expect(await serviceSelector()).toMatchObject({ version: 'blue' });
  });

  it('promote switches the Service to green under load without a failed request; blue keeps running for a switch back', async () => {
    const deploy = await blueGreen({ images: 'inventory-service:2.0.0' });
    expect(deploy.exitCode).toBe(0);
    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const promote = await blueGreen({ images: 'inventory-service:2.0.0', action: 'promote' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const report = await load.stop();
    expect(errorOf(promote)).toBeUndefined();
    expect(promote.outputs).toMatchObject({ status: 'succeeded', strategy: 'blue-green', deployments: GREEN });
    expect(promote.summary).toContain(`deployment/${BLUE} keeps running inventory-service:1.1.0`);
    expect(report.failures).toEqual([]);
    expect(await serviceSelector()).toMatchObject({ version: 'green' });
    expect(await autoscalerTarget()).toBe(GREEN);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:2.0.0'));
    expect(await role(GREEN)).toBe('serving');
    expect(await role(BLUE)).toBe('previous');
    expect(await imagesOf(stage, 'version=blue')).toEqual(Array(3).fill('inventory-service:1.1.0'));
  });

  it('a rollback refused listing the autoscalers stops before switching anything: the Service and the autoscaler stay on green', async () => {
    const kubeconfig = await limitedKubeconfig(
      stage.cluster,
      NAMESPACE,
      'switcher',
      [
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] },
        { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['services'], verbs: ['get', 'patch'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
        { apiGroups: [''], resources: ['events'], verbs: ['list'] },
        { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['get', 'patch'] },
      ],
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'blue-green-rbac-')), 'switcher.kubeconfig'),
    );
    await grantRole(stage.cluster, NAMESPACE, 'autoscaler-reader', 'switcher', [
      { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['list'] },
    ]);
    // The access check sees the right; the listing of the autoscalers, the switch's first call, is refused.
    const PATH = revokeBeforeCall(stage.cluster, NAMESPACE, 'autoscaler-reader', ['get', 'horizontalpodautoscalers']);
    const before = await clusterState(stage);
    const run = await rollbackStep(stage, { kubeconfig: fs.readFileSync(kubeconfig, 'utf8') }, { PATH });
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toContain('cannot list resource "horizontalpodautoscalers"');
    expect(await clusterState(stage)).toEqual(before);
    expect(await serviceSelector()).toMatchObject({ version: 'green' });
    expect(await autoscalerTarget()).toBe(GREEN);
  });

  it('rollback switches the Service back to blue, removes green and loses no request', async () => {
    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const run = await rollbackStep(stage, { reason: 'orders failing', 'health-url': await stage.serviceUrl('/ready') });
    const report = await load.stop();
    expect(errorOf(run)).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.summary).toContain(escapeMarkdown(`Was serving deployment/${GREEN} (inventory-service:2.0.0)`));
    expect(run.summary).toContain(escapeMarkdown(`switched back to deployment/${BLUE} (inventory-service:1.1.0)`));
    expect(run.summary).toContain('Why: orders failing');
    expect(report.failures).toEqual([]);
    expect(await deploymentNames()).toEqual([BLUE]);
    expect(await serviceSelector()).toMatchObject({ version: 'blue' });
    expect(await autoscalerTarget()).toBe(BLUE);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
    expect(await role(BLUE)).toBe('serving');
    expectNoCredentials(stage, run);
  });

  it('a crash-looping green fails fast with the reason, is removed, and blue serves throughout', async () => {
    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const run = await blueGreen({ images: 'inventory-service:crash' });
    const report = await load.stop();
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.summary).toContain('CrashLoopBackOff');
    expect(run.summary).toContain('boom: cannot start');
    expect(errorOf(run)).toContain(`Removed deployment/${GREEN}; deployment/${BLUE} served throughout`);
    expect(report.failures).toEqual([]);
    expect(await deploymentNames()).toEqual([BLUE]);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
  });

  it('promote refuses when the pending colour runs other images than the manifests ask for, and changes nothing', async () => {
    expect((await blueGreen({ images: 'inventory-service:2.2.0' })).exitCode).toBe(0);
    const before = await clusterState(stage);
    const run = await blueGreen({ images: 'inventory-service:2.3.0', action: 'promote' });
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toContain(`deployment/${GREEN} runs inventory-service:2.2.0 but the manifests ask for inventory-service:2.3.0`);
    expect(await clusterState(stage)).toEqual(before);
  });

  it('rollback of a colour that was never promoted removes it; blue served throughout', async () => {
    const run = await rollbackStep(stage, {});
    expect(errorOf(run)).toBeUndefined();
    expect(run.summary).toContain(escapeMarkdown(`Removed deployment/${GREEN} (inventory-service:2.2.0), which was never promoted`));
    expect(await deploymentNames()).toEqual([BLUE]);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
  });

  it('a manifest set without a Service in front of the Deployment is refused before anything changes', async () => {
    const before = await clusterState(stage);
    const run = await blueGreen({ manifests: 'example-service/k8s/base/deployment.yaml', images: 'inventory-service:2.4.0' });
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toContain(`no Service whose selector matches its pods`);
    expect(await clusterState(stage)).toEqual(before);
  });

  const hookJobs = async () =>
    (
      await getJson<{ items: Array<{ metadata: { name: string }; status?: { completionTime?: string } }> }>(
        'jobs',
        '--selector',
        'inventory-devops.io/hook-name=inventory-migrate',
      )
    ).items;

  it('a failing pre-deploy hook stops a blue-green deploy before green exists: blue serves, nothing else changed', async () => {
    const before = await clusterState(stage);
    const load = startLoad(await stage.serviceUrl('/api/items?limit=1'));
    const run = await blueGreen({ manifests: 'test/k8s-deploy/fixtures/hooks/broken', images: 'inventory-service:2.5.0' });
    const report = await load.stop();
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(errorOf(run)).toMatch(/pre-deploy hook job\/inventory-migrate-[0-9a-z]{8} failed: BackoffLimitExceeded.*Nothing else was changed/s);
    expect(report.failures).toEqual([]);
    expect(await clusterState(stage)).toEqual(before);
    expect(await deploymentNames()).toEqual([BLUE]);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
  });

  it('the pre-deploy hook runs once, before green exists and so before it gets traffic; promote runs no hook', async () => {
    const run = await blueGreen({ manifests: 'test/k8s-deploy/fixtures/hooks/migrating', images: 'inventory-service:2.6.0' });
    expect(errorOf(run)).toBeUndefined();
    expect(run.outputs).toMatchObject({ status: 'succeeded', strategy: 'blue-green', deployments: GREEN });
    expect(run.summary).toContain('<td>inventory-migrate</td>');
    const jobs = await hookJobs();
    expect(jobs).toHaveLength(1);
    const green = await getJson<{ metadata: { creationTimestamp: string } }>('deployment', GREEN);
    expect(Date.parse(jobs[0]!.status!.completionTime!)).toBeLessThanOrEqual(Date.parse(green.metadata.creationTimestamp));
    expect(await serviceSelector()).toMatchObject({ version: 'blue' });

    const promote = await blueGreen({ manifests: 'test/k8s-deploy/fixtures/hooks/migrating', images: 'inventory-service:2.6.0', action: 'promote' });
    expect(errorOf(promote)).toBeUndefined();
    expect(promote.summary).not.toContain('<td>inventory-migrate</td>');
    expect((await hookJobs()).map((job) => job.metadata.name)).toEqual([jobs[0]!.metadata.name]);
    expect(await serviceSelector()).toMatchObject({ version: 'green' });
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:2.6.0'));
  });
});
