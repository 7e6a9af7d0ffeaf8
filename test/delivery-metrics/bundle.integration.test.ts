import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../actions/lib/markdown.js';
import { startGitHubStandIn, type StoredDeployment } from '../harness/github-stand-in.js';
import { errorMessages, runBundle } from '../harness/run-bundle.js';
import { generateHistory, type History, type Release } from './history.js';

const TOKEN = 'ghs_deliveryMetricsToken0123456789';
const DAY = 86_400_000;
const UNTIL = Date.parse('2026-11-30T00:00:00Z');
const WINDOW_DAYS = 90;
const SINCE = UNTIL - WINDOW_DAYS * DAY;
const HOSTILE_ENVIRONMENT = '<img src=x onerror=alert(1)> **prod** | `eu` @org/team';
const ENVIRONMENTS = ['staging', 'production', HOSTILE_ENVIRONMENT];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function standIn(options: Parameters<typeof startGitHubStandIn>[0]) {
  const github = await startGitHubStandIn(options);
  cleanups.push(github.close);
  return github;
}

function metrics(url: string, inputs: Record<string, string> = {}) {
  return runBundle({
    action: 'actions/delivery-metrics',
    inputs: { until: new Date(UNTIL).toISOString(), 'window-days': String(WINDOW_DAYS), ...inputs },
    githubToken: TOKEN,
    env: { GITHUB_API_URL: url },
    timeoutMs: 60_000,
  });
}

// ---- The expected figures, from what the generator decided (not from the module under test). ----

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length / 2;
  return Number.isInteger(half) ? (sorted[half - 1]! + sorted[half]!) / 2 : sorted[Math.floor(half)]!;
}

function p90(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  let rank = 0;
  while ((rank + 1) / sorted.length < 0.9) rank++;
  return sorted[rank]!;
}

function spread(values: number[]) {
  return values.length === 0 ? null : { count: values.length, median: median(values), p90: p90(values) };
}

interface Expected {
  succeeded: number;
  failed: number;
  withoutOutcome: number;
  leadTimes: number[];
  restores: number[];
  unrestored: number;
  withoutCommitTime: number;
}

/** The reader looks one day before the window: a release is seen when its last deployment was created since then. */
function expectedFor(releases: Release[], commitTimes: Map<string, number>): Expected {
  const seen = releases.filter((release) => release.lastCreatedAt >= SINCE - DAY).sort((a, b) => a.at - b.at);
  const inWindow = (release: Release) => release.at >= SINCE && release.at < UNTIL;
  const expected: Expected = { succeeded: 0, failed: 0, withoutOutcome: 0, leadTimes: [], restores: [], unrestored: 0, withoutCommitTime: 0 };
  const firstSuccess = new Map<string, Release>();
  let firstFailure: Release | undefined;
  for (const release of seen) {
    if (release.outcome === 'no-outcome') {
      if (inWindow(release)) expected.withoutOutcome++;
    } else if (release.outcome === 'failed') {
      if (inWindow(release)) expected.failed++;
      if (!firstFailure) firstFailure = release;
    } else {
      if (inWindow(release)) expected.succeeded++;
      if (firstFailure && inWindow(firstFailure)) expected.restores.push((release.at - firstFailure.at) / 1000);
      firstFailure = undefined;
      if (!firstSuccess.has(release.sha)) firstSuccess.set(release.sha, release);
    }
  }
  if (firstFailure && inWindow(firstFailure)) expected.unrestored++;
  for (const [sha, release] of firstSuccess) {
    if (!inWindow(release)) continue;
    const committed = commitTimes.get(sha);
    if (committed === undefined) expected.withoutCommitTime++;
    else expected.leadTimes.push((release.at - committed) / 1000);
  }
  return expected;
}

function figures(expected: Expected) {
  const judged = expected.succeeded + expected.failed;
  return {
    succeeded: expected.succeeded,
    failed: expected.failed,
    deploymentsPerDay: expected.succeeded / WINDOW_DAYS,
    leadTimeSeconds: spread(expected.leadTimes),
    changeFailureRate: judged === 0 ? null : expected.failed / judged,
    timeToRestoreSeconds: spread(expected.restores),
    unrestored: expected.unrestored,
    withoutOutcome: expected.withoutOutcome,
    withoutCommitTime: expected.withoutCommitTime,
  };
}

