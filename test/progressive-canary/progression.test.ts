import * as core from '@actions/core';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../actions/lib/analysis/report.js';
import type { HookOutcome, HookPhase } from '../../actions/lib/kubernetes/hooks.js';
import type { DeployResult } from '../../actions/lib/strategies/deploy-result.js';
import { runProgression, type CanaryOperations } from '../../actions/progressive-canary/src/progression.js';
import { renderProgressionSummary } from '../../actions/progressive-canary/src/summary.js';

const deployed = (status: DeployResult['status'] = 'succeeded', percentage?: number): DeployResult => ({
  status,
  strategy: 'canary',
  message: `${status} at ${percentage}%`,
  workloads: [{ name: 'web', revision: 2 }],
  notes: [],
  problems: [],
  achievedPercentage: percentage,
  baselineSelector: 'app=web,track=baseline',
  canarySelector: 'app=web,track=canary',
});

const report = (verdict: Report['verdict']) =>
  ({
    verdict,
    score: verdict === 'promote' ? 100 : 0,
    reason: verdict,
    metrics: [{ name: 'error-rate', result: verdict === 'promote' ? 'pass' : 'fail' }],
  }) as unknown as Report;

/** Operations that record what the loop asked for; `verdicts` is what each step's analysis answers (or throws). */
function fakeOperations(verdicts: Array<Report['verdict'] | Error | 'hang'>, overrides: Partial<CanaryOperations> = {}) {
  const calls: string[] = [];
  let served = 0;
  const operations: CanaryOperations = {
    setWeight: async (percentage) => (calls.push(`weight ${percentage}`), deployed('succeeded', percentage)),
    promote: async () => (calls.push('promote'), deployed()),
    abort: async (beforeRemoval) => (calls.push('abort'), await beforeRemoval(), deployed()),
    runHooks: async () => ({ ok: true, runs: [], message: '', problems: [] }),
    meter: () => ({
      mark: async () => undefined,
      share: async () => {
        served += 10;
        return {
          groups: {
            canary: { requests: 10, pods: 1, problems: [] },
            baseline: { requests: 10, pods: 1, problems: [] },
            stable: { requests: 80, pods: 3, problems: [] },
          },
          canaryPercentage: 10,
        };
      },
      canaryServed: () => served,
    }),
    analyse: async (_selectors, step, signal) => {
      const answer = verdicts[step - 1]!;
      if (answer instanceof Error) throw answer;
      if (answer === 'hang') return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
      return report(answer);
    },
    log: () => undefined,
    ...overrides,
  };
  return { operations, calls };
}

