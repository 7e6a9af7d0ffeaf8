export const id = 218;
export const ids = [218];
export const modules = {

/***/ 5218:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ main_run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./actions/lib/errors.ts
var errors = __webpack_require__(2863);
// EXTERNAL MODULE: ./actions/lib/github.ts
var github = __webpack_require__(1691);
// EXTERNAL MODULE: ./actions/lib/inputs.ts
var lib_inputs = __webpack_require__(7721);
// EXTERNAL MODULE: ./actions/lib/outputs.ts
var outputs = __webpack_require__(3932);
// EXTERNAL MODULE: ./actions/lib/run.ts
var run = __webpack_require__(7667);
// EXTERNAL MODULE: ./actions/lib/summary.ts
var summary = __webpack_require__(7834);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
;// CONCATENATED MODULE: ./actions/delivery-metrics/src/inputs.ts


/** GitHub's owner and repository names: letters, digits, `-` (and `_`, `.` in a repository's). */
const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9_.-]{1,100}$/;
const REPOSITORY_EXPECTED = 'a repository as owner/name';
const ENVIRONMENTS_EXPECTED = 'GitHub environment names (at most 255 characters each, no control characters), newline or comma separated';
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const deliveryMetricsInputs = {
    'github-token': lib_inputs/* input */.h.text('a GitHub token that may read deployments and contents'),
    repository: lib_inputs/* input */.h
        .text(REPOSITORY_EXPECTED)
        .refine((text) => REPOSITORY.test(text), { error: REPOSITORY_EXPECTED })
        .optional(),
    environments: lib_inputs/* input */.h
        .list(ENVIRONMENTS_EXPECTED)
        .refine((names) => names.every((name) => name.length <= 255 && !/\p{Cc}/u.test(name)), { error: ENVIRONMENTS_EXPECTED })
        .optional(),
    'window-days': lib_inputs/* input */.h.integer({ min: 1, max: 366 }).default(30),
    until: schemas/* string */.YjP({ error: 'a date or a UTC date-time such as 2026-11-30 or 2026-11-30T12:00:00Z' })
        .refine((text) => ISO_TIME.test(text) && Number.isFinite(Date.parse(text)), {
        error: 'a date or a UTC date-time such as 2026-11-30 or 2026-11-30T12:00:00Z',
    })
        .transform((text) => Date.parse(text))
        .optional(),
};
const deliveryMetricsSecretInputs = ['github-token'];

;// CONCATENATED MODULE: ./actions/delivery-metrics/src/metrics.ts
/**
 * The four delivery metrics (DORA) from GitHub deployments and their statuses: pure calculation,
 * no I/O. Times are milliseconds since the epoch; the reader (read-deployments.ts) has already
 * dropped records whose dates are absent or not finite.
 */
