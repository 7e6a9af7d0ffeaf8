/**
 * The four delivery metrics (DORA) from GitHub deployments and their statuses: pure calculation,
 * no I/O. Times are milliseconds since the epoch; the reader (read-deployments.ts) has already
 * dropped records whose dates are absent or not finite.
 */

export interface StatusRecord {
  state: string;
  createdAt: number;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  environment: string;
  createdAt: number;
  /** '' when GitHub gives none (deployments of a job's `environment:` carry none). */
  description: string;
  statuses: StatusRecord[];
}

/**
 * What one GitHub deployment did. k8s-deploy writes `inventory-devops <strategy> <action> of <sha>`
 * (actions/lib/github-deployment.ts): a canary or blue-green release is a `deploy` followed by a
 * `promote` (it went live) or an `abort` (it was removed: rolled back); progressive-canary records a
 * whole progression as one canary `deploy` that ends in success (promoted) or failure. The rollback
 * action writes `inventory-devops rollback restore of <sha>` (actions/rollback/src/github-record.ts)
 * for the release it brought back, after a `failure` status on the release it undid: a `restore`
 * ends a run of failures but is no new change (neither a deployment nor a lead time). Any other
 * deployment (one GitHub creates for a job's `environment:`, another tool's) is a `deploy`.
 */
export type Phase = 'deploy' | 'promote' | 'abort' | 'restore';

const SUITE_DESCRIPTION = /^inventory-devops (?:(?:rolling|canary|blue-green) (deploy|promote|abort)|rollback (restore)) of /;

export function phaseOf(description: string): Phase {
  const match = SUITE_DESCRIPTION.exec(description);
  return ((match?.[1] ?? match?.[2]) as Phase | undefined) ?? 'deploy';
}

/** `restored`: a rollback's record of the release it brought back (see Phase). */
export type Outcome = 'succeeded' | 'failed' | 'restored' | 'no-outcome';

/** One release of a commit to an environment: its deploy and the promote or abort that followed it. */
export interface Attempt {
  environment: string;
  sha: string;
  outcome: Outcome;
  /** When the outcome was known (the deciding status); for no-outcome, when the first deployment was created. */
  at: number;
  deploymentIds: number[];
}

const FINAL_STATES = new Set(['success', 'failure', 'error']);

/** The last success, failure or error (later `inactive` only means a newer deployment replaced it); a tie goes to the failure. */
export function finalStatus(statuses: readonly StatusRecord[]): StatusRecord | undefined {
  let final: StatusRecord | undefined;
  for (const status of statuses) {
    if (!FINAL_STATES.has(status.state)) continue;
    if (!final || status.createdAt > final.createdAt || (status.createdAt === final.createdAt && status.state !== 'success')) final = status;
  }
  return final;
}

/**
 * Groups deployments into attempts, per environment in the order they were created: a `deploy`
 * or a `restore` starts one, a `promote` or `abort` of the same commit joins the one in progress
 * (or starts its own when its deploy is outside what was read). An attempt failed when any of its
 * deployments ended in failure or error, or it was aborted; a deployment that went live (success)
 * and was later marked failed (a rollback undid it) failed from when it went live. An attempt
 * succeeded (a restore: restored) when its last deployment ended in success; otherwise (no
 * status, or still in progress) it has no outcome.
 */
export function groupAttempts(deployments: readonly DeploymentRecord[]): Attempt[] {
  const ordered = [...deployments].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  const open = new Map<string, { sha: string; parts: DeploymentRecord[] }>();
  const groups: Array<{ sha: string; parts: DeploymentRecord[] }> = [];
  for (const deployment of ordered) {
    const current = open.get(deployment.environment);
    const phase = phaseOf(deployment.description);
    if ((phase === 'promote' || phase === 'abort') && current?.sha === deployment.sha) {
      current.parts.push(deployment);
      continue;
    }
    const group = { sha: deployment.sha, parts: [deployment] };
    open.set(deployment.environment, group);
    groups.push(group);
  }
  return groups.map(({ sha, parts }) => ({ environment: parts[0]!.environment, sha, deploymentIds: parts.map((part) => part.id), ...decide(parts) }));
}

