export const id = 311;
export const ids = [311];
export const modules = {

/***/ 8311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ main_run)
});

// EXTERNAL MODULE: ./actions/lib/run.ts
var run = __webpack_require__(7667);
// EXTERNAL MODULE: ./actions/lib/inputs.ts
var lib_inputs = __webpack_require__(7721);
// EXTERNAL MODULE: ./actions/lib/errors.ts
var errors = __webpack_require__(2863);
// EXTERNAL MODULE: ./actions/lib/kubernetes/kubeconfig.ts
var kubernetes_kubeconfig = __webpack_require__(608);
// EXTERNAL MODULE: ./actions/lib/kubernetes/kubectl.ts
var kubernetes_kubectl = __webpack_require__(6793);
// EXTERNAL MODULE: ./actions/lib/outputs.ts
var outputs = __webpack_require__(3932);
// EXTERNAL MODULE: ./actions/lib/summary.ts
var summary = __webpack_require__(7834);
// EXTERNAL MODULE: ./actions/lib/kubernetes/access.ts
var access = __webpack_require__(6529);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 2 modules
var exec = __webpack_require__(5260);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./actions/lib/kubernetes/kubectl-install.ts








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
        throw new errors/* ConfigurationError */.j1(`Input "${inputName}" has value "${version}": expected a kubectl version such as v1.32.4 or 1.32.4`);
    return `v${match[1]}.${match[2]}.${match[3]}`;
}
/** The release URL of a kubectl binary: `<base>/<version>/bin/linux/<amd64|arm64>/kubectl`. */
function kubectlDownloadUrl(version, arch = process.arch, environment = process.env) {
    const platformArch = ARCHITECTURES[arch];
    if (!platformArch)
        throw new errors/* ConfigurationError */.j1(`Cannot install kubectl on a ${arch} runner: kubectl releases are downloaded for x64 (amd64) and arm64 only`);
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
        throw new errors/* ConfigurationError */.j1(`${KUBECTL_BASE_URL_VARIABLE} has value "${configured}": expected an http or https URL such as ${DEFAULT_KUBECTL_BASE_URL}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new errors/* ConfigurationError */.j1(`${KUBECTL_BASE_URL_VARIABLE} has value "${configured}": expected an http or https URL such as ${DEFAULT_KUBECTL_BASE_URL}`);
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
        core.info(`kubectl ${onPath} (on PATH)`);
        return { binary: 'kubectl', version: onPath, source: 'path' };
    }
    const cacheRoot = environment.RUNNER_TOOL_CACHE;
    if (!cacheRoot)
        throw new errors/* ConfigurationError */.j1(`Input "${inputName}" asks for kubectl ${version}, but RUNNER_TOOL_CACHE is not set, so there is nowhere to install it`);
    // The tool cache (and its HTTP client) is loaded only when kubectl is not already on PATH.
    const toolCache = await __webpack_require__.e(/* import() */ 805).then(__webpack_require__.bind(__webpack_require__, 9805));
    const cached = toolCache.find('kubectl', version, arch);
    if (cached) {
        const binary = (0,external_node_path_.join)(cached, 'kubectl');
        await expectVersion(binary, version, `the tool cache (${binary})`, inputName);
        core.info(`kubectl ${version} from the tool cache (${binary})${onPath ? `; the kubectl on PATH is ${onPath}` : ''}`);
        return { binary, version, source: 'tool-cache' };
    }
    const url = kubectlDownloadUrl(version, arch, environment);
    core.info(`Downloading kubectl ${version} from ${url}${onPath ? ` (the kubectl on PATH is ${onPath})` : ''}`);
    const temp = environment.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    const digestFile = await download(`${url}.sha256`, (0,external_node_path_.join)(temp, `kubectl-${(0,external_node_crypto_.randomUUID)()}.sha256`), version, inputName);
    const expected = parseDigest(await (0,promises_.readFile)(digestFile, 'utf8').finally(() => (0,promises_.rm)(digestFile, { force: true })), `${url}.sha256`, version);
    const downloaded = await download(url, (0,external_node_path_.join)(temp, `kubectl-${(0,external_node_crypto_.randomUUID)()}`), version, inputName);
    try {
        const actual = await sha256(downloaded);
        if (actual !== expected) {
            throw new errors/* ConfigurationError */.j1(`The kubectl ${version} downloaded from ${url} does not match its published checksum: expected SHA-256 ${expected} (${url}.sha256), got ${actual}. Nothing was installed; check ${KUBECTL_BASE_URL_VARIABLE} if a mirror serves it`);
        }
        await (0,promises_.chmod)(downloaded, 0o755);
        await expectVersion(downloaded, version, url, inputName);
        const folder = await toolCache.cacheFile(downloaded, 'kubectl', 'kubectl', version, arch);
        const binary = (0,external_node_path_.join)(folder, 'kubectl');
        await (0,promises_.chmod)(binary, 0o755);
        core.info(`kubectl ${version} installed in the tool cache (${binary}), SHA-256 ${actual} verified`);
        return { binary, version, source: 'download' };
    }
    finally {
        await (0,promises_.rm)(downloaded, { force: true });
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
        result = await (0,exec/* getExecOutput */.H)(binary, [...extraArgs, 'version', '--client', '--output', 'json'], { silent: true, ignoreReturnCode: true });
    }
    catch (error) {
        core.debug(`${binary}: ${(0,errors/* describeError */.Uc)(error)}`); // not on PATH
        return undefined;
    }
    if (result.exitCode !== 0) {
        core.debug(`${binary} version --client failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
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
        throw new errors/* ConfigurationError */.j1(`Input "${inputName}" asks for kubectl ${version}, but the kubectl from ${from} reports ${found ?? 'no version (it did not run)'}`);
    }
}
async function download(url, destination, version, inputName) {
    const toolCache = await __webpack_require__.e(/* import() */ 805).then(__webpack_require__.bind(__webpack_require__, 9805));
    try {
        return await toolCache.downloadTool(url, destination);
    }
    catch (error) {
        if (error instanceof toolCache.HTTPError && error.httpStatusCode === 404) {
            throw new errors/* ConfigurationError */.j1(`Input "${inputName}" asks for kubectl ${version}, which is not available: ${url} answered HTTP 404 (is it a released version? see https://kubernetes.io/releases/)`);
        }
        const status = error instanceof toolCache.HTTPError ? `HTTP ${error.httpStatusCode}` : (0,errors/* describeError */.Uc)(error);
        throw new errors/* ConfigurationError */.j1(`Could not download kubectl ${version} from ${url}: ${status}. Air-gapped runners can set ${KUBECTL_BASE_URL_VARIABLE} to a mirror`);
    }
}
function parseDigest(text, url, version) {
    const digest = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (!/^[0-9a-f]{64}$/.test(digest)) {
        throw new errors/* ConfigurationError */.j1(`The checksum of kubectl ${version} at ${url} is not a SHA-256 digest (got "${text.trim().slice(0, 80)}"): nothing was installed`);
    }
    return digest;
}
function sha256(file) {
    return new Promise((resolve, reject) => {
        const hash = (0,external_node_crypto_.createHash)('sha256');
        (0,external_node_fs_.createReadStream)(file)
            .on('data', (chunk) => hash.update(chunk))
            .on('error', reject)
            .on('end', () => resolve(hash.digest('hex')));
    });
}

