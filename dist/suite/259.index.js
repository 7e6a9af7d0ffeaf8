export const id = 259;
export const ids = [259];
export const modules = {

/***/ 9319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bb: () => (/* binding */ apply),
/* harmony export */   KW: () => (/* binding */ dryRunDiff),
/* harmony export */   Mz: () => (/* binding */ preflight),
/* harmony export */   eT: () => (/* binding */ deleteDeployments)
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
async function deleteDeployments(kubectl, names) {
    await kubectl.run(['delete', 'deployment', '--ignore-not-found', '--wait=true', '--', ...names]);
}


/***/ }),

/***/ 3691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DT: () => (/* binding */ revisionOf),
/* harmony export */   Ls: () => (/* binding */ replicaSetsOf),
/* harmony export */   Vr: () => (/* binding */ markDeploymentRevisionFailed),
/* harmony export */   _c: () => (/* binding */ isMarkedFailed),
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
/** Marks the ReplicaSet of a failed revision, so that `rollback` never returns to it. */
async function markDeploymentRevisionFailed(kubectl, deployment) {
    const [newest] = await replicaSetsOf(kubectl, deployment);
    if (newest)
        await kubectl.run([
            'annotate',
            'replicaset',
            '--overwrite',
            '--',
            (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .checkObjectName */ .Rl)('ReplicaSet', newest.metadata.name, `deployment/${deployment}'s newest ReplicaSet`),
            `${_metadata_js__WEBPACK_IMPORTED_MODULE_0__/* .DEPLOY_STATUS_ANNOTATION */ .LS}=failed`,
        ]);
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
/* harmony export */   Qu: () => (/* binding */ BLUE_GREEN_ROLE_ANNOTATION),
/* harmony export */   _u: () => (/* binding */ COMMIT_ANNOTATION),
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
/* harmony export */   Ft: () => (/* binding */ isPodReady),
/* harmony export */   h4: () => (/* binding */ diagnose),
/* harmony export */   rj: () => (/* binding */ findPodProblems)
/* harmony export */ });
/* unused harmony export FATAL_WAITING_REASONS */
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5067);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9039);


/** Waiting reasons that will not fix themselves: the rollout fails at once instead of at the timeout. */
const FATAL_WAITING_REASONS = new Set([
    'CrashLoopBackOff',
    'ImagePullBackOff',
    'ErrImagePull',
    'InvalidImageName',
    'CreateContainerConfigError',
    'CreateContainerError',
    'RunContainerError',
]);
/** Pods that cannot become ready: stuck on a fatal waiting reason, or unschedulable. */
function findPodProblems(pods) {
    const problems = [];
    for (const pod of pods) {
        for (const container of pod.status?.containerStatuses ?? []) {
            const waiting = container.state?.waiting;
            if (waiting?.reason && FATAL_WAITING_REASONS.has(waiting.reason)) {
                problems.push({
                    pod: pod.metadata.name,
                    container: container.name,
                    reason: waiting.reason,
                    message: waiting.message,
                    restarts: container.restartCount ?? 0,
                });
            }
        }
        const scheduled = pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled');
        if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
            problems.push({ pod: pod.metadata.name, reason: 'Unschedulable', message: scheduled.message, restarts: 0 });
        }
    }
    return problems;
}
const isPodReady = (pod) => pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;
/** Log text kept per pod: 20 lines are enough to see why, and a summary holds at most 1 MiB. */
const MAX_LOG_CHARACTERS = 8000;
/** The pod's events and last log lines, redacted: they go into the failure message and the job summary, which may be public. */
async function diagnose(kubectl, problem) {
    if (!(0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isObjectName */ .V2)('Pod', problem.pod) || (problem.container !== undefined && !(0,_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isObjectName */ .V2)('Container', problem.container))) {
        return { ...problem, events: [], logs: '(not read: the pod or container name the cluster gave is not a valid Kubernetes name)' };
    }
    const events = await kubectl
        .json(['get', 'events', `--field-selector=involvedObject.name=${problem.pod}`])
        .then((list) => list.items.slice(-10).map((event) => (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redactSecrets */ .f)(`${event.reason ?? ''}: ${event.message ?? ''}${(event.count ?? 1) > 1 ? ` (x${event.count})` : ''}`)))
        .catch(() => []);
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
/* harmony export */   g: () => (/* binding */ waitForRollout)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _deployment_revisions_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3691);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2863);
/* harmony import */ var _kubectl_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6793);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7482);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5067);
/* harmony import */ var _pod_problems_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2569);
/* harmony import */ var _statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(1180);
/* harmony import */ var _workloads_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7833);









