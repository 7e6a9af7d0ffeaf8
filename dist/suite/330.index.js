export const id = 330;
export const ids = [330];
export const modules = {

/***/ 5631:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hz: () => (/* binding */ warnGitHubProblem),
/* harmony export */   e9: () => (/* binding */ setDeploymentStatus),
/* harmony export */   tX: () => (/* binding */ startGitHubDeployment)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2863);
/* harmony import */ var _github_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1691);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9039);




/** Sets a deployment's status; never throws: a GitHub problem is a warning saying that `step` is not affected. */
async function setDeploymentStatus(token, repository, id, status, step) {
    try {
        await (0,_github_js__WEBPACK_IMPORTED_MODULE_1__/* .createDeploymentStatus */ .gt)(token, repository, id, status);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(`GitHub deployment ${id}: ${status.state}`);
        return true;
    }
    catch (error) {
        warnGitHubProblem(`Could not set GitHub deployment ${id} to ${status.state}`, error, step);
        return false;
    }
}
/** A warning that says why a GitHub call failed and what to do; `step` (the deploy, the rollback) is not affected. */
function warnGitHubProblem(what, error, step) {
    const status = (0,_github_js__WEBPACK_IMPORTED_MODULE_1__/* .githubErrorStatus */ .m9)(error);
    const reason = status === 403 || status === 404
        ? `the token may not write deployments (HTTP ${status}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error)}); give the job \`permissions: deployments: write\``
        : status === undefined || status === 500
            ? `the GitHub API at ${process.env.GITHUB_API_URL || 'https://api.github.com'} could not be reached or failed (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error)})`
            : `HTTP ${status}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error)}`;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning((0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redactSecrets */ .f)(`${what}: ${reason}. The ${step} itself is not affected.`));
}
/**
 * Records the step (a k8s-deploy step, a whole progressive canary) on GitHub: a deployment of GITHUB_SHA to the environment, `in_progress`
 * now, `success` or `failure` at the end (see finish). Reporting to GitHub never fails a
 * deploy: a token without `deployments: write` (403/404) or an unreachable API is a warning,
 * and the deploy goes on without a GitHub deployment. Dry runs create nothing.
 */
async function startGitHubDeployment(request) {
    const { token, environment } = request;
    if (!token)
        return undefined;
    if (request.dryRun) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.info('Dry run: no GitHub deployment is created');
        return undefined;
    }
    const repository = (0,_github_js__WEBPACK_IMPORTED_MODULE_1__/* .parseRepository */ .SU)(process.env.GITHUB_REPOSITORY);
    const ref = process.env.GITHUB_SHA;
    if (!repository || !ref) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning('No GitHub deployment is created: GITHUB_REPOSITORY or GITHUB_SHA is not set (not running on GitHub Actions?)');
        return undefined;
    }
    const what = `inventory-devops ${request.strategy} ${request.action}`;
    const logUrl = (0,_github_js__WEBPACK_IMPORTED_MODULE_1__/* .workflowRunUrl */ .CX)();
    let id;
    try {
        id = await (0,_github_js__WEBPACK_IMPORTED_MODULE_1__/* .createDeployment */ .Yy)(token, repository, { ref, environment, description: `${what} of ${ref.slice(0, 12)}` });
    }
    catch (error) {
        warnGitHubProblem(`Could not create a GitHub deployment to environment "${environment}"`, error, 'deploy');
        return undefined;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(`GitHub deployment ${id} of ${ref.slice(0, 12)} to environment "${environment}"`);
    await setDeploymentStatus(token, repository, id, { state: 'in_progress', description: `${what} in progress`, logUrl }, 'deploy');
    return {
        id,
        async finish(succeeded) {
            await setDeploymentStatus(token, repository, id, {
                state: succeeded ? 'success' : 'failure',
                description: `${what} ${succeeded ? 'succeeded' : 'failed'}`,
                logUrl,
                environmentUrl: succeeded ? request.environmentUrl : undefined,
                // A canary or a blue-green colour runs beside the release that still serves: that one's deployment stays active until promote.
                autoInactive: request.action === 'deploy' && request.strategy !== 'rolling' && !request.promotes ? false : undefined,
            }, 'deploy');
        },
    };
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

/***/ 9319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bb: () => (/* binding */ apply),
/* harmony export */   KW: () => (/* binding */ dryRunDiff),
/* harmony export */   Mz: () => (/* binding */ preflight)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);


function toYaml(objects) {
    return objects.map((object) => (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .stringify */ .As)(object)).join('---\n');
}
function applyArgs(options, extra = []) {
    return ['apply', '--server-side', '--force-conflicts', `--field-manager=${options.fieldManager}`, ...extra, '--filename', '-'];
}
/**
 * Validates everything against the API server (server-side dry run) before changing anything:
 * unknown fields, a missing namespace, missing rights and bad values all stop the deploy here.
 * Namespaces the manifests declare are applied first, since nothing in them validates before they exist.
 */
async function preflight(kubectl, objects, options) {
    const namespaces = objects.filter((object) => object.kind === 'Namespace');
    const rest = objects.filter((object) => object.kind !== 'Namespace');
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group('Validate with a server-side dry run', async () => {
        if (namespaces.length > 0)
            await kubectl.run(applyArgs(options, options.dryRun ? ['--dry-run=server'] : []), { input: toYaml(namespaces) });
        if (rest.length > 0)
            await kubectl.run(applyArgs(options, ['--dry-run=server']), { input: toYaml(rest) });
    });
}
async function apply(kubectl, objects, options) {
    const { stdout } = await kubectl.run(applyArgs(options), { input: toYaml(objects) });
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(stdout.trim());
}
async function dryRunDiff(kubectl, objects, options) {
    const result = await kubectl.run(['diff', '--server-side', '--force-conflicts', `--field-manager=${options.fieldManager}`, '--filename', '-'], {
        input: toYaml(objects),
        allowFailure: true,
    });
    // kubectl diff exits 1 when there are differences, above 1 on errors.
    if (result.exitCode > 1)
        return `kubectl diff could not compute the changes: ${result.stderr.trim()}`;
    return result.stdout.trim() || 'No changes.';
}


/***/ }),

/***/ 193:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ deleteDeploymentsAndPods)
/* harmony export */ });
/* unused harmony export podsOwnedBy */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5067);


/**
 * Deletes Deployments and waits until their pods are gone as well. `kubectl delete --wait` waits
 * only for the named object: the garbage collector deletes its ReplicaSets and their pods afterwards
 * (background cascading deletion), and a terminating pod may still answer requests. The pods are
 * told apart by their owner (a ReplicaSet the Deployment owned), not by labels, which other pods may share.
 */
async function deleteDeploymentsAndPods(kubectl, names, timeoutSeconds, pollSeconds = 1) {
    const owners = new Set();
    const selectors = [];
    for (const name of names) {
        const deployment = await kubectl.find('Deployment', name);
        const matchLabels = deployment?.spec?.selector?.matchLabels;
        if (!deployment?.metadata.uid || !matchLabels)
            continue;
        const selector = (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .selectorOf */ .Bk)(matchLabels);
        selectors.push(selector);
        const replicaSets = await kubectl.json(['get', 'replicasets', `--selector=${selector}`]);
        for (const replicaSet of replicaSets.items) {
            if (replicaSet.metadata.uid && replicaSet.metadata.ownerReferences?.some((owner) => owner.uid === deployment.metadata.uid))
                owners.add(replicaSet.metadata.uid);
        }
    }
    await kubectl.run(['delete', 'deployment', '--ignore-not-found', '--wait=true', '--', ...names]);
    const remaining = async () => {
        const found = [];
        for (const selector of selectors) {
            const pods = await kubectl.json(['get', 'pods', `--selector=${selector}`]);
            found.push(...podsOwnedBy(pods.items, owners));
        }
        return found;
    };
    const deadline = Date.now() + timeoutSeconds * 1000;
    let left = await remaining();
    while (left.length > 0 && Date.now() < deadline) {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(pollSeconds * 1000);
        left = await remaining();
    }
    return { remainingPods: left };
}
/** Names of the pods whose owner is one of `ownerUids`. */
function podsOwnedBy(pods, ownerUids) {
    return pods.filter((pod) => pod.metadata.ownerReferences?.some((owner) => ownerUids.has(owner.uid))).map((pod) => pod.metadata.name);
}


/***/ }),

/***/ 3691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DT: () => (/* binding */ revisionOf),
/* harmony export */   Ls: () => (/* binding */ replicaSetsOf),
/* harmony export */   _c: () => (/* binding */ isMarkedFailed),
/* harmony export */   jk: () => (/* binding */ newestReplicaSet),
/* harmony export */   ne: () => (/* binding */ deploymentRevision)
/* harmony export */ });
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7482);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5067);


/** A Deployment's or ReplicaSet's revision number, as the Deployment controller wrote it; 0 before it did. */
function revisionOf(object) {
    return Number(object.metadata.annotations?.[_metadata_js__WEBPACK_IMPORTED_MODULE_0__/* .DEPLOYMENT_REVISION_ANNOTATION */ .uj] ?? 0);
}
/** The revision a Deployment runs now, or undefined when it does not exist. */
async function deploymentRevision(kubectl, name) {
    const deployment = await kubectl.find('Deployment', name);
    return deployment ? revisionOf(deployment) : undefined;
}
/** The ReplicaSets a Deployment controls (by controller reference, not only by labels), newest revision first. */
async function replicaSetsOf(kubectl, deployment) {
    const current = await kubectl.json(['get', 'deployment', '--', deployment]);
    const matchLabels = current.spec?.selector?.matchLabels ?? {};
    const replicaSets = await kubectl.json(['get', 'replicasets', `--selector=${(0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .selectorOf */ .Bk)(matchLabels)}`]);
    return replicaSets.items
        .filter((replicaSet) => replicaSet.metadata.ownerReferences?.some((owner) => owner.controller && owner.uid === current.metadata.uid))
        .sort((a, b) => revisionOf(b) - revisionOf(a));
}
/** The ReplicaSet of a Deployment's newest revision: the one a failed rollout left. */
async function newestReplicaSet(kubectl, deployment) {
    const [newest] = await replicaSetsOf(kubectl, deployment);
    return newest ? (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .checkObjectName */ .Rl)('ReplicaSet', newest.metadata.name, `deployment/${deployment}'s newest ReplicaSet`) : undefined;
}
/** Whether k8s-deploy marked this revision's rollout failed. */
function isMarkedFailed(object) {
    return object.metadata.annotations?.[_metadata_js__WEBPACK_IMPORTED_MODULE_0__/* .DEPLOY_STATUS_ANNOTATION */ .LS] === 'failed';
}


/***/ }),

/***/ 2655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ labelledVariant),
/* harmony export */   s: () => (/* binding */ singleDeployment)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2863);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7482);
/* harmony import */ var _objects_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1563);



/**
 * A copy of a Deployment under another name whose selector and pod labels carry one more
 * label (`track` for canaries, `version` for blue-green colours), so its pods can be told apart.
 */
function labelledVariant(source, name, label, value, replicas) {
    const spec = structuredClone(source.spec ?? {});
    const selector = (0,_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(spec.selector) ? spec.selector : {};
    const template = (0,_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(spec.template) ? spec.template : {};
    const templateMetadata = (0,_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(template.metadata) ? template.metadata : {};
    return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
            name,
            ...(source.metadata.namespace ? { namespace: source.metadata.namespace } : {}),
            labels: { ...source.metadata.labels, [label]: value },
            annotations: userAnnotations(source.metadata.annotations),
        },
        spec: {
            ...spec,
            ...(replicas === undefined ? {} : { replicas }),
            selector: { matchLabels: { ...selector.matchLabels, [label]: value } },
            template: {
                ...template,
                metadata: { ...templateMetadata, labels: { ...templateMetadata.labels, [label]: value } },
            },
        },
    };
}
/** Annotations a person or the suite set, without the controller's and kubectl's bookkeeping. */
function userAnnotations(annotations) {
    return Object.fromEntries(Object.entries(annotations ?? {}).filter(([key]) => key !== _metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .DEPLOYMENT_REVISION_ANNOTATION */ .uj && key !== _metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .LAST_APPLIED_ANNOTATION */ .fb));
}
/** Canary and blue-green work on one Deployment per step: the analysis compares one baseline with one canary, and one Service switches colours. */
function singleDeployment(objects, strategy) {
    const deployments = objects.filter((object) => object.kind === 'Deployment');
    if (deployments.length !== 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`The ${strategy} strategy deploys exactly one Deployment per step; the manifests have ${deployments.length}` +
            (deployments.length > 0 ? ` (${deployments.map((d) => d.metadata.name).join(', ')})` : ''));
    }
    return deployments[0];
}


