import { createServer } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMIT_ANNOTATION } from '../../actions/lib/kubernetes/metadata.js';
import { computeDeliveryMetrics, type DeploymentRecord } from '../../actions/delivery-metrics/src/metrics.js';
import { startGitHubStandIn, type RecordedGitHubRequest, type StoredDeployment } from '../harness/github-stand-in.js';
import { listenLocally } from '../harness/local-server.js';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { DEPLOYMENT, NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { describeWithTools } from '../harness/tools.js';
import { ECHO_IMAGE, errorOf, expectNoCredentials, imagesOf, OVERLAY } from '../k8s-deploy/steps.js';

const TOKEN = 'ghs_RollbackTokenThatMustNeverBeWritten0123456';
const GOOD = '1111111111111111111111111111111111111111';
const BAD = '2222222222222222222222222222222222222222';
const ENVIRONMENT = 'staging';
/**
 * What the hostile-API cases roll back: one pod of the echo stand-in, not the service's three, so
 * that each case's release and rollback take seconds (they are about the GitHub records, which do
 * not depend on the Deployment).
 */
const ECHO = 'github-record-echo';
const echoDeployment = (tag: string, commit: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  // The commit annotation k8s-deploy writes: the rollback records the restored commit on GitHub from it.
  metadata: { name: ECHO, namespace: NAMESPACE, annotations: { [COMMIT_ANNOTATION]: commit } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: ECHO } },
    template: {
      metadata: { labels: { app: ECHO } },
      spec: {
        terminationGracePeriodSeconds: 5,
        // The overlay's Namespace enforces the restricted Pod Security level.
        securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'echo',
            image: `inventory-service:${tag}`,
            ports: [{ containerPort: 8080 }],
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
          },
        ],
      },
    },
  },
});

const sent = (requests: RecordedGitHubRequest[]) => requests.map(({ method, url, body }) => ({ method, url, body }));
const warnings = (run: ActionRun) => run.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message);

/** The stand-in's records as delivery-metrics reads them. */
const records = (deployments: readonly StoredDeployment[]): DeploymentRecord[] =>
  deployments.map((deployment) => ({
    id: deployment.id,
    sha: deployment.sha,
    environment: String(deployment.environment),
    createdAt: Date.parse(String(deployment.created_at)),
    description: deployment.description ?? '',
    statuses: deployment.statuses.map((status) => ({ state: status.state, createdAt: Date.parse(String(status.created_at)) })),
  }));