function combine(parts: Expected[]): Expected {
  return {
    succeeded: parts.reduce((sum, part) => sum + part.succeeded, 0),
    failed: parts.reduce((sum, part) => sum + part.failed, 0),
    withoutOutcome: parts.reduce((sum, part) => sum + part.withoutOutcome, 0),
    leadTimes: parts.flatMap((part) => part.leadTimes),
    restores: parts.flatMap((part) => part.restores),
    unrestored: parts.reduce((sum, part) => sum + part.unrestored, 0),
    withoutCommitTime: parts.reduce((sum, part) => sum + part.withoutCommitTime, 0),
  };
}

function history(): History {
  return generateHistory({ environments: ENVIRONMENTS, from: SINCE - 40 * DAY, until: UNTIL, seed: 18 });
}

/** Records GitHub gives that cannot be used: skipped and counted. */
const BROKEN_RECORDS: StoredDeployment[] = [
  { id: 90_001, sha: 'ab'.repeat(20), environment: 'staging', created_at: 'not a date', statuses: [] },
  { id: 90_002, sha: 'ab'.repeat(20), environment: 'staging', created_at: null, statuses: [] },
  { id: 90_003, sha: 'ab'.repeat(20), environment: '', created_at: '2026-11-20T10:00:00Z', statuses: [] },
  { id: 90_004, sha: 'not-a-sha', environment: 'staging', created_at: '2026-11-20T10:00:00Z', statuses: [] },
  {
    id: 90_005,
    sha: 'cd'.repeat(20),
    environment: 'staging',
    created_at: '2026-11-29T10:00:00Z',
    statuses: [
      { state: 'in_progress', created_at: 'NaN' },
      { state: 'success', created_at: 'Infinity' },
    ],
  },
];