const SUITE_DESCRIPTION = /^inventory-devops (?:(?:rolling|canary|blue-green) (deploy|promote|abort)|rollback (restore)) of /;
function phaseOf(description) {
    const match = SUITE_DESCRIPTION.exec(description);
    return (match?.[1] ?? match?.[2]) ?? 'deploy';
}
const FINAL_STATES = new Set(['success', 'failure', 'error']);
/** The last success, failure or error (later `inactive` only means a newer deployment replaced it); a tie goes to the failure. */
function finalStatus(statuses) {
    let final;
    for (const status of statuses) {
        if (!FINAL_STATES.has(status.state))
            continue;
        if (!final || status.createdAt > final.createdAt || (status.createdAt === final.createdAt && status.state !== 'success'))
            final = status;
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
function groupAttempts(deployments) {
    const ordered = [...deployments].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
    const open = new Map();
    const groups = [];
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
    return groups.map(({ sha, parts }) => ({ environment: parts[0].environment, sha, deploymentIds: parts.map((part) => part.id), ...decide(parts) }));
}
function decide(parts) {
    const finals = parts.map((part) => finalStatus(part.statuses));
    const failedIndex = finals.findIndex((status) => status !== undefined && status.state !== 'success');
    if (failedIndex >= 0)
        return { outcome: 'failed', at: wentLive(parts[failedIndex].statuses, finals[failedIndex]) ?? finals[failedIndex].createdAt };
    const abortIndex = parts.findIndex((part) => phaseOf(part.description) === 'abort');
    if (abortIndex >= 0)
        return { outcome: 'failed', at: finals[abortIndex]?.createdAt ?? parts[abortIndex].createdAt };
    const last = finals.at(-1);
    if (last)
        return { outcome: phaseOf(parts[0].description) === 'restore' ? 'restored' : 'succeeded', at: last.createdAt };
    return { outcome: 'no-outcome', at: parts[0].createdAt };
}
/** The first success before a later failure: when a release that was rolled back went live. */
function wentLive(statuses, failure) {
    const successes = statuses.filter((status) => status.state === 'success' && status.createdAt < failure.createdAt).map((status) => status.createdAt);
    return successes.length > 0 ? Math.min(...successes) : undefined;
}
function distribution(values) {
    if (values.length === 0)
        return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return { count: sorted.length, median, p90: sorted[Math.ceil(0.9 * sorted.length) - 1] };
}
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** The metrics of every environment and of all together over [since, until): an attempt counts where its outcome falls. */
function computeDeliveryMetrics(input) {
    const { since, until } = input;
    const inWindow = (time) => time >= since && time < until;
    const attempts = groupAttempts(input.deployments).filter((attempt) => attempt.at < until);
    const byEnvironment = new Map();
    for (const attempt of attempts)
        byEnvironment.set(attempt.environment, [...(byEnvironment.get(attempt.environment) ?? []), attempt]);
    const days = (until - since) / DAY_MS;
    const environments = [...byEnvironment]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([environment, ofEnvironment]) => ({ environment, samples: samplesOf(ofEnvironment, input.commitTimes, inWindow) }));
    const all = {
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
        weeks: weekCounts(attempts.filter((attempt) => inWindow(attempt.at)), since, until),
    };
}
function sum(environments, key) {
    return environments.reduce((total, { samples }) => total + samples[key], 0);
}
function samplesOf(attempts, commitTimes, inWindow) {
    const samples = { succeeded: 0, failed: 0, leadTimes: [], restores: [], unrestored: 0, withoutOutcome: 0, withoutCommitTime: 0 };
    const deployedBefore = new Set();
    let failingSince;
    for (const attempt of [...attempts].sort((a, b) => a.at - b.at)) {
        const counted = inWindow(attempt.at);
        if (attempt.outcome === 'no-outcome') {
            if (counted)
                samples.withoutOutcome++;
            continue;
        }
        if (attempt.outcome === 'failed') {
            if (counted)
                samples.failed++;
            failingSince ??= attempt.at;
            continue;
        }
        if (attempt.outcome === 'restored') {
            if (failingSince !== undefined && inWindow(failingSince))
                samples.restores.push((attempt.at - failingSince) / 1000);
            failingSince = undefined;
            continue;
        }
        if (counted)
            samples.succeeded++;
        if (failingSince !== undefined && inWindow(failingSince))
            samples.restores.push((attempt.at - failingSince) / 1000);
        failingSince = undefined;
        if (deployedBefore.has(attempt.sha))
            continue;
        deployedBefore.add(attempt.sha);
        if (!counted)
            continue;
        const committed = commitTimes.get(attempt.sha);
        if (committed === undefined || committed > attempt.at)
            samples.withoutCommitTime++;
        else
            samples.leadTimes.push((attempt.at - committed) / 1000);
    }
    if (failingSince !== undefined && inWindow(failingSince))
        samples.unrestored++;
    return samples;
}
function figuresOf(samples, days) {
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
function weekCounts(attempts, since, until) {
    const weeks = [];
    for (let start = since; start < until; start += WEEK_MS)
        weeks.push({ start, succeeded: 0, failed: 0 });
    for (const attempt of attempts) {
        const week = weeks[Math.floor((attempt.at - since) / WEEK_MS)];
        if (week && (attempt.outcome === 'succeeded' || attempt.outcome === 'failed'))
            week[attempt.outcome]++;
    }
    return weeks;
}

;// CONCATENATED MODULE: ./actions/delivery-metrics/src/read-deployments.ts




/** GitHub's largest page. */
const PER_PAGE = 100;
/** How long one GitHub API call may take. */
const CALL_TIMEOUT_MS = 30_000;
/** A deploy that outlasts this is stopped by its job's timeout: deployments created this long before the window can still end in it. */
const LOOKBACK_MS = 86_400_000;
const isoTime = schemas/* string */.YjP()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
    .transform((text) => Date.parse(text))
    .refine(Number.isFinite);
const deploymentShape = schemas/* object */.Ikc({
    id: schemas/* number */.aig().int().positive(),
    sha: schemas/* string */.YjP().regex(/^[0-9a-f]{40}$/i),
    environment: schemas/* string */.YjP().min(1).max(255),
    created_at: isoTime,
    description: schemas/* string */.YjP().nullish(),
});
const statusShape = schemas/* object */.Ikc({ state: schemas/* string */.YjP().min(1).max(40), created_at: isoTime });
const commitShape = schemas/* object */.Ikc({ commit: schemas/* object */.Ikc({ committer: schemas/* object */.Ikc({ date: isoTime }) }) });
/**
 * Reads the deployments that can end in [since, until) (newest first, as GitHub lists them, up to a
 * day before the window), their statuses, and the commit time of every SHA deployed successfully.
 * Records without a usable id, SHA, environment or date are skipped and counted, never guessed.
 * An API that refuses, fails (4xx, 5xx, unreachable) or answers something other than a JSON list
 * ends the read with an error naming the request.
 */
async function readDeliveryData(token, request) {
    const octokit = await (0,github/* octokitFor */.d_)(token);
    const { owner, repo } = request.repository;
    const skipped = { invalidRecords: 0, unknownCommits: 0 };
    let requests = 0;
    const get = async (url, parameters = {}) => {
        requests++;
        return call(`GET ${url}`, () => octokit.request({ method: 'GET', url, ...parameters, request: { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) } }));
    };
    const oldest = request.since - LOOKBACK_MS;
    const listed = [];
    for (const environment of request.environments ?? [undefined]) {
        for await (const page of pages(get, `/repos/${owner}/${repo}/deployments`, environment === undefined ? {} : { environment })) {
            const records = validRecords(page, deploymentShape, skipped);
            listed.push(...records.filter((record) => record.created_at >= oldest && record.created_at < request.until));
            if (records.some((record) => record.created_at < oldest))
                break;
        }
    }
    const deployments = [];
    for (const record of new Map(listed.map((entry) => [entry.id, entry])).values()) {
        const statuses = [];
        for await (const page of pages(get, `/repos/${owner}/${repo}/deployments/${record.id}/statuses`)) {
            for (const status of validRecords(page, statusShape, skipped))
                if (status.created_at < request.until)
                    statuses.push({ state: status.state, createdAt: status.created_at });
        }
        deployments.push({
            id: record.id,
            sha: record.sha.toLowerCase(),
            environment: record.environment,
            createdAt: record.created_at,
            description: record.description ?? '',
            statuses,
        });
    }
    const commitTimes = new Map();
    const deployedShas = new Set(deployments.filter((deployment) => deployment.statuses.some((status) => status.state === 'success')).map(({ sha }) => sha));
    for (const sha of deployedShas) {
        try {
            const { data } = await get(`/repos/${owner}/${repo}/commits/${sha}`);
            const commit = commitShape.safeParse(data);
            if (commit.success)
                commitTimes.set(sha, commit.data.commit.committer.date);
            else
                skipped.invalidRecords++;
        }
        catch (error) {
            const status = (0,github/* githubErrorStatus */.m9)(error.cause);
            if (status !== 404 && status !== 422)
                throw error;
            skipped.unknownCommits++;
            core.info(`Commit ${sha.slice(0, 12)} is not in ${owner}/${repo} (HTTP ${status}): its lead time is left out`);
        }
    }
    return { deployments, commitTimes, skipped, requests };
}
/**
 * Every page of a GitHub list, following the Link header's rel="next" as GitHub paginates.
 * Octokit's paginate() is not used: it assumes each page is a well-formed list, and a truncated
 * body (which Octokit hands over as text) would fail inside it with no word of which request.
 */
async function* pages(get, path, parameters = {}) {
    const seen = new Set();
    let response = await get(path, { ...parameters, per_page: PER_PAGE });
    let described = `GET ${path}`;
    for (;;) {
        if (!Array.isArray(response.data))
            throw new errors/* ConfigurationError */.j1(`GitHub answered ${described} with something other than a JSON list: ${(0,errors/* abbreviate */.Sm)(JSON.stringify(response.data) ?? 'nothing')}`);
        yield response.data;
        const next = /<([^<>]+)>;\s*rel="next"/.exec(response.headers.link ?? '')?.[1];
        if (next === undefined)
            return;
        // The token goes with every request: a next page elsewhere than the API is not followed.
        if (new URL(next, apiBase()).origin !== new URL(apiBase()).origin)
            throw new errors/* ConfigurationError */.j1(`GitHub's next page of ${path} is not on ${apiBase()}: ${(0,errors/* abbreviate */.Sm)(next)}`);
        if (seen.has(next))
            throw new errors/* ConfigurationError */.j1(`GitHub's pages of ${path} lead back to one already read (${(0,errors/* abbreviate */.Sm)(next)})`);
        seen.add(next);
        described = `GET ${next}`;
        response = await get(next);
    }
}
function apiBase() {
    return process.env.GITHUB_API_URL || 'https://api.github.com';
}
function validRecords(page, shape, skipped) {
    const valid = [];
    for (const item of page) {
        const parsed = shape.safeParse(item);
        if (parsed.success)
            valid.push(parsed.data);
        else
            skipped.invalidRecords++;
    }
    return valid;
}
async function call(what, request) {
    try {
        return await request();
    }
    catch (error) {
        const status = (0,github/* githubErrorStatus */.m9)(error);
        const hint = status === 403 || status === 404
            ? '; give the job `permissions: deployments: read` and `contents: read`, and check the repository name'
            : status === undefined || status >= 500
                ? `; the GitHub API at ${apiBase()} failed or could not be reached, try again later`
                : '';
        throw new errors/* ConfigurationError */.j1(`GitHub ${what} failed (${status === undefined ? 'no answer' : `HTTP ${status}`}: ${(0,errors/* abbreviate */.Sm)((0,errors/* describeError */.Uc)(error), 200)})${hint}`, {
            cause: error,
        });
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./actions/delivery-metrics/src/report.ts




function buildReport(repository, metrics, skipped) {
    return {
        repository,
        since: new Date(metrics.since).toISOString(),
        until: new Date(metrics.until).toISOString(),
        days: (metrics.until - metrics.since) / 86_400_000,
        environments: metrics.environments.map(({ environment, figures }) => ({ environment, ...figuresJson(figures) })),
        total: figuresJson(metrics.total),
        weeks: metrics.weeks.map((week) => ({ ...week, start: new Date(week.start).toISOString() })),
        skipped,
    };
}
function figuresJson(figures) {
    return {
        ...figures,
        leadTimeSeconds: figures.leadTimeSeconds ?? null,
        timeToRestoreSeconds: figures.timeToRestoreSeconds ?? null,
        changeFailureRate: figures.changeFailureRate ?? null,
    };
}
async function writeReport(report, directory = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)()) {
    const path = (0,external_node_path_.join)(directory, `delivery-metrics-${(0,external_node_crypto_.randomUUID)()}.json`);
    await (0,promises_.writeFile)(path, `${JSON.stringify(report, null, 2)}\n`);
    return path;
}

// EXTERNAL MODULE: ./actions/lib/markdown.ts
var markdown = __webpack_require__(4269);
;// CONCATENATED MODULE: ./actions/delivery-metrics/src/summary.ts

/**
 * The window first, one row per environment and one for all together, then deployments per week as
 * a chart, then what was left out. Environment names come from GitHub: escaped, never markup.
 */
function renderSummary(summary, repository, metrics, skipped) {
    summary.addHeading('📈 Delivery metrics', 2);
    summary.addRaw(`\n${(0,markdown/* escapeMarkdown */.FV)(repository)}, ${day(metrics.since)} to ${day(metrics.until)} (${formatDays(metrics.until - metrics.since)}).\n\n`);
    const rows = [
        ...metrics.environments.map(({ environment, figures }) => row((0,markdown/* escapeHtml */.ZD)(environment), figures)),
        ...(metrics.environments.length > 1 ? [row('<strong>all</strong>', metrics.total)] : []),
    ];
    if (rows.length === 0) {
        summary.addRaw('No GitHub deployments ended in this window.\n');
    }
    else {
        summary.addTable([
            [
                { data: 'Environment', header: true },
                { data: 'Deployment frequency', header: true },
                { data: 'Lead time for changes (median / p90)', header: true },
                { data: 'Change failure rate', header: true },
                { data: 'Time to restore (median / p90)', header: true },
                { data: 'Without outcome', header: true },
            ],
            ...rows,
        ]);
    }
    const chart = weeklyChart(metrics.weeks);
    if (chart)
        summary.addRaw(`\n${chart}\n`);
    const notes = leftOut(metrics.total, skipped);
    if (notes.length > 0)
        summary.addRaw(`\n${notes.map((note) => `- ${note}`).join('\n')}\n`);
}
function row(environment, figures) {
    const judged = figures.succeeded + figures.failed;
    return [
        environment,
        `${formatNumber(figures.deploymentsPerDay)} per day (${figures.succeeded} succeeded)`,
        durations(figures.leadTimeSeconds, 'change'),
        figures.changeFailureRate === undefined ? '–' : `${formatNumber(100 * figures.changeFailureRate)}% (${figures.failed} of ${judged})`,
        `${durations(figures.timeToRestoreSeconds, 'restore')}${figures.unrestored > 0 ? `, ${figures.unrestored} not restored yet` : ''}`,
        String(figures.withoutOutcome),
    ];
}
function durations(values, what) {
    return values === undefined
        ? '–'
        : `${formatDuration(values.median)} / ${formatDuration(values.p90)} (${values.count} ${what}${values.count === 1 ? '' : 's'})`;
}
/** Deployments per week of every environment: succeeded as bars, failed as a line (GitHub renders Mermaid in job summaries). */
function weeklyChart(weeks) {
    if (weeks.length < 2 || weeks.every((week) => week.succeeded + week.failed === 0))
        return undefined;
    const highest = Math.max(...weeks.map((week) => week.succeeded + week.failed));
    return [
        '```mermaid',
        'xychart-beta',
        '  title "Deployments per week: succeeded (bars), failed or rolled back (line)"',
        `  x-axis "week from" [${weeks.map((week) => `"${day(week.start).slice(5)}"`).join(', ')}]`,
        `  y-axis "deployments" 0 --> ${highest}`,
        `  bar [${weeks.map((week) => week.succeeded).join(', ')}]`,
        `  line [${weeks.map((week) => week.failed).join(', ')}]`,
        '```',
    ].join('\n');
}
function leftOut(total, skipped) {
    return [
        total.withoutOutcome > 0 &&
            `${total.withoutOutcome} release(s) in the window with no success, failure or error status (none written, or still in progress): not counted.`,
        total.withoutCommitTime > 0 &&
            `${total.withoutCommitTime} commit(s) deployed for the first time without a usable commit time (no longer in the repository, or dated after the deploy): left out of the lead time.`,
        skipped.invalidRecords > 0 && `${skipped.invalidRecords} record(s) from GitHub without a usable id, commit, environment or date: skipped.`,
    ].filter((note) => typeof note === 'string');
}
function day(time) {
    return new Date(time).toISOString().slice(0, 10);
}
function formatDays(milliseconds) {
    const days = milliseconds / 86_400_000;
    return `${formatNumber(days)} day${days === 1 ? '' : 's'}`;
}
function formatNumber(value) {
    return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
}
/** 45 s, 12 min, 3.5 h, 2.1 d. */
function formatDuration(seconds) {
    if (seconds < 60)
        return `${Math.round(seconds)} s`;
    if (seconds < 3600)
        return `${Math.round(seconds / 60)} min`;
    if (seconds < 86_400)
        return `${(seconds / 3600).toFixed(1)} h`;
    return `${(seconds / 86_400).toFixed(1)} d`;
}

;// CONCATENATED MODULE: ./actions/delivery-metrics/src/main.ts












async function main_run() {
    await (0,run/* runAction */.C)('delivery-metrics', async () => {
        const inputs = (0,lib_inputs/* parseInputs */.T)(deliveryMetricsInputs, { secret: deliveryMetricsSecretInputs });
        const repositoryName = inputs.repository ?? process.env.GITHUB_REPOSITORY ?? '';
        const repository = REPOSITORY.test(repositoryName) ? (0,github/* parseRepository */.SU)(repositoryName) : undefined;
        if (!repository)
            throw new errors/* ConfigurationError */.j1('Input "repository" is not set and GITHUB_REPOSITORY is not owner/name: expected a repository as owner/name.');
        const until = inputs.until ?? Date.now();
        const since = until - inputs['window-days'] * 86_400_000;
        const data = await core.group(`Reading the GitHub deployments of ${repositoryName}`, () => readDeliveryData(inputs['github-token'], { repository, environments: inputs.environments, since, until }));
        core.info(`${data.deployments.length} deployments read in ${data.requests} API requests`);
        const metrics = computeDeliveryMetrics({ deployments: data.deployments, commitTimes: data.commitTimes, since, until });
        const report = buildReport(repositoryName, metrics, data.skipped);
        const { total } = metrics;
        (0,outputs/* setOutputs */.n)({
            report: await writeReport(report),
            'deployments-per-day': total.deploymentsPerDay.toFixed(3),
            'lead-time-seconds': total.leadTimeSeconds?.median.toFixed(0),
            'change-failure-rate': total.changeFailureRate === undefined ? undefined : (100 * total.changeFailureRate).toFixed(1),
            'time-to-restore-seconds': total.timeToRestoreSeconds?.median.toFixed(0),
        });
        await (0,summary/* writeSummary */.S)((summary) => renderSummary(summary, repositoryName, metrics, data.skipped));
    });
}


/***/ }),

