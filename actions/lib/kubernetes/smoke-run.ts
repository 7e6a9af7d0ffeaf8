import * as core from '@actions/core';
import http from 'node:http';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { abbreviate, ConfigurationError, describeError } from '../errors.js';
import { describeCheck, judgeSmokeResponse, type SmokeCheck, type SmokeResponse } from '../smoke-checks.js';
import { replicaSetsOf } from './deployment-revisions.js';
import type { Kubectl } from './kubectl.js';
import { VERIFIED_CONDITION } from './metadata.js';
import { checkObjectName, selectorOf } from './names.js';
import { isRecord, type KubeObject, type ObjectList, type Pod } from './objects.js';

/**
 * Sends the `verify` checks to pods through the API server's pod proxy
 * (`/api/v1/namespaces/NS/pods/NAME:PORT/proxy/PATH`). The requests go through `kubectl proxy`
 * on a Unix socket in a private folder: kubectl authenticates with every credential a
 * kubeconfig can hold (tokens, client certificates, exec plugins), which no client of our own
 * would match, the credentials never enter this process, and any method, header and status
 * passes as it is (`kubectl get --raw` has no HEAD or OPTIONS and hides error bodies).
 */

/** Most bytes of an answer read; the rest is dropped and the answer marked truncated. */
export const MOST_RESPONSE_BYTES = 65_536;
const PROXY_START_SECONDS = 15;

export interface SmokeFailure {
  pod: string;
  /** `GET /healthz on port 8080`. */
  request: string;
  response?: SmokeResponse;
  problems: string[];
}

export interface SmokeReport {
  /** Requests that passed. */
  passed: number;
  pods: string[];
  /** The first failed request; the checks stop there. */
  failure?: SmokeFailure;
}

/** The pods of a Deployment's newest revision that are not being deleted: the ones a deploy just made. */
export async function newRevisionPods(kubectl: Kubectl, deployment: string): Promise<Pod[]> {
  const [newest] = await replicaSetsOf(kubectl, deployment);
  if (!newest?.spec?.selector?.matchLabels) return [];
  const pods = await kubectl.json<ObjectList<Pod>>(['get', 'pods', `--selector=${selectorOf(newest.spec.selector.matchLabels)}`]);
  return pods.items.filter(
    (pod) => !pod.metadata.deletionTimestamp && pod.metadata.ownerReferences?.some((owner) => owner.controller && owner.uid === newest.metadata.uid),
  );
}

/** Runs every check against every pod, in order, stopping at the first failure. */
export async function runSmokeChecks(kubectl: Kubectl, checks: readonly SmokeCheck[], pods: readonly Pod[]): Promise<SmokeReport> {
  const names = pods.map((pod) => checkObjectName('Pod', pod.metadata.name, 'The cluster'));
  const report: SmokeReport = { passed: 0, pods: names };
  if (checks.length === 0 || pods.length === 0) return report;
  const namespace = kubectl.namespace ?? 'default';
  const proxy = await startProxy(kubectl);
  try {
    for (const [index, pod] of pods.entries()) {
      for (const check of checks) {
        const port = check.port ?? firstPort(pod);
        if (port === undefined) {
          report.failure = {
            pod: names[index]!,
            request: `${check.method} ${check.path}`,
            problems: ['the pod declares no container port: set "port" in the check'],
          };
          return report;
        }
        const request = describeCheck(check, port);
        const path = `/api/v1/namespaces/${namespace}/pods/${names[index]}:${port}/proxy${check.path}`;
        let response: SmokeResponse;
        try {
          response = await sendSmokeRequest(proxy.socketPath, path, check);
        } catch (error: unknown) {
          report.failure = { pod: names[index]!, request, problems: [describeError(error)] };
          return report;
        }
        const problems = judgeSmokeResponse(check, response);
        core.info(
          `${names[index]}: ${request} answered ${response.status} in ${Math.round(response.milliseconds)} ms${problems.length ? `: ${problems.join('; ')}` : ''}`,
        );
        if (problems.length > 0) {
          report.failure = { pod: names[index]!, request, response, problems };
          return report;
        }
        report.passed++;
      }
    }
    return report;
  } finally {
    await proxy.stop();
  }
}

function firstPort(pod: Pod): number | undefined {
  const port = pod.spec?.containers?.[0]?.ports?.[0]?.containerPort;
  return Number.isInteger(port) && port! > 0 && port! < 65_536 ? port : undefined;
}

interface Proxy {
  socketPath: string;
  stop(): Promise<void>;
}

async function startProxy(kubectl: Kubectl): Promise<Proxy> {
  // mkdtemp makes the folder 0700: only this user can reach the socket, and with it the API server.
  const folder = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'inventory-devops-verify-'));
  const socketPath = join(folder, 'proxy.sock');
  const child = kubectl.start(['proxy', `--unix-socket=${socketPath}`]);
  let exited: string | undefined;
  void child.result.then(
    (result) => (exited = `exit ${result.exitCode}: ${result.stderr.trim() || 'no error output'}`),
    (error: unknown) => (exited = describeError(error)),
  );
  const stop = async (): Promise<void> => {
    child.stop();
    await child.result.catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
  };
  const deadline = Date.now() + PROXY_START_SECONDS * 1000;
  while (Date.now() < deadline) {
    if (
      await stat(socketPath).then(
        () => true,
        () => false,
      )
    )
      return { socketPath, stop };
    if (exited !== undefined) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new ConfigurationError(
    `kubectl proxy, which carries the verify checks to the pods, did not start: ${exited ?? `no socket after ${PROXY_START_SECONDS} s`}`,
  );
}

