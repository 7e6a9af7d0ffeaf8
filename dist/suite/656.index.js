export const id = 656;
export const ids = [656];
export const modules = {

/***/ 8850:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ git),
/* harmony export */   Qw: () => (/* binding */ isGitRevision),
/* harmony export */   p8: () => (/* binding */ isRevisionRange),
/* harmony export */   uj: () => (/* binding */ GIT_REVISION_EXPECTED)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5260);


/**
 * Every git call of the suite, logged with core.debug. The exit code is the caller's to judge
 * (a missing commit is often an answer, not a failure); stderr comes back trimmed.
 */
async function git(cwd, args, { revisions = [], noPaths = false } = {}) {
    const argv = [...args, ...(revisions.length > 0 ? ['--end-of-options', ...revisions] : []), ...(noPaths ? ['--'] : [])];
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(`git ${argv.join(' ')}`);
    const { exitCode, stdout, stderr } = await _actions_exec__WEBPACK_IMPORTED_MODULE_1__/* .getExecOutput */ .H('git', argv, { cwd, silent: true, ignoreReturnCode: true });
    return { exitCode, stdout, stderr: stderr.trim() };
}
/**
 * A base handed to git: a commit id, or a ref name (`main`, `origin/main`,
 * `refs/tags/v1.2`) with optional `~n`/`^n` steps (`HEAD~1`). Ref names follow git
 * check-ref-format's rules within a narrower alphabet (letters, digits, `._+-/`): nothing
 * that starts with `-`, holds spaces, control characters, `..`, `:`, `@`, `$` or glob
 * characters can pass, so no value is read as an option or a range, whatever git version runs.
 */
const GIT_REVISION_EXPECTED = 'a commit SHA or a branch/tag name such as main, origin/main or HEAD~1';
const COMMIT_ID = /^[0-9a-f]{7,64}$/i;
const REF_COMPONENT = /^(?!\.)(?!.*\.lock$)[\p{L}\p{N}._+-]+$/u;
const STEPS = /(?:[~^]\d{0,4})*$/;
function isGitRevision(text) {
    if (text.length > 255 || text.startsWith('-'))
        return false;
    if (COMMIT_ID.test(text))
        return true;
    const name = text.replace(STEPS, '');
    if (name === '' || name.includes('..') || name.endsWith('.'))
        return false;
    return name.split('/').every((component) => REF_COMPONENT.test(component));
}
/** A revision as git reads it (`main`, `origin/main`, `HEAD~3`, `v1.2^{commit}`, a SHA, `@{upstream}`): never starting with `-`, so never an option. */
const REVISION = /^[A-Za-z0-9_@][A-Za-z0-9_@./~^{}+-]{0,199}$/;
/** `A`, `A..B` or `A...B`, each side a revision: a wider grammar than isGitRevision, for the commits a history scan reads. */
function isRevisionRange(text) {
    const sides = text.split(/\.{2,3}/);
    return sides.length <= 2 && sides.every((side) => REVISION.test(side));
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


/***/ }),

/***/ 7990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ isWithin)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/** True when `path` is `root` or lies under it (both absolute and resolved): how every action keeps a path input inside the workspace. */
function isWithin(path, root) {
    const fromRoot = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(root, path);
    return fromRoot === '' || (!fromRoot.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_0__.sep}`) && fromRoot !== '..' && !(0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(fromRoot));
}


/***/ }),

/***/ 3689:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ readRegularFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

/**
 * A file's bytes when it is a regular file of at most `maxBytes`, both checked on the open
 * handle before anything is read: a FIFO, a device such as /dev/zero or a file swapped since it
 * was listed neither blocks nor fills memory. Errors of the open itself (ENOENT, EACCES) are thrown.
 * Synchronous: a scan reads tens of thousands of small files, where blocking calls beat the
 * thread-pool round trips of asynchronous ones, and nothing else runs meanwhile.
 */
function readRegularFile(path, maxBytes) {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    const descriptor = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(descriptor);
        if (!stats.isFile())
            return { status: 'not-a-file' };
        if (stats.size > maxBytes)
            return { status: 'too-large', size: stats.size };
        return { status: 'read', content: (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(descriptor) };
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(descriptor);
    }
}


/***/ }),

/***/ 5289:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FH: () => (/* binding */ countUnsuppressedBySeverity),
/* harmony export */   Sj: () => (/* binding */ securityReportSchema),
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   qs: () => (/* binding */ severityRank)
/* harmony export */ });
/* unused harmony exports securityFindingSchema, SCANNER_STATUSES, scannerResultSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2857);

/**
 * The JSON report that security-scan writes and quality-gate reads (`security-report` input).
 * Kept minimal on purpose: a new field is added as optional, a breaking change bumps `version`.
 */
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const securityFindingSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    ruleId: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    severity: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(SEVERITIES),
    scanner: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    message: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    file: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    line: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive().optional(),
    suppressed: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    // Optional extensions written by security-scan; readers of version 1 may ignore them.
    fix: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    fixable: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional(),
    new: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional(),
    suppressedBy: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    match: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    package: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        version: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        advisory: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        fixVersion: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
        dependencyPath: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    })
        .optional(),
});
const SCANNER_STATUSES = ['ok', 'unavailable', 'not-scanned', 'skipped'];
const scannerResultSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    status: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(SCANNER_STATUSES),
    reason: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
});
const securityReportSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    version: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz(1),
    findings: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(securityFindingSchema),
    counts: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()).optional(),
    scanners: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), scannerResultSchema).optional(),
    passed: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional(),
});
/** Most severe first. */
function severityRank(severity) {
    return SEVERITIES.length - SEVERITIES.indexOf(severity);
}
/** Unsuppressed findings by severity: what a gate on findings counts. */
function countUnsuppressedBySeverity(report) {
    const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    for (const finding of report.findings)
        if (!finding.suppressed)
            counts[finding.severity] += 1;
    return counts;
}


/***/ }),

/***/ 656:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  folderInWorkspace: () => (/* binding */ folderInWorkspace),
  readPolicy: () => (/* binding */ readPolicy),
  run: () => (/* binding */ main_run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./actions/lib/run.ts
var run = __webpack_require__(7667);
// EXTERNAL MODULE: ./actions/lib/inputs.ts
var lib_inputs = __webpack_require__(7721);
// EXTERNAL MODULE: ./actions/lib/errors.ts
var errors = __webpack_require__(2863);
// EXTERNAL MODULE: ./actions/lib/outputs.ts
var outputs = __webpack_require__(3932);
// EXTERNAL MODULE: ./actions/lib/summary.ts
var summary = __webpack_require__(7834);
;// CONCATENATED MODULE: ./actions/quality-gate/src/annotations.ts
/**
 * GitHub shows at most 10 warnings and 10 errors per step, so each kind is capped and the
 * last slot says how many more there are. One error slot is left for the step's own failure.
 */
const MOST_WARNINGS = 10;
const MOST_ERRORS = 9;
function buildAnnotations(result) {
    const warnings = [];
    for (const file of result.changedLines?.files ?? []) {
        for (const range of file.uncoveredRanges) {
            const lines = range.start === range.end ? `Line ${range.start} is` : `Lines ${range.start}–${range.end} are`;
            warnings.push({
                level: 'warning',
                title: 'Changed lines not covered',
                message: `${lines} changed and not covered by tests${file.source === 'unreported' ? ' (the file is in no coverage report)' : ''}.`,
                file: file.path,
                startLine: range.start,
                endLine: range.end,
            });
        }
    }
    const errors = (result.tests?.failures ?? []).map((failure) => ({
        level: 'error',
        title: `Test failed: ${failure.name}`,
        message: failure.details || failure.message,
        ...(failure.file ? { file: failure.file } : {}),
        ...(failure.line ? { startLine: failure.line } : {}),
    }));
    for (const problem of result.lint?.located ?? []) {
        (problem.level === 'error' ? errors : warnings).push({
            level: problem.level,
            title: `Lint ${problem.level}${problem.rule ? `: ${problem.rule}` : ''}`,
            message: problem.message,
            file: problem.file,
            startLine: problem.line,
        });
    }
    return [
        ...capped(warnings, MOST_WARNINGS, (more) => `…and ${more} more warnings (uncovered changed lines, lint): see the job summary.`),
        ...capped(errors, MOST_ERRORS, (more) => `…and ${more} more errors (failed tests, lint): see the job summary.`),
    ];
}
function capped(annotations, most, note) {
    if (annotations.length <= most)
        return annotations;
    const kept = annotations.slice(0, most - 1);
    const first = annotations[0];
    return [...kept, { level: first?.level ?? 'warning', title: 'More in the job summary', message: note(annotations.length - kept.length) }];
}

// EXTERNAL MODULE: ./actions/lib/github.ts
var github = __webpack_require__(1691);
;// CONCATENATED MODULE: ./actions/quality-gate/src/comment.ts


/** GitHub refuses issue comments longer than this many characters. */
const COMMENT_LIMIT = 65_536;
const COMMENT_MARKER = '<!-- inventory-devops:quality-gate -->';
/** The PR comment: the marker that finds it again, the markdown, cut to GitHub's limit with a pointer to the full text. */
function renderComment(markdown, jobSummaryUrl) {
    const body = `${COMMENT_MARKER}\n${markdown}`;
    if (body.length <= COMMENT_LIMIT)
        return body;
    const note = `\n\n…cut to fit GitHub's comment limit: the full report is in the [job summary](${jobSummaryUrl}).\n`;
    const kept = body.slice(0, COMMENT_LIMIT - note.length);
    return `${kept.slice(0, Math.max(kept.lastIndexOf('\n'), COMMENT_MARKER.length))}${note}`;
}
/** The result as a comment on the pull request, updated in place on the next run; a token that may not comment is a warning, not a failure. */
async function postComment(inputs, markdown) {
    const { context } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const pullRequest = inputs['pull-request'] ?? context.payload.pull_request?.number;
    if (pullRequest === undefined) {
        core.info('Not a pull request event and no pull-request input: no PR comment.');
        return;
    }
    const token = inputs['github-token'];
    if (!token) {
        core.warning('No github-token: the result is in the job summary, not in a PR comment.');
        return;
    }
    const { owner, repo } = context.repo;
    const runUrl = `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`;
    const outcome = await (0,github/* upsertComment */.lB)(token, { owner, repo, issueNumber: pullRequest }, COMMENT_MARKER, renderComment(markdown, runUrl));
    if (outcome.outcome === 'not-permitted') {
        core.warning(`The token may not comment on this pull request (HTTP ${outcome.status}; pull requests from forks get a read-only token). ` +
            'The result is in the job summary; see the quality-gate README for commenting from a workflow_run workflow.');
    }
    else {
        core.info(`PR comment ${outcome.outcome}: ${outcome.url}`);
    }
}