describe('delivery-metrics against months of generated deployments', () => {
  it('computes every figure of every environment as the generated history says, reading every page', async () => {
    const generated = history();
    expect(generated.releases.length, 'the history is several months long').toBeGreaterThan(250);
    expect(generated.deployments.length, 'more deployments than fit on one page of 100').toBeGreaterThan(300);
    expect(new Set(generated.releases.map((release) => release.outcome))).toEqual(new Set(['succeeded', 'failed', 'no-outcome']));
    const github = await standIn({ deployments: [...generated.deployments, ...BROKEN_RECORDS], commits: generated.commits });
    const run = await metrics(github.url);
    expect(errorMessages(run)).toEqual([]);
    expect(run.exitCode).toBe(0);

    const perEnvironment = ENVIRONMENTS.map((environment) =>
      expectedFor(
        generated.releases.filter((release) => release.environment === environment),
        generated.commitTimes,
      ),
    );
    // The last broken record is a usable deployment whose statuses have no usable date: it ended with no outcome.
    perEnvironment[0]!.withoutOutcome++;
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as Record<string, unknown> & {
      environments: Array<{ environment: string }>;
      weeks: Array<{ start: string; succeeded: number; failed: number }>;
    };
    const byName = new Map(report.environments.map((entry) => [entry.environment, entry]));
    for (const [index, environment] of ENVIRONMENTS.entries()) {
      const expected = figures(perEnvironment[index]!);
      const actual = byName.get(environment) as Record<string, unknown>;
      expect(actual, environment).toMatchObject({ ...expected, deploymentsPerDay: expect.closeTo(expected.deploymentsPerDay, 9) });
      // The generator made each kind of trouble happen in every environment.
      expect(expected.failed, environment).toBeGreaterThan(3);
      expect(expected.withoutOutcome, environment).toBeGreaterThan(1);
      expect(expected.timeToRestoreSeconds?.count, environment).toBeGreaterThan(1);
    }
    const total = figures(combine(perEnvironment));
    expect(report.total).toMatchObject({ ...total, deploymentsPerDay: expect.closeTo(total.deploymentsPerDay, 9) });
    expect(total.withoutCommitTime, 'some deployed commits are not in the repository').toBeGreaterThan(0);
    expect(report.skipped).toEqual({ invalidRecords: 6, unknownCommits: expect.any(Number) });

    const inWindow = generated.releases.filter((release) => release.at >= SINCE && release.at < UNTIL);
    expect(report.weeks).toHaveLength(Math.ceil(WINDOW_DAYS / 7));
    for (const [index, week] of report.weeks.entries()) {
      const start = SINCE + index * 7 * DAY;
      const ofWeek = inWindow.filter((release) => release.at >= start && release.at < start + 7 * DAY);
      expect(week, `week ${index}`).toEqual({
        start: new Date(start).toISOString(),
        succeeded: ofWeek.filter((release) => release.outcome === 'succeeded').length,
        failed: ofWeek.filter((release) => release.outcome === 'failed').length,
      });
    }

    expect(run.outputs).toMatchObject({
      'deployments-per-day': total.deploymentsPerDay.toFixed(3),
      'lead-time-seconds': total.leadTimeSeconds!.median.toFixed(0),
      'change-failure-rate': (100 * total.changeFailureRate!).toFixed(1),
      'time-to-restore-seconds': total.timeToRestoreSeconds!.median.toFixed(0),
    });

    // Pages of 100, newest first, followed through the Link headers up to the first page that reaches a day before the window.
    const listings = github.requests.filter((request) => /\/repos\/acme\/inventory\/deployments(\?|$)/.test(request.url));
    const newestFirst = [...generated.deployments, ...BROKEN_RECORDS].sort((a, b) => b.id - a.id);
    const firstTooOld = newestFirst.findIndex((deployment) => Date.parse(String(deployment.created_at)) < SINCE - DAY);
    expect(listings).toHaveLength(Math.floor(firstTooOld / 100) + 1);
    expect(listings.length, 'several pages, and not every page').toBeGreaterThan(2);
    expect(listings.length).toBeLessThan(Math.ceil(newestFirst.length / 100));
    expect(listings.every((request) => request.authorization === `token ${TOKEN}`)).toBe(true);
    expect(listings[0]!.url).toContain('per_page=100');

    expect(run.summary).toContain('xychart-beta');
    expect(run.summary).toContain(escapeHtml(HOSTILE_ENVIRONMENT));
    expect(run.summary).not.toContain('<img');
    expect(run.summary).not.toMatch(/NaN|Infinity|undefined/);
    expect(run.summary).toContain('6 record(s) from GitHub without a usable id, commit, environment or date: skipped.');
    expect(run.everythingWritten).not.toContain(TOKEN);
  });

  it('measures only the environments asked for, with one listing each', async () => {
    const generated = history();
    const github = await standIn({ deployments: generated.deployments, commits: generated.commits });
    const run = await metrics(github.url, { environments: 'staging' });
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { environments: Array<{ environment: string }>; total: unknown };
    expect(report.environments.map((entry) => entry.environment)).toEqual(['staging']);
    const expected = figures(
      expectedFor(
        generated.releases.filter((release) => release.environment === 'staging'),
        generated.commitTimes,
      ),
    );
    expect(report.total).toMatchObject({ ...expected, deploymentsPerDay: expect.closeTo(expected.deploymentsPerDay, 9) });
    expect(github.requests.filter((request) => request.url.includes('/deployments?')).every((request) => request.url.includes('environment=staging'))).toBe(
      true,
    );
  });
});