function decide(parts: readonly DeploymentRecord[]): { outcome: Outcome; at: number } {
  const finals = parts.map((part) => finalStatus(part.statuses));
  const failedIndex = finals.findIndex((status) => status !== undefined && status.state !== 'success');
  if (failedIndex >= 0) return { outcome: 'failed', at: wentLive(parts[failedIndex]!.statuses, finals[failedIndex]!) ?? finals[failedIndex]!.createdAt };
  const abortIndex = parts.findIndex((part) => phaseOf(part.description) === 'abort');
  if (abortIndex >= 0) return { outcome: 'failed', at: finals[abortIndex]?.createdAt ?? parts[abortIndex]!.createdAt };
  const last = finals.at(-1);
  if (last) return { outcome: phaseOf(parts[0]!.description) === 'restore' ? 'restored' : 'succeeded', at: last.createdAt };
  return { outcome: 'no-outcome', at: parts[0]!.createdAt };
}

/** The first success before a later failure: when a release that was rolled back went live. */
function wentLive(statuses: readonly StatusRecord[], failure: StatusRecord): number | undefined {
  const successes = statuses.filter((status) => status.state === 'success' && status.createdAt < failure.createdAt).map((status) => status.createdAt);
  return successes.length > 0 ? Math.min(...successes) : undefined;
}

export interface Distribution {
  count: number;
  /** The middle value (the mean of the two middle ones for an even count). */
  median: number;
  /** Nearest rank: the smallest value with at least 90% of the values at or below it. */
  p90: number;
}

export function distribution(values: readonly number[]): Distribution | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { count: sorted.length, median, p90: sorted[Math.ceil(0.9 * sorted.length) - 1]! };
}

export interface Figures {
  /** Attempts that succeeded in the window (redeploys of a commit included: each is a deployment). */
  succeeded: number;
  /** Attempts that failed or were rolled back in the window. */
  failed: number;
  deploymentsPerDay: number;
  /** Commit to its first successful deploy to the environment, in seconds; a redeploy of the same commit adds nothing. */
  leadTimeSeconds: Distribution | undefined;
  /** failed / (succeeded + failed); undefined without either. */
  changeFailureRate: number | undefined;
  /** From the first failure of a run of failures to the next success, in seconds. */
  timeToRestoreSeconds: Distribution | undefined;
  /** Runs of failures in the window with no success after them yet. */
  unrestored: number;
  /** Attempts in the window with no final status (none written, or still in progress): counted, not judged. */
  withoutOutcome: number;
  /** First successful deploys whose commit time is unknown (commit not found) or later than the deploy. */
  withoutCommitTime: number;
}

export interface WeekCount {
  start: number;
  succeeded: number;
  failed: number;
}

export interface DeliveryMetrics {
  since: number;
  until: number;
  environments: Array<{ environment: string; figures: Figures }>;
  total: Figures;
  /** Every environment together, in 7-day buckets from `since` (the last may be shorter). */
  weeks: WeekCount[];
}