;// CONCATENATED MODULE: ./actions/quality-gate/src/coverage.ts
function fileFromLines(path, lines, branchesFound, branchesHit) {
    let linesHit = 0;
    for (const hits of lines.values())
        if (hits > 0)
            linesHit += 1;
    return { path, lines, linesFound: lines.size, linesHit, branchesFound, branchesHit };
}
/**
 * Several reports (shards, languages) may name the same file: line hits add up. Branch
 * details are not kept per branch, so for a file in several reports the larger figures win.
 */
function mergeFiles(files) {
    const merged = new Map();
    for (const file of files) {
        const seen = merged.get(file.path);
        if (!seen) {
            merged.set(file.path, file);
            continue;
        }
        const branchesFound = Math.max(seen.branchesFound, file.branchesFound);
        const branchesHit = Math.max(seen.branchesHit, file.branchesHit);
        if (seen.lines && file.lines) {
            // A new map: the reports' own maps are never changed.
            const lines = new Map(seen.lines);
            for (const [line, hits] of file.lines)
                lines.set(line, (lines.get(line) ?? 0) + hits);
            merged.set(file.path, fileFromLines(file.path, lines, branchesFound, branchesHit));
        }
        else {
            merged.set(file.path, {
                path: file.path,
                lines: seen.lines ?? file.lines,
                linesFound: Math.max(seen.linesFound, file.linesFound),
                linesHit: Math.max(seen.linesHit, file.linesHit),
                branchesFound,
                branchesHit,
            });
        }
    }
    return merged;
}
function totals(files) {
    const sum = { linesFound: 0, linesHit: 0, branchesFound: 0, branchesHit: 0 };
    for (const file of files) {
        sum.linesFound += file.linesFound;
        sum.linesHit += file.linesHit;
        sum.branchesFound += file.branchesFound;
        sum.branchesHit += file.branchesHit;
    }
    return sum;
}
/** Percent rounded to two decimals (what is shown is what is compared); undefined when nothing is coverable. */
function percent(hit, found) {
    if (found === 0)
        return undefined;
    return Math.round((hit / found) * 10_000) / 100;
}

// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/fxp.js
var fxp = __webpack_require__(5824);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 26 modules
var XMLParser = __webpack_require__(9658);
;// CONCATENATED MODULE: ./actions/quality-gate/src/report-format.ts


/** What is wrong with a report's content; the loader adds which file it was. */
class ReportError extends Error {
    name = 'ReportError';
}
/**
 * Parses XML into plain objects, attributes as plain keys (strings), elements named in
 * `repeated` always as arrays. Malformed XML is a ReportError with the line of the problem.
 */