describe('delivery-metrics when GitHub misbehaves', () => {
  const listing = '/repos/acme/inventory/deployments';

  it('an empty history: no figures, no NaN, and says so', async () => {
    const github = await standIn({ intercept: (path) => (path === listing ? { status: 200, body: '[]' } : undefined) });
    const run = await metrics(github.url);
    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('No GitHub deployments ended in this window.');
    expect(run.summary).not.toMatch(/NaN|Infinity/);
    expect(run.outputs['deployments-per-day']).toBe('0.000');
    expect(run.outputs).not.toHaveProperty('change-failure-rate');
    expect(run.outputs).not.toHaveProperty('lead-time-seconds');
  });

  it('runs as the command delivery-metrics of the root action', async () => {
    const github = await standIn({ intercept: (path) => (path === listing ? { status: 200, body: '[]' } : undefined) });
    const run = await runBundle({
      action: '.',
      inputs: { command: 'delivery-metrics', 'github-token': TOKEN, 'window-days': '7' },
      env: { GITHUB_API_URL: github.url },
    });
    expect(errorMessages(run)).toEqual([]);
    expect(run.outputs['deployments-per-day']).toBe('0.000');
    expect(github.requests.map((request) => request.url)).toEqual(['/repos/acme/inventory/deployments?per_page=100']);
  });

  it.each([
    ['a 502', { status: 502, body: '{"message":"Bad Gateway"}' }, /GET \/repos\/acme\/inventory\/deployments failed \(HTTP 502.*try again later/],
    ['a 403', { status: 403, body: '{"message":"Resource not accessible by integration"}' }, /HTTP 403.*permissions: deployments: read/],
    [
      'truncated JSON',
      { status: 200, body: '[{"id": 1, "sha": "ab' },
      /answered GET \/repos\/acme\/inventory\/deployments with something other than a JSON list/,
    ],
    ['an object, not a list', { status: 200, body: '{"total_count": 3}' }, /something other than a JSON list/],
  ])('%s on the listing ends in an error naming the request', async (_, answer, message) => {
    const github = await standIn({ intercept: (path) => (path === listing ? answer : undefined) });
    const run = await metrics(github.url);
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run).join('\n')).toMatch(message);
    expect(run.everythingWritten).not.toContain(TOKEN);
  });

  it('a 500 on one deployment’s statuses ends in an error, not in figures without it', async () => {
    const generated = history();
    const github = await standIn({
      deployments: generated.deployments,
      commits: generated.commits,
      intercept: (path) => (path.endsWith(`/deployments/${generated.deployments.at(-1)!.id}/statuses`) ? { status: 500, body: '{}' } : undefined),
    });
    const run = await metrics(github.url);
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run).join('\n')).toMatch(/statuses failed \(HTTP 500/);
    expect(run.outputs).not.toHaveProperty('report');
  });

  it('a next page on another host is not followed (the token would go with it)', async () => {
    const github = await standIn({
      intercept: (path) => (path === listing ? { status: 200, body: '[]', headers: { link: '<https://evil.example/steal?page=2>; rel="next"' } } : undefined),
    });
    const run = await metrics(github.url);
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run).join('\n')).toContain('is not on');
    expect(github.requests).toHaveLength(1);
  });

  it('pages that lead back to one already read end in an error, not a loop', async () => {
    const github = await standIn({
      intercept: (path, query) =>
        path === listing
          ? { status: 200, body: '[]', headers: { link: `<${github.url}${listing}?page=${query.get('page') === '2' ? 1 : 2}>; rel="next"` } }
          : undefined,
    });
    const run = await metrics(github.url);
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run).join('\n')).toContain('lead back to one already read');
  });

  it.each([
    ['window-days', '0', /Input "window-days" has value "0": expected a whole number from 1 to 366/],
    ['until', 'yesterday', /Input "until" has value "yesterday": expected a date/],
    ['repository', '-n kube-system', /Input "repository" has value "-n kube-system": expected a repository as owner\/name/],
    ['repository', 'acme/../../orgs/x', /Input "repository" has value "acme\/..\/..\/orgs\/x": expected a repository as owner\/name/],
    ['environments', 'staging,\u0007bell', /Input "environments" has value .*: expected GitHub environment names/],
  ])('input %s = %s is refused before any request', async (name, value, message) => {
    const github = await standIn({});
    const run = await metrics(github.url, { [name]: value });
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run).join('\n')).toMatch(message);
    expect(github.requests).toEqual([]);
  });
});