/** One request, its answer read up to MOST_RESPONSE_BYTES, within the check's timeout. */
export function sendSmokeRequest(socketPath: string, path: string, check: SmokeCheck): Promise<SmokeResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const body = check.body === undefined ? undefined : Buffer.from(check.body);
    const request = http.request({
      socketPath,
      path,
      method: check.method,
      headers: { ...check.headers, host: 'localhost', ...(body ? { 'content-length': String(body.length) } : {}) },
    });
    const timer = setTimeout(() => request.destroy(new Error(`no complete answer within ${check.timeoutSeconds} s`)), check.timeoutSeconds * 1000);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = (): void => {
        clearTimeout(timer);
        const status = response.statusCode;
        if (!Number.isInteger(status)) {
          reject(new Error('the answer has no HTTP status'));
          return;
        }
        resolve({ status: status!, body: Buffer.concat(chunks).toString('utf8'), truncated, milliseconds: performance.now() - started });
      };
      response.on('data', (chunk: Buffer) => {
        if (truncated) return;
        const room = MOST_RESPONSE_BYTES - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          truncated = true;
          finish();
          response.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () => !truncated && finish());
      response.on('error', (error) => !truncated && reject(error));
    });
    request.end(body);
  });
}

/** The failure in one paragraph: the request, the pod, what was wrong, and the answer (status and the start of the body, escaped). */
export function describeSmokeFailure(failure: SmokeFailure): string {
  const answer = failure.response
    ? ` The answer: status ${failure.response.status} in ${Math.round(failure.response.milliseconds)} ms, body ${JSON.stringify(abbreviate(failure.response.body, 300))}${failure.response.truncated ? ' (truncated)' : ''}.`
    : '';
  return `Smoke check ${failure.request} failed on pod ${failure.pod}: ${failure.problems.join('; ')}.${answer}`;
}

/** Checks the pods of a Deployment's newest revision; undefined when there are no checks. */
export async function verifyDeployment(
  kubectl: Kubectl,
  deployment: string,
  checks: readonly SmokeCheck[] | undefined,
): Promise<(SmokeReport & { deployment: string }) | undefined> {
  if (!checks || checks.length === 0) return undefined;
  return core.group(`Verify deployment/${deployment}`, async () => ({
    deployment,
    ...(await runSmokeChecks(kubectl, checks, await newRevisionPods(kubectl, deployment))),
  }));
}

/**
 * The Deployment with the readiness gate VERIFIED_CONDITION on its pods: they count as Ready, and
 * join the Services that select them, only once the verify checks passed and set the condition.
 */
export function withVerificationGate(deployment: KubeObject): KubeObject {
  const gated = structuredClone(deployment);
  const template = isRecord(gated.spec?.template) ? gated.spec.template : {};
  const spec = isRecord(template.spec) ? template.spec : {};
  const gates = Array.isArray(spec.readinessGates) ? spec.readinessGates.filter((gate) => isRecord(gate) && gate.conditionType !== VERIFIED_CONDITION) : [];
  spec.readinessGates = [...gates, { conditionType: VERIFIED_CONDITION }];
  return gated;
}

function containersReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((condition) => condition.type === 'ContainersReady' && condition.status === 'True') ?? false;
}

/**
 * For pods behind a readiness gate (withVerificationGate): waits until `replicas` pods of the
 * Deployment's newest revision have ready containers, checks them, and marks those that passed
 * verified, which makes them Ready. Undefined when they did not get ready containers in time
 * (the rollout wait that follows says why).
 */
export async function verifyGatedDeployment(
  kubectl: Kubectl,
  deployment: string,
  checks: readonly SmokeCheck[],
  replicas: number,
  timeoutSeconds: number,
): Promise<(SmokeReport & { deployment: string }) | undefined> {
  return core.group(`Verify deployment/${deployment} before it takes traffic`, async () => {
    const deadline = Date.now() + timeoutSeconds * 1000;
    let pods: Pod[] = [];
    while (Date.now() < deadline) {
      pods = (await newRevisionPods(kubectl, deployment)).filter(containersReady);
      if (pods.length >= replicas) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    if (pods.length < replicas) return undefined;
    const report = await runSmokeChecks(kubectl, checks, pods);
    if (report.failure) return { deployment, ...report };
    const condition = {
      type: VERIFIED_CONDITION,
      status: 'True',
      reason: 'SmokeChecksPassed',
      lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    for (const pod of report.pods) {
      await kubectl.run([
        'patch',
        'pod',
        '--subresource=status',
        '--type=strategic',
        `--patch=${JSON.stringify({ status: { conditions: [condition] } })}`,
        '--',
        pod,
      ]);
    }
    return { deployment, ...report };
  });
}
