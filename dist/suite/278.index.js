export const id = 278;
export const ids = [278];
export const modules = {

/***/ 3278:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ main_run)
});

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
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
// EXTERNAL MODULE: ./actions/lib/analysis/inputs.ts
var analysis_inputs = __webpack_require__(8200);
// EXTERNAL MODULE: ./actions/lib/analysis/judged-run.ts + 1 modules
var judged_run = __webpack_require__(6712);
// EXTERNAL MODULE: ./actions/lib/analysis/metrics.ts
var metrics = __webpack_require__(1040);
// EXTERNAL MODULE: ./actions/lib/kubernetes/metadata.ts
var metadata = __webpack_require__(7482);
// EXTERNAL MODULE: ./actions/lib/analysis/providers/direct/arithmetic.ts
var arithmetic = __webpack_require__(3578);
// EXTERNAL MODULE: ./actions/lib/analysis/providers/direct/provider.ts
var provider = __webpack_require__(663);
// EXTERNAL MODULE: ./actions/lib/analysis/providers/direct/text-format.ts
var text_format = __webpack_require__(4457);
;// CONCATENATED MODULE: ./actions/lib/analysis/request-share.ts






const TRAFFIC_GROUPS = ['canary', 'baseline', 'stable'];
/**
 * The request counter of the metric definitions: the requests of their first ratio metric (the
 * inventory service's `http_requests_total` of its API routes by default), so the share counts
 * the same requests the error rate is judged on.
 */
function requestCounter(definitions) {
    const ratio = [...definitions, ...(0,metrics/* loadMetrics */.SJ)(metrics/* DEFAULT_METRICS_YAML */.Ag, 'direct')].find((metric) => metric.reduce === 'ratio' && metric.metric !== undefined);
    return { metric: ratio.metric, match: ratio.match };
}
/** The stable Deployment's own pods: its selector without the baseline's and the canary's, which carry the same labels and a track. */
function stablePodsSelector(stableSelector) {
    return `${stableSelector},${metadata/* TRACK_LABEL */.l8} notin (baseline,canary)`;
}
/**
 * The requests a pod served between two readings of its counter, as PromQL's increase() over the
 * two, series by series: a series that went down was reset (the pod's process restarted) and its
 * new value is the increase; a series not read before is new (a new pod, or a label combination
 * seen for the first time) and counted from zero, since counters start there. A value that is not a
 * finite, non-negative number is no request count: the reading is a problem, not a number.
 */
function servedBetween(before, after) {
    const invalid = [...before, ...after].find((sample) => !(Number.isFinite(sample.value) && sample.value >= 0));
    if (invalid)
        return { problem: `its counter ${(0,errors/* abbreviate */.Sm)((0,text_format/* seriesKey */.Xk)(invalid))} reads ${invalid.value}, which is not a request count` };
    return { requests: (0,arithmetic/* counterDeltas */.wV)(before, after).reduce((sum, delta) => sum + delta.value, 0) };
}
/**
 * The requests a group's pods served over a window, from the readings at its start and its end: the
 * pods read at the end, each counted with `servedBetween`. A pod gone by the end (deleted, or no
 * longer Ready) counts nothing, as increase() gives nothing for a series with one sample in its range.
 * A pod whose counter is no count makes the whole total unknown, never a smaller number.
 */
function windowRequests(start, end) {
    let requests = 0;
    const problems = [];
    for (const [pod, samples] of end) {
        const served = servedBetween(start.get(pod) ?? [], samples);
        if ('problem' in served)
            problems.push(`pod ${pod}: ${served.problem}`);
        else
            requests += served.requests;
    }
    return problems.length > 0 ? { problems } : { requests, problems };
}
/**
 * Counts the requests each group's pods served, from their request counters read through the
 * API server's pod proxy. `mark()` reads the counters at the start of a window and `share()` at its
 * end; `canaryServed()` is everything the canary's pods counted since they started (they are
 * new pods, so their counters start at zero), restarts included: the blast radius of a bad canary.
 */
