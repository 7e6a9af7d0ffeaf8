import { describe, expect, it } from 'vitest';
import {
  computeDeliveryMetrics,
  distribution,
  finalStatus,
  groupAttempts,
  phaseOf,
  type DeploymentRecord,
} from '../../actions/delivery-metrics/src/metrics.js';
import { formatDuration, weeklyChart } from '../../actions/delivery-metrics/src/summary.js';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const MIN = 60_000;
const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

let nextId = 1;
function deployment(sha: string, at: number, states: Array<[string, number]>, description = '', environment = 'production'): DeploymentRecord {
  return { id: nextId++, sha, environment, createdAt: at, description, statuses: states.map(([state, time]) => ({ state, createdAt: time })) };
}
const suite = (strategy: string, action: string, sha: string) => `inventory-devops ${strategy} ${action} of ${sha.slice(0, 12)}`;

describe('phaseOf', () => {
  it.each([
    [suite('rolling', 'deploy', SHA_A), 'deploy'],
    [suite('canary', 'promote', SHA_A), 'promote'],
    [suite('blue-green', 'abort', SHA_A), 'abort'],
    ['', 'deploy'],
    ['Deployed by hand: inventory-devops canary abort of x', 'deploy'],
    ['inventory-devops canary rollback of x', 'deploy'],
    [`inventory-devops rollback restore of ${SHA_A.slice(0, 12)}`, 'restore'],
    ['inventory-devops rollback deploy of x', 'deploy'],
  ])('%j is a %s', (description, phase) => {
    expect(phaseOf(description)).toBe(phase);
  });
});

describe('finalStatus', () => {
  it.each([
    [[], undefined],
    [[['in_progress', 1]], undefined],
    [
      [
        ['in_progress', 1],
        ['success', 2],
        ['inactive', 3],
      ],
      'success',
    ],
    [
      [
        ['success', 2],
        ['failure', 5],
      ],
      'failure',
    ],
    [
      [
        ['failure', 2],
        ['success', 5],
      ],
      'success',
    ],
    [
      [
        ['success', 4],
        ['error', 4],
      ],
      'error',
    ],
    [
      [
        ['queued', 1],
        ['pending', 2],
      ],
      undefined,
    ],
  ] as Array<[Array<[string, number]>, string | undefined]>)('%j → %s', (states, expected) => {
    expect(finalStatus(states.map(([state, createdAt]) => ({ state, createdAt })))?.state).toBe(expected);
  });
});

describe('groupAttempts', () => {
  it('joins a canary deploy and its promote into one success at the promote', () => {
    const attempts = groupAttempts([
      deployment(SHA_A, T0, [['success', T0 + MIN]], suite('canary', 'deploy', SHA_A)),
      deployment(SHA_A, T0 + 10 * MIN, [['success', T0 + 12 * MIN]], suite('canary', 'promote', SHA_A)),
    ]);
    expect(attempts).toMatchObject([{ sha: SHA_A, outcome: 'succeeded', at: T0 + 12 * MIN }]);
  });

  it('an abort is a failure even though its own status is success', () => {
    const attempts = groupAttempts([
      deployment(SHA_A, T0, [['success', T0 + MIN]], suite('canary', 'deploy', SHA_A)),
      deployment(SHA_A, T0 + 10 * MIN, [['success', T0 + 11 * MIN]], suite('canary', 'abort', SHA_A)),
    ]);
    expect(attempts).toMatchObject([{ outcome: 'failed', at: T0 + 11 * MIN }]);
  });

  it("progressive-canary's one canary deploy per progression: failure when rolled back, success when promoted, each an attempt", () => {
    const attempts = groupAttempts([
      deployment(
        SHA_A,
        T0,
        [
          ['in_progress', T0],
          ['failure', T0 + MIN],
        ],
        suite('canary', 'deploy', SHA_A),
      ),
      deployment(
        SHA_A,
        T0 + 10 * MIN,
        [
          ['in_progress', T0 + 10 * MIN],
          ['success', T0 + 14 * MIN],
        ],
        suite('canary', 'deploy', SHA_A),
      ),
    ]);
    expect(attempts.map((attempt) => [attempt.outcome, attempt.at])).toEqual([
      ['failed', T0 + MIN],
      ['succeeded', T0 + 14 * MIN],
    ]);
  });

  it('a promote of another commit starts its own attempt', () => {
    const attempts = groupAttempts([
      deployment(SHA_A, T0, [['success', T0 + MIN]], suite('canary', 'deploy', SHA_A)),
      deployment(SHA_B, T0 + 10 * MIN, [['success', T0 + 11 * MIN]], suite('canary', 'promote', SHA_B)),
    ]);
    expect(attempts.map((attempt) => [attempt.sha, attempt.outcome])).toEqual([
      [SHA_A, 'succeeded'],
      [SHA_B, 'succeeded'],
    ]);
  });

  it('a deploy without statuses, or still in progress, has no outcome', () => {
    const attempts = groupAttempts([deployment(SHA_A, T0, []), deployment(SHA_B, T0 + MIN, [['in_progress', T0 + 2 * MIN]])]);
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['no-outcome', 'no-outcome']);
  });

  it('keeps environments apart', () => {
    const attempts = groupAttempts([
      deployment(SHA_A, T0, [['success', T0 + MIN]], suite('canary', 'deploy', SHA_A), 'staging'),
      deployment(SHA_A, T0 + 2 * MIN, [['success', T0 + 3 * MIN]], suite('canary', 'abort', SHA_A), 'production'),
    ]);
    expect(attempts.map((attempt) => [attempt.environment, attempt.outcome])).toEqual([
      ['staging', 'succeeded'],
      ['production', 'failed'],
    ]);
  });
});