/***/ }),

/***/ 7482:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A$: () => (/* binding */ STRATEGY_ANNOTATION),
/* harmony export */   A9: () => (/* binding */ RUN_URL_ANNOTATION),
/* harmony export */   Al: () => (/* binding */ STATEFULSET_REVISION_LABEL),
/* harmony export */   LS: () => (/* binding */ DEPLOY_STATUS_ANNOTATION),
/* harmony export */   Ln: () => (/* binding */ HOOK_NAME_LABEL),
/* harmony export */   Qu: () => (/* binding */ BLUE_GREEN_ROLE_ANNOTATION),
/* harmony export */   R5: () => (/* binding */ VERIFIED_CONDITION),
/* harmony export */   Z0: () => (/* binding */ HOOK_WEIGHT_ANNOTATION),
/* harmony export */   _u: () => (/* binding */ COMMIT_ANNOTATION),
/* harmony export */   c4: () => (/* binding */ HOOK_ANNOTATION),
/* harmony export */   fC: () => (/* binding */ JOB_NAME_LABEL),
/* harmony export */   fb: () => (/* binding */ LAST_APPLIED_ANNOTATION),
/* harmony export */   iR: () => (/* binding */ ROLLBACK_REASON_ANNOTATION),
/* harmony export */   jX: () => (/* binding */ POD_TEMPLATE_HASH_LABEL),
/* harmony export */   l8: () => (/* binding */ TRACK_LABEL),
/* harmony export */   sA: () => (/* binding */ BLUE_GREEN_SERVICES_ANNOTATION),
/* harmony export */   te: () => (/* binding */ IMAGES_ANNOTATION),
/* harmony export */   uj: () => (/* binding */ DEPLOYMENT_REVISION_ANNOTATION),
/* harmony export */   vG: () => (/* binding */ CHANGE_CAUSE_ANNOTATION),
/* harmony export */   x9: () => (/* binding */ VERSION_LABEL)
/* harmony export */ });
/**
 * Every annotation and label key the suite writes or reads on cluster objects: the suite's own
 * (under `inventory-devops.io/`) and the Kubernetes ones it relies on.
 */
const PREFIX = 'inventory-devops.io';
/** What a deploy annotates each workload with: rollback and people read these. */
const COMMIT_ANNOTATION = `${PREFIX}/commit`;
const RUN_URL_ANNOTATION = `${PREFIX}/run-url`;
const STRATEGY_ANNOTATION = `${PREFIX}/strategy`;
const IMAGES_ANNOTATION = `${PREFIX}/images`;
/** Set to `failed` on the ReplicaSet (or ControllerRevision) of a revision whose rollout failed: rollback never returns to it. */
const DEPLOY_STATUS_ANNOTATION = `${PREFIX}/deploy-status`;
/** Why the rollback action ran, on the Deployment it left serving. */
const ROLLBACK_REASON_ANNOTATION = `${PREFIX}/rollback-reason`;
/** `pending` (deployed, no traffic yet), `serving`, or `previous` (kept running for an instant switch back). */
const BLUE_GREEN_ROLE_ANNOTATION = `${PREFIX}/blue-green-role`;
/** Comma-separated names of the Services whose selector k8s-deploy switches between the colours. */
const BLUE_GREEN_SERVICES_ANNOTATION = `${PREFIX}/blue-green-services`;
/** On a Job in the manifests: `pre-deploy` or `post-deploy` makes it a hook that k8s-deploy runs to completion around the rollout (Helm's `helm.sh/hook`). */
const HOOK_ANNOTATION = `${PREFIX}/hook`;
/** On a hook Job: an integer; hooks of a phase run in ascending weight, then name order (Helm's `helm.sh/hook-weight`). */
const HOOK_WEIGHT_ANNOTATION = `${PREFIX}/hook-weight`;
/** Label on the Job a hook ran as: the hook's name in the manifests, so earlier runs of it can be found and cleared. */
const HOOK_NAME_LABEL = `${PREFIX}/hook-name`;
/** Pod readiness gate (and the pod condition that opens it) of a canary's pods: True once they passed the `verify` checks. */
const VERIFIED_CONDITION = `${PREFIX}/verified`;
/** Pod label that tells a canary's pods from its baseline's. */
const TRACK_LABEL = 'track';
/** Pod label that tells the two blue-green colours apart; the Services select the serving colour with it. */
const VERSION_LABEL = 'version';
/** Kubernetes' own: the revision number the Deployment controller writes on Deployments and their ReplicaSets. */
const DEPLOYMENT_REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** Kubernetes' own: the line `kubectl rollout history` shows for a revision. */
const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
/** kubectl's own: what client-side apply last wrote. */
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** Kubernetes' own: the pod label naming the ReplicaSet template a Deployment pod was made from. */
const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** Kubernetes' own: the label the API server puts on a Job's pods (and its pod template) with the Job's name. */
const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
/** Kubernetes' own: the pod label naming the ControllerRevision a StatefulSet pod was made from. */
const STATEFULSET_REVISION_LABEL = 'controller-revision-hash';


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

/***/ 2569:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dv: () => (/* binding */ replicaSetFailure),
/* harmony export */   Ft: () => (/* binding */ isPodReady),
/* harmony export */   NH: () => (/* binding */ observePods),
/* harmony export */   ce: () => (/* binding */ StatefulSetRefusals),
/* harmony export */   h4: () => (/* binding */ diagnose),
/* harmony export */   ko: () => (/* binding */ ProblemClock),
/* harmony export */   nL: () => (/* binding */ unreadyPods)
/* harmony export */ });
/* unused harmony export severityOf */
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5067);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9039);


/** Waiting reasons that end a rollout at once: the container ran and failed, or the image name cannot be parsed. */
const FATAL_REASONS = new Set(['CrashLoopBackOff', 'InvalidImageName', 'Error']);
/**
 * Pull errors that no retry fixes: the registry answered that the image is not there or not for
 * this client (containerd's and the registry API's wording), as opposed to a timeout or a refused
 * connection.
 */
const PERMANENT_PULL_ERROR = /\bnot found\b|manifest unknown|pull access denied|repository does not exist|unauthorized|invalid reference format/i;
/**
 * The kubelet refuses to start a container whose image runs as root (or as a user name it cannot
 * check) when the pod says runAsNonRoot (pkg/kubelet/kuberuntime/security_context_others.go): only
 * a new image or spec changes that.
 */
const RUN_AS_ROOT_REFUSED = /container has runAsNonRoot and image/i;
/**
 * The container's command cannot run, whatever retried: runc's `exec: "app": executable file not
 * found in $PATH` (or `permission denied`, `stat …: no such file or directory`), a binary for another
 * architecture, containerd's "no command specified" for an image without one, or a volume mounted
 * over a file of the other type.
 */
const COMMAND_CANNOT_RUN = /executable file not found|\bexec: "[^"]*": |exec format error|no command specified|mount a directory onto a file/i;
/**
 * Reasons the kubelet retries, which often clear by themselves, each with the messages that mean
 * they will not (pkg/kubelet/kuberuntime/kuberuntime_container.go `startContainer`):
 * - ErrImagePull, ImagePullBackOff: any failed pull, a registry timeout included (pkg/kubelet/images);
 * - CreateContainerConfigError: the container's config cannot be made yet, e.g. a Secret, ConfigMap
 *   or ConfigMap key it names is not there (pkg/kubelet/kubelet_pods.go `makeEnvironmentVariables`:
 *   "couldn't find key … in ConfigMap …"); it clears when they are created;
 * - CreateContainerError: the runtime refused CreateContainer, e.g. containerd's "failed to reserve
 *   container name" while an earlier create that timed out still holds the name, or a deadline on a
 *   loaded node;
 * - RunContainerError: the runtime refused StartContainer; if it happens again the kubelet backs off
 *   and the container shows CrashLoopBackOff, which is fatal.
 */
const TRANSIENT_REASONS = new Map([
    ['ErrImagePull', PERMANENT_PULL_ERROR],
    ['ImagePullBackOff', PERMANENT_PULL_ERROR],
    ['CreateContainerConfigError', RUN_AS_ROOT_REFUSED],
    ['CreateContainerError', COMMAND_CANNOT_RUN],
    ['RunContainerError', COMMAND_CANNOT_RUN],
]);
/** The severity of a container waiting (or an init container that failed) for `reason`; undefined for normal start-up states. */
function severityOf(reason, message) {
    if (FATAL_REASONS.has(reason))
        return 'fatal';
    const permanent = TRANSIENT_REASONS.get(reason);
    if (permanent === undefined)
        return undefined;
    return message !== undefined && permanent.test(message) ? 'fatal' : 'transient';
}
/**
 * What is wrong with each pod, app and init containers alike (`Init:` prefixed, as kubectl's STATUS
 * column shows them), and pods the scheduler could not place. Healthy and starting pods give nothing.
 */
function observePods(pods) {
    const observations = [];
    for (const pod of pods) {
        if (pod.metadata.deletionTimestamp)
            continue;
        const observe = (status, prefix) => {
            const waiting = status.state?.waiting;
            const terminated = status.state?.terminated;
            // An init container that failed under restartPolicy Never ends the pod: it never restarts.
            const failedInit = prefix && pod.status?.phase === 'Failed' && terminated && terminated.exitCode !== 0;
            const reason = waiting?.reason ?? (failedInit ? 'Error' : undefined);
            const message = waiting?.message ?? (failedInit ? (terminated.message ?? `exit code ${terminated.exitCode}`) : undefined);
            const severity = reason ? severityOf(reason, message) : undefined;
            if (!reason || !severity)
                return;
            observations.push({
                pod: pod.metadata.name,
                container: status.name,
                reason: `${prefix}${reason}`,
                ...(message !== undefined ? { message } : {}),
                restarts: status.restartCount ?? 0,
                severity,
            });
        };
        for (const status of pod.status?.initContainerStatuses ?? [])
            observe(status, 'Init:');
        for (const status of pod.status?.containerStatuses ?? [])
            observe(status, '');
        const scheduled = pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled');
        if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
            observations.push({
                pod: pod.metadata.name,
                reason: 'Unschedulable',
                ...(scheduled.message !== undefined ? { message: scheduled.message } : {}),
                restarts: 0,
                severity: 'waiting',
            });
        }
    }
    return observations;
}
/**
 * Pods that run but are not ready, with their Ready condition's reason and message as the kubelet
 * writes them (`ContainersNotReady`, "containers with unready status: [inventory]"): what a rollout
 * that timed out was waiting for when no container failed, e.g. a readiness check that never passes.
 */
function unreadyPods(pods) {
    return pods
        .filter((pod) => !pod.metadata.deletionTimestamp && pod.status?.phase === 'Running')
        .flatMap((pod) => {
        const ready = pod.status?.conditions?.find((condition) => condition.type === 'Ready');
        if (ready?.status !== 'False')
            return [];
        const container = pod.status?.containerStatuses?.find((status) => status.ready === false);
        return [
            {
                pod: pod.metadata.name,
                ...(container ? { container: container.name } : {}),
                reason: ready.reason ?? 'NotReady',
                ...(ready.message !== undefined ? { message: ready.message } : {}),
                restarts: container?.restartCount ?? 0,
                severity: 'waiting',
            },
        ];
    });
}
/**
 * A ReplicaSet whose pods the API server refuses (Pod Security, a ResourceQuota, a LimitRange, a
 * webhook) has a `ReplicaFailure` condition with the refusal, as the ReplicaSet controller writes it
 * (pkg/controller/replicaset/replica_set_utils.go): no pod will ever appear, so this is fatal.
 */
