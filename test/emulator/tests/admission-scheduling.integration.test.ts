import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../src/cluster.js';
import { FIXTURE_IMAGES, webDeployment } from './fixtures/manifests.js';
import { waitFor } from './fixtures/processes.js';

// What a real cluster answers with "not yet" and "no": the scheduler, pod admission, init
// containers, image back-off and the garbage collector, observed through the real kubectl.
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({
    images: [...FIXTURE_IMAGES, { name: 'fixture-flaky', command: ['node', 'test/emulator/tests/fixtures/web.mjs'], failPulls: 2 }],
    backoffInitialMs: 300,
    backoffMaxMs: 3000,
    garbageCollectionDelayMs: 3000,
  });
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

async function kubectl(...args: string[]): Promise<string> {
  const result = await cluster.kubectl(args);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function apply(documents: unknown[]): Promise<{ stdout: string; stderr: string }> {
  const result = await cluster.kubectl(['apply', '-f', '-'], { input: documents.map((document) => YAML.stringify(document)).join('---\n') });
  if (result.code !== 0) throw new Error(`kubectl apply: ${result.stderr}`);
  return result;
}

function namespace(name: string, labels: Record<string, string> = {}): unknown {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

interface Pod {
  metadata: { name: string; annotations?: Record<string, string>; finalizers?: string[]; deletionGracePeriodSeconds?: number };
  spec: { nodeName?: string; containers: { resources?: { requests?: Record<string, string> } }[] };
  status: {
    phase: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    initContainerStatuses?: { name: string; state: Record<string, { reason?: string; message?: string }> }[];
    containerStatuses?: { name: string; state: Record<string, { reason?: string; message?: string }> }[];
  };
}

async function pods(ns: string): Promise<Pod[]> {
  return (JSON.parse(await kubectl('get', 'pods', '-n', ns, '-o', 'json')) as { items: Pod[] }).items;
}

async function eventMessages(ns: string, reason: string): Promise<string[]> {
  const list = JSON.parse(await kubectl('get', 'events', '-n', ns, `--field-selector=reason=${reason}`, '-o', 'json')) as { items: { message: string }[] };
  return list.items.map((event) => event.message);
}

interface PodSpecUnderTest {
  containers: Array<Record<string, unknown>>;
  initContainers?: Array<Record<string, unknown>>;
}

/** The web fixture's Deployment (without its ConfigMap) with `change` applied to its pod spec. */
function web(ns: string, change: (spec: PodSpecUnderTest) => void, replicas = 1): Record<string, unknown> {
  const deployment = webDeployment({ namespace: ns, replicas }) as { spec: { template: { spec: PodSpecUnderTest } } };
  const spec = deployment.spec.template.spec;
  spec.containers[0]!.envFrom = [];
  change(spec);
  return deployment;
}

describe('scheduler', () => {
  it('keeps pods that fit no node Pending and Unschedulable with the scheduler message, and places them when a node with room is added', async () => {
    await apply([namespace('sched'), web('sched', (spec) => (spec.containers[0]!.resources = { requests: { cpu: '100', memory: '64Mi' } }))]);
    const pending = await waitFor('an unschedulable pod', async () =>
      (await pods('sched')).find((pod) => pod.status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable')),
    );
    const condition = pending.status.conditions?.find((c) => c.type === 'PodScheduled');
    expect(condition).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(condition?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    expect(pending.status.phase).toBe('Pending');
    expect(await eventMessages('sched', 'FailedScheduling')).toContain(condition?.message);

    await apply([
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'big', labels: { 'kubernetes.io/hostname': 'big' } },
        status: { capacity: { cpu: '128', memory: '256Gi', pods: '110' }, allocatable: { cpu: '128', memory: '256Gi', pods: '110' } },
      },
    ]);
    expect((await cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', 'sched', '--timeout=30s'])).code).toBe(0);
    expect((await pods('sched')).map((pod) => pod.spec.nodeName)).toEqual(['big']);
    expect(await kubectl('get', 'nodes')).toMatch(/emulator\s+Ready\s+control-plane/);
  });
});

describe('taints and node affinity', () => {
  it('keeps a pod off a tainted node and off nodes its selector does not match, places it when the taint goes, and evicts it for a NoExecute taint', async () => {
    await apply([
      namespace('taints'),
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'batch-1', labels: { 'kubernetes.io/hostname': 'batch-1', pool: 'batch' } },
        spec: { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] },
        status: { allocatable: { cpu: '8', memory: '16Gi', pods: '110' } },
      },
      web('taints', (spec) => Object.assign(spec, { nodeSelector: { pool: 'batch' } })),
    ]);
    const nodeCount = (await kubectl('get', 'nodes', '-o', 'name')).trim().split('\n').length;
    const pending = await waitFor('a pod kept off the tainted node', async () =>
      (await pods('taints')).find((pod) => pod.status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable')),
    );
    // FitError sorts "count reason" as strings, as Go's sort.Strings does.
    const reasons = [`${nodeCount - 1} node(s) didn't match Pod's node affinity/selector`, '1 node(s) had untolerated taint {dedicated: batch}'].sort();
    expect(pending.status.conditions?.find((c) => c.type === 'PodScheduled')?.message).toBe(
      `0/${nodeCount} nodes are available: ${reasons.join(', ')}. preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`,
    );

    await kubectl('taint', 'nodes', 'batch-1', 'dedicated-');
    expect((await cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', 'taints', '--timeout=30s'])).code).toBe(0);
    const [placed] = await pods('taints');
    expect(placed?.spec.nodeName).toBe('batch-1');

    await kubectl('taint', 'nodes', 'batch-1', 'maintenance=now:NoExecute');
    expect(await waitFor('the eviction event', async () => (await eventMessages('taints', 'TaintManagerEviction'))[0])).toBe(
      `Marking for deletion Pod taints/${placed?.metadata.name}`,
    );
    const replacement = await waitFor('the replacement pod kept off the node', async () =>
      (await pods('taints')).find(
        (pod) => pod.metadata.name !== placed?.metadata.name && pod.status.conditions?.some((c) => c.message?.includes('untolerated taint {maintenance: now}')),
      ),
    );
    expect(replacement.spec.nodeName).toBeUndefined();
  });
});

describe('pod admission', () => {
  it('Pod Security enforce: the ReplicaSet records FailedCreate and ReplicaFailure, copied to the Deployment; warn adds a Warning', async () => {
    await apply([namespace('psa', { 'pod-security.kubernetes.io/enforce': 'restricted' }), web('psa', () => undefined)]);
    const deployment = await waitFor('ReplicaFailure on the Deployment', async () => {
      const object = JSON.parse(await kubectl('get', 'deployment', 'web', '-n', 'psa', '-o', 'json')) as {
        status: { conditions?: { type: string; status: string; reason: string; message: string }[] };
      };
      return object.status.conditions?.find((c) => c.type === 'ReplicaFailure') ? object : undefined;
    });
    const failure = deployment.status.conditions?.find((c) => c.type === 'ReplicaFailure');
    expect(failure).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    expect(failure?.message).toMatch(
      /^pods "web-[a-z0-9]+-" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "web" must set securityContext.allowPrivilegeEscalation=false\), unrestricted capabilities \(container "web" must set securityContext.capabilities.drop=\["ALL"\]\), runAsNonRoot != true \(pod or container "web" must set securityContext.runAsNonRoot=true\), seccompProfile \(pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"\)$/,
    );
    const replicaSets = JSON.parse(await kubectl('get', 'replicasets', '-n', 'psa', '-o', 'json')) as {
      items: { status: { conditions?: { type: string; message: string }[] } }[];
    };
    expect(replicaSets.items[0]?.status.conditions?.find((c) => c.type === 'ReplicaFailure')?.message).toBe(failure?.message);
    expect(await eventMessages('psa', 'FailedCreate')).toContain(`Error creating: ${failure?.message}`);
    expect(await pods('psa')).toEqual([]);

    const warned = await apply([
      namespace('psa-warn', { 'pod-security.kubernetes.io/warn': 'baseline' }),
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'root', namespace: 'psa-warn' },
        spec: { containers: [{ name: 'app', image: 'fixture-web:v1', securityContext: { privileged: true } }] },
      },
    ]);
    expect(warned.stderr).toContain(
      'Warning: would violate PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    );
  });

  it('Pod Security checks a pod update that changes an image, not one that changes only metadata', async () => {
    await apply([
      namespace('psa-update'),
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'root', namespace: 'psa-update' },
        spec: { containers: [{ name: 'app', image: 'fixture-web:v1', securityContext: { privileged: true } }] },
      },
    ]);
    await kubectl('label', 'namespace', 'psa-update', 'pod-security.kubernetes.io/enforce=baseline');
    expect((await cluster.kubectl(['label', 'pod', 'root', '-n', 'psa-update', 'team=web'])).code).toBe(0);
    const refused = await cluster.kubectl(['set', 'image', 'pod/root', '-n', 'psa-update', 'app=fixture-web:v2']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'pods "root" is forbidden: violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    );

    // At `warn` the same update goes through with the Warning header kubectl prints.
    await kubectl(
      'label',
      '--overwrite',
      'namespace',
      'psa-update',
      'pod-security.kubernetes.io/enforce=privileged',
      'pod-security.kubernetes.io/warn=baseline',
    );
    const warned = await cluster.kubectl(['set', 'image', 'pod/root', '-n', 'psa-update', 'app=fixture-web:v2']);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('Warning: would violate PodSecurity "baseline:latest": privileged');
  });

  it('ResourceQuota refuses pods past its hard limits with the real message and keeps status.used; LimitRange fills default requests', async () => {
    await apply([
      namespace('quota'),
      { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace: 'quota' }, spec: { hard: { pods: '1', 'requests.cpu': '1' } } },
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'defaults', namespace: 'quota' },
        spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '250m' }, default: { cpu: '500m' } }] },
      },
    ]);
    await apply([web('quota', () => undefined, 2)]);
    const refusal = await waitFor('a FailedCreate event', async () => (await eventMessages('quota', 'FailedCreate'))[0]);
    expect(refusal).toMatch(/^Error creating: pods "web-[a-z0-9]+-" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=1, limited: pods=1$/);
    const [pod] = await pods('quota');
    expect(pod?.spec.containers[0]?.resources?.requests).toEqual({ cpu: '250m' });
    expect(pod?.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu request for container web; cpu limit for container web',
    );
    const quota = await waitFor('quota status', async () => {
      const object = JSON.parse(await kubectl('get', 'resourcequota', 'compute', '-n', 'quota', '-o', 'json')) as {
        status?: { hard: Record<string, string>; used: Record<string, string> };
      };
      return object.status?.used?.pods === '1' ? object : undefined;
    });
    expect(quota.status).toEqual({ hard: { pods: '1', 'requests.cpu': '1' }, used: { pods: '1', 'requests.cpu': '250m' } });
  });
});

