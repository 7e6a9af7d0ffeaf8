import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEPLOYMENT, NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { describeWithTools } from '../harness/tools.js';
import { clusterState, deployStep, errorOf, expectNoCredentials, rollbackStep } from './steps.js';

const HOSTILE_LOG = '<img src=x onerror=alert(1)> @org/team ``` # not a heading';

/** Text of a Markdown summary outside its fenced code blocks: where a tag or a mention would take effect. */
function outsideCodeBlocks(summary: string): string {
  return summary.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
}

// One stage for the file: the kubeconfig's context namespace is `default`, the overlay's manifests say `shop`.
describeWithTools(['kubectl'], 'one namespace per run, on the cluster emulator', () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await startStage({
      images: [
        {
          name: 'inventory-service',
          tag: 'hostile-log',
          command: ['node', '-e', `console.error(${JSON.stringify(HOSTILE_LOG)}); console.error("leaked " + process.env.LEAK); process.exit(3)`],
        },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await stage?.stop();
  });

  const deploymentsIn = async (namespace: string) =>
    (await stage.kubectl('--namespace', namespace, 'get', 'deployments', '--output', 'jsonpath={.items[*].metadata.name}')).split(' ').filter(Boolean).sort();
  const stable = async () =>
    JSON.parse(await stage.kubectl('--namespace', NAMESPACE, 'get', 'deployment', DEPLOYMENT, '--output', 'json')) as {
      metadata: { generation: number };
      spec: { template: unknown };
    };

  it('without a namespace input, a deploy goes where the manifests say, and reads and waits there too', async () => {
    const run = await deployStep(stage, { namespace: '', images: 'inventory-service:1.0.0' });
    expect(errorOf(run)).toBeUndefined();
    expect(run.outputs).toMatchObject({ status: 'succeeded', namespace: NAMESPACE, revision: '1' });
    expect(await deploymentsIn('default')).toEqual([]);
  });

  it('a canary of the production-like overlay with no namespace input lands beside stable, whose pod template is unchanged', async () => {
    const before = await stable();
    const run = await deployStep(stage, { namespace: '', images: 'inventory-service:1.1.0', strategy: 'canary', 'canary-replicas': '1' });
    expect(errorOf(run)).toBeUndefined();
    expect(run.outputs).toMatchObject({ status: 'succeeded', strategy: 'canary', namespace: NAMESPACE });
    const after = await stable();
    expect(after.spec.template).toEqual(before.spec.template);
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(await deploymentsIn(NAMESPACE)).toEqual([DEPLOYMENT, `${DEPLOYMENT}-baseline`, `${DEPLOYMENT}-canary`]);
    expect(await deploymentsIn('default')).toEqual([]);
  });

  it.each(['--selector=app!=x', '--all'])('rollback with deployment %j: an input error, and every Deployment is still there', async (deployment) => {
    const before = await deploymentsIn(NAMESPACE);
    expect(before.length).toBeGreaterThanOrEqual(2);
    const run = await rollbackStep(stage, { deployment });
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toContain(`Input "deployment" has value "${deployment}": expected a Kubernetes Deployment name`);
    expect(await deploymentsIn(NAMESPACE)).toEqual(before);
  });

  it('manifests naming two namespaces: a clear error, and nothing applied', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'two-namespaces-'));
    const configMap = (name: string, namespace: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${namespace}}\ndata: {a: "1"}\n`;
    await writeFile(join(folder, 'a.yaml'), configMap('first', NAMESPACE));
    await writeFile(join(folder, 'b.yaml'), configMap('second', 'default'));
    const before = await clusterState(stage);
    for (const namespace of ['', NAMESPACE]) {
      const run = await deployStep(stage, { namespace, manifests: folder, images: '' });
      expect(run.exitCode).toBe(1);
      expect(errorOf(run)).toMatch(
        namespace === ''
          ? /The manifests name 2 namespaces \("shop": ConfigMap\/first; "default": ConfigMap\/second\)/
          : /Input "namespace" has value "shop", but the manifests put ConfigMap\/second in namespace "default"/,
      );
    }
    expect(await clusterState(stage)).toEqual(before);
    expect(await stage.kubectl('--namespace', 'default', 'get', 'configmaps', '--output', 'name')).not.toContain('configmap/second');
  });

  it('a crash log with HTML, a mention and a credential: in the summary only redacted and fenced as code', async () => {
    await deployStep(stage, { namespace: '', images: '', strategy: 'canary', action: 'abort' });
    const folder = await mkdtemp(join(tmpdir(), 'hostile-log-'));
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'hostile-log', namespace: NAMESPACE },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'hostile-log' } },
        template: {
          metadata: { labels: { app: 'hostile-log' } },
          spec: {
            // The namespace enforces Pod Security "restricted".
            securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'web',
                image: 'inventory-service:hostile-log',
                env: [{ name: 'LEAK', value: stage.cluster.token }],
                readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 1 },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              },
            ],
          },
        },
      },
    };
    await writeFile(join(folder, 'deployment.yaml'), JSON.stringify(manifest));
    const run = await deployStep(stage, { namespace: '', manifests: folder, images: '', timeout: '60s' });
    expect(run.exitCode, run.summary).toBe(1);
    expect(run.summary).toContain('CrashLoopBackOff');
    expect(run.summary, 'the log line itself is kept, inside a code block').toContain('<img src=x onerror=alert(1)> @org/team');
    expect(run.summary).toContain('leaked ***');
    expectNoCredentials(stage, run);
    const prose = outsideCodeBlocks(run.summary);
    expect(prose).not.toContain('<img');
    expect(prose).not.toContain('@org/team');
  }, 150_000);
});