function replicaSetFailure(replicaSet) {
    const failure = replicaSet.status?.conditions?.find((condition) => condition.type === 'ReplicaFailure' && condition.status === 'True');
    if (!failure)
        return undefined;
    return {
        pod: replicaSet.metadata.name,
        kind: 'ReplicaSet',
        reason: failure.reason ?? 'ReplicaFailure',
        ...(failure.message !== undefined ? { message: failure.message } : {}),
        restarts: 0,
        severity: 'fatal',
    };
}
/** The StatefulSet controller's event for a pod the API server refused (stateful_pod_control.go recordPodEvent). */
const STATEFUL_POD_REFUSED = /^create Pod (\S+) in StatefulSet \S+ failed error: (.*)$/s;
/**
 * A StatefulSet whose pods the API server refuses has no condition saying so: its controller
 * records a Warning `FailedCreate` event per refusal ("create Pod web-0 in StatefulSet web failed
 * error: pods "web-0" is forbidden: …") and retries with back-off, so the event's count grows. Events
 * outlive their cause by an hour, so one counts only if it is new or repeated since the first look
 * (the baseline) and the pod it names is still missing: then no pod will appear, which is fatal.
 */
class StatefulSetRefusals {
    statefulSet;
    baseline;
    constructor(statefulSet) {
        this.statefulSet = statefulSet;
    }
    observe(events, ownedPods) {
        const failed = events.filter((event) => event.type === 'Warning' && event.reason === 'FailedCreate' && event.metadata?.name);
        const counts = new Map(failed.map((event) => [event.metadata.name, event.count ?? 1]));
        if (!this.baseline) {
            this.baseline = counts;
            return [];
        }
        const observations = [];
        for (const event of failed) {
            const seen = this.baseline.get(event.metadata.name);
            const refused = STATEFUL_POD_REFUSED.exec(event.message ?? '');
            if ((seen !== undefined && (event.count ?? 1) <= seen) || !refused || ownedPods.has(refused[1]))
                continue;
            observations.push({ pod: this.statefulSet, kind: 'StatefulSet', reason: 'FailedCreate', message: refused[2], restarts: 0, severity: 'fatal' });
        }
        return observations.slice(-1);
    }
}
/**
 * Remembers since when each transient problem has been seen (per pod and container; a pull error
 * and its back-off count as one), so that it becomes fatal only once it has lasted `persistMs`.
 * A problem that is gone from one check to the next starts over.
 */
class ProblemClock {
    persistMs;
    since = new Map();
    constructor(persistMs) {
        this.persistMs = persistMs;
    }
    /**
     * The clock of a wait of `timeoutSeconds`: a transient problem may last 30 s, long enough for a
     * kubelet's image back-off (10 s, then 20 s) to retry twice and for a failed container create to be
     * retried two or three times (the pod worker retries a failed sync after 10 s, pkg/kubelet/pod_workers.go),
     * and at most half the timeout, so that the failure still comes with the reason.
     */
    static forTimeout(timeoutSeconds) {
        return new ProblemClock(Math.min(30, timeoutSeconds / 2) * 1000);
    }
    judge(observations, nowMs) {
        const judgement = { fatal: [], waiting: [] };
        const current = new Set();
        for (const { severity, ...problem } of observations) {
            if (severity === 'fatal')
                judgement.fatal.push(problem);
            if (severity === 'waiting')
                judgement.waiting.push(problem);
            if (severity !== 'transient')
                continue;
            const key = `${problem.pod}/${problem.container ?? ''}/${problemFamily(problem.reason)}`;
            current.add(key);
            const seen = this.since.get(key) ?? { firstSeenMs: nowMs, reasons: new Set() };
            seen.reasons.add(problem.reason);
            this.since.set(key, seen);
            const lastedMs = nowMs - seen.firstSeenMs;
            if (lastedMs < this.persistMs) {
                judgement.waiting.push(problem);
                continue;
            }
            const history = seen.reasons.size > 1 ? `; seen: ${[...seen.reasons].join(', ')}` : '';
            judgement.fatal.push({
                ...problem,
                message: `${problem.message ? `${problem.message}; ` : ''}still so after ${Math.round(lastedMs / 1000)} s${history}`,
            });
        }
        for (const key of this.since.keys())
            if (!current.has(key))
                this.since.delete(key);
        return judgement;
    }
}
function problemFamily(reason) {
    return reason.replace(/ImagePullBackOff$|ErrImagePull$/, 'ImagePull');
}
const isPodReady = (pod) => pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;
/** Log text kept per pod: 20 lines are enough to see why, and a summary holds at most 1 MiB. */
const MAX_LOG_CHARACTERS = 8000;
/** The pod's (or ReplicaSet's) events and the pod's last log lines, redacted: they go into the failure message and the job summary, which may be public. */
async function diagnose(kubectl, problem) {
    const kind = problem.kind ?? 'Pod';
    if (!(0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isObjectName */ .V2)(kind, problem.pod) || (problem.container !== undefined && !(0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isObjectName */ .V2)('Container', problem.container))) {
        return { ...problem, events: [], logs: `(not read: the ${kind.toLowerCase()} or container name the cluster gave is not a valid Kubernetes name)` };
    }
    const events = await kubectl
        .json(['get', 'events', `--field-selector=involvedObject.name=${problem.pod},involvedObject.kind=${kind}`])
        .then((list) => list.items.slice(-10).map((event) => (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redactSecrets */ .f)(`${event.reason ?? ''}: ${event.message ?? ''}${(event.count ?? 1) > 1 ? ` (x${event.count})` : ''}`)))
        .catch(() => []);
    if (kind !== 'Pod')
        return { ...problem, events, logs: '' };
    const logArgs = ['logs', '--tail=20', ...(problem.container ? [`--container=${problem.container}`] : [])];
    let logs = '';
    if (problem.restarts > 0)
        logs = (await kubectl.run([...logArgs, '--previous', '--', problem.pod], { allowFailure: true })).stdout;
    if (logs.trim() === '')
        logs = (await kubectl.run([...logArgs, '--', problem.pod], { allowFailure: true })).stdout;
    return { ...problem, events, logs: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redactSecrets */ .f)(logs.trimEnd().slice(-MAX_LOG_CHARACTERS)) };
}


/***/ }),

/***/ 8230:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gj: () => (/* binding */ waitForRollout),
/* harmony export */   kW: () => (/* binding */ waitedNotes)
/* harmony export */ });
/* unused harmony export describeProblem */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6058);
/* harmony import */ var _deployment_revisions_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3691);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2863);
/* harmony import */ var _kubectl_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6793);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7482);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5067);
/* harmony import */ var _pod_problems_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2569);
/* harmony import */ var _statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1180);
/* harmony import */ var _workloads_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7833);










/** Consecutive pod checks that could not reach the API server before the wait gives up. */
const UNREACHABLE_CHECKS = 3;
/**
 * Waits for a Deployment or StatefulSet rollout with `kubectl rollout status` (a watch), and
 * meanwhile checks the pods every `checkEverySeconds` (a Deployment's new revision; every pod of a
 * StatefulSet, found by its selector, since one stuck pod holds up its ordered rollout). A crash
 * loop (in an app or init container), an image that does not exist or pods the API server refuses
 * (the new ReplicaSet's `ReplicaFailure`) end the wait at once, with the events and the last lines
 * of the log; a failed pull or a missing Secret only once it has persisted; a pod waiting for
 * capacity (Unschedulable) is waited for, and named as the reason only if the time runs out.
 * A bare name is a Deployment.
 */
async function waitForRollout(kubectl, target, timeoutSeconds, checkEverySeconds = 2) {
    const workload = (0,_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .asWorkload */ .ET)(target);
    const ref = (0,_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)(workload);
    const refusals = new _pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .StatefulSetRefusals */ .ce(workload.name);
    const observe = (unready = false) => workload.kind === 'statefulset'
        ? statefulSetObservations(kubectl, workload.name, refusals, unready)
        : newRevisionObservations(kubectl, workload.name, unready);
    const clock = _pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .ProblemClock */ .ko.forTimeout(timeoutSeconds);
    let waiting = [];
    const reported = new Set();
    const findProblems = async (unready = false) => {
        const judgement = clock.judge(await observe(unready), Date.now());
        waiting = judgement.waiting;
        for (const problem of waiting) {
            const line = describeProblem(problem);
            if (!reported.has(line))
                _actions_core__WEBPACK_IMPORTED_MODULE_1__.info(`Waiting: ${line}`);
            reported.add(line);
        }
        return judgement.fatal;
    };
    const status = kubectl.start(['rollout', 'status', `--timeout=${timeoutSeconds}s`, '--', ref]);
    let finished = false;
    const statusOutcome = status.result.then((result) => {
        finished = true;
        const message = result.exitCode === 0 ? `${ref} rolled out` : result.stderr.trim() || `kubectl rollout status exited ${result.exitCode}`;
        return { ok: result.exitCode === 0, message, problems: [] };
    });
    let unreachableChecks = 0;
    const watchOutcome = (async () => {
        while (!finished) {
            await Promise.race([(0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(checkEverySeconds * 1000), statusOutcome]);
            if (finished)
                return undefined;
            const problems = await findProblems().then((found) => {
                unreachableChecks = 0;
                return found;
            }, (error) => {
                // Without the pods, a crash loop would go unseen until the timeout: a refusal is an error, not silence.
                if ((0,_kubectl_js__WEBPACK_IMPORTED_MODULE_4__/* .isForbidden */ .US)(error)) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`Cannot watch the pods of ${ref}: the credentials may not list them, so a crash loop would go unseen; nothing was rolled back. ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .describeError */ .Uc)(error)}`);
                }
                // `rollout status` retries a lost API server until its timeout; the step should not.
                if ((0,_kubectl_js__WEBPACK_IMPORTED_MODULE_4__/* .isUnreachable */ .R0)(error) && ++unreachableChecks >= UNREACHABLE_CHECKS) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`Lost the API server while waiting for ${ref}; the rollout may be half done and nothing was rolled back. ` +
                        `Run the deploy again once the API server answers (it picks up where this one stopped), or roll back. ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .describeError */ .Uc)(error)}`);
                }
                return [];
            });
            if (problems.length > 0) {
                return {
                    ok: false,
                    message: `${ref}: ${describeProblem(problems[0])}`,
                    problems: await Promise.all(problems.slice(0, 3).map((problem) => (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .diagnose */ .h4)(kubectl, problem))),
                    waited: [...reported],
                };
            }
        }
        return undefined;
    })();
    const outcome = await Promise.race([statusOutcome, watchOutcome.then((found) => found ?? statusOutcome)]).finally(() => status.stop());
    outcome.waited = [...reported];
    if (!outcome.ok && outcome.problems.length === 0) {
        // Timed out or past its progress deadline: say what the pods were doing (running but never ready, too), and what was waited for.
        const problems = await findProblems(true).catch(() => []);
        const found = [...problems, ...waiting];
        if (found[0])
            outcome.message = `${outcome.message}: ${describeProblem(found[0])}`;
        outcome.problems = await Promise.all(found.slice(0, 3).map((problem) => (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .diagnose */ .h4)(kubectl, problem)));
    }
    return outcome;
}
/** Summary notes on what a rollout waited out, e.g. pods waiting to be scheduled until a node was added or a taint removed. */
function waitedNotes(workload, outcome) {
    return (outcome.waited ?? []).slice(0, 5).map((line) => `${(0,_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)(workload)} waited: ${line.replace(/\.?$/, '.')}`);
}
/** One line: which pod (or ReplicaSet) and what it shows. */
function describeProblem(problem) {
    const detail = problem.message ? ` (${problem.message})` : '';
    if (problem.kind)
        return `${problem.kind.toLowerCase()} ${problem.pod} cannot create pods: ${problem.reason}${detail}`;
    const subject = `pod ${problem.pod}${problem.container ? ` (container ${problem.container})` : ''}`;
    if (problem.reason === 'Unschedulable')
        return `${subject} is waiting to be scheduled, the scheduler says: ${problem.message ?? 'Unschedulable'}`;
    return `${subject} is in ${problem.reason}${detail}`;
}
/** The pods of a Deployment's newest revision (the old ones are on their way out), and whether its ReplicaSet can create them; with `unready`, the pods running but not ready too. */
async function newRevisionObservations(kubectl, deployment, unready) {
    const [newest] = await (0,_deployment_revisions_js__WEBPACK_IMPORTED_MODULE_6__/* .replicaSetsOf */ .Ls)(kubectl, deployment);
    const hash = newest?.metadata.labels?.[_metadata_js__WEBPACK_IMPORTED_MODULE_7__/* .POD_TEMPLATE_HASH_LABEL */ .jX];
    if (!newest || !hash)
        return [];
    const refused = (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .replicaSetFailure */ .Dv)(newest);
    const selector = newest.spec?.selector?.matchLabels ?? { [_metadata_js__WEBPACK_IMPORTED_MODULE_7__/* .POD_TEMPLATE_HASH_LABEL */ .jX]: hash };
    const pods = await kubectl.json(['get', 'pods', `--selector=${(0,_names_js__WEBPACK_IMPORTED_MODULE_8__/* .selectorOf */ .Bk)(selector)}`]);
    return [...(refused ? [refused] : []), ...(0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .observePods */ .NH)(pods.items), ...(unready ? (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .unreadyPods */ .nL)(pods.items) : [])];
}
/** Every pod of a StatefulSet, and whether its controller can create the missing ones (its FailedCreate events); with `unready`, the pods running but not ready too. */
async function statefulSetObservations(kubectl, name, refusals, unready) {
    const { pods } = await (0,_statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_9__/* .statefulSetPods */ .NX)(kubectl, name);
    // Without the right to list events, a refusal shows only at the timeout, as before.
    const events = await kubectl
        .json(['get', 'events', `--field-selector=involvedObject.kind=StatefulSet,involvedObject.name=${name},reason=FailedCreate`])
        .then((list) => list.items)
        .catch(() => []);
    const refused = refusals.observe(events, new Set(pods.map((pod) => pod.metadata.name)));
    return [...refused, ...(0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .observePods */ .NH)(pods), ...(unready ? (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .unreadyPods */ .nL)(pods) : [])];
}


