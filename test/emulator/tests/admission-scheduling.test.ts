import { describe, expect, it } from 'vitest';
import { unfitReasons, unschedulableMessage } from '../src/controllers/scheduler.js';
import { ContainerRuntime } from '../src/kubelet/pod-runtime.js';
import { nextRestartDelay } from '../src/kubelet/restarts.js';
import { isSignificantPodUpdate, limitRangeRefusal, podSecurityViolations, podUsage } from '../src/pod-admission.js';
import { podRequests } from '../src/pod-resources.js';
import { formatQuantity, parseQuantity } from '../src/quantities.js';
import type { KubeObject } from '../src/store.js';

describe('quantities', () => {
  it.each<[unknown, number | undefined]>([
    ['500m', 0.5],
    ['1.5', 1.5],
    ['128Mi', 128 * 2 ** 20],
    ['1G', 1e9],
    ['1e3', 1000],
    [2, 2],
    ['12 cores', undefined],
    [Number.NaN, undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseQuantity(value)).toBe(expected);
  });

  it('prints the canonical forms', () => {
    expect([formatQuantity('requests.cpu', 1.5), formatQuantity('cpu', 2), formatQuantity('memory', 128 * 2 ** 20), formatQuantity('pods', 3)]).toEqual([
      '1500m',
      '2',
      '128Mi',
      '3',
    ]);
  });
});

describe('scheduler', () => {
  const node = (allocatable: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n' },
    status: { allocatable },
    ...extra,
  });
  const pod = (cpu: string, init?: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      containers: [{ name: 'a', resources: { requests: { cpu } } }],
      ...(init ? { initContainers: [{ name: 'i', resources: { limits: { cpu: init } } }] } : {}),
    },
  });

  it('asks the larger of the app sum and the largest init container, a limit standing for a missing request', () => {
    expect(podRequests(pod('500m', '2').spec)).toEqual({ cpu: 2 });
    expect(podRequests(pod('500m', '100m').spec)).toEqual({ cpu: 0.5 });
  });

  it.each<[string, KubeObject, KubeObject[], string[]]>([
    ['fits', node({ cpu: '1', pods: '10' }), [pod('500m')], []],
    ['not enough cpu left', node({ cpu: '1', pods: '10' }), [pod('600m')], ['Insufficient cpu']],
    ['too many pods', node({ cpu: '8', pods: '1' }), [pod('100m')], ['Too many pods']],
    ['cordoned', node({ cpu: '8' }, { spec: { unschedulable: true } }), [], ['node(s) were unschedulable']],
  ])('%s', (_, target, others, reasons) => {
    expect(unfitReasons(pod('500m'), target, others)).toEqual(reasons);
  });

  const tainted = (...taints: Record<string, string>[]): KubeObject => node({ cpu: '8' }, { spec: { taints } });
  const placed = (spec: Record<string, unknown>): KubeObject => ({ ...pod('100m'), spec: { ...pod('100m').spec, ...spec } });
  const labelled = node({ cpu: '8' }, { metadata: { name: 'gpu-1', labels: { accelerator: 'gpu', generation: '5' } } });
  const affinity = (...terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
  const expression = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });

  it.each<[string, KubeObject, Record<string, unknown>, string[]]>([
    [
      'an untolerated NoSchedule taint',
      tainted({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }),
      {},
      ['node(s) had untolerated taint {dedicated: gpu}'],
    ],
    [
      'an untolerated NoExecute taint without a value',
      tainted({ key: 'maintenance', effect: 'NoExecute' }),
      {},
      ['node(s) had untolerated taint {maintenance: }'],
    ],
    ['a PreferNoSchedule taint only scores', tainted({ key: 'spot', value: 'yes', effect: 'PreferNoSchedule' }), {}, []],
    [
      'an Equal toleration',
      tainted({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }),
      { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] },
      [],
    ],
    [
      'a toleration of another value',
      tainted({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }),
      { tolerations: [{ key: 'dedicated', value: 'cpu' }] },
      ['node(s) had untolerated taint {dedicated: gpu}'],
    ],
    [
      'a toleration of another effect',
      tainted({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }),
      { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }] },
      ['node(s) had untolerated taint {dedicated: gpu}'],
    ],
    [
      'an empty Exists toleration tolerates everything',
      tainted({ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoExecute' }),
      { tolerations: [{ operator: 'Exists' }] },
      [],
    ],
    [
      'a cordoned node tolerated',
      node({ cpu: '8' }, { spec: { unschedulable: true } }),
      { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }] },
      [],
    ],
    ['a nodeSelector that matches', labelled, { nodeSelector: { accelerator: 'gpu' } }, []],
    ['a nodeSelector that does not', labelled, { nodeSelector: { accelerator: 'tpu' } }, ["node(s) didn't match Pod's node affinity/selector"]],
    ['required affinity In', labelled, affinity(expression('accelerator', 'In', ['tpu', 'gpu'])), []],
    ['required affinity NotIn', labelled, affinity(expression('accelerator', 'NotIn', ['gpu'])), ["node(s) didn't match Pod's node affinity/selector"]],
    ['terms are ORed', labelled, affinity(expression('zone', 'Exists'), expression('zone', 'DoesNotExist')), []],
    ['Gt compares integers', labelled, affinity(expression('generation', 'Gt', ['4'])), []],
    ['Lt compares integers', labelled, affinity(expression('generation', 'Lt', ['4'])), ["node(s) didn't match Pod's node affinity/selector"]],
    ['matchFields on the node name', labelled, affinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['gpu-1'] }] }), []],
    ['an empty term matches nothing', labelled, affinity({}), ["node(s) didn't match Pod's node affinity/selector"]],
    [
      'taints are filtered before affinity',
      { ...labelled, spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } },
      { nodeSelector: { accelerator: 'tpu' } },
      ['node(s) had untolerated taint {dedicated: gpu}'],
    ],
  ])('%s', (_, target, spec, reasons) => {
    expect(unfitReasons(placed(spec), target, [])).toEqual(reasons);
  });

  it('writes the FitError message kube-scheduler writes', () => {
    expect(unschedulableMessage([['Insufficient cpu']])).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    expect(unschedulableMessage([['Insufficient cpu', 'Insufficient memory'], ['node(s) were unschedulable'], ['Insufficient cpu']])).toBe(
      '0/3 nodes are available: 1 Insufficient memory, 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    expect(unschedulableMessage([['node(s) had untolerated taint {dedicated: gpu}'], ["node(s) didn't match Pod's node affinity/selector"]])).toBe(
      "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
    expect(unschedulableMessage([])).toBe('no nodes available to schedule pods');
  });
});

