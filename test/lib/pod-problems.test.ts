import { describe, expect, it } from 'vitest';
import { podsOwnedBy } from '../../actions/lib/kubernetes/deletion.js';
import type { KubernetesEvent, Pod } from '../../actions/lib/kubernetes/objects.js';
import {
  observePods,
  ProblemClock,
  replicaSetFailure,
  severityOf,
  StatefulSetRefusals,
  unreadyPods,
  type PodObservation,
} from '../../actions/lib/kubernetes/pod-problems.js';
import { describeProblem } from '../../actions/lib/kubernetes/rollout-wait.js';

const pod = (name: string, status: Pod['status'], extra: Partial<Pod['metadata']> = {}): Pod => ({ metadata: { name, ...extra }, status });
const waiting = (reason: string, message?: string) => ({ waiting: { reason, ...(message ? { message } : {}) } });

describe('severityOf: which waiting reasons end a rollout, which it waits out', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['CrashLoopBackOff', 'back-off 10s restarting failed container', 'fatal'],
    ['InvalidImageName', 'couldn\'t parse image name "Inventory:1"', 'fatal'],
    ['ErrImagePull', 'failed to resolve reference "docker.io/library/inventroy:1": docker.io/library/inventroy:1: not found', 'fatal'],
    ['ErrImagePull', 'failed to pull: manifest unknown', 'fatal'],
    ['ErrImagePull', 'pull access denied, repository does not exist or may require authorization', 'fatal'],
    ['ImagePullBackOff', 'Back-off pulling image "x": ErrImagePull: ...: 401 Unauthorized', 'fatal'],
    ['ErrImagePull', 'failed to do request: Head "https://registry/v2/x/manifests/1": dial tcp: i/o timeout', 'transient'],
    ['ImagePullBackOff', 'Back-off pulling image "x"', 'transient'],
    ['ImagePullBackOff', undefined, 'transient'],
    ['CreateContainerConfigError', 'secret "db" not found', 'transient'],
    ['CreateContainerConfigError', "couldn't find key DB_HOST in ConfigMap shop/app", 'transient'],
    ['CreateContainerConfigError', 'container has runAsNonRoot and image will run as root (pod: "web-1_shop(…)", container: app)', 'fatal'],
    ['CreateContainerConfigError', 'container has runAsNonRoot and image has non-numeric user (app), cannot verify user is non-root', 'fatal'],
    ['CreateContainerError', 'failed to reserve container name "app_web-1_shop_0": name "app_web-1_shop_0" is reserved for "4bd1"', 'transient'],
    ['CreateContainerError', 'context deadline exceeded', 'transient'],
    ['CreateContainerError', undefined, 'transient'],
    ['CreateContainerError', 'failed to generate container "4bd1" spec: failed to generate spec: no command specified', 'fatal'],
    ['CreateContainerError', 'container create failed: executable file not found in $PATH', 'fatal'],
    ['RunContainerError', 'runc create failed: unable to start container process: exec: "inventory": executable file not found in $PATH', 'fatal'],
    ['RunContainerError', 'runc create failed: unable to start container process: exec: "/app/run.sh": permission denied: unknown', 'fatal'],
    ['RunContainerError', 'failed to create containerd task: … exec /app/server: exec format error: unknown', 'fatal'],
    ['RunContainerError', 'not a directory: Are you trying to mount a directory onto a file (or vice-versa)?', 'fatal'],
    ['RunContainerError', 'failed to start containerd task "4bd1": context deadline exceeded: unknown', 'transient'],
    ['RunContainerError', undefined, 'transient'],
    ['__proto__', undefined, undefined],
    ['constructor', 'x', undefined],
    ['ContainerCreating', undefined, undefined],
    ['PodInitializing', undefined, undefined],
  ])('%s (%s) → %s', (reason, message, expected) => {
    expect(severityOf(reason, message)).toBe(expected);
  });
});