describeWithTools(['kubectl'], 'rollback github-token: the undone release failed, the restored one deployed', () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await startStage({ images: [ECHO_IMAGE] });
  }, 180_000);

  afterAll(async () => {
    await stage?.stop();
  });

  const deploy = (image: string, sha: string, apiUrl: string) =>
    runBundle({
      action: 'actions/deploy',
      inputs: {
        manifests: OVERLAY,
        namespace: NAMESPACE,
        kubeconfig: stage.kubeconfig,
        timeout: '90s',
        images: image,
        'github-token': TOKEN,
        environment: ENVIRONMENT,
      },
      env: { KUBECACHEDIR: stage.cluster.cacheDir, GITHUB_API_URL: apiUrl, GITHUB_SHA: sha },
      workspace: process.cwd(),
      timeoutMs: 180_000,
    });
  const rollBack = (apiUrl: string, deployment = DEPLOYMENT) =>
    runBundle({
      action: 'actions/rollback',
      inputs: {
        namespace: NAMESPACE,
        deployment,
        kubeconfig: stage.kubeconfig,
        timeout: '90s',
        reason: 'error rate <img src=x>',
        'github-token': TOKEN,
        environment: ENVIRONMENT,
      },
      env: { KUBECACHEDIR: stage.cluster.cacheDir, GITHUB_API_URL: apiUrl },
      timeoutMs: 180_000,
    });
  const servedImages = () => imagesOf(stage, 'app.kubernetes.io/name=inventory-service');
  /** A release of the echo Deployment for a hostile-API case to roll back (the first creates it). */
  const releaseEcho = async (tag: string, commit: string) => {
    const applied = await stage.cluster.kubectl(['apply', '--filename', '-'], { input: JSON.stringify(echoDeployment(tag, commit)) });
    expect(applied.code, applied.stderr).toBe(0);
    const rollout = await stage.cluster.kubectl(['--namespace', NAMESPACE, 'rollout', 'status', `deployment/${ECHO}`, '--timeout=120s'], {
      timeoutMs: 150_000,
    });
    if (rollout.code !== 0) {
      const seen = await stage.cluster.kubectl(['--namespace', NAMESPACE, 'get', 'pods,events', '--output', 'wide']);
      throw new Error(
        `deployment/${ECHO} did not roll out to ${tag} (${rollout.stderr.trim() || `exit ${rollout.code}`}); the namespace holds:\n${seen.stdout}${seen.stderr}`,
      );
    }
  };
  const expectTokenNeverWritten = (run: ActionRun) => {
    expect(run.masks).toContain(TOKEN);
    expect(run.everythingWritten).not.toContain(TOKEN);
    expectNoCredentials(stage, run);
  };

  it('after the rollback: failure on the undone deployment, a restore deployment of the good commit with success; delivery metrics count one failure, restored', async () => {
    const github = await startGitHubStandIn();
    try {
      for (const [image, sha] of [
        ['inventory-service:1.0.0', GOOD],
        ['inventory-service:2.0.0', BAD],
      ] as const) {
        const run = await deploy(image, sha, github.url);
        expect(errorOf(run)).toBeUndefined();
      }
      const undone = github.deployments.at(-1)!;
      expect(undone.sha).toBe(BAD);
      // What GitHub creates for the rollback job's own `environment:` (rollback.yml): newer, and not the release.
      github.deployments.push({
        id: 9_000,
        sha: GOOD,
        environment: ENVIRONMENT,
        created_at: new Date().toISOString(),
        description: '',
        statuses: [{ state: 'in_progress', created_at: new Date().toISOString() }],
      });
      const before = github.requests.length;

      const run = await rollBack(github.url);
      expect(errorOf(run)).toBeUndefined();
      expect(run.exitCode).toBe(0);
      expect(warnings(run)).toEqual([]);
      expect(run.outputs.status).toBe('succeeded');
      expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.0.0'));
      const restoreId = github.deployments.at(-1)!.id;
      expect(sent(github.requests.slice(before))).toEqual([
        { method: 'GET', url: `/repos/acme/inventory/deployments?environment=${ENVIRONMENT}&per_page=100`, body: undefined },
        {
          method: 'POST',
          url: `/repos/acme/inventory/deployments/${undone.id}/statuses`,
          body: { state: 'failure', description: 'Rolled back by inventory-devops rollback: error rate <img src=x>' },
        },
        {
          method: 'POST',
          url: '/repos/acme/inventory/deployments',
          body: {
            ref: GOOD,
            environment: ENVIRONMENT,
            description: 'inventory-devops rollback restore of 111111111111',
            auto_merge: false,
            required_contexts: [],
          },
        },
        {
          method: 'POST',
          url: `/repos/acme/inventory/deployments/${restoreId}/statuses`,
          body: { state: 'success', description: 'inventory-devops rollback restored this release' },
        },
      ]);
      expect(github.requests.every((request) => request.authorization === `token ${TOKEN}`)).toBe(true);
      expectTokenNeverWritten(run);

      const since = Date.now() - 3_600_000;
      const metrics = computeDeliveryMetrics({ deployments: records(github.deployments), commitTimes: new Map(), since, until: Date.now() + 1 });
      expect(metrics.total).toMatchObject({ succeeded: 1, failed: 1, changeFailureRate: 0.5, unrestored: 0, withoutOutcome: 1 });
      expect(metrics.total.timeToRestoreSeconds?.count).toBe(1);
    } finally {
      await github.close();
    }
  }, 600_000);

  it.each([
    ['not a list', '{"message":"not a list"}'],
    ['truncated JSON', '[{"id":'],
    [
      'entries without a usable id',
      '[{"id":"1/../../x","sha":5,"description":"inventory-devops <img src=x>"},{"id":1e400,"sha":"x","description":"inventory-devops y"},null]',
    ],
  ])(
    'a GitHub API that answers 200 with %s: the rollback succeeds, no status goes to a made-up id, warnings say so',
    async (_, body) => {
      const urls: string[] = [];
      const hostile = await listenLocally(
        createServer((request, response) => {
          urls.push(`${request.method} ${request.url}`);
          request.resume();
          response.writeHead(request.method === 'POST' && request.url?.endsWith('/deployments') ? 201 : 200, { 'content-type': 'application/json' });
          // A created deployment without an id: nothing to set a status on.
          response.end(request.method === 'POST' ? '{"id":"NaN"}' : body);
        }),
      );
      try {
        await releaseEcho('echo-1', GOOD);
        await releaseEcho('echo-bad', BAD);
        const run = await rollBack(hostile.url, ECHO);
        expect(errorOf(run)).toBeUndefined();
        expect(run.outputs.status).toBe('succeeded');
        expect(await imagesOf(stage, `app=${ECHO}`)).toEqual(['inventory-service:echo-1']);
        // The restored commit (its annotation) was asked to be recorded; the made-up id got no status.
        expect(urls).toContain('POST /repos/acme/inventory/deployments');
        expect(urls.filter((url) => url.includes('/statuses'))).toEqual([]);
        expect(warnings(run).join('\n')).toMatch(/The rollback itself is not affected/);
        expectTokenNeverWritten(run);
      } finally {
        await hostile.close();
      }
    },
    600_000,
  );

  it('a GitHub API that answers 500: the rollback is done and succeeds, with warnings that say so', async () => {
    const failing = await listenLocally(
      createServer((request, response) => {
        request.resume();
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'Server Error' }));
      }),
    );
    try {
      await releaseEcho('echo-1', GOOD);
      await releaseEcho('echo-bad', BAD);
      const run = await rollBack(failing.url, ECHO);
      expect(errorOf(run)).toBeUndefined();
      expect(run.exitCode).toBe(0);
      expect(run.outputs.status).toBe('succeeded');
      expect(await imagesOf(stage, `app=${ECHO}`)).toEqual(['inventory-service:echo-1']);
      const said = warnings(run);
      expect(said).toHaveLength(2);
      for (const warning of said) expect(warning).toMatch(/could not be reached or failed .*The rollback itself is not affected\./s);
      expectTokenNeverWritten(run);
    } finally {
      await failing.close();
    }
  }, 600_000);
});
