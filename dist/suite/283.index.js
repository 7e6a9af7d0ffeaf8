export const id = 283;
export const ids = [283];
export const modules = {

/***/ 3722:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FU: () => (/* binding */ annotateWorkloads),
/* harmony export */   KX: () => (/* binding */ parseAnnotations),
/* harmony export */   pO: () => (/* binding */ runContext)
/* harmony export */ });
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2863);
/* harmony import */ var _github_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1691);
/* harmony import */ var _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7482);
/* harmony import */ var _manifests_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6726);




/** `key=value` entries of the annotations input. */
function parseAnnotations(entries) {
    const annotations = {};
    for (const entry of entries ?? []) {
        const separator = entry.indexOf('=');
        const key = entry.slice(0, separator).trim();
        if (separator <= 0 || !/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key)) {
            throw new _index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Input "annotations" has entry "${entry}": expected key=value with a valid annotation key`);
        }
        annotations[key] = entry.slice(separator + 1).trim();
    }
    return annotations;
}
function runContext(strategy, environment = process.env) {
    return { commit: environment.GITHUB_SHA ?? 'unknown', runUrl: (0,_github_js__WEBPACK_IMPORTED_MODULE_1__/* .workflowRunUrl */ .CX)(environment) ?? 'local run', strategy };
}
/** What is running and why, on every workload: rollback and people read these. */
function annotateWorkloads(objects, context, images, extra) {
    return objects.map((object) => {
        if (!(0,_manifests_js__WEBPACK_IMPORTED_MODULE_2__/* .isWorkload */ .gv)(object))
            return object;
        const annotations = {
            ...object.metadata.annotations,
            ...extra,
            [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .COMMIT_ANNOTATION */ ._u]: context.commit,
            [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .RUN_URL_ANNOTATION */ .A9]: context.runUrl,
            [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .STRATEGY_ANNOTATION */ .A$]: context.strategy,
            [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .CHANGE_CAUSE_ANNOTATION */ .vG]: `inventory-devops ${context.strategy} deploy of ${context.commit.slice(0, 12)} (${context.runUrl})`,
        };
        if (images.length > 0)
            annotations[_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .IMAGES_ANNOTATION */ .te] = images.join(',');
        return { ...object, metadata: { ...object.metadata, annotations } };
    });
}


/***/ }),

/***/ 6504:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rd: () => (/* binding */ substituteImages)
/* harmony export */ });
/* unused harmony exports parseImageReference, sameImage */
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2863);
/* harmony import */ var _kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1563);
/* harmony import */ var _manifests_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6726);



// Tag and digest as the distribution reference grammar has them (github.com/distribution/reference).
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** `where` names the value for the error: the images input, or a container of the manifests. */
function parseImageReference(text, where = 'Input "images" has value') {
    const at = text.indexOf('@');
    const withoutDigest = at === -1 ? text : text.slice(0, at);
    const digest = at === -1 ? undefined : text.slice(at + 1);
    const lastSlash = withoutDigest.lastIndexOf('/');
    const tagColon = withoutDigest.indexOf(':', lastSlash + 1);
    const repository = tagColon === -1 ? withoutDigest : withoutDigest.slice(0, tagColon);
    const tag = tagColon === -1 ? undefined : withoutDigest.slice(tagColon + 1);
    const valid = /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?$/.test(repository) && (tag === undefined || TAG.test(tag)) && (digest === undefined || DIGEST.test(digest));
    if (!valid) {
        throw new _index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${where} "${(0,_index_js__WEBPACK_IMPORTED_MODULE_0__/* .abbreviate */ .Sm)(text)}": expected an image reference such as inventory-service:1.4.2`);
    }
    return { text, repository, name: repository.slice(repository.lastIndexOf('/') + 1) };
}
/**
 * The same repository, or the same image name when one side names no registry or path:
 * `inventory-service:2` replaces `registry.example.com/inventory-service:1` and vice versa.
 */
function sameImage(a, b) {
    if (a.repository === b.repository)
        return true;
    const bare = !a.repository.includes('/') || !b.repository.includes('/');
    return bare && a.name === b.name;
}
/**
 * Replaces the image of every container whose image matches one of `images`. An image that
 * matches no container is an error: a typo must not silently deploy the old image.
 */