describe('observePods', () => {
  it('finds app and init container problems and unschedulable pods, and nothing in healthy, starting or terminating pods', () => {
    const pods = [
      pod('healthy', { phase: 'Running', containerStatuses: [{ name: 'app', state: {} }] }),
      pod('starting', { phase: 'Pending', containerStatuses: [{ name: 'app', state: waiting('ContainerCreating') }] }),
      pod('crashing', { containerStatuses: [{ name: 'app', restartCount: 3, state: waiting('CrashLoopBackOff', 'back-off 20s') }] }),
      pod('pulling', { containerStatuses: [{ name: 'app', state: waiting('ErrImagePull', 'dial tcp: i/o timeout') }] }),
      pod('stuck', {
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.' }],
      }),
      pod('init-crashing', {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'migrate', restartCount: 2, state: waiting('CrashLoopBackOff', 'back-off 20s') }],
        containerStatuses: [{ name: 'app', state: waiting('PodInitializing') }],
      }),
      pod('init-failed', {
        phase: 'Failed',
        initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 3, reason: 'Error' } } }],
        containerStatuses: [{ name: 'app', state: waiting('PodInitializing') }],
      }),
      pod('leaving', { containerStatuses: [{ name: 'app', state: waiting('CrashLoopBackOff') }] }, { deletionTimestamp: '2026-01-01T00:00:00Z' }),
    ];
    expect(observePods(pods)).toEqual([
      { pod: 'crashing', container: 'app', reason: 'CrashLoopBackOff', message: 'back-off 20s', restarts: 3, severity: 'fatal' },
      { pod: 'pulling', container: 'app', reason: 'ErrImagePull', message: 'dial tcp: i/o timeout', restarts: 0, severity: 'transient' },
      { pod: 'stuck', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.', restarts: 0, severity: 'waiting' },
      { pod: 'init-crashing', container: 'migrate', reason: 'Init:CrashLoopBackOff', message: 'back-off 20s', restarts: 2, severity: 'fatal' },
      { pod: 'init-failed', container: 'migrate', reason: 'Init:Error', message: 'exit code 3', restarts: 0, severity: 'fatal' },
    ]);
  });

  it('reads the ReplicaFailure condition of a ReplicaSet whose pods the API server refuses', () => {
    const message = 'pods "web-5d4f-" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2';
    expect(
      replicaSetFailure({
        metadata: { name: 'web-5d4f' },
        status: { conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message }] },
      }),
    ).toEqual({ pod: 'web-5d4f', kind: 'ReplicaSet', reason: 'FailedCreate', message, restarts: 0, severity: 'fatal' });
    expect(replicaSetFailure({ metadata: { name: 'web-5d4f' }, status: { conditions: [{ type: 'ReplicaFailure', status: 'False' }] } })).toBeUndefined();
    expect(replicaSetFailure({ metadata: { name: 'web-5d4f' } })).toBeUndefined();
  });
});

describe('unreadyPods: what a rollout that timed out with no failing container was waiting for', () => {
  const notReady = { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [inventory]' };
  it('names running pods whose Ready condition is False, with the unready container, as waited for', () => {
    const pods = [
      pod('unready', {
        phase: 'Running',
        conditions: [notReady],
        containerStatuses: [
          { name: 'sidecar', ready: true, state: {} },
          { name: 'inventory', ready: false, restartCount: 1, state: {} },
        ],
      }),
      pod('ready', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'inventory', ready: true }] }),
      pod('pending', { phase: 'Pending', conditions: [notReady] }),
      pod('no-conditions', { phase: 'Running' }),
      pod('leaving', { phase: 'Running', conditions: [notReady] }, { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      pod('bare', { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] }),
    ];
    expect(unreadyPods(pods)).toEqual<PodObservation[]>([
      {
        pod: 'unready',
        container: 'inventory',
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [inventory]',
        restarts: 1,
        severity: 'waiting',
      },
      { pod: 'bare', reason: 'NotReady', restarts: 0, severity: 'waiting' },
    ]);
  });
});

