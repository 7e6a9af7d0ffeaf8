export const id = 482;
export const ids = [482];
export const modules = {

/***/ 482:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AD: () => (/* binding */ abortBlueGreen),
/* harmony export */   _H: () => (/* binding */ colourName),
/* harmony export */   ci: () => (/* binding */ promoteBlueGreen),
/* harmony export */   e3: () => (/* binding */ undoBlueGreen),
/* harmony export */   fL: () => (/* binding */ deployBlueGreen),
/* harmony export */   q9: () => (/* binding */ readColours),
/* harmony export */   vq: () => (/* binding */ readServingColour)
/* harmony export */ });
/* unused harmony exports COLOURS, otherColour, readBlueGreenState, setRole, switchTraffic, servicesSelecting, planColour, pointAtColour */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9319);
/* harmony import */ var _kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(193);
/* harmony import */ var _kubernetes_deployment_revisions_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3691);
/* harmony import */ var _kubernetes_deployment_variants_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2655);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2863);
/* harmony import */ var _kubernetes_metadata_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7482);
/* harmony import */ var _kubernetes_names_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5067);
/* harmony import */ var _kubernetes_objects_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1563);
/* harmony import */ var _kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8230);
/* harmony import */ var _kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(9942);
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
    return readServingColour(kubectl, deployment, await readColours(kubectl, deployment));
}
/** The colour Deployments of `deployment` that exist (reads Deployments only). */
async function readColours(kubectl, deployment) {
    const colours = {};
    for (const colour of COLOURS) {
        const live = await kubectl.find('Deployment', colourName(deployment, colour));
        if (live)
            colours[colour] = describeColour(colour, live);
    }
    return colours;
}
/** Which of `colours` the Services they name select (reads those Services, when there are any). */
async function readServingColour(kubectl, deployment, colours) {
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
    const { failed, smokeChecks } = await readyAndVerified(kubectl, options, services, `deployment/${serving.name} served throughout`, {
        strategy: 'blue-green',
        workloads,
        notes,
    });
    if (failed)
        return failed;
    return {
        status: 'succeeded',
        strategy: 'blue-green',
        message: `deployment/${name} runs the new version beside deployment/${serving.name}, which still gets all traffic`,
        workloads,
        notes,
        problems: [],
        ...smokeChecks,
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
    const served = unmanaged ? `deployment/${next.metadata.name} served throughout` : 'nothing was serving before';
    const { failed, smokeChecks } = await readyAndVerified(kubectl, options, services, served, { strategy: 'rolling', workloads, notes });
    if (failed)
        return failed;
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Switch ${serviceList(services)} to blue`, () => (0,_kubernetes_apply_js__WEBPACK_IMPORTED_MODULE_7__/* .apply */ .Bb)(kubectl, switchedServices, options));
    if (unmanaged)
        await (0,_kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_9__/* .deleteDeploymentsAndPods */ .J)(kubectl, [next.metadata.name], options.timeoutSeconds);
    return { status: 'succeeded', strategy: 'rolling', message: `deployment/${name} is live`, workloads, notes, problems: [], ...smokeChecks };
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
    const ready = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Check deployment/${candidate.name} is ready`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_10__/* .waitForRollout */ .gj)(kubectl, candidate.name, options.timeoutSeconds));
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
        await (0,_kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_9__/* .deleteDeploymentsAndPods */ .J)(kubectl, [candidate.name], options.timeoutSeconds);
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
/**
 * Waits for the new colour (the only workload) and checks its pods before any Service switches to
 * them. A failure is the result to return, the colour removed with rollback-on-failure; what
 * served keeps serving (`served` says what that was).
 */
async function readyAndVerified(kubectl, options, services, served, base) {
    const colour = base.workloads[0];
    const outcome = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Wait for deployment/${colour.name}`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_10__/* .waitForRollout */ .gj)(kubectl, colour.name, options.timeoutSeconds));
    colour.revision = await (0,_kubernetes_workloads_js__WEBPACK_IMPORTED_MODULE_8__/* .currentRevision */ .h7)(kubectl, colour.name);
    const fail = async (message, problems, smokeChecks) => {
        if (!options.rollbackOnFailure)
            return { failed: { status: 'failed', message, problems, ...base, ...smokeChecks }, smokeChecks };
        await (0,_kubernetes_deletion_js__WEBPACK_IMPORTED_MODULE_9__/* .deleteDeploymentsAndPods */ .J)(kubectl, [colour.name], options.timeoutSeconds);
        const removed = `${message}. Removed deployment/${colour.name}; ${served}.`;
        return { failed: { status: 'rolled-back', message: removed, problems, ...base, ...smokeChecks }, smokeChecks };
    };
    if (!outcome.ok)
        return fail(outcome.message, outcome.problems, {});
    const verified = await (0,_kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_11__/* .verifyDeployment */ .lX)(kubectl, colour.name, options.verify);
    const smokeChecks = verified ? { smokeChecks: [verified] } : {};
    if (verified?.failure)
        return fail(`${(0,_kubernetes_smoke_run_js__WEBPACK_IMPORTED_MODULE_11__/* .describeSmokeFailure */ .jj)(verified.failure)} ${serviceList(services)} never switched to it`, [], smokeChecks);
    return { smokeChecks };
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
    const ready = await _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(`Check deployment/${other.name} is ready`, () => (0,_kubernetes_rollout_wait_js__WEBPACK_IMPORTED_MODULE_10__/* .waitForRollout */ .gj)(kubectl, other.name, timeoutSeconds));
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


/***/ })

};

//# sourceMappingURL=482.index.js.map