describe('Pod Security', () => {
  const container = (securityContext: Record<string, unknown> = {}) => ({ name: 'app', securityContext });
  const hardened = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };

  it.each<[string | undefined, Record<string, unknown>, string | undefined]>([
    [undefined, { containers: [container({ privileged: true })] }, undefined],
    ['privileged', { containers: [container({ privileged: true })] }, undefined],
    [
      'baseline',
      { hostNetwork: true, containers: [container({ privileged: true })] },
      'PodSecurity "baseline:latest": host namespaces (hostNetwork=true), privileged (container "app" must not set securityContext.privileged=true)',
    ],
    ['baseline', { containers: [container()] }, undefined],
    ['restricted', { containers: [container(hardened)] }, undefined],
    [
      'restricted',
      {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [container({ ...hardened, runAsNonRoot: undefined, seccompProfile: undefined })],
      },
      undefined,
    ],
    [
      'restricted',
      {
        containers: [
          container({ ...hardened, allowPrivilegeEscalation: undefined }),
          { name: 'side', securityContext: { ...hardened, allowPrivilegeEscalation: true } },
        ],
      },
      'PodSecurity "restricted:latest": allowPrivilegeEscalation != false (containers "app", "side" must set securityContext.allowPrivilegeEscalation=false)',
    ],
  ])('%s: %j', (level, spec, expected) => {
    expect(podSecurityViolations(level, undefined, spec as never)).toBe(expected);
  });
});