describe('LimitRange bounds, for ReplicaSet and StatefulSet pods alike', () => {
  it('refuses pods over a LimitRange max: ReplicaFailure on the Deployment, FailedCreate on the StatefulSet, with the LimitRanger message', async () => {
    const limited = web('limits', (spec) => (spec.containers[0]!.resources = { limits: { cpu: '1' } })) as { spec: Record<string, unknown> };
    const { strategy: _strategy, progressDeadlineSeconds: _deadline, ...podSetSpec } = limited.spec;
    await apply([
      namespace('limits'),
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'bounds', namespace: 'limits' },
        spec: { limits: [{ type: 'Container', max: { cpu: '500m' } }] },
      },
      limited,
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'limits' }, spec: { ...podSetSpec, serviceName: 'db' } },
    ]);
    const refusal = 'is forbidden: maximum cpu usage per Container is 500m, but limit is 1.';
    const failure = await waitFor('ReplicaFailure on the Deployment', async () => {
      const object = JSON.parse(await kubectl('get', 'deployment', 'web', '-n', 'limits', '-o', 'json')) as {
        status: { conditions?: { type: string; message: string }[] };
      };
      return object.status.conditions?.find((c) => c.type === 'ReplicaFailure');
    });
    expect(failure.message).toMatch(new RegExp(`^pods "web-[a-z0-9]+-" ${refusal.replace(/[.]/g, '\\.')}$`));
    expect(await waitFor('FailedCreate on the StatefulSet', async () => (await eventMessages('limits', 'FailedCreate')).find((m) => m.includes('db-0')))).toBe(
      `create Pod db-0 in StatefulSet db failed error: pods "db-0" ${refusal}`,
    );
    expect(await pods('limits')).toEqual([]);
  });
});

