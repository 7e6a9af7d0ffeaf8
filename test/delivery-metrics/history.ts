import { seededRandom } from '../canary-analyze/synthetic.js';
import type { StoredDeployment } from '../harness/github-stand-in.js';

/**
 * Several months of generated GitHub deployments, written the way k8s-deploy writes them (rolling
 * deploys; canary deploys followed by a promote or an abort), with what GitHub adds (`inactive` on
 * a replaced deployment) and what goes wrong (no statuses, a deploy still in progress, `error`,
 * redeploys of a commit, commits no longer in the repository). Beside the records, the truth the
 * generator decided: each release's outcome and when it was known, from which tests compute the
 * expected figures without the code under test.
 */
export interface Release {
  environment: string;
  sha: string;
  /** When its first deployment was created. */
  createdAt: number;
  outcome: 'succeeded' | 'failed' | 'no-outcome';
  /** When its last deployment was created. */
  lastCreatedAt: number;
  /** When the deciding status was written (for no-outcome: createdAt). */
  at: number;
}

export interface History {
  deployments: StoredDeployment[];
  commits: Record<string, string>;
  /** SHA → commit time, for the commits the stand-in knows. */
  commitTimes: Map<string, number>;
  releases: Release[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Kind = 'rolling-success' | 'rolling-failure' | 'rolling-error' | 'canary-promoted' | 'canary-aborted' | 'no-statuses' | 'in-progress';

const KINDS: Array<[Kind, number]> = [
  ['rolling-success', 0.45],
  ['canary-promoted', 0.2],
  ['rolling-failure', 0.1],
  ['canary-aborted', 0.08],
  ['rolling-error', 0.04],
  ['no-statuses', 0.08],
  ['in-progress', 0.05],
];

export function generateHistory(options: { environments: string[]; from: number; until: number; seed: number }): History {
  const next = seededRandom(options.seed);
  const between = (low: number, high: number) => Math.round(low + next() * (high - low));
  const deployments: StoredDeployment[] = [];
  const commits: Record<string, string> = {};
  const commitTimes = new Map<string, number>();
  const releases: Release[] = [];
  let shaCounter = 0;

  for (const environment of options.environments) {
    let time = options.from + between(0, 12 * HOUR);
    let lastSha: string | undefined;
    let lastSuccess: StoredDeployment | undefined;
    while (time < options.until - 2 * HOUR) {
      const redeploy = lastSha !== undefined && next() < 0.15;
      const sha = redeploy ? lastSha! : (++shaCounter).toString(16).padStart(8, '0').repeat(5);
      if (!redeploy && next() > 0.05) {
        // Whole seconds, as GitHub gives them.
        const committed = Math.floor((time - between(5 * MINUTE, 72 * HOUR)) / 1000) * 1000;
        commits[sha] = new Date(committed).toISOString().replace('.000Z', 'Z');
        commitTimes.set(sha, committed);
      }
      lastSha = sha;
      let roll = next();
      const kind = KINDS.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? 'rolling-success';
      const iso = (at: number) => new Date(at).toISOString().replace('.000Z', 'Z');
      const deployment = (phase: string, strategy: string, at: number, states: Array<[string, number]>): StoredDeployment => {
        const record: StoredDeployment = {
          id: 0,
          sha,
          environment,
          created_at: iso(at),
          description: `inventory-devops ${strategy} ${phase} of ${sha.slice(0, 12)}`,
          statuses: states.map(([state, stateAt]) => ({ state, created_at: iso(stateAt) })),
        };
        deployments.push(record);
        return record;
      };
      const done = time + between(1, 10) * MINUTE;
      let release: Release;
      if (kind === 'canary-promoted' || kind === 'canary-aborted') {
        deployment('deploy', 'canary', time, [
          ['in_progress', time + 5000],
          ['success', done],
        ]);
        const second = done + between(5, 30) * MINUTE;
        const secondDone = second + between(1, 5) * MINUTE;
        const record = deployment(kind === 'canary-promoted' ? 'promote' : 'abort', 'canary', second, [
          ['in_progress', second + 5000],
          ['success', secondDone],
        ]);
        release = { environment, sha, createdAt: time, lastCreatedAt: second, outcome: kind === 'canary-promoted' ? 'succeeded' : 'failed', at: secondDone };
        if (kind === 'canary-promoted') {
          lastSuccess?.statuses.push({ state: 'inactive', created_at: iso(secondDone) });
          lastSuccess = record;
        }
      } else if (kind === 'no-statuses' || kind === 'in-progress') {
        deployment('deploy', 'rolling', time, kind === 'in-progress' ? [['in_progress', time + 5000]] : []);
        release = { environment, sha, createdAt: time, lastCreatedAt: time, outcome: 'no-outcome', at: time };
      } else {
        const final = kind === 'rolling-success' ? 'success' : kind === 'rolling-failure' ? 'failure' : 'error';
        const record = deployment('deploy', 'rolling', time, [
          ['in_progress', time + 5000],
          [final, done],
        ]);
        release = { environment, sha, createdAt: time, lastCreatedAt: time, outcome: final === 'success' ? 'succeeded' : 'failed', at: done };
        if (final === 'success') {
          lastSuccess?.statuses.push({ state: 'inactive', created_at: iso(done) });
          lastSuccess = record;
        }
      }
      releases.push(release);
      time += between(6 * HOUR, 60 * HOUR);
    }
  }
  // GitHub numbers deployments in the order they are created, and lists them by number, newest first.
  deployments.sort((a, b) => Date.parse(String(a.created_at)) - Date.parse(String(b.created_at)));
  deployments.forEach((deployment, index) => (deployment.id = 1_000 + index));
  return { deployments, commits, commitTimes, releases };
}