describe('quota usage of a pod', () => {
  it('counts the pod, its requests and its limits', () => {
    expect(podUsage({ containers: [{ name: 'a', resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '1' } } }] })).toEqual({
      pods: 1,
      'requests.cpu': 0.25,
      cpu: 0.25,
      'requests.memory': 64 * 2 ** 20,
      memory: 64 * 2 ** 20,
      'limits.cpu': 1,
      'limits.memory': 0,
    });
  });
});

describe('crash-loop back-off', () => {
  it('restarts at once after the first exit, then doubles from the initial delay to the cap, and starts over after a long run', () => {
    const container = new ContainerRuntime({ name: 'app' });
    const backOff = { initialMs: 10_000, maxMs: 300_000 };
    const delays = Array.from({ length: 8 }, () => nextRestartDelay(container, 1000, backOff));
    expect(delays).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    expect(nextRestartDelay(container, 700_000, backOff)).toBe(0);
  });
});

describe('LimitRanger min, max and maxLimitRequestRatio', () => {
  const range = (...limits: Record<string, unknown>[]): KubeObject => ({
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'bounds' },
    spec: { limits },
  });
  const containers = (...resources: Record<string, Record<string, string>>[]) => ({
    containers: resources.map((r, index) => ({ name: `c${index}`, resources: r })),
  });

  it.each<[string, KubeObject, Record<string, unknown>, string | undefined]>([
    [
      'within bounds',
      range({ type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' } }),
      containers({ requests: { cpu: '200m' }, limits: { cpu: '500m' } }),
      undefined,
    ],
    [
      'a limit over the max',
      range({ type: 'Container', max: { cpu: '500m' } }),
      containers({ limits: { cpu: '1000m' } }),
      'maximum cpu usage per Container is 500m, but limit is 1.',
    ],
    [
      'no limit under a max',
      range({ type: 'Container', max: { memory: '1Gi' } }),
      containers({}),
      'maximum memory usage per Container is 1Gi.  No limit is specified.',
    ],
    [
      'a request under the min',
      range({ type: 'Container', min: { cpu: '250m' } }),
      containers({ requests: { cpu: '0.1' } }),
      'minimum cpu usage per Container is 250m, but request is 100m.',
    ],
    ['a missing request, the limit standing for it', range({ type: 'Container', min: { cpu: '250m' } }), containers({ limits: { cpu: '300m' } }), undefined],
    [
      'several errors aggregated',
      range({ type: 'Container', min: { memory: '64Mi' }, max: { cpu: '1' } }),
      containers({ requests: { memory: '32Mi' }, limits: { cpu: '2', memory: '64Mi' } }),
      '[minimum memory usage per Container is 64Mi, but request is 32Mi., maximum cpu usage per Container is 1, but limit is 2.]',
    ],
    [
      'a limit to request ratio over the max',
      range({ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }),
      containers({ requests: { cpu: '250m' }, limits: { cpu: '1' } }),
      'cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000.',
    ],
    [
      'a Pod max over the containers summed',
      range({ type: 'Pod', max: { cpu: '1' } }),
      containers({ limits: { cpu: '600m' } }, { limits: { cpu: '600m' } }),
      'maximum cpu usage per Pod is 1, but limit is 1200m.',
    ],
  ])('%s', (_, limitRange, spec, expected) => {
    expect(limitRangeRefusal(limitRange, spec as never)).toBe(expected);
  });
});

describe('Pod Security on update', () => {
  const pod = (image: string, annotations: Record<string, string> = {}, labels: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', annotations, labels },
    spec: { containers: [{ name: 'app', image }] },
  });

  it.each<[string, KubeObject, boolean]>([
    ['a label', pod('web:v1', {}, { team: 'web' }), false],
    ['an annotation', pod('web:v1', { note: 'x' }), false],
    ['an image', pod('web:v2'), true],
    ['a container seccomp annotation', pod('web:v1', { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' }), true],
  ])('%s: evaluated %s', (_, updated, expected) => {
    expect(isSignificantPodUpdate(updated, pod('web:v1'))).toBe(expected);
  });
});