function substituteImages(objects, images) {
    const wanted = images.map((image) => parseImageReference(image));
    const used = new Set();
    const changes = [];
    const updated = structuredClone(objects);
    for (const object of updated) {
        const podSpec = (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .podSpecOf */ .qz)(object);
        if (!podSpec)
            continue;
        for (const list of ['initContainers', 'containers']) {
            const containers = podSpec[list];
            if (!Array.isArray(containers))
                continue;
            for (const container of containers) {
                if (typeof container.image !== 'string')
                    continue;
                const current = parseImageReference(container.image, `${(0,_manifests_js__WEBPACK_IMPORTED_MODULE_2__/* .describeObject */ .v8)(object)} container ${container.name ?? '?'} has image`);
                const replacement = wanted.find((candidate) => sameImage(candidate, current));
                if (!replacement)
                    continue;
                used.add(replacement.text);
                if (container.image === replacement.text)
                    continue;
                changes.push({ object: `${object.kind}/${object.metadata.name}`, container: container.name ?? '?', from: container.image, to: replacement.text });
                container.image = replacement.text;
            }
        }
    }
    const unmatched = wanted.filter((image) => !used.has(image.text));
    if (unmatched.length > 0) {
        const present = [...new Set(objects.flatMap(_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_1__/* .containerImages */ ._Z))];
        throw new _index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Input "images": ${unmatched.map((image) => `"${image.text}"`).join(', ')} matches no container in the manifests ` +
            `(their images: ${present.join(', ') || 'none'})`);
    }
    return { objects: updated, changes };
}


/***/ }),

/***/ 5279:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ deployInputs),
/* harmony export */   z: () => (/* binding */ deploySecretInputs)
/* harmony export */ });
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7721);
/* harmony import */ var _kubernetes_kubectl_install_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(911);
/* harmony import */ var _strategies_traffic_router_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3321);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8532);




/** The inputs of the manifest pipeline that k8s-deploy and progressive-canary share: what to apply, where, how traffic reaches the canary, and the deployment record. */
const deployInputs = {
    manifests: _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.list('files, folders or a kustomize folder, newline or comma separated'),
    images: _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.list('image references such as inventory-service:1.4.2, newline or comma separated').optional(),
    namespace: _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.namespace().optional(),
    'traffic-router': _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.oneOf(_strategies_traffic_router_js__WEBPACK_IMPORTED_MODULE_1__/* .TRAFFIC_ROUTERS */ .jY).default('replicas'),
    'http-route': _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.kubernetesName('HTTPRoute').optional(),
    'canary-header': canaryHeader().optional(),
    'max-surge-replicas': _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.integer({ min: 2, max: 1000 }).optional(),
    verify: _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.text('a YAML list of smoke checks').optional(),
    timeout: _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.duration().default(300),
    kubeconfig: _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.kubeconfig().optional(),
    'kubectl-version': zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(_kubernetes_kubectl_install_js__WEBPACK_IMPORTED_MODULE_3__/* .KUBECTL_VERSION */ .IK, { error: 'a kubectl version such as v1.32.4' }).optional(),
    'field-manager': _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.text('a field manager name').default('inventory-devops'),
    annotations: _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.list('key=value annotations, newline or comma separated').optional(),
    environment: _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.text('a GitHub environment name').max(255, { error: 'a GitHub environment name of at most 255 characters' }).optional(),
    'environment-url': _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.url().optional(),
    'github-token': _index_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.text('a GitHub token').optional(),
};
const deploySecretInputs = ['kubeconfig', 'github-token'];
function canaryHeader() {
    return zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: _strategies_traffic_router_js__WEBPACK_IMPORTED_MODULE_1__/* .CANARY_HEADER_EXPECTED */ .g5 }).transform((text, context) => {
        const parsed = (0,_strategies_traffic_router_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCanaryHeader */ .nT)(text);
        if ('problem' in parsed) {
            context.addIssue({ code: 'custom', message: parsed.problem });
            return zod__WEBPACK_IMPORTED_MODULE_4__/* .NEVER */ .tm;
        }
        return parsed;
    });
}


/***/ }),

/***/ 7098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ readManifestSources)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2863);




const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** Files as they are, folders file by file (sorted), kustomize folders rendered with `kubectl kustomize`. */
async function readManifestSources(paths, kubectl, workspace) {
    const sources = [];
    for (const path of paths) {
        const absolute = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspace, path);
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(absolute).catch(() => undefined);
        if (!info)
            throw new _index_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`Input "manifests": "${path}" does not exist (looked in ${absolute})`);
        if (info.isFile()) {
            sources.push({ origin: path, text: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(absolute, 'utf8') });
        }
        else if (KUSTOMIZATION_FILES.some((file) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(absolute, file)))) {
            const { stdout } = await kubectl.run(['kustomize', absolute]);
            sources.push({ origin: `${path} (kustomize)`, text: stdout });
        }
        else {
            const files = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(absolute)).filter((file) => /\.ya?ml$/.test(file)).sort();
            if (files.length === 0)
                throw new _index_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`Input "manifests": folder "${path}" has no .yaml or .yml file`);
            for (const file of files)
                sources.push({ origin: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(path, file), text: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(absolute, file), 'utf8') });
        }
    }
    return sources;
}


/***/ }),

/***/ 6726:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ye: () => (/* binding */ parseManifests),
/* harmony export */   gv: () => (/* binding */ isWorkload),
/* harmony export */   v8: () => (/* binding */ describeObject)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2863);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5067);
/* harmony import */ var _kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1563);



/** Multi-document YAML → objects, in file order. `kind: List` is expanded; empty documents are skipped. */
function parseManifests(sources) {
    const objects = [];
    for (const { origin, text } of sources) {
        const documents = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseAllDocuments */ .hR)(text, { prettyErrors: false });
        for (const [index, document] of (Array.isArray(documents) ? documents : [documents]).entries()) {
            const where = `${origin} (document ${index + 1})`;
            const [error] = document.errors;
            if (error)
                throw new _index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${where} is not valid YAML: ${error.message.split('\n')[0]}`);
            const value = document.toJS();
            if (value === null || value === undefined)
                continue;
            const items = (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
            for (const item of items)
                objects.push(checkObject(item, where));
        }
    }
    if (objects.length === 0)
        throw new _index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('The manifests contain no Kubernetes object');
    return objects;
}
function checkObject(value, where) {
    if (!(0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(value))
        throw new _index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${where}: expected a Kubernetes object (a YAML mapping)`);
    for (const field of ['apiVersion', 'kind']) {
        if (typeof value[field] !== 'string' || value[field] === '') {
            throw new _index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${where}: expected a "${field}" string`);
        }
    }
    const metadata = value.metadata;
    if (!(0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
        throw new _index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${where}: ${String(value.kind)} has no metadata.name`);
    }
    // The names the suite hands to kubectl, and the namespace the run resolves, must be what the API server would accept.
    if ((0,_index_js__WEBPACK_IMPORTED_MODULE_3__/* .isNamedKind */ .cX)(value.kind))
        (0,_index_js__WEBPACK_IMPORTED_MODULE_3__/* .checkObjectName */ .Rl)(value.kind, metadata.name, where);
    if (metadata.namespace !== undefined)
        (0,_index_js__WEBPACK_IMPORTED_MODULE_3__/* .checkObjectName */ .Rl)('Namespace', metadata.namespace, `${where}: metadata.namespace`);
    return value;
}
function describeObject(object) {
    return `${object.kind}/${object.metadata.name}`;
}
/** Workloads whose rollout the action waits for. */
function isWorkload(object) {
    return object.kind === 'Deployment' || object.kind === 'StatefulSet';
}


/***/ }),

/***/ 9447:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ namespaceOfRun)
/* harmony export */ });
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2863);
/* harmony import */ var _manifests_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6726);


/**
 * One namespace per run, so that what is applied is what is read, planned and waited for:
 * the `namespace` input, else the one namespace the manifests name. Undefined means neither
 * says, and the kubeconfig context's namespace is the run's. Objects in another namespace
 * than the input, or manifests naming two, are refused before anything runs: a deploy that
 * applied into one namespace and looked for the stable Deployment in another once replaced
 * production's stable Deployment with an untested canary.
 */
function namespaceOfRun(objects, requested) {
    const byNamespace = new Map();
    for (const object of objects) {
        const namespace = object.metadata.namespace;
        if (namespace === undefined)
            continue;
        byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), (0,_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .describeObject */ .v8)(object)]);
    }
    const listing = (namespace) => {
        const objects = byNamespace.get(namespace) ?? [];
        return `${objects.slice(0, 3).join(', ')}${objects.length > 3 ? ` and ${objects.length - 3} more` : ''}`;
    };
    if (requested !== undefined) {
        const others = [...byNamespace.keys()].filter((namespace) => namespace !== requested);
        if (others.length > 0) {
            throw new _index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Input "namespace" has value "${requested}", but the manifests put ${others.map((namespace) => `${listing(namespace)} in namespace "${namespace}"`).join('; ')}: ` +
                "a run deploys into one namespace. Set the input to the manifests' namespace, or remove metadata.namespace from them; nothing was applied");
        }
        return requested;
    }
    const named = [...byNamespace.keys()];
    if (named.length > 1) {
        throw new _index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`The manifests name ${named.length} namespaces (${named.map((namespace) => `"${namespace}": ${listing(namespace)}`).join('; ')}): ` +
            'a run deploys into one namespace. Deploy each namespace in a step of its own; nothing was applied');
    }
    return named[0];
}