/***/ }),

/***/ 9942:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xj: () => (/* binding */ withVerificationGate),
/* harmony export */   jj: () => (/* binding */ describeSmokeFailure),
/* harmony export */   lX: () => (/* binding */ verifyDeployment),
/* harmony export */   wE: () => (/* binding */ verifyGatedDeployment)
/* harmony export */ });
/* unused harmony exports MOST_RESPONSE_BYTES, newRevisionPods, runSmokeChecks, sendSmokeRequest */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2863);
/* harmony import */ var _smoke_checks_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4641);
/* harmony import */ var _deployment_revisions_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3691);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(7482);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5067);
/* harmony import */ var _objects_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1563);











/**
 * Sends the `verify` checks to pods through the API server's pod proxy
 * (`/api/v1/namespaces/NS/pods/NAME:PORT/proxy/PATH`). The requests go through `kubectl proxy`
 * on a Unix socket in a private folder: kubectl authenticates with every credential a
 * kubeconfig can hold (tokens, client certificates, exec plugins), which no client of our own
 * would match, the credentials never enter this process, and any method, header and status
 * passes as it is (`kubectl get --raw` has no HEAD or OPTIONS and hides error bodies).
 */
/** Most bytes of an answer read; the rest is dropped and the answer marked truncated. */
const MOST_RESPONSE_BYTES = 65_536;
const PROXY_START_SECONDS = 15;
/** The pods of a Deployment's newest revision that are not being deleted: the ones a deploy just made. */
async function newRevisionPods(kubectl, deployment) {
    const [newest] = await (0,_deployment_revisions_js__WEBPACK_IMPORTED_MODULE_5__/* .replicaSetsOf */ .Ls)(kubectl, deployment);
    if (!newest?.spec?.selector?.matchLabels)
        return [];
    const pods = await kubectl.json(['get', 'pods', `--selector=${(0,_names_js__WEBPACK_IMPORTED_MODULE_6__/* .selectorOf */ .Bk)(newest.spec.selector.matchLabels)}`]);
    return pods.items.filter((pod) => !pod.metadata.deletionTimestamp && pod.metadata.ownerReferences?.some((owner) => owner.controller && owner.uid === newest.metadata.uid));
}
/** Runs every check against every pod, in order, stopping at the first failure. */
async function runSmokeChecks(kubectl, checks, pods) {
    const names = pods.map((pod) => (0,_names_js__WEBPACK_IMPORTED_MODULE_6__/* .checkObjectName */ .Rl)('Pod', pod.metadata.name, 'The cluster'));
    const report = { passed: 0, pods: names };
    if (checks.length === 0 || pods.length === 0)
        return report;
    const namespace = kubectl.namespace ?? 'default';
    const proxy = await startProxy(kubectl);
    try {
        for (const [index, pod] of pods.entries()) {
            for (const check of checks) {
                const port = check.port ?? firstPort(pod);
                if (port === undefined) {
                    report.failure = {
                        pod: names[index],
                        request: `${check.method} ${check.path}`,
                        problems: ['the pod declares no container port: set "port" in the check'],
                    };
                    return report;
                }
                const request = (0,_smoke_checks_js__WEBPACK_IMPORTED_MODULE_7__/* .describeCheck */ .cn)(check, port);
                const path = `/api/v1/namespaces/${namespace}/pods/${names[index]}:${port}/proxy${check.path}`;
                let response;
                try {
                    response = await sendSmokeRequest(proxy.socketPath, path, check);
                }
                catch (error) {
                    report.failure = { pod: names[index], request, problems: [(0,_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .describeError */ .Uc)(error)] };
                    return report;
                }
                const problems = (0,_smoke_checks_js__WEBPACK_IMPORTED_MODULE_7__/* .judgeSmokeResponse */ .yh)(check, response);
                _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(`${names[index]}: ${request} answered ${response.status} in ${Math.round(response.milliseconds)} ms${problems.length ? `: ${problems.join('; ')}` : ''}`);
                if (problems.length > 0) {
                    report.failure = { pod: names[index], request, response, problems };
                    return report;
                }
                report.passed++;
            }
        }
        return report;
    }
    finally {
        await proxy.stop();
    }
}
function firstPort(pod) {
    const port = pod.spec?.containers?.[0]?.ports?.[0]?.containerPort;
    return Number.isInteger(port) && port > 0 && port < 65_536 ? port : undefined;
}
async function startProxy(kubectl) {
    // mkdtemp makes the folder 0700: only this user can reach the socket, and with it the API server.
    const folder = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir)(), 'inventory-devops-verify-'));
    const socketPath = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(folder, 'proxy.sock');
    const child = kubectl.start(['proxy', `--unix-socket=${socketPath}`]);
    let exited;
    void child.result.then((result) => (exited = `exit ${result.exitCode}: ${result.stderr.trim() || 'no error output'}`), (error) => (exited = (0,_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .describeError */ .Uc)(error)));
    const stop = async () => {
        child.stop();
        await child.result.catch(() => undefined);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(folder, { recursive: true, force: true });
    };
    const deadline = Date.now() + PROXY_START_SECONDS * 1000;
    while (Date.now() < deadline) {
        if (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(socketPath).then(() => true, () => false))
            return { socketPath, stop };
        if (exited !== undefined)
            break;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await stop();
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .ConfigurationError */ .j1(`kubectl proxy, which carries the verify checks to the pods, did not start: ${exited ?? `no socket after ${PROXY_START_SECONDS} s`}`);
}
/** One request, its answer read up to MOST_RESPONSE_BYTES, within the check's timeout. */
function sendSmokeRequest(socketPath, path, check) {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const body = check.body === undefined ? undefined : Buffer.from(check.body);
        const request = node_http__WEBPACK_IMPORTED_MODULE_1___default().request({
            socketPath,
            path,
            method: check.method,
            headers: { ...check.headers, host: 'localhost', ...(body ? { 'content-length': String(body.length) } : {}) },
        });
        const timer = setTimeout(() => request.destroy(new Error(`no complete answer within ${check.timeoutSeconds} s`)), check.timeoutSeconds * 1000);
        request.on('error', (error) => {
            clearTimeout(timer);
            reject(error);
        });
        request.on('response', (response) => {
            const chunks = [];
            let size = 0;
            let truncated = false;
            const finish = () => {
                clearTimeout(timer);
                const status = response.statusCode;
                if (!Number.isInteger(status)) {
                    reject(new Error('the answer has no HTTP status'));
                    return;
                }
                resolve({ status: status, body: Buffer.concat(chunks).toString('utf8'), truncated, milliseconds: performance.now() - started });
            };
            response.on('data', (chunk) => {
                if (truncated)
                    return;
                const room = MOST_RESPONSE_BYTES - size;
                if (chunk.length > room) {
                    chunks.push(chunk.subarray(0, room));
                    truncated = true;
                    finish();
                    response.destroy();
                    return;
                }
                chunks.push(chunk);
                size += chunk.length;
            });
            response.on('end', () => !truncated && finish());
            response.on('error', (error) => !truncated && reject(error));
        });
        request.end(body);
    });
}
/** The failure in one paragraph: the request, the pod, what was wrong, and the answer (status and the start of the body, escaped). */
function describeSmokeFailure(failure) {
    const answer = failure.response
        ? ` The answer: status ${failure.response.status} in ${Math.round(failure.response.milliseconds)} ms, body ${JSON.stringify((0,_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .abbreviate */ .Sm)(failure.response.body, 300))}${failure.response.truncated ? ' (truncated)' : ''}.`
        : '';
    return `Smoke check ${failure.request} failed on pod ${failure.pod}: ${failure.problems.join('; ')}.${answer}`;
}
/** Checks the pods of a Deployment's newest revision; undefined when there are no checks. */
async function verifyDeployment(kubectl, deployment, checks) {
    if (!checks || checks.length === 0)
        return undefined;
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Verify deployment/${deployment}`, async () => ({
        deployment,
        ...(await runSmokeChecks(kubectl, checks, await newRevisionPods(kubectl, deployment))),
    }));
}
/**
 * The Deployment with the readiness gate VERIFIED_CONDITION on its pods: they count as Ready, and
 * join the Services that select them, only once the verify checks passed and set the condition.
 */
function withVerificationGate(deployment) {
    const gated = structuredClone(deployment);
    const template = (0,_objects_js__WEBPACK_IMPORTED_MODULE_9__/* .isRecord */ .u4)(gated.spec?.template) ? gated.spec.template : {};
    const spec = (0,_objects_js__WEBPACK_IMPORTED_MODULE_9__/* .isRecord */ .u4)(template.spec) ? template.spec : {};
    const gates = Array.isArray(spec.readinessGates) ? spec.readinessGates.filter((gate) => (0,_objects_js__WEBPACK_IMPORTED_MODULE_9__/* .isRecord */ .u4)(gate) && gate.conditionType !== _metadata_js__WEBPACK_IMPORTED_MODULE_10__/* .VERIFIED_CONDITION */ .R5) : [];
    spec.readinessGates = [...gates, { conditionType: _metadata_js__WEBPACK_IMPORTED_MODULE_10__/* .VERIFIED_CONDITION */ .R5 }];
    return gated;
}
function containersReady(pod) {
    return pod.status?.conditions?.some((condition) => condition.type === 'ContainersReady' && condition.status === 'True') ?? false;
}
/**
 * For pods behind a readiness gate (withVerificationGate): waits until `replicas` pods of the
 * Deployment's newest revision have ready containers, checks them, and marks those that passed
 * verified, which makes them Ready. Undefined when they did not get ready containers in time
 * (the rollout wait that follows says why).
 */
async function verifyGatedDeployment(kubectl, deployment, checks, replicas, timeoutSeconds) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Verify deployment/${deployment} before it takes traffic`, async () => {
        const deadline = Date.now() + timeoutSeconds * 1000;
        let pods = [];
        while (Date.now() < deadline) {
            pods = (await newRevisionPods(kubectl, deployment)).filter(containersReady);
            if (pods.length >= replicas)
                break;
            await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        if (pods.length < replicas)
            return undefined;
        const report = await runSmokeChecks(kubectl, checks, pods);
        if (report.failure)
            return { deployment, ...report };
        const condition = {
            type: _metadata_js__WEBPACK_IMPORTED_MODULE_10__/* .VERIFIED_CONDITION */ .R5,
            status: 'True',
            reason: 'SmokeChecksPassed',
            lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        };
        for (const pod of report.pods) {
            await kubectl.run([
                'patch',
                'pod',
                '--subresource=status',
                '--type=strategic',
                `--patch=${JSON.stringify({ status: { conditions: [condition] } })}`,
                '--',
                pod,
            ]);
        }
        return { deployment, ...report };
    });
}