describe('ProblemClock: a transient problem becomes fatal only once it has lasted', () => {
  const pull = (reason: string): PodObservation => ({ pod: 'p', container: 'app', reason, message: 'i/o timeout', restarts: 0, severity: 'transient' });
  const unschedulable: PodObservation = { pod: 'q', reason: 'Unschedulable', message: '0/1 nodes', restarts: 0, severity: 'waiting' };

  it('waits out a pull error and its back-off for the persistence time, then fails saying what was seen', () => {
    const clock = new ProblemClock(30_000);
    expect(clock.judge([pull('ErrImagePull'), unschedulable], 0)).toEqual({
      fatal: [],
      waiting: [pull('ErrImagePull'), unschedulable].map(({ severity: _s, ...p }) => p),
    });
    expect(clock.judge([pull('ImagePullBackOff')], 20_000).fatal).toEqual([]);
    const { fatal } = clock.judge([pull('ImagePullBackOff')], 31_000);
    expect(fatal).toEqual([
      {
        pod: 'p',
        container: 'app',
        reason: 'ImagePullBackOff',
        message: 'i/o timeout; still so after 31 s; seen: ErrImagePull, ImagePullBackOff',
        restarts: 0,
      },
    ]);
  });

  it('starts over when the problem clears between checks, and never fails on a pod waiting for capacity', () => {
    const clock = new ProblemClock(30_000);
    clock.judge([pull('ErrImagePull')], 0);
    clock.judge([], 10_000);
    expect(clock.judge([pull('ErrImagePull')], 35_000).fatal).toEqual([]);
    expect(clock.judge([unschedulable], 1_000_000).fatal).toEqual([]);
  });

  it('waits out a container the runtime could not create yet, which starts once the name it reserved is free', () => {
    const clock = new ProblemClock(30_000);
    const reserved: PodObservation = {
      pod: 'p',
      container: 'app',
      reason: 'CreateContainerError',
      message: 'failed to reserve container name "app_p_shop_0": name "app_p_shop_0" is reserved for "4bd1"',
      restarts: 0,
      severity: 'transient',
    };
    expect(clock.judge([reserved], 0).fatal).toEqual([]);
    expect(clock.judge([reserved], 12_000).fatal).toEqual([]);
    expect(clock.judge([], 24_000)).toEqual({ fatal: [], waiting: [] });
    expect(clock.judge([reserved], 60_000).fatal).toEqual([]);
    const { severity: _severity, ...problem } = reserved;
    expect(clock.judge([reserved], 91_000).fatal).toEqual([{ ...problem, message: `${reserved.message}; still so after 31 s` }]);
  });

  it('fails at once on a fatal problem', () => {
    const crash: PodObservation = { pod: 'p', container: 'app', reason: 'CrashLoopBackOff', restarts: 2, severity: 'fatal' };
    expect(new ProblemClock(30_000).judge([crash], 0).fatal).toEqual([{ pod: 'p', container: 'app', reason: 'CrashLoopBackOff', restarts: 2 }]);
  });
});