/***/ }),

/***/ 1908:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ addHookRuns),
/* harmony export */   l: () => (/* binding */ renderSmokeChecks)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4269);

const HOOK_RESULTS = { succeeded: '✅', failed: '❌', 'dry-run': '🔍' };
/** One row per hook Job run, in the order they ran; nothing when none ran. */
function addHookRuns(summary, runs) {
    if (runs.length === 0)
        return;
    summary.addTable([
        ['Hook', 'Phase', 'Weight', 'Job', 'Result', 'Seconds'].map((data) => ({ data, header: true })),
        ...runs.map((run) => [run.hook, run.phase, String(run.weight), run.job, `${HOOK_RESULTS[run.status]} ${run.message}`, run.seconds.toFixed(1)].map(_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)),
    ]);
}
/** The `verify` checks: one row per Deployment checked, then each failure with its request, pod and response. */
function renderSmokeChecks(summary, reports) {
    if (reports.length === 0)
        return;
    summary.addTable([
        ['Verified', 'Pods', 'Requests passed', 'Result'].map((data) => ({ data, header: true })),
        ...reports.map((report) => [
            (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(`deployment/${report.deployment}`),
            (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(report.pods.join(', ') || '(none)'),
            String(report.passed),
            report.failure ? '❌ failed' : '✅ passed',
        ]),
    ]);
    for (const { failure } of reports) {
        if (!failure)
            continue;
        summary.addHeading(`Smoke check failed: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(failure.request)} on pod ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(failure.pod)}`, 4);
        summary.addRaw(`\n${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkdown */ .FV)(failure.problems.join('; '))}\n\n`);
        if (failure.response) {
            const { status, milliseconds, body, truncated } = failure.response;
            summary.addDetails(`Response: status ${status} in ${Math.round(milliseconds)} ms${truncated ? ', body truncated' : ''}`, `\n\n${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .codeBlock */ .DV)(body.slice(0, 2000) || '(empty body)')}\n`);
        }
    }
}


/***/ }),

/***/ 3615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eu: () => (/* binding */ runHooks),
/* harmony export */   qf: () => (/* binding */ planHooks)
/* harmony export */ });
/* unused harmony exports HOOK_PHASES, MAX_HOOK_NAME_LENGTH, hookRunSuffix, hookRunJob */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2863);
/* harmony import */ var _apply_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9319);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7482);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5067);
/* harmony import */ var _objects_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1563);
/* harmony import */ var _pod_problems_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2569);








/**
 * Hook Jobs: Jobs in the manifests annotated `inventory-devops.io/hook: pre-deploy|post-deploy`
 * run to completion before the workloads change, or after their rollout succeeded, in ascending
 * `inventory-devops.io/hook-weight` and then name order — the convention of Helm's `helm.sh/hook`
 * and `helm.sh/hook-weight` and of Argo CD's sync hooks. Each run is a new Job, `<name>-<run suffix>`,
 * so that a re-run never meets the immutable template of the Job it ran as last time; the finished
 * Jobs of earlier runs of the same hook are deleted first. An object a hook Job needs (say, the
 * PersistentVolumeClaim it writes to) may carry the same annotations: it is applied in its turn,
 * under its own name, as Argo CD treats hooks that are not Jobs. Workloads are never hooks.
 */
const HOOK_PHASES = ['pre-deploy', 'post-deploy'];
/** Kinds that run pods for good: the deploy itself changes them, a hook never does. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Pod', 'CronJob']);
const isJob = (object) => object.kind === 'Job';
/** Room left in a Job name (63 characters, it becomes a label value) for `-` and the run suffix. */
const RUN_SUFFIX_LENGTH = 8;
const MAX_HOOK_NAME_LENGTH = 63 - 1 - RUN_SUFFIX_LENGTH;
/** Helm reads weights with strconv.Atoi; the suite keeps them to nine digits so that every weight is an exact number. */
const WEIGHT = /^[+-]?\d{1,9}$/;
/** Splits the hook Jobs from the manifests and orders them; a hook annotation that is not understood stops the deploy here, before anything changes. */
function planHooks(objects) {
    const hooks = [];
    const rest = [];
    for (const object of objects) {
        const annotations = (0,_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(object.metadata.annotations) ? object.metadata.annotations : {};
        const phase = annotations[_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .HOOK_ANNOTATION */ .c4];
        const weight = annotations[_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .HOOK_WEIGHT_ANNOTATION */ .Z0];
        const where = `${object.kind}/${object.metadata.name}`;
        if (phase === undefined) {
            if (weight !== undefined)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`${where} has annotation ${_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .HOOK_WEIGHT_ANNOTATION */ .Z0} but no ${_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .HOOK_ANNOTATION */ .c4}: a weight orders hooks only`);
            rest.push(object);
            continue;
        }
        if (WORKLOAD_KINDS.has(object.kind) || (object.kind === 'Job' && object.apiVersion !== 'batch/v1')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`${where} has annotation ${_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .HOOK_ANNOTATION */ .c4}: a hook is a batch/v1 Job (run to completion) or an object it needs, such as a ConfigMap or a PersistentVolumeClaim (applied before it); never a workload`);
        }
        if (!HOOK_PHASES.includes(phase)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`${where} has annotation ${_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .HOOK_ANNOTATION */ .c4} "${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .abbreviate */ .Sm)(String(phase))}": expected ${HOOK_PHASES.join(' or ')}`);
        }
        if (weight !== undefined && !(typeof weight === 'string' && WEIGHT.test(weight.trim()))) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`${where} has annotation ${_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .HOOK_WEIGHT_ANNOTATION */ .Z0} "${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .abbreviate */ .Sm)(String(weight))}": expected an integer such as -5, 0 or 10 (at most nine digits)`);
        }
        const name = isJob(object) ? (0,_names_js__WEBPACK_IMPORTED_MODULE_5__/* .checkObjectName */ .Rl)('Job', object.metadata.name, `The hook ${where}`) : object.metadata.name;
        if (name.length > MAX_HOOK_NAME_LENGTH && isJob(object)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`The hook ${where} has a name of ${name.length} characters: expected at most ${MAX_HOOK_NAME_LENGTH}, so that "-<run suffix>" still makes ${(0,_names_js__WEBPACK_IMPORTED_MODULE_5__/* .expectedName */ .Ac)('Job')}`);
        }
        hooks.push({ name, phase: phase, weight: weight === undefined ? 0 : Number.parseInt(weight.trim(), 10), object });
    }
    const ordered = hooks.sort((a, b) => a.weight - b.weight || a.name.localeCompare(b.name));
    return { pre: ordered.filter((hook) => hook.phase === 'pre-deploy'), post: ordered.filter((hook) => hook.phase === 'post-deploy'), objects: rest };
}
/** A suffix that differs from one run to the next: base-36 milliseconds, eight characters until the year 2059. */
function hookRunSuffix(now = Date.now()) {
    return now.toString(36).padStart(RUN_SUFFIX_LENGTH, '0').slice(-RUN_SUFFIX_LENGTH);
}
/** The Job a hook runs as in this run: renamed, and labelled with the hook's name. */
function hookRunJob(hook, suffix) {
    const job = structuredClone(hook.object);
    job.metadata.name = `${hook.name}-${suffix}`;
    job.metadata.labels = { ...(job.metadata.labels ?? {}), [_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .HOOK_NAME_LABEL */ .Ln]: hook.name };
    return job;
}
/**
 * Runs the hooks of a phase one after another, each to completion; stops at the first that fails,
 * times out or cannot start, with the pod logs of its Job. A dry run only validates the Jobs
 * with a server-side dry run.
 */
