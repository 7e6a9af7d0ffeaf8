export const id = 37;
export const ids = [37];
export const modules = {

/***/ 5631:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ warnGitHubProblem),
/* harmony export */   e: () => (/* binding */ setDeploymentStatus)
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


/***/ }),

/***/ 1691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
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

/***/ 6529:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ly: () => (/* binding */ deployNeeds),
/* harmony export */   ed: () => (/* binding */ rollbackNeeds),
/* harmony export */   x8: () => (/* binding */ checkAccess)
/* harmony export */ });
/* unused harmony exports describeNeed, missingAccessMessage */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2863);


/** The API group and resource of the kinds the suite's manifests hold; any other kind is left to the server-side dry run. */
const RESOURCES = {
    Namespace: { group: '', resource: 'namespaces', clusterScoped: true },
    ConfigMap: { group: '', resource: 'configmaps' },
    Secret: { group: '', resource: 'secrets' },
    Service: { group: '', resource: 'services' },
    ServiceAccount: { group: '', resource: 'serviceaccounts' },
    PersistentVolumeClaim: { group: '', resource: 'persistentvolumeclaims' },
    Deployment: { group: 'apps', resource: 'deployments' },
    StatefulSet: { group: 'apps', resource: 'statefulsets' },
    HorizontalPodAutoscaler: { group: 'autoscaling', resource: 'horizontalpodautoscalers' },
    PodDisruptionBudget: { group: 'policy', resource: 'poddisruptionbudgets' },
    NetworkPolicy: { group: 'networking.k8s.io', resource: 'networkpolicies' },
    Ingress: { group: 'networking.k8s.io', resource: 'ingresses' },
    Job: { group: 'batch', resource: 'jobs' },
    CronJob: { group: 'batch', resource: 'cronjobs' },
    Role: { group: 'rbac.authorization.k8s.io', resource: 'roles' },
    RoleBinding: { group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
};
const need = (verb, group, resource, why) => ({ verb, group, resource, why });
/** Reading a workload's rollout, its revisions and its pods: what every wait needs, so that a crash loop is seen. */
function watchNeeds(kind, resource, revisions) {
    return [
        need('get', 'apps', resource, `read the ${kind}`),
        ...['list', 'watch'].map((verb) => need(verb, 'apps', resource, 'follow its rollout (kubectl rollout status)')),
        need('list', 'apps', revisions, `find the ${kind}'s revisions`),
        need('list', '', 'pods', 'see crashing or unschedulable pods while waiting'),
    ];
}
const WATCH_DEPLOYMENT = watchNeeds('Deployment', 'deployments', 'replicasets');
const WATCH_STATEFULSET = watchNeeds('StatefulSet', 'statefulsets', 'controllerrevisions');
const BLUE_GREEN_SWITCH = [
    need('get', '', 'services', 'read the Services to switch'),
    need('patch', '', 'services', 'switch the Services between colours'),
    need('list', 'autoscaling', 'horizontalpodautoscalers', 'find the autoscalers that follow the serving colour'),
    need('patch', 'autoscaling', 'horizontalpodautoscalers', 'point the autoscalers at the serving colour'),
    need('patch', 'apps', 'deployments', "record each colour's role"),
    need('delete', 'apps', 'deployments', 'remove the colour that no longer serves'),
];
const HOOK_JOBS = [
    need('list', 'batch', 'jobs', "find a hook's earlier runs"),
    need('delete', 'batch', 'jobs', "remove a hook's finished earlier runs"),
    need('list', '', 'pods', "see why a hook's pod does not start"),
    { verb: 'get', group: '', resource: 'pods', subresource: 'log', why: "show a failed hook's log" },
    need('list', '', 'events', "show a failed hook's events"),
];
const GATEWAY_ROUTE = [
    need('get', 'gateway.networking.k8s.io', 'httproutes', 'read the HTTPRoute that weighs the canary'),
    need('patch', 'gateway.networking.k8s.io', 'httproutes', "set the canary's weight on the HTTPRoute"),
    need('create', '', 'services', "create the canary's Service"),
    need('patch', '', 'services', "apply the canary's Service"),
    need('delete', '', 'services', "remove the canary's Service"),
];
/** Every right a k8s-deploy run needs, from the kinds of its manifests, its strategy and action (pure). */
function deployNeeds(plan) {
    const needs = [];
    for (const kind of new Set(plan.kinds)) {
        const known = RESOURCES[kind];
        if (!known)
            continue;
        const base = { group: known.group, resource: known.resource, ...(known.clusterScoped ? { clusterScoped: true } : {}) };
        needs.push({ ...base, verb: 'get', why: `read ${kind} objects` });
        needs.push({ ...base, verb: 'patch', why: `apply ${kind} objects (server-side apply)` });
        needs.push({ ...base, verb: 'create', why: `create ${kind} objects that do not exist yet` });
    }
    if (plan.dryRun)
        return dedupe(needs);
    const hasStatefulSet = plan.kinds.includes('StatefulSet');
    needs.push(...WATCH_DEPLOYMENT);
    if (hasStatefulSet)
        needs.push(...WATCH_STATEFULSET);
    if (plan.strategy === 'rolling') {
        if (plan.rollbackOnFailure)
            needs.push(need('patch', 'apps', 'deployments', 'roll back a failed rollout (kubectl rollout undo)'));
        needs.push(need('patch', 'apps', 'replicasets', 'mark a failed revision so that rollback never returns to it'));
        if (hasStatefulSet) {
            needs.push(need('patch', 'apps', 'statefulsets', 'roll back a failed rollout (kubectl rollout undo)'));
            needs.push(need('patch', 'apps', 'controllerrevisions', 'mark a failed revision so that rollback never returns to it'));
            needs.push(need('delete', '', 'pods', 'replace StatefulSet pods stuck on a failed revision'));
        }
    }
    if (plan.strategy === 'canary') {
        needs.push(need('create', 'apps', 'deployments', 'create the canary Deployment'));
        needs.push(need('patch', 'apps', 'deployments', 'apply the canary and baseline Deployments'));
        needs.push(need('delete', 'apps', 'deployments', 'remove the canary and baseline Deployments'));
    }
    if (plan.strategy === 'blue-green')
        needs.push(...BLUE_GREEN_SWITCH, need('create', 'apps', 'deployments', 'create the new colour'));
    if (plan.hooks)
        needs.push(...HOOK_JOBS);
    if (plan.httpRoute)
        needs.push(...GATEWAY_ROUTE);
    return dedupe(needs);
}
/** The rights the rollback action needs once it knows what k8s-deploy left: blue-green colours, a canary, or revisions. */
function rollbackNeeds(kind, hasReason) {
    const reason = hasReason ? [need('patch', 'apps', 'deployments', 'record the reason on the Deployment')] : [];
    if (kind === 'blue-green')
        return dedupe([...WATCH_DEPLOYMENT, ...BLUE_GREEN_SWITCH, ...reason]);
    if (kind === 'canary')
        return dedupe([...WATCH_DEPLOYMENT, need('delete', 'apps', 'deployments', 'remove the canary and baseline Deployments'), ...reason]);
    return dedupe([...WATCH_DEPLOYMENT, need('patch', 'apps', 'deployments', 'roll the Deployment back (kubectl rollout undo)'), ...reason]);
}
function key(access) {
    return [access.verb, access.group, access.resource, access.subresource ?? '', access.clusterScoped ? 'cluster' : ''].join('|');
}
function dedupe(needs) {
    const merged = new Map();
    for (const access of needs) {
        const existing = merged.get(key(access));
        if (!existing)
            merged.set(key(access), { ...access });
        else if (!existing.why.split('; ').includes(access.why))
            existing.why = `${existing.why}; ${access.why}`;
    }
    return [...merged.values()];
}
/** `patch deployments.apps` as kubectl auth can-i writes it. */
function describeNeed(access) {
    const resource = `${access.resource}${access.group ? `.${access.group}` : ''}${access.subresource ? `/${access.subresource}` : ''}`;
    return `${access.verb} ${resource}`;
}
/** The refusal, naming every missing verb and resource and what it is for (pure). */
function missingAccessMessage(missing, namespace, what) {
    const lines = missing.map((access) => `${describeNeed(access)} ${access.clusterScoped ? '(cluster-wide)' : `in namespace ${namespace}`}: to ${access.why}`);
    return (`The kubeconfig's credentials lack ${missing.length === 1 ? 'a right' : `${missing.length} rights`} ${what} needs, so nothing was changed: ${lines.join('. ')}. ` +
        `Grant them with a Role and RoleBinding for the kubeconfig's user (check with kubectl auth can-i ${describeNeed(missing[0])} -n ${namespace}).`);
}
function review(access, namespace) {
    return {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
            resourceAttributes: {
                verb: access.verb,
                group: access.group,
                resource: access.resource,
                ...(access.subresource ? { subresource: access.subresource } : {}),
                ...(access.clusterScoped ? {} : { namespace }),
            },
        },
    };
}
/**
 * Asks the API server, in one SelfSubjectAccessReview per right (one kubectl call for all), whether
 * the credentials hold every right the run needs, and refuses the run before it changes anything
 * when one is missing. A server that will not answer reviews is reported and the run goes on: the
 * server still refuses what is not allowed, and every step is ordered to survive that.
 */