/***/ }),

/***/ 1180:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ek: () => (/* binding */ statefulSetRevision),
/* harmony export */   Fs: () => (/* binding */ updateControllerRevision),
/* harmony export */   NX: () => (/* binding */ statefulSetPods),
/* harmony export */   PK: () => (/* binding */ replaceStuckStatefulSetPods)
/* harmony export */ });
/* unused harmony export controllerRevisionsOf */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7482);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5067);
/* harmony import */ var _pod_problems_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2569);




/** A StatefulSet's ControllerRevisions (by controller reference, not only by labels), newest first. */
async function controllerRevisionsOf(kubectl, statefulSet) {
    const current = await kubectl.json(['get', 'statefulset', '--', statefulSet]);
    const list = await kubectl.json([
        'get',
        'controllerrevisions',
        `--selector=${(0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .selectorOf */ .Bk)(current.spec?.selector?.matchLabels ?? {})}`,
    ]);
    const revisions = list.items
        .filter((revision) => revision.metadata.ownerReferences?.some((owner) => owner.controller && owner.uid === current.metadata.uid))
        .sort((a, b) => b.revision - a.revision);
    return { statefulSet: current, revisions };
}
/**
 * The revision number of a StatefulSet's template (its update revision), or undefined when it
 * does not exist or its controller has not recorded a revision yet.
 */
async function statefulSetRevision(kubectl, name) {
    if (!(await kubectl.find('StatefulSet', name)))
        return undefined;
    const { statefulSet, revisions } = await controllerRevisionsOf(kubectl, name);
    const update = statefulSet.status?.updateRevision;
    return revisions.find((revision) => revision.metadata.name === update)?.revision ?? revisions[0]?.revision;
}
/** The live pods of a StatefulSet: its selector, then its controller reference; terminating pods left out. */
async function statefulSetPods(kubectl, name) {
    const statefulSet = await kubectl.json(['get', 'statefulset', '--', name]);
    const list = await kubectl.json(['get', 'pods', `--selector=${(0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .selectorOf */ .Bk)(statefulSet.spec?.selector?.matchLabels ?? {})}`]);
    const pods = list.items.filter((pod) => !pod.metadata.deletionTimestamp && pod.metadata.ownerReferences?.some((owner) => owner.controller && owner.uid === statefulSet.metadata.uid));
    return { statefulSet, pods };
}
/**
 * Kubernetes' "forced rollback" for StatefulSets: with the default OrderedReady pod management, a
 * pod that never becomes ready holds the rollout forever, even after its template is reverted or
 * fixed. Once the controller has seen the StatefulSet's current template, this deletes the pods
 * that are not ready and not on that template's revision, so the controller recreates them from it.
 * Returns the names of the pods deleted.
 */
async function replaceStuckStatefulSetPods(kubectl, name, waitSeconds = 10) {
    const deadline = Date.now() + waitSeconds * 1000;
    let found = await statefulSetPods(kubectl, name);
    const observed = (statefulSet) => (statefulSet.status?.observedGeneration ?? 0) >= (statefulSet.metadata.generation ?? 0) && !!statefulSet.status?.updateRevision;
    while (!observed(found.statefulSet) && Date.now() < deadline) {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(250);
        found = await statefulSetPods(kubectl, name);
    }
    if (!observed(found.statefulSet))
        return [];
    const update = found.statefulSet.status?.updateRevision;
    const stuck = found.pods.filter((pod) => pod.metadata.labels?.[_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .STATEFULSET_REVISION_LABEL */ .Al] !== update && !(0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .isPodReady */ .Ft)(pod)).map((pod) => pod.metadata.name);
    if (stuck.length > 0)
        await kubectl.run(['delete', 'pod', '--ignore-not-found', '--wait=false', '--', ...stuck]);
    return stuck;
}
/** The ControllerRevision of a StatefulSet's update revision: the template a failed rollout left. */
async function updateControllerRevision(kubectl, name) {
    const { statefulSet, revisions } = await controllerRevisionsOf(kubectl, name);
    const failed = revisions.find((revision) => revision.metadata.name === statefulSet.status?.updateRevision);
    return failed ? (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .checkObjectName */ .Rl)('ControllerRevision', failed.metadata.name, `StatefulSet ${name}'s revision`) : undefined;
}


/***/ }),

/***/ 7833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $v: () => (/* binding */ workloadRef),
/* harmony export */   ET: () => (/* binding */ asWorkload),
/* harmony export */   Wc: () => (/* binding */ markRevisionFailed),
/* harmony export */   h7: () => (/* binding */ currentRevision),
/* harmony export */   oN: () => (/* binding */ failedRevisionRecord)
/* harmony export */ });
/* harmony import */ var _deployment_revisions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3691);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7482);
/* harmony import */ var _statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1180);



/** A bare name is a Deployment, as everywhere in the suite. */
function asWorkload(workload) {
    return typeof workload === 'string' ? { kind: 'deployment', name: workload } : workload;
}
/** `deployment/<name>` or `statefulset/<name>`, as kubectl names it. */
function workloadRef(workload) {
    const { kind, name } = asWorkload(workload);
    return `${kind}/${name}`;
}
/** The revision a workload runs now: a Deployment's revision annotation, a StatefulSet's ControllerRevision number. */
async function currentRevision(kubectl, name, kind = 'deployment') {
    return kind === 'statefulset' ? (0,_statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_0__/* .statefulSetRevision */ .Ek)(kubectl, name) : (0,_deployment_revisions_js__WEBPACK_IMPORTED_MODULE_1__/* .deploymentRevision */ .ne)(kubectl, name);
}
/** The revision a failed rollout left, read before any rollback makes another revision the newest. */
async function failedRevisionRecord(kubectl, workload) {
    const name = workload.kind === 'statefulset' ? await (0,_statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_0__/* .updateControllerRevision */ .Fs)(kubectl, workload.name) : await (0,_deployment_revisions_js__WEBPACK_IMPORTED_MODULE_1__/* .newestReplicaSet */ .jk)(kubectl, workload.name);
    return name ? { kind: workload.kind === 'statefulset' ? 'controllerrevision' : 'replicaset', name } : undefined;
}
/** Marks a failed revision, so that `rollback` never returns to it. */
async function markRevisionFailed(kubectl, record) {
    await kubectl.run(['annotate', record.kind, '--overwrite', '--', record.name, `${_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .DEPLOY_STATUS_ANNOTATION */ .LS}=failed`]);
}


/***/ }),

/***/ 4641:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cn: () => (/* binding */ describeCheck),
/* harmony export */   k3: () => (/* binding */ parseSmokeChecks),
/* harmony export */   yh: () => (/* binding */ judgeSmokeResponse)
/* harmony export */ });
/* unused harmony exports SMOKE_METHODS, MOST_CHECKS, MOST_INPUT_CHARACTERS, MOST_PATH_CHARACTERS, MOST_BODY_CHARACTERS, MOST_TEXT_CHARACTERS, MOST_HEADERS, MOST_LATENCY_MS, MOST_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2863);


/**
 * The `verify` smoke checks: HTTP requests sent to each new pod (through the API server's pod
 * proxy) before it takes user traffic, and what their answers must be. Parsing and judging are
 * pure; kubernetes/smoke-run.ts sends them.
 */
const SMOKE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'];
const MOST_CHECKS = 20;
const MOST_INPUT_CHARACTERS = 65_536;
const MOST_PATH_CHARACTERS = 2048;
const MOST_BODY_CHARACTERS = 16_384;
const MOST_TEXT_CHARACTERS = 1024;
const MOST_HEADERS = 20;
const MOST_LATENCY_MS = 60_000;
const MOST_TIMEOUT_SECONDS = 60;
const DEFAULT_TIMEOUT_SECONDS = 10;
const MOST_STATUSES = 20;
const MOST_FIELD_SEGMENTS = 16;
const FIELDS = ['method', 'path', 'port', 'status', 'contains', 'json', 'max-latency-ms', 'timeout-seconds', 'body', 'headers'];
// RFC 3986 path and query characters; `#` (a fragment never reaches the server), spaces, backslashes and controls are not among them.
const PATH_CHARACTERS = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%?]*$/;
// An encoded dot or slash could walk out of the pod proxy's path once a server decodes it.
const ENCODED_DOT_OR_SLASH = /%(?:2e|2f|5c)/i;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,64}$/;
// Headers the HTTP connection or the API server owns: set by the client, or dropped or refused on the way to the pod.
const RESERVED_HEADERS = new Set([
    'host',
    'authorization',
    'connection',
    'content-length',
    'transfer-encoding',
    'upgrade',
    'te',
    'trailer',
    'keep-alive',
    'proxy-authorization',
    'proxy-connection',
    'expect',
]);
const FIELD_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;
class CheckProblem extends Error {
}
/** A newline or another control character: a header value holding one could add headers of its own. */
function hasControlCharacter(text) {
    return [...text].some((character) => character.charCodeAt(0) < 32 || character.charCodeAt(0) === 127);
}
/** One wrong field of one check: the message the user reads names the input, the check's number and the field. */
function problem(field, value, expected) {
    const shown = typeof value === 'string' ? `"${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .abbreviate */ .Sm)(value)}"` : (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .abbreviate */ .Sm)(safeJson(value));
    throw new CheckProblem(`"${field}" has value ${shown}: expected ${expected}`);
}
function safeJson(value) {
    try {
        return JSON.stringify(value) ?? String(value);
    }
    catch {
        return String(value);
    }
}
/**
 * The checks of the `verify` input: a YAML list whose items are a path (`- /healthz`, a GET that
 * must answer 200) or a mapping of the fields in FIELDS. Empty means no checks. Any mistake is
 * one ConfigurationError naming the input, the check's number (from 1) and what was expected.
 */