async function runHooks(kubectl, hooks, options, suffix = hookRunSuffix()) {
    const runs = [];
    for (const hook of hooks) {
        if (!isJob(hook.object)) {
            // What a hook Job needs (Argo CD's convention for hooks that are not Jobs): applied under its own name, nothing to wait for.
            const object = `${hook.object.kind}/${hook.name}`;
            await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Apply the ${hook.phase} hook ${object}`, () => options.dryRun ? dryRunApply(kubectl, hook.object, options) : (0,_apply_js__WEBPACK_IMPORTED_MODULE_6__/* .apply */ .Bb)(kubectl, [hook.object], options));
            runs.push({
                hook: hook.name,
                phase: hook.phase,
                weight: hook.weight,
                job: object,
                status: options.dryRun ? 'dry-run' : 'succeeded',
                message: 'applied',
                seconds: 0,
            });
            continue;
        }
        const job = hookRunJob(hook, suffix);
        const started = Date.now();
        const run = { hook: hook.name, phase: hook.phase, weight: hook.weight, job: job.metadata.name, status: 'succeeded', message: '', seconds: 0 };
        runs.push(run);
        if (options.dryRun) {
            await dryRunApply(kubectl, job, options);
            Object.assign(run, { status: 'dry-run', message: 'Dry run: would run this Job to completion' });
            continue;
        }
        const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Run the ${hook.phase} hook job/${job.metadata.name}`, async () => {
            await deleteFinishedRuns(kubectl, hook.name);
            await (0,_apply_js__WEBPACK_IMPORTED_MODULE_6__/* .apply */ .Bb)(kubectl, [job], options);
            return waitForJob(kubectl, job.metadata.name, options.timeoutSeconds, options.checkEverySeconds ?? 1);
        });
        run.seconds = (Date.now() - started) / 1000;
        run.message = outcome.message;
        if (!outcome.ok) {
            run.status = 'failed';
            const message = `The ${hook.phase} hook job/${job.metadata.name} failed: ${outcome.message}`;
            return { ok: false, runs, message, problems: outcome.problems };
        }
    }
    return { ok: true, runs, message: '', problems: [] };
}
async function dryRunApply(kubectl, object, options) {
    await kubectl.run(['apply', '--server-side', '--force-conflicts', `--field-manager=${options.fieldManager}`, '--dry-run=server', '--filename', '-'], {
        input: JSON.stringify(object),
    });
}
/** Earlier runs of a hook, once finished, are only history: removed so that hook Jobs do not pile up. A run still going is left alone. */
async function deleteFinishedRuns(kubectl, hook) {
    const earlier = await kubectl.json(['get', 'jobs', `--selector=${(0,_names_js__WEBPACK_IMPORTED_MODULE_5__/* .selectorOf */ .Bk)({ [_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .HOOK_NAME_LABEL */ .Ln]: hook })}`]);
    const finished = earlier.items.filter((job) => finishedCondition(job)).map((job) => (0,_names_js__WEBPACK_IMPORTED_MODULE_5__/* .checkObjectName */ .Rl)('Job', job.metadata.name, 'The cluster'));
    if (finished.length > 0)
        await kubectl.run(['delete', 'job', '--ignore-not-found', '--wait=true', '--', ...finished]);
}
function finishedCondition(job) {
    return job.status?.conditions?.find((condition) => (condition.type === 'Complete' || condition.type === 'Failed') && condition.status === 'True');
}
/**
 * Reads the Job until it has a `Complete` or `Failed` condition. A pod that cannot start (image,
 * configuration) ends the wait at once; so does the timeout, after which the Job is deleted so that
 * it does not go on changing things after the deploy stopped.
 */
