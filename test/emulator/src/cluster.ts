import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { AddressPool, claimAddressBlock } from './addresses.js';
import { startApiServer } from './api/server.js';
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from './bootstrap-policy.js';
import { ClusterRoleAggregationController } from './controllers/clusterrole-aggregation.js';
import { DeploymentController } from './controllers/deployment.js';
import { GatewayController } from './controllers/gateway.js';
import { JobController } from './controllers/job.js';
import { GarbageCollector } from './controllers/garbage-collector.js';
import { ReplicaSetController } from './controllers/replicaset.js';
import { defaultNode, Scheduler } from './controllers/scheduler.js';
import { StatefulSetController } from './controllers/statefulset.js';
import { TaintEvictionController } from './controllers/taint-eviction.js';
import { EventRecorder } from './events.js';
import { DEFAULT_IMAGE_TABLE, ImageTable, type ImageEntry } from './images.js';
import { writeKubeconfig } from './kubeconfig.js';
import { PodRunner } from './kubelet/pod-runner.js';
import { PodAdmission, ResourceQuotaController } from './pod-admission.js';
import { RBAC_TYPES } from './rbac.js';
import { ProcessGroups } from './processes.js';
import { TYPES } from './resources.js';
import { ServiceProxies } from './services.js';
import { Store } from './store.js';