function parseSmokeChecks(text, inputName = 'verify') {
    if (text === undefined || text.trim() === '')
        return [];
    const prefix = `Input "${inputName}"`;
    if (text.length > MOST_INPUT_CHARACTERS)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${prefix} has ${text.length} characters: expected at most ${MOST_INPUT_CHARACTERS}`);
    let document;
    try {
        // No aliases: a few lines of anchors could otherwise expand into gigabytes.
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text, { maxAliasCount: 0, uniqueKeys: true });
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${prefix} is not valid YAML: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .abbreviate */ .Sm)((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(error).split('\n')[0] ?? '', 200)}`);
    }
    if (!Array.isArray(document)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${prefix} is not a list: expected a YAML list of checks, each a path such as /healthz or a mapping with method, path, status…`);
    }
    if (document.length === 0)
        return [];
    if (document.length > MOST_CHECKS)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${prefix} has ${document.length} checks: expected at most ${MOST_CHECKS}`);
    return document.map((item, index) => {
        try {
            return parseCheck(item);
        }
        catch (error) {
            if (error instanceof CheckProblem)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${prefix}, check ${index + 1}: ${error.message}`);
            throw error;
        }
    });
}
function parseCheck(item) {
    if (typeof item === 'string')
        return { method: 'GET', path: parsePath(item), statuses: [200], timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, headers: {} };
    if (item === null || typeof item !== 'object' || Array.isArray(item))
        problem('check', item, 'a path such as /healthz or a mapping with method, path, status…');
    const fields = item;
    const unknown = Object.keys(fields).find((key) => !FIELDS.includes(key));
    if (unknown !== undefined)
        problem(unknown, fields[unknown], `no such field; the fields are ${FIELDS.join(', ')}`);
    if (fields.path === undefined)
        problem('path', '', 'a path starting with /');
    const check = {
        method: parseMethod(fields.method),
        path: parsePath(fields.path),
        statuses: parseStatuses(fields.status),
        timeoutSeconds: fields['timeout-seconds'] === undefined ? DEFAULT_TIMEOUT_SECONDS : integer('timeout-seconds', fields['timeout-seconds'], 1, MOST_TIMEOUT_SECONDS),
        headers: parseHeaders(fields.headers),
    };
    if (fields.port !== undefined)
        check.port = integer('port', fields.port, 1, 65_535);
    if (fields.contains !== undefined)
        check.contains = text('contains', fields.contains, MOST_TEXT_CHARACTERS);
    if (fields.json !== undefined)
        check.json = parseJsonMatch(fields.json);
    if (fields['max-latency-ms'] !== undefined)
        check.maxLatencyMs = integer('max-latency-ms', fields['max-latency-ms'], 1, MOST_LATENCY_MS);
    if (fields.body !== undefined) {
        if (check.method === 'GET' || check.method === 'HEAD' || check.method === 'OPTIONS')
            problem('body', fields.body, `no body with method ${check.method}`);
        check.body =
            typeof fields.body === 'string' && fields.body.length <= MOST_BODY_CHARACTERS
                ? fields.body
                : problem('body', fields.body, `text of at most ${MOST_BODY_CHARACTERS} characters`);
    }
    if (check.maxLatencyMs !== undefined && check.maxLatencyMs > check.timeoutSeconds * 1000) {
        problem('max-latency-ms', check.maxLatencyMs, `at most the check's timeout-seconds (${check.timeoutSeconds} s)`);
    }
    return check;
}
function parseMethod(value) {
    if (value === undefined)
        return 'GET';
    const found = SMOKE_METHODS.find((method) => method === value);
    return found ?? problem('method', value, `one of ${SMOKE_METHODS.join(', ')}`);
}
const PATH_EXPECTED = `a path starting with / (no scheme or host), at most ${MOST_PATH_CHARACTERS} characters of a URL path and query, without . or .. segments`;
function parsePath(value) {
    if (typeof value !== 'string' || value.length > MOST_PATH_CHARACTERS || !PATH_CHARACTERS.test(value) || value.startsWith('//'))
        problem('path', value, PATH_EXPECTED);
    const pathPart = value.split('?')[0];
    if (ENCODED_DOT_OR_SLASH.test(value) || pathPart.split('/').some((segment) => segment === '.' || segment === '..'))
        problem('path', value, PATH_EXPECTED);
    return value;
}
function parseStatuses(value) {
    if (value === undefined)
        return [200];
    const expected = `an HTTP status (100 to 599) or a list of at most ${MOST_STATUSES} of them`;
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || list.length > MOST_STATUSES)
        problem('status', value, expected);
    return list.map((status) => integer('status', status, 100, 599, expected));
}
/** Whole numbers only, as YAML numbers or digit strings: NaN, Infinity, fractions, exponents and flags are refused. */
function integer(field, value, min, max, expected = `a whole number from ${min} to ${max}`) {
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max)
        problem(field, value, expected);
    return number;
}
function text(field, value, most) {
    if (typeof value !== 'string' || value === '' || value.length > most)
        problem(field, value, `non-empty text of at most ${most} characters`);
    return value;
}
function parseHeaders(value) {
    if (value === undefined)
        return {};
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        problem('headers', value, 'a mapping of header names to values');
    const entries = Object.entries(value);
    if (entries.length > MOST_HEADERS)
        problem('headers', value, `at most ${MOST_HEADERS} headers`);
    const headers = {};
    for (const [name, headerValue] of entries) {
        if (!HEADER_NAME.test(name))
            problem('headers', name, 'header names of letters, digits and -');
        if (RESERVED_HEADERS.has(name.toLowerCase()))
            problem('headers', name, `a header the request may set (not ${[...RESERVED_HEADERS].join(', ')})`);
        const shown = typeof headerValue === 'number' && Number.isFinite(headerValue) ? String(headerValue) : headerValue;
        if (typeof shown !== 'string' || shown.length > MOST_TEXT_CHARACTERS || hasControlCharacter(shown)) {
            problem(`headers.${name}`, headerValue, `text of at most ${MOST_TEXT_CHARACTERS} characters on one line`);
        }
        headers[name] = shown;
    }
    return headers;
}
function parseJsonMatch(value) {
    const expected = 'a mapping with "field" (a dotted path such as status or checks.0.name) and "equals" (a string, number, true, false or null)';
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        problem('json', value, expected);
    const { field, equals, ...rest } = value;
    if (Object.keys(rest).length > 0 || !('equals' in value))
        problem('json', value, expected);
    const segments = typeof field === 'string' ? field.split('.') : [];
    if (segments.length === 0 || segments.length > MOST_FIELD_SEGMENTS || !segments.every((segment) => FIELD_SEGMENT.test(segment))) {
        problem('json.field', field, `a dotted path of at most ${MOST_FIELD_SEGMENTS} names of letters, digits, _ and - (such as status or checks.0.name)`);
    }
    const scalar = equals === null ||
        typeof equals === 'boolean' ||
        (typeof equals === 'number' && Number.isFinite(equals)) ||
        (typeof equals === 'string' && equals.length <= MOST_TEXT_CHARACTERS);
    if (!scalar)
        problem('json.equals', equals, `a string of at most ${MOST_TEXT_CHARACTERS} characters, a finite number, true, false or null`);
    return { field: field, equals: equals };
}
/** Why the answer fails the check; empty when it passes (pure). */
function judgeSmokeResponse(check, response) {
    const problems = [];
    if (!check.statuses.includes(response.status))
        problems.push(`status ${response.status}, expected ${check.statuses.join(' or ')}`);
    if (check.contains !== undefined && !response.body.includes(check.contains)) {
        problems.push(`the body${response.truncated ? ' (as far as it was read)' : ''} does not contain "${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .abbreviate */ .Sm)(check.contains)}"`);
    }
    if (check.json)
        problems.push(...judgeJson(check.json, response));
    if (check.maxLatencyMs !== undefined && !(response.milliseconds <= check.maxLatencyMs)) {
        problems.push(`answered in ${Math.round(response.milliseconds)} ms, expected at most ${check.maxLatencyMs} ms`);
    }
    return problems;
}
function judgeJson(match, response) {
    if (response.truncated)
        return [`the body is too long to read as JSON for ${match.field}`];
    let value;
    try {
        value = JSON.parse(response.body);
    }
    catch {
        return [`the body is not JSON, so ${match.field} cannot equal ${JSON.stringify(match.equals)}`];
    }
    for (const segment of match.field.split('.')) {
        const container = value !== null && typeof value === 'object' ? value : undefined;
        value = container && Object.hasOwn(container, segment) ? container[segment] : undefined;
    }
    if (value === match.equals)
        return [];
    const found = value === undefined ? 'is missing' : `is ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .abbreviate */ .Sm)(safeJson(value))}`;
    return [`JSON field ${match.field} ${found}, expected ${JSON.stringify(match.equals)}`];
}
/** `GET /healthz` (port 8080): how the summary and errors name a check. */
function describeCheck(check, port) {
    return `${check.method} ${check.path} on port ${port}`;
}


/***/ }),

/***/ 2360:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AL: () => (/* binding */ existingCanaries),
/* harmony export */   D5: () => (/* binding */ canarySelectors),
/* harmony export */   Fi: () => (/* binding */ abortCanary),
/* harmony export */   JN: () => (/* binding */ undoCanary),
/* harmony export */   Ri: () => (/* binding */ baselineName),
/* harmony export */   SB: () => (/* binding */ deployCanary),
/* harmony export */   Sh: () => (/* binding */ canaryReplicaCount),
/* harmony export */   e6: () => (/* binding */ matchLabelsOf),
/* harmony export */   mh: () => (/* binding */ canaryName),
/* harmony export */   zG: () => (/* binding */ promoteCanary)
/* harmony export */ });
/* unused harmony export planCanary */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(9319);
/* harmony import */ var _kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(193);
/* harmony import */ var _kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2655);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2863);
/* harmony import */ var _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7482);
/* harmony import */ var _kubernetes_names_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5067);
/* harmony import */ var _kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1563);
/* harmony import */ var _rolling_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2995);
/* harmony import */ var _traffic_router_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3321);
/* harmony import */ var _kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(8230);
/* harmony import */ var _kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(9942);
/* harmony import */ var _kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(7833);













/**
 * Canary without a mesh: `<name>-canary` runs the new pod template and `<name>-baseline` the
 * one serving now, with the same replica count, both matched by the stable Service's
 * selector, so traffic splits by replica count. `track` tells their pods apart. `promote`
 * rolls the stable Deployment to the new version; `abort` and the rollback action remove both.
 */