async function waitForJob(kubectl, name, timeoutSeconds, checkEverySeconds) {
    const deadline = Date.now() + timeoutSeconds * 1000;
    const clock = _pod_problems_js__WEBPACK_IMPORTED_MODULE_7__/* .ProblemClock */ .ko.forTimeout(timeoutSeconds);
    for (;;) {
        const job = await kubectl.find('Job', name);
        if (!job)
            return { ok: false, message: `job/${name} disappeared before it finished`, problems: [] };
        const finished = finishedCondition(job);
        if (finished?.type === 'Complete')
            return { ok: true, message: `completed in ${job.status?.succeeded ?? 1} pod(s)`, problems: [] };
        const pods = await jobPods(kubectl, name);
        if (finished)
            return {
                ok: false,
                message: `${finished.reason ?? 'Failed'}: ${finished.message ?? 'the Job failed'}`,
                problems: await podDiagnoses(kubectl, pods, finished.reason ?? 'Failed'),
            };
        // A crash or a failed pod is the Job's to count against its backoffLimit; what stops a pod from ever running is ours.
        const observations = (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_7__/* .observePods */ .NH)(pods).filter((observation) => !/(^|:)(CrashLoopBackOff|Error)$/.test(observation.reason));
        const stuck = clock.judge(observations, Date.now()).fatal;
        if (stuck.length > 0 || Date.now() >= deadline) {
            const problems = stuck.length > 0 ? await Promise.all(stuck.map((problem) => (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_7__/* .diagnose */ .h4)(kubectl, problem))) : await podDiagnoses(kubectl, pods, 'Timeout');
            await kubectl.run(['delete', 'job', '--ignore-not-found', '--wait=true', '--', name]);
            const why = stuck.length > 0 ? `pod ${stuck[0]?.pod} cannot start (${stuck[0]?.reason})` : `it did not finish within ${timeoutSeconds} s`;
            return { ok: false, message: `${why}; the Job was deleted`, problems };
        }
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(checkEverySeconds * 1000);
    }
}
async function jobPods(kubectl, job) {
    try {
        return (await kubectl.json(['get', 'pods', `--selector=${(0,_names_js__WEBPACK_IMPORTED_MODULE_5__/* .selectorOf */ .Bk)({ [_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .JOB_NAME_LABEL */ .fC]: job })}`])).items;
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(`Could not list the pods of job/${job}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .describeError */ .Uc)(error)}`);
        return [];
    }
}
/** The fields of a Job's pod read here beyond the suite's Pod type: when it was made and how its container ended. */
function lastTermination(pod) {
    const status = pod.status?.containerStatuses?.[0];
    return status?.state?.terminated ?? status?.lastState?.terminated;
}
const createdAt = (pod) => String(pod.metadata.creationTimestamp ?? '');
/** The last log lines and events of a Job's most recent pods (at most three: a backoffLimit of 6 makes seven pods with the same story). */
async function podDiagnoses(kubectl, pods, reason) {
    const newest = [...pods].sort((a, b) => createdAt(a).localeCompare(createdAt(b))).slice(-3);
    return Promise.all(newest.map((pod) => {
        const container = pod.status?.containerStatuses?.[0];
        const terminated = lastTermination(pod);
        return (0,_pod_problems_js__WEBPACK_IMPORTED_MODULE_7__/* .diagnose */ .h4)(kubectl, {
            pod: pod.metadata.name,
            ...(container?.name ? { container: container.name } : {}),
            reason,
            ...(terminated ? { message: `exit code ${terminated.exitCode ?? '?'} (${terminated.reason ?? 'terminated'})` } : {}),
            restarts: container?.restartCount ?? 0,
        });
    }));
}


/***/ }),

/***/ 911:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IK: () => (/* binding */ KUBECTL_VERSION),
/* harmony export */   KZ: () => (/* binding */ installKubectl)
/* harmony export */ });
/* unused harmony exports KUBECTL_BASE_URL_VARIABLE, DEFAULT_KUBECTL_BASE_URL, normalizeKubectlVersion, kubectlDownloadUrl */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5260);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2863);








/** Where kubectl releases are downloaded from; a mirror for air-gapped runners replaces it. */
const KUBECTL_BASE_URL_VARIABLE = 'INVENTORY_DEVOPS_KUBECTL_BASE_URL';
const DEFAULT_KUBECTL_BASE_URL = 'https://dl.k8s.io/release';
/** `v1.32.4` or `1.32.4`. */
const KUBECTL_VERSION = /^v?(\d+)\.(\d+)\.(\d+)$/;
const ARCHITECTURES = { x64: 'amd64', arm64: 'arm64' };
/** `1.32.4` or `v1.32.4` → `v1.32.4`; anything else is a ConfigurationError naming the input. */
function normalizeKubectlVersion(version, inputName = 'kubectl-version') {
    const match = KUBECTL_VERSION.exec(version.trim());
    if (!match)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ConfigurationError */ .j1(`Input "${inputName}" has value "${version}": expected a kubectl version such as v1.32.4 or 1.32.4`);
    return `v${match[1]}.${match[2]}.${match[3]}`;
}
/** The release URL of a kubectl binary: `<base>/<version>/bin/linux/<amd64|arm64>/kubectl`. */
function kubectlDownloadUrl(version, arch = process.arch, environment = process.env) {
    const platformArch = ARCHITECTURES[arch];
    if (!platformArch)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ConfigurationError */ .j1(`Cannot install kubectl on a ${arch} runner: kubectl releases are downloaded for x64 (amd64) and arm64 only`);
    return `${baseUrl(environment)}/${version}/bin/linux/${platformArch}/kubectl`;
}
function baseUrl(environment) {
    const configured = environment[KUBECTL_BASE_URL_VARIABLE]?.trim();
    if (!configured)
        return DEFAULT_KUBECTL_BASE_URL;
    let url;
    try {
        url = new URL(configured);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ConfigurationError */ .j1(`${KUBECTL_BASE_URL_VARIABLE} has value "${configured}": expected an http or https URL such as ${DEFAULT_KUBECTL_BASE_URL}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ConfigurationError */ .j1(`${KUBECTL_BASE_URL_VARIABLE} has value "${configured}": expected an http or https URL such as ${DEFAULT_KUBECTL_BASE_URL}`);
    }
    return configured.replace(/\/+$/, '');
}
/**
 * A kubectl of exactly the requested version: the one on PATH when it is that version, else
 * the runner's tool cache, else downloaded from the release site (or the mirror in
 * INVENTORY_DEVOPS_KUBECTL_BASE_URL), its SHA-256 checked against the published `.sha256`
 * before it is made executable and cached. A mismatch installs nothing.
 */
async function installKubectl(requested, options = {}) {
    const inputName = options.inputName ?? 'kubectl-version';
    const environment = process.env;
    const arch = options.arch ?? process.arch;
    const version = normalizeKubectlVersion(requested, inputName);
    const onPath = await pathKubectlVersion(options.kubeconfig);
    if (onPath && sameVersion(onPath, version)) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(`kubectl ${onPath} (on PATH)`);
        return { binary: 'kubectl', version: onPath, source: 'path' };
    }
    const cacheRoot = environment.RUNNER_TOOL_CACHE;
    if (!cacheRoot)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ConfigurationError */ .j1(`Input "${inputName}" asks for kubectl ${version}, but RUNNER_TOOL_CACHE is not set, so there is nowhere to install it`);
    // The tool cache (and its HTTP client) is loaded only when kubectl is not already on PATH.
    const toolCache = await __webpack_require__.e(/* import() */ 805).then(__webpack_require__.bind(__webpack_require__, 9805));
    const cached = toolCache.find('kubectl', version, arch);
    if (cached) {
        const binary = (0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(cached, 'kubectl');
        await expectVersion(binary, version, `the tool cache (${binary})`, inputName);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(`kubectl ${version} from the tool cache (${binary})${onPath ? `; the kubectl on PATH is ${onPath}` : ''}`);
        return { binary, version, source: 'tool-cache' };
    }
    const url = kubectlDownloadUrl(version, arch, environment);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(`Downloading kubectl ${version} from ${url}${onPath ? ` (the kubectl on PATH is ${onPath})` : ''}`);
    const temp = environment.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_5__.tmpdir)();
    const digestFile = await download(`${url}.sha256`, (0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(temp, `kubectl-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_2__.randomUUID)()}.sha256`), version, inputName);
    const expected = parseDigest(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_4__.readFile)(digestFile, 'utf8').finally(() => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_4__.rm)(digestFile, { force: true })), `${url}.sha256`, version);
    const downloaded = await download(url, (0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(temp, `kubectl-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_2__.randomUUID)()}`), version, inputName);
    try {
        const actual = await sha256(downloaded);
        if (actual !== expected) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ConfigurationError */ .j1(`The kubectl ${version} downloaded from ${url} does not match its published checksum: expected SHA-256 ${expected} (${url}.sha256), got ${actual}. Nothing was installed; check ${KUBECTL_BASE_URL_VARIABLE} if a mirror serves it`);
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_4__.chmod)(downloaded, 0o755);
        await expectVersion(downloaded, version, url, inputName);
        const folder = await toolCache.cacheFile(downloaded, 'kubectl', 'kubectl', version, arch);
        const binary = (0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(folder, 'kubectl');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_4__.chmod)(binary, 0o755);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(`kubectl ${version} installed in the tool cache (${binary}), SHA-256 ${actual} verified`);
        return { binary, version, source: 'download' };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_4__.rm)(downloaded, { force: true });
    }
}
/** `v1.32.4` is `v1.32.4`, and so are vendor builds such as `v1.32.4-gke.1` or `v1.32.4+k3s1`. */
function sameVersion(found, wanted) {
    return found === wanted || found.startsWith(`${wanted}-`) || found.startsWith(`${wanted}+`);
}
/** The version of the kubectl on PATH, or undefined when there is none (or it does not run). */
function pathKubectlVersion(kubeconfig) {
    return clientVersion('kubectl', kubeconfig ? ['--kubeconfig', kubeconfig] : []);
}
async function clientVersion(binary, extraArgs = []) {
    let result;
    try {
        result = await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_1__/* .getExecOutput */ .H)(binary, [...extraArgs, 'version', '--client', '--output', 'json'], { silent: true, ignoreReturnCode: true });
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(`${binary}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .describeError */ .Uc)(error)}`); // not on PATH
        return undefined;
    }
    if (result.exitCode !== 0) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(`${binary} version --client failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
        return undefined;
    }
    try {
        return JSON.parse(result.stdout).clientVersion?.gitVersion;
    }
    catch {
        return undefined;
    }
}
async function expectVersion(binary, version, from, inputName) {
    const found = await clientVersion(binary);
    if (found === undefined || !sameVersion(found, version)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ConfigurationError */ .j1(`Input "${inputName}" asks for kubectl ${version}, but the kubectl from ${from} reports ${found ?? 'no version (it did not run)'}`);
    }
}
async function download(url, destination, version, inputName) {
    const toolCache = await __webpack_require__.e(/* import() */ 805).then(__webpack_require__.bind(__webpack_require__, 9805));
    try {
        return await toolCache.downloadTool(url, destination);
    }
    catch (error) {
        if (error instanceof toolCache.HTTPError && error.httpStatusCode === 404) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ConfigurationError */ .j1(`Input "${inputName}" asks for kubectl ${version}, which is not available: ${url} answered HTTP 404 (is it a released version? see https://kubernetes.io/releases/)`);
        }
        const status = error instanceof toolCache.HTTPError ? `HTTP ${error.httpStatusCode}` : (0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .describeError */ .Uc)(error);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ConfigurationError */ .j1(`Could not download kubectl ${version} from ${url}: ${status}. Air-gapped runners can set ${KUBECTL_BASE_URL_VARIABLE} to a mirror`);
    }
}
function parseDigest(text, url, version) {
    const digest = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (!/^[0-9a-f]{64}$/.test(digest)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ConfigurationError */ .j1(`The checksum of kubectl ${version} at ${url} is not a SHA-256 digest (got "${text.trim().slice(0, 80)}"): nothing was installed`);
    }
    return digest;
}
function sha256(file) {
    return new Promise((resolve, reject) => {
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_2__.createHash)('sha256');
        (0,node_fs__WEBPACK_IMPORTED_MODULE_3__.createReadStream)(file)
            .on('data', (chunk) => hash.update(chunk))
            .on('error', reject)
            .on('end', () => resolve(hash.digest('hex')));
    });
}