function parseXml(text, repeated) {
    const validation = fxp/* XMLValidator */.iI.validate(text);
    if (validation !== true) {
        throw new ReportError(`not well-formed XML (line ${validation.err.line}: ${validation.err.msg})`);
    }
    const arrays = new Set(repeated);
    const parser = new XMLParser/* default */.A({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        parseAttributeValue: false,
        parseTagValue: false,
        processEntities: true,
        htmlEntities: true,
        isArray: (name) => arrays.has(name),
    });
    try {
        return parser.parse(text);
    }
    catch (error) {
        // The parser's own limits (nesting depth, entity expansion) throw plain Errors: still the report's fault.
        throw new ReportError(`XML the parser refuses (${(0,errors/* describeError */.Uc)(error)})`);
    }
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new ReportError(`not valid JSON (${(0,errors/* describeError */.Uc)(error)})`);
    }
}
function isNode(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function nodes(value) {
    if (Array.isArray(value))
        return value.filter(isNode);
    return isNode(value) ? [value] : [];
}
/** Like nodes(), keeping text-only elements (`<failure>stack</failure>`) as `{'#text': …}`. */
function report_format_elements(value) {
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return list.map((item) => (isNode(item) ? item : { '#text': typeof item === 'string' ? item : '' }));
}
function report_format_text(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number')
        return String(value);
    if (isNode(value) && typeof value['#text'] === 'string')
        return value['#text'];
    return undefined;
}
/**
 * Every figure read from a report goes through here: a whole number of at least 0, written
 * as a JSON number or as digits. NaN, ±Infinity (a JSON `1e400` parses to Infinity),
 * negatives, fractions, "Unknown" and empty text are undefined: never a figure to judge.
 */
function wholeNumber(value) {
    const written = isNode(value) ? value['#text'] : typeof value === 'string' ? value.trim() : value;
    const parsed = typeof written === 'number' ? written : typeof written === 'string' && /^\d+$/.test(written) ? Number(written) : Number.NaN;
    return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}
/** A count (hits, lines, branches) the report must give: anything but a whole number is the report's error; `where` names the record. */
function count(value, where) {
    const parsed = wholeNumber(value);
    if (parsed === undefined)
        throw new ReportError(`${where}: expected a whole number, got ${abbreviated(value)}`);
    return parsed;
}
/** A count of what was hit among what was found: both counts, and no more hit than found. */
function hitOfFound(hit, found, where) {
    const counts = { hit: count(hit, where), found: count(found, where) };
    if (counts.hit > counts.found)
        throw new ReportError(`${where}: ${counts.hit} covered of ${counts.found}, more than there are`);
    return counts;
}
/** A line to annotate (1 or more), or undefined when the report gives none or nothing usable. */
function lineNumber(value) {
    const parsed = wholeNumber(value);
    return parsed !== undefined && parsed >= 1 && Number.isSafeInteger(parsed) ? parsed : undefined;
}
function abbreviated(value) {
    const shown = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
    return shown.length > 40 ? `${shown.slice(0, 39)}…` : shown;
}

;// CONCATENATED MODULE: ./actions/quality-gate/src/coverage-parsers.ts


/** Detects the format from the content (not the file name) and parses it. */
function parseCoverage(content) {
    const start = content.trimStart();
    if (start.startsWith('{'))
        return parseIstanbul(parseJson(start));
    if (start.startsWith('<'))
        return parseCoverageXml(start);
    if (/^(TN|SF):/m.test(start))
        return parseLcov(start);
    throw new ReportError('not a coverage report in a known format (lcov, cobertura, istanbul JSON, clover, JaCoCo)');
}
function report(format, files, sourceRoots = []) {
    return { format, files, sourceRoots };
}
/** lcov is a line format simple enough that a library would add more than it saves. */
function parseLcov(content) {
    const files = [];
    let path;
    let lines = new Map();
    let branchesFound = 0;
    let branchesHit = 0;
    let branchesFromRecords = false;
    let lineNumber = 0;
    let start = 0;
    while (start < content.length) {
        let end = content.indexOf('\n', start);
        if (end === -1)
            end = content.length;
        const line = content.slice(start, content[end - 1] === '\r' ? end - 1 : end);
        start = end + 1;
        lineNumber += 1;
        const colon = line.indexOf(':');
        const tag = colon === -1 ? line : line.slice(0, colon);
        const value = line.slice(colon + 1);
        if (tag === 'SF') {
            path = value;
            lines = new Map();
            branchesFound = branchesHit = 0;
            branchesFromRecords = false;
        }
        else if (tag === 'end_of_record') {
            if (path === undefined)
                throw new ReportError(`line ${lineNumber}: end_of_record without SF`);
            if (branchesHit > branchesFound)
                throw new ReportError(`the record of "${path}": BRH ${branchesHit} is more than BRF ${branchesFound}`);
            files.push(fileFromLines(path, lines, branchesFound, branchesHit));
            path = undefined;
        }
        else if (tag === 'DA') {
            const [number, hits] = value.split(',');
            const lineNo = wholeNumber(number);
            const hitCount = wholeNumber(hits);
            if (path === undefined || lineNo === undefined || hitCount === undefined) {
                throw new ReportError(`line ${lineNumber}: malformed "${line.slice(0, 60)}" (expected DA:<line>,<hits> with whole numbers, inside an SF record)`);
            }
            lines.set(lineNo, (lines.get(lineNo) ?? 0) + hitCount);
        }
        else if (tag === 'BRDA') {
            const taken = value.slice(value.lastIndexOf(',') + 1);
            branchesFromRecords = true;
            branchesFound += 1;
            if (taken !== '-' && count(taken, `line ${lineNumber} (${line.slice(0, 60)})`) > 0)
                branchesHit += 1;
        }
        else if (tag === 'BRF' || tag === 'BRH' || tag === 'LF' || tag === 'LH') {
            // LF/LH are not used (the DA records are), but a total that is not a count means a broken writer.
            const total = count(value, `line ${lineNumber} (${line.slice(0, 60)})`);
            if (tag === 'BRF' && !branchesFromRecords)
                branchesFound = total;
            if (tag === 'BRH' && !branchesFromRecords)
                branchesHit = total;
        }
    }
    if (path !== undefined)
        throw new ReportError(`the record of "${path}" has no end_of_record (truncated file?)`);
    return report('lcov', files);
}
function parseIstanbul(json) {
    if (!isNode(json))
        throw new ReportError('expected a JSON object keyed by file');
    const entries = Object.entries(json);
    if (isNode(json.total))
        return parseIstanbulSummary(entries);
    if (entries.length === 0 || entries.every(([, value]) => isNode(value) && isNode(value.statementMap))) {
        return report('istanbul-final', entries.map(([key, value]) => istanbulFile(key, value)));
    }
    throw new ReportError('a JSON object that is neither istanbul coverage-final.json (statementMap per file) nor coverage-summary.json (total)');
}
function istanbulFile(key, entry) {
    const path = typeof entry.path === 'string' ? entry.path : key;
    const statements = entry.statementMap;
    const hitsById = isNode(entry.s) ? entry.s : {};
    const lines = new Map();
    // As istanbul's own getLineCoverage: a line's count is the largest of the statements starting on it.
    for (const [id, statement] of Object.entries(statements)) {
        const where = `"${path}" statement ${id}`;
        const line = count(isNode(statement) && isNode(statement.start) ? statement.start.line : undefined, `${where} start line`);
        const hits = count(hitsById[id], `${where} count`);
        lines.set(line, Math.max(lines.get(line) ?? 0, hits));
    }
    let branchesFound = 0;
    let branchesHit = 0;
    for (const [id, counts] of Object.entries(isNode(entry.b) ? entry.b : {})) {
        if (!Array.isArray(counts))
            throw new ReportError(`"${path}": branch counts are not arrays`);
        branchesFound += counts.length;
        branchesHit += counts.filter((hits) => count(hits, `"${path}" branch ${id}`) > 0).length;
    }
    return fileFromLines(path, lines, branchesFound, branchesHit);
}
function parseIstanbulSummary(entries) {
    const files = [];
    for (const [path, value] of entries) {
        if (path === 'total')
            continue;
        const lines = isNode(value) && isNode(value.lines) ? value.lines : undefined;
        const branches = isNode(value) && isNode(value.branches) ? value.branches : undefined;
        if (!lines)
            throw new ReportError(`"${path}": expected lines.total and lines.covered`);
        // `pct` is not read: istanbul writes "Unknown" for 0 of 0, and the counts say the same.
        const lineCounts = hitOfFound(lines.covered, lines.total, `"${path}" lines`);
        const branchCounts = branches ? hitOfFound(branches.covered, branches.total, `"${path}" branches`) : { hit: 0, found: 0 };
        files.push({
            path,
            lines: undefined,
            linesFound: lineCounts.found,
            linesHit: lineCounts.hit,
            branchesFound: branchCounts.found,
            branchesHit: branchCounts.hit,
        });
    }
    return report('istanbul-summary', files);
}
const XML_REPEATED = ['source', 'package', 'class', 'line', 'file', 'sourcefile', 'counter'];
function parseCoverageXml(content) {
    const root = parseXml(content, XML_REPEATED);
    if (isNode(root.report))
        return parseJacoco(root.report);
    const coverage = root.coverage;
    if (isNode(coverage) && isNode(coverage.project))
        return parseClover(coverage.project);
    if (isNode(coverage) && (isNode(coverage.packages) || 'line-rate' in coverage))
        return parseCobertura(coverage);
    throw new ReportError('XML that is not a coverage report (expected cobertura <coverage line-rate>, clover <coverage><project> or JaCoCo <report>)');
}
function parseCobertura(coverage) {
    const sourceRoots = nodes(coverage.sources).flatMap((sources) => (Array.isArray(sources.source) ? sources.source : [])
        .map(report_format_text)
        .filter((root) => !!root?.trim())
        .map((root) => root.trim()));
    const files = [];
    for (const pkg of nodes(isNode(coverage.packages) ? coverage.packages.package : undefined)) {
        for (const cls of nodes(isNode(pkg.classes) ? pkg.classes.class : undefined)) {
            const path = report_format_text(cls.filename);
            if (!path)
                throw new ReportError(`class "${report_format_text(cls.name) ?? '?'}" has no filename`);
            const lines = new Map();
            let branchesFound = 0;
            let branchesHit = 0;
            for (const line of nodes(isNode(cls.lines) ? cls.lines.line : undefined)) {
                const where = `${path} line ${report_format_text(line.number) ?? '?'}`;
                lines.set(count(line.number, where), count(line.hits, where));
                const conditions = /\((\d+)\/(\d+)\)/.exec(report_format_text(line['condition-coverage']) ?? '');
                if (report_format_text(line.branch) === 'true' && conditions) {
                    const taken = hitOfFound(conditions[1], conditions[2], `${where} condition-coverage`);
                    branchesHit += taken.hit;
                    branchesFound += taken.found;
                }
            }
            files.push(fileFromLines(path, lines, branchesFound, branchesHit));
        }
    }
    return report('cobertura', files, sourceRoots);
}
function parseClover(project) {
    const fileNodes = [...nodes(project.file), ...nodes(project.package).flatMap((pkg) => nodes(pkg.file))];
    const files = fileNodes.map((file) => {
        const path = report_format_text(file.path) ?? report_format_text(file.name);
        if (!path)
            throw new ReportError('a <file> without path or name');
        const lines = new Map();
        for (const line of nodes(file.line)) {
            const type = report_format_text(line.type);
            if (type !== 'stmt' && type !== 'cond')
                continue;
            const where = `${path} line ${report_format_text(line.num) ?? '?'}`;
            const number = count(line.num, where);
            lines.set(number, Math.max(lines.get(number) ?? 0, count(line.count ?? '0', where)));
        }
        const metrics = isNode(file.metrics) ? file.metrics : {};
        const conditionals = hitOfFound(metrics.coveredconditionals ?? '0', metrics.conditionals ?? '0', `${path} metrics`);
        return fileFromLines(path, lines, conditionals.found, conditionals.hit);
    });
    return report('clover', files);
}
function parseJacoco(reportNode) {
    const files = [];
    for (const pkg of nodes(reportNode.package)) {
        const folder = report_format_text(pkg.name) ?? '';
        for (const source of nodes(pkg.sourcefile)) {
            const name = report_format_text(source.name);
            if (!name)
                throw new ReportError(`a <sourcefile> without name in package "${folder}"`);
            const path = folder ? `${folder}/${name}` : name;
            const lines = new Map();
            let branchesFound = 0;
            let branchesHit = 0;
            for (const line of nodes(source.line)) {
                const where = `${path} line ${report_format_text(line.nr) ?? '?'}`;
                const missed = count(line.mi, where);
                const covered = count(line.ci, where);
                if (missed + covered > 0)
                    lines.set(count(line.nr, where), covered);
                branchesHit += count(line.cb ?? '0', where);
                branchesFound += count(line.cb ?? '0', where) + count(line.mb ?? '0', where);
            }
            files.push(fileFromLines(path, lines, branchesFound, branchesHit));
        }
    }
    return report('jacoco', files);
}

;// CONCATENATED MODULE: ./actions/quality-gate/src/diff.ts
/**
 * Reads `git diff --unified=0` output: for each file still present after the change, the
 * line numbers on the new side of `+` lines. Deleted files and `-` lines do not count, and
 * neither do binary files (nothing to cover). The format is small enough to read by hand.
 */
function parseUnifiedDiff(diff) {
    const files = [];
    let current;
    let nextLine = 0;
    let renamedFrom;
    // Header lines ("+++ b/x") are told from content lines ("+++x" adding "++x") by position.
    let inHeader = false;
    for (const line of diff.split('\n')) {
        if (line.startsWith('diff --git ')) {
            current = undefined;
            renamedFrom = undefined;
            inHeader = true;
        }
        else if (inHeader && (line.startsWith('rename from ') || line.startsWith('copy from '))) {
            renamedFrom = unquote(line.slice(line.indexOf(' from ') + 6));
        }
        else if (inHeader && line.startsWith('+++ ')) {
            const target = line.slice(4);
            if (target === '/dev/null')
                continue;
            current = { path: stripPrefix(unquote(target)), addedLines: [] };
            if (renamedFrom !== undefined)
                current.previousPath = renamedFrom;
            files.push(current);
        }
        else if (line.startsWith('@@')) {
            const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
            if (!hunk)
                throw new Error(`Unexpected hunk header in git diff: ${line}`);
            nextLine = Number(hunk[1]);
            inHeader = false;
        }
        else if (current && line.startsWith('+')) {
            if (line.slice(1).trim() !== '')
                current.addedLines.push(nextLine);
            nextLine += 1;
        }
        else if (current && line.startsWith(' ')) {
            nextLine += 1;
        }
    }
    return files;
}
function stripPrefix(path) {
    return path.startsWith('b/') ? path.slice(2) : path;
}
/** git quotes paths with unusual characters as C strings: "a\tb" or octal UTF-8 bytes "caf\303\251". */
function unquote(path) {
    if (!path.startsWith('"') || !path.endsWith('"'))
        return path;
    const bytes = [];
    const body = path.slice(1, -1);
    const escapes = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
    for (let index = 0; index < body.length; index++) {
        const char = body[index] ?? '';
        if (char !== '\\') {
            bytes.push(...Buffer.from(char, 'utf8'));
            continue;
        }
        const next = body[index + 1] ?? '';
        if (/[0-7]/.test(next)) {
            bytes.push(parseInt(body.slice(index + 1, index + 4), 8));
            index += 3;
        }
        else {
            bytes.push(escapes[next] ?? next.charCodeAt(0));
            index += 1;
        }
    }
    return Buffer.from(bytes).toString('utf8');
}

// EXTERNAL MODULE: ./actions/lib/security-report.ts
var security_report = __webpack_require__(5289);
;// CONCATENATED MODULE: ./actions/quality-gate/src/changed-lines.ts
/**
 * Coverage of the changed lines: a changed line counts when the report lists it as
 * coverable (blank lines, comments and declarations are not); a changed source file that
 * no report mentions counts every changed line as uncovered (see createSourceFileRule).
 */
function changedLinesCoverage(changes, coverageByPath, isUnreportedSource) {
    const result = { coverable: 0, covered: 0, files: [], withoutLineDetail: [] };
    for (const change of changes) {
        if (change.addedLines.length === 0)
            continue;
        const coverage = coverageByPath.get(change.path);
        let file;
        if (coverage?.lines) {
            file = { path: change.path, coverable: 0, covered: 0, uncoveredLines: [], source: 'measured' };
            for (const line of change.addedLines) {
                const hits = coverage.lines.get(line);
                if (hits === undefined)
                    continue;
                file.coverable += 1;
                if (hits > 0)
                    file.covered += 1;
                else
                    file.uncoveredLines.push(line);
            }
            if (file.coverable === 0)
                continue;
        }
        else if (coverage) {
            result.withoutLineDetail.push(change.path);
            continue;
        }
        else if (isUnreportedSource(change.path)) {
            file = { path: change.path, coverable: change.addedLines.length, covered: 0, uncoveredLines: [...change.addedLines], source: 'unreported' };
        }
        else {
            continue;
        }
        result.coverable += file.coverable;
        result.covered += file.covered;
        result.files.push(file);
    }
    return result;
}
/**
 * Groups uncovered lines into ranges for annotations: two uncovered lines join when no
 * coverable line lies between them (a blank line or comment does not split a range).
 */
function uncoveredRanges(file, coverage) {
    const isCoverable = (line) => (coverage?.lines ? coverage.lines.has(line) : true);
    const ranges = [];
    for (const line of file.uncoveredLines) {
        const last = ranges[ranges.length - 1];
        let joins = last !== undefined;
        for (let between = (last?.end ?? line) + 1; joins && between < line; between++)
            if (isCoverable(between))
                joins = false;
        if (last && joins)
            last.end = line;
        else
            ranges.push({ start: line, end: line });
    }
    return ranges;
}

;// CONCATENATED MODULE: ./actions/quality-gate/src/conditions.ts

function evaluateConditions(policy, facts, options = { allowEmptyReports: false }) {
    const results = [];
    const check = (condition, measured) => {
        if ('missing' in measured && measured.empty && !options.allowEmptyReports) {
            results.push({ ...condition, status: 'fail', reason: `${measured.missing}: nothing to judge (allow-empty-reports: true accepts that)` });
            return;
        }
        if ('missing' in measured) {
            const reason = measured.empty ? `${measured.missing} (allow-empty-reports)` : measured.missing;
            results.push({ ...condition, status: 'skipped', reason, ...(measured.notGiven ? { notGiven: true } : {}) });
            return;
        }
        const { value } = measured;
        const passed = condition.comparison === '≥' ? value >= condition.threshold : value <= condition.threshold;
        results.push({ ...condition, value, status: passed ? 'pass' : 'fail' });
    };
    const minCoverage = policy['min-coverage'];
    if (minCoverage !== undefined) {
        check({ name: 'min-coverage', label: 'Line coverage', comparison: '≥', threshold: minCoverage, unit: '%' }, measure(facts.coverage, ({ lines }) => ({ value: lines })));
    }
    const minBranch = policy['min-branch-coverage'];
    if (minBranch !== undefined) {
        check({ name: 'min-branch-coverage', label: 'Branch coverage', comparison: '≥', threshold: minBranch, unit: '%' }, measure(facts.coverage, ({ branches }) => branches));
    }
    const fewest = policy['min-changed-lines'];
    check({ name: 'min-changed-lines-coverage', label: 'Changed lines coverage', comparison: '≥', threshold: policy['min-changed-lines-coverage'], unit: '%' }, measure(facts.changedLines, ({ coverable, percent }) => coverable < fewest
        ? { missing: `${coverable} coverable line${coverable === 1 ? '' : 's'} changed, fewer than min-changed-lines (${fewest})` }
        : percent === undefined
            ? { missing: 'no coverable line changed' }
            : { value: percent }));
    const maxDrop = policy['max-coverage-drop'];
    if (maxDrop !== undefined) {
        check({ name: 'max-coverage-drop', label: 'Coverage drop against the base', comparison: '≤', threshold: maxDrop, unit: ' pp' }, measure(facts.baseCoverage, (base) => measure(facts.coverage, ({ lines }) => ({ value: Math.round((base - lines) * 100) / 100 }))));
    }
    check({ name: 'max-failed-tests', label: 'Failed tests', comparison: '≤', threshold: policy['max-failed-tests'], unit: '' }, measure(facts.failedTests, (failed) => ({ value: failed })));
    check({ name: 'max-lint-errors', label: 'Lint errors', comparison: '≤', threshold: policy['max-lint-errors'], unit: '' }, measure(facts.lint, ({ errors }) => ({ value: errors })));
    const maxWarnings = policy['max-lint-warnings'];
    if (maxWarnings !== undefined) {
        check({ name: 'max-lint-warnings', label: 'Lint warnings', comparison: '≤', threshold: maxWarnings, unit: '' }, measure(facts.lint, ({ warnings }) => ({ value: warnings })));
    }
    for (const severity of security_report/* SEVERITIES */.oC) {
        const max = policy['max-security-findings'][severity];
        if (max === undefined)
            continue;
        check({ name: `max-security-findings.${severity}`, label: `Security findings (${severity})`, comparison: '≤', threshold: max, unit: '' }, measure(facts.security, (counts) => ({ value: counts[severity] })));
    }
    return results;
}
function measure(measured, read) {
    return 'missing' in measured ? measured : read(measured.value);
}

;// CONCATENATED MODULE: ./actions/quality-gate/src/paths.ts

/**
 * Maps a path written in a report to the repository-relative path git uses, so reports
 * written in another folder or on another machine match the diff. In order:
 * 1. under the repository root → relative to it;
 * 2. the longest tail of the path that is a tracked file (`/home/ci/build/src/a.ts` → `src/a.ts`);
 * 3. a relative path that is the tail of exactly one tracked file (JaCoCo's `com/acme/A.java`
 *    → `src/main/java/com/acme/A.java`).
 * A path that matches nothing is returned cleaned but unmatched.
 */
function createPathNormaliser(repoRoot, trackedFiles) {
    const tracked = new Set(trackedFiles);
    const root = clean(repoRoot).replace(/\/+$/, '');
    let byBaseName;
    function tailOfOneTrackedFile(path) {
        if (!byBaseName) {
            byBaseName = new Map();
            for (const file of trackedFiles) {
                const name = external_node_path_.posix.basename(file);
                byBaseName.set(name, [...(byBaseName.get(name) ?? []), file]);
            }
        }
        const candidates = (byBaseName.get(external_node_path_.posix.basename(path)) ?? []).filter((file) => file === path || file.endsWith(`/${path}`));
        return candidates.length === 1 ? candidates[0] : undefined;
    }
    function normalise(rawPath) {
        let path = clean(rawPath);
        if (root && path.startsWith(`${root}/`))
            path = path.slice(root.length + 1);
        if (tracked.has(path))
            return { path, tracked: true };
        const segments = path.split('/');
        for (let first = 1; first < segments.length; first++) {
            const tail = segments.slice(first).join('/');
            if (tracked.has(tail))
                return { path: tail, tracked: true };
        }
        if (!external_node_path_.posix.isAbsolute(path) && !/^[A-Za-z]:\//.test(path)) {
            const file = tailOfOneTrackedFile(path);
            if (file)
                return { path: file, tracked: true };
        }
        return { path, tracked: false };
    }
    /** Tries each source root of the report (cobertura `<source>`) before the path alone. */
    return function normaliseInReport(rawPath, sourceRoots = []) {
        for (const sourceRoot of sourceRoots) {
            if (external_node_path_.posix.isAbsolute(clean(rawPath)))
                break;
            const joined = normalise(external_node_path_.posix.join(clean(sourceRoot), clean(rawPath)));
            if (joined.tracked)
                return joined;
        }
        return normalise(rawPath);
    };
}
function clean(path) {
    return external_node_path_.posix.normalize(path.replace(/^file:\/\//, '').replace(/\\/g, '/')).replace(/^\.\//, '');
}
const TEST_FILE = [/(^|\/)(__tests__|__mocks__|tests?|spec|fixtures?)\//, /\.(test|spec)\.[^/]+$/, /(^|\/)test_[^/]*\.py$/, /_test\.(py|go)$/, /\.d\.ts$/];
/**
 * Decides whether a changed file that no coverage report mentions is a source file the
 * reports should have seen (it then counts as uncovered) or something coverage never
 * measures (docs, config, tests). It is one when all hold:
 * - its extension is one that the reports cover (`.ts` when they list `.ts` files);
 * - it is not a test, fixture or type declaration by its name;
 * - it lies in the folder the reports cover for its top-level folder: the deepest folder
 *   holding every reported file that shares its first path segment (`src/` when the
 *   reports list `src/a/x.ts` and `src/b/y.ts`); a report of root-level files covers the root.
 */
function createSourceFileRule(reportedPaths) {
    const extensions = new Set();
    const folderByTop = new Map();
    for (const path of reportedPaths) {
        extensions.add(external_node_path_.posix.extname(path).toLowerCase());
        const folder = external_node_path_.posix
            .dirname(path)
            .split('/')
            .filter((segment) => segment !== '.');
        const top = folder[0] ?? '';
        const known = folderByTop.get(top);
        folderByTop.set(top, known ? commonPrefix(known, folder) : folder);
    }
    return (path) => {
        if (!extensions.has(external_node_path_.posix.extname(path).toLowerCase()))
            return false;
        if (TEST_FILE.some((pattern) => pattern.test(path)))
            return false;
        const folder = external_node_path_.posix
            .dirname(path)
            .split('/')
            .filter((segment) => segment !== '.');
        const covered = folderByTop.get(folder[0] ?? '');
        if (!covered)
            return false;
        if (covered.length === 0)
            return folder.length === 0;
        return covered.every((segment, index) => folder[index] === segment);
    };
}
function commonPrefix(a, b) {
    let length = 0;
    while (length < a.length && length < b.length && a[length] === b[length])
        length += 1;
    return a.slice(0, length);
}

;// CONCATENATED MODULE: ./actions/quality-gate/src/gate.ts





function evaluateGate(input) {
    const normalise = createPathNormaliser(input.repoRoot, input.trackedFiles);
    const result = { passed: true, conditions: [], skipped: [] };
    const facts = {
        coverage: { missing: 'no coverage report' },
        baseCoverage: { missing: 'no base coverage report' },
        changedLines: { missing: 'no coverage report' },
        failedTests: { missing: 'no test results' },
        lint: { missing: 'no lint results' },
        security: { missing: 'no security report' },
    };
    let coverageByPath;
    if ('value' in input.coverage) {
        const pathsNotInRepository = new Set();
        coverageByPath = mergeFiles(input.coverage.value.flatMap((report) => report.files.map((file) => {
            const { path, tracked } = normalise(file.path, [...report.sourceRoots, input.workingDirectory]);
            if (!tracked)
                pathsNotInRepository.add(path);
            return { ...file, path };
        })));
        const sum = totals(coverageByPath.values());
        const lines = percent(sum.linesHit, sum.linesFound);
        const branches = percent(sum.branchesHit, sum.branchesFound);
        result.coverage = { ...sum, lines, branches, files: coverageByPath.size, pathsNotInRepository: [...pathsNotInRepository].sort() };
        const reports = named('coverage report', input.coverage.value);
        if (lines === undefined) {
            facts.coverage = facts.changedLines = { missing: `${reports} no coverable lines`, empty: true };
            coverageByPath = undefined;
        }
        else {
            facts.coverage = { value: { lines, branches: branches === undefined ? { missing: `${reports} no branches`, empty: true } : { value: branches } } };
        }
    }
    else {
        facts.coverage = facts.changedLines = input.coverage;
    }
    if ('value' in input.baseCoverage) {
        const sum = totals(input.baseCoverage.value.files);
        const base = percent(sum.linesHit, sum.linesFound);
        facts.baseCoverage =
            base === undefined ? { missing: `${named('base coverage report', [input.baseCoverage.value])} no coverable lines`, empty: true } : { value: base };
    }
    else {
        facts.baseCoverage = input.baseCoverage;
    }
    if (coverageByPath && 'value' in input.changes) {
        const byPath = coverageByPath;
        const changed = changedLinesCoverage(input.changes.value.files, byPath, createSourceFileRule(byPath.keys()));
        const changedPercent = percent(changed.covered, changed.coverable);
        result.changedLines = {
            base: input.changes.value.base,
            coverable: changed.coverable,
            covered: changed.covered,
            ...(changedPercent === undefined ? {} : { percent: changedPercent }),
            files: changed.files.map((file) => ({ ...file, uncoveredRanges: uncoveredRanges(file, byPath.get(file.path)) })),
            withoutLineDetail: changed.withoutLineDetail,
        };
        facts.changedLines = { value: { coverable: changed.coverable, percent: changedPercent } };
        if (changed.withoutLineDetail.length > 0) {
            result.skipped.push(`${changed.withoutLineDetail.length} changed file(s) are only in a report without line detail (coverage-summary.json), so their changed lines are not measured.`);
        }
    }
    else if (coverageByPath && 'missing' in input.changes) {
        facts.changedLines = input.changes;
    }
    if ('value' in input.tests) {
        const tests = { total: 0, failed: 0, skipped: 0, failures: [] };
        for (const report of input.tests.value) {
            tests.total += report.total;
            tests.failed += report.failed;
            tests.skipped += report.skipped;
            tests.failures.push(...report.failures.map((failure) => (failure.file ? { ...failure, file: normalise(failure.file, [input.workingDirectory]).path } : failure)));
        }
        result.tests = tests;
        facts.failedTests = tests.total === 0 ? { missing: `${named('JUnit report', input.tests.value)} no tests`, empty: true } : { value: tests.failed };
    }
    else {
        facts.failedTests = input.tests;
    }
    if ('value' in input.lint) {
        const lint = { errors: 0, warnings: 0 };
        for (const report of input.lint.value) {
            lint.errors += report.errors;
            lint.warnings += report.warnings;
        }
        const changed = 'value' in input.changes ? new Map(input.changes.value.files.map((file) => [file.path, new Set(file.addedLines)])) : undefined;
        const located = input.lint.value
            .flatMap((report) => report.problems)
            .flatMap((problem) => problem.file && problem.line ? [{ ...problem, file: normalise(problem.file, [input.workingDirectory]).path, line: problem.line }] : [])
            .filter((problem) => !changed || changed.get(problem.file)?.has(problem.line));
        result.lint = { ...lint, located, scope: changed ? 'changed lines' : 'all lines' };
        facts.lint = { value: lint };
    }
    else {
        facts.lint = input.lint;
    }
    if ('value' in input.security) {
        result.security = (0,security_report/* countUnsuppressedBySeverity */.FH)(input.security.value);
        facts.security = { value: result.security };
    }
    else {
        facts.security = input.security;
    }
    result.conditions = evaluateConditions(input.policy, facts, { allowEmptyReports: input.allowEmptyReports ?? false });
    result.passed = result.conditions.every((condition) => condition.status !== 'fail');
    for (const condition of result.conditions) {
        if (condition.status === 'skipped')
            result.skipped.push(`${condition.name} not checked: ${condition.reason}.`);
    }
    return result;
}
/** `the coverage report "lcov.info" lists` / `the coverage reports "a.info", "b.info" list`, for what reports hold no data. */
function named(kind, reports) {
    const files = reports.flatMap((report) => (report.file ? [`"${report.file}"`] : []));
    const shown = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
    return reports.length === 1 ? `the ${kind}${shown ? ` ${shown}` : ''} lists` : `the ${kind}s${shown ? ` ${shown}` : ''} list`;
}

// EXTERNAL MODULE: ./actions/lib/git.ts
var git = __webpack_require__(8850);
;// CONCATENATED MODULE: ./actions/quality-gate/src/git.ts


const FETCH_DEPTH_HINT = 'Check out the full history with `fetch-depth: 0` on actions/checkout (or fetch the base commit), or set base-ref.';
/** The repository root, or undefined when the folder is not in a git work tree. */
async function repositoryRoot(cwd) {
    const { exitCode, stdout } = await (0,git/* git */.$Y)(cwd, ['rev-parse', '--show-toplevel']);
    return exitCode === 0 ? stdout.trim() : undefined;
}
async function trackedFiles(root) {
    const { exitCode, stdout, stderr } = await (0,git/* git */.$Y)(root, ['ls-files', '-z']);
    if (exitCode !== 0)
        throw new Error(`git ls-files failed: ${stderr}`);
    return stdout.split('\0').filter(Boolean);
}
/**
 * `git diff <base>...HEAD`: the changes since the merge base, which on a pull request's
 * merge commit and on its head are both the pull request's changes.
 */
async function diffAgainst(root, base, from) {
    // Checked here too, not only as the base-ref input: the pull request's base comes from the event.
    if (!(0,git/* isGitRevision */.Qw)(base))
        throw new errors/* ConfigurationError */.j1(`The base "${base.slice(0, 80)}" (${from}) is not ${git/* GIT_REVISION_EXPECTED */.uj}.`);
    const exists = await (0,git/* git */.$Y)(root, ['cat-file', '-e'], { revisions: [`${base}^{commit}`] });
    if (exists.exitCode !== 0) {
        throw new errors/* ConfigurationError */.j1(`The base commit "${base}" (${from}) is not in this clone (a shallow checkout?), so the changed lines cannot be found. ${FETCH_DEPTH_HINT}`);
    }
    const { exitCode, stdout, stderr } = await (0,git/* git */.$Y)(root, ['-c', 'core.quotePath=false', 'diff', '--unified=0', '--find-renames', '--no-color', '--no-ext-diff'], {
        revisions: [`${base}...HEAD`],
        noPaths: true,
    });
    if (exitCode !== 0) {
        throw new errors/* ConfigurationError */.j1(`git diff against "${base}" failed (${stderr}). With a shallow clone the merge base may be missing: ${FETCH_DEPTH_HINT}`);
    }
    return stdout;
}

;// CONCATENATED MODULE: ./actions/quality-gate/src/inputs.ts



const PERCENT = { min: 0, max: 100 };
const SEVERITY_LIMITS = 'limits by severity such as critical=0,high=0';
const SEVERITY_LIMIT = new RegExp(`^(${security_report/* SEVERITIES */.oC.join('|')})\\s*=\\s*(\\d+)$`);
/**
 * The conditions have no defaults here: an input left unset lets the policy file decide,
 * and the defaults (DEFAULT_POLICY) apply only when neither sets a condition.
 */
const qualityGateInputs = {
    'coverage-files': lib_inputs/* input */.h.globs('coverage report globs, newline or comma separated').optional(),
    'test-results': lib_inputs/* input */.h.globs('JUnit XML globs, newline or comma separated').optional(),
    'lint-results': lib_inputs/* input */.h.globs('ESLint JSON or SARIF globs, newline or comma separated').optional(),
    'security-report': lib_inputs/* input */.h.path('the path of a security-scan JSON report').optional(),
    'base-ref': lib_inputs/* input */.h.text(git/* GIT_REVISION_EXPECTED */.uj).refine(git/* isGitRevision */.Qw, { error: git/* GIT_REVISION_EXPECTED */.uj }).optional(),
    'base-coverage-file': lib_inputs/* input */.h.path('the path of a coverage report of the base').optional(),
    'min-coverage': lib_inputs/* input */.h.number(PERCENT).optional(),
    'min-branch-coverage': lib_inputs/* input */.h.number(PERCENT).optional(),
    'min-changed-lines-coverage': lib_inputs/* input */.h.number(PERCENT).optional(),
    'min-changed-lines': lib_inputs/* input */.h.integer({ min: 0 }).optional(),
    'max-coverage-drop': lib_inputs/* input */.h.number(PERCENT).optional(),
    'max-failed-tests': lib_inputs/* input */.h.integer({ min: 0 }).optional(),
    'max-lint-errors': lib_inputs/* input */.h.integer({ min: 0 }).optional(),
    'max-lint-warnings': lib_inputs/* input */.h.integer({ min: 0 }).optional(),
    'max-security-findings': lib_inputs/* input */.h
        .list(SEVERITY_LIMITS)
        .refine((items) => items.every((item) => SEVERITY_LIMIT.test(item)), { error: `${SEVERITY_LIMITS} (severities: ${security_report/* SEVERITIES */.oC.join(', ')})` })
        .transform((items) => Object.fromEntries(items.map((item) => {
        const [, severity = '', limit = ''] = SEVERITY_LIMIT.exec(item) ?? [];
        return [severity, Number(limit)];
    })))
        .optional(),
    'policy-file': lib_inputs/* input */.h.path('the path of a YAML policy file').optional(),
    'allow-missing': lib_inputs/* input */.h.boolean().default(false),
    'allow-empty-reports': lib_inputs/* input */.h.boolean().default(false),
    comment: lib_inputs/* input */.h.boolean().default(true),
    'pull-request': lib_inputs/* input */.h.integer({ min: 1 }).optional(),
    // It goes into an HTTP header: whitespace or control characters there are a mistake (or an attempt to add a header).
    'github-token': lib_inputs/* input */.h
        .text('a GitHub token')
        .refine((token) => /^[\x21-\x7e]{1,4096}$/.test(token), { error: 'a GitHub token (printable characters, no spaces)' })
        .optional(),
    'working-directory': lib_inputs/* input */.h.path('a folder in the workspace').default('.'),
};
const qualityGateSecretInputs = ['github-token'];

;// CONCATENATED MODULE: ./actions/quality-gate/src/junit.ts

/**
 * JUnit XML as vitest, jest-junit, pytest and Maven surefire write it: `<testsuites>` or a
 * single `<testsuite>`, suites possibly nested, `<failure>` and `<error>` both count as failed.
 * The file comes from the test case's `file` attribute, else its suite's, else a `classname`
 * that is a path (vitest), else the test's frame in a pytest or Java stack trace; the
 * line from `line`, else from a `file:line` in the failure text.
 */
function parseJunit(content) {
    const root = parseXml(content, ['testsuite', 'testcase', 'failure', 'error', 'skipped']);
    const topSuites = root.testsuites !== undefined ? nodes(root.testsuites).flatMap((suites) => nodes(suites.testsuite)) : nodes(root.testsuite);
    if (root.testsuites === undefined && root.testsuite === undefined) {
        throw new ReportError('not JUnit XML (expected a <testsuites> or <testsuite> root element)');
    }
    const results = { total: 0, failed: 0, skipped: 0, failures: [] };
    const visit = (suite, inheritedFile, isPytest) => {
        const suiteFile = report_format_text(suite.file) ?? inheritedFile;
        const pytest = isPytest || report_format_text(suite.name) === 'pytest';
        for (const testCase of nodes(suite.testcase)) {
            results.total += 1;
            const problems = [...report_format_elements(testCase.failure), ...report_format_elements(testCase.error)];
            if (problems.length === 0) {
                if (testCase.skipped !== undefined)
                    results.skipped += 1;
                continue;
            }
            results.failed += 1;
            results.failures.push(failure(testCase, problems, suiteFile, pytest));
        }
        for (const child of nodes(suite.testsuite))
            visit(child, suiteFile, pytest);
    };
    for (const suite of topSuites)
        visit(suite, undefined, false);
    return results;
}
function failure(testCase, problems, suiteFile, pytest) {
    const classname = report_format_text(testCase.classname);
    const name = [classname, report_format_text(testCase.name)].filter(Boolean).join(' › ');
    const first = problems[0] ?? {};
    const details = problems
        .map((problem) => (report_format_text(problem) ?? '').trim())
        .filter(Boolean)
        .join('\n\n');
    const message = report_format_text(first.message)?.trim() || details.split('\n')[0] || 'failed';
    const file = report_format_text(testCase.file) ?? suiteFile ?? (classname && /\.[a-z]+$/i.test(classname) && classname.includes('/') ? classname : undefined);
    const result = { name, message, details };
    if (file)
        result.file = file;
    const frame = file ? undefined : pytest ? pytestFrame(details) : classname ? javaFrame(classname, details) : undefined;
    if (frame)
        return { ...result, ...frame };
    const written = wholeNumber(report_format_text(testCase.line));
    // pytest writes 0-based line numbers (its item.location).
    const line = written === undefined ? undefined : lineNumber(pytest ? written + 1 : written);
    if (line)
        result.line = line;
    else if (file) {
        const base = file.split('/').pop() ?? file;
        const found = lineNumber(new RegExp(`${escapeRegExp(base)}:(\\d+)`).exec(details)?.[1]);
        if (found)
            result.line = found;
    }
    return result;
}
/** The last `tests/test_x.py:10: AssertionError` line of a pytest traceback (xunit2 reports carry no file attribute). */
function pytestFrame(details) {
    const frames = [...details.matchAll(/^(\S+\.py):(\d+): /gm)];
    const last = frames[frames.length - 1];
    const line = lineNumber(last?.[2]);
    return last && line ? { file: last[1] ?? '', line } : undefined;
}
/** `at com.acme.StockTest.refuses(StockTest.java:21)` → `com/acme/StockTest.java`, line 21. */
function javaFrame(classname, details) {
    const found = new RegExp(`at ${escapeRegExp(classname)}\\.[\\w$<>]+\\(([\\w$]+\\.\\w+):(\\d+)\\)`).exec(details);
    const line = lineNumber(found?.[2]);
    if (!found || !line)
        return undefined;
    const folder = classname.split('.').slice(0, -1).join('/');
    return { file: folder ? `${folder}/${found[1]}` : (found[1] ?? ''), line };
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

;// CONCATENATED MODULE: ./actions/quality-gate/src/lint.ts

/** ESLint's JSON formatter output or SARIF 2.1.0, told apart by shape. Notes and suppressed SARIF results do not count. */
function parseLint(content) {
    const json = parseJson(content);
    if (Array.isArray(json))
        return tally(json.flatMap(eslintFile));
    if (isNode(json) && Array.isArray(json.runs))
        return tally(json.runs.flatMap((run) => sarifRun(run)));
    throw new ReportError('neither ESLint JSON (an array of files with messages) nor SARIF (an object with runs)');
}
function tally(problems) {
    const errors = problems.filter((problem) => problem.level === 'error').length;
    return { errors, warnings: problems.length - errors, problems };
}
function eslintFile(file, index) {
    if (!isNode(file) || !Array.isArray(file.messages))
        throw new ReportError(`entry ${index} has no messages array`);
    const path = report_format_text(file.filePath);
    return nodes(file.messages).flatMap((message) => {
        if (message.severity !== 1 && message.severity !== 2)
            return [];
        const problem = { level: message.severity === 2 ? 'error' : 'warning', message: report_format_text(message.message) ?? '' };
        if (typeof message.ruleId === 'string')
            problem.rule = message.ruleId;
        if (path)
            problem.file = path;
        const line = lineNumber(message.line);
        if (line)
            problem.line = line;
        return [problem];
    });
}
function sarifRun(run) {
    if (!isNode(run))
        throw new ReportError('a SARIF run that is not an object');
    const driver = isNode(run.tool) && isNode(run.tool.driver) ? run.tool.driver : {};
    const defaultLevels = new Map();
    for (const rule of nodes(driver.rules)) {
        const level = isNode(rule.defaultConfiguration) ? report_format_text(rule.defaultConfiguration.level) : undefined;
        const id = report_format_text(rule.id);
        if (id && level)
            defaultLevels.set(id, level);
    }
    return nodes(run.results).flatMap((result) => {
        if (Array.isArray(result.suppressions) && result.suppressions.length > 0)
            return [];
        const rule = report_format_text(result.ruleId) ?? (isNode(result.rule) ? report_format_text(result.rule.id) : undefined);
        // SARIF's default level is "warning", unless the rule's configuration says otherwise.
        const level = report_format_text(result.level) ?? (rule ? defaultLevels.get(rule) : undefined) ?? 'warning';
        if (level !== 'error' && level !== 'warning')
            return [];
        const problem = { level, message: isNode(result.message) ? (report_format_text(result.message.text) ?? '') : '' };
        if (rule)
            problem.rule = rule;
        const location = physicalLocation(result);
        if (location?.file)
            problem.file = location.file;
        if (location?.line)
            problem.line = location.line;
        return [problem];
    });
}
function physicalLocation(result) {
    const location = nodes(result.locations)[0];
    const physical = location && isNode(location.physicalLocation) ? location.physicalLocation : undefined;
    if (!physical)
        return undefined;
    const file = isNode(physical.artifactLocation) ? report_format_text(physical.artifactLocation.uri) : undefined;
    const line = isNode(physical.region) ? lineNumber(physical.region.startLine) : undefined;
    return { ...(file ? { file: decodedUri(file) } : {}), ...(line ? { line } : {}) };
}
/** SARIF URIs are percent-encoded, but tools write `src/100%.ts` as it is: then the URI is the path. */
function decodedUri(uri) {
    try {
        return decodeURIComponent(uri);
    }
    catch {
        return uri;
    }
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
;// CONCATENATED MODULE: ./actions/quality-gate/src/policy.ts




/** Applied when neither an input nor the policy file sets the condition. */
const DEFAULT_POLICY = {
    'min-changed-lines-coverage': 80,
    'min-changed-lines': 20,
    'max-failed-tests': 0,
    'max-lint-errors': 0,
    'max-security-findings': {},
};
const policy_percent = schemas/* number */.aig().min(0).max(100);
const atLeastZero = schemas/* number */.aig().int().min(0);
const policyFileSchema = schemas/* strictObject */.rej({
    'min-coverage': policy_percent.optional(),
    'min-branch-coverage': policy_percent.optional(),
    'min-changed-lines-coverage': policy_percent.optional(),
    'min-changed-lines': atLeastZero.optional(),
    'max-coverage-drop': policy_percent.optional(),
    'max-failed-tests': atLeastZero.optional(),
    'max-lint-errors': atLeastZero.optional(),
    'max-lint-warnings': atLeastZero.optional(),
    'max-security-findings': schemas/* partialRecord */.jgl(schemas/* enum */.k5n(security_report/* SEVERITIES */.oC), atLeastZero).optional(),
});
/** Reads a policy file's YAML; an unknown key or a bad value is a ConfigurationError naming the file and the key. */
function parsePolicyFile(content, path) {
    let document;
    try {
        document = (0,dist/* parse */.qg)(content);
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`Policy file "${path}" is not valid YAML: ${(0,errors/* describeError */.Uc)(error)}`);
    }
    const parsed = policyFileSchema.safeParse(document ?? {});
    if (parsed.success)
        return withoutUndefined(parsed.data);
    const problems = parsed.error.issues.map((issue) => {
        if (issue.code === 'unrecognized_keys') {
            return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${[...issue.path, key].join('.')}"`).join(', ')} (known: ${Object.keys(policyFileSchema.shape).join(', ')}, and for max-security-findings the severities ${security_report/* SEVERITIES */.oC.join(', ')})`;
        }
        const where = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the document';
        return `${where}: ${issue.message}`;
    });
    throw new errors/* ConfigurationError */.j1(`Policy file "${path}": ${problems.join('; ')}.`);
}
/** Inputs override the policy file, which overrides the defaults; severities merge one by one. */
function resolvePolicy(fromFile, fromInputs) {
    return {
        ...DEFAULT_POLICY,
        ...withoutUndefined(fromFile),
        ...withoutUndefined(fromInputs),
        'max-security-findings': { ...fromFile['max-security-findings'], ...fromInputs['max-security-findings'] },
    };
}
function withoutUndefined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}

// EXTERNAL MODULE: ./actions/lib/markdown.ts
var markdown = __webpack_require__(4269);
;// CONCATENATED MODULE: ./actions/quality-gate/src/summary.ts

const MOST_UNCOVERED_FILES = 15;
const MOST_FAILED_TESTS = 30;
const MOST_LINT_PROBLEMS = 30;
const MESSAGE_LENGTH = 500;
/**
 * The result as markdown: the job summary and the PR comment show the same text. Every text
 * that came from a report, the repository or git (paths, test names, messages, rules, refs)
 * goes through actions/lib/markdown.ts, so none of it becomes a tag, link, image, mention or
 * a table cell boundary.
 */
function renderMarkdown(result) {
    const failed = result.conditions.filter((condition) => condition.status === 'fail');
    const parts = [
        result.passed ? '### ✅ Quality gate passed' : `### ❌ Quality gate failed: ${failed.map((condition) => condition.label.toLowerCase()).join(', ')}`,
        '',
        '| Condition | Value | Threshold | Result |',
        '| --- | --- | --- | --- |',
        ...result.conditions.filter((condition) => !condition.notGiven).map(conditionRow),
        '',
    ];
    const figures = [];
    if (result.coverage) {
        figures.push(`Coverage: lines ${show(result.coverage.lines, '%')} (${result.coverage.linesHit}/${result.coverage.linesFound}), branches ${show(result.coverage.branches, '%')} (${result.coverage.branchesHit}/${result.coverage.branchesFound}) over ${result.coverage.files} files.`);
    }
    if (result.changedLines) {
        figures.push(`Changed lines against ${(0,markdown/* codeSpan */.SS)(result.changedLines.base)}: ${result.changedLines.covered} of ${result.changedLines.coverable} coverable lines covered (${show(result.changedLines.percent, '%')}).`);
    }
    if (result.tests)
        figures.push(`Tests: ${result.tests.total} run, ${result.tests.failed} failed, ${result.tests.skipped} skipped.`);
    if (result.lint)
        figures.push(`Lint: ${result.lint.errors} errors, ${result.lint.warnings} warnings.`);
    if (result.security) {
        figures.push(`Security findings (unsuppressed): ${Object.entries(result.security)
            .map(([severity, count]) => `${count} ${severity}`)
            .join(', ')}.`);
    }
    parts.push(...figures.map((line) => `- ${line}`), '');
    const uncovered = (result.changedLines?.files ?? []).filter((file) => file.uncoveredLines.length > 0);
    if (uncovered.length > 0) {
        const shown = [...uncovered]
            .sort((a, b) => b.uncoveredLines.length - a.uncoveredLines.length || a.path.localeCompare(b.path))
            .slice(0, MOST_UNCOVERED_FILES);
        parts.push('#### Files with the most uncovered changed lines', '', '| File | Uncovered | Changed coverable | Lines |', '| --- | --- | --- | --- |', ...shown.map((file) => `| ${tableCode(file.path)}${file.source === 'unreported' ? ' (in no coverage report)' : ''} | ${file.uncoveredLines.length} | ${file.coverable} | ${file.uncoveredRanges
            .slice(0, 10)
            .map((range) => (range.start === range.end ? `${range.start}` : `${range.start}–${range.end}`))
            .join(', ')}${file.uncoveredRanges.length > 10 ? ', …' : ''} |`), ...(uncovered.length > shown.length ? ['', `…and ${uncovered.length - shown.length} more files.`] : []), '');
    }
    const failures = result.tests?.failures ?? [];
    if (failures.length > 0) {
        parts.push('#### Failed tests', '');
        for (const failure of failures.slice(0, MOST_FAILED_TESTS)) {
            const where = failure.file ? ` (${(0,markdown/* codeSpan */.SS)(`${failure.file}${failure.line ? `:${failure.line}` : ''}`)})` : '';
            parts.push(`- **${(0,markdown/* escapeMarkdown */.FV)(failure.name)}**${where}: ${(0,markdown/* escapeMarkdown */.FV)(oneLine(failure.message))}`);
        }
        if (failures.length > MOST_FAILED_TESTS)
            parts.push(`- …and ${failures.length - MOST_FAILED_TESTS} more.`);
        parts.push('');
    }
    const lintProblems = result.lint?.located ?? [];
    if (lintProblems.length > 0) {
        parts.push(`#### Lint problems on ${result.lint?.scope}`, '');
        for (const problem of lintProblems.slice(0, MOST_LINT_PROBLEMS)) {
            parts.push(`- ${problem.level === 'error' ? '❌' : '⚠️'} ${(0,markdown/* codeSpan */.SS)(`${problem.file ?? ''}:${problem.line}`)}${problem.rule ? ` (${(0,markdown/* escapeMarkdown */.FV)(problem.rule)})` : ''}: ${(0,markdown/* escapeMarkdown */.FV)(oneLine(problem.message))}`);
        }
        if (lintProblems.length > MOST_LINT_PROBLEMS)
            parts.push(`- …and ${lintProblems.length - MOST_LINT_PROBLEMS} more.`);
        parts.push('');
    }
    if (result.coverage && result.coverage.pathsNotInRepository.length > 0) {
        const paths = result.coverage.pathsNotInRepository;
        parts.push(`Coverage reports name ${paths.length} file(s) not tracked by git, kept as written: ${paths
            .slice(0, 5)
            .map((path) => (0,markdown/* codeSpan */.SS)(path))
            .join(', ')}${paths.length > 5 ? ', …' : ''}.`, '');
    }
    if (result.skipped.length > 0)
        parts.push(`**Not checked:** ${result.skipped.map(markdown/* escapeMarkdown */.FV).join(' ')}`, '');
    return parts.join('\n');
}
function conditionRow(condition) {
    const value = condition.status === 'skipped'
        ? `skipped: ${(0,markdown/* escapeMarkdown */.FV)(condition.reason ?? '')}`
        : condition.value === undefined
            ? (0,markdown/* escapeMarkdown */.FV)(condition.reason ?? 'n/a')
            : show(condition.value, condition.unit);
    const result = condition.status === 'pass' ? '✅' : condition.status === 'fail' ? '❌' : '➖';
    return `| ${condition.label} (\`${condition.name}\`) | ${value} | ${condition.comparison} ${condition.threshold}${condition.unit} | ${result} |`;
}
function show(value, unit) {
    return value === undefined ? 'n/a' : `${value}${unit}`;
}
function oneLine(text) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > MESSAGE_LENGTH ? `${line.slice(0, MESSAGE_LENGTH - 1)}…` : line;
}
/** A code span in a table cell: GFM splits cells at a `|` even inside code, unless it is escaped. */
function tableCode(text) {
    return (0,markdown/* codeSpan */.SS)(text).replace(/\|/g, '\\|');
}

// EXTERNAL MODULE: ./actions/lib/paths.ts
var paths = __webpack_require__(7990);
// EXTERNAL MODULE: ./node_modules/@actions/glob/lib/glob.js + 17 modules
var glob = __webpack_require__(2377);
// EXTERNAL MODULE: ./actions/lib/regular-file.ts
var regular_file = __webpack_require__(3689);
;// CONCATENATED MODULE: ./actions/quality-gate/src/reports.ts







/** Larger reports are refused before they are read: a string of them would not fit in memory. */
const MOST_REPORT_BYTES = 256 * 1024 * 1024;
/**
 * Finds the files of each glob and parses them. A glob that finds nothing is an error
 * unless allow-missing (then the reason is returned); a report that cannot be parsed is
 * always an error naming the file and what is wrong.
 */
async function loadReports(patterns, parse, options) {
    if (!patterns)
        return { missing: `no ${options.input} given`, notGiven: true };
    const files = new Set();
    const unmatched = [];
    const inFolder = (pattern) => ((0,external_node_path_.isAbsolute)(pattern) ? pattern : (0,external_node_path_.join)(options.workingDirectory, pattern));
    // `!pattern` entries exclude from every other glob; each other glob must find something.
    const excludes = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => `!${inFolder(pattern.slice(1))}`);
    for (const pattern of patterns.filter((candidate) => !candidate.startsWith('!'))) {
        // Refused before globbing: `/**` would walk the whole disk before any file is refused.
        if (!options.allowedRoots.some((root) => (0,paths/* isWithin */.U)(literalFolder(inFolder(pattern)), root))) {
            throw new errors/* ConfigurationError */.j1(`The ${options.kind} glob "${(0,errors/* abbreviate */.Sm)(pattern)}" (${options.input}) is outside the workspace${options.allowedRoots.length > 1 ? ' and RUNNER_TEMP' : ''}: reports are read only from there.`);
        }
        const globber = await glob/* create */.v([inFolder(pattern), ...excludes].join('\n'), { matchDirectories: false, implicitDescendants: false });
        const found = await globber.glob();
        if (found.length === 0)
            unmatched.push(pattern);
        for (const file of found.sort())
            files.add(file);
    }
    if (unmatched.length > 0 && !options.allowMissing) {
        throw new errors/* ConfigurationError */.j1(`No ${options.kind} found for ${options.input} ${unmatched.map((pattern) => `"${pattern}"`).join(', ')} (in ${options.workingDirectory}). Check that the step producing it ran, or set allow-missing: true.`);
    }
    if (files.size === 0)
        return { missing: `no ${options.kind} found for ${options.input} (allow-missing)` };
    const reports = [];
    for (const file of files) {
        const content = await readReport(file, shownPath(file, options), options);
        if (content === undefined)
            throw new errors/* ConfigurationError */.j1(`The ${options.kind} "${shownPath(file, options)}" (${options.input}) disappeared while it was read.`);
        reports.push(parseContent(content, file, parse, options));
    }
    return { value: reports };
}
async function loadReport(path, parse, options) {
    if (path === undefined)
        return { missing: `no ${options.input} given`, notGiven: true };
    const file = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.join)(options.workingDirectory, path);
    const content = await readReport(file, path, options);
    if (content === undefined) {
        if (!options.allowMissing)
            throw new errors/* ConfigurationError */.j1(`The ${options.kind} "${path}" (${options.input}) was not found (in ${options.workingDirectory}).`);
        return { missing: `${options.kind} "${path}" not found (allow-missing)` };
    }
    return { value: parseContent(content, file, parse, options) };
}
/**
 * Reads a report the user named: only a regular file, inside the allowed folders once
 * symbolic links are followed, and no larger than MOST_REPORT_BYTES (checked on the open
 * handle by readRegularFile). Undefined when there is no such file; anything else wrong is a ConfigurationError.
 */
async function readReport(file, shown, options) {
    const refuse = (why) => new errors/* ConfigurationError */.j1(`The ${options.kind} "${(0,errors/* abbreviate */.Sm)(shown)}" (${options.input}) ${why}.`);
    let resolved;
    try {
        resolved = await (0,promises_.realpath)(file);
    }
    catch (error) {
        if ((0,errors/* errorCode */.CA)(error) === 'ENOENT' || (0,errors/* errorCode */.CA)(error) === 'ENOTDIR')
            return undefined;
        throw refuse(`cannot be read (${(0,errors/* errorCode */.CA)(error) ?? 'unknown error'})`);
    }
    if (!options.allowedRoots.some((root) => (0,paths/* isWithin */.U)(resolved, root))) {
        throw refuse(`is outside the workspace${options.allowedRoots.length > 1 ? ' and RUNNER_TEMP' : ''}: reports are read only from there`);
    }
    let read;
    try {
        read = (0,regular_file/* readRegularFile */.X)(resolved, MOST_REPORT_BYTES);
    }
    catch (error) {
        throw refuse(`cannot be read (${(0,errors/* errorCode */.CA)(error) ?? 'unknown error'})`);
    }
    if (read.status === 'not-a-file')
        throw refuse('is not a regular file');
    if (read.status === 'too-large')
        throw refuse(`is ${Math.ceil(read.size / 1024 / 1024)} MB, more than the ${MOST_REPORT_BYTES / 1024 / 1024} MB a report may have`);
    return read.content.toString('utf8');
}
/** The folder a glob starts from: its path up to the first segment with a wildcard. */
function literalFolder(pattern) {
    const segments = (0,external_node_path_.resolve)(pattern).split(external_node_path_.sep);
    const firstWildcard = segments.findIndex((segment) => /[*?[{]/.test(segment));
    return firstWildcard === -1 ? segments.join(external_node_path_.sep) : segments.slice(0, firstWildcard).join(external_node_path_.sep) || external_node_path_.sep;
}
function shownPath(file, options) {
    const shown = (0,external_node_path_.relative)(options.workingDirectory, file) || file;
    return shown.startsWith('..') ? file : shown;
}
function parseContent(content, file, parse, options) {
    const shown = shownPath(file, options);
    try {
        return { ...parse(content), file: shown };
    }
    catch (error) {
        if (error instanceof ReportError || error instanceof errors/* ConfigurationError */.j1) {
            throw new errors/* ConfigurationError */.j1(`The ${options.kind} "${shown}" (${options.input}) is malformed: ${error.message}`);
        }
        throw error;
    }
}

;// CONCATENATED MODULE: ./actions/quality-gate/src/security.ts


/** The security-scan report (actions/lib/security-report.ts), validated. */
function parseSecurityReport(content) {
    const parsed = security_report/* securityReportSchema */.Sj.safeParse(parseJson(content));
    if (parsed.success)
        return parsed.data;
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || 'the document'}: ${issue.message}`);
    throw new ReportError(`not a security-scan report (version 1): ${problems.join('; ')}`);
}

;// CONCATENATED MODULE: ./actions/quality-gate/src/main.ts



















async function main_run() {
    await (0,run/* runAction */.C)('quality-gate', async () => {
        const inputs = (0,lib_inputs/* parseInputs */.T)(qualityGateInputs, { secret: qualityGateSecretInputs });
        if (!inputs['coverage-files'] && !inputs['test-results'] && !inputs['lint-results'] && !inputs['security-report']) {
            throw new errors/* ConfigurationError */.j1('No reports were given: set at least one of coverage-files, test-results, lint-results or security-report.');
        }
        const workspace = await (0,promises_.realpath)(process.env.GITHUB_WORKSPACE ?? process.cwd());
        const workingDirectory = await folderInWorkspace(inputs['working-directory'], workspace);
        const runnerTemp = process.env.RUNNER_TEMP ? await (0,promises_.realpath)(process.env.RUNNER_TEMP).catch(() => undefined) : undefined;
        const result = await evaluate(inputs, workingDirectory, runnerTemp ? [workspace, runnerTemp] : [workspace]);
        const markdown = renderMarkdown(result);
        const reportPath = (0,external_node_path_.join)(await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), 'quality-gate-')), 'report.json');
        await (0,promises_.writeFile)(reportPath, `${JSON.stringify({ version: 1, ...result }, null, 2)}\n`);
        (0,outputs/* setOutputs */.n)({
            passed: result.passed,
            coverage: result.coverage?.lines,
            'branch-coverage': result.coverage?.branches,
            'changed-lines-coverage': result.changedLines?.percent,
            'changed-lines': result.changedLines?.coverable,
            'failed-tests': result.tests?.failed,
            'lint-errors': result.lint?.errors,
            report: reportPath,
        });
        await (0,summary/* writeSummary */.S)((summary) => summary.addRaw(markdown, true));
        for (const annotation of buildAnnotations(result)) {
            const { level, message, ...properties } = annotation;
            core[level](message, properties);
        }
        if (inputs.comment)
            await postComment(inputs, markdown);
        if (!result.passed) {
            const failed = result.conditions.filter((condition) => condition.status === 'fail');
            core.setFailed(`quality-gate: ${failed.length} condition${failed.length === 1 ? '' : 's'} failed: ${failed
                .map((condition) => condition.value === undefined
                ? `${condition.label.toLowerCase()}: ${condition.reason ?? 'no value'}`
                : `${condition.label.toLowerCase()} ${condition.value}${condition.unit} (${condition.comparison} ${condition.threshold}${condition.unit} required)`)
                .join('; ')}.`);
        }
    });
}
/** working-directory, resolved in the workspace: a folder outside it (`../..`) is refused. */
async function folderInWorkspace(folder, workspace) {
    const resolved = await (0,promises_.realpath)((0,external_node_path_.resolve)(workspace, folder)).catch(() => undefined);
    if (resolved === undefined || !(0,paths/* isWithin */.U)(resolved, workspace) || !(await (0,promises_.stat)(resolved)).isDirectory()) {
        throw new errors/* ConfigurationError */.j1(`Input "working-directory" has value "${folder.slice(0, 80)}": expected a folder in the workspace (${workspace}).`);
    }
    return resolved;
}
async function evaluate(inputs, workingDirectory, allowedRoots) {
    const load = { workingDirectory, allowedRoots, allowMissing: inputs['allow-missing'] };
    const policyPath = inputs['policy-file'];
    const fromFile = policyPath ? parsePolicyFile(await readPolicy(policyPath, workingDirectory, allowedRoots), policyPath) : {};
    const policy = resolvePolicy(fromFile, {
        'min-coverage': inputs['min-coverage'],
        'min-branch-coverage': inputs['min-branch-coverage'],
        'min-changed-lines-coverage': inputs['min-changed-lines-coverage'],
        'min-changed-lines': inputs['min-changed-lines'],
        'max-coverage-drop': inputs['max-coverage-drop'],
        'max-failed-tests': inputs['max-failed-tests'],
        'max-lint-errors': inputs['max-lint-errors'],
        'max-lint-warnings': inputs['max-lint-warnings'],
        'max-security-findings': inputs['max-security-findings'],
    });
    const coverage = await loadReports(inputs['coverage-files'], parseCoverage, { ...load, kind: 'coverage report', input: 'coverage-files' });
    const baseCoverage = await loadReport(inputs['base-coverage-file'], parseCoverage, { ...load, kind: 'base coverage report', input: 'base-coverage-file' });
    const tests = await loadReports(inputs['test-results'], parseJunit, { ...load, kind: 'JUnit report', input: 'test-results' });
    const lint = await loadReports(inputs['lint-results'], parseLint, { ...load, kind: 'lint report', input: 'lint-results' });
    const security = await loadReport(inputs['security-report'], parseSecurityReport, { ...load, kind: 'security report', input: 'security-report' });
    const root = await repositoryRoot(workingDirectory);
    let changes = { missing: 'no coverage report' };
    if (!root)
        changes = { missing: `${workingDirectory} is not in a git repository` };
    else if ('value' in coverage) {
        const eventBase = await pullRequestBase();
        const [base, from] = inputs['base-ref']
            ? [inputs['base-ref'], 'base-ref']
            : eventBase
                ? [eventBase, "the pull request's base"]
                : ['HEAD~1', 'the default base'];
        const diff = await diffAgainst(root, base, from);
        core.info(`Changed lines: git diff ${base}...HEAD`);
        changes = { value: { base, files: parseUnifiedDiff(diff) } };
    }
    return evaluateGate({
        repoRoot: root ?? workingDirectory,
        workingDirectory,
        trackedFiles: root ? await trackedFiles(root) : [],
        policy,
        coverage,
        baseCoverage,
        changes,
        tests,
        lint,
        security,
        allowEmptyReports: inputs['allow-empty-reports'],
    });
}
async function readPolicy(path, workingDirectory, allowedRoots) {
    const content = await readReport((0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.join)(workingDirectory, path), path, { allowedRoots, kind: 'policy file', input: 'policy-file' });
    if (content === undefined)
        throw new errors/* ConfigurationError */.j1(`The policy file "${path}" (policy-file) was not found (in ${workingDirectory}).`);
    return content;
}
async function pullRequestBase() {
    const { context } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const sha = context.payload.pull_request?.base?.sha;
    return typeof sha === 'string' ? sha : undefined;
}


/***/ })

};

//# sourceMappingURL=656.index.js.map