async function checkAccess(kubectl, needs, what) {
    const namespace = kubectl.namespace ?? 'default';
    if (needs.length === 0)
        return;
    const input = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: needs.map((access) => review(access, namespace)) });
    let allowed;
    try {
        // kubectl prints each created review on its own, so one line per review, in order.
        const { stdout } = await kubectl.run(['create', '--filename', '-', '--output', 'jsonpath={.status.allowed}{"\\n"}'], { input });
        allowed = stdout.trim().split('\n');
        if (allowed.length !== needs.length)
            throw new Error(`${allowed.length} answers to ${needs.length} reviews`);
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(`Could not check the rights of the kubeconfig's credentials before ${what} (SelfSubjectAccessReview): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(error)}`);
        return;
    }
    const missing = needs.filter((_, index) => allowed[index] !== 'true');
    if (missing.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(missingAccessMessage(missing, namespace, what));
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

/***/ 608:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ prepareKubeconfig)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2863);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9039);








const CREDENTIAL_FIELDS = ['token', 'password', 'client-key-data', 'client-certificate-data'];
/**
 * The kubeconfig for kubectl: the `kubeconfig` input (a secret: its credentials are masked,
 * it is written to RUNNER_TEMP with mode 600 and removed by dispose), else KUBECONFIG,
 * else ~/.kube/config.
 */