/***/ }),

/***/ 8245:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f5: () => (/* binding */ abortGatewayCanary),
/* harmony export */   jy: () => (/* binding */ promoteGatewayCanary),
/* harmony export */   sj: () => (/* binding */ deployGatewayCanary)
/* harmony export */ });
/* unused harmony exports canaryServiceName, outsideStableService, canaryService, planCanaryBehindRoute */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9319);
/* harmony import */ var _kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2655);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2863);
/* harmony import */ var _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7482);
/* harmony import */ var _kubernetes_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5067);
/* harmony import */ var _kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1563);
/* harmony import */ var _kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8230);
/* harmony import */ var _kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(9942);
/* harmony import */ var _kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(7833);
/* harmony import */ var _canary_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2360);
/* harmony import */ var _rolling_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(2995);
/* harmony import */ var _traffic_router_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3321);













/**
 * Canary through a Gateway API HTTPRoute: the canary pods leave the stable Service (the labels it
 * selects on get a `-canary` value) and get their own Service, `<stable Service>-canary`; the
 * route's rule for the stable Service weighs it and the canary Service by the asked percentage,
 * so 10% is 10% with any replica count. With a canary header, a copy of that rule that also
 * matches the header sends such requests to the canary Service only. The weight is set only once the canary is ready; every
 * failure, promote and abort puts the route back on the stable Service alone (header rules removed) before anything is
 * removed, so no request is sent to a canary that is gone.
 */