// EXTERNAL MODULE: ./actions/lib/kubernetes/metadata.ts
var metadata = __webpack_require__(7482);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./actions/lib/kubernetes/names.ts
var names = __webpack_require__(5067);
// EXTERNAL MODULE: ./actions/lib/kubernetes/objects.ts
var kubernetes_objects = __webpack_require__(1563);
;// CONCATENATED MODULE: ./actions/k8s-deploy/src/manifests.ts



/** Multi-document YAML → objects, in file order. `kind: List` is expanded; empty documents are skipped. */
function parseManifests(sources) {
    const objects = [];
    for (const { origin, text } of sources) {
        const documents = (0,dist/* parseAllDocuments */.hR)(text, { prettyErrors: false });
        for (const [index, document] of (Array.isArray(documents) ? documents : [documents]).entries()) {
            const where = `${origin} (document ${index + 1})`;
            const [error] = document.errors;
            if (error)
                throw new errors/* ConfigurationError */.j1(`${where} is not valid YAML: ${error.message.split('\n')[0]}`);
            const value = document.toJS();
            if (value === null || value === undefined)
                continue;
            const items = (0,kubernetes_objects/* isRecord */.u4)(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
            for (const item of items)
                objects.push(checkObject(item, where));
        }
    }
    if (objects.length === 0)
        throw new errors/* ConfigurationError */.j1('The manifests contain no Kubernetes object');
    return objects;
}
function checkObject(value, where) {
    if (!(0,kubernetes_objects/* isRecord */.u4)(value))
        throw new errors/* ConfigurationError */.j1(`${where}: expected a Kubernetes object (a YAML mapping)`);
    for (const field of ['apiVersion', 'kind']) {
        if (typeof value[field] !== 'string' || value[field] === '') {
            throw new errors/* ConfigurationError */.j1(`${where}: expected a "${field}" string`);
        }
    }
    const metadata = value.metadata;
    if (!(0,kubernetes_objects/* isRecord */.u4)(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
        throw new errors/* ConfigurationError */.j1(`${where}: ${String(value.kind)} has no metadata.name`);
    }
    // The names the suite hands to kubectl, and the namespace the run resolves, must be what the API server would accept.
    if ((0,names/* isNamedKind */.cX)(value.kind))
        (0,names/* checkObjectName */.Rl)(value.kind, metadata.name, where);
    if (metadata.namespace !== undefined)
        (0,names/* checkObjectName */.Rl)('Namespace', metadata.namespace, `${where}: metadata.namespace`);
    return value;
}
function describeObject(object) {
    return `${object.kind}/${object.metadata.name}`;
}
/** Workloads whose rollout the action waits for. */
function isWorkload(object) {
    return object.kind === 'Deployment' || object.kind === 'StatefulSet';
}

;// CONCATENATED MODULE: ./actions/k8s-deploy/src/annotations.ts



/** `key=value` entries of the annotations input. */
function parseAnnotations(entries) {
    const annotations = {};
    for (const entry of entries ?? []) {
        const separator = entry.indexOf('=');
        const key = entry.slice(0, separator).trim();
        if (separator <= 0 || !/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key)) {
            throw new errors/* ConfigurationError */.j1(`Input "annotations" has entry "${entry}": expected key=value with a valid annotation key`);
        }
        annotations[key] = entry.slice(separator + 1).trim();
    }
    return annotations;
}
function runContext(strategy, environment = process.env) {
    const server = environment.GITHUB_SERVER_URL ?? 'https://github.com';
    const runUrl = environment.GITHUB_REPOSITORY && environment.GITHUB_RUN_ID
        ? `${server}/${environment.GITHUB_REPOSITORY}/actions/runs/${environment.GITHUB_RUN_ID}`
        : 'local run';
    return { commit: environment.GITHUB_SHA ?? 'unknown', runUrl, strategy };
}
/** What is running and why, on every workload: rollback and people read these. */
function annotateWorkloads(objects, context, images, extra) {
    return objects.map((object) => {
        if (!isWorkload(object))
            return object;
        const annotations = {
            ...object.metadata.annotations,
            ...extra,
            [metadata/* COMMIT_ANNOTATION */._u]: context.commit,
            [metadata/* RUN_URL_ANNOTATION */.A9]: context.runUrl,
            [metadata/* STRATEGY_ANNOTATION */.A$]: context.strategy,
            [metadata/* CHANGE_CAUSE_ANNOTATION */.vG]: `inventory-devops ${context.strategy} deploy of ${context.commit.slice(0, 12)} (${context.runUrl})`,
        };
        if (images.length > 0)
            annotations[metadata/* IMAGES_ANNOTATION */.te] = images.join(',');
        return { ...object, metadata: { ...object.metadata, annotations } };
    });
}

// EXTERNAL MODULE: ./actions/lib/strategies/blue-green.ts
var blue_green = __webpack_require__(482);
// EXTERNAL MODULE: ./actions/lib/strategies/canary.ts
var strategies_canary = __webpack_require__(2360);
// EXTERNAL MODULE: ./actions/lib/kubernetes/apply.ts
var apply = __webpack_require__(9319);
// EXTERNAL MODULE: ./actions/lib/kubernetes/deployment-variants.ts
var deployment_variants = __webpack_require__(2655);
// EXTERNAL MODULE: ./actions/lib/kubernetes/rollout-wait.ts
var rollout_wait = __webpack_require__(8230);
// EXTERNAL MODULE: ./actions/lib/kubernetes/workloads.ts
var kubernetes_workloads = __webpack_require__(7833);
// EXTERNAL MODULE: ./actions/lib/strategies/rolling.ts
var rolling = __webpack_require__(2995);
// EXTERNAL MODULE: ./actions/lib/strategies/traffic-router.ts
var traffic_router = __webpack_require__(3321);
;// CONCATENATED MODULE: ./actions/lib/strategies/gateway-canary.ts












/**
 * Canary through a Gateway API HTTPRoute: the canary pods leave the stable Service (the labels it
 * selects on get a `-canary` value) and get their own Service, `<stable Service>-canary`; the
 * route's rule for the stable Service weighs it and the canary Service by the asked percentage,
 * so 10% is 10% with any replica count. The weight is set only once the canary is ready; every
 * failure, promote and abort puts the route back on the stable Service alone before anything is
 * removed, so no request is sent to a canary that is gone.
 */
const HTTPROUTE = 'httproute.gateway.networking.k8s.io';
function canaryServiceName(stableService) {
    return (0,names/* checkObjectName */.Rl)('Service', `${stableService}-canary`, `The canary Service of Service/${stableService}`);
}
/** A label value of the canary's pods, distinct from the stable one and still a valid label value. */
function canaryLabelValue(value) {
    return `${value.slice(0, 56)}-canary`;
}
function podLabelsOf(deployment) {
    const template = (0,kubernetes_objects/* isRecord */.u4)(deployment.spec?.template) ? deployment.spec.template : {};
    return ((0,kubernetes_objects/* isRecord */.u4)(template.metadata) && (0,kubernetes_objects/* isRecord */.u4)(template.metadata.labels) ? template.metadata.labels : {});
}
function selectorOfService(service) {
    return ((0,kubernetes_objects/* isRecord */.u4)(service.spec?.selector) ? service.spec.selector : {});
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
    const selector = (0,kubernetes_objects/* isRecord */.u4)(moved.spec?.selector) ? moved.spec.selector : {};
    if ((0,kubernetes_objects/* isRecord */.u4)(selector.matchLabels))
        rename(selector.matchLabels);
    return moved;
}
/** A copy of the stable Service that selects the canary's pods only. */
function canaryService(stableService, canary) {
    const podLabels = podLabelsOf(canary);
    const selector = Object.fromEntries(Object.keys(selectorOfService(stableService)).map((key) => [key, podLabels[key]]));
    const ports = Array.isArray(stableService.spec?.ports) ? stableService.spec.ports.filter(kubernetes_objects/* isRecord */.u4).map(({ nodePort: _nodePort, ...port }) => port) : [];
    return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
            name: canaryServiceName(stableService.metadata.name),
            ...(stableService.metadata.namespace ? { namespace: stableService.metadata.namespace } : {}),
            labels: { ...stableService.metadata.labels, [metadata/* TRACK_LABEL */.l8]: 'canary' },
        },
        spec: { type: 'ClusterIP', selector: { ...selector, [metadata/* TRACK_LABEL */.l8]: 'canary' }, ports },
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
        throw new errors/* ConfigurationError */.j1(`traffic-router gateway-api weighs the stable Service of deployment/${deployment.metadata.name} against a canary Service, but the manifests have no Service whose selector matches its pods. Nothing was changed`);
    }
    const route = await kubectl.find('HTTPRoute', routeName);
    if (!route)
        throw new errors/* ConfigurationError */.j1(`Input "http-route" names HTTPRoute/${routeName}, which does not exist in the namespace of the run. Nothing was changed`);
    const stableService = services.find((service) => (0,traffic_router/* routeReferences */.sr)(route, service.metadata.name));
    if (!stableService) {
        throw new errors/* ConfigurationError */.j1(`Input "http-route" names HTTPRoute/${routeName}, which sends no traffic to ${services.map((service) => `Service/${service.metadata.name}`).join(' or ')} (the Service in front of deployment/${deployment.metadata.name}). Nothing was changed`);
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
    if (!live || !(0,traffic_router/* routeReferences */.sr)(live, target.canaryService))
        return false;
    await setRules(kubectl, live, (0,traffic_router/* rulesWithoutCanary */.s7)(live, target.stableService.metadata.name, target.canaryService), options);
    return true;
}
/** Removes the canary, the baseline and the canary Service; throws while their pods are still running, as they could still serve. */
async function removeCanary(kubectl, deployment, target, timeoutSeconds) {
    const { remainingPods } = await (0,strategies_canary/* undoCanary */.JN)(kubectl, await (0,strategies_canary/* existingCanaries */.AL)(kubectl, deployment), timeoutSeconds);
    await kubectl.run(['delete', 'service', '--ignore-not-found', '--wait=true', '--', target.canaryService]);
    if (remainingPods.length > 0)
        throw new errors/* ConfigurationError */.j1(`the canary's Deployments are deleted but pods ${remainingPods.join(', ')} were still terminating after ${timeoutSeconds} s`);
}
async function deployGatewayCanary(kubectl, objects, options, routeName) {
    const next = (0,deployment_variants/* singleDeployment */.s)(objects, 'canary');
    const name = next.metadata.name;
    const target = await routeTarget(kubectl, objects, next, routeName);
    const stable = await kubectl.find('Deployment', name);
    if (!stable)
        return (0,strategies_canary/* deployCanary */.SB)(kubectl, objects, options);
    const replicas = (0,strategies_canary/* canaryReplicaCount */.Sh)(stable.spec?.replicas ?? 1, options.canaryPercentage, options.canaryReplicas);
    const planned = planCanaryBehindRoute(stable, next, replicas, target.stableService);
    const variants = [planned.service, planned.baseline, planned.canary];
    await (0,apply/* preflight */.Mz)(kubectl, variants, options);
    const workloads = [planned.baseline, planned.canary].map((variant) => ({ name: variant.metadata.name }));
    const selectors = { baselineSelector: (0,strategies_canary/* canarySelectors */.D5)(stable).baselineSelector, canarySelector: (0,names/* selectorOf */.Bk)(matchLabels(planned.canary)) };
    const routeLabel = `HTTPRoute/${routeName}`;
    const notes = [
        `${routeLabel} sends ${options.canaryPercentage}% of the requests to Service/${target.canaryService} (${replicas} canary replicas) and ${100 - options.canaryPercentage}% to Service/${target.stableService.metadata.name}.`,
    ];
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
            diff: await (0,apply/* dryRunDiff */.KW)(kubectl, variants, options),
            achievedPercentage: options.canaryPercentage,
            ...selectors,
        });
    }
    try {
        await core.group('Apply the canary Service, baseline and canary', () => (0,apply/* apply */.Bb)(kubectl, variants, options));
        for (const workload of workloads) {
            const outcome = await core.group(`Wait for deployment/${workload.name}`, () => (0,rollout_wait/* waitForRollout */.gj)(kubectl, workload.name, options.timeoutSeconds));
            workload.revision = await (0,kubernetes_workloads/* currentRevision */.h7)(kubectl, workload.name);
            if (outcome.ok)
                continue;
            await restoreRoute(kubectl, target, options);
            if (!options.rollbackOnFailure)
                return result('failed', `${outcome.message}. ${routeLabel} sends no traffic to the canary`, { problems: outcome.problems, ...selectors });
            await removeCanary(kubectl, name, target, options.timeoutSeconds);
            return result('rolled-back', `${outcome.message}. Removed the canary, its Service and the baseline; ${routeLabel} sends every request to Service/${target.stableService.metadata.name}`, { problems: outcome.problems });
        }
        await core.group(`Weigh ${routeLabel}: ${options.canaryPercentage}% to the canary`, () => setRules(kubectl, target.route, (0,traffic_router/* rulesWithCanary */.G4)(target.route, target.stableService.metadata.name, target.canaryService, options.canaryPercentage), options));
    }
    catch (error) {
        try {
            await restoreRoute(kubectl, target, options);
        }
        catch (restoreError) {
            throw new errors/* ConfigurationError */.j1(`${(0,errors/* describeError */.Uc)(error)}; putting ${routeLabel} back on Service/${target.stableService.metadata.name} alone failed too (${(0,errors/* describeError */.Uc)(restoreError)}): run k8s-deploy with action abort`);
        }
        throw error;
    }
    return result('succeeded', `Canary of deployment/${name} takes ${options.canaryPercentage}% of ${routeLabel}`, {
        achievedPercentage: options.canaryPercentage,
        ...selectors,
    });
}
function matchLabels(deployment) {
    const selector = (0,kubernetes_objects/* isRecord */.u4)(deployment.spec?.selector) ? deployment.spec.selector : {};
    return ((0,kubernetes_objects/* isRecord */.u4)(selector.matchLabels) ? selector.matchLabels : {});
}
/** The baseline (stable template, behind the stable Service), the canary (outside it) and the canary's own Service. */
function planCanaryBehindRoute(stable, next, replicas, stableService) {
    const baseline = (0,deployment_variants/* labelledVariant */.L)(stable, (0,strategies_canary/* baselineName */.Ri)(stable.metadata.name), metadata/* TRACK_LABEL */.l8, 'baseline', replicas);
    const canary = outsideStableService((0,deployment_variants/* labelledVariant */.L)(next, (0,strategies_canary/* canaryName */.mh)(stable.metadata.name), metadata/* TRACK_LABEL */.l8, 'canary', replicas), stableService);
    return { baseline, canary, service: canaryService(stableService, canary) };
}
/** Rolls the stable Deployment to the new version, then puts the route back on it alone, then removes the canary. */
async function promoteGatewayCanary(kubectl, objects, options, routeName) {
    const name = (0,deployment_variants/* singleDeployment */.s)(objects, 'canary').metadata.name;
    const target = await routeTarget(kubectl, objects, (0,deployment_variants/* singleDeployment */.s)(objects, 'canary'), routeName);
    const result = await (0,rolling/* deployRolling */.b)(kubectl, objects, options, 'canary');
    if (options.dryRun)
        return result;
    await restoreRoute(kubectl, target, options);
    await removeCanary(kubectl, name, target, options.timeoutSeconds);
    result.notes.push(`HTTPRoute/${routeName} sends every request to Service/${target.stableService.metadata.name}; removed ${(0,strategies_canary/* canaryName */.mh)(name)}, ${(0,strategies_canary/* baselineName */.Ri)(name)} and Service/${target.canaryService}.`);
    if (result.status === 'succeeded')
        result.message = `Promoted the canary: deployment/${name} runs the new version`;
    return result;
}
async function abortGatewayCanary(kubectl, objects, options, routeName) {
    const name = (0,deployment_variants/* singleDeployment */.s)(objects, 'canary').metadata.name;
    const target = await routeTarget(kubectl, objects, (0,deployment_variants/* singleDeployment */.s)(objects, 'canary'), routeName);
    if (!options.dryRun) {
        await restoreRoute(kubectl, target, options);
        await removeCanary(kubectl, name, target, options.timeoutSeconds);
    }
    return {
        status: 'succeeded',
        strategy: 'canary',
        message: `Aborted the canary: HTTPRoute/${routeName} sends every request to Service/${target.stableService.metadata.name}; removed ${(0,strategies_canary/* canaryName */.mh)(name)}, ${(0,strategies_canary/* baselineName */.Ri)(name)} and Service/${target.canaryService}; deployment/${name} is unchanged`,
        workloads: [{ name, revision: await (0,kubernetes_workloads/* currentRevision */.h7)(kubectl, name) }],
        notes: [],
        problems: [],
        achievedPercentage: 0,
    };
}

