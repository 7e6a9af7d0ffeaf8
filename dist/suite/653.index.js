export const id = 653;
export const ids = [653];
export const modules = {

/***/ 5117:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ main_run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./actions/lib/run.ts
var run = __webpack_require__(7667);
// EXTERNAL MODULE: ./actions/lib/inputs.ts
var lib_inputs = __webpack_require__(7721);
// EXTERNAL MODULE: ./actions/lib/kubernetes/kubeconfig.ts
var kubernetes_kubeconfig = __webpack_require__(608);
// EXTERNAL MODULE: ./actions/lib/outputs.ts
var outputs = __webpack_require__(3932);
// EXTERNAL MODULE: ./actions/lib/summary.ts
var summary = __webpack_require__(7834);
// EXTERNAL MODULE: ./actions/lib/errors.ts
var errors = __webpack_require__(2863);
// EXTERNAL MODULE: ./actions/lib/analysis/inputs.ts
var analysis_inputs = __webpack_require__(8200);
// EXTERNAL MODULE: ./actions/lib/analysis/judged-run.ts + 1 modules
var judged_run = __webpack_require__(6712);
// EXTERNAL MODULE: ./actions/lib/analysis/metrics.ts
var metrics = __webpack_require__(1040);
// EXTERNAL MODULE: ./actions/lib/analysis/providers/direct/provider.ts
var direct_provider = __webpack_require__(663);
// EXTERNAL MODULE: ./actions/lib/analysis/report.ts
var analysis_report = __webpack_require__(2431);
// EXTERNAL MODULE: ./actions/lib/analysis/summary.ts
var analysis_summary = __webpack_require__(7757);
// EXTERNAL MODULE: ./actions/lib/analysis/traffic.ts
var analysis_traffic = __webpack_require__(468);
;// CONCATENATED MODULE: ./actions/canary-analyze/src/inputs.ts


const canaryAnalyzeInputs = {
    ...analysis_inputs/* analysisInputs */.Eo,
    namespace: lib_inputs/* input */.h.namespace().optional(),
    'baseline-selector': lib_inputs/* input */.h.labelSelector(),
    'canary-selector': lib_inputs/* input */.h.labelSelector(),
    duration: lib_inputs/* input */.h.duration().optional(),
    'fail-on-rollback': lib_inputs/* input */.h.boolean().default(false),
    kubeconfig: lib_inputs/* input */.h.kubeconfig().optional(),
};
const canaryAnalyzeSecretInputs = [...analysis_inputs/* analysisSecretInputs */.qt, 'kubeconfig'];

;// CONCATENATED MODULE: ./actions/canary-analyze/src/main.ts










async function main_run() {
    await (0,run/* runAction */.C)('canary-analyze', async () => {
        const inputs = (0,lib_inputs/* parseInputs */.T)(canaryAnalyzeInputs, { secret: canaryAnalyzeSecretInputs });
        const settings = (0,analysis_inputs/* judgeSettings */.$z)(inputs);
        const plan = (0,analysis_inputs/* analysisPlan */.KG)(inputs);
        const definitions = (0,metrics/* loadMetrics */.SJ)(inputs.metrics, inputs.provider, process.env.GITHUB_WORKSPACE);
        const traffic = inputs.traffic === undefined ? undefined : (0,analysis_traffic/* parseTraffic */.D)(inputs.traffic);
        (0,analysis_inputs/* checkProviderInputs */.LI)(inputs, { 'baseline-selector': inputs['baseline-selector'], 'canary-selector': inputs['canary-selector'] });
        const kubeconfig = inputs.provider === 'direct' ? await (0,kubernetes_kubeconfig/* prepareKubeconfig */.p)(inputs.kubeconfig) : undefined;
        try {
            const provider = (0,judged_run/* metricsProvider */.P)({
                provider: inputs.provider,
                kubectl: kubeconfig && (await (0,direct_provider/* directKubectl */.Ew)(kubeconfig.path, inputs.namespace)),
                namespace: inputs.namespace,
                prometheus: (0,analysis_inputs/* prometheusConnection */.ZI)(inputs),
            }, { baselineSelector: inputs['baseline-selector'], canarySelector: inputs['canary-selector'] }, plan, definitions);
            core.info(`Judging ${definitions.map((metric) => metric.name).join(', ')} over ${plan.iterations} intervals of ${plan.intervalSeconds}s (${plan.warmup} warm-up) with ${provider.description}`);
            const report = await (0,judged_run/* judgedAnalysis */.I)(provider, definitions, settings, plan, traffic, { log: (message) => core.info(message) });
            const reportPath = await (0,analysis_report/* writeReport */.u5)(report);
            (0,outputs/* setOutputs */.n)({ verdict: report.verdict, score: report.score, 'failed-metrics': report.failedMetrics, report: reportPath });
            await (0,summary/* writeSummary */.S)((summary) => (0,analysis_summary/* renderSummary */.Br)(summary, report));
            core.info(`Verdict: ${report.verdict} (score ${report.score}): ${report.reason}`);
            if (report.verdict === 'rollback' && inputs['fail-on-rollback']) {
                throw new errors/* ConfigurationError */.j1(`the verdict is rollback and fail-on-rollback is true: ${report.reason}`);
            }
        }
        finally {
            await kubeconfig?.dispose();
        }
    });
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

//# sourceMappingURL=653.index.js.map