describe('StatefulSetRefusals: FailedCreate events of a StatefulSet, counted only when they recur during the wait', () => {
  const refusal = 'pods "db-0" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=1, limited: pods=1';
  const event = (name: string, count: number, message = `create Pod db-0 in StatefulSet db failed error: ${refusal}`) => ({
    metadata: { name },
    type: 'Warning',
    reason: 'FailedCreate',
    message,
    count,
  });
  const fatal = { pod: 'db', kind: 'StatefulSet', reason: 'FailedCreate', message: refusal, restarts: 0, severity: 'fatal' };

  it('takes the events of the first look as the baseline, then reports a refusal that repeats or is new', () => {
    const refusals = new StatefulSetRefusals('db');
    expect(refusals.observe([event('e1', 3)], new Set())).toEqual([]);
    expect(refusals.observe([event('e1', 3)], new Set())).toEqual([]);
    expect(refusals.observe([event('e1', 4)], new Set())).toEqual([fatal]);
    expect(refusals.observe([event('e1', 4), event('e2', 1)], new Set())).toEqual([fatal]);
  });

  it('ignores a refusal of a pod that exists by now, and events of another kind', () => {
    const refusals = new StatefulSetRefusals('db');
    refusals.observe([], new Set());
    expect(refusals.observe([event('e1', 2)], new Set(['db-0']))).toEqual([]);
    expect(refusals.observe([event('e2', 1, 'create Claim data-db-0 for Pod db-0 in StatefulSet db failed error: …')], new Set())).toEqual([]);
    expect(refusals.observe([{ ...event('e3', 1), type: 'Normal' }], new Set())).toEqual([]);
  });

  it('reads nothing into an empty or partial events answer, and carries a hostile message as text only', () => {
    const refusals = new StatefulSetRefusals('db');
    refusals.observe([], new Set());
    expect(refusals.observe([], new Set())).toEqual([]);
    const partial = [
      { type: 'Warning', reason: 'FailedCreate', message: event('x', 1).message },
      { ...event('e1', 1), message: undefined },
      { ...event('e2', 1), message: '' },
      { ...event('e3', 1), message: 'create Pod db-0 in StatefulSet db failed' },
    ];
    expect(refusals.observe(partial as KubernetesEvent[], new Set())).toEqual([]);
    const hostile = 'pods "db-0" is forbidden: <img src=x onerror=alert(1)> @org/team\n-n kube-system';
    expect(refusals.observe([event('e4', 1, `create Pod db-0 in StatefulSet db failed error: ${hostile}`)], new Set())).toEqual([
      { ...fatal, message: hostile },
    ]);
  });
});

describe('describeProblem', () => {
  it.each([
    [
      { pod: 'p', container: 'app', reason: 'CrashLoopBackOff', message: 'back-off 10s', restarts: 1 },
      'pod p (container app) is in CrashLoopBackOff (back-off 10s)',
    ],
    [
      { pod: 'p', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.', restarts: 0 },
      'pod p is waiting to be scheduled, the scheduler says: 0/1 nodes are available: 1 Insufficient cpu.',
    ],
    // Not for want of capacity: the scheduler's message says why, the wording claims nothing of its own.
    [
      {
        pod: 'p',
        reason: 'Unschedulable',
        message: "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: db}.",
        restarts: 0,
      },
      "pod p is waiting to be scheduled, the scheduler says: 0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: db}.",
    ],
    [
      { pod: 'rs-1', kind: 'ReplicaSet' as const, reason: 'FailedCreate', message: 'pods "rs-1-" is forbidden: …', restarts: 0 },
      'replicaset rs-1 cannot create pods: FailedCreate (pods "rs-1-" is forbidden: …)',
    ],
    [
      { pod: 'db', kind: 'StatefulSet' as const, reason: 'FailedCreate', message: 'pods "db-0" is forbidden: …', restarts: 0 },
      'statefulset db cannot create pods: FailedCreate (pods "db-0" is forbidden: …)',
    ],
  ])('%j', (problem, expected) => {
    expect(describeProblem(problem)).toBe(expected);
  });
});

describe('podsOwnedBy', () => {
  it('counts only pods owned by the deleted ReplicaSets, not others sharing their labels', () => {
    const pods = [
      pod('canary-1', {}, { ownerReferences: [{ uid: 'rs-canary', controller: true }] }),
      pod('stable-1', {}, { ownerReferences: [{ uid: 'rs-stable', controller: true }] }),
      pod('bare', {}),
    ];
    expect(podsOwnedBy(pods, new Set(['rs-canary']))).toEqual(['canary-1']);
  });
});
