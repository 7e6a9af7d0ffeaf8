export const id = 491;
export const ids = [491];
export const modules = {

/***/ 1491:
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
var lib_summary = __webpack_require__(7834);
// EXTERNAL MODULE: ./actions/lib/kubernetes/access.ts
var access = __webpack_require__(6529);
// EXTERNAL MODULE: ./actions/lib/kubernetes/kubectl-install.ts
var kubectl_install = __webpack_require__(911);
// EXTERNAL MODULE: ./actions/lib/deploy/annotations.ts
var annotations = __webpack_require__(3722);
// EXTERNAL MODULE: ./actions/lib/strategies/blue-green.ts
var blue_green = __webpack_require__(482);
// EXTERNAL MODULE: ./actions/lib/strategies/canary.ts
var canary = __webpack_require__(2360);
// EXTERNAL MODULE: ./actions/lib/strategies/gateway-canary.ts
var gateway_canary = __webpack_require__(8245);
// EXTERNAL MODULE: ./actions/lib/strategies/deploy-result.ts
var deploy_result = __webpack_require__(1953);
// EXTERNAL MODULE: ./actions/lib/kubernetes/objects.ts
var objects = __webpack_require__(1563);
// EXTERNAL MODULE: ./actions/lib/strategies/rolling.ts
var rolling = __webpack_require__(2995);
// EXTERNAL MODULE: ./actions/lib/kubernetes/hooks.ts
var kubernetes_hooks = __webpack_require__(3615);
// EXTERNAL MODULE: ./actions/lib/smoke-checks.ts
var smoke_checks = __webpack_require__(4641);
;// CONCATENATED MODULE: ./actions/lib/strategies/hook-phases.ts

/**
 * The hook phases around a strategy: pre-deploy hooks run once, before the new version gets any
 * traffic (a deploy of any strategy; not a promote, whose version already ran as canary or idle
 * colour); post-deploy hooks once the new version serves everything (a rolling deploy, a first
 * canary or blue-green deploy that went out as rolling, a promote). An abort runs none. A hook that
 * fails stops the deploy: before the workloads, nothing else was changed.
 */
async function deployWithHooks(kubectl, plan, strategy, action, options, deploy) {
    const pre = action === 'deploy' ? await (0,kubernetes_hooks/* runHooks */.Eu)(kubectl, plan.pre, options) : { ok: true, runs: [], message: '', problems: [] };
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
    const post = await (0,kubernetes_hooks/* runHooks */.Eu)(kubectl, plan.post, options);
    result.hooks.push(...post.runs);
    if (!post.ok) {
        result.status = 'failed';
        result.message = `${result.message}, but ${post.message.charAt(0).toLowerCase()}${post.message.slice(1)}`;
        result.problems.push(...post.problems);
    }
    return result;
}

// EXTERNAL MODULE: ./actions/lib/deploy/images.ts
var deploy_images = __webpack_require__(6504);
// EXTERNAL MODULE: ./actions/lib/deploy/inputs.ts
var deploy_inputs = __webpack_require__(5279);
;// CONCATENATED MODULE: ./actions/k8s-deploy/src/inputs.ts


/** The shared manifest-pipeline inputs, plus k8s-deploy's own: the strategy, promote and abort, the canary's size, rollback and dry run. */
const k8sDeployInputs = {
    ...deploy_inputs/* deployInputs */.x,
    strategy: lib_inputs/* input */.h.oneOf(['rolling', 'blue-green', 'canary']).default('rolling'),
    action: lib_inputs/* input */.h.oneOf(['deploy', 'promote', 'abort']).default('deploy'),
    'canary-percentage': lib_inputs/* input */.h.integer({ min: 1, max: 100 }).default(25),
    'canary-replicas': lib_inputs/* input */.h.integer({ min: 1 }).optional(),
    'rollback-on-failure': lib_inputs/* input */.h.boolean().default(true),
    'dry-run': lib_inputs/* input */.h.boolean().default(false),
};

// EXTERNAL MODULE: ./actions/lib/github-deployment.ts
var github_deployment = __webpack_require__(5631);
// EXTERNAL MODULE: ./actions/lib/deploy/load.ts
var load = __webpack_require__(7098);
// EXTERNAL MODULE: ./actions/lib/deploy/manifests.ts
var manifests = __webpack_require__(6726);
// EXTERNAL MODULE: ./actions/lib/deploy/namespace.ts
var deploy_namespace = __webpack_require__(9447);
// EXTERNAL MODULE: ./actions/lib/markdown.ts
var markdown = __webpack_require__(4269);
// EXTERNAL MODULE: ./actions/lib/deploy/summary.ts
var deploy_summary = __webpack_require__(1908);
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
    (0,deploy_summary/* addHookRuns */.Z)(summary, result.hooks ?? []);
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
    (0,lib_summary/* addPodProblems */.N)(summary, result.problems);
    (0,deploy_summary/* renderSmokeChecks */.l)(summary, result.smokeChecks ?? []);
    if (result.diff !== undefined)
        summary.addDetails('What would change (kubectl diff)', `\n\n${(0,markdown/* codeBlock */.DV)(result.diff, 'diff')}\n`);
}