export interface ClusterOptions {
  /** Where to write the kubeconfig; default a file in a fresh temporary directory. */
  kubeconfigPath?: string;
  /** Image table file; default `test/emulator/src/image-table.json`. */
  imageTable?: string;
  /** Extra image entries, taking precedence over the table (paths relative to the repository root). */
  images?: ImageEntry[];
  /** Bearer token; default random. */
  token?: string;
  /** Behave as without root: Service ports below 1024 move to port + 30000. */
  simulateUnprivilegedPorts?: boolean;
  /** Crash-loop and image-pull back-off, first delay and cap in ms (default 1000 and 30000: a kubelet's 10 s and 300 s, ten times faster). */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** How long after an owner's deletion the garbage collector deletes its dependents (default 500 ms). */
  garbageCollectionDelayMs?: number;
  /** Print every API request to stderr. */
  logRequests?: boolean;
  /** Called with every API request's outcome (a test counting refusals, say). */
  onRequest?: (method: string, url: string, status: number) => void;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Cluster {
  /** Unique id; every process the emulator starts carries it as `KUBE_EMULATOR_CLUSTER` in its environment. */
  id: string;
  server: string;
  token: string;
  kubeconfigPath: string;
  /** A kubectl cache directory of this instance (the dispatcher caches /version and discovery for 2 h). */
  cacheDir: string;
  /** Environment for running kubectl against this cluster: KUBECONFIG and KUBECACHEDIR. */
  env: Record<string, string>;
  store: Store;
  /** Runs the real kubectl against the cluster. */
  kubectl(args: string[], options?: { input?: string; timeoutMs?: number }): Promise<KubectlResult>;
  /** Address for reaching a Service port from this machine (after any privileged-port fallback). */
  serviceAddress(namespace: string, name: string, port: number): Promise<{ host: string; port: number } | undefined>;
  /** Address for reaching a Gateway listener port from this machine, once it listens (its own 127.3.B.x address). */
  gatewayAddress(namespace: string, name: string, port: number): Promise<{ host: string; port: number } | undefined>;
  /** Process ids of running pod containers. */
  pids(): number[];
  /** An API server outage: clients are cut off and refused, while controllers, pods and Services keep running. */
  stopApiServer(): Promise<void>;
  /** Ends the outage: the API server listens again on the same address, with the state it had. */
  restartApiServer(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const id = randomBytes(6).toString('hex');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-emulator-'));
  const kubeconfigPath = options.kubeconfigPath ?? path.join(workDir, 'kubeconfig');
  const cacheDir = path.join(workDir, 'kube-cache');
  const token = options.token ?? randomBytes(24).toString('base64url');
  const block = claimAddressBlock();
  const podAddresses = new AddressPool(`127.1.${block.block}`);
  const serviceAddresses = new AddressPool(`127.2.${block.block}`);
  const gatewayAddresses = new AddressPool(`127.3.${block.block}`);

  const images = ImageTable.fromFile(options.imageTable ?? DEFAULT_IMAGE_TABLE);
  for (const entry of options.images ?? []) images.add(entry);

  const store = new Store();
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    store.create(TYPES.namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  store.create(TYPES.nodes, defaultNode());
  for (const role of BOOTSTRAP_CLUSTER_ROLES) store.create(RBAC_TYPES.clusterroles, role);
  for (const binding of BOOTSTRAP_CLUSTER_ROLE_BINDINGS) store.create(RBAC_TYPES.clusterrolebindings, binding);
  const aggregation = new ClusterRoleAggregationController(store);
  const events = new EventRecorder(store);
  const backOff = { initialMs: options.backoffInitialMs ?? 1000, maxMs: options.backoffMaxMs ?? 30_000 };
  const processes = new ProcessGroups([workDir, block.lockFile]);
  const pods = new PodRunner({
    store,
    images,
    addresses: podAddresses,
    events,
    processes,
    clusterId: id,
    backOff,
  });
  const services = new ServiceProxies({ store, simulateUnprivileged: options.simulateUnprivilegedPorts ?? false });
  const garbageCollector = new GarbageCollector(store, options.garbageCollectionDelayMs);
  const scheduler = new Scheduler(store, events);
  const taintEviction = new TaintEvictionController(store, events);
  const podAdmission = new PodAdmission(store);
  const quotas = new ResourceQuotaController(store);
  const replicaSets = new ReplicaSetController(store, events, (pod) => podAdmission.admit(pod));
  const deployments = new DeploymentController(store, events);
  const statefulSets = new StatefulSetController(store, events, (pod) => podAdmission.admit(pod));
  const gateways = new GatewayController({
    store,
    addresses: gatewayAddresses,
    endpoint: (namespace, name, port) => services.proxyTarget(namespace, `${name}:${port}`),
    simulateUnprivileged: options.simulateUnprivilegedPorts ?? false,
  });
  const jobs = new JobController(store, events, backOff);

  const certificate = await generate([{ name: 'commonName', value: 'kube-emulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const api = await startApiServer(
    {
      store,
      token,
      admission: {
        allocateClusterIP: () => serviceAddresses.allocate(),
        admitPod: (pod) => podAdmission.admit(pod),
        admitPodUpdate: (pod, previous) => podAdmission.admitUpdate(pod, previous),
      },
      logs: (namespace, pod, logOptions) => pods.logs(namespace, pod, logOptions),
      proxyTarget: (kind, namespace, nameAndPort) => {
        if (kind === 'services') return services.proxyTarget(namespace, nameAndPort);
        const [name = '', port] = nameAndPort.split(':');
        const pod = store.mustGet(TYPES.pods, namespace, name);
        if (!pod.status?.podIP) throw new Error(`pod ${name} has no IP yet`);
        const firstPort = pod.spec?.containers?.[0]?.ports?.[0]?.containerPort ?? 80;
        return { host: pod.status.podIP, port: port ? Number(port) : firstPort };
      },
      onRequest: (method: string, url: string, status: number, ms: number) => {
        if (options.logRequests) process.stderr.write(`[api] ${method} ${url} ${status} ${ms.toFixed(1)}ms\n`);
        options.onRequest?.(method, url, status);
      },
    },
    { key: certificate.private, cert: certificate.cert },
  );
  writeKubeconfig(kubeconfigPath, { server: api.url, caCertificate: certificate.cert, token });
  const env = { KUBECONFIG: kubeconfigPath, KUBECACHEDIR: cacheDir };

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      deployments.stop();
      statefulSets.stop();
      jobs.stop();
      replicaSets.stop();
      await gateways.stop();
      scheduler.stop();
      taintEviction.stop();
      garbageCollector.stop();
      quotas.stop();
      aggregation.stop();
      await pods.stop();
      await services.stop();
      await api.close();
      await processes.close();
      block.release();
      fs.rmSync(workDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  return {
    id,
    server: api.url,
    token,
    kubeconfigPath,
    cacheDir,
    env,
    store,
    kubectl: (args, kubectlOptions = {}) =>
      new Promise((resolve) => {
        const child = execFile(
          'kubectl',
          args,
          { env: { ...process.env, ...env }, timeout: kubectlOptions.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
        if (kubectlOptions.input !== undefined) child.stdin?.end(kubectlOptions.input);
      }),
    serviceAddress: async (namespace, name, port) => {
      await services.settled();
      return services.address(namespace, name, port);
    },
    gatewayAddress: (namespace, name, port) => gateways.address(namespace, name, port),
    pids: () => pods.pids(),
    stopApiServer: () => api.close(),
    restartApiServer: () => api.reopen(),
    stop,
  };
}
