export const id = 117;
export const ids = [117];
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
// EXTERNAL MODULE: ./actions/lib/kubernetes/access.ts
var access = __webpack_require__(6529);
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
            const kubectl = kubeconfig && (await (0,direct_provider/* directKubectl */.Ew)(kubeconfig.path, inputs.namespace));
            // Before the window starts: a missing right would otherwise show only as an inconclusive verdict at its end.
            if (kubectl)
                await (0,access/* checkAccess */.x8)(kubectl, (0,access/* canaryAnalyzeNeeds */.wt)(inputs.provider), `the analysis with the ${inputs.provider} provider`);
            const provider = (0,judged_run/* metricsProvider */.P)({
                provider: inputs.provider,
                kubectl,
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


/***/ })

};

//# sourceMappingURL=117.index.js.map