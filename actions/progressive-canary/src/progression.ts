import { describeError } from '../../lib/errors.js';
import type { Verdict } from '../../lib/analysis/judge.js';
import type { Report } from '../../lib/analysis/report.js';
import type { TrafficGroup, WindowShare } from '../../lib/analysis/request-share.js';
import type { HookOutcome, HookPhase, HookRun } from '../../lib/kubernetes/hooks.js';
import type { DeployResult } from '../../lib/strategies/deploy-result.js';
import { decideStep, type OnInconclusive, type StepDecision } from './steps.js';

export type ProgressionOutcome = 'promoted' | 'rolled-back' | 'failed';

/** One step as the outputs, the report and the summary give it: what was asked, what the canary got, and what the judge said. */
export interface StepRecord {
  step: number;
  /** The asked share of the traffic, in percent. */
  weight: number;
  /** What the router set: the canary's share of the Service's pods (replicas) or the route's weight (gateway-api). */
  plannedPercentage?: number;
  /** The canary's measured share of the requests served during the step's analysis window. */
  measuredPercentage?: number;
  /** Why the share could not be measured. */
  shareMissing?: string;
  /** Requests each group served during the window. */
  requests?: Partial<Record<TrafficGroup, number>>;
  verdict?: Verdict;
  score?: number;
  reason?: string;
  decision?: StepDecision;
  why?: string;
  /** The step's analysis: in the report file and the summary, not in the `steps` output. */
  analysis?: Report;
  /** The `verify` checks the step's new canary pods ran before taking traffic: in the report file and the summary. */
  smokeChecks?: DeployResult['smokeChecks'];
}

export interface Progression {
  outcome: ProgressionOutcome;
  /** The last judgement's verdict; undefined when no step was judged. */
  verdict?: Verdict;
  /** The step the progression stopped at (1-based); undefined when it promoted. */
  stoppedAtStep?: number;
  reason: string;
  steps: StepRecord[];
  /** Requests the canary's pods served before the progression ended (promoted or not). */
  canaryRequests?: number;
  /** The promote's result when it promoted; the first weight's when the deploy turned out to be a first (rolling) deploy. */
  deployed?: DeployResult;
  /** What the abort did, or why it could not. */
  cleanup?: string;
  /** The hook Jobs run: pre-deploy before the first step, post-deploy after the promotion. */
  hooks: HookRun[];
}

/** What the loop does to the cluster: each is one existing k8s-deploy operation or one canary-analyze judgement. */
export interface CanaryOperations {
  /** Deploys the canary (the first time) or changes its weight (same image, new percentage). */
  setWeight(percentage: number): Promise<DeployResult>;
  promote(): Promise<DeployResult>;
  /**
   * Removes the canary and restores the split; calls `beforeRemoval` once nothing more reaches the
   * canary (gateway-api: the route restored) or, with replicas, right before its pods are deleted.
   */
  abort(beforeRemoval: () => Promise<void>): Promise<DeployResult>;
  /** Runs the manifests' hook Jobs of a phase, each to completion (none: nothing to do). */
  runHooks(phase: HookPhase): Promise<HookOutcome>;
  /** The meter of the canary's share, once the first weight gave the selectors. */
  meter(selectors: { baselineSelector: string; canarySelector: string }): ShareMeter;
  /** One analysis window with the judge; rejects when `signal` aborts. */
  analyse(selectors: { baselineSelector: string; canarySelector: string }, step: number, signal: AbortSignal): Promise<Report>;
  log(message: string): void;
}

export interface ShareMeter {
  mark(): Promise<void>;
  share(): Promise<WindowShare>;
  canaryServed(): number;
}

/**
 * The stepped canary: for each weight, set it, analyse one window, and go on, promote after the
 * last step, or abort. A rollback (or an inconclusive judgement that may not go on), any error and
 * a cancellation abort: the canary removed, the route or replica split restored, stable untouched.
 */
