export const id = 223;
export const ids = [223];
export const modules = {

/***/ 6529:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hk: () => (/* binding */ ROLLBACK_READ_SERVICES),
/* harmony export */   Ly: () => (/* binding */ deployNeeds),
/* harmony export */   Tv: () => (/* binding */ progressiveCanaryNeeds),
/* harmony export */   ed: () => (/* binding */ rollbackNeeds),
/* harmony export */   wt: () => (/* binding */ canaryAnalyzeNeeds),
/* harmony export */   x8: () => (/* binding */ checkAccess),
/* harmony export */   zp: () => (/* binding */ ROLLBACK_FIND)
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
const needs = (verbs, group, resource, why) => verbs.map((verb) => need(verb, group, resource, why));
/*
 * The rights of each step, from the requests the kubectl commands it runs make (server-side apply:
 * PATCH, authorised as create as well when the object is new; `get` of a name: GET; `get` with a
 * selector: list; `annotate` and `patch`: GET then PATCH; `delete --wait`: DELETE, then GET, and
 * list and watch while the object is still there; `rollout status`: GET, list and watch; `rollout
 * undo`: GET the Deployment, list its ReplicaSets, PATCH).
 */
/** kubectl get deployment NAME: a Deployment's revision, whether a canary or colour exists. */
const READ_DEPLOYMENT = [need('get', 'apps', 'deployments', 'read the Deployments')];
/** Reading a workload's rollout, its revisions and its pods (rollout-wait.ts): what every wait needs, so that a crash loop is seen and explained. */
function followNeeds(kind, resource, revisions) {
    return [
        need('get', 'apps', resource, `read the ${kind}`),
        ...needs(['list', 'watch'], 'apps', resource, 'follow its rollout (kubectl rollout status)'),
        need('list', 'apps', revisions, `find the ${kind}'s revisions`),
        need('list', '', 'pods', 'see crashing or unschedulable pods while waiting'),
        need('list', '', 'events', "show a failing pod's events"),
        { verb: 'get', group: '', resource: 'pods', subresource: 'log', why: "show a failing pod's log" },
    ];
}
const FOLLOW_DEPLOYMENT = followNeeds('Deployment', 'deployments', 'replicasets');
const FOLLOW_STATEFULSET = followNeeds('StatefulSet', 'statefulsets', 'controllerrevisions');
/** deletion.ts deleteDeploymentsAndPods: find their ReplicaSets, delete and wait, then wait for their pods to be gone. */
const DELETE_DEPLOYMENTS = [
    ...needs(['get', 'list', 'watch'], 'apps', 'deployments', 'find the Deployments to remove and wait until they are gone'),
    need('list', 'apps', 'replicasets', 'find the pods of the Deployments to remove'),
    need('delete', 'apps', 'deployments', 'remove Deployments that no longer serve'),
    need('list', '', 'pods', "wait until the removed Deployments' pods are gone"),
];
/** workloads.ts markRevisionFailed: kubectl annotate on the newest ReplicaSet. */
const MARK_FAILED = [
    need('list', 'apps', 'replicasets', "find the failed rollout's ReplicaSet"),
    ...needs(['get', 'patch'], 'apps', 'replicasets', 'mark a failed revision so that rollback never returns to it'),
];
/** kubectl rollout undo deployment/NAME. */
const UNDO_DEPLOYMENT = [
    need('get', 'apps', 'deployments', 'read the Deployment to roll back'),
    need('list', 'apps', 'replicasets', 'find the revision to roll back to'),
    need('patch', 'apps', 'deployments', 'roll the Deployment back (kubectl rollout undo)'),
];
/** blue-green.ts readBlueGreenState: the colour Deployments and the Services that select one. */
const READ_COLOURS = [...READ_DEPLOYMENT, need('get', '', 'services', 'read which colour the Services select')];
/** blue-green.ts setRole: kubectl annotate deployment. */
const SET_ROLE = needs(['get', 'patch'], 'apps', 'deployments', "record each colour's role");
/** blue-green.ts undoBlueGreen: kubectl delete --wait of the colour that no longer serves (its traffic already switched away, or it never had any). */
const REMOVE_COLOUR = needs(['delete', 'get', 'list', 'watch'], 'apps', 'deployments', 'remove the colour that no longer serves and wait until it is gone');
/** blue-green.ts switchTraffic: the rollback's switch back, with kubectl patch on Services and autoscalers. */
const SWITCH_TRAFFIC = [
    need('list', 'autoscaling', 'horizontalpodautoscalers', 'find the autoscalers that follow the serving colour'),
    ...needs(['get', 'patch'], '', 'services', 'switch the Services between colours'),
    ...needs(['get', 'patch'], 'autoscaling', 'horizontalpodautoscalers', 'point the autoscalers at the serving colour'),
];
/** The verb the API server authorizes a proxied request with (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go). */
const PROXY_VERBS = { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', DELETE: 'delete' };
function verifyNeeds(plan) {
    const verify = plan.verify ?? [];
    if (verify.length === 0 || plan.action !== 'deploy')
        return [];
    const proxyNeeds = [...new Set(verify.map((check) => PROXY_VERBS[check.method]).filter((verb) => verb !== undefined))].map((verb) => ({
        verb,
        group: '',
        resource: 'pods',
        subresource: 'proxy',
        why: 'send the verify checks to the new pods',
    }));
    const needs = [need('list', '', 'pods', 'find the new pods to verify'), ...proxyNeeds];
    // A replicas canary's pods wait behind a readiness gate that the action opens once they pass.
    if (plan.strategy === 'canary' && !plan.httpRoute)
        for (const verb of ['get', 'patch'])
            needs.push({
                verb,
                group: '',
                resource: 'pods',
                subresource: 'status',
                why: "mark the canary's pods verified (kubectl patch --subresource=status), which makes them Ready",
            });
    return needs;
}
/** hooks.ts runHooks: dry-run and apply each hook Job (its kind's apply rights), remove earlier runs, wait, diagnose. */
const HOOK_JOBS = [
    need('list', 'batch', 'jobs', "find a hook's earlier runs"),
    ...needs(['delete', 'get', 'list', 'watch'], 'batch', 'jobs', "remove a hook's earlier runs and wait until they are gone"),
    need('get', 'batch', 'jobs', "follow a hook's Job"),
    need('list', '', 'pods', "see why a hook's pod does not start"),
    { verb: 'get', group: '', resource: 'pods', subresource: 'log', why: "show a failed hook's log" },
    need('list', '', 'events', "show a failed hook's events"),
];
/** gateway-canary.ts: the HTTPRoute read and patched (kubectl patch: GET then PATCH), the canary Service applied and removed. */
const GATEWAY_ROUTE = [
    ...needs(['get', 'patch'], 'gateway.networking.k8s.io', 'httproutes', "set the canary's weight on the HTTPRoute, and take it off"),
];
const GATEWAY_CANARY_SERVICE = [
    ...needs(['create', 'patch'], '', 'services', "apply the canary's Service"),
    ...needs(['delete', 'get', 'list', 'watch'], '', 'services', "remove the canary's Service and wait until it is gone"),
];
/** Server-side apply of the manifests' kinds (create too, for objects that do not exist yet); a dry run also reads them for the diff. */
function applyNeeds(kinds, dryRun) {
    const result = [];
    for (const kind of new Set(kinds)) {
        const known = RESOURCES[kind];
        if (!known)
            continue;
        const base = { group: known.group, resource: known.resource, ...(known.clusterScoped ? { clusterScoped: true } : {}) };
        if (dryRun)
            result.push({ ...base, verb: 'get', why: `read ${kind} objects to show what would change` });
        result.push({ ...base, verb: 'patch', why: `apply ${kind} objects (server-side apply)` });
        result.push({ ...base, verb: 'create', why: `create ${kind} objects that do not exist yet` });
    }
    return result;
}
/** rolling.ts deployRolling: apply, follow every workload, mark a failed revision, undo. Canary promote and a first canary or blue-green deploy run it too. */
function rollingNeeds(plan) {
    const result = [...applyNeeds(plan.kinds, false), ...READ_DEPLOYMENT, ...FOLLOW_DEPLOYMENT, ...MARK_FAILED];
    if (plan.rollbackOnFailure)
        result.push(...UNDO_DEPLOYMENT);
    if (plan.kinds.includes('StatefulSet')) {
        result.push(...FOLLOW_STATEFULSET);
        result.push(need('list', 'apps', 'controllerrevisions', 'find the failed rollout of a StatefulSet'));
        result.push(...needs(['get', 'patch'], 'apps', 'controllerrevisions', 'mark a failed revision so that rollback never returns to it'));
        result.push(need('list', '', 'pods', 'find StatefulSet pods stuck on a failed revision'));
        result.push(need('delete', '', 'pods', 'replace StatefulSet pods stuck on a failed revision'));
        if (plan.rollbackOnFailure)
            result.push(...needs(['get', 'patch'], 'apps', 'statefulsets', 'roll back a failed rollout (kubectl rollout undo)'));
    }
    return result;
}
/** The steps of each strategy and action, as actions/lib/strategies/* runs them. */
function strategyNeeds(plan) {
    const { strategy, action } = plan;
    const removeOnFailure = plan.rollbackOnFailure ? DELETE_DEPLOYMENTS : [];
    if (strategy === 'canary' && plan.httpRoute) {
        if (action === 'abort')
            return [...GATEWAY_ROUTE, ...READ_DEPLOYMENT, ...DELETE_DEPLOYMENTS, ...GATEWAY_CANARY_SERVICE];
        if (action === 'promote')
            return [...GATEWAY_ROUTE, ...rollingNeeds(plan), ...DELETE_DEPLOYMENTS, ...GATEWAY_CANARY_SERVICE];
        return [...GATEWAY_ROUTE, ...rollingNeeds(plan), ...applyNeeds(['Deployment'], false), ...GATEWAY_CANARY_SERVICE, ...DELETE_DEPLOYMENTS];
    }
    if (strategy === 'canary') {
        if (action === 'abort')
            return [...READ_DEPLOYMENT, ...DELETE_DEPLOYMENTS];
        if (action === 'promote')
            return [...rollingNeeds(plan), ...DELETE_DEPLOYMENTS];
        return [...rollingNeeds(plan), ...applyNeeds(['Deployment'], false), ...removeOnFailure];
    }
    if (strategy === 'blue-green') {
        if (action === 'abort')
            return [...READ_COLOURS, ...DELETE_DEPLOYMENTS];
        if (action === 'promote')
            return [
                ...READ_COLOURS,
                ...FOLLOW_DEPLOYMENT,
                ...applyNeeds(plan.kinds.filter((kind) => kind !== 'Deployment'), false),
                ...SET_ROLE,
            ];
        return [...READ_COLOURS, ...applyNeeds(plan.kinds, false), ...FOLLOW_DEPLOYMENT, ...DELETE_DEPLOYMENTS];
    }
    return rollingNeeds(plan);
}
/** Every right a k8s-deploy run needs, from the kinds of its manifests, its strategy and action (pure). */
function deployNeeds(plan) {
    if (plan.dryRun)
        return dedupe([...applyNeeds(plan.kinds, true), ...(plan.strategy === 'rolling' ? [] : READ_DEPLOYMENT)]);
    // Pre-deploy hooks run on a deploy, post-deploy hooks on a deploy or promote; an abort runs none.
    const hooks = plan.hooks && plan.action !== 'abort' ? [...HOOK_JOBS, ...applyNeeds(['Job'], false)] : [];
    return dedupe([...strategyNeeds(plan), ...hooks, ...verifyNeeds(plan)]);
}
/** request-share.ts and the direct provider: the pods of each group, and their counters read through the pod proxy. */
const SCRAPE_PODS = [
    need('list', '', 'pods', 'find the pods whose request counters are read'),
    { verb: 'get', group: '', resource: 'pods', subresource: 'proxy', why: "read the pods' request counters and metrics (GET through the pod proxy)" },
];
/** Every right a canary-analyze run needs: the direct provider's pod reads; Prometheus is asked over HTTP, with no Kubernetes right (pure). */
function canaryAnalyzeNeeds(provider) {
    return provider === 'direct' ? SCRAPE_PODS : [];
}
/**
 * Every right a progressive-canary run needs: a canary deploy at each weight (its promote and abort
 * need a subset), and the pod proxy reads that measure each step's share of requests (pure).
 */
function progressiveCanaryNeeds(plan) {
    return dedupe([...deployNeeds({ ...plan, strategy: 'canary', action: 'deploy', dryRun: false }), ...SCRAPE_PODS]);
}
/** rollback.ts, before anything else: the Deployment, its canary or its colours, read to learn what k8s-deploy left. */
const ROLLBACK_FIND = [need('get', 'apps', 'deployments', 'find what k8s-deploy left: the Deployment, its canary or its colours')];
/** rollback.ts, once colour Deployments are found: the Services they name, read to learn which colour serves. */
const ROLLBACK_READ_SERVICES = [need('get', '', 'services', 'read which colour the Services select')];
/** The rights the rollback action needs once it knows what k8s-deploy left: blue-green colours, a canary, or revisions. */
function rollbackNeeds(kind, hasReason) {
    const reason = hasReason ? needs(['get', 'patch'], 'apps', 'deployments', 'record the reason on the Deployment') : [];
    if (kind === 'blue-green')
        return dedupe([...READ_COLOURS, ...FOLLOW_DEPLOYMENT, ...SWITCH_TRAFFIC, ...SET_ROLE, ...REMOVE_COLOUR, ...reason]);
    if (kind === 'canary')
        return dedupe([...FOLLOW_DEPLOYMENT, ...DELETE_DEPLOYMENTS, ...reason]);
    return dedupe([...FOLLOW_DEPLOYMENT, ...UNDO_DEPLOYMENT, ...reason]);
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
// kubectl says "The connection to the server HOST was refused" when it fails before discovery (a warm discovery cache),
// "dial tcp …: connect: connection refused" when discovery itself fails.
const UNREACHABLE = /connection refused|The connection to the server \S+ was refused|no such host|i\/o timeout|Unable to connect to the server/;
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

//# sourceMappingURL=223.index.js.map