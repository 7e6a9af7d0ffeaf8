export const id = 694;
export const ids = [694];
export const modules = {

/***/ 4694:
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
var canary = __webpack_require__(2360);
// EXTERNAL MODULE: ./actions/lib/strategies/deploy-result.ts
var deploy_result = __webpack_require__(1953);
// EXTERNAL MODULE: ./actions/lib/strategies/rolling.ts
var rolling = __webpack_require__(2995);
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
// EXTERNAL MODULE: ./actions/lib/secrets.ts
var secrets = __webpack_require__(9039);
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
        warn(`Could not create a GitHub deployment to environment "${environment}"`, error);
        return undefined;
    }
    core.info(`GitHub deployment ${id} of ${ref.slice(0, 12)} to environment "${environment}"`);
    await setStatus(token, repository, id, { state: 'in_progress', description: `${what} in progress`, logUrl });
    return {
        id,
        async finish(succeeded) {
            await setStatus(token, repository, id, {
                state: succeeded ? 'success' : 'failure',
                description: `${what} ${succeeded ? 'succeeded' : 'failed'}`,
                logUrl,
                environmentUrl: succeeded ? request.environmentUrl : undefined,
                // A canary or a blue-green colour runs beside the release that still serves: that one's deployment stays active until promote.
                autoInactive: request.action === 'deploy' && request.strategy !== 'rolling' ? false : undefined,
            });
        },
    };
}
async function setStatus(token, repository, id, status) {
    try {
        await (0,github/* createDeploymentStatus */.gt)(token, repository, id, status);
        core.info(`GitHub deployment ${id}: ${status.state}`);
    }
    catch (error) {
        warn(`Could not set GitHub deployment ${id} to ${status.state}`, error);
    }
}
function warn(what, error) {
    const status = (0,github/* githubErrorStatus */.m9)(error);
    const reason = status === 403 || status === 404
        ? `the token may not write deployments (HTTP ${status}: ${(0,errors/* describeError */.Uc)(error)}); give the job \`permissions: deployments: write\``
        : status === undefined || status === 500
            ? `the GitHub API at ${process.env.GITHUB_API_URL || 'https://api.github.com'} could not be reached or failed (${(0,errors/* describeError */.Uc)(error)})`
            : `HTTP ${status}: ${(0,errors/* describeError */.Uc)(error)}`;
    core.warning((0,secrets/* redactSecrets */.f)(`${what}: ${reason}. The deploy itself is not affected.`));
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
        summary.addHeading(`Pod ${(0,markdown/* escapeHtml */.ZD)(problem.pod)}: ${(0,markdown/* escapeHtml */.ZD)(problem.reason)}`, 4);
        if (problem.message)
            summary.addRaw(`\n${(0,markdown/* escapeMarkdown */.FV)(problem.message)}\n\n`);
        if (problem.events.length > 0)
            summary.addDetails('Events', `\n\n${(0,markdown/* codeBlock */.DV)(problem.events.join('\n'))}\n`);
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
            githubDeployment = await startGitHubDeployment({
                token: inputs['github-token'],
                environment: inputs.environment ?? namespace,
                environmentUrl: inputs['environment-url'],
                strategy: inputs.strategy,
                action: inputs.action,
                dryRun: inputs['dry-run'],
            });
            const { objects: substituted, changes } = substituteImages(parsed, inputs.images ?? []);
            const images = [...new Set(substituted.filter(isWorkload).flatMap(kubernetes_objects/* containerImages */._Z))];
            const objects = annotateWorkloads(substituted, runContext(inputs.strategy), images, extraAnnotations);
            const options = {
                fieldManager: inputs['field-manager'],
                timeoutSeconds: inputs.timeout,
                rollbackOnFailure: inputs['rollback-on-failure'],
                dryRun: inputs['dry-run'],
                canaryPercentage: inputs['canary-percentage'],
                canaryReplicas: inputs['canary-replicas'],
            };
            const result = await perform(kubectl, objects, inputs.strategy, inputs.action, options);
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
function perform(kubectl, objects, strategy, action, options) {
    if (strategy === 'canary' && action === 'promote')
        return (0,canary/* promoteCanary */.zG)(kubectl, objects, options);
    if (strategy === 'canary' && action === 'abort')
        return (0,canary/* abortCanary */.Fi)(kubectl, objects, options);
    if (strategy === 'canary')
        return (0,canary/* deployCanary */.SB)(kubectl, objects, options);
    if (strategy === 'blue-green' && action === 'promote')
        return (0,blue_green/* promoteBlueGreen */.ci)(kubectl, objects, options);
    if (strategy === 'blue-green' && action === 'abort')
        return (0,blue_green/* abortBlueGreen */.AD)(kubectl, objects, options);
    if (strategy === 'blue-green')
        return (0,blue_green/* deployBlueGreen */.fL)(kubectl, objects, options);
    return (0,rolling/* deployRolling */.b)(kubectl, objects, options);
}
/** The kubectl of the requested version: on PATH, in the tool cache, or downloaded with its checksum verified. */
async function kubectlBinary(kubeconfig, wanted) {
    return wanted ? (await installKubectl(wanted, { kubeconfig })).binary : undefined;
}


/***/ }),

/***/ 1691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SU: () => (/* binding */ parseRepository),
/* harmony export */   Yy: () => (/* binding */ createDeployment),
/* harmony export */   gt: () => (/* binding */ createDeploymentStatus),
/* harmony export */   lB: () => (/* binding */ upsertComment),
/* harmony export */   m9: () => (/* binding */ githubErrorStatus)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);

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
    if (!('id' in data))
        throw new Error(`GitHub created no deployment: ${data.message ?? 'no reason given'}`);
    return data.id;
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


/***/ })

};

//# sourceMappingURL=694.index.js.map