async function prepareKubeconfig(content, inputName = 'kubeconfig') {
    if (content !== undefined) {
        maskCredentials(content, inputName);
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir)(), `inventory-devops-kubeconfig-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(path, content, { mode: 0o600 });
        return { path, dispose: () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(path, { force: true }) };
    }
    const fromEnvironment = process.env.KUBECONFIG?.split(':').find((path) => path !== '');
    const path = fromEnvironment ?? (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_3__.homedir)(), '.kube', 'config');
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(path)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ConfigurationError */ .j1(`No kubeconfig: set the "${inputName}" input (from a secret) or the KUBECONFIG environment variable` +
            (fromEnvironment ? ` (KUBECONFIG points at ${path}, which does not exist)` : ''));
    }
    return { path, dispose: async () => { } };
}
function maskCredentials(content, inputName) {
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_5__/* .parse */ .qg)(content);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ConfigurationError */ .j1(`Input "${inputName}" (value hidden) is not valid YAML: ${firstLine((0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error))}`);
    }
    const users = document?.users;
    if (!Array.isArray(users)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ConfigurationError */ .j1(`Input "${inputName}" (value hidden): expected a kubeconfig with a "users" list`);
    }
    for (const entry of users) {
        for (const field of CREDENTIAL_FIELDS) {
            const value = entry.user?.[field];
            if (typeof value === 'string')
                (0,_secrets_js__WEBPACK_IMPORTED_MODULE_7__/* .registerSecret */ .c)(value);
        }
    }
}
function firstLine(text) {
    return text.split('\n')[0] ?? text;
}


/***/ }),

/***/ 6793:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R0: () => (/* binding */ isUnreachable),
/* harmony export */   US: () => (/* binding */ isForbidden),
/* harmony export */   bx: () => (/* binding */ Kubectl),
/* harmony export */   jy: () => (/* binding */ contextNamespace)
/* harmony export */ });
/* unused harmony export KubectlError */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5260);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2863);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5067);





/**
 * kubectl exited non-zero: the message is its stderr, which is what a person needs to read, with a
 * hint for refused credentials and an unreachable API server. A known failure, not a bug of the
 * suite: whether the API server refused the call (rights, validation) or could not be reached, the
 * fix is in the cluster, the network or the kubeconfig, and `isUnreachable` tells the two apart.
 */
class KubectlError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1 {
    args;
    exitCode;
    stderr;
    name = 'KubectlError';
    constructor(args, exitCode, stderr) {
        super(`kubectl ${args.join(' ')} failed (exit ${exitCode}): ${stderr || 'no error output'}${hintFor(stderr)}`);
        this.args = args;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }
}
const UNREACHABLE = /connection refused|no such host|i\/o timeout|Unable to connect to the server/;
/** kubectl could not reach the API server at all (as opposed to the server answering with an error). */
function isUnreachable(error) {
    return error instanceof KubectlError && UNREACHABLE.test(error.stderr);
}
/** The API server refused the call for lack of a right (403 Forbidden): the credentials, not the cluster, need fixing. */
function isForbidden(error) {
    return error instanceof KubectlError && /\(Forbidden\)|is forbidden: User/.test(error.stderr);
}
function hintFor(stderr) {
    if (/Unauthorized|provide credentials/.test(stderr)) {
        return ' — the API server refused the credentials (Unauthorized): check the token or client certificate in the kubeconfig';
    }
    if (UNREACHABLE.test(stderr)) {
        return ' — the API server could not be reached: check the server address in the kubeconfig and the network';
    }
    return '';
}
/** Every kubectl call of the suite goes through here, so logs and tests see the exact command. */
class Kubectl {
    options;
    constructor(options) {
        this.options = options;
    }
    get namespace() {
        return this.options.namespace;
    }
    /** The same kubectl, scoped to one namespace: every call of a run goes to the namespace resolved for it. */
    inNamespace(namespace) {
        return new Kubectl({ ...this.options, namespace: (0,_names_js__WEBPACK_IMPORTED_MODULE_4__/* .checkObjectName */ .Rl)('Namespace', namespace, 'The namespace of this run') });
    }
    async run(args, { input, allowFailure = false } = {}) {
        const scoped = this.scoped(args);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(`kubectl ${scoped.join(' ')}`);
        const result = await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_1__/* .getExecOutput */ .H)(this.options.binary ?? 'kubectl', ['--kubeconfig', this.options.kubeconfig, ...scoped], {
            silent: true,
            ignoreReturnCode: true,
            input: input === undefined ? undefined : Buffer.from(input),
        });
        if (result.exitCode !== 0 && !allowFailure)
            throw new KubectlError(scoped, result.exitCode, result.stderr.trim());
        return result;
    }
    /** A long-running kubectl (e.g. `rollout status`) that can be stopped early. */
    start(args) {
        const scoped = this.scoped(args);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(`kubectl ${scoped.join(' ')}`);
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_2__.spawn)(this.options.binary ?? 'kubectl', ['--kubeconfig', this.options.kubeconfig, ...scoped], {
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
        const result = new Promise((resolve, reject) => {
            child.on('error', reject);
            child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout, stderr }));
        });
        return { result, stop: () => child.kill('SIGTERM') };
    }
    scoped(args) {
        return this.options.namespace ? ['--namespace', this.options.namespace, ...args] : [...args];
    }
    /** `args` with `--output json`, which goes before a `--` that ends the flags. */
    async json(args) {
        const end = args.indexOf('--');
        const flagged = end === -1 ? [...args, '--output', 'json'] : [...args.slice(0, end), '--output', 'json', ...args.slice(end)];
        const { stdout } = await this.run(flagged);
        return parseAnswer(flagged, stdout);
    }
    /**
     * `kubectl get <kind> -- <name>`, or undefined when it does not exist. Anything but that one
     * object (a List, another kind, another name or namespace) is an error, never "found".
     */
    async find(kind, name) {
        (0,_names_js__WEBPACK_IMPORTED_MODULE_4__/* .checkObjectName */ .Rl)(kind, name, `The ${kind} to look up`);
        const args = ['get', kind.toLowerCase(), '--ignore-not-found', '--output', 'json', '--', name];
        const { stdout } = await this.run(args);
        if (stdout.trim() === '')
            return undefined;
        const found = parseAnswer(args, stdout);
        if (found === null || typeof found !== 'object')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`kubectl ${args.join(' ')} answered with something that is not an object; the step stops here`);
        const namespaceDiffers = this.namespace !== undefined && found.metadata?.namespace !== undefined && found.metadata.namespace !== this.namespace;
        if (found.kind !== kind || found.metadata?.name !== name || namespaceDiffers) {
            const answer = `${String(found.kind)} ${String(found.metadata?.name ?? '(no name)')}${found.metadata?.namespace ? ` in namespace ${String(found.metadata.namespace)}` : ''}`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`kubectl get ${kind.toLowerCase()} ${name} answered with ${answer}, not that one ${kind}; the step stops here`);
        }
        return found;
    }
}
/** kubectl's JSON answer; a truncated or garbled one is an explained stop, not a bug. */
function parseAnswer(args, stdout) {
    try {
        return JSON.parse(stdout);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`kubectl ${args.join(' ')} answered with ${stdout.length} characters that are not JSON (truncated?); the step stops here`);
    }
}
/** The namespace of the kubeconfig's current context, else `default`, as kubectl itself would use. */
async function contextNamespace(kubectl) {
    const { stdout } = await kubectl.run(['config', 'view', '--minify', '--output', 'jsonpath={..namespace}'], { allowFailure: true });
    return (0,_names_js__WEBPACK_IMPORTED_MODULE_4__/* .checkObjectName */ .Rl)('Namespace', stdout.trim() || 'default', "The kubeconfig's current context");
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
/* harmony export */   h4: () => (/* binding */ diagnose),
/* harmony export */   ko: () => (/* binding */ ProblemClock)
/* harmony export */ });
/* unused harmony export severityOf */
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5067);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9039);


const FATAL_REASONS = new Set(['CrashLoopBackOff', 'InvalidImageName', 'CreateContainerError', 'RunContainerError', 'Error']);
const TRANSIENT_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'CreateContainerConfigError']);
const IMAGE_PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff']);
/**
 * Pull errors that no retry fixes: the registry answered that the image is not there or not for
 * this client (containerd's and the registry API's wording), as opposed to a timeout or a refused
 * connection.
 */
const PERMANENT_PULL_ERROR = /\bnot found\b|manifest unknown|pull access denied|repository does not exist|unauthorized|invalid reference format/i;
/** The severity of a container waiting (or an init container that failed) for `reason`; undefined for normal start-up states. */
function severityOf(reason, message) {
    if (FATAL_REASONS.has(reason))
        return 'fatal';
    if (IMAGE_PULL_REASONS.has(reason) && message && PERMANENT_PULL_ERROR.test(message))
        return 'fatal';
    if (TRANSIENT_REASONS.has(reason))
        return 'transient';
    return undefined;
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
     * kubelet's image back-off (10 s, then 20 s) to retry twice, and at most half the timeout, so that
     * the failure still comes with the reason.
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
    const observe = () => (workload.kind === 'statefulset' ? statefulSetObservations(kubectl, workload.name) : newRevisionObservations(kubectl, workload.name));
    const clock = _pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .ProblemClock */ .ko.forTimeout(timeoutSeconds);
    let waiting = [];
    const reported = new Set();
    const findProblems = async () => {
        const judgement = clock.judge(await observe(), Date.now());
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
        // Timed out or past its progress deadline: say what the pods were doing, and what was waited for.
        const problems = await findProblems().catch(() => []);
        const found = [...problems, ...waiting];
        if (found[0])
            outcome.message = `${outcome.message}: ${describeProblem(found[0])}`;
        outcome.problems = await Promise.all(found.slice(0, 3).map((problem) => (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .diagnose */ .h4)(kubectl, problem)));
    }
    return outcome;
}
/** Summary notes on what a rollout waited out, e.g. pods waiting for capacity until a node was added. */
function waitedNotes(workload, outcome) {
    return (outcome.waited ?? []).slice(0, 5).map((line) => `${(0,_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)(workload)} waited: ${line.replace(/\.?$/, '.')}`);
}
/** One line: which pod (or ReplicaSet) and what it shows. */
function describeProblem(problem) {
    const detail = problem.message ? ` (${problem.message})` : '';
    if (problem.kind === 'ReplicaSet')
        return `replicaset ${problem.pod} cannot create pods: ${problem.reason}${detail}`;
    const subject = `pod ${problem.pod}${problem.container ? ` (container ${problem.container})` : ''}`;
    if (problem.reason === 'Unschedulable')
        return `${subject} is waiting for capacity, the scheduler says: ${problem.message ?? 'Unschedulable'}`;
    return `${subject} is in ${problem.reason}${detail}`;
}
/** The pods of a Deployment's newest revision (the old ones are on their way out), and whether its ReplicaSet can create them. */
async function newRevisionObservations(kubectl, deployment) {
    const [newest] = await (0,_deployment_revisions_js__WEBPACK_IMPORTED_MODULE_6__/* .replicaSetsOf */ .Ls)(kubectl, deployment);
    const hash = newest?.metadata.labels?.[_metadata_js__WEBPACK_IMPORTED_MODULE_7__/* .POD_TEMPLATE_HASH_LABEL */ .jX];
    if (!newest || !hash)
        return [];
    const refused = (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .replicaSetFailure */ .Dv)(newest);
    const selector = newest.spec?.selector?.matchLabels ?? { [_metadata_js__WEBPACK_IMPORTED_MODULE_7__/* .POD_TEMPLATE_HASH_LABEL */ .jX]: hash };
    const pods = await kubectl.json(['get', 'pods', `--selector=${(0,_names_js__WEBPACK_IMPORTED_MODULE_8__/* .selectorOf */ .Bk)(selector)}`]);
    return [...(refused ? [refused] : []), ...(0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .observePods */ .NH)(pods.items)];
}
async function statefulSetObservations(kubectl, name) {
    return (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .observePods */ .NH)((await (0,_statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_9__/* .statefulSetPods */ .NX)(kubectl, name)).pods);
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

/***/ 482:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AD: () => (/* binding */ abortBlueGreen),
/* harmony export */   _H: () => (/* binding */ colourName),
/* harmony export */   bF: () => (/* binding */ readBlueGreenState),
/* harmony export */   ci: () => (/* binding */ promoteBlueGreen),
/* harmony export */   e3: () => (/* binding */ undoBlueGreen),
/* harmony export */   fL: () => (/* binding */ deployBlueGreen)
/* harmony export */ });
/* unused harmony exports COLOURS, otherColour, setRole, switchTraffic, servicesSelecting, planColour, pointAtColour */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9319);
/* harmony import */ var _kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(193);
/* harmony import */ var _kubernetes_deployment_revisions_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3691);
/* harmony import */ var _kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2655);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2863);
/* harmony import */ var _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7482);
/* harmony import */ var _kubernetes_names_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5067);
/* harmony import */ var _kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1563);
/* harmony import */ var _kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8230);
/* harmony import */ var _kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7833);











/**
 * Blue-green without a mesh: the new version runs as the idle colour (`<name>-blue` or
 * `<name>-green`, pods labelled `version: <colour>`) while the Services keep selecting the
 * serving colour; `promote` switches the Services' selector, `abort` removes the idle colour,
 * and the rollback action switches back to the colour that served before.
 */
const COLOURS = ['blue', 'green'];
function colourName(deployment, colour) {
    return `${deployment}-${colour}`;
}
function otherColour(colour) {
    return colour === 'blue' ? 'green' : 'blue';
}
/**
 * What runs where, read from the cluster: the colour Deployments `<name>-blue` and
 * `<name>-green`, and which of them the Services select. The Services are the truth (they
 * are what users reach); a Service that selects no colour, or two Services that disagree,
 * is an error rather than a guess.
 */
async function readBlueGreenState(kubectl, deployment) {
    const colours = {};
    for (const colour of COLOURS) {
        const live = await kubectl.find('Deployment', colourName(deployment, colour));
        if (live)
            colours[colour] = describeColour(colour, live);
    }
    const services = [...new Set(Object.values(colours).flatMap((found) => found.services))];
    if (services.length === 0)
        return { colours };
    const selected = new Map();
    for (const service of services) {
        const live = await kubectl.find('Service', service);
        selected.set(service, live?.spec?.selector?.[_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .VERSION_LABEL */ .x9]);
    }
    const values = [...new Set(selected.values())];
    // No Service selects a colour yet: the first blue-green deploy never got as far as switching.
    if (values.every((value) => value === undefined))
        return { colours };
    const serving = values[0];
    if (values.length !== 1 || (serving !== 'blue' && serving !== 'green') || !colours[serving]) {
        const seen = [...selected].map(([service, value]) => `service/${service} selects ${_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .VERSION_LABEL */ .x9}=${value ?? '(nothing)'}`).join(', ');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`Blue-green state of deployment/${deployment} is inconsistent: ${seen}, and the colour Deployments are ${Object.keys(colours).join(' and ')}. Fix the Service selectors by hand; nothing was changed`);
    }
    return { colours, serving };
}
function describeColour(colour, live) {
    const annotations = live.metadata.annotations ?? {};
    const role = annotations[_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .BLUE_GREEN_ROLE_ANNOTATION */ .Qu];
    return {
        colour,
        name: live.metadata.name,
        role: role === 'pending' || role === 'serving' || role === 'previous' ? role : undefined,
        revision: (0,_kubernetes_deployment_revisions_js__WEBPACK_IMPORTED_MODULE_3__/* .revisionOf */ .DT)(live),
        replicas: live.spec?.replicas,
        images: (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_4__/* .templateImages */ .TD)(live.spec?.template),
        services: (annotations[_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .BLUE_GREEN_SERVICES_ANNOTATION */ .sA] ?? '')
            .split(',')
            .filter(Boolean)
            .map((service) => (0,_kubernetes_names_js__WEBPACK_IMPORTED_MODULE_5__/* .checkObjectName */ .Rl)('Service', service, `The ${_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .BLUE_GREEN_SERVICES_ANNOTATION */ .sA} annotation of deployment/${live.metadata.name}`)),
    };
}
async function setRole(kubectl, deployment, role) {
    await kubectl.run(['annotate', 'deployment', '--overwrite', '--', deployment, `${_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .BLUE_GREEN_ROLE_ANNOTATION */ .Qu}=${role}`]);
}
/**
 * Points the Services at a colour, and the autoscalers that scaled the other colour at this one.
 * The autoscalers are listed before anything changes, so that a refusal to list them leaves the
 * Services where they were.
 */
async function switchTraffic(kubectl, services, from, to) {
    const autoscalers = await kubectl.json(['get', 'horizontalpodautoscalers']);
    const patch = JSON.stringify({ spec: { selector: { [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .VERSION_LABEL */ .x9]: to.colour } } });
    for (const service of services)
        await kubectl.run(['patch', 'service', '--type=merge', `--patch=${patch}`, '--', service]);
    for (const autoscaler of autoscalers.items) {
        const target = autoscaler.spec?.scaleTargetRef;
        if (target?.kind !== 'Deployment' || target.name !== from.name)
            continue;
        const retarget = JSON.stringify({ spec: { scaleTargetRef: { name: to.name } } });
        await kubectl.run([
            'patch',
            'horizontalpodautoscaler',
            '--type=merge',
            `--patch=${retarget}`,
            '--',
            (0,_kubernetes_names_js__WEBPACK_IMPORTED_MODULE_5__/* .checkObjectName */ .Rl)('HorizontalPodAutoscaler', autoscaler.metadata.name, 'The cluster'),
        ]);
    }
}
/** The manifests' Services whose selector matches the Deployment's pods: blue-green switches these. */
function servicesSelecting(objects, deployment) {
    const template = (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_4__/* .isRecord */ .u4)(deployment.spec?.template) ? deployment.spec.template : {};
    const podLabels = ((0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_4__/* .isRecord */ .u4)(template.metadata) && (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_4__/* .isRecord */ .u4)(template.metadata.labels) ? template.metadata.labels : {});
    const services = objects.filter((object) => {
        if (object.kind !== 'Service' || !(0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_4__/* .isRecord */ .u4)(object.spec?.selector))
            return false;
        const selector = Object.entries(object.spec.selector);
        return selector.length > 0 && selector.every(([key, value]) => podLabels[key] === value);
    });
    if (services.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`The blue-green strategy switches the Service in front of deployment/${deployment.metadata.name}, but the manifests have no Service whose selector matches its pods`);
    }
    return services;
}
/** The colour Deployment: the manifests' Deployment renamed, its pods labelled `version: <colour>`. */
function planColour(deployment, colour, options) {
    const variant = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_6__/* .labelledVariant */ .L)(deployment, colourName(deployment.metadata.name, colour), _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .VERSION_LABEL */ .x9, colour, options.replicas);
    variant.metadata.annotations = {
        ...variant.metadata.annotations,
        [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .BLUE_GREEN_ROLE_ANNOTATION */ .Qu]: options.role,
        [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .BLUE_GREEN_SERVICES_ANNOTATION */ .sA]: options.services.map((service) => service.metadata.name).join(','),
    };
    return variant;
}
/**
 * Everything in the manifests but the Deployment itself, pointed at one colour: the Services
 * select `version: <colour>` and autoscalers of the Deployment scale that colour instead.
 */
function pointAtColour(objects, deployment, colour) {
    const services = new Set(servicesSelecting(objects, deployment));
    const name = deployment.metadata.name;
    return objects
        .filter((object) => object !== deployment)
        .map((object) => {
        if (services.has(object))
            return { ...object, spec: { ...object.spec, selector: { ...object.spec?.selector, [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .VERSION_LABEL */ .x9]: colour } } };
        const target = object.kind === 'HorizontalPodAutoscaler' && (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_4__/* .isRecord */ .u4)(object.spec?.scaleTargetRef) ? object.spec.scaleTargetRef : undefined;
        if (target?.kind === 'Deployment' && target.name === name) {
            return { ...object, spec: { ...object.spec, scaleTargetRef: { ...target, name: colourName(name, colour) } } };
        }
        return object;
    });
}
async function deployBlueGreen(kubectl, objects, options) {
    const next = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_6__/* .singleDeployment */ .s)(objects, 'blue-green');
    const services = servicesSelecting(objects, next);
    const state = await readBlueGreenState(kubectl, next.metadata.name);
    if (!state.serving)
        return firstDeploy(kubectl, objects, next, services, options);
    const serving = state.colours[state.serving];
    const colour = otherColour(state.serving);
    const candidate = planColour(next, colour, { role: 'pending', services, replicas: serving.replicas });
    const name = candidate.metadata.name;
    await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .preflight */ .Mz)(kubectl, [candidate], options);
    const workloads = [{ name, previousRevision: await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_8__/* .currentRevision */ .h7)(kubectl, name) }];
    const notes = [`deployment/${serving.name} keeps serving; ${serviceList(services)} switch to deployment/${name} on \`action: promote\`.`];
    const replaced = state.colours[colour];
    if (replaced?.role === 'previous')
        notes.push(`deployment/${name} held the previous release (${replaced.images.join(', ')}) for an instant switch back; it now runs the new version.`);
    if (options.dryRun) {
        return {
            status: 'succeeded',
            strategy: 'blue-green',
            message: 'Dry run: nothing was changed',
            workloads,
            notes,
            problems: [],
            diff: await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .dryRunDiff */ .KW)(kubectl, [candidate], options),
        };
    }
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Apply deployment/${name}`, () => (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .apply */ .Bb)(kubectl, [candidate], options));
    const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for deployment/${name}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_9__/* .waitForRollout */ .gj)(kubectl, name, options.timeoutSeconds));
    workloads[0].revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_8__/* .currentRevision */ .h7)(kubectl, name);
    if (!outcome.ok) {
        if (!options.rollbackOnFailure)
            return { status: 'failed', strategy: 'blue-green', message: outcome.message, workloads, notes, problems: outcome.problems };
        await (0,_kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_10__/* .deleteDeploymentsAndPods */ .J)(kubectl, [name], options.timeoutSeconds);
        return {
            status: 'rolled-back',
            strategy: 'blue-green',
            message: `${outcome.message}. Removed deployment/${name}; deployment/${serving.name} served throughout.`,
            workloads,
            notes,
            problems: outcome.problems,
        };
    }
    return {
        status: 'succeeded',
        strategy: 'blue-green',
        message: `deployment/${name} runs the new version beside deployment/${serving.name}, which still gets all traffic`,
        workloads,
        notes,
        problems: [],
    };
}
/**
 * Nothing to switch from yet: the blue colour goes live directly, as a rolling deploy would.
 * A Deployment of the same name deployed without blue-green keeps serving (the Services'
 * selector still matches its pods) until blue is ready, then the Services switch and it is removed.
 */
async function firstDeploy(kubectl, objects, next, services, options) {
    const blue = planColour(next, 'blue', { role: 'serving', services });
    const name = blue.metadata.name;
    const pointed = pointAtColour(objects, next, 'blue');
    const switchedServices = pointed.filter((object) => object.kind === 'Service' && services.some((service) => service.metadata.name === object.metadata.name));
    const beforeSwitch = [...pointed.filter((object) => !switchedServices.includes(object)), blue];
    const unmanaged = await kubectl.find('Deployment', next.metadata.name);
    await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .preflight */ .Mz)(kubectl, [...beforeSwitch, ...switchedServices], options);
    const workloads = [{ name, previousRevision: await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_8__/* .currentRevision */ .h7)(kubectl, name) }];
    const notes = [
        `No blue-green release of deployment/${next.metadata.name} was serving, so there was nothing to switch from: blue went live directly, as a rolling deploy would.`,
    ];
    if (unmanaged)
        notes.push(`deployment/${next.metadata.name} (deployed without blue-green) served until deployment/${name} was ready, then ${serviceList(services)} switched to blue and it was removed.`);
    if (options.dryRun) {
        return {
            status: 'succeeded',
            strategy: 'rolling',
            message: 'Dry run: nothing was changed',
            workloads,
            notes,
            problems: [],
            diff: await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .dryRunDiff */ .KW)(kubectl, [...beforeSwitch, ...switchedServices], options),
        };
    }
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group('Apply', () => (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .apply */ .Bb)(kubectl, beforeSwitch, options));
    const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for deployment/${name}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_9__/* .waitForRollout */ .gj)(kubectl, name, options.timeoutSeconds));
    workloads[0].revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_8__/* .currentRevision */ .h7)(kubectl, name);
    if (!outcome.ok) {
        if (!options.rollbackOnFailure)
            return { status: 'failed', strategy: 'rolling', message: outcome.message, workloads, notes, problems: outcome.problems };
        await (0,_kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_10__/* .deleteDeploymentsAndPods */ .J)(kubectl, [name], options.timeoutSeconds);
        const served = unmanaged ? `deployment/${next.metadata.name} served throughout` : 'nothing was serving before';
        return {
            status: 'rolled-back',
            strategy: 'rolling',
            message: `${outcome.message}. Removed deployment/${name}; ${served}.`,
            workloads,
            notes,
            problems: outcome.problems,
        };
    }
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Switch ${serviceList(services)} to blue`, () => (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .apply */ .Bb)(kubectl, switchedServices, options));
    if (unmanaged)
        await (0,_kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_10__/* .deleteDeploymentsAndPods */ .J)(kubectl, [next.metadata.name], options.timeoutSeconds);
    return { status: 'succeeded', strategy: 'rolling', message: `deployment/${name} is live`, workloads, notes, problems: [] };
}
/** Switches the Services to the pending colour; the colour that served keeps running for an instant switch back. */
async function promoteBlueGreen(kubectl, objects, options) {
    const next = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_6__/* .singleDeployment */ .s)(objects, 'blue-green');
    const services = servicesSelecting(objects, next);
    const state = await readBlueGreenState(kubectl, next.metadata.name);
    const wanted = (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_4__/* .containerImages */ ._Z)(next);
    const { serving, candidate } = pendingColour(state, next.metadata.name);
    if (!candidate) {
        if (sameImages(serving.images, wanted)) {
            return result('succeeded', `Nothing pending to promote: deployment/${serving.name} already serves ${wanted.join(', ')}`, serving);
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`Nothing to promote: deployment/${serving.name} serves ${serving.images.join(', ')} and no new colour is pending; deploy ${wanted.join(', ')} with strategy blue-green first. Nothing was changed`);
    }
    if (!sameImages(candidate.images, wanted)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`deployment/${candidate.name} runs ${candidate.images.join(', ')} but the manifests ask for ${wanted.join(', ')}: deploy them with strategy blue-green before promoting. Nothing was changed`);
    }
    const ready = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Check deployment/${candidate.name} is ready`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_9__/* .waitForRollout */ .gj)(kubectl, candidate.name, options.timeoutSeconds));
    if (!ready.ok) {
        return {
            ...result('failed', `deployment/${candidate.name} is not ready, so the Services were not switched: ${ready.message}`, candidate),
            problems: ready.problems,
        };
    }
    const pointed = pointAtColour(objects, next, candidate.colour);
    await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .preflight */ .Mz)(kubectl, pointed, options);
    if (options.dryRun)
        return { ...result('succeeded', 'Dry run: nothing was changed', candidate), diff: await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .dryRunDiff */ .KW)(kubectl, pointed, options) };
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Switch ${serviceList(services)} to ${candidate.colour}`, () => (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .apply */ .Bb)(kubectl, pointed, options));
    await setRole(kubectl, candidate.name, 'serving');
    await setRole(kubectl, serving.name, 'previous');
    return {
        ...result('succeeded', `Promoted: ${serviceList(services)} now send traffic to deployment/${candidate.name} (${candidate.images.join(', ')})`, candidate),
        notes: [
            `deployment/${serving.name} keeps running ${serving.images.join(', ')} for an instant switch back (the rollback action) until the next deploy replaces it.`,
        ],
    };
}
/** Removes the pending colour; the serving one was never touched. */
async function abortBlueGreen(kubectl, objects, options) {
    const next = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_6__/* .singleDeployment */ .s)(objects, 'blue-green');
    const { serving, candidate } = pendingColour(await readBlueGreenState(kubectl, next.metadata.name), next.metadata.name);
    if (!candidate)
        return result('succeeded', `Nothing to abort: no new colour is pending; deployment/${serving.name} is unchanged`, serving);
    if (!options.dryRun)
        await (0,_kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_10__/* .deleteDeploymentsAndPods */ .J)(kubectl, [candidate.name], options.timeoutSeconds);
    return result('succeeded', `Aborted: removed deployment/${candidate.name}; deployment/${serving.name} served throughout and is unchanged`, serving);
}
function pendingColour(state, deployment) {
    if (!state.serving) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`No blue-green release of deployment/${deployment} is serving (no ${colourName(deployment, 'blue')} or ${colourName(deployment, 'green')} selected by its Services); deploy with strategy blue-green first. Nothing was changed`);
    }
    const other = state.colours[otherColour(state.serving)];
    return { serving: state.colours[state.serving], candidate: other?.role === 'pending' ? other : undefined };
}
function result(status, message, workload) {
    return { status, strategy: 'blue-green', message, workloads: [{ name: workload.name, revision: workload.revision }], notes: [], problems: [] };
}
function sameImages(a, b) {
    return [...a].sort().join('\n') === [...b].sort().join('\n');
}
function serviceList(services) {
    return services.map((service) => `service/${service.metadata.name}`).join(', ');
}
/**
 * A pending colour (never promoted) is removed; after a promotion the Services switch back
 * to the previous colour, which kept running, once it is ready, and the promoted one is removed.
 */