/***/ 1691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CX: () => (/* binding */ workflowRunUrl),
/* harmony export */   SU: () => (/* binding */ parseRepository),
/* harmony export */   Yy: () => (/* binding */ createDeployment),
/* harmony export */   d_: () => (/* binding */ octokitFor),
/* harmony export */   gt: () => (/* binding */ createDeploymentStatus),
/* harmony export */   iT: () => (/* binding */ recentDeployments),
/* harmony export */   lB: () => (/* binding */ upsertComment),
/* harmony export */   m9: () => (/* binding */ githubErrorStatus)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2863);
/* harmony import */ var _kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1563);



/**
 * Keeps one comment per marker on an issue or pull request: edits the comment that
 * contains `marker` and was written by the token's own identity, or creates one. Anyone
 * can write the marker into a comment of theirs, so a marker alone proves nothing: such a
 * comment is left alone. Every page of comments is read (the marker comment is often past
 * the first page on busy pull requests). A token that may not read or write (403/404,
 * e.g. a fork's read-only token) is reported as `not-permitted`, not thrown.
 * The API base comes from GITHUB_API_URL (GitHub Enterprise, or a stand-in in tests).
 */
async function upsertComment(token, target, marker, body) {
    const octokit = await octokitFor(token);
    const { owner, repo, issueNumber } = target;
    try {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
        const marked = comments.filter((comment) => comment.body?.includes(marker));
        const identity = marked.length > 0 ? await tokenIdentity(octokit) : undefined;
        const existing = identity === undefined ? undefined : marked.find((comment) => writtenBy(comment.user, identity));
        if (existing) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(`Updating comment ${existing.id} on ${owner}/${repo}#${issueNumber}`);
            const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
            return { outcome: 'updated', url: data.html_url };
        }
        if (marked.length > 0)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(`${marked.length} comment(s) on ${owner}/${repo}#${issueNumber} carry the marker but were not written by ${identity?.login}: left alone.`);
        const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
        return { outcome: 'created', url: data.html_url };
    }
    catch (error) {
        const status = error.status;
        if (status === 403 || status === 404)
            return { outcome: 'not-permitted', status };
        throw error;
    }
}
/**
 * Whom the token acts as. GraphQL's viewer answers for every kind of token; REST's GET /user
 * refuses installation tokens (GITHUB_TOKEN, GitHub Apps) with 403. The same query
 * marocchino/sticky-pull-request-comment uses to find its own comments.
 */