;// CONCATENATED MODULE: ./actions/k8s-deploy/src/main.ts





















async function main_run() {
    await (0,run/* runAction */.C)('k8s-deploy', async () => {
        const started = Date.now();
        const inputs = (0,lib_inputs/* parseInputs */.T)(k8sDeployInputs, { secret: deploy_inputs/* deploySecretInputs */.z });
        if (inputs.action !== 'deploy' && inputs.strategy === 'rolling') {
            throw new errors/* ConfigurationError */.j1(`Input "action" has value "${inputs.action}": promote and abort need strategy canary or blue-green`);
        }
        const httpRoute = trafficRouting(inputs['traffic-router'], inputs['http-route']);
        if (inputs['canary-header'] && (inputs.strategy !== 'canary' || !httpRoute)) {
            throw new errors/* ConfigurationError */.j1('Input "canary-header" needs strategy canary with traffic-router gateway-api: only an HTTPRoute sends requests by header. Nothing was changed');
        }
        const extraAnnotations = (0,annotations/* parseAnnotations */.KX)(inputs.annotations);
        const verify = (0,smoke_checks/* parseSmokeChecks */.k3)(inputs.verify);
        const kubeconfig = await (0,kubernetes_kubeconfig/* prepareKubeconfig */.p)(inputs.kubeconfig);
        let githubDeployment;
        let succeeded = false;
        try {
            const unscoped = new kubernetes_kubectl/* Kubectl */.bx({ kubeconfig: kubeconfig.path, binary: await kubectlBinary(kubeconfig.path, inputs['kubectl-version']) });
            const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
            const parsed = (0,manifests/* parseManifests */.Ye)(await (0,load/* readManifestSources */.e)(inputs.manifests, unscoped, workspace));
            const namespace = (0,deploy_namespace/* namespaceOfRun */.K)(parsed, inputs.namespace) ?? (await (0,kubernetes_kubectl/* contextNamespace */.jy)(unscoped));
            const kubectl = unscoped.inNamespace(namespace);
            const { objects: substituted, changes } = (0,deploy_images/* substituteImages */.Rd)(parsed, inputs.images ?? []);
            const images = [...new Set(substituted.filter(manifests/* isWorkload */.gv).flatMap(objects/* containerImages */._Z))];
            const hooks = (0,kubernetes_hooks/* planHooks */.qf)((0,annotations/* annotateWorkloads */.FU)(substituted, (0,annotations/* runContext */.pO)(inputs.strategy), images, extraAnnotations));
            const options = {
                fieldManager: inputs['field-manager'],
                timeoutSeconds: inputs.timeout,
                rollbackOnFailure: inputs['rollback-on-failure'],
                dryRun: inputs['dry-run'],
                canaryPercentage: inputs['canary-percentage'],
                canaryReplicas: inputs['canary-replicas'],
                maxSurgeReplicas: inputs['max-surge-replicas'],
                canaryHeader: inputs['canary-header'],
                // Checks guard new pods before traffic; promote and abort bring none.
                verify: inputs.action === 'deploy' ? verify : undefined,
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
            // After the access check: a run refused for missing rights changed nothing, on GitHub neither.
            githubDeployment = await (0,github_deployment/* startGitHubDeployment */.tX)({
                token: inputs['github-token'],
                environment: inputs.environment ?? namespace,
                environmentUrl: inputs['environment-url'],
                strategy: inputs.strategy,
                action: inputs.action,
                dryRun: inputs['dry-run'],
            });
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
            await (0,lib_summary/* writeSummary */.S)((summary) => {
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
function performGatewayCanary(kubectl, objects, action, options, httpRoute) {
    if (action === 'promote')
        return (0,gateway_canary/* promoteGatewayCanary */.jy)(kubectl, objects, options, httpRoute);
    if (action === 'abort')
        return (0,gateway_canary/* abortGatewayCanary */.f5)(kubectl, objects, options, httpRoute);
    return (0,gateway_canary/* deployGatewayCanary */.sj)(kubectl, objects, options, httpRoute);
}
/** The kubectl of the requested version: on PATH, in the tool cache, or downloaded with its checksum verified. */
async function kubectlBinary(kubeconfig, wanted) {
    return wanted ? (await (0,kubectl_install/* installKubectl */.KZ)(wanted, { kubeconfig })).binary : undefined;
}


/***/ })

};

//# sourceMappingURL=491.index.js.map