// EXTERNAL MODULE: ./actions/lib/strategies/deploy-result.ts
var deploy_result = __webpack_require__(1953);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./actions/lib/kubernetes/pod-problems.ts
var pod_problems = __webpack_require__(2569);
;// CONCATENATED MODULE: ./actions/lib/kubernetes/hooks.ts








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
        const annotations = (0,kubernetes_objects/* isRecord */.u4)(object.metadata.annotations) ? object.metadata.annotations : {};
        const phase = annotations[metadata/* HOOK_ANNOTATION */.c4];
        const weight = annotations[metadata/* HOOK_WEIGHT_ANNOTATION */.Z0];
        const where = `${object.kind}/${object.metadata.name}`;
        if (phase === undefined) {
            if (weight !== undefined)
                throw new errors/* ConfigurationError */.j1(`${where} has annotation ${metadata/* HOOK_WEIGHT_ANNOTATION */.Z0} but no ${metadata/* HOOK_ANNOTATION */.c4}: a weight orders hooks only`);
            rest.push(object);
            continue;
        }
        if (WORKLOAD_KINDS.has(object.kind) || (object.kind === 'Job' && object.apiVersion !== 'batch/v1')) {
            throw new errors/* ConfigurationError */.j1(`${where} has annotation ${metadata/* HOOK_ANNOTATION */.c4}: a hook is a batch/v1 Job (run to completion) or an object it needs, such as a ConfigMap or a PersistentVolumeClaim (applied before it); never a workload`);
        }
        if (!HOOK_PHASES.includes(phase)) {
            throw new errors/* ConfigurationError */.j1(`${where} has annotation ${metadata/* HOOK_ANNOTATION */.c4} "${(0,errors/* abbreviate */.Sm)(String(phase))}": expected ${HOOK_PHASES.join(' or ')}`);
        }
        if (weight !== undefined && !(typeof weight === 'string' && WEIGHT.test(weight.trim()))) {
            throw new errors/* ConfigurationError */.j1(`${where} has annotation ${metadata/* HOOK_WEIGHT_ANNOTATION */.Z0} "${(0,errors/* abbreviate */.Sm)(String(weight))}": expected an integer such as -5, 0 or 10 (at most nine digits)`);
        }
        const name = isJob(object) ? (0,names/* checkObjectName */.Rl)('Job', object.metadata.name, `The hook ${where}`) : object.metadata.name;
        if (name.length > MAX_HOOK_NAME_LENGTH && isJob(object)) {
            throw new errors/* ConfigurationError */.j1(`The hook ${where} has a name of ${name.length} characters: expected at most ${MAX_HOOK_NAME_LENGTH}, so that "-<run suffix>" still makes ${(0,names/* expectedName */.Ac)('Job')}`);
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
    job.metadata.labels = { ...(job.metadata.labels ?? {}), [metadata/* HOOK_NAME_LABEL */.Ln]: hook.name };
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
            await core.group(`Apply the ${hook.phase} hook ${object}`, () => options.dryRun ? dryRunApply(kubectl, hook.object, options) : (0,apply/* apply */.Bb)(kubectl, [hook.object], options));
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
        const outcome = await core.group(`Run the ${hook.phase} hook job/${job.metadata.name}`, async () => {
            await deleteFinishedRuns(kubectl, hook.name);
            await (0,apply/* apply */.Bb)(kubectl, [job], options);
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
    const earlier = await kubectl.json(['get', 'jobs', `--selector=${(0,names/* selectorOf */.Bk)({ [metadata/* HOOK_NAME_LABEL */.Ln]: hook })}`]);
    const finished = earlier.items.filter((job) => finishedCondition(job)).map((job) => (0,names/* checkObjectName */.Rl)('Job', job.metadata.name, 'The cluster'));
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
    const clock = pod_problems/* ProblemClock */.ko.forTimeout(timeoutSeconds);
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
        const observations = (0,pod_problems/* observePods */.NH)(pods).filter((observation) => !/(^|:)(CrashLoopBackOff|Error)$/.test(observation.reason));
        const stuck = clock.judge(observations, Date.now()).fatal;
        if (stuck.length > 0 || Date.now() >= deadline) {
            const problems = stuck.length > 0 ? await Promise.all(stuck.map((problem) => (0,pod_problems/* diagnose */.h4)(kubectl, problem))) : await podDiagnoses(kubectl, pods, 'Timeout');
            await kubectl.run(['delete', 'job', '--ignore-not-found', '--wait=true', '--', name]);
            const why = stuck.length > 0 ? `pod ${stuck[0]?.pod} cannot start (${stuck[0]?.reason})` : `it did not finish within ${timeoutSeconds} s`;
            return { ok: false, message: `${why}; the Job was deleted`, problems };
        }
        await (0,external_node_timers_promises_.setTimeout)(checkEverySeconds * 1000);
    }
}
async function jobPods(kubectl, job) {
    try {
        return (await kubectl.json(['get', 'pods', `--selector=${(0,names/* selectorOf */.Bk)({ [metadata/* JOB_NAME_LABEL */.fC]: job })}`])).items;
    }
    catch (error) {
        core.warning(`Could not list the pods of job/${job}: ${(0,errors/* describeError */.Uc)(error)}`);
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
        return (0,pod_problems/* diagnose */.h4)(kubectl, {
            pod: pod.metadata.name,
            ...(container?.name ? { container: container.name } : {}),
            reason,
            ...(terminated ? { message: `exit code ${terminated.exitCode ?? '?'} (${terminated.reason ?? 'terminated'})` } : {}),
            restarts: container?.restartCount ?? 0,
        });
    }));
}