async function tokenIdentity(octokit) {
    const { viewer } = await octokit.graphql('query { viewer { login databaseId } }');
    return viewer;
}
/**
 * The same account id; or, for an app's token, a Bot author named `<slug>[bot]` (GITHUB_TOKEN's
 * comments are by `github-actions[bot]`, type Bot) where the viewer may say `<slug>`. Only
 * GitHub makes Bot accounts and no login may contain `[`, so no person can be taken for the
 * bot, not even one whose login is the app's slug.
 */
function writtenBy(author, identity) {
    if (!author)
        return false;
    if (identity.databaseId !== null && author.id === identity.databaseId)
        return true;
    return author.type === 'Bot' && (author.login === identity.login || author.login === `${identity.login}[bot]`);
}
/** `owner/name` (as in GITHUB_REPOSITORY), or undefined when it is not that shape. */
function parseRepository(text) {
    const match = /^([^/\s]+)\/([^/\s]+)$/.exec(text?.trim() ?? '');
    return match ? { owner: match[1], repo: match[2] } : undefined;
}
/** The URL of the workflow run this step is part of, when running on GitHub Actions. */
function workflowRunUrl(environment = process.env) {
    const server = environment.GITHUB_SERVER_URL ?? 'https://github.com';
    return environment.GITHUB_REPOSITORY && environment.GITHUB_RUN_ID
        ? `${server}/${environment.GITHUB_REPOSITORY}/actions/runs/${environment.GITHUB_RUN_ID}`
        : undefined;
}
/** How long one GitHub API call may take: reporting to GitHub never holds up a deploy for long. */
const GITHUB_CALL_TIMEOUT_MS = 15_000;
/** An Octokit for the API at GITHUB_API_URL (GitHub Enterprise, or a stand-in in tests). */
async function octokitFor(token) {
    // Octokit is loaded only when an action talks to GitHub: most runs never do.
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    return getOctokit(token, { baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com' });
}
/** The HTTP status of a failed GitHub API call (500 when the API could not be reached), if any. */
function githubErrorStatus(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
/**
 * Creates a GitHub deployment (no auto-merge, no required status contexts: the workflow
 * that deploys has already decided) and returns its id. Throws the API's error.
 */
async function createDeployment(token, target, deployment) {
    const { data } = await (await octokitFor(token)).rest.repos.createDeployment({
        ...target,
        ref: deployment.ref,
        environment: deployment.environment,
        description: deployment.description.slice(0, 140),
        auto_merge: false,
        required_contexts: [],
        request: { signal: AbortSignal.timeout(GITHUB_CALL_TIMEOUT_MS) },
    });
    const answer = data;
    if (!(0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(answer) || !Number.isSafeInteger(answer.id)) {
        const reason = (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)(answer) && typeof answer.message === 'string' ? answer.message : 'no deployment id in the answer';
        throw new Error(`GitHub created no deployment: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .abbreviate */ .Sm)(reason)}`);
    }
    return answer.id;
}
async function createDeploymentStatus(token, target, deploymentId, status) {
    await (await octokitFor(token)).rest.repos.createDeploymentStatus({
        ...target,
        deployment_id: deploymentId,
        state: status.state,
        ...(status.description ? { description: status.description.slice(0, 140) } : {}),
        ...(status.logUrl ? { log_url: status.logUrl } : {}),
        ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
        ...(status.autoInactive === false ? { auto_inactive: false } : {}),
        request: { signal: AbortSignal.timeout(GITHUB_CALL_TIMEOUT_MS) },
    });
}
/** The newest deployments to an environment (newest first, one page of at most 100). Throws the API's error. */
async function recentDeployments(token, target, environment) {
    const { data } = await (await octokitFor(token)).rest.repos.listDeployments({ ...target, environment, per_page: 100, request: { signal: AbortSignal.timeout(GITHUB_CALL_TIMEOUT_MS) } });
    const answer = data;
    if (!Array.isArray(answer))
        throw new Error('GitHub answered the list of deployments with something other than a list');
    // An entry without a usable id is never one to set a status on.
    return answer
        .filter(_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4)
        .flatMap((deployment) => Number.isSafeInteger(deployment.id) && typeof deployment.sha === 'string'
        ? [{ id: deployment.id, sha: deployment.sha, description: typeof deployment.description === 'string' ? deployment.description : '' }]
        : []);
}


/***/ }),

/***/ 1563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TD: () => (/* binding */ templateImages),
/* harmony export */   _Z: () => (/* binding */ containerImages),
/* harmony export */   qz: () => (/* binding */ podSpecOf),
/* harmony export */   u4: () => (/* binding */ isRecord)
/* harmony export */ });
/**
 * The shapes of the Kubernetes objects the suite reads from manifests and from the cluster: only
 * the fields it uses are typed, all of them optional where the API server may leave them out.
 */
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** The pod spec inside any workload kind, or undefined for objects that run no pods. */
function podSpecOf(object) {
    const spec = object.spec;
    if (!isRecord(spec))
        return undefined;
    if (object.kind === 'Pod')
        return spec;
    const templateSpec = object.kind === 'CronJob' ? field(spec, 'jobTemplate', 'spec', 'template', 'spec') : field(spec, 'template', 'spec');
    return isRecord(templateSpec) ? templateSpec : undefined;
}
function field(value, ...path) {
    return path.reduce((current, key) => (isRecord(current) ? current[key] : undefined), value);
}
/** Every image of a workload's pod spec, init containers included, in order. */
function containerImages(object) {
    const podSpec = podSpecOf(object);
    if (!podSpec)
        return [];
    return ['initContainers', 'containers'].flatMap((list) => {
        const containers = podSpec[list];
        return Array.isArray(containers) ? containers.flatMap((c) => (typeof c.image === 'string' ? [c.image] : [])) : [];
    });
}
/** The images of a pod template's containers, in order. */
function templateImages(template) {
    return (template?.spec?.containers ?? []).flatMap((container) => (container.image ? [container.image] : []));
}


/***/ }),

/***/ 3932:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ setOutputs)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9039);


/** Writes step outputs; lists are newline separated; secrets never reach GITHUB_OUTPUT. */
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs)) {
        if (value === undefined)
            continue;
        const text = Array.isArray(value) ? value.join('\n') : String(value);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.setOutput(name, (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redactSecrets */ .f)(text));
    }
}


/***/ })

};

//# sourceMappingURL=218.index.js.map