class RequestMeter {
    kubectl;
    selectors;
    counter;
    start;
    /** Each canary pod's last reading that was a count, and the requests counted up to it. */
    canaryLast = new Map();
    canaryCounted = 0;
    constructor(kubectl, selectors, counter) {
        this.kubectl = kubectl;
        this.selectors = selectors;
        this.counter = counter;
    }
    async mark() {
        this.start = (await this.read()).readings;
    }
    async share() {
        const { readings, problems } = await this.read();
        const start = this.start;
        this.start = readings;
        const groups = Object.fromEntries(TRAFFIC_GROUPS.map((group) => {
            const pods = readings[group];
            const counted = windowRequests(start?.[group] ?? new Map(), pods);
            const groupProblems = [...problems[group], ...counted.problems];
            const count = {
                // Undefined when a counter was no count, or when no pod could be read and some could not.
                requests: counted.requests !== undefined && (pods.size > 0 || groupProblems.length === 0) ? counted.requests : undefined,
                pods: pods.size,
                problems: groupProblems,
            };
            return [group, count];
        }));
        const unread = TRAFFIC_GROUPS.filter((group) => groups[group].requests === undefined);
        if (unread.length > 0)
            return {
                groups,
                missing: `the request counters of the ${unread.join(' and ')} pods could not be read: ${unread.flatMap((group) => groups[group].problems).join('; ')}`,
            };
        const total = TRAFFIC_GROUPS.reduce((sum, group) => sum + groups[group].requests, 0);
        if (total === 0)
            return { groups, missing: `no pod counted a request (${this.counter.metric}) during the window` };
        return { groups, canaryPercentage: Math.round((1000 * groups.canary.requests) / total) / 10 };
    }
    /** Requests the canary's pods served, as of the last reading. */
    canaryServed() {
        return this.canaryCounted;
    }
    async read() {
        const scrapes = await Promise.all(TRAFFIC_GROUPS.map((group) => (0,provider/* scrapePods */.V8)(this.kubectl, this.selectors[group])));
        const readings = {};
        const problems = {};
        TRAFFIC_GROUPS.forEach((group, index) => {
            const { scraped, problems: groupProblems } = scrapes[index];
            readings[group] = new Map([...scraped].map(([pod, samples]) => [
                pod,
                samples.filter((sample) => sample.name === this.counter.metric && (0,arithmetic/* matches */.cK)(sample.labels, this.counter.match)),
            ]));
            problems[group] = groupProblems;
        });
        // Every reading adds what each canary pod served since its previous one, so a restart between two readings loses nothing counted before it.
        for (const [pod, samples] of readings.canary) {
            const served = servedBetween(this.canaryLast.get(pod) ?? [], samples);
            if ('problem' in served)
                continue;
            this.canaryCounted += served.requests;
            this.canaryLast.set(pod, samples);
        }
        return { readings, problems };
    }
}