describe('kubelet', () => {
  it('runs init containers in order before the app, and shows a failing one as Init:CrashLoopBackOff with the app waiting in PodInitializing', async () => {
    await apply([
      namespace('init'),
      web('init', (spec) => {
        spec.initContainers = [
          { name: 'first', image: 'fixture-web:v1', command: ['node', '-e', 'console.log("first done")'] },
          { name: 'second', image: 'fixture-web:v1', command: ['node', '-e', 'console.log("second done")'] },
        ];
      }),
    ]);
    expect((await cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', 'init', '--timeout=30s'])).code).toBe(0);
    const [ready] = await pods('init');
    expect(ready?.status.initContainerStatuses?.map((s) => [s.name, s.state.terminated?.reason])).toEqual([
      ['first', 'Completed'],
      ['second', 'Completed'],
    ]);
    expect(await kubectl('logs', '-n', 'init', ready!.metadata.name, '-c', 'second')).toContain('second done');

    await apply([
      web('init', (spec) => {
        spec.initContainers = [{ name: 'migrate', image: 'fixture-crash:v1' }];
      }),
    ]);
    const stuck = await waitFor('Init:CrashLoopBackOff', async () => {
      const table = await kubectl('get', 'pods', '-n', 'init');
      return /Init:CrashLoopBackOff/.test(table) ? table : undefined;
    });
    expect(stuck).toContain('Init:CrashLoopBackOff');
    const failing = await waitFor('the init container in back-off', async () =>
      (await pods('init')).find((pod) => pod.status.initContainerStatuses?.[0]?.state.waiting?.reason === 'CrashLoopBackOff'),
    );
    expect(failing?.status.initContainerStatuses?.[0]?.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(failing?.status.containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing');
    expect(failing?.status.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [migrate]',
    });
  });

  it('starts a sidecar (restartPolicy Always) before the next init container and the app, once its startup probe passes, and keeps it running', async () => {
    const sidecar = {
      name: 'proxy',
      image: 'fixture-web:v1',
      restartPolicy: 'Always',
      env: [
        { name: 'PORT', value: '9090' },
        { name: 'READY_DELAY_MS', value: '1000' },
      ],
      startupProbe: { httpGet: { path: '/ready', port: 9090 }, periodSeconds: 1, failureThreshold: 30 },
    };
    // Exits 1 (and would be restarted) if the sidecar does not answer yet.
    const probeSidecar = 'fetch(`http://${process.env.HOST}:9090/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))';
    const after = { name: 'after', image: 'fixture-web:v1', command: ['node', '-e', probeSidecar] };
    await apply([namespace('sidecar'), web('sidecar', (spec) => (spec.initContainers = [sidecar, after]))]);
    expect((await cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', 'sidecar', '--timeout=30s'])).code).toBe(0);
    const [pod] = (await pods('sidecar')) as (Pod & { status: { initContainerStatuses: { started?: boolean; ready?: boolean; restartCount?: number }[] } })[];
    expect(pod?.status.initContainerStatuses.map((s) => ({ ...s, state: Object.keys(s.state) }))).toMatchObject([
      { name: 'proxy', started: true, ready: true, state: ['running'] },
      { name: 'after', ready: true, restartCount: 0, state: ['terminated'] },
    ]);
    expect(await kubectl('get', 'pods', '-n', 'sidecar', '--no-headers')).toMatch(/^web-\S+\s+2\/2\s+Running\s/);

    // A Job's pod finishes when its app container does: the kubelet stops the sidecar.
    await apply([
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'once', namespace: 'sidecar' },
        spec: {
          backoffLimit: 0,
          template: {
            spec: {
              restartPolicy: 'Never',
              initContainers: [{ ...sidecar, startupProbe: undefined, env: [{ name: 'PORT', value: '9090' }] }],
              containers: [{ name: 'task', image: 'fixture-web:v1', command: ['node', '-e', probeSidecar] }],
            },
          },
        },
      },
    ]);
    expect((await cluster.kubectl(['wait', '--for=condition=complete', 'job/once', '-n', 'sidecar', '--timeout=30s'])).code).toBe(0);
    const stopped = await waitFor('the Job pod with its sidecar stopped', async () =>
      (await pods('sidecar')).find((candidate) => candidate.metadata.name.startsWith('once-') && candidate.status.initContainerStatuses?.[0]?.state.terminated),
    );
    expect(stopped.status.phase).toBe('Succeeded');
  });

  it('a pull that fails transiently shows ErrImagePull, backs off, and then runs', async () => {
    await apply([namespace('flaky'), web('flaky', (spec) => (spec.containers[0]!.image = 'registry.example/fixture-flaky:v1'))]);
    expect((await cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', 'flaky', '--timeout=30s'])).code).toBe(0);
    const failures = await eventMessages('flaky', 'Failed');
    expect(failures.some((message) => message.startsWith('Failed to pull image "registry.example/fixture-flaky:v1"') && message.includes('i/o timeout'))).toBe(
      true,
    );
    expect(failures).toContain('Error: ImagePullBackOff');
  });
});

describe('garbage collector', () => {
  it('a pod with a finalizer stays Terminating, its containers stopped, and holds a foreground deletion of its ReplicaSet until the finalizer goes', async () => {
    const { spec } = web('held', () => undefined) as { spec: Record<string, unknown> };
    const replicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'held' },
      spec: { ...spec, strategy: undefined, progressDeadlineSeconds: undefined },
    };
    await apply([namespace('held'), replicaSet]);
    const running = await waitFor('a running pod', async () => (await pods('held')).find((candidate) => candidate.status.phase === 'Running'));
    const pod = `pod/${running.metadata.name}`;
    await kubectl('patch', pod, '-n', 'held', '--type=merge', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}');
    await kubectl('delete', 'replicaset', 'web', '-n', 'held', '--cascade=foreground', '--wait=false');

    const stopped = await waitFor('the pod stopped and held by its finalizer', async () =>
      (await pods('held')).find((candidate) => candidate.status.phase === 'Succeeded' || candidate.status.phase === 'Failed'),
    );
    expect(stopped.metadata).toMatchObject({ finalizers: ['example.com/hold'], deletionGracePeriodSeconds: 0 });
    expect(await kubectl('get', pod, '-n', 'held', '--no-headers')).toMatch(/\sTerminating\s/);
    const owner = JSON.parse(await kubectl('get', 'replicaset', 'web', '-n', 'held', '-o', 'json')) as { metadata: { finalizers?: string[] } };
    expect(owner.metadata.finalizers).toEqual(['foregroundDeletion']);

    await kubectl('patch', pod, '-n', 'held', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]');
    expect((await cluster.kubectl(['wait', '--for=delete', 'replicaset/web', '-n', 'held', '--timeout=30s'])).code).toBe(0);
    expect(await pods('held')).toEqual([]);
  });

  it('kubectl delete returns once the Deployment is gone; its ReplicaSets and pods are collected afterwards', async () => {
    await apply([namespace('gc'), web('gc', () => undefined)]);
    expect((await cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', 'gc', '--timeout=30s'])).code).toBe(0);
    await kubectl('delete', 'deployment', 'web', '-n', 'gc', '--wait=true');
    expect(await kubectl('get', 'deployments', '-n', 'gc', '-o', 'name')).toBe('');
    expect(await kubectl('get', 'replicasets', '-n', 'gc', '-o', 'name')).toMatch(/^replicaset.apps\/web-/);
    await waitFor('pods collected', async () => ((await pods('gc')).length === 0 ? true : undefined));
    expect(await kubectl('get', 'replicasets', '-n', 'gc', '-o', 'name')).toBe('');
  });
});