export interface MetricsInput {
  deployments: readonly DeploymentRecord[];
  /** Commit SHA → commit time. */
  commitTimes: ReadonlyMap<string, number>;
  since: number;
  until: number;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

interface Samples {
  succeeded: number;
  failed: number;
  leadTimes: number[];
  restores: number[];
  unrestored: number;
  withoutOutcome: number;
  withoutCommitTime: number;
}

/** The metrics of every environment and of all together over [since, until): an attempt counts where its outcome falls. */
export function computeDeliveryMetrics(input: MetricsInput): DeliveryMetrics {
  const { since, until } = input;
  const inWindow = (time: number) => time >= since && time < until;
  const attempts = groupAttempts(input.deployments).filter((attempt) => attempt.at < until);
  const byEnvironment = new Map<string, Attempt[]>();
  for (const attempt of attempts) byEnvironment.set(attempt.environment, [...(byEnvironment.get(attempt.environment) ?? []), attempt]);

  const days = (until - since) / DAY_MS;
  const environments = [...byEnvironment]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([environment, ofEnvironment]) => ({ environment, samples: samplesOf(ofEnvironment, input.commitTimes, inWindow) }));
  const all: Samples = {
    succeeded: sum(environments, 'succeeded'),
    failed: sum(environments, 'failed'),
    leadTimes: environments.flatMap(({ samples }) => samples.leadTimes),
    restores: environments.flatMap(({ samples }) => samples.restores),
    unrestored: sum(environments, 'unrestored'),
    withoutOutcome: sum(environments, 'withoutOutcome'),
    withoutCommitTime: sum(environments, 'withoutCommitTime'),
  };
  return {
    since,
    until,
    environments: environments.map(({ environment, samples }) => ({ environment, figures: figuresOf(samples, days) })),
    total: figuresOf(all, days),
    weeks: weekCounts(
      attempts.filter((attempt) => inWindow(attempt.at)),
      since,
      until,
    ),
  };
}

function sum(environments: Array<{ samples: Samples }>, key: 'succeeded' | 'failed' | 'unrestored' | 'withoutOutcome' | 'withoutCommitTime'): number {
  return environments.reduce((total, { samples }) => total + samples[key], 0);
}

function samplesOf(attempts: readonly Attempt[], commitTimes: ReadonlyMap<string, number>, inWindow: (time: number) => boolean): Samples {
  const samples: Samples = { succeeded: 0, failed: 0, leadTimes: [], restores: [], unrestored: 0, withoutOutcome: 0, withoutCommitTime: 0 };
  const deployedBefore = new Set<string>();
  let failingSince: number | undefined;
  for (const attempt of [...attempts].sort((a, b) => a.at - b.at)) {
    const counted = inWindow(attempt.at);
    if (attempt.outcome === 'no-outcome') {
      if (counted) samples.withoutOutcome++;
      continue;
    }
    if (attempt.outcome === 'failed') {
      if (counted) samples.failed++;
      failingSince ??= attempt.at;
      continue;
    }
    if (attempt.outcome === 'restored') {
      if (failingSince !== undefined && inWindow(failingSince)) samples.restores.push((attempt.at - failingSince) / 1000);
      failingSince = undefined;
      continue;
    }
    if (counted) samples.succeeded++;
    if (failingSince !== undefined && inWindow(failingSince)) samples.restores.push((attempt.at - failingSince) / 1000);
    failingSince = undefined;
    if (deployedBefore.has(attempt.sha)) continue;
    deployedBefore.add(attempt.sha);
    if (!counted) continue;
    const committed = commitTimes.get(attempt.sha);
    if (committed === undefined || committed > attempt.at) samples.withoutCommitTime++;
    else samples.leadTimes.push((attempt.at - committed) / 1000);
  }
  if (failingSince !== undefined && inWindow(failingSince)) samples.unrestored++;
  return samples;
}

function figuresOf(samples: Samples, days: number): Figures {
  const judged = samples.succeeded + samples.failed;
  return {
    succeeded: samples.succeeded,
    failed: samples.failed,
    deploymentsPerDay: samples.succeeded / days,
    leadTimeSeconds: distribution(samples.leadTimes),
    changeFailureRate: judged === 0 ? undefined : samples.failed / judged,
    timeToRestoreSeconds: distribution(samples.restores),
    unrestored: samples.unrestored,
    withoutOutcome: samples.withoutOutcome,
    withoutCommitTime: samples.withoutCommitTime,
  };
}

function weekCounts(attempts: readonly Attempt[], since: number, until: number): WeekCount[] {
  const weeks: WeekCount[] = [];
  for (let start = since; start < until; start += WEEK_MS) weeks.push({ start, succeeded: 0, failed: 0 });
  for (const attempt of attempts) {
    const week = weeks[Math.floor((attempt.at - since) / WEEK_MS)];
    if (week && (attempt.outcome === 'succeeded' || attempt.outcome === 'failed')) week[attempt.outcome]++;
  }
  return weeks;
}
