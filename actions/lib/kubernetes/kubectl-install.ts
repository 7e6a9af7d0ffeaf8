import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, describeError } from '../errors.js';

/** Where kubectl releases are downloaded from; a mirror for air-gapped runners replaces it. */
export const KUBECTL_BASE_URL_VARIABLE = 'INVENTORY_DEVOPS_KUBECTL_BASE_URL';
export const DEFAULT_KUBECTL_BASE_URL = 'https://dl.k8s.io/release';

/** `v1.32.4` or `1.32.4`. */
export const KUBECTL_VERSION = /^v?(\d+)\.(\d+)\.(\d+)$/;
const ARCHITECTURES: Partial<Record<NodeJS.Architecture, string>> = { x64: 'amd64', arm64: 'arm64' };

export interface KubectlInstallOptions {
  /** The input that asked for the version, named in every error. */
  inputName?: string;
  /** Passed to the kubectl on PATH when asking its version (a dispatcher kubectl may contact the server). */
  kubeconfig?: string;
  arch?: NodeJS.Architecture;
}

export interface InstalledKubectl {
  /** Absolute path of the binary, or `kubectl` for the one on PATH. */
  binary: string;
  version: string;
  source: 'path' | 'tool-cache' | 'download';
}

/** `1.32.4` or `v1.32.4` → `v1.32.4`; anything else is a ConfigurationError naming the input. */
export function normalizeKubectlVersion(version: string, inputName = 'kubectl-version'): string {
  const match = KUBECTL_VERSION.exec(version.trim());
  if (!match) throw new ConfigurationError(`Input "${inputName}" has value "${version}": expected a kubectl version such as v1.32.4 or 1.32.4`);
  return `v${match[1]}.${match[2]}.${match[3]}`;
}

/** The release URL of a kubectl binary: `<base>/<version>/bin/linux/<amd64|arm64>/kubectl`. */
export function kubectlDownloadUrl(version: string, arch: NodeJS.Architecture = process.arch, environment: NodeJS.ProcessEnv = process.env): string {
  const platformArch = ARCHITECTURES[arch];
  if (!platformArch) throw new ConfigurationError(`Cannot install kubectl on a ${arch} runner: kubectl releases are downloaded for x64 (amd64) and arm64 only`);
  return `${baseUrl(environment)}/${version}/bin/linux/${platformArch}/kubectl`;
}