;// CONCATENATED MODULE: ./actions/lib/strategies/hook-phases.ts

/**
 * The hook phases around a strategy: pre-deploy hooks run once, before the new version gets any
 * traffic (a deploy of any strategy; not a promote, whose version already ran as canary or idle
 * colour); post-deploy hooks once the new version serves everything (a rolling deploy, a first
 * canary or blue-green deploy that went out as rolling, a promote). An abort runs none. A hook that
 * fails stops the deploy: before the workloads, nothing else was changed.
 */
async function deployWithHooks(kubectl, plan, strategy, action, options, deploy) {
    const pre = action === 'deploy' ? await runHooks(kubectl, plan.pre, options) : { ok: true, runs: [], message: '', problems: [] };
    if (!pre.ok) {
        return {
            status: 'failed',
            strategy,
            message: `${pre.message}. Nothing else was changed: the workloads were not applied`,
            workloads: [],
            notes: [],
            problems: pre.problems,
            hooks: pre.runs,
        };
    }
    const result = await deploy(plan.objects);
    result.hooks = [...pre.runs];
    const serving = action === 'promote' || (action === 'deploy' && result.strategy === 'rolling');
    if (result.status !== 'succeeded' || !serving || plan.post.length === 0)
        return result;
    const post = await runHooks(kubectl, plan.post, options);
    result.hooks.push(...post.runs);
    if (!post.ok) {
        result.status = 'failed';
        result.message = `${result.message}, but ${post.message.charAt(0).toLowerCase()}${post.message.slice(1)}`;
        result.problems.push(...post.problems);
    }
    return result;
}