// EXTERNAL MODULE: ./actions/lib/analysis/traffic.ts
var analysis_traffic = __webpack_require__(468);
// EXTERNAL MODULE: ./actions/lib/github-deployment.ts
var github_deployment = __webpack_require__(5631);
// EXTERNAL MODULE: ./actions/lib/kubernetes/access.ts
var access = __webpack_require__(6529);
// EXTERNAL MODULE: ./actions/lib/smoke-checks.ts
var smoke_checks = __webpack_require__(4641);
// EXTERNAL MODULE: ./actions/lib/kubernetes/kubectl-install.ts
var kubectl_install = __webpack_require__(911);
// EXTERNAL MODULE: ./actions/lib/kubernetes/names.ts
var names = __webpack_require__(5067);
// EXTERNAL MODULE: ./actions/lib/kubernetes/hooks.ts
var kubernetes_hooks = __webpack_require__(3615);
// EXTERNAL MODULE: ./actions/lib/kubernetes/objects.ts
var kubernetes_objects = __webpack_require__(1563);
// EXTERNAL MODULE: ./actions/lib/kubernetes/deployment-variants.ts
var deployment_variants = __webpack_require__(2655);
// EXTERNAL MODULE: ./actions/lib/strategies/canary.ts
var canary = __webpack_require__(2360);
// EXTERNAL MODULE: ./actions/lib/strategies/deploy-result.ts
var deploy_result = __webpack_require__(1953);
// EXTERNAL MODULE: ./actions/lib/strategies/gateway-canary.ts
var gateway_canary = __webpack_require__(8245);
// EXTERNAL MODULE: ./actions/lib/deploy/annotations.ts
var annotations = __webpack_require__(3722);
// EXTERNAL MODULE: ./actions/lib/deploy/images.ts
var deploy_images = __webpack_require__(6504);
// EXTERNAL MODULE: ./actions/lib/deploy/load.ts
var load = __webpack_require__(7098);
// EXTERNAL MODULE: ./actions/lib/deploy/manifests.ts
var manifests = __webpack_require__(6726);
// EXTERNAL MODULE: ./actions/lib/deploy/namespace.ts
var deploy_namespace = __webpack_require__(9447);
// EXTERNAL MODULE: ./actions/lib/deploy/inputs.ts
var inputs = __webpack_require__(5279);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core_core = __webpack_require__(8532);
;// CONCATENATED MODULE: ./actions/progressive-canary/src/steps.ts

/** More steps than this is a typo, not a rollout: each one is a deploy and an analysis window. */
const MAX_STEPS = 20;
const STEPS_EXPECTED = `a comma separated list of at most ${MAX_STEPS} strictly increasing whole percentages from 1 to 99, such as 10,25,50`;
/**
 * The `steps` input: `10,25,50` → [10, 25, 50]. 100 is not a step: after the last one the canary
 * is promoted. The input's error names the first entry that is wrong.
 */
function stepsInput() {
    return schemas/* string */.YjP({ error: STEPS_EXPECTED })
        .transform((text, context) => {
        const entries = text.split(',').map((entry) => entry.trim());
        const problem = stepsProblem(entries);
        if (problem) {
            context.addIssue({ code: 'custom', message: `${STEPS_EXPECTED} (${problem})` });
            return core_core/* NEVER */.tm;
        }
        return entries.map(Number);
    })
        .default([10, 25, 50]);
}
function stepsProblem(entries) {
    if (entries.length > MAX_STEPS)
        return `${entries.length} steps`;
    let previous = 0;
    for (const [index, entry] of entries.entries()) {
        const where = `step ${index + 1}`;
        if (!/^\d{1,2}$/.test(entry))
            return entry === '' ? `${where} is empty` : `${where} is not a whole number from 1 to 99`;
        const percentage = Number(entry);
        if (percentage < 1)
            return `${where} is 0`;
        if (percentage <= previous)
            return `${where} (${percentage}) is not above step ${index} (${previous})`;
        previous = percentage;
    }
    return undefined;
}
/**
 * What a step's judgement means for the progression. `rollback` stops it; `promote` goes on (or
 * promotes after the last step); `inconclusive` follows on-inconclusive, except when some metric
 * had no data: a progression never goes on, let alone promotes, on missing data.
 */
function decideStep(report, onInconclusive, isLastStep) {
    const onward = isLastStep ? 'promote' : 'next';
    if (report.verdict === 'rollback')
        return { decision: 'rollback', why: 'the verdict is rollback' };
    if (report.verdict === 'promote')
        return { decision: onward, why: 'the verdict is promote' };
    const withoutData = report.metrics.filter((metric) => metric.result === 'no-data').map((metric) => metric.name);
    if (withoutData.length > 0 || report.metrics.length === 0) {
        return {
            decision: 'rollback',
            why: `the verdict is inconclusive and ${withoutData.length > 0 ? `${withoutData.join(', ')} had no data` : 'nothing was measured'}: never going on without data, whatever on-inconclusive says`,
        };
    }
    if (onInconclusive === 'promote')
        return { decision: onward, why: 'the verdict is inconclusive and on-inconclusive is promote' };
    return { decision: 'rollback', why: 'the verdict is inconclusive and on-inconclusive is rollback' };
}