function canaryName(deployment) {
    return `${deployment}-canary`;
}
function baselineName(deployment) {
    return `${deployment}-baseline`;
}
function canaryReplicaCount(stableReplicas, percentage, explicit) {
    return explicit ?? Math.max(1, Math.round((stableReplicas * percentage) / 100));
}
/** The baseline (the stable template) and the canary (the new one), each with `replicas` pods. */
function planCanary(stable, next, replicas, baselineReplicas = replicas) {
    return {
        baseline: (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__/* .labelledVariant */ .L)(stable, baselineName(stable.metadata.name), _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .TRACK_LABEL */ .l8, 'baseline', baselineReplicas),
        canary: (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__/* .labelledVariant */ .L)(next, canaryName(stable.metadata.name), _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .TRACK_LABEL */ .l8, 'canary', replicas),
    };
}
function matchLabelsOf(deployment) {
    const selector = deployment.spec?.selector;
    const matchLabels = (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .isRecord */ .u4)(selector) ? selector.matchLabels : undefined;
    if (!(0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .isRecord */ .u4)(matchLabels))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`Deployment/${deployment.metadata.name} has no spec.selector.matchLabels`);
    return matchLabels;
}
/** The label selectors of the baseline's and the canary's pods, for canary-analyze. */
function canarySelectors(stable) {
    return {
        baselineSelector: (0,_kubernetes_names_js__WEBPACK_IMPORTED_MODULE_5__/* .selectorOf */ .Bk)({ ...matchLabelsOf(stable), [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .TRACK_LABEL */ .l8]: 'baseline' }),
        canarySelector: (0,_kubernetes_names_js__WEBPACK_IMPORTED_MODULE_5__/* .selectorOf */ .Bk)({ ...matchLabelsOf(stable), [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .TRACK_LABEL */ .l8]: 'canary' }),
    };
}
/** Removes canary and baseline and waits for their pods to be gone; says so when some were still terminating at the timeout. */
async function removeCanary(kubectl, deployment, timeoutSeconds) {
    const { remainingPods } = await (0,_kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_6__/* .deleteDeploymentsAndPods */ .J)(kubectl, [canaryName(deployment), baselineName(deployment)], timeoutSeconds);
    return remainingPods.length > 0 ? ` Pods ${remainingPods.join(', ')} were still terminating after ${timeoutSeconds} s.` : '';
}
/** Default surge: as many pods again as the stable Deployment runs (at least the one canary and one baseline). */
function maxSurgeOf(stableReplicas, options) {
    return options.maxSurgeReplicas ?? Math.max(2, stableReplicas);
}
/** canary-replicas, when given, sets canary and baseline; else the split closest to canary-percentage. */
function replicaSplit(stableReplicas, options) {
    if (options.canaryReplicas === undefined)
        return (0,_traffic_router_js__WEBPACK_IMPORTED_MODULE_7__/* .planReplicaSplit */ .QQ)(options.canaryPercentage, stableReplicas, maxSurgeOf(stableReplicas, options));
    const replicas = options.canaryReplicas;
    return {
        canary: replicas,
        baseline: replicas,
        stable: stableReplicas,
        achievedPercentage: Math.round((1000 * replicas) / (2 * replicas + stableReplicas)) / 10,
    };
}
async function deployCanary(kubectl, objects, options) {
    const next = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__/* .singleDeployment */ .s)(objects, 'canary');
    const name = next.metadata.name;
    const stable = await kubectl.find('Deployment', name);
    if (!stable) {
        return (0,_rolling_js__WEBPACK_IMPORTED_MODULE_8__/* .deployRolling */ .b)(kubectl, objects, options, 'rolling', [
            `deployment/${name} does not exist yet: a first deploy has no stable version to compare with, so it was deployed as rolling.`,
        ]);
    }
    const split = replicaSplit(stable.spec?.replicas ?? 1, options);
    const planned = planCanary(stable, next, split.canary, split.baseline);
    const gated = (options.verify?.length ?? 0) > 0;
    // The canary's pods join the stable Service as soon as they are Ready: the gate keeps them out until they pass the checks.
    const baseline = planned.baseline;
    const canary = gated ? (0,_kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_9__/* .withVerificationGate */ .Xj)(planned.canary) : planned.canary;
    const selectors = canarySelectors(stable);
    const variants = [baseline, canary];
    await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_10__/* .preflight */ .Mz)(kubectl, variants, options);
    const workloads = variants.map((variant) => ({ name: variant.metadata.name }));
    const notes = [
        `${split.canary} canary and ${split.baseline} baseline replicas beside ${split.stable} stable ones share the Service's traffic by replica count: the canary gets ${split.achievedPercentage}% (${options.canaryPercentage}% asked).`,
    ];
    const warning = options.canaryReplicas === undefined ? (0,_traffic_router_js__WEBPACK_IMPORTED_MODULE_7__/* .splitWarning */ .BE)(options.canaryPercentage, split, maxSurgeOf(split.stable, options)) : undefined;
    if (warning) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(warning);
        notes.push(warning);
    }
    if (options.dryRun) {
        return {
            status: 'succeeded',
            strategy: 'canary',
            message: 'Dry run: nothing was changed',
            workloads,
            notes,
            problems: [],
            diff: await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_10__/* .dryRunDiff */ .KW)(kubectl, variants, options),
            achievedPercentage: split.achievedPercentage,
            ...selectors,
        };
    }
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group('Apply baseline and canary', () => (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_10__/* .apply */ .Bb)(kubectl, variants, options));
    const smokeChecks = [];
    const failed = async (message, problems) => {
        const checked = smokeChecks.length > 0 ? { smokeChecks } : {};
        if (!options.rollbackOnFailure)
            return { status: 'failed', strategy: 'canary', message, workloads, notes, problems, ...selectors, ...checked };
        const lingering = await removeCanary(kubectl, name, options.timeoutSeconds);
        return {
            status: 'rolled-back',
            strategy: 'canary',
            message: `${message}. Removed the canary and baseline; deployment/${name} kept serving throughout.${lingering}`,
            workloads,
            notes,
            problems,
            ...checked,
        };
    };
    for (const workload of workloads) {
        let timeoutSeconds = options.timeoutSeconds;
        if (gated && workload.name === canary.metadata.name) {
            const verified = await (0,_kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_9__/* .verifyGatedDeployment */ .wE)(kubectl, workload.name, options.verify, split.canary, options.timeoutSeconds);
            if (verified)
                smokeChecks.push(verified);
            // Never got ready containers within the timeout: a short wait gathers what the pods are doing for the failure.
            else
                timeoutSeconds = 1;
            if (verified?.failure) {
                workload.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_11__/* .currentRevision */ .h7)(kubectl, workload.name);
                return failed(`${(0,_kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_9__/* .describeSmokeFailure */ .jj)(verified.failure)} The canary's pods never became Ready, so they took no traffic`, []);
            }
        }
        const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for deployment/${workload.name}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_12__/* .waitForRollout */ .gj)(kubectl, workload.name, timeoutSeconds));
        workload.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_11__/* .currentRevision */ .h7)(kubectl, workload.name);
        notes.push(...(0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_12__/* .waitedNotes */ .kW)({ kind: 'deployment', name: workload.name }, outcome));
        if (!outcome.ok)
            return failed(outcome.message, outcome.problems);
    }
    return {
        status: 'succeeded',
        strategy: 'canary',
        message: `Canary of deployment/${name} is serving beside its baseline`,
        workloads,
        notes,
        problems: [],
        achievedPercentage: split.achievedPercentage,
        ...selectors,
        ...(smokeChecks.length > 0 ? { smokeChecks } : {}),
    };
}
/** Rolls the stable Deployment to the canary's version, then removes canary and baseline. */
async function promoteCanary(kubectl, objects, options) {
    const name = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__/* .singleDeployment */ .s)(objects, 'canary').metadata.name;
    const result = await (0,_rolling_js__WEBPACK_IMPORTED_MODULE_8__/* .deployRolling */ .b)(kubectl, objects, options, 'canary');
    if (!options.dryRun) {
        const lingering = await removeCanary(kubectl, name, options.timeoutSeconds);
        result.notes.push(`Removed ${canaryName(name)} and ${baselineName(name)}.${lingering}`);
    }
    result.message = result.status === 'succeeded' ? `Promoted the canary: deployment/${name} runs the new version` : result.message;
    return result;
}
/** `beforeRemoval` runs right before the canary is deleted (its pods still serve their share until then). */
async function abortCanary(kubectl, objects, options, beforeRemoval) {
    const name = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__/* .singleDeployment */ .s)(objects, 'canary').metadata.name;
    if (!options.dryRun)
        await beforeRemoval?.();
    const lingering = options.dryRun ? '' : await removeCanary(kubectl, name, options.timeoutSeconds);
    return {
        status: 'succeeded',
        strategy: 'canary',
        message: `Aborted the canary: removed ${canaryName(name)} and ${baselineName(name)}; deployment/${name} is unchanged.${lingering}`,
        workloads: [{ name, revision: await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_11__/* .currentRevision */ .h7)(kubectl, name) }],
        notes: [],
        problems: [],
    };
}
/** The canary and baseline Deployments of `deployment` that exist. */
async function existingCanaries(kubectl, deployment) {
    const found = [];
    for (const candidate of [canaryName(deployment), baselineName(deployment)]) {
        if (await kubectl.find('Deployment', candidate))
            found.push(candidate);
    }
    return found;
}
/**
 * The rollback of a canary that was never promoted: removes the canary and baseline found by
 * `existingCanaries` and waits for their pods to be gone; returns the pods still terminating at the timeout.
 */
async function undoCanary(kubectl, found, timeoutSeconds) {
    if (found.length === 0)
        return { remainingPods: [] };
    return (0,_kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_6__/* .deleteDeploymentsAndPods */ .J)(kubectl, found, timeoutSeconds);
}


/***/ }),

/***/ 1953:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ workloadOf),
/* harmony export */   U: () => (/* binding */ workloadLabel)
/* harmony export */ });
/* harmony import */ var _kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7833);

function workloadOf(workload) {
    return { kind: workload.kind ?? 'deployment', name: workload.name };
}
/** How the outputs and the summary name a workload: a Deployment by its name (as always), a StatefulSet as `statefulset/<name>`. */
function workloadLabel(workload) {
    return workload.kind === 'statefulset' ? (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_0__/* .workloadRef */ .$v)(workloadOf(workload)) : workload.name;
}


/***/ }),

/***/ 2995:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ deployRolling)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9319);
/* harmony import */ var _deploy_result_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1953);
/* harmony import */ var _kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8230);
/* harmony import */ var _kubernetes_statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1180);
/* harmony import */ var _kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7833);
/* harmony import */ var _kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9942);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2863);








/**
 * Applies the manifests and waits for every Deployment and StatefulSet in them; on a failed
 * rollout marks the revision failed and, if asked, undoes every workload this deploy changed.
 */
async function deployRolling(kubectl, objects, options, strategy = 'rolling', notes = []) {
    const deployments = objects.filter((object) => object.kind === 'Deployment').map((object) => object.metadata.name);
    const statefulSets = objects.filter((object) => object.kind === 'StatefulSet').map((object) => object.metadata.name);
    await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_1__/* .preflight */ .Mz)(kubectl, objects, options);
    const workloads = [];
    for (const name of deployments)
        workloads.push({ name, previousRevision: await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .currentRevision */ .h7)(kubectl, name) });
    for (const name of statefulSets)
        workloads.push({ name, kind: 'statefulset', previousRevision: await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .currentRevision */ .h7)(kubectl, name, 'statefulset') });
    if (options.dryRun) {
        return {
            status: 'succeeded',
            strategy,
            message: 'Dry run: nothing was changed',
            workloads,
            notes,
            problems: [],
            diff: await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_1__/* .dryRunDiff */ .KW)(kubectl, objects, options),
        };
    }
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group('Apply', () => (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_1__/* .apply */ .Bb)(kubectl, objects, options));
    // A StatefulSet pod that never became ready (say, from an earlier failed deploy) would hold this rollout forever.
    for (const workload of workloads.filter((w) => w.kind === 'statefulset' && w.previousRevision !== undefined)) {
        const replaced = await (0,_kubernetes_statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_3__/* .replaceStuckStatefulSetPods */ .PK)(kubectl, workload.name);
        if (replaced.length > 0)
            notes.push(`${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)((0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(workload))}: deleted pod ${replaced.join(', ')}, not ready and on an older revision, so that the StatefulSet recreates it from the new template (Kubernetes would wait for it forever).`);
    }
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    const fail = async (target, message, problems, smokeChecks) => {
        // Rollback first, bookkeeping after: a refused annotation must not keep the failed release live.
        const failedRevision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .failedRevisionRecord */ .oN)(kubectl, target);
        if (!options.rollbackOnFailure) {
            await markFailed(kubectl, failedRevision, notes);
            return { status: 'failed', strategy, message, workloads, notes, problems, smokeChecks };
        }
        const rolledBack = await rollBackWorkloads(kubectl, workloads, options.timeoutSeconds);
        await markFailed(kubectl, failedRevision, notes);
        return {
            status: rolledBack.ok ? 'rolled-back' : 'failed',
            strategy,
            message: `${message}. ${rolledBack.message}`,
            workloads,
            notes,
            problems,
            smokeChecks,
        };
    };
    for (const workload of workloads) {
        const remaining = Math.max(1, Math.round((deadline - Date.now()) / 1000));
        const target = (0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(workload);
        const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for ${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)(target)}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_5__/* .waitForRollout */ .gj)(kubectl, target, remaining));
        workload.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .currentRevision */ .h7)(kubectl, target.name, workload.kind);
        notes.push(...(0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_5__/* .waitedNotes */ .kW)(target, outcome));
        if (!outcome.ok)
            return fail(target, outcome.message, outcome.problems);
    }
    // The new pods already serve: a failed check rolls them back like a failed rollout.
    const smokeChecks = [];
    for (const workload of workloads.filter((w) => w.kind === undefined)) {
        const report = await (0,_kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_6__/* .verifyDeployment */ .lX)(kubectl, workload.name, options.verify);
        if (!report)
            break;
        smokeChecks.push(report);
        if (report.failure)
            return fail((0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(workload), (0,_kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_6__/* .describeSmokeFailure */ .jj)(report.failure), [], smokeChecks);
    }
    return {
        status: 'succeeded',
        strategy,
        message: `Deployed ${workloads.map(_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadLabel */ .U).join(', ') || 'the manifests'}`,
        workloads,
        notes,
        problems: [],
        ...(smokeChecks.length > 0 ? { smokeChecks } : {}),
    };
}
/** Marks the failed revision after any rollback; a refusal is a note in the result, not a lost rollback. */
async function markFailed(kubectl, record, notes) {
    if (!record)
        return;
    try {
        await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .markRevisionFailed */ .Wc)(kubectl, record);
    }
    catch (error) {
        notes.push(`Could not mark ${record.kind}/${record.name} failed, so the rollback action could choose it later: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .describeError */ .Uc)(error)}`);
    }
}
/**
 * Undo every workload of this deploy whose revision changed, back to the one that was serving, and
 * wait until it is ready again. A StatefulSet also needs its pods that never became ready deleted
 * (Kubernetes' forced rollback): its controller waits for them before it rolls back.
 */