;// CONCATENATED MODULE: ./actions/k8s-deploy/src/images.ts



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
        throw new errors/* ConfigurationError */.j1(`${where} "${(0,errors/* abbreviate */.Sm)(text)}": expected an image reference such as inventory-service:1.4.2`);
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
        const podSpec = (0,kubernetes_objects/* podSpecOf */.qz)(object);
        if (!podSpec)
            continue;
        for (const list of ['initContainers', 'containers']) {
            const containers = podSpec[list];
            if (!Array.isArray(containers))
                continue;
            for (const container of containers) {
                if (typeof container.image !== 'string')
                    continue;
                const current = parseImageReference(container.image, `${describeObject(object)} container ${container.name ?? '?'} has image`);
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
        const present = [...new Set(objects.flatMap(kubernetes_objects/* containerImages */._Z))];
        throw new errors/* ConfigurationError */.j1(`Input "images": ${unmatched.map((image) => `"${image.text}"`).join(', ')} matches no container in the manifests ` +
            `(their images: ${present.join(', ') || 'none'})`);
    }
    return { objects: updated, changes };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
;// CONCATENATED MODULE: ./actions/k8s-deploy/src/inputs.ts




const k8sDeployInputs = {
    manifests: lib_inputs/* input */.h.list('files, folders or a kustomize folder, newline or comma separated'),
    images: lib_inputs/* input */.h.list('image references such as inventory-service:1.4.2, newline or comma separated').optional(),
    namespace: lib_inputs/* input */.h.namespace().optional(),
    strategy: lib_inputs/* input */.h.oneOf(['rolling', 'blue-green', 'canary']).default('rolling'),
    action: lib_inputs/* input */.h.oneOf(['deploy', 'promote', 'abort']).default('deploy'),
    'canary-percentage': lib_inputs/* input */.h.integer({ min: 1, max: 100 }).default(25),
    'canary-replicas': lib_inputs/* input */.h.integer({ min: 1 }).optional(),
    'traffic-router': lib_inputs/* input */.h.oneOf(traffic_router/* TRAFFIC_ROUTERS */.jY).default('replicas'),
    'max-surge-replicas': lib_inputs/* input */.h.integer({ min: 2, max: 1000 }).optional(),
    'http-route': lib_inputs/* input */.h.kubernetesName('HTTPRoute').optional(),
    timeout: lib_inputs/* input */.h.duration().default(300),
    'rollback-on-failure': lib_inputs/* input */.h.boolean().default(true),
    kubeconfig: lib_inputs/* input */.h.kubeconfig().optional(),
    'kubectl-version': schemas/* string */.YjP().regex(KUBECTL_VERSION, { error: 'a kubectl version such as v1.32.4' }).optional(),
    'field-manager': lib_inputs/* input */.h.text('a field manager name').default('inventory-devops'),
    annotations: lib_inputs/* input */.h.list('key=value annotations, newline or comma separated').optional(),
    'dry-run': lib_inputs/* input */.h.boolean().default(false),
    environment: lib_inputs/* input */.h.text('a GitHub environment name').max(255, { error: 'a GitHub environment name of at most 255 characters' }).optional(),
    'environment-url': lib_inputs/* input */.h.url().optional(),
    'github-token': lib_inputs/* input */.h.text('a GitHub token').optional(),
};
const k8sDeploySecretInputs = ['kubeconfig', 'github-token'];

// EXTERNAL MODULE: ./actions/lib/github.ts
var github = __webpack_require__(1691);
// EXTERNAL MODULE: ./actions/lib/github-deployment.ts
var github_deployment = __webpack_require__(5631);
;// CONCATENATED MODULE: ./actions/k8s-deploy/src/github-deployment.ts




/**
 * Records the step on GitHub: a deployment of GITHUB_SHA to the environment, `in_progress`
 * now, `success` or `failure` at the end (see finish). Reporting to GitHub never fails a
 * deploy: a token without `deployments: write` (403/404) or an unreachable API is a warning,
 * and the deploy goes on without a GitHub deployment. Dry runs create nothing.
 */
async function startGitHubDeployment(request) {
    const { token, environment } = request;
    if (!token)
        return undefined;
    if (request.dryRun) {
        core.info('Dry run: no GitHub deployment is created');
        return undefined;
    }
    const repository = (0,github/* parseRepository */.SU)(process.env.GITHUB_REPOSITORY);
    const ref = process.env.GITHUB_SHA;
    if (!repository || !ref) {
        core.warning('No GitHub deployment is created: GITHUB_REPOSITORY or GITHUB_SHA is not set (not running on GitHub Actions?)');
        return undefined;
    }
    const what = `inventory-devops ${request.strategy} ${request.action}`;
    const { runUrl } = runContext(request.strategy);
    const logUrl = /^https?:\/\//.test(runUrl) ? runUrl : undefined;
    let id;
    try {
        id = await (0,github/* createDeployment */.Yy)(token, repository, { ref, environment, description: `${what} of ${ref.slice(0, 12)}` });
    }
    catch (error) {
        (0,github_deployment/* warnGitHubProblem */.H)(`Could not create a GitHub deployment to environment "${environment}"`, error, 'deploy');
        return undefined;
    }
    core.info(`GitHub deployment ${id} of ${ref.slice(0, 12)} to environment "${environment}"`);
    await (0,github_deployment/* setDeploymentStatus */.e)(token, repository, id, { state: 'in_progress', description: `${what} in progress`, logUrl }, 'deploy');
    return {
        id,
        async finish(succeeded) {
            await (0,github_deployment/* setDeploymentStatus */.e)(token, repository, id, {
                state: succeeded ? 'success' : 'failure',
                description: `${what} ${succeeded ? 'succeeded' : 'failed'}`,
                logUrl,
                environmentUrl: succeeded ? request.environmentUrl : undefined,
                // A canary or a blue-green colour runs beside the release that still serves: that one's deployment stays active until promote.
                autoInactive: request.action === 'deploy' && request.strategy !== 'rolling' ? false : undefined,
            }, 'deploy');
        },
    };
}

;// CONCATENATED MODULE: ./actions/k8s-deploy/src/load.ts




const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** Files as they are, folders file by file (sorted), kustomize folders rendered with `kubectl kustomize`. */
async function readManifestSources(paths, kubectl, workspace) {
    const sources = [];
    for (const path of paths) {
        const absolute = (0,external_node_path_.resolve)(workspace, path);
        const info = await (0,promises_.stat)(absolute).catch(() => undefined);
        if (!info)
            throw new errors/* ConfigurationError */.j1(`Input "manifests": "${path}" does not exist (looked in ${absolute})`);
        if (info.isFile()) {
            sources.push({ origin: path, text: await (0,promises_.readFile)(absolute, 'utf8') });
        }
        else if (KUSTOMIZATION_FILES.some((file) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(absolute, file)))) {
            const { stdout } = await kubectl.run(['kustomize', absolute]);
            sources.push({ origin: `${path} (kustomize)`, text: stdout });
        }
        else {
            const files = (await (0,promises_.readdir)(absolute)).filter((file) => /\.ya?ml$/.test(file)).sort();
            if (files.length === 0)
                throw new errors/* ConfigurationError */.j1(`Input "manifests": folder "${path}" has no .yaml or .yml file`);
            for (const file of files)
                sources.push({ origin: (0,external_node_path_.join)(path, file), text: await (0,promises_.readFile)((0,external_node_path_.join)(absolute, file), 'utf8') });
        }
    }
    return sources;
}

