import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGitHubStandIn, type RecordedGitHubRequest } from '../harness/github-stand-in.js';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { describeWithTools } from '../harness/tools.js';
import { errorOf, expectNoCredentials, imagesOf, OVERLAY } from './steps.js';

const TOKEN = 'ghs_DeploymentsTokenThatMustNeverBeWritten0123';
const SHA = '0123456789abcdef0123456789abcdef01234567'; // GITHUB_SHA of the harness
const RUN_URL = 'https://github.com/acme/inventory/actions/runs/1001';

/** The requests without the recorded Authorization header, for comparing bodies. */
const sent = (requests: RecordedGitHubRequest[]) => requests.map(({ method, url, body }) => ({ method, url, body }));

/** A port where nothing listens: an unreachable GitHub API. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeWithTools(['kubectl'], 'k8s-deploy github-token: a GitHub deployment with statuses', () => {
  let stage: Stage;

  beforeAll(async () => {
    stage = await startStage();
  }, 180_000);

  afterAll(async () => {
    await stage?.stop();
  });

  const deploy = (inputs: Record<string, string>, apiUrl: string) =>
    runBundle({
      action: 'actions/deploy',
      inputs: { manifests: OVERLAY, namespace: NAMESPACE, kubeconfig: stage.kubeconfig, timeout: '90s', ...inputs },
      env: { KUBECACHEDIR: stage.cluster.cacheDir, GITHUB_API_URL: apiUrl },
      workspace: process.cwd(),
      timeoutMs: 180_000,
    });
  const servedImages = () => imagesOf(stage, 'app.kubernetes.io/name=inventory-service');
  const warnings = (run: ActionRun) => run.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message);
  const expectTokenNeverWritten = (run: ActionRun) => {
    expect(run.masks).toContain(TOKEN);
    expect(run.everythingWritten).not.toContain(TOKEN);
    expectNoCredentials(stage, run);
  };

  it('a successful deploy: a deployment of the commit to the environment, in_progress, then success with the environment URL', async () => {
    const github = await startGitHubStandIn();
    try {
      const run = await deploy(
        { images: 'inventory-service:1.0.0', 'github-token': TOKEN, environment: 'staging', 'environment-url': 'https://staging.inventory.example.com/' },
        github.url,
      );
      expect(errorOf(run)).toBeUndefined();
      expect(run.exitCode).toBe(0);
      expect(warnings(run)).toEqual([]);
      expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.0.0'));
      expect(sent(github.requests)).toEqual([
        {
          method: 'POST',
          url: '/repos/acme/inventory/deployments',
          body: { ref: SHA, environment: 'staging', description: 'inventory-devops rolling deploy of 0123456789ab', auto_merge: false, required_contexts: [] },
        },
        {
          method: 'POST',
          url: '/repos/acme/inventory/deployments/4200/statuses',
          body: { state: 'in_progress', description: 'inventory-devops rolling deploy in progress', log_url: RUN_URL },
        },
        {
          method: 'POST',
          url: '/repos/acme/inventory/deployments/4200/statuses',
          body: {
            state: 'success',
            description: 'inventory-devops rolling deploy succeeded',
            log_url: RUN_URL,
            environment_url: 'https://staging.inventory.example.com/',
          },
        },
      ]);
      expect(github.requests.map((request) => request.authorization)).toEqual(Array(3).fill(`token ${TOKEN}`));
      expect(run.stdout).toContain('GitHub deployment 4200 of 0123456789ab to environment "staging"');
      expectTokenNeverWritten(run);
    } finally {
      await github.close();
    }
  });

  it('a crash-looping release: the deployment (environment = the namespace) ends in failure, after the rollback', async () => {
    const github = await startGitHubStandIn();
    try {
      const run = await deploy({ images: 'inventory-service:crash', 'github-token': TOKEN, 'environment-url': 'https://shop.example.com/' }, github.url);
      expect(run.exitCode).toBe(1);
      expect(run.outputs.status).toBe('rolled-back');
      expect(errorOf(run)).toContain('CrashLoopBackOff');
      expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.0.0'));
      expect(sent(github.requests).map(({ body }) => body)).toEqual([
        expect.objectContaining({ ref: SHA, environment: NAMESPACE }),
        expect.objectContaining({ state: 'in_progress' }),
        { state: 'failure', description: 'inventory-devops rolling deploy failed', log_url: RUN_URL },
      ]);
      expectTokenNeverWritten(run);
    } finally {
      await github.close();
    }
  });

  // Everything that can be checked without the cluster (manifests, images, hooks, route) is checked before the GitHub deployment is created.
  it('an image that matches no container is refused before any GitHub deployment is created', async () => {
    const github = await startGitHubStandIn();
    try {
      const run = await deploy({ images: 'inventroy-service:2.0.0', 'github-token': TOKEN, strategy: 'canary' }, github.url);
      expect(run.exitCode).toBe(1);
      expect(errorOf(run)).toContain('matches no container');
      expect(sent(github.requests)).toEqual([]);
    } finally {
      await github.close();
    }
  });

  it.each([403, 404] as const)('a token that may not create deployments (HTTP %i): a warning, and the deploy succeeds', async (status) => {
    const github = await startGitHubStandIn({ refuseWith: status });
    try {
      const run = await deploy({ images: 'inventory-service:1.1.0', 'github-token': TOKEN }, github.url);
      expect(errorOf(run)).toBeUndefined();
      expect(run.exitCode).toBe(0);
      expect(run.outputs.status).toBe('succeeded');
      expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
      expect(warnings(run)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Could not create a GitHub deployment to environment "shop": the token may not write deployments \\(HTTP ${status}: .*permissions: deployments: write`,
          ),
        ),
      ]);
      expect(github.requests, 'no status for a deployment that does not exist').toHaveLength(1);
      expectTokenNeverWritten(run);
    } finally {
      await github.close();
    }
  });

  it('an unreachable GitHub API: a warning, and the deploy succeeds', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}`;
    const run = await deploy({ images: 'inventory-service:1.0.0', 'github-token': TOKEN }, apiUrl);
    expect(errorOf(run)).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(warnings(run)).toEqual([
      expect.stringContaining(`Could not create a GitHub deployment to environment "shop": the GitHub API at ${apiUrl} could not be reached`),
    ]);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.0.0'));
    expectTokenNeverWritten(run);
  });

  it.each<[string, Record<string, string>]>([
    ['without github-token', {}],
    ['in a dry run', { 'github-token': TOKEN, 'dry-run': 'true' }],
  ])('%s nothing is sent to GitHub', async (_, inputs) => {
    const github = await startGitHubStandIn();
    try {
      const run = await deploy({ images: 'inventory-service:1.1.0', ...inputs }, github.url);
      expect(errorOf(run)).toBeUndefined();
      expect(run.exitCode).toBe(0);
      expect(github.requests).toEqual([]);
      expect(warnings(run)).toEqual([]);
    } finally {
      await github.close();
    }
  });

  it('a canary keeps the deployment it runs beside active; its promote makes the new one the only active one', async () => {
    const github = await startGitHubStandIn();
    try {
      const canary = await deploy({ images: 'inventory-service:3.0.0', strategy: 'canary', 'github-token': TOKEN }, github.url);
      expect(errorOf(canary)).toBeUndefined();
      const promote = await deploy({ images: 'inventory-service:3.0.0', strategy: 'canary', action: 'promote', 'github-token': TOKEN }, github.url);
      expect(errorOf(promote)).toBeUndefined();
      const finals = sent(github.requests)
        .map(({ body }) => body as { state?: string; auto_inactive?: boolean })
        .filter((body) => body.state === 'success');
      expect(finals).toEqual([
        expect.objectContaining({ description: 'inventory-devops canary deploy succeeded', auto_inactive: false }),
        expect.not.objectContaining({ auto_inactive: expect.anything() }),
      ]);
      expect(finals[1]).toMatchObject({ description: 'inventory-devops canary promote succeeded' });
    } finally {
      await github.close();
    }
  });

  it('an environment name longer than GitHub allows is refused before anything changes', async () => {
    const github = await startGitHubStandIn();
    try {
      const run = await deploy({ images: 'inventory-service:2.0.0', 'github-token': TOKEN, environment: 'e'.repeat(256) }, github.url);
      expect(run.exitCode).toBe(1);
      expect(errorOf(run)).toContain('Input "environment" has value "eeee');
      expect(errorOf(run)).toContain('expected a GitHub environment name of at most 255 characters');
      expect(github.requests).toEqual([]);
    } finally {
      await github.close();
    }
  });
});
