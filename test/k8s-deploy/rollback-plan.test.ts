import { describe, expect, it } from 'vitest';
import { chooseRollbackTarget, type Revision } from '../../actions/rollback/src/plan.js';
import { findPodProblems, type Pod } from '../../actions/lib/rollout.js';

const revision = (number: number, failed = false): Revision => ({ number, failed, images: [`inventory-service:${number}`] });

describe('chooseRollbackTarget', () => {
  it('returns to the previous revision by default', () => {
    expect(chooseRollbackTarget([revision(1), revision(2), revision(3)], 3, undefined)).toEqual({ target: revision(2), skipped: [] });
  });

  it('skips revisions marked failed (after an automatic rollback the previous one is the bad release)', () => {
    // 2 was good, 3 failed and was rolled back automatically, so 4 runs 2's template.
    expect(chooseRollbackTarget([revision(1), revision(3, true), revision(4)], 4, undefined)).toEqual({ target: revision(1), skipped: [revision(3, true)] });
  });

  it('honours a named revision and lists the revisions there are when it does not exist', () => {
    expect(chooseRollbackTarget([revision(1), revision(2), revision(3)], 3, 1).target).toEqual(revision(1));
    expect(() => chooseRollbackTarget([revision(1), revision(2, true), revision(3)], 3, 7)).toThrow(
      'Input "to-revision" has value "7": no such revision; the revisions there are 3 (current), 2 (failed), 1',
    );
  });

  it('has nothing to return to on a first deploy', () => {
    expect(() => chooseRollbackTarget([revision(1)], 1, undefined)).toThrow('There is no earlier revision that deployed successfully');
  });
});

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