;// CONCATENATED MODULE: ./actions/k8s-deploy/src/namespace.ts


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
        byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), describeObject(object)]);
    }
    const listing = (namespace) => {
        const objects = byNamespace.get(namespace) ?? [];
        return `${objects.slice(0, 3).join(', ')}${objects.length > 3 ? ` and ${objects.length - 3} more` : ''}`;
    };
    if (requested !== undefined) {
        const others = [...byNamespace.keys()].filter((namespace) => namespace !== requested);
        if (others.length > 0) {
            throw new errors/* ConfigurationError */.j1(`Input "namespace" has value "${requested}", but the manifests put ${others.map((namespace) => `${listing(namespace)} in namespace "${namespace}"`).join('; ')}: ` +
                "a run deploys into one namespace. Set the input to the manifests' namespace, or remove metadata.namespace from them; nothing was applied");
        }
        return requested;
    }
    const named = [...byNamespace.keys()];
    if (named.length > 1) {
        throw new errors/* ConfigurationError */.j1(`The manifests name ${named.length} namespaces (${named.map((namespace) => `"${namespace}": ${listing(namespace)}`).join('; ')}): ` +
            'a run deploys into one namespace. Deploy each namespace in a step of its own; nothing was applied');
    }
    return named[0];
}

// EXTERNAL MODULE: ./actions/lib/markdown.ts
var markdown = __webpack_require__(4269);
;// CONCATENATED MODULE: ./actions/k8s-deploy/src/summary.ts