function baseUrl(environment: NodeJS.ProcessEnv): string {
  const configured = environment[KUBECTL_BASE_URL_VARIABLE]?.trim();
  if (!configured) return DEFAULT_KUBECTL_BASE_URL;
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    throw new ConfigurationError(`${KUBECTL_BASE_URL_VARIABLE} has value "${configured}": expected an http or https URL such as ${DEFAULT_KUBECTL_BASE_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`${KUBECTL_BASE_URL_VARIABLE} has value "${configured}": expected an http or https URL such as ${DEFAULT_KUBECTL_BASE_URL}`);
  }
  return configured.replace(/\/+$/, '');
}

/**
 * A kubectl of exactly the requested version: the one on PATH when it is that version, else
 * the runner's tool cache, else downloaded from the release site (or the mirror in
 * INVENTORY_DEVOPS_KUBECTL_BASE_URL), its SHA-256 checked against the published `.sha256`
 * before it is made executable and cached. A mismatch installs nothing.
 */
export async function installKubectl(requested: string, options: KubectlInstallOptions = {}): Promise<InstalledKubectl> {
  const inputName = options.inputName ?? 'kubectl-version';
  const environment = process.env;
  const arch = options.arch ?? process.arch;
  const version = normalizeKubectlVersion(requested, inputName);

  const onPath = await pathKubectlVersion(options.kubeconfig);
  if (onPath && sameVersion(onPath, version)) {
    core.info(`kubectl ${onPath} (on PATH)`);
    return { binary: 'kubectl', version: onPath, source: 'path' };
  }

  const cacheRoot = environment.RUNNER_TOOL_CACHE;
  if (!cacheRoot)
    throw new ConfigurationError(`Input "${inputName}" asks for kubectl ${version}, but RUNNER_TOOL_CACHE is not set, so there is nowhere to install it`);
  // The tool cache (and its HTTP client) is loaded only when kubectl is not already on PATH.
  const toolCache = await import('@actions/tool-cache');
  const cached = toolCache.find('kubectl', version, arch);
  if (cached) {
    const binary = join(cached, 'kubectl');
    await expectVersion(binary, version, `the tool cache (${binary})`, inputName);
    core.info(`kubectl ${version} from the tool cache (${binary})${onPath ? `; the kubectl on PATH is ${onPath}` : ''}`);
    return { binary, version, source: 'tool-cache' };
  }

  const url = kubectlDownloadUrl(version, arch, environment);
  core.info(`Downloading kubectl ${version} from ${url}${onPath ? ` (the kubectl on PATH is ${onPath})` : ''}`);
  const temp = environment.RUNNER_TEMP || tmpdir();
  const digestFile = await download(`${url}.sha256`, join(temp, `kubectl-${randomUUID()}.sha256`), version, inputName);
  const expected = parseDigest(await readFile(digestFile, 'utf8').finally(() => rm(digestFile, { force: true })), `${url}.sha256`, version);
  const downloaded = await download(url, join(temp, `kubectl-${randomUUID()}`), version, inputName);
  try {
    const actual = await sha256(downloaded);
    if (actual !== expected) {
      throw new ConfigurationError(
        `The kubectl ${version} downloaded from ${url} does not match its published checksum: expected SHA-256 ${expected} (${url}.sha256), got ${actual}. Nothing was installed; check ${KUBECTL_BASE_URL_VARIABLE} if a mirror serves it`,
      );
    }
    await chmod(downloaded, 0o755);
    await expectVersion(downloaded, version, url, inputName);
    const folder = await toolCache.cacheFile(downloaded, 'kubectl', 'kubectl', version, arch);
    const binary = join(folder, 'kubectl');
    await chmod(binary, 0o755);
    core.info(`kubectl ${version} installed in the tool cache (${binary}), SHA-256 ${actual} verified`);
    return { binary, version, source: 'download' };
  } finally {
    await rm(downloaded, { force: true });
  }
}

/** `v1.32.4` is `v1.32.4`, and so are vendor builds such as `v1.32.4-gke.1` or `v1.32.4+k3s1`. */
function sameVersion(found: string, wanted: string): boolean {
  return found === wanted || found.startsWith(`${wanted}-`) || found.startsWith(`${wanted}+`);
}

/** The version of the kubectl on PATH, or undefined when there is none (or it does not run). */
function pathKubectlVersion(kubeconfig: string | undefined): Promise<string | undefined> {
  return clientVersion('kubectl', kubeconfig ? ['--kubeconfig', kubeconfig] : []);
}

async function clientVersion(binary: string, extraArgs: string[] = []): Promise<string | undefined> {
  let result: { exitCode: number; stdout: string; stderr: string };
  try {
    result = await getExecOutput(binary, [...extraArgs, 'version', '--client', '--output', 'json'], { silent: true, ignoreReturnCode: true });
  } catch (error: unknown) {
    core.debug(`${binary}: ${describeError(error)}`); // not on PATH
    return undefined;
  }
  if (result.exitCode !== 0) {
    core.debug(`${binary} version --client failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
    return undefined;
  }
  try {
    return (JSON.parse(result.stdout) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
  } catch {
    return undefined;
  }
}

async function expectVersion(binary: string, version: string, from: string, inputName: string): Promise<void> {
  const found = await clientVersion(binary);
  if (found === undefined || !sameVersion(found, version)) {
    throw new ConfigurationError(
      `Input "${inputName}" asks for kubectl ${version}, but the kubectl from ${from} reports ${found ?? 'no version (it did not run)'}`,
    );
  }
}

async function download(url: string, destination: string, version: string, inputName: string): Promise<string> {
  const toolCache = await import('@actions/tool-cache');
  try {
    return await toolCache.downloadTool(url, destination);
  } catch (error: unknown) {
    if (error instanceof toolCache.HTTPError && error.httpStatusCode === 404) {
      throw new ConfigurationError(
        `Input "${inputName}" asks for kubectl ${version}, which is not available: ${url} answered HTTP 404 (is it a released version? see https://kubernetes.io/releases/)`,
      );
    }
    const status = error instanceof toolCache.HTTPError ? `HTTP ${error.httpStatusCode}` : describeError(error);
    throw new ConfigurationError(
      `Could not download kubectl ${version} from ${url}: ${status}. Air-gapped runners can set ${KUBECTL_BASE_URL_VARIABLE} to a mirror`,
    );
  }
}

function parseDigest(text: string, url: string, version: string): string {
  const digest = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!/^[0-9a-f]{64}$/.test(digest)) {
    throw new ConfigurationError(
      `The checksum of kubectl ${version} at ${url} is not a SHA-256 digest (got "${text.trim().slice(0, 80)}"): nothing was installed`,
    );
  }
  return digest;
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