describe('distribution', () => {
  it.each([
    [[], undefined],
    [[5], { count: 1, median: 5, p90: 5 }],
    [[4, 1, 3, 2], { count: 4, median: 2.5, p90: 4 }],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { count: 10, median: 5.5, p90: 9 }],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], { count: 11, median: 60, p90: 100 }],
  ])('%j → %j', (values, expected) => {
    expect(distribution(values)).toEqual(expected);
  });
});

describe('computeDeliveryMetrics', () => {
  const since = T0;
  const until = T0 + 7 * 86_400_000;
  const commitTimes = new Map([
    [SHA_A, T0 - 60 * MIN],
    [SHA_B, T0 + 100 * MIN],
  ]);

  it('a release the rollback action undid: failed from when it went live, restored by the rollback, which is no deployment of its own', () => {
    const restore = `inventory-devops rollback restore of ${SHA_A.slice(0, 12)}`;
    const metrics = computeDeliveryMetrics({
      since,
      until,
      commitTimes,
      deployments: [
        deployment(
          SHA_A,
          T0 + 10 * MIN,
          [
            ['success', T0 + 20 * MIN],
            ['inactive', T0 + 200 * MIN],
          ],
          suite('rolling', 'deploy', SHA_A),
        ),
        // Live at 210 min, marked failed by the rollback at 260 min.
        deployment(
          SHA_B,
          T0 + 200 * MIN,
          [
            ['in_progress', T0 + 200 * MIN],
            ['success', T0 + 210 * MIN],
            ['failure', T0 + 260 * MIN],
          ],
          suite('rolling', 'deploy', SHA_B),
        ),
        deployment(SHA_A, T0 + 260 * MIN, [['success', T0 + 261 * MIN]], restore),
      ],
    });
    expect(metrics.total).toMatchObject({
      succeeded: 1,
      failed: 1,
      changeFailureRate: 0.5,
      leadTimeSeconds: { count: 1, median: 80 * 60, p90: 80 * 60 },
      timeToRestoreSeconds: { count: 1, median: 51 * 60, p90: 51 * 60 },
      unrestored: 0,
      withoutOutcome: 0,
    });
    expect(metrics.weeks).toEqual([{ start: since, succeeded: 1, failed: 1 }]);
  });

  it('a failure, a redeploy that restores, and a new commit', () => {
    const metrics = computeDeliveryMetrics({
      since,
      until,
      commitTimes,
      deployments: [
        deployment(SHA_A, T0 + 10 * MIN, [['success', T0 + 20 * MIN]]), // lead time 80 min
        deployment(SHA_B, T0 + 200 * MIN, [['failure', T0 + 210 * MIN]]), // failure
        deployment(SHA_A, T0 + 300 * MIN, [['success', T0 + 330 * MIN]]), // redeploy of A restores: 120 min, no lead time
        deployment(SHA_B, T0 + 400 * MIN, [['success', T0 + 420 * MIN]]), // first success of B: lead time 320 min
        deployment(SHA_B, T0 + 500 * MIN, []), // no outcome
      ],
    });
    expect(metrics.environments).toEqual([
      {
        environment: 'production',
        figures: {
          succeeded: 3,
          failed: 1,
          deploymentsPerDay: 3 / 7,
          leadTimeSeconds: { count: 2, median: 200 * 60, p90: 320 * 60 },
          changeFailureRate: 0.25,
          timeToRestoreSeconds: { count: 1, median: 120 * 60, p90: 120 * 60 },
          unrestored: 0,
          withoutOutcome: 1,
          withoutCommitTime: 0,
        },
      },
    ]);
    expect(metrics.weeks).toEqual([{ start: since, succeeded: 3, failed: 1 }]);
  });

  it('a run of failures restores from its first failure; one not restored by the end is counted apart', () => {
    const metrics = computeDeliveryMetrics({
      since,
      until,
      commitTimes,
      deployments: [
        deployment(SHA_A, T0 + 10 * MIN, [['failure', T0 + 20 * MIN]]),
        deployment(SHA_A, T0 + 30 * MIN, [['error', T0 + 40 * MIN]]),
        deployment(SHA_A, T0 + 50 * MIN, [['success', T0 + 80 * MIN]]),
        deployment(SHA_B, T0 + 200 * MIN, [['failure', T0 + 210 * MIN]]),
      ],
    });
    const { figures } = metrics.environments[0]!;
    expect(figures.timeToRestoreSeconds).toEqual({ count: 1, median: 60 * 60, p90: 60 * 60 });
    expect(figures.unrestored).toBe(1);
    expect(figures.changeFailureRate).toBe(0.75);
  });

  it('outside the window counts nothing; a commit dated after its deploy gives no lead time', () => {
    const metrics = computeDeliveryMetrics({
      since,
      until,
      commitTimes: new Map([[SHA_B, T0 + 10 * 86_400_000]]),
      deployments: [
        deployment(SHA_A, T0 - 100 * MIN, [['failure', T0 - 90 * MIN]]),
        deployment(SHA_A, T0 + 10 * MIN, [['success', T0 + 20 * MIN]]),
        deployment(SHA_B, T0 + 30 * MIN, [['success', T0 + 40 * MIN]]),
        deployment(SHA_B, until + MIN, [['success', until + 2 * MIN]]),
      ],
    });
    const { figures } = metrics.environments[0]!;
    expect(figures).toMatchObject({ succeeded: 2, failed: 0, timeToRestoreSeconds: undefined, withoutCommitTime: 2, leadTimeSeconds: undefined });
  });

  it('no deployments: no environments, rates undefined, nothing NaN', () => {
    const metrics = computeDeliveryMetrics({ since, until, commitTimes, deployments: [] });
    expect(metrics.environments).toEqual([]);
    expect(metrics.total).toMatchObject({ succeeded: 0, deploymentsPerDay: 0, changeFailureRate: undefined, leadTimeSeconds: undefined });
    expect(JSON.stringify(metrics)).not.toMatch(/NaN|null/);
  });
});

describe('summary helpers', () => {
  it.each([
    [0, '0 s'],
    [59.4, '59 s'],
    [90, '2 min'],
    [3600, '1.0 h'],
    [86_400 * 2.25, '2.3 d'],
  ])('formatDuration(%d) = %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('charts weeks with bars and a line, and nothing when there is nothing to show', () => {
    expect(weeklyChart([{ start: T0, succeeded: 0, failed: 0 }])).toBeUndefined();
    const chart = weeklyChart([
      { start: T0, succeeded: 3, failed: 1 },
      { start: T0 + 7 * 86_400_000, succeeded: 5, failed: 0 },
    ])!;
    expect(chart).toContain('x-axis "week from" ["11-01", "11-08"]');
    expect(chart).toContain('bar [3, 5]');
    expect(chart).toContain('line [1, 0]');
    expect(chart).toContain('y-axis "deployments" 0 --> 5');
  });
});