const HOOK_RESULTS = { succeeded: '✅', failed: '❌', 'dry-run': '🔍' };
const HEADLINES = { succeeded: '✅ Deployed', 'rolled-back': '↩️ Failed and rolled back', failed: '❌ Deploy failed' };
/**
 * Everything here but the headline's words came from the manifests or the cluster (pod logs and
 * events included, already redacted): escaped for HTML where core.summary writes HTML (headings,
 * tables, details labels), for Markdown in prose, and fenced in code blocks.
 */
function renderDeploySummary(summary, result, namespace, images, seconds) {
    summary.addHeading(`${HEADLINES[result.status]} (${(0,markdown/* escapeHtml */.ZD)(result.strategy)}, namespace ${(0,markdown/* escapeHtml */.ZD)(namespace)}, ${seconds.toFixed(1)} s)`, 3);
    summary.addRaw(`\n${(0,markdown/* escapeMarkdown */.FV)(result.message)}\n\n`);
    for (const note of result.notes)
        summary.addRaw(`> ${(0,markdown/* escapeMarkdown */.FV)(note)}\n\n`);
    if (result.workloads.length > 0) {
        summary.addTable([
            [
                { data: 'Workload', header: true },
                { data: 'Revision before', header: true },
                { data: 'Revision now', header: true },
            ],
            ...result.workloads.map((workload) => [(0,markdown/* escapeHtml */.ZD)((0,deploy_result/* workloadLabel */.U)(workload)), String(workload.previousRevision ?? '–'), String(workload.revision ?? '–')]),
        ]);
    }
    if (result.hooks && result.hooks.length > 0) {
        summary.addTable([
            ['Hook', 'Phase', 'Weight', 'Job', 'Result', 'Seconds'].map((data) => ({ data, header: true })),
            ...result.hooks.map((run) => [run.hook, run.phase, String(run.weight), run.job, `${HOOK_RESULTS[run.status]} ${run.message}`, run.seconds.toFixed(1)].map(markdown/* escapeHtml */.ZD)),
        ]);
    }
    if (images.length > 0) {
        summary.addTable([
            [
                { data: 'Workload', header: true },
                { data: 'Container', header: true },
                { data: 'Image before', header: true },
                { data: 'Image now', header: true },
            ],
            ...images.map((change) => [change.object, change.container, change.from, change.to].map(markdown/* escapeHtml */.ZD)),
        ]);
    }
    for (const problem of result.problems) {
        summary.addHeading(`${problem.kind ?? 'Pod'} ${(0,markdown/* escapeHtml */.ZD)(problem.pod)}: ${(0,markdown/* escapeHtml */.ZD)(problem.reason)}`, 4);
        if (problem.message)
            summary.addRaw(`\n${(0,markdown/* escapeMarkdown */.FV)(problem.message)}\n\n`);
        if (problem.events.length > 0)
            summary.addDetails('Events', `\n\n${(0,markdown/* codeBlock */.DV)(problem.events.join('\n'))}\n`);
        if (problem.kind === undefined)
            summary.addDetails(`Last log lines${problem.container ? ` of ${(0,markdown/* escapeHtml */.ZD)(problem.container)}` : ''}`, `\n\n${(0,markdown/* codeBlock */.DV)(problem.logs || '(no output)')}\n`);
    }
    if (result.diff !== undefined)
        summary.addDetails('What would change (kubectl diff)', `\n\n${(0,markdown/* codeBlock */.DV)(result.diff, 'diff')}\n`);
}

;// CONCATENATED MODULE: ./actions/k8s-deploy/src/main.ts



















