import { describe, expect, it } from 'vitest';
import type { Pod } from '../../actions/lib/kubernetes/objects.js';
import { findPodProblems } from '../../actions/lib/kubernetes/pod-problems.js';

describe('findPodProblems', () => {
  const pod = (name: string, status: Pod['status']): Pod => ({ metadata: { name }, status });

  it('finds fatal waiting reasons and unschedulable pods, and nothing in healthy or starting pods', () => {
    const pods = [
      pod('healthy', { phase: 'Running', containerStatuses: [{ name: 'app', state: {} }] }),
      pod('starting', { phase: 'Pending', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ContainerCreating' } } }] }),
      pod('crashing', { containerStatuses: [{ name: 'app', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s' } } }] }),
      pod('typo', { containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ImagePullBackOff' } } }] }),
      pod('stuck', { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes available' }] }),
    ];
    expect(findPodProblems(pods)).toEqual([
      { pod: 'crashing', container: 'app', reason: 'CrashLoopBackOff', message: 'back-off 20s', restarts: 3 },
      { pod: 'typo', container: 'app', reason: 'ImagePullBackOff', message: undefined, restarts: 0 },
      { pod: 'stuck', reason: 'Unschedulable', message: '0/1 nodes available', restarts: 0 },
    ]);
  });
});