async function rollBackWorkloads(kubectl, workloads, timeoutSeconds) {
    // Workloads not waited for yet: their revision now tells whether this deploy changed them.
    for (const workload of workloads) {
        if (workload.revision === undefined && workload.previousRevision !== undefined)
            workload.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .currentRevision */ .h7)(kubectl, workload.name, workload.kind);
    }
    const changed = workloads.filter((workload) => workload.previousRevision !== undefined && workload.revision !== workload.previousRevision);
    if (changed.length === 0) {
        const firstDeploy = workloads.every((workload) => workload.previousRevision === undefined);
        return {
            ok: false,
            message: firstDeploy ? 'Nothing to roll back to: this was the first deploy' : 'Nothing to roll back: no revision changed in this deploy',
        };
    }
    const undone = [];
    for (const workload of changed) {
        const undo = await kubectl.run(['rollout', 'undo', `--to-revision=${workload.previousRevision}`, '--', (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)((0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(workload))], {
            allowFailure: true,
        });
        if (undo.exitCode !== 0) {
            const left = changed.filter((w) => !undone.includes(w)).map((w) => `${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)((0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(w))} still runs revision ${w.revision}`);
            const done = undone.map((w) => `${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)((0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(w))} was rolled back to revision ${w.previousRevision}`);
            return {
                ok: false,
                message: `Rolling back ${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)((0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(workload))} was refused (${undo.stderr.trim()}): ${[...done, ...left].join('; ')}`,
            };
        }
        undone.push(workload);
    }
    const replaced = [];
    for (const workload of changed.filter((w) => w.kind === 'statefulset'))
        replaced.push(...(await (0,_kubernetes_statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_3__/* .replaceStuckStatefulSetPods */ .PK)(kubectl, workload.name)));
    for (const workload of changed) {
        const target = (0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(workload);
        const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for the rollback of ${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)(target)}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_5__/* .waitForRollout */ .gj)(kubectl, target, timeoutSeconds));
        workload.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .currentRevision */ .h7)(kubectl, workload.name, workload.kind);
        if (!outcome.ok)
            return { ok: false, message: `Rolling back ${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)(target)} failed too: ${outcome.message}` };
    }
    const pods = replaced.length > 0 ? ` (deleted pod ${replaced.join(', ')}, which never became ready, so that the StatefulSet could replace it)` : '';
    return { ok: true, message: `Rolled back ${changed.map((w) => `${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)((0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(w))} to revision ${w.previousRevision}`).join(', ')}${pods}` };
}


/***/ }),

/***/ 3321:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BE: () => (/* binding */ splitWarning),
/* harmony export */   G4: () => (/* binding */ rulesWithCanary),
/* harmony export */   QQ: () => (/* binding */ planReplicaSplit),
/* harmony export */   X9: () => (/* binding */ describeCanaryHeader),
/* harmony export */   g5: () => (/* binding */ CANARY_HEADER_EXPECTED),
/* harmony export */   jY: () => (/* binding */ TRAFFIC_ROUTERS),
/* harmony export */   nT: () => (/* binding */ parseCanaryHeader),
/* harmony export */   s7: () => (/* binding */ rulesWithoutCanary),
/* harmony export */   sr: () => (/* binding */ routeReferences)
/* harmony export */ });
/* unused harmony export SHARE_TOLERANCE_POINTS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2863);
/* harmony import */ var _kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1563);


/**
 * How a canary gets its share of the traffic. `replicas`: the stable Service selects canary,
 * baseline and stable pods, so the share is the canary's part of the pods, as close to the ask
 * as a bounded surge allows. `gateway-api`: an HTTPRoute weighs the stable and the canary
 * Service, so the share is exactly the ask with any replica count.
 */
const TRAFFIC_ROUTERS = ['replicas', 'gateway-api'];
/** Beyond this many points between the asked and the achieved share, the deploy warns. */
const SHARE_TOLERANCE_POINTS = 5;
function share(split) {
    return (100 * split.canary) / (split.canary + split.baseline + split.stable);
}
function isBetterSplit(candidate, best, asked) {
    const distance = Math.abs(share(candidate) - asked) - Math.abs(share(best) - asked);
    if (Math.abs(distance) > 1e-9)
        return distance < 0;
    const surge = candidate.canary + candidate.baseline - (best.canary + best.baseline);
    if (surge !== 0)
        return surge < 0;
    return candidate.canary - candidate.baseline < best.canary - best.baseline;
}
/**
 * The canary and baseline replica counts (each at least 1, together at most `maxSurge` pods
 * beside the stable ones) whose canary share of all the Service's pods comes closest to
 * `askedPercentage`; on a tie the smaller surge, then the baseline closest to the canary's
 * size (the analysis compares like with like).
 */
function planReplicaSplit(askedPercentage, stableReplicas, maxSurge) {
    const stable = Math.max(0, stableReplicas);
    let best = { canary: 1, baseline: 1, stable };
    for (let canary = 1; canary < maxSurge; canary++) {
        for (let baseline = 1; baseline <= Math.min(canary, maxSurge - canary); baseline++) {
            const candidate = { canary, baseline, stable };
            if (isBetterSplit(candidate, best, askedPercentage))
                best = candidate;
        }
    }
    return { ...best, achievedPercentage: Math.round(share(best) * 10) / 10 };
}
/** The warning for a split far from the ask, or undefined when it is close enough. */
function splitWarning(askedPercentage, split, maxSurge) {
    if (Math.abs(split.achievedPercentage - askedPercentage) <= SHARE_TOLERANCE_POINTS)
        return undefined;
    return (`The canary gets ${split.achievedPercentage}% of the traffic, not the ${askedPercentage}% asked: with ${split.stable} stable replicas and at most ` +
        `${maxSurge} more pods, ${split.canary} canary and ${split.baseline} baseline replicas come closest. Raise max-surge-replicas, or use traffic-router gateway-api for exact weights`);
}
function backendRefsOf(rule) {
    return (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(rule) && Array.isArray(rule.backendRefs) ? rule.backendRefs.filter(_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4) : [];
}
function isServiceRef(ref, service) {
    return ref.name === service && (ref.kind ?? 'Service') === 'Service' && (ref.group ?? '') === '';
}
function rulesOf(route) {
    return Array.isArray(route.spec?.rules) ? route.spec.rules : [];
}
/** Whether some rule of the route sends traffic to the Service: the route fronts that Service. */
function routeReferences(route, service) {
    return rulesOf(route).some((rule) => backendRefsOf(rule).some((ref) => isServiceRef(ref, service)));
}
/** Gateway API's limits (HTTPHeaderName, HTTPHeaderMatch.value, HTTPRoute rules and header matches). */
const MOST_HEADER_NAME_CHARACTERS = 256;
const MOST_HEADER_VALUE_CHARACTERS = 4096;
const MOST_ROUTE_RULES = 16;
const MOST_HEADER_MATCHES = 16;
/** RFC 9110 §5.1: a field name is a token (§5.6.2). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 §5.5: a field value has no leading or trailing whitespace; visible ASCII and inner spaces only, so every proxy reads it alike. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const CANARY_HEADER_EXPECTED = `a header name (an RFC 9110 token of at most ${MOST_HEADER_NAME_CHARACTERS} characters) such as x-canary, optionally with a value after a colon such as "x-canary: always"`;
/** The header of a canary-header input, or what is wrong with it. */
function parseCanaryHeader(text) {
    const colon = text.indexOf(':');
    const name = (colon < 0 ? text : text.slice(0, colon)).trim();
    if (name.length > MOST_HEADER_NAME_CHARACTERS || !HEADER_NAME.test(name))
        return { problem: CANARY_HEADER_EXPECTED };
    if (colon < 0)
        return { name };
    const value = text.slice(colon + 1).trim();
    if (value.length > MOST_HEADER_VALUE_CHARACTERS || !HEADER_VALUE.test(value)) {
        return {
            problem: `${CANARY_HEADER_EXPECTED}; the value after the colon must be 1 to ${MOST_HEADER_VALUE_CHARACTERS} visible ASCII characters (inner spaces allowed)`,
        };
    }
    return { name, value };
}
/** How the header is written in messages and summaries. */
function describeCanaryHeader(header) {
    return header.value === undefined ? `${header.name} (any value)` : `${header.name}: ${header.value}`;
}
/**
 * Gateway API matches a header by Exact value (core) or RegularExpression (implementation-specific);
 * it has no presence match, so "any value" is the expression `.*`, which an absent header never matches.
 */
function headerMatch(header) {
    return header.value === undefined ? { type: 'RegularExpression', name: header.name, value: '.*' } : { type: 'Exact', name: header.name, value: header.value };
}
/** A rule whose every backend is the canary Service: the header rule of a canary. */
function isCanaryOnlyRule(rule, canaryService) {
    const refs = backendRefsOf(rule);
    return refs.length > 0 && refs.every((ref) => isServiceRef(ref, canaryService));
}
/** A rule's matches, or the one the API server defaults an absent list to (every path). */
function matchesOf(rule) {
    const matches = Array.isArray(rule.matches) ? rule.matches.filter(_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4) : [];
    return matches.length > 0 ? matches : [{ path: { type: 'PathPrefix', value: '/' } }];
}
/**
 * The stable rule's copy for requests carrying the header: the same matches, each with the header
 * match added (one more header match outranks the stable rule by the specification's precedence),
 * sending to the canary Service only.
 */
function headerRule(route, rule, stableRef, canaryService, header) {
    const matches = matchesOf(rule).map((match) => {
        const headers = Array.isArray(match.headers) ? match.headers.filter(_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4) : [];
        if (headers.some((existing) => typeof existing.name === 'string' && existing.name.toLowerCase() === header.name.toLowerCase())) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Input "canary-header" names header ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .abbreviate */ .Sm)(header.name)}, which a rule of HTTPRoute/${route.metadata.name} already matches on: choose another header. Nothing was changed`);
        }
        if (headers.length >= MOST_HEADER_MATCHES) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`A match of HTTPRoute/${route.metadata.name} already has ${MOST_HEADER_MATCHES} header matches, the most Gateway API allows, so input "canary-header" cannot add one. Nothing was changed`);
        }
        return { ...match, headers: [...headers, headerMatch(header)] };
    });
    // A rule's name must be unique in its route, so the copy has none.
    const { name: _name, ...copied } = rule;
    const { weight: _weight, ...ref } = stableRef;
    return { ...copied, matches, backendRefs: [{ ...ref, name: canaryService }] };
}
/**
 * The route's rules with every rule that sends traffic to the stable Service split between it
 * (100 - percentage) and the canary Service (percentage, on the stable reference's port), and,
 * with a header, preceded by its header rule; canary references and header rules left by an
 * earlier run are replaced, not doubled.
 */
function rulesWithCanary(route, stableService, canaryService, percentage, header) {
    const rules = rulesOf(route)
        .filter((rule) => !isCanaryOnlyRule(rule, canaryService))
        .flatMap((rule) => {
        const refs = backendRefsOf(rule);
        const stableRef = refs.find((ref) => isServiceRef(ref, stableService));
        if (!(0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(rule) || !stableRef)
            return [rule];
        const others = refs.filter((ref) => !isServiceRef(ref, stableService) && !isServiceRef(ref, canaryService));
        if (others.length > 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`A rule of HTTPRoute/${route.metadata.name} sends traffic to other backends beside Service/${stableService}; the canary needs a rule whose only backend is the stable Service. Nothing was changed`);
        }
        const canaryRef = { ...stableRef, name: canaryService, weight: percentage };
        const weighed = { ...rule, backendRefs: [{ ...stableRef, weight: 100 - percentage }, canaryRef] };
        return header ? [headerRule(route, rule, stableRef, canaryService, header), weighed] : [weighed];
    });
    if (rules.length > MOST_ROUTE_RULES) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`HTTPRoute/${route.metadata.name} would have ${rules.length} rules with those of input "canary-header", more than the ${MOST_ROUTE_RULES} Gateway API allows. Nothing was changed`);
    }
    return rules;
}
/** The route's rules with every reference to the canary Service and every header rule removed, the stable Service alone where they were. */
function rulesWithoutCanary(route, stableService, canaryService) {
    return rulesOf(route)
        .filter((rule) => !isCanaryOnlyRule(rule, canaryService))
        .map((rule) => {
        const refs = backendRefsOf(rule);
        if (!(0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(rule) || !refs.some((ref) => isServiceRef(ref, canaryService)))
            return rule;
        const kept = refs.filter((ref) => !isServiceRef(ref, canaryService)).map((ref) => (isServiceRef(ref, stableService) ? { ...ref, weight: 100 } : ref));
        return { ...rule, backendRefs: kept };
    });
}


/***/ })

};

//# sourceMappingURL=330.index.js.map