async function main_run() {
    await (0,run/* runAction */.C)('k8s-deploy', async () => {
        const started = Date.now();
        const inputs = (0,lib_inputs/* parseInputs */.T)(k8sDeployInputs, { secret: k8sDeploySecretInputs });
        if (inputs.action !== 'deploy' && inputs.strategy === 'rolling') {
            throw new errors/* ConfigurationError */.j1(`Input "action" has value "${inputs.action}": promote and abort need strategy canary or blue-green`);
        }
        const httpRoute = trafficRouting(inputs['traffic-router'], inputs['http-route']);
        const extraAnnotations = parseAnnotations(inputs.annotations);
        const kubeconfig = await (0,kubernetes_kubeconfig/* prepareKubeconfig */.p)(inputs.kubeconfig);
        let githubDeployment;
        let succeeded = false;
        try {
            const unscoped = new kubernetes_kubectl/* Kubectl */.bx({ kubeconfig: kubeconfig.path, binary: await kubectlBinary(kubeconfig.path, inputs['kubectl-version']) });
            const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
            const parsed = parseManifests(await readManifestSources(inputs.manifests, unscoped, workspace));
            const namespace = namespaceOfRun(parsed, inputs.namespace) ?? (await (0,kubernetes_kubectl/* contextNamespace */.jy)(unscoped));
            const kubectl = unscoped.inNamespace(namespace);
            const { objects: substituted, changes } = substituteImages(parsed, inputs.images ?? []);
            const images = [...new Set(substituted.filter(isWorkload).flatMap(kubernetes_objects/* containerImages */._Z))];
            const hooks = planHooks(annotateWorkloads(substituted, runContext(inputs.strategy), images, extraAnnotations));
            githubDeployment = await startGitHubDeployment({
                token: inputs['github-token'],
                environment: inputs.environment ?? namespace,
                environmentUrl: inputs['environment-url'],
                strategy: inputs.strategy,
                action: inputs.action,
                dryRun: inputs['dry-run'],
            });
            const options = {
                fieldManager: inputs['field-manager'],
                timeoutSeconds: inputs.timeout,
                rollbackOnFailure: inputs['rollback-on-failure'],
                dryRun: inputs['dry-run'],
                canaryPercentage: inputs['canary-percentage'],
                canaryReplicas: inputs['canary-replicas'],
                maxSurgeReplicas: inputs['max-surge-replicas'],
            };
            const plan = {
                kinds: [...hooks.pre, ...hooks.post].map((hook) => hook.object.kind).concat(hooks.objects.map((object) => object.kind)),
                strategy: inputs.strategy,
                action: inputs.action,
                hooks: hooks.pre.length + hooks.post.length > 0,
                httpRoute: httpRoute !== undefined,
                ...options,
            };
            await (0,access/* checkAccess */.x8)(kubectl, (0,access/* deployNeeds */.Ly)(plan), `this ${inputs.strategy} ${inputs.action}`);
            const result = await deployWithHooks(kubectl, hooks, inputs.strategy, inputs.action, options, (objects) => perform(kubectl, objects, inputs.strategy, inputs.action, options, httpRoute));
            const seconds = (Date.now() - started) / 1000;
            (0,outputs/* setOutputs */.n)({
                namespace,
                deployments: result.workloads.map(deploy_result/* workloadLabel */.U),
                revision: result.workloads[0]?.revision,
                'previous-revision': result.workloads[0]?.previousRevision,
                images,
                strategy: result.strategy,
                'baseline-selector': result.baselineSelector,
                'canary-selector': result.canarySelector,
                'achieved-percentage': result.achievedPercentage?.toString(),
                status: result.status,
                'duration-seconds': seconds.toFixed(1),
            });
            await (0,summary/* writeSummary */.S)((summary) => {
                renderDeploySummary(summary, result, namespace, changes, seconds);
                if (inputs['environment-url'])
                    summary.addLink('Open the environment', inputs['environment-url']);
            });
            if (result.status !== 'succeeded')
                throw new errors/* ConfigurationError */.j1(result.message);
            succeeded = true;
        }
        finally {
            await githubDeployment?.finish(succeeded);
            await kubeconfig.dispose();
        }
    });
}
/** The HTTPRoute a gateway-api canary weighs; undefined for replica routing. */
function trafficRouting(router, httpRoute) {
    if (router === 'replicas')
        return undefined;
    if (!httpRoute)
        throw new errors/* ConfigurationError */.j1('Input "traffic-router" is gateway-api, which needs input "http-route": the name of the HTTPRoute that sends traffic to the stable Service');
    return httpRoute;
}
function perform(kubectl, objects, strategy, action, options, httpRoute) {
    if (strategy === 'canary' && httpRoute)
        return performGatewayCanary(kubectl, objects, action, options, httpRoute);
    if (strategy === 'canary' && action === 'promote')
        return (0,strategies_canary/* promoteCanary */.zG)(kubectl, objects, options);
    if (strategy === 'canary' && action === 'abort')
        return (0,strategies_canary/* abortCanary */.Fi)(kubectl, objects, options);
    if (strategy === 'canary')
        return (0,strategies_canary/* deployCanary */.SB)(kubectl, objects, options);
    if (strategy === 'blue-green' && action === 'promote')
        return (0,blue_green/* promoteBlueGreen */.ci)(kubectl, objects, options);
    if (strategy === 'blue-green' && action === 'abort')
        return (0,blue_green/* abortBlueGreen */.AD)(kubectl, objects, options);
    if (strategy === 'blue-green')
        return (0,blue_green/* deployBlueGreen */.fL)(kubectl, objects, options);
    return (0,rolling/* deployRolling */.b)(kubectl, objects, options);
}
function performGatewayCanary(kubectl, objects, action, options, httpRoute) {
    if (action === 'promote')
        return promoteGatewayCanary(kubectl, objects, options, httpRoute);
    if (action === 'abort')
        return abortGatewayCanary(kubectl, objects, options, httpRoute);
    return deployGatewayCanary(kubectl, objects, options, httpRoute);
}
/** The kubectl of the requested version: on PATH, in the tool cache, or downloaded with its checksum verified. */
async function kubectlBinary(kubeconfig, wanted) {
    return wanted ? (await installKubectl(wanted, { kubeconfig })).binary : undefined;
}


/***/ })

};

//# sourceMappingURL=311.index.js.map