describe('the progression loop', () => {
  it('sets each weight, judges it, and promotes after the last step', async () => {
    const { operations, calls } = fakeOperations(['promote', 'promote', 'promote']);
    const progression = await runProgression([10, 25, 50], 'rollback', operations, new AbortController().signal);
    expect(calls).toEqual(['weight 10', 'weight 25', 'weight 50', 'promote']);
    expect(progression).toMatchObject({ outcome: 'promoted', verdict: 'promote' });
    expect(progression.stoppedAtStep).toBeUndefined();
    expect(progression.steps.map((step) => [step.weight, step.measuredPercentage, step.decision])).toEqual([
      [10, 10, 'next'],
      [25, 10, 'next'],
      [50, 10, 'promote'],
    ]);
  });

  it('stops at the step judged rollback, aborts, and never promotes', async () => {
    const { operations, calls } = fakeOperations(['promote', 'rollback', 'promote']);
    const progression = await runProgression([10, 25, 50], 'rollback', operations, new AbortController().signal);
    expect(calls).toEqual(['weight 10', 'weight 25', 'abort']);
    expect(progression).toMatchObject({ outcome: 'rolled-back', verdict: 'rollback', stoppedAtStep: 2 });
    expect(progression.reason).toMatch(/^step 2 \(25%\): the verdict is rollback/);
  });

  it('an error aborts with the reason', async () => {
    const { operations, calls } = fakeOperations([new Error('kubectl: connection refused')]);
    const progression = await runProgression([10, 50], 'rollback', operations, new AbortController().signal);
    expect(calls).toEqual(['weight 10', 'abort']);
    expect(progression).toMatchObject({ outcome: 'failed', stoppedAtStep: 1, reason: 'step 1 (10%): kubectl: connection refused' });
  });

  it('a weight that could not be set aborts', async () => {
    const { operations, calls } = fakeOperations([], { setWeight: async (percentage) => deployed('rolled-back', percentage) });
    const progression = await runProgression([10, 50], 'rollback', operations, new AbortController().signal);
    expect(calls).toEqual(['abort']);
    expect(progression).toMatchObject({ outcome: 'failed', stoppedAtStep: 1 });
  });

  it('a failed smoke check stops before any analysis, aborts, and the summary gives the request, the pod and the response', async () => {
    const failure = {
      pod: 'web-canary-7d9f-x2',
      request: 'GET /api/items on port 8080',
      response: { status: 500, milliseconds: 4, body: '<img src=x>', truncated: false },
      problems: ['status 500, expected 200'],
    };
    const { operations, calls } = fakeOperations([], {
      setWeight: async (percentage) => ({
        ...deployed('rolled-back', percentage),
        message: 'Smoke check failed',
        smokeChecks: [{ deployment: 'web-canary', passed: 0, pods: [failure.pod], failure }],
      }),
    });
    const progression = await runProgression([10, 50], 'rollback', operations, new AbortController().signal);
    expect(calls).toEqual(['abort']);
    expect(progression).toMatchObject({ outcome: 'failed', stoppedAtStep: 1, reason: 'step 1 (10%): Smoke check failed' });
    expect(progression.steps).toEqual([{ step: 1, weight: 10, smokeChecks: [expect.objectContaining({ failure })] }]);
    core.summary.emptyBuffer();
    renderProgressionSummary(core.summary, progression, { namespace: 'shop', router: 'replicas', seconds: 1 });
    const summary = core.summary.stringify();
    expect(summary).toContain('Smoke check failed: GET /api/items on port 8080 on pod web-canary-7d9f-x2');
    expect(summary).toContain('status 500, expected 200');
    expect(summary).toContain('Response: status 500');
    // The response body, from the pod, only inside a fenced code block.
    expect(summary.split('<img')).toHaveLength(2);
    expect(summary).toContain('```\n<img src=x>\n```');
  });

  it('a cancellation during the analysis aborts at once', async () => {
    const cancellation = new AbortController();
    const { operations, calls } = fakeOperations(['promote', 'hang']);
    const running = runProgression([10, 25, 50], 'rollback', operations, cancellation.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    cancellation.abort(new Error('cancelled'));
    const progression = await running;
    expect(calls).toEqual(['weight 10', 'weight 25', 'abort']);
    expect(progression).toMatchObject({ outcome: 'failed', stoppedAtStep: 2, reason: 'cancelled at step 2 (25%)' });
  });

  it('a canary that could not be removed is a failure whatever the verdict, and says what to run', async () => {
    const { operations } = fakeOperations(['rollback'], {
      abort: async () => {
        throw new Error('Unable to connect to the server');
      },
    });
    const progression = await runProgression([10, 50], 'rollback', operations, new AbortController().signal);
    expect(progression.outcome).toBe('failed');
    expect(progression.cleanup).toMatch(/Removing the canary failed \(Unable to connect to the server\).*action abort/);
  });

  it("counts the canary's requests up to the abort", async () => {
    const { operations } = fakeOperations(['rollback']);
    const progression = await runProgression([10, 50], 'rollback', operations, new AbortController().signal);
    // The window's reading, then one more at the abort.
    expect(progression.canaryRequests).toBe(20);
  });

  it("reads the canary's counters once more when nothing more reaches it, before it is removed", async () => {
    const calls: string[] = [];
    let counter = 0;
    const { operations } = fakeOperations(['rollback'], {
      abort: async (beforeRemoval) => {
        calls.push('restore the route');
        counter = 37; // what the canary served during the judgement and until the route was restored
        await beforeRemoval();
        calls.push('delete the canary');
        counter = 99; // never read: the pods are gone
        return deployed();
      },
    });
    const meter = operations.meter({ baselineSelector: '', canarySelector: '' });
    let read = 0;
    operations.meter = () => ({
      ...meter,
      share: async () => {
        calls.push('read the counters');
        read = counter || 12;
        return meter.share();
      },
      canaryServed: () => read,
    });
    const progression = await runProgression([10, 50], 'rollback', operations, new AbortController().signal);
    expect(calls).toEqual(['read the counters', 'restore the route', 'read the counters', 'delete the canary']);
    expect(progression.canaryRequests).toBe(37);
  });

  it('reads the counters after an abort that failed before its reading', async () => {
    let reads = 0;
    const { operations } = fakeOperations(['rollback'], {
      abort: async () => {
        throw new Error('the API server could not be reached');
      },
    });
    const meter = operations.meter({ baselineSelector: '', canarySelector: '' });
    operations.meter = () => ({ ...meter, share: async () => (reads++, meter.share()) });
    const progression = await runProgression([10, 50], 'rollback', operations, new AbortController().signal);
    expect(progression.outcome).toBe('failed');
    expect(reads).toBe(2);
  });
});

describe('hook Jobs around the progression', () => {
  /** Hooks that record their phase and answer `failing` for that phase (a failed Job). */
  const hookOperations = (verdicts: Array<Report['verdict']>, failing?: HookPhase, overrides: Partial<CanaryOperations> = {}) => {
    const recorded = fakeOperations(verdicts, overrides);
    recorded.operations.runHooks = async (phase): Promise<HookOutcome> => {
      recorded.calls.push(`hooks ${phase}`);
      const ok = phase !== failing;
      const run = {
        hook: 'migrate',
        phase,
        weight: 0,
        job: 'migrate-abc',
        status: ok ? 'succeeded' : 'failed',
        message: ok ? 'Complete' : 'BackoffLimitExceeded',
        seconds: 1,
      } as const;
      return { ok, runs: [run], message: ok ? '' : `The ${phase} hook job/migrate-abc failed: BackoffLimitExceeded`, problems: [] };
    };
    return recorded;
  };

  it('runs the pre-deploy hooks once before the first step and the post-deploy hooks after the promotion', async () => {
    const { operations, calls } = hookOperations(['promote', 'promote', 'promote']);
    const progression = await runProgression([10, 25, 50], 'rollback', operations, new AbortController().signal);
    expect(calls).toEqual(['hooks pre-deploy', 'weight 10', 'weight 25', 'weight 50', 'promote', 'hooks post-deploy']);
    expect(progression.outcome).toBe('promoted');
    expect(progression.hooks.map((run) => run.phase)).toEqual(['pre-deploy', 'post-deploy']);
  });

  it('a failed pre-deploy hook changes nothing else: no weight, no abort, no post-deploy hook', async () => {
    const { operations, calls } = hookOperations(['promote'], 'pre-deploy');
    const progression = await runProgression([10, 50], 'rollback', operations, new AbortController().signal);
    expect(calls).toEqual(['hooks pre-deploy']);
    expect(progression).toMatchObject({ outcome: 'failed', steps: [] });
    expect(progression.reason).toMatch(/pre-deploy hook job\/migrate-abc failed: BackoffLimitExceeded\. Nothing else was changed/);
  });

  it('a rollback runs no post-deploy hook', async () => {
    const { operations, calls } = hookOperations(['rollback']);
    const progression = await runProgression([10, 50], 'rollback', operations, new AbortController().signal);
    expect(calls).toEqual(['hooks pre-deploy', 'weight 10', 'abort']);
    expect(progression.outcome).toBe('rolled-back');
  });

  it('a failed post-deploy hook fails the run after the promotion, which stands', async () => {
    const { operations, calls } = hookOperations(['promote', 'promote'], 'post-deploy');
    const progression = await runProgression([10, 50], 'rollback', operations, new AbortController().signal);
    expect(calls).toEqual(['hooks pre-deploy', 'weight 10', 'weight 50', 'promote', 'hooks post-deploy']);
    expect(progression.outcome).toBe('failed');
    expect(progression.reason).toMatch(/, but the post-deploy hook job\/migrate-abc failed/);
  });

  it('a first deploy (no stable version yet) goes out as rolling, then runs the post-deploy hooks', async () => {
    const { operations, calls } = hookOperations([], undefined, {
      setWeight: async (percentage) => (calls.push(`weight ${percentage}`), { ...deployed(), strategy: 'rolling', message: 'first deploy' }),
    });
    const progression = await runProgression([10, 50], 'rollback', operations, new AbortController().signal);
    expect(calls).toEqual(['hooks pre-deploy', 'weight 10', 'hooks post-deploy']);
    expect(progression.outcome).toBe('promoted');
  });
});
