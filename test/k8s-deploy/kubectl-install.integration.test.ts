import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, stat, symlink } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { NAMESPACE, startStage, type Stage } from '../harness/stage.js';
import { describeWithTools } from '../harness/tools.js';
import { clusterState, errorOf, expectNoCredentials, imagesOf, OVERLAY } from './steps.js';

// Real single-version kubectl binaries: /usr/bin/kubectl on these machines is Google Cloud
// SDK's dispatcher, which picks one of these by the server's version (kubectl-protocol.md §0).
const SDK_BIN = '/usr/lib/google-cloud-sdk/bin';
const KUBECTL_1_31 = join(SDK_BIN, 'kubectl.1.31'); // v1.31.9
const KUBECTL_1_32 = join(SDK_BIN, 'kubectl.1.32'); // v1.32.5
const KUBECTL_1_33 = join(SDK_BIN, 'kubectl.1.33'); // v1.33.1
const ARCH = { x64: 'amd64', arm64: 'arm64' }[process.arch as string] ?? process.arch;

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

interface Release {
  binary: string;
  /** What `<binary URL>.sha256` answers. */
  digest: string;
}

/** A stand-in for dl.k8s.io/release: `/release/<version>/bin/linux/<arch>/kubectl` and its `.sha256`; 404 for anything else. */
async function startReleaseServer(releases: Record<string, Release>) {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const match = /^\/release\/(v[^/]+)\/bin\/linux\/([^/]+)\/kubectl(\.sha256)?$/.exec(path);
    const release = match && match[2] === ARCH ? releases[match[1]!] : undefined;
    if (!release) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('NoSuchKey');
    } else if (match?.[3]) {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(release.digest);
    } else {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      createReadStream(release.binary).pipe(response);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    // With a trailing slash, as people write mirror URLs.
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/release/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function filesUnder(folder: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describeWithTools(['kubectl'], 'k8s-deploy kubectl-version: PATH, tool cache or a verified download', () => {
  let stage: Stage;
  let releases: Awaited<ReturnType<typeof startReleaseServer>>;
  let digest131: string;
  /** A PATH with no kubectl at all: whatever kubectl the step runs, it found it itself. */
  let pathWithoutKubectl: string;
  /** A PATH whose kubectl is a real v1.32.5. */
  let pathWithKubectl132: string;

  beforeAll(async () => {
    digest131 = await sha256(KUBECTL_1_31);
    releases = await startReleaseServer({
      'v1.31.9': { binary: KUBECTL_1_31, digest: digest131 },
      // A mirror serving the wrong file for v1.33.1: its published digest is that of another binary.
      'v1.33.1': { binary: KUBECTL_1_33, digest: digest131 },
    });
    pathWithoutKubectl = await mkdtemp(join(tmpdir(), 'path-without-kubectl-'));
    pathWithKubectl132 = await mkdtemp(join(tmpdir(), 'path-kubectl-1.32-'));
    await symlink(KUBECTL_1_32, join(pathWithKubectl132, 'kubectl'));
    stage = await startStage();
  }, 180_000);

  afterAll(async () => {
    await releases?.close();
    await stage?.stop();
  });

  const deploy = (inputs: Record<string, string>, env: { PATH: string; RUNNER_TOOL_CACHE: string; INVENTORY_DEVOPS_KUBECTL_BASE_URL?: string }) =>
    runBundle({
      action: 'actions/k8s-deploy',
      inputs: { manifests: OVERLAY, namespace: NAMESPACE, kubeconfig: stage.kubeconfig, timeout: '90s', ...inputs },
      env: { KUBECACHEDIR: stage.cluster.cacheDir, INVENTORY_DEVOPS_KUBECTL_BASE_URL: releases.baseUrl, ...env },
      workspace: process.cwd(),
      timeoutMs: 180_000,
    });
  const servedImages = () => imagesOf(stage, 'app.kubernetes.io/name=inventory-service');
  const log = (run: ActionRun) => run.stdout;

  it('a version that is not on PATH is downloaded, verified, cached with mode 755, and runs every kubectl command of the deploy', async () => {
    const toolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'));
    const run = await deploy({ 'kubectl-version': 'v1.31.9', images: 'inventory-service:1.0.0' }, { PATH: pathWithoutKubectl, RUNNER_TOOL_CACHE: toolCache });
    expect(errorOf(run)).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    // There is no kubectl on the step's PATH: the deploy could only have run the downloaded one.
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.0.0'));
    expect(releases.requests).toEqual([`/release/v1.31.9/bin/linux/${ARCH}/kubectl.sha256`, `/release/v1.31.9/bin/linux/${ARCH}/kubectl`]);

    const cached = join(toolCache, 'kubectl', '1.31.9', process.arch, 'kubectl');
    // The binary and the tool cache's marker of a complete install, nothing else.
    expect((await filesUnder(toolCache)).sort()).toEqual([`${join(toolCache, 'kubectl', '1.31.9', process.arch)}.complete`, cached]);
    expect((await stat(cached)).mode & 0o777).toBe(0o755);
    expect(await sha256(cached)).toBe(digest131);
    expect(log(run)).toContain(`kubectl v1.31.9 installed in the tool cache (${cached}), SHA-256 ${digest131} verified`);
    expect(await filesUnder(run.runnerTemp), 'no download left behind').toEqual([]);
    expectNoCredentials(stage, run);

    // The next step on the same runner finds it in the tool cache: nothing is downloaded again.
    const again = await deploy({ 'kubectl-version': '1.31.9', images: 'inventory-service:1.1.0' }, { PATH: pathWithoutKubectl, RUNNER_TOOL_CACHE: toolCache });
    expect(errorOf(again)).toBeUndefined();
    expect(again.exitCode).toBe(0);
    expect(log(again)).toContain(`kubectl v1.31.9 from the tool cache (${cached})`);
    expect(releases.requests).toHaveLength(2);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.1.0'));
  });

  it('the kubectl on PATH is used when it is the version asked for: no download, no tool cache', async () => {
    releases.requests.length = 0;
    const toolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'));
    const run = await deploy({ 'kubectl-version': '1.32.5', images: 'inventory-service:1.0.0' }, { PATH: pathWithKubectl132, RUNNER_TOOL_CACHE: toolCache });
    expect(errorOf(run)).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(log(run)).toContain('kubectl v1.32.5 (on PATH)');
    expect(releases.requests).toEqual([]);
    expect(await filesUnder(toolCache)).toEqual([]);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.0.0'));
  });

  it('a download whose SHA-256 does not match the published digest fails with both digests: nothing cached, nothing deployed', async () => {
    releases.requests.length = 0;
    const toolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'));
    const before = await clusterState(stage);
    const run = await deploy({ 'kubectl-version': 'v1.33.1', images: 'inventory-service:2.0.0' }, { PATH: pathWithoutKubectl, RUNNER_TOOL_CACHE: toolCache });
    expect(run.exitCode).toBe(1);
    const actual = await sha256(KUBECTL_1_33);
    expect(errorOf(run)).toContain(
      `The kubectl v1.33.1 downloaded from ${releases.baseUrl}v1.33.1/bin/linux/${ARCH}/kubectl does not match its published checksum`,
    );
    expect(errorOf(run)).toContain(`expected SHA-256 ${digest131}`);
    expect(errorOf(run)).toContain(`got ${actual}`);
    expect(releases.requests).toHaveLength(2);
    expect(await filesUnder(toolCache)).toEqual([]);
    expect(await filesUnder(run.runnerTemp), 'the rejected download is deleted').toEqual([]);
    expect(await clusterState(stage)).toEqual(before);
    expect(await servedImages()).toEqual(Array(3).fill('inventory-service:1.0.0'));
  });

  it('a version the release site does not have (HTTP 404) fails with the version and the URL, nothing deployed', async () => {
    releases.requests.length = 0;
    const toolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'));
    const before = await clusterState(stage);
    const run = await deploy({ 'kubectl-version': 'v1.99.0', images: 'inventory-service:2.0.0' }, { PATH: pathWithoutKubectl, RUNNER_TOOL_CACHE: toolCache });
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toBe(
      `k8s-deploy: Input "kubectl-version" asks for kubectl v1.99.0, which is not available: ${releases.baseUrl}v1.99.0/bin/linux/${ARCH}/kubectl.sha256 answered HTTP 404 (is it a released version? see https://kubernetes.io/releases/)`,
    );
    expect(releases.requests, 'no retries of a 404, no binary download').toHaveLength(1);
    expect(await filesUnder(toolCache)).toEqual([]);
    expect(await clusterState(stage)).toEqual(before);
  });

  it.each<[string, Record<string, string>, string]>([
    [
      'a version without its patch number',
      { 'kubectl-version': '1.32' },
      'k8s-deploy: Input "kubectl-version" has value "1.32": expected a kubectl version such as v1.32.4.',
    ],
    ['a version name', { 'kubectl-version': 'latest' }, 'k8s-deploy: Input "kubectl-version" has value "latest": expected a kubectl version such as v1.32.4.'],
    [
      'a mirror that is not an http(s) URL',
      { 'kubectl-version': 'v1.31.9', mirror: 'ftp://mirror.example/release' },
      'INVENTORY_DEVOPS_KUBECTL_BASE_URL has value "ftp://mirror.example/release": expected an http or https URL',
    ],
  ])('%s is refused with a clear error before anything is downloaded or changed', async (_, { mirror, ...inputs }, message) => {
    releases.requests.length = 0;
    const toolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'));
    const before = await clusterState(stage);
    const run = await deploy(
      { ...inputs, images: 'inventory-service:2.0.0' },
      { PATH: pathWithoutKubectl, RUNNER_TOOL_CACHE: toolCache, ...(mirror ? { INVENTORY_DEVOPS_KUBECTL_BASE_URL: mirror } : {}) },
    );
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toContain(message);
    expect(releases.requests).toEqual([]);
    expect(await filesUnder(toolCache)).toEqual([]);
    expect(await clusterState(stage)).toEqual(before);
  });
});