async function undoBlueGreen(kubectl, name, state, timeoutSeconds) {
    const serving = state.colours[state.serving];
    const other = state.colours[otherColour(serving.colour)];
    const from = { serving: serving.name, fromRevision: serving.revision };
    if (!other) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`deployment/${serving.name} serves ${serving.images.join(', ')} and there is no other colour of deployment/${name} to switch back to: the previous release is kept only until the next deploy`);
    }
    if (other.role === 'pending') {
        await kubectl.run(['delete', 'deployment', '--wait=true', '--', other.name]);
        return {
            ...from,
            toRevision: serving.revision,
            lines: [
                `Removed deployment/${other.name} (${other.images.join(', ')}), which was never promoted; deployment/${serving.name} (${serving.images.join(', ')}) served throughout.`,
            ],
        };
    }
    const ready = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Check deployment/${other.name} is ready`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_9__/* .waitForRollout */ .gj)(kubectl, other.name, timeoutSeconds));
    if (!ready.ok)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`deployment/${other.name} is not ready, so the Services were not switched back: ${ready.message}`);
    await switchTraffic(kubectl, serving.services, serving, other);
    await setRole(kubectl, other.name, 'serving');
    await kubectl.run(['delete', 'deployment', '--wait=true', '--', serving.name]);
    return {
        serving: other.name,
        fromRevision: serving.revision,
        toRevision: other.revision,
        lines: [
            `Was serving deployment/${serving.name} (${serving.images.join(', ')}); ${serving.services.map((service) => `service/${service}`).join(', ')} switched back to deployment/${other.name} (${other.images.join(', ')}), and deployment/${serving.name} was removed.`,
        ],
    };
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
/* harmony export */   mh: () => (/* binding */ canaryName),
/* harmony export */   zG: () => (/* binding */ promoteCanary)
/* harmony export */ });
/* unused harmony exports planCanary, matchLabelsOf */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(9319);
/* harmony import */ var _kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(193);
/* harmony import */ var _kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2655);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2863);
/* harmony import */ var _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7482);
/* harmony import */ var _kubernetes_names_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5067);
/* harmony import */ var _kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1563);
/* harmony import */ var _rolling_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2995);
/* harmony import */ var _traffic_router_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3321);
/* harmony import */ var _kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8230);
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
    const { baseline, canary } = planCanary(stable, next, split.canary, split.baseline);
    const selectors = canarySelectors(stable);
    const variants = [baseline, canary];
    await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_9__/* .preflight */ .Mz)(kubectl, variants, options);
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
            diff: await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_9__/* .dryRunDiff */ .KW)(kubectl, variants, options),
            achievedPercentage: split.achievedPercentage,
            ...selectors,
        };
    }
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group('Apply baseline and canary', () => (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_9__/* .apply */ .Bb)(kubectl, variants, options));
    for (const workload of workloads) {
        const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for deployment/${workload.name}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_10__/* .waitForRollout */ .gj)(kubectl, workload.name, options.timeoutSeconds));
        workload.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_11__/* .currentRevision */ .h7)(kubectl, workload.name);
        notes.push(...(0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_10__/* .waitedNotes */ .kW)({ kind: 'deployment', name: workload.name }, outcome));
        if (outcome.ok)
            continue;
        if (!options.rollbackOnFailure)
            return { status: 'failed', strategy: 'canary', message: outcome.message, workloads, notes, problems: outcome.problems, ...selectors };
        const lingering = await removeCanary(kubectl, name, options.timeoutSeconds);
        return {
            status: 'rolled-back',
            strategy: 'canary',
            message: `${outcome.message}. Removed the canary and baseline; deployment/${name} kept serving throughout.${lingering}`,
            workloads,
            notes,
            problems: outcome.problems,
        };
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
async function abortCanary(kubectl, objects, options) {
    const name = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__/* .singleDeployment */ .s)(objects, 'canary').metadata.name;
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
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2863);







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
    for (const workload of workloads) {
        const remaining = Math.max(1, Math.round((deadline - Date.now()) / 1000));
        const target = (0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(workload);
        const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for ${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)(target)}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_5__/* .waitForRollout */ .gj)(kubectl, target, remaining));
        workload.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .currentRevision */ .h7)(kubectl, target.name, workload.kind);
        notes.push(...(0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_5__/* .waitedNotes */ .kW)(target, outcome));
        if (outcome.ok)
            continue;
        // Rollback first, bookkeeping after: a refused annotation must not keep the failed release live.
        const failedRevision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .failedRevisionRecord */ .oN)(kubectl, target);
        if (!options.rollbackOnFailure) {
            await markFailed(kubectl, failedRevision, notes);
            return { status: 'failed', strategy, message: outcome.message, workloads, notes, problems: outcome.problems };
        }
        const rolledBack = await rollBackWorkloads(kubectl, workloads, options.timeoutSeconds);
        await markFailed(kubectl, failedRevision, notes);
        return {
            status: rolledBack.ok ? 'rolled-back' : 'failed',
            strategy,
            message: `${outcome.message}. ${rolledBack.message}`,
            workloads,
            notes,
            problems: outcome.problems,
        };
    }
    return { status: 'succeeded', strategy, message: `Deployed ${workloads.map(_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadLabel */ .U).join(', ') || 'the manifests'}`, workloads, notes, problems: [] };
}
/** Marks the failed revision after any rollback; a refusal is a note in the result, not a lost rollback. */
async function markFailed(kubectl, record, notes) {
    if (!record)
        return;
    try {
        await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .markRevisionFailed */ .Wc)(kubectl, record);
    }
    catch (error) {
        notes.push(`Could not mark ${record.kind}/${record.name} failed, so the rollback action could choose it later: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`);
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
/* harmony export */   jY: () => (/* binding */ TRAFFIC_ROUTERS),
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
/**
 * The route's rules with every rule that sends traffic to the stable Service split between it
 * (100 - percentage) and the canary Service (percentage, on the stable reference's port); a
 * canary reference left by an earlier run is replaced, not doubled.
 */
function rulesWithCanary(route, stableService, canaryService, percentage) {
    return rulesOf(route).map((rule) => {
        const refs = backendRefsOf(rule);
        const stableRef = refs.find((ref) => isServiceRef(ref, stableService));
        if (!(0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(rule) || !stableRef)
            return rule;
        const others = refs.filter((ref) => !isServiceRef(ref, stableService) && !isServiceRef(ref, canaryService));
        if (others.length > 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`A rule of HTTPRoute/${route.metadata.name} sends traffic to other backends beside Service/${stableService}; the canary needs a rule whose only backend is the stable Service. Nothing was changed`);
        }
        const canaryRef = { ...stableRef, name: canaryService, weight: percentage };
        return { ...rule, backendRefs: [{ ...stableRef, weight: 100 - percentage }, canaryRef] };
    });
}
/** The route's rules with every reference to the canary Service removed, the stable Service alone where they were. */
function rulesWithoutCanary(route, stableService, canaryService) {
    return rulesOf(route).map((rule) => {
        const refs = backendRefsOf(rule);
        if (!(0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(rule) || !refs.some((ref) => isServiceRef(ref, canaryService)))
            return rule;
        const kept = refs.filter((ref) => !isServiceRef(ref, canaryService)).map((ref) => (isServiceRef(ref, stableService) ? { ...ref, weight: 100 } : ref));
        return { ...rule, backendRefs: kept };
    });
}


/***/ })

};

//# sourceMappingURL=37.index.js.map