const HTTPROUTE = 'httproute.gateway.networking.k8s.io';
function canaryServiceName(stableService) {
    return (0,_kubernetes_names_js__WEBPACK_IMPORTED_MODULE_1__/* .checkObjectName */ .Rl)('Service', `${stableService}-canary`, `The canary Service of Service/${stableService}`);
}
/** A label value of the canary's pods, distinct from the stable one and still a valid label value. */
function canaryLabelValue(value) {
    return `${value.slice(0, 56)}-canary`;
}
function podLabelsOf(deployment) {
    const template = (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(deployment.spec?.template) ? deployment.spec.template : {};
    return ((0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(template.metadata) && (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(template.metadata.labels) ? template.metadata.labels : {});
}
function selectorOfService(service) {
    return ((0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(service.spec?.selector) ? service.spec.selector : {});
}
/** The canary Deployment with the labels the stable Service selects on changed, so only the canary Service reaches its pods. */
function outsideStableService(canary, stableService) {
    const moved = structuredClone(canary);
    const rename = (labels) => {
        for (const key of Object.keys(selectorOfService(stableService)))
            if (key in labels)
                labels[key] = canaryLabelValue(labels[key]);
    };
    rename(podLabelsOf(moved));
    const selector = (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(moved.spec?.selector) ? moved.spec.selector : {};
    if ((0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(selector.matchLabels))
        rename(selector.matchLabels);
    return moved;
}
/** A copy of the stable Service that selects the canary's pods only. */
function canaryService(stableService, canary) {
    const podLabels = podLabelsOf(canary);
    const selector = Object.fromEntries(Object.keys(selectorOfService(stableService)).map((key) => [key, podLabels[key]]));
    const ports = Array.isArray(stableService.spec?.ports) ? stableService.spec.ports.filter(_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4).map(({ nodePort: _nodePort, ...port }) => port) : [];
    return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
            name: canaryServiceName(stableService.metadata.name),
            ...(stableService.metadata.namespace ? { namespace: stableService.metadata.namespace } : {}),
            labels: { ...stableService.metadata.labels, [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .TRACK_LABEL */ .l8]: 'canary' },
        },
        spec: { type: 'ClusterIP', selector: { ...selector, [_kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .TRACK_LABEL */ .l8]: 'canary' }, ports },
    };
}
/**
 * The route named by http-route and the manifests' Service it sends the Deployment's traffic to,
 * checked before anything changes: a missing route, or one that does not front that Service, is refused.
 */
async function routeTarget(kubectl, objects, deployment, routeName) {
    const podLabels = podLabelsOf(deployment);
    const services = objects.filter((object) => {
        const selector = Object.entries(selectorOfService(object));
        return object.kind === 'Service' && selector.length > 0 && selector.every(([key, value]) => podLabels[key] === value);
    });
    if (services.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`traffic-router gateway-api weighs the stable Service of deployment/${deployment.metadata.name} against a canary Service, but the manifests have no Service whose selector matches its pods. Nothing was changed`);
    }
    const route = await kubectl.find('HTTPRoute', routeName);
    if (!route)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`Input "http-route" names HTTPRoute/${routeName}, which does not exist in the namespace of the run. Nothing was changed`);
    const stableService = services.find((service) => (0,_traffic_router_js__WEBPACK_IMPORTED_MODULE_5__/* .routeReferences */ .sr)(route, service.metadata.name));
    if (!stableService) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`Input "http-route" names HTTPRoute/${routeName}, which sends no traffic to ${services.map((service) => `Service/${service.metadata.name}`).join(' or ')} (the Service in front of deployment/${deployment.metadata.name}). Nothing was changed`);
    }
    return { route, stableService, canaryService: canaryServiceName(stableService.metadata.name) };
}
async function setRules(kubectl, route, rules, options) {
    // resourceVersion makes the patch fail rather than overwrite a change made since the route was read.
    const patch = { metadata: { resourceVersion: route.metadata.resourceVersion }, spec: { rules } };
    await kubectl.run([
        'patch',
        HTTPROUTE,
        '--type=merge',
        `--field-manager=${options.fieldManager}`,
        `--patch=${JSON.stringify(patch)}`,
        '--',
        route.metadata.name,
    ]);
}
/** Puts the route back on the stable Service alone, if it names the canary Service; reads it afresh so a change made meanwhile is kept. */
async function restoreRoute(kubectl, target, options) {
    const live = await kubectl.find('HTTPRoute', target.route.metadata.name);
    if (!live || !(0,_traffic_router_js__WEBPACK_IMPORTED_MODULE_5__/* .routeReferences */ .sr)(live, target.canaryService))
        return false;
    await setRules(kubectl, live, (0,_traffic_router_js__WEBPACK_IMPORTED_MODULE_5__/* .rulesWithoutCanary */ .s7)(live, target.stableService.metadata.name, target.canaryService), options);
    return true;
}
/** Removes the canary, the baseline and the canary Service; throws while their pods are still running, as they could still serve. */
async function removeCanary(kubectl, deployment, target, timeoutSeconds) {
    const { remainingPods } = await (0,_canary_js__WEBPACK_IMPORTED_MODULE_6__/* .undoCanary */ .JN)(kubectl, await (0,_canary_js__WEBPACK_IMPORTED_MODULE_6__/* .existingCanaries */ .AL)(kubectl, deployment), timeoutSeconds);
    await kubectl.run(['delete', 'service', '--ignore-not-found', '--wait=true', '--', target.canaryService]);
    if (remainingPods.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`the canary's Deployments are deleted but pods ${remainingPods.join(', ')} were still terminating after ${timeoutSeconds} s`);
}
async function deployGatewayCanary(kubectl, objects, options, routeName) {
    const next = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_7__/* .singleDeployment */ .s)(objects, 'canary');
    const name = next.metadata.name;
    const target = await routeTarget(kubectl, objects, next, routeName);
    const stable = await kubectl.find('Deployment', name);
    if (!stable)
        return (0,_canary_js__WEBPACK_IMPORTED_MODULE_6__/* .deployCanary */ .SB)(kubectl, objects, options);
    const replicas = (0,_canary_js__WEBPACK_IMPORTED_MODULE_6__/* .canaryReplicaCount */ .Sh)(stable.spec?.replicas ?? 1, options.canaryPercentage, options.canaryReplicas);
    const planned = planCanaryBehindRoute(stable, next, replicas, target.stableService);
    // Computed before anything changes, so a route the canary cannot be put on is refused untouched.
    const weighedRules = (0,_traffic_router_js__WEBPACK_IMPORTED_MODULE_5__/* .rulesWithCanary */ .G4)(target.route, target.stableService.metadata.name, target.canaryService, options.canaryPercentage, options.canaryHeader);
    const variants = [planned.service, planned.baseline, planned.canary];
    await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_8__/* .preflight */ .Mz)(kubectl, variants, options);
    const workloads = [planned.baseline, planned.canary].map((variant) => ({ name: variant.metadata.name }));
    const selectors = { baselineSelector: (0,_canary_js__WEBPACK_IMPORTED_MODULE_6__/* .canarySelectors */ .D5)(stable).baselineSelector, canarySelector: (0,_kubernetes_names_js__WEBPACK_IMPORTED_MODULE_1__/* .selectorOf */ .Bk)(matchLabels(planned.canary)) };
    const routeLabel = `HTTPRoute/${routeName}`;
    const notes = [
        `${routeLabel} sends ${options.canaryPercentage}% of the requests to Service/${target.canaryService} (${replicas} canary replicas) and ${100 - options.canaryPercentage}% to Service/${target.stableService.metadata.name}.`,
    ];
    if (options.canaryHeader) {
        notes.push(`Requests with header ${(0,_traffic_router_js__WEBPACK_IMPORTED_MODULE_5__/* .describeCanaryHeader */ .X9)(options.canaryHeader)} go to Service/${target.canaryService} only, whatever the weights.`);
    }
    const result = (status, message, extra = {}) => ({
        status,
        strategy: 'canary',
        message,
        workloads,
        notes,
        problems: [],
        ...extra,
    });
    if (options.dryRun) {
        return result('succeeded', 'Dry run: nothing was changed', {
            diff: await (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_8__/* .dryRunDiff */ .KW)(kubectl, variants, options),
            achievedPercentage: options.canaryPercentage,
            ...selectors,
        });
    }
    const smokeChecks = [];
    try {
        await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group('Apply the canary Service, baseline and canary', () => (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_8__/* .apply */ .Bb)(kubectl, variants, options));
        for (const workload of workloads) {
            const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for deployment/${workload.name}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_9__/* .waitForRollout */ .gj)(kubectl, workload.name, options.timeoutSeconds));
            workload.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_10__/* .currentRevision */ .h7)(kubectl, workload.name);
            if (outcome.ok)
                continue;
            await restoreRoute(kubectl, target, options);
            if (!options.rollbackOnFailure)
                return result('failed', `${outcome.message}. ${routeLabel} sends no traffic to the canary`, { problems: outcome.problems, ...selectors });
            await removeCanary(kubectl, name, target, options.timeoutSeconds);
            return result('rolled-back', `${outcome.message}. Removed the canary, its Service and the baseline; ${routeLabel} sends every request to Service/${target.stableService.metadata.name}`, { problems: outcome.problems });
        }
        // The canary has its own Service and no weight yet: the checks run before it takes any request.
        const verified = await (0,_kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_11__/* .verifyDeployment */ .lX)(kubectl, planned.canary.metadata.name, options.verify);
        if (verified)
            smokeChecks.push(verified);
        if (verified?.failure) {
            const message = `${(0,_kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_11__/* .describeSmokeFailure */ .jj)(verified.failure)} ${routeLabel} never sent it a request`;
            if (!options.rollbackOnFailure)
                return result('failed', message, { smokeChecks, ...selectors });
            await removeCanary(kubectl, name, target, options.timeoutSeconds);
            return result('rolled-back', `${message}. Removed the canary, its Service and the baseline`, { smokeChecks });
        }
        await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Weigh ${routeLabel}: ${options.canaryPercentage}% to the canary`, () => setRules(kubectl, target.route, weighedRules, options));
    }
    catch (error) {
        try {
            await restoreRoute(kubectl, target, options);
        }
        catch (restoreError) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .describeError */ .Uc)(error)}; putting ${routeLabel} back on Service/${target.stableService.metadata.name} alone failed too (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .describeError */ .Uc)(restoreError)}): run k8s-deploy with action abort`);
        }
        throw error;
    }
    return result('succeeded', `Canary of deployment/${name} takes ${options.canaryPercentage}% of ${routeLabel}`, {
        achievedPercentage: options.canaryPercentage,
        ...selectors,
        ...(smokeChecks.length > 0 ? { smokeChecks } : {}),
    });
}
function matchLabels(deployment) {
    const selector = (0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(deployment.spec?.selector) ? deployment.spec.selector : {};
    return ((0,_kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(selector.matchLabels) ? selector.matchLabels : {});
}
/** The baseline (stable template, behind the stable Service), the canary (outside it) and the canary's own Service. */
function planCanaryBehindRoute(stable, next, replicas, stableService) {
    const baseline = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_7__/* .labelledVariant */ .L)(stable, (0,_canary_js__WEBPACK_IMPORTED_MODULE_6__/* .baselineName */ .Ri)(stable.metadata.name), _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .TRACK_LABEL */ .l8, 'baseline', replicas);
    const canary = outsideStableService((0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_7__/* .labelledVariant */ .L)(next, (0,_canary_js__WEBPACK_IMPORTED_MODULE_6__/* .canaryName */ .mh)(stable.metadata.name), _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_3__/* .TRACK_LABEL */ .l8, 'canary', replicas), stableService);
    return { baseline, canary, service: canaryService(stableService, canary) };
}
/** Rolls the stable Deployment to the new version, then puts the route back on it alone, then removes the canary. */
async function promoteGatewayCanary(kubectl, objects, options, routeName) {
    const name = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_7__/* .singleDeployment */ .s)(objects, 'canary').metadata.name;
    const target = await routeTarget(kubectl, objects, (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_7__/* .singleDeployment */ .s)(objects, 'canary'), routeName);
    const result = await (0,_rolling_js__WEBPACK_IMPORTED_MODULE_12__/* .deployRolling */ .b)(kubectl, objects, options, 'canary');
    if (options.dryRun)
        return result;
    await restoreRoute(kubectl, target, options);
    await removeCanary(kubectl, name, target, options.timeoutSeconds);
    result.notes.push(`HTTPRoute/${routeName} sends every request to Service/${target.stableService.metadata.name}; removed ${(0,_canary_js__WEBPACK_IMPORTED_MODULE_6__/* .canaryName */ .mh)(name)}, ${(0,_canary_js__WEBPACK_IMPORTED_MODULE_6__/* .baselineName */ .Ri)(name)} and Service/${target.canaryService}.`);
    if (result.status === 'succeeded')
        result.message = `Promoted the canary: deployment/${name} runs the new version`;
    return result;
}
/** `beforeRemoval` runs once the route is restored (nothing more reaches the canary) and before the canary is deleted. */
async function abortGatewayCanary(kubectl, objects, options, routeName, beforeRemoval) {
    const name = (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_7__/* .singleDeployment */ .s)(objects, 'canary').metadata.name;
    const target = await routeTarget(kubectl, objects, (0,_kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_7__/* .singleDeployment */ .s)(objects, 'canary'), routeName);
    if (!options.dryRun) {
        await restoreRoute(kubectl, target, options);
        await beforeRemoval?.();
        await removeCanary(kubectl, name, target, options.timeoutSeconds);
    }
    return {
        status: 'succeeded',
        strategy: 'canary',
        message: `Aborted the canary: HTTPRoute/${routeName} sends every request to Service/${target.stableService.metadata.name}; removed ${(0,_canary_js__WEBPACK_IMPORTED_MODULE_6__/* .canaryName */ .mh)(name)}, ${(0,_canary_js__WEBPACK_IMPORTED_MODULE_6__/* .baselineName */ .Ri)(name)} and Service/${target.canaryService}; deployment/${name} is unchanged`,
        workloads: [{ name, revision: await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_10__/* .currentRevision */ .h7)(kubectl, name) }],
        notes: [],
        problems: [],
        achievedPercentage: 0,
    };
}


/***/ })

};

//# sourceMappingURL=283.index.js.map