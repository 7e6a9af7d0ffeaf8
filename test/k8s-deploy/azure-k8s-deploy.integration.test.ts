import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startCluster, type Cluster } from '../emulator/src/cluster.js';
import { runBundle } from '../harness/run-bundle.js';
import { describeWithTools } from '../harness/tools.js';

/**
 * Azure/k8s-deploy's published action (tag v7.0.0: its action.yml and lib/index.js), another client than
 * ours, which the emulator must keep serving as a real cluster would. Its code is not ours to commit, so
 * the test runs when AKD_ACTION names a checkout of it:
 * `git clone --depth 1 --branch v7.0.0 https://github.com/Azure/k8s-deploy /tmp/akd && AKD_ACTION=/tmp/akd npx vitest run <this file>`.
 */
const AZURE_ACTION = process.env.AKD_ACTION;
const NAMESPACE = 'azure';

/** An HTTP server on the pod's port, whatever its tag: enough for a rollout to become ready. */
const HELLO = {
  name: 'hello',
  command: ['node', '-e', 'require("node:http").createServer((_, res) => res.end("hello")).listen(process.env.PORT, process.env.HOST)'],
};

function manifests(): string {
  const labels = { app: 'hello' };
  const port = { containerPort: 8080 };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'hello', namespace: NAMESPACE },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'hello', image: 'hello:1', ports: [port], readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 1 } }] },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'hello', namespace: NAMESPACE },
      spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] },
    },
  ]
    .map((document) => YAML.stringify(document))
    .join('---\n');
}

const describeWithAzureAction = AZURE_ACTION ? (name: string, body: () => void) => describeWithTools(['kubectl'], name, body) : describe.skip;

describeWithAzureAction('Azure/k8s-deploy v7.0.0 on the cluster emulator (set AKD_ACTION to its checkout)', () => {
  let cluster: Cluster;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'azure-k8s-deploy-'));

  beforeAll(async () => {
    cluster = await startCluster({ images: [HELLO] });
    const created = await cluster.kubectl(['create', 'namespace', NAMESPACE]);
    expect(created.code, created.stderr).toBe(0);
    fs.writeFileSync(path.join(directory, 'hello.yaml'), manifests());
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const deploy = (image: string) =>
    runBundle({
      action: AZURE_ACTION!,
      inputs: { manifests: path.join(directory, 'hello.yaml'), images: image, 'pull-images': 'false', timeout: '60s' },
      githubToken: 'not-used',
      // As k8s-set-context leaves it; a workflow path, so that the action asks GitHub nothing.
      env: { KUBECONFIG: cluster.kubeconfigPath, KUBECACHEDIR: cluster.cacheDir, GITHUB_WORKFLOW: '.github/workflows/deploy.yml' },
      workspace: directory,
      timeoutMs: 120_000,
    });

  it('deploys a Deployment and its Service with the basic strategy, then rolls a new image out', async () => {
    for (const image of ['hello:1', 'hello:2']) {
      const run = await deploy(image);
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.annotations.filter((annotation) => annotation.level === 'error')).toEqual([]);
    }
    const deployment = JSON.parse((await cluster.kubectl(['get', 'deployment', 'hello', '-n', NAMESPACE, '-o', 'json'])).stdout) as {
      metadata: { annotations: Record<string, string>; labels: Record<string, string> };
      spec: { template: { spec: { containers: { image: string }[] } } };
      status: { updatedReplicas: number; readyReplicas: number };
    };
    expect(deployment.spec.template.spec.containers[0]?.image).toBe('hello:2');
    expect(deployment.status).toMatchObject({ updatedReplicas: 2, readyReplicas: 2 });
    // What the action writes after the rollout: its run annotation and workflow label.
    expect(Object.keys(deployment.metadata.annotations).some((key) => key.startsWith('actions.github.com/k8s-deploy'))).toBe(true);
    expect(deployment.metadata.labels).toHaveProperty('workflowFriendlyName');
  });
});