/** Consecutive pod checks that could not reach the API server before the wait gives up. */
const UNREACHABLE_CHECKS = 3;
/**
 * Waits for a Deployment or StatefulSet rollout with `kubectl rollout status` (a watch), and
 * meanwhile checks the pods every `checkEverySeconds` (a Deployment's new revision; every pod of a
 * StatefulSet, found by its selector, since one stuck pod holds up its ordered rollout): a crash
 * loop, an image that cannot be pulled or an unschedulable pod ends the wait at once, with the
 * pod's events and the last lines of its log. A bare name is a Deployment.
 */
async function waitForRollout(kubectl, target, timeoutSeconds, checkEverySeconds = 2) {
    const workload = (0,_workloads_js__WEBPACK_IMPORTED_MODULE_1__/* .asWorkload */ .ET)(target);
    const ref = (0,_workloads_js__WEBPACK_IMPORTED_MODULE_1__/* .workloadRef */ .$v)(workload);
    const findProblems = () => (workload.kind === 'statefulset' ? statefulSetProblems(kubectl, workload.name) : newRevisionProblems(kubectl, workload.name));
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
                // `rollout status` retries a lost API server until its timeout; the step should not.
                if ((0,_kubectl_js__WEBPACK_IMPORTED_MODULE_2__/* .isUnreachable */ .R0)(error) && ++unreachableChecks >= UNREACHABLE_CHECKS) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`Lost the API server while waiting for ${ref}; the rollout may be half done and nothing was rolled back. ` +
                        `Run the deploy again once the API server answers (it picks up where this one stopped), or roll back. ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(error)}`);
                }
                return [];
            });
            if (problems.length > 0) {
                const first = problems[0];
                return {
                    ok: false,
                    message: `${ref}: pod ${first.pod} is in ${first.reason}${first.message ? ` (${first.message})` : ''}`,
                    problems: await Promise.all(problems.slice(0, 3).map((problem) => (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .diagnose */ .h4)(kubectl, problem))),
                };
            }
        }
        return undefined;
    })();
    const outcome = await Promise.race([statusOutcome, watchOutcome.then((found) => found ?? statusOutcome)]).finally(() => status.stop());
    if (!outcome.ok && outcome.problems.length === 0) {
        // Timed out or past its progress deadline: say what the pods were doing.
        const problems = await findProblems().catch(() => []);
        outcome.problems = await Promise.all(problems.slice(0, 3).map((problem) => (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .diagnose */ .h4)(kubectl, problem)));
    }
    return outcome;
}
/** The pods of a Deployment's newest revision: the old ones are on their way out. */
async function newRevisionProblems(kubectl, deployment) {
    const [newest] = await (0,_deployment_revisions_js__WEBPACK_IMPORTED_MODULE_5__/* .replicaSetsOf */ .Ls)(kubectl, deployment);
    const hash = newest?.metadata.labels?.[_metadata_js__WEBPACK_IMPORTED_MODULE_6__/* .POD_TEMPLATE_HASH_LABEL */ .jX];
    if (!newest || !hash)
        return [];
    const selector = newest.spec?.selector?.matchLabels ?? { [_metadata_js__WEBPACK_IMPORTED_MODULE_6__/* .POD_TEMPLATE_HASH_LABEL */ .jX]: hash };
    const pods = await kubectl.json(['get', 'pods', `--selector=${(0,_names_js__WEBPACK_IMPORTED_MODULE_7__/* .selectorOf */ .Bk)(selector)}`]);
    return (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .findPodProblems */ .rj)(pods.items);
}
async function statefulSetProblems(kubectl, name) {
    return (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .findPodProblems */ .rj)((await (0,_statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_8__/* .statefulSetPods */ .NX)(kubectl, name)).pods);
}


