import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import YAML from 'yaml';
import { startCluster, type Cluster } from '../emulator/src/cluster.js';
import { runBundle } from '../harness/run-bundle.js';
import { describeWithTools } from '../harness/tools.js';

/**
 * Azure/k8s-deploy's published bundle, vendored as released: tag v7.0.0 (commit 51ca02a8), lib/index.js
 * with sha256 70638b822df764d1c1eb61847ac7259e44ed83ecbf1b12af4f4594d2bea10d7b, its action.yml and its
 * MIT licence. Another client than ours, which the emulator must keep serving as a real cluster would.
 */
const AZURE_ACTION = 'test/k8s-deploy/fixtures/azure-k8s-deploy-v7.0.0';
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

describeWithTools(['kubectl'], 'Azure/k8s-deploy v7.0.0 on the cluster emulator', () => {
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
      action: AZURE_ACTION,
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