export async function runProgression(
  weights: readonly number[],
  onInconclusive: OnInconclusive,
  operations: CanaryOperations,
  signal: AbortSignal,
): Promise<Progression> {
  const steps: StepRecord[] = [];
  const hooks: HookRun[] = [];
  let meter: ShareMeter | undefined;
  /** Post-deploy hooks once the new version serves everything; a failed one fails the run, though the promotion stands. */
  const served = async (progression: Progression): Promise<Progression> => {
    const post = await operations.runHooks('post-deploy');
    hooks.push(...post.runs);
    if (post.ok) return progression;
    return { ...progression, outcome: 'failed', reason: `${progression.reason}, but ${post.message.charAt(0).toLowerCase()}${post.message.slice(1)}` };
  };
  const stop = async (outcome: ProgressionOutcome, reason: string): Promise<Progression> => {
    // A last reading of the canary's counters at the abort, so that its blast radius counts what it served during the judgement and the abort.
    let counted = false;
    const lastReading = async () => {
      counted = true;
      await meter?.share().catch(() => undefined);
    };
    const { removed, cleanup } = await abortSafely(operations, lastReading);
    if (!counted) await lastReading();
    const last = steps[steps.length - 1];
    return {
      // A canary that could not be removed is a failure whatever the verdict said.
      outcome: removed ? outcome : 'failed',
      verdict: last?.verdict,
      stoppedAtStep: last?.step ?? 1,
      reason,
      steps,
      canaryRequests: meter?.canaryServed(),
      cleanup,
      hooks,
    };
  };

  // Pre-deploy hooks (a migration, say) run once, before the canary takes any traffic; one that fails changes nothing else.
  try {
    signal.throwIfAborted();
    const pre = await operations.runHooks('pre-deploy');
    hooks.push(...pre.runs);
    if (!pre.ok) return { outcome: 'failed', reason: `${pre.message}. Nothing else was changed: no canary was deployed`, steps, hooks };
  } catch (error: unknown) {
    const reason = signal.aborted ? 'cancelled before the first step' : `pre-deploy hooks: ${describeError(error)}`;
    return { outcome: 'failed', reason: `${reason}. No canary was deployed`, steps, hooks };
  }

  try {
    for (const [index, weight] of weights.entries()) {
      signal.throwIfAborted();
      const record: StepRecord = { step: index + 1, weight };
      steps.push(record);
      operations.log(`Step ${record.step} of ${weights.length}: ${weight}% of the traffic to the canary`);
      const deployed = await operations.setWeight(weight);
      if (deployed.smokeChecks?.length) record.smokeChecks = deployed.smokeChecks;
      if (deployed.strategy !== 'canary') {
        // No stable version yet: the canary strategy deployed it as a first, rolling deploy.
        steps.pop();
        if (deployed.status !== 'succeeded') return { outcome: 'failed', reason: deployed.message, steps, deployed, hooks };
        return await served({ outcome: 'promoted', reason: deployed.message, steps, deployed, hooks });
      }
      if (deployed.status !== 'succeeded') return await stop('failed', `step ${record.step} (${weight}%): ${deployed.message}`);
      record.plannedPercentage = deployed.achievedPercentage;
      const selectors = { baselineSelector: deployed.baselineSelector!, canarySelector: deployed.canarySelector! };
      meter ??= operations.meter(selectors);
      await meter.mark();
      signal.throwIfAborted();
      const analysis = await operations.analyse(selectors, record.step, signal);
      const share = await meter.share();
      record.measuredPercentage = share.canaryPercentage;
      record.shareMissing = share.missing;
      record.requests = Object.fromEntries(Object.entries(share.groups).map(([group, count]) => [group, count.requests]));
      const { decision, why } = decideStep(analysis, onInconclusive, index === weights.length - 1);
      Object.assign(record, { verdict: analysis.verdict, score: analysis.score, reason: analysis.reason, decision, why, analysis });
      operations.log(`Step ${record.step}: ${analysis.verdict} (score ${analysis.score}); ${why}`);
      if (decision === 'rollback') return await stop('rolled-back', `step ${record.step} (${weight}%): ${why}: ${analysis.reason}`);
    }
    signal.throwIfAborted();
    const canaryRequests = meter?.canaryServed();
    const promoted = await operations.promote();
    const last = steps[steps.length - 1];
    if (promoted.status !== 'succeeded') {
      return {
        outcome: 'failed',
        verdict: last?.verdict,
        stoppedAtStep: last?.step,
        reason: `promote: ${promoted.message}`,
        steps,
        canaryRequests,
        deployed: promoted,
        hooks,
      };
    }
    return await served({ outcome: 'promoted', verdict: last?.verdict, reason: promoted.message, steps, canaryRequests, deployed: promoted, hooks });
  } catch (error: unknown) {
    const step = steps[steps.length - 1];
    const where = step ? `step ${step.step} (${step.weight}%)` : 'before the first step';
    const reason = signal.aborted ? `cancelled at ${where}` : `${where}: ${describeError(error)}`;
    return stop('failed', reason);
  }
}

/** Removes the canary and restores the split; never throws, since it runs on the way out of every failure. */
async function abortSafely(operations: CanaryOperations, beforeRemoval: () => Promise<void>): Promise<{ removed: boolean; cleanup: string }> {
  try {
    const aborted = await operations.abort(beforeRemoval);
    return { removed: aborted.status === 'succeeded', cleanup: aborted.message };
  } catch (error: unknown) {
    return {
      removed: false,
      cleanup: `Removing the canary failed (${describeError(error)}): once the cluster answers, run k8s-deploy with strategy canary and action abort (or this action again) to restore the stable version alone.`,
    };
  }
}