;// CONCATENATED MODULE: ./actions/progressive-canary/src/inputs.ts




/** The manifest-pipeline inputs k8s-deploy shares and every analysis input of canary-analyze (`iterations` = intervals per step), plus the steps. */
const progressiveCanaryInputs = {
    steps: stepsInput(),
    'on-inconclusive': lib_inputs/* input */.h.oneOf(['rollback', 'promote']).default('rollback'),
    ...inputs/* deployInputs */.x,
    ...analysis_inputs/* analysisInputs */.Eo,
};
const progressiveCanarySecretInputs = [...analysis_inputs/* analysisSecretInputs */.qt, ...inputs/* deploySecretInputs */.z];

;// CONCATENATED MODULE: ./actions/progressive-canary/src/progression.ts


/**
 * The stepped canary: for each weight, set it, analyse one window, and go on, promote after the
 * last step, or abort. A rollback (or an inconclusive judgement that may not go on), any error and
 * a cancellation abort: the canary removed, the route or replica split restored, stable untouched.
 */
async function runProgression(weights, onInconclusive, operations, signal) {
    const steps = [];
    const hooks = [];
    let meter;
    /** Post-deploy hooks once the new version serves everything; a failed one fails the run, though the promotion stands. */
    const served = async (progression) => {
        const post = await operations.runHooks('post-deploy');
        hooks.push(...post.runs);
        if (post.ok)
            return progression;
        return { ...progression, outcome: 'failed', reason: `${progression.reason}, but ${post.message.charAt(0).toLowerCase()}${post.message.slice(1)}` };
    };
    const stop = async (outcome, reason) => {
        // A last reading of the canary's counters at the abort, so that its blast radius counts what it served during the judgement and the abort.
        let counted = false;
        const lastReading = async () => {
            counted = true;
            await meter?.share().catch(() => undefined);
        };
        const { removed, cleanup } = await abortSafely(operations, lastReading);
        if (!counted)
            await lastReading();
        const last = steps[steps.length - 1];
        return {
            // A canary that could not be removed is a failure whatever the verdict said.
            outcome: removed ? outcome : 'failed',
            verdict: last?.verdict,
            stoppedAtStep: last?.step ?? 1,
            reason,
            steps,
            canaryRequests: meter?.canaryServed(),
            cleanup,
            hooks,
        };
    };
    // Pre-deploy hooks (a migration, say) run once, before the canary takes any traffic; one that fails changes nothing else.
    try {
        signal.throwIfAborted();
        const pre = await operations.runHooks('pre-deploy');
        hooks.push(...pre.runs);
        if (!pre.ok)
            return { outcome: 'failed', reason: `${pre.message}. Nothing else was changed: no canary was deployed`, steps, hooks };
    }
    catch (error) {
        const reason = signal.aborted ? 'cancelled before the first step' : `pre-deploy hooks: ${(0,errors/* describeError */.Uc)(error)}`;
        return { outcome: 'failed', reason: `${reason}. No canary was deployed`, steps, hooks };
    }
    try {
        for (const [index, weight] of weights.entries()) {
            signal.throwIfAborted();
            const record = { step: index + 1, weight };
            steps.push(record);
            operations.log(`Step ${record.step} of ${weights.length}: ${weight}% of the traffic to the canary`);
            const deployed = await operations.setWeight(weight);
            if (deployed.smokeChecks?.length)
                record.smokeChecks = deployed.smokeChecks;
            if (deployed.strategy !== 'canary') {
                // No stable version yet: the canary strategy deployed it as a first, rolling deploy.
                steps.pop();
                if (deployed.status !== 'succeeded')
                    return { outcome: 'failed', reason: deployed.message, steps, deployed, hooks };
                return await served({ outcome: 'promoted', reason: deployed.message, steps, deployed, hooks });
            }
            if (deployed.status !== 'succeeded')
                return await stop('failed', `step ${record.step} (${weight}%): ${deployed.message}`);
            record.plannedPercentage = deployed.achievedPercentage;
            const selectors = { baselineSelector: deployed.baselineSelector, canarySelector: deployed.canarySelector };
            meter ??= operations.meter(selectors);
            await meter.mark();
            signal.throwIfAborted();
            const analysis = await operations.analyse(selectors, record.step, signal);
            const share = await meter.share();
            record.measuredPercentage = share.canaryPercentage;
            record.shareMissing = share.missing;
            record.requests = Object.fromEntries(Object.entries(share.groups).map(([group, count]) => [group, count.requests]));
            const { decision, why } = decideStep(analysis, onInconclusive, index === weights.length - 1);
            Object.assign(record, { verdict: analysis.verdict, score: analysis.score, reason: analysis.reason, decision, why, analysis });
            operations.log(`Step ${record.step}: ${analysis.verdict} (score ${analysis.score}); ${why}`);
            if (decision === 'rollback')
                return await stop('rolled-back', `step ${record.step} (${weight}%): ${why}: ${analysis.reason}`);
        }
        signal.throwIfAborted();
        const canaryRequests = meter?.canaryServed();
        const promoted = await operations.promote();
        const last = steps[steps.length - 1];
        if (promoted.status !== 'succeeded') {
            return {
                outcome: 'failed',
                verdict: last?.verdict,
                stoppedAtStep: last?.step,
                reason: `promote: ${promoted.message}`,
                steps,
                canaryRequests,
                deployed: promoted,
                hooks,
            };
        }
        return await served({ outcome: 'promoted', verdict: last?.verdict, reason: promoted.message, steps, canaryRequests, deployed: promoted, hooks });
    }
    catch (error) {
        const step = steps[steps.length - 1];
        const where = step ? `step ${step.step} (${step.weight}%)` : 'before the first step';
        const reason = signal.aborted ? `cancelled at ${where}` : `${where}: ${(0,errors/* describeError */.Uc)(error)}`;
        return stop('failed', reason);
    }
}
/** Removes the canary and restores the split; never throws, since it runs on the way out of every failure. */
async function abortSafely(operations, beforeRemoval) {
    try {
        const aborted = await operations.abort(beforeRemoval);
        return { removed: aborted.status === 'succeeded', cleanup: aborted.message };
    }
    catch (error) {
        return {
            removed: false,
            cleanup: `Removing the canary failed (${(0,errors/* describeError */.Uc)(error)}): once the cluster answers, run k8s-deploy with strategy canary and action abort (or this action again) to restore the stable version alone.`,
        };
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./actions/lib/analysis/report.ts
var report = __webpack_require__(2431);
;// CONCATENATED MODULE: ./actions/progressive-canary/src/report.ts





/** The `report` output: the whole progression, each step with its full analysis report (as canary-analyze writes one). */
async function writeProgressionReport(progression, directory = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)()) {
    const path = (0,external_node_path_.join)(directory, `progressive-canary-report-${(0,external_node_crypto_.randomUUID)()}.json`);
    const { deployed, ...rest } = progression;
    await (0,external_node_fs_promises_.writeFile)(path, (0,report/* reportJson */.l4)({ ...rest, deployed: deployed && { status: deployed.status, message: deployed.message, workloads: deployed.workloads } }));
    return path;
}

// EXTERNAL MODULE: ./actions/lib/markdown.ts
var markdown = __webpack_require__(4269);
// EXTERNAL MODULE: ./actions/lib/analysis/judge.ts + 1 modules
var judge = __webpack_require__(3387);
// EXTERNAL MODULE: ./actions/lib/analysis/summary.ts
var analysis_summary = __webpack_require__(7757);
// EXTERNAL MODULE: ./actions/lib/deploy/summary.ts
var deploy_summary = __webpack_require__(1908);
;// CONCATENATED MODULE: ./actions/progressive-canary/src/summary.ts




const HEADLINES = {
    promoted: '✅ progressive-canary: promoted',
    'rolled-back': '❌ progressive-canary: rolled back',
    failed: '❌ progressive-canary: failed',
};
const DECISIONS = { next: '➡️ next step', promote: '✅ promote', rollback: '↩️ roll back' };
/**
 * The outcome, one row per step (asked weight, what the router set, the share measured from the
 * pods' request counters, the judgement), the smoke checks of the canary's pods, the canary's
 * requests, then each step's analysis as canary-analyze renders it. Reasons come from the cluster and the user's metrics: escaped.
 */
function renderProgressionSummary(summary, progression, context) {
    summary.addHeading(`${HEADLINES[progression.outcome]} (namespace ${(0,markdown/* escapeHtml */.ZD)(context.namespace)}, ${context.seconds.toFixed(1)} s)`, 2);
    summary.addRaw(`\n${(0,markdown/* escapeMarkdown */.FV)(progression.reason)}\n\n`);
    if (progression.cleanup)
        summary.addRaw(`> ${(0,markdown/* escapeMarkdown */.FV)(progression.cleanup)}\n\n`);
    (0,deploy_summary/* addHookRuns */.Z)(summary, progression.hooks);
    const planned = context.router === 'replicas' ? "Canary's share of the pods" : 'Route weight';
    summary.addTable([
        ['Step', 'Asked', planned, 'Measured share of requests', 'Requests (canary / baseline / stable)', 'Verdict', 'Score', 'Then'].map((data) => ({
            data,
            header: true,
        })),
        ...progression.steps.map((step) => [
            String(step.step),
            `${step.weight}%`,
            percentage(step.plannedPercentage),
            step.measuredPercentage === undefined ? `– ${(0,markdown/* escapeHtml */.ZD)(step.shareMissing ?? '')}` : `${step.measuredPercentage}%`,
            requests(step),
            step.verdict ? analysis_summary/* VERDICT_HEADINGS */.qQ[step.verdict].replace('canary-analyze: ', '') : '–',
            step.score === undefined ? '–' : (0,judge/* format */.GP)(step.score),
            step.decision ? `${DECISIONS[step.decision]}: ${(0,markdown/* escapeHtml */.ZD)(step.why ?? '')}` : '–',
        ]),
    ]);
    // The checks each step's new canary pods passed (or failed) before they took any traffic.
    (0,deploy_summary/* renderSmokeChecks */.l)(summary, progression.steps.flatMap((step) => step.smokeChecks ?? []));
    if (progression.canaryRequests !== undefined) {
        summary.addRaw(`\nThe canary's pods served **${progression.canaryRequests}** requests${progression.outcome === 'promoted' ? ' before the promotion' : ' before it was removed (the blast radius)'}, counted from their request counters.\n`);
    }
    for (const step of progression.steps) {
        if (!step.analysis)
            continue;
        (0,analysis_summary/* renderSummary */.Br)(summary, step.analysis, {
            text: `Step ${step.step} (${step.weight}%): ${analysis_summary/* VERDICT_HEADINGS */.qQ[step.analysis.verdict].replace('canary-analyze: ', '')}`,
            level: 3,
        });
    }
}
function percentage(value) {
    return value === undefined ? '–' : `${value}%`;
}
function requests(step) {
    if (!step.requests)
        return '–';
    return ['canary', 'baseline', 'stable'].map((group) => step.requests?.[group] ?? '?').join(' / ');
}

;// CONCATENATED MODULE: ./actions/progressive-canary/src/main.ts




























async function main_run() {
    await (0,run/* runAction */.C)('progressive-canary', async () => {
        const started = Date.now();
        const inputs = (0,lib_inputs/* parseInputs */.T)(progressiveCanaryInputs, { secret: progressiveCanarySecretInputs });
        const settings = (0,analysis_inputs/* judgeSettings */.$z)(inputs);
        const plan = (0,analysis_inputs/* analysisPlan */.KG)(inputs);
        const definitions = (0,metrics/* loadMetrics */.SJ)(inputs.metrics, inputs.provider, process.env.GITHUB_WORKSPACE);
        const traffic = inputs.traffic === undefined ? undefined : (0,analysis_traffic/* parseTraffic */.D)(inputs.traffic);
        (0,analysis_inputs/* checkProviderInputs */.LI)(inputs);
        const httpRoute = inputs['traffic-router'] === 'gateway-api' ? inputs['http-route'] : undefined;
        if (inputs['traffic-router'] === 'gateway-api' && !httpRoute) {
            throw new errors/* ConfigurationError */.j1('Input "traffic-router" is gateway-api, which needs input "http-route": the name of the HTTPRoute that sends traffic to the stable Service');
        }
        if (inputs['canary-header'] && !httpRoute) {
            throw new errors/* ConfigurationError */.j1('Input "canary-header" needs traffic-router gateway-api: only an HTTPRoute sends requests by header. Nothing was changed');
        }
        const extraAnnotations = (0,annotations/* parseAnnotations */.KX)(inputs.annotations);
        const verify = (0,smoke_checks/* parseSmokeChecks */.k3)(inputs.verify);
        // A cancelled job gets SIGINT, then SIGTERM: either stops the progression, which then removes the canary.
        const cancellation = new AbortController();
        const cancel = () => cancellation.abort(new errors/* ConfigurationError */.j1('the run was cancelled'));
        process.once('SIGINT', cancel);
        process.once('SIGTERM', cancel);
        const kubeconfig = await (0,kubernetes_kubeconfig/* prepareKubeconfig */.p)(inputs.kubeconfig);
        let githubDeployment;
        let promoted = false;
        try {
            const binary = inputs['kubectl-version'] ? (await (0,kubectl_install/* installKubectl */.KZ)(inputs['kubectl-version'], { kubeconfig: kubeconfig.path })).binary : undefined;
            const unscoped = new kubernetes_kubectl/* Kubectl */.bx({ kubeconfig: kubeconfig.path, binary });
            const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
            const parsed = (0,manifests/* parseManifests */.Ye)(await (0,load/* readManifestSources */.e)(inputs.manifests, unscoped, workspace));
            const namespace = (0,deploy_namespace/* namespaceOfRun */.K)(parsed, inputs.namespace) ?? (await (0,kubernetes_kubectl/* contextNamespace */.jy)(unscoped));
            const kubectl = unscoped.inNamespace(namespace);
            const { objects: substituted } = (0,deploy_images/* substituteImages */.Rd)(parsed, inputs.images ?? []);
            const images = [...new Set(substituted.filter(manifests/* isWorkload */.gv).flatMap(kubernetes_objects/* containerImages */._Z))];
            const hooks = (0,kubernetes_hooks/* planHooks */.qf)((0,annotations/* annotateWorkloads */.FU)(substituted, (0,annotations/* runContext */.pO)('canary'), images, extraAnnotations));
            const objects = hooks.objects;
            const stable = (0,deployment_variants/* singleDeployment */.s)(objects, 'canary');
            const options = (canaryPercentage) => ({
                fieldManager: inputs['field-manager'],
                timeoutSeconds: inputs.timeout,
                rollbackOnFailure: true,
                dryRun: false,
                canaryPercentage,
                maxSurgeReplicas: inputs['max-surge-replicas'],
                canaryHeader: inputs['canary-header'],
            });
            const base = options(inputs.steps[0]);
            // Every weight is set with the checks, so each new canary pod is verified before it takes traffic;
            // promote and abort bring no new canary pod.
            const stepOptions = (canaryPercentage) => ({ ...options(canaryPercentage), verify });
            await (0,access/* checkAccess */.x8)(kubectl, (0,access/* progressiveCanaryNeeds */.Tv)({
                // A hook that is not a Job (the PersistentVolumeClaim a backup Job writes to) is applied under its own kind.
                kinds: [...hooks.pre, ...hooks.post].map((hook) => hook.object.kind).concat(objects.map((object) => object.kind)),
                hooks: hooks.pre.length + hooks.post.length > 0,
                httpRoute: httpRoute !== undefined,
                ...stepOptions(inputs.steps[0]),
            }), 'this progressive canary');
            githubDeployment = await (0,github_deployment/* startGitHubDeployment */.tX)({
                token: inputs['github-token'],
                environment: inputs.environment ?? namespace,
                environmentUrl: inputs['environment-url'],
                strategy: 'canary',
                action: 'deploy',
                dryRun: false,
                promotes: true,
            });
            const prometheus = (0,analysis_inputs/* prometheusConnection */.ZI)(inputs);
            const operations = {
                setWeight: (percentage) => httpRoute ? (0,gateway_canary/* deployGatewayCanary */.sj)(kubectl, objects, stepOptions(percentage), httpRoute) : (0,canary/* deployCanary */.SB)(kubectl, objects, stepOptions(percentage)),
                promote: () => (httpRoute ? (0,gateway_canary/* promoteGatewayCanary */.jy)(kubectl, objects, base, httpRoute) : (0,canary/* promoteCanary */.zG)(kubectl, objects, base)),
                runHooks: (phase) => (0,kubernetes_hooks/* runHooks */.Eu)(kubectl, phase === 'pre-deploy' ? hooks.pre : hooks.post, base),
                abort: (beforeRemoval) => httpRoute ? (0,gateway_canary/* abortGatewayCanary */.f5)(kubectl, objects, base, httpRoute, beforeRemoval) : (0,canary/* abortCanary */.Fi)(kubectl, objects, base, beforeRemoval),
                meter: (selectors) => new RequestMeter(kubectl, { canary: selectors.canarySelector, baseline: selectors.baselineSelector, stable: stablePodsSelector((0,names/* selectorOf */.Bk)((0,canary/* matchLabelsOf */.e6)(stable))) }, requestCounter(definitions)),
                analyse: (selectors, step, signal) => {
                    const provider = (0,judged_run/* metricsProvider */.P)({ provider: inputs.provider, kubectl, namespace, prometheus }, selectors, plan, definitions);
                    return (0,judged_run/* judgedAnalysis */.I)(provider, definitions, settings, plan, traffic, {
                        wait: (milliseconds) => (0,promises_.setTimeout)(milliseconds, undefined, { signal }),
                        log: (message) => core.info(`step ${step}: ${message}`),
                    });
                },
                log: (message) => core.info(message),
            };
            core.info(`Steps ${inputs.steps.join(' → ')} → promote, each judged on ${definitions.map((metric) => metric.name).join(', ')} over ${plan.iterations} intervals of ${plan.intervalSeconds}s (${plan.warmup} warm-up)`);
            const progression = await runProgression(inputs.steps, inputs['on-inconclusive'], operations, cancellation.signal);
            const seconds = (Date.now() - started) / 1000;
            const reportPath = await writeProgressionReport(progression);
            const workload = progression.deployed?.workloads[0];
            (0,outputs/* setOutputs */.n)({
                result: progression.outcome,
                verdict: progression.verdict,
                'stopped-at-step': progression.stoppedAtStep,
                steps: JSON.stringify(progression.steps.map(({ analysis: _analysis, smokeChecks: _smokeChecks, ...step }) => step)),
                'canary-requests': progression.canaryRequests,
                report: reportPath,
                namespace,
                deployments: progression.deployed?.workloads.map(deploy_result/* workloadLabel */.U),
                revision: workload?.revision,
                'previous-revision': workload?.previousRevision,
                images,
                'duration-seconds': seconds.toFixed(1),
            });
            await (0,summary/* writeSummary */.S)((summary) => {
                renderProgressionSummary(summary, progression, { namespace, router: inputs['traffic-router'], seconds });
                if (inputs['environment-url'])
                    summary.addLink('Open the environment', inputs['environment-url']);
            });
            if (progression.outcome !== 'promoted') {
                throw new errors/* ConfigurationError */.j1(`${progression.outcome}: ${progression.reason}. ${progression.cleanup ?? ''}`.trim());
            }
            promoted = true;
        }
        finally {
            await githubDeployment?.finish(promoted);
            process.off('SIGINT', cancel);
            process.off('SIGTERM', cancel);
            await kubeconfig.dispose();
        }
    });
}


/***/ })

};

//# sourceMappingURL=278.index.js.map