/***/ }),

/***/ 1180:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ek: () => (/* binding */ statefulSetRevision),
/* harmony export */   NX: () => (/* binding */ statefulSetPods),
/* harmony export */   PK: () => (/* binding */ replaceStuckStatefulSetPods),
/* harmony export */   uq: () => (/* binding */ markStatefulSetRevisionFailed)
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
/** Marks the ControllerRevision of a StatefulSet's failed template, as k8s-deploy marks a Deployment's ReplicaSet. */
async function markStatefulSetRevisionFailed(kubectl, name) {
    const { statefulSet, revisions } = await controllerRevisionsOf(kubectl, name);
    const failed = revisions.find((revision) => revision.metadata.name === statefulSet.status?.updateRevision);
    if (failed)
        await kubectl.run([
            'annotate',
            'controllerrevision',
            '--overwrite',
            '--',
            (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .checkObjectName */ .Rl)('ControllerRevision', failed.metadata.name, `StatefulSet ${name}'s revision`),
            `${_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .DEPLOY_STATUS_ANNOTATION */ .LS}=failed`,
        ]);
}


/***/ }),

/***/ 7833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $v: () => (/* binding */ workloadRef),
/* harmony export */   ET: () => (/* binding */ asWorkload),
/* harmony export */   Wc: () => (/* binding */ markRevisionFailed),
/* harmony export */   h7: () => (/* binding */ currentRevision)
/* harmony export */ });
/* harmony import */ var _deployment_revisions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3691);
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
/** Marks the revision a failed rollout left, so that `rollback` never returns to it. */
async function markRevisionFailed(kubectl, workload) {
    if (workload.kind === 'statefulset')
        await (0,_statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_0__/* .markStatefulSetRevisionFailed */ .uq)(kubectl, workload.name);
    else
        await (0,_deployment_revisions_js__WEBPACK_IMPORTED_MODULE_1__/* .markDeploymentRevisionFailed */ .Vr)(kubectl, workload.name);
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
/** Points the Services at a colour, and the autoscalers that scaled the other colour at this one. */
async function switchTraffic(kubectl, services, from, to) {
    const patch = JSON.stringify({ spec: { selector: { [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .VERSION_LABEL */ .x9]: to.colour } } });
    for (const service of services)
        await kubectl.run(['patch', 'service', '--type=merge', `--patch=${patch}`, '--', service]);
    const autoscalers = await kubectl.json(['get', 'horizontalpodautoscalers']);
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
    const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for deployment/${name}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_9__/* .waitForRollout */ .g)(kubectl, name, options.timeoutSeconds));
    workloads[0].revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_8__/* .currentRevision */ .h7)(kubectl, name);
    if (!outcome.ok) {
        if (!options.rollbackOnFailure)
            return { status: 'failed', strategy: 'blue-green', message: outcome.message, workloads, notes, problems: outcome.problems };
        await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .deleteDeployments */ .eT)(kubectl, [name]);
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
    const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for deployment/${name}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_9__/* .waitForRollout */ .g)(kubectl, name, options.timeoutSeconds));
    workloads[0].revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_8__/* .currentRevision */ .h7)(kubectl, name);
    if (!outcome.ok) {
        if (!options.rollbackOnFailure)
            return { status: 'failed', strategy: 'rolling', message: outcome.message, workloads, notes, problems: outcome.problems };
        await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .deleteDeployments */ .eT)(kubectl, [name]);
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
        await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .deleteDeployments */ .eT)(kubectl, [next.metadata.name]);
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
    const ready = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Check deployment/${candidate.name} is ready`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_9__/* .waitForRollout */ .g)(kubectl, candidate.name, options.timeoutSeconds));
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
        await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .deleteDeployments */ .eT)(kubectl, [candidate.name]);
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
    const ready = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Check deployment/${other.name} is ready`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_9__/* .waitForRollout */ .g)(kubectl, other.name, timeoutSeconds));
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
/* harmony export */   Fi: () => (/* binding */ abortCanary),
/* harmony export */   JN: () => (/* binding */ undoCanary),
/* harmony export */   SB: () => (/* binding */ deployCanary),
/* harmony export */   zG: () => (/* binding */ promoteCanary)
/* harmony export */ });
/* unused harmony exports canaryName, baselineName, canaryReplicaCount, planCanary, matchLabelsOf, canarySelectors */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9319);
/* harmony import */ var _kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2655);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2863);
/* harmony import */ var _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7482);
/* harmony import */ var _kubernetes_names_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5067);
/* harmony import */ var _kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1563);
/* harmony import */ var _rolling_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2995);
/* harmony import */ var _kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8230);
/* harmony import */ var _kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7833);










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
function planCanary(stable, next, replicas) {
    return {
        baseline: (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__/* .labelledVariant */ .L)(stable, baselineName(stable.metadata.name), _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .TRACK_LABEL */ .l8, 'baseline', replicas),
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
async function removeCanary(kubectl, deployment) {
    await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_6__/* .deleteDeployments */ .eT)(kubectl, [canaryName(deployment), baselineName(deployment)]);
}
async function deployCanary(kubectl, objects, options) {
    const next = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__/* .singleDeployment */ .s)(objects, 'canary');
    const name = next.metadata.name;
    const stable = await kubectl.find('Deployment', name);
    if (!stable) {
        return (0,_rolling_js__WEBPACK_IMPORTED_MODULE_7__/* .deployRolling */ .b)(kubectl, objects, options, 'rolling', [
            `deployment/${name} does not exist yet: a first deploy has no stable version to compare with, so it was deployed as rolling.`,
        ]);
    }
    const replicas = canaryReplicaCount(stable.spec?.replicas ?? 1, options.canaryPercentage, options.canaryReplicas);
    const { baseline, canary } = planCanary(stable, next, replicas);
    const selectors = canarySelectors(stable);
    const variants = [baseline, canary];
    await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_6__/* .preflight */ .Mz)(kubectl, variants, options);
    const workloads = variants.map((variant) => ({ name: variant.metadata.name }));
    const notes = [
        `${replicas} canary and ${replicas} baseline replicas beside ${stable.spec?.replicas ?? 1} stable ones share the Service's traffic by replica count.`,
    ];
    if (options.dryRun) {
        return {
            status: 'succeeded',
            strategy: 'canary',
            message: 'Dry run: nothing was changed',
            workloads,
            notes,
            problems: [],
            diff: await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_6__/* .dryRunDiff */ .KW)(kubectl, variants, options),
            ...selectors,
        };
    }
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group('Apply baseline and canary', () => (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_6__/* .apply */ .Bb)(kubectl, variants, options));
    for (const workload of workloads) {
        const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for deployment/${workload.name}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_8__/* .waitForRollout */ .g)(kubectl, workload.name, options.timeoutSeconds));
        workload.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_9__/* .currentRevision */ .h7)(kubectl, workload.name);
        if (outcome.ok)
            continue;
        if (!options.rollbackOnFailure)
            return { status: 'failed', strategy: 'canary', message: outcome.message, workloads, notes, problems: outcome.problems, ...selectors };
        await removeCanary(kubectl, name);
        return {
            status: 'rolled-back',
            strategy: 'canary',
            message: `${outcome.message}. Removed the canary and baseline; deployment/${name} kept serving throughout.`,
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
        ...selectors,
    };
}
/** Rolls the stable Deployment to the canary's version, then removes canary and baseline. */
async function promoteCanary(kubectl, objects, options) {
    const name = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__/* .singleDeployment */ .s)(objects, 'canary').metadata.name;
    const result = await (0,_rolling_js__WEBPACK_IMPORTED_MODULE_7__/* .deployRolling */ .b)(kubectl, objects, options, 'canary');
    if (!options.dryRun) {
        await removeCanary(kubectl, name);
        result.notes.push(`Removed ${canaryName(name)} and ${baselineName(name)}.`);
    }
    result.message = result.status === 'succeeded' ? `Promoted the canary: deployment/${name} runs the new version` : result.message;
    return result;
}
async function abortCanary(kubectl, objects, options) {
    const name = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_1__/* .singleDeployment */ .s)(objects, 'canary').metadata.name;
    if (!options.dryRun)
        await removeCanary(kubectl, name);
    return {
        status: 'succeeded',
        strategy: 'canary',
        message: `Aborted the canary: removed ${canaryName(name)} and ${baselineName(name)}; deployment/${name} is unchanged`,
        workloads: [{ name, revision: await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_9__/* .currentRevision */ .h7)(kubectl, name) }],
        notes: [],
        problems: [],
    };
}
/** The rollback of a canary that was never promoted: removes the canary and baseline that exist, and returns their names. */
async function undoCanary(kubectl, deployment) {
    const found = [];
    for (const candidate of [canaryName(deployment), baselineName(deployment)]) {
        if (await kubectl.find('Deployment', candidate))
            found.push(candidate);
    }
    if (found.length > 0)
        await kubectl.run(['delete', 'deployment', '--wait=true', '--', ...found]);
    return found;
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
        const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for ${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)(target)}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_5__/* .waitForRollout */ .g)(kubectl, target, remaining));
        workload.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .currentRevision */ .h7)(kubectl, target.name, workload.kind);
        if (outcome.ok)
            continue;
        await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .markRevisionFailed */ .Wc)(kubectl, target);
        if (!options.rollbackOnFailure) {
            return { status: 'failed', strategy, message: outcome.message, workloads, notes, problems: outcome.problems };
        }
        const rolledBack = await rollBackWorkloads(kubectl, workloads, options.timeoutSeconds);
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
    for (const workload of changed) {
        await kubectl.run(['rollout', 'undo', `--to-revision=${workload.previousRevision}`, '--', (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)((0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(workload))]);
    }
    const replaced = [];
    for (const workload of changed.filter((w) => w.kind === 'statefulset'))
        replaced.push(...(await (0,_kubernetes_statefulset_revisions_js__WEBPACK_IMPORTED_MODULE_3__/* .replaceStuckStatefulSetPods */ .PK)(kubectl, workload.name)));
    for (const workload of changed) {
        const target = (0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(workload);
        const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for the rollback of ${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)(target)}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_5__/* .waitForRollout */ .g)(kubectl, target, timeoutSeconds));
        workload.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .currentRevision */ .h7)(kubectl, workload.name, workload.kind);
        if (!outcome.ok)
            return { ok: false, message: `Rolling back ${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)(target)} failed too: ${outcome.message}` };
    }
    const pods = replaced.length > 0 ? ` (deleted pod ${replaced.join(', ')}, which never became ready, so that the StatefulSet could replace it)` : '';
    return { ok: true, message: `Rolled back ${changed.map((w) => `${(0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_2__/* .workloadRef */ .$v)((0,_deploy_result_js__WEBPACK_IMPORTED_MODULE_4__/* .workloadOf */ .R)(w))} to revision ${w.previousRevision}`).join(', ')}${pods}` };
}


/***/ })

};

//# sourceMappingURL=259.index.js.map