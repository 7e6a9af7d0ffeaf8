export const id = 865;
export const ids = [865];
export const modules = {

/***/ 7865:
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
// EXTERNAL MODULE: ./actions/lib/kubernetes/kubeconfig.ts
var kubernetes_kubeconfig = __webpack_require__(608);
// EXTERNAL MODULE: ./actions/lib/kubernetes/kubectl.ts
var kubernetes_kubectl = __webpack_require__(6793);
// EXTERNAL MODULE: ./actions/lib/outputs.ts
var outputs = __webpack_require__(3932);
// EXTERNAL MODULE: ./actions/lib/summary.ts
var lib_summary = __webpack_require__(7834);
// EXTERNAL MODULE: ./actions/lib/errors.ts
var errors = __webpack_require__(2863);
;// CONCATENATED MODULE: ./actions/rollback/src/inputs.ts

const rollbackInputs = {
    namespace: lib_inputs/* input */.h.namespace().optional(),
    deployment: lib_inputs/* input */.h.kubernetesName('Deployment'),
    'to-revision': lib_inputs/* input */.h.integer({ min: 1 }).optional(),
    reason: lib_inputs/* input */.h.text('a reason').optional(),
    'health-url': lib_inputs/* input */.h.url().optional(),
    timeout: lib_inputs/* input */.h.duration().default(300),
    kubeconfig: lib_inputs/* input */.h.kubeconfig().optional(),
    environment: lib_inputs/* input */.h.text('a GitHub environment name').max(255, { error: 'a GitHub environment name of at most 255 characters' }).optional(),
    'github-token': lib_inputs/* input */.h.text('a GitHub token').optional(),
};
const rollbackSecretInputs = ['kubeconfig', 'github-token'];

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./actions/lib/github.ts
var github = __webpack_require__(1691);
// EXTERNAL MODULE: ./actions/lib/github-deployment.ts
var github_deployment = __webpack_require__(5631);
// EXTERNAL MODULE: ./actions/lib/kubernetes/metadata.ts
var metadata = __webpack_require__(7482);
;// CONCATENATED MODULE: ./actions/rollback/src/github-record.ts





/** The description delivery-metrics reads as a restore (actions/delivery-metrics/src/metrics.ts). */
const restoreDescription = (commit) => `inventory-devops rollback restore of ${commit.slice(0, 12)}`;
/** The commit k8s-deploy recorded on the Deployment that serves after the rollback (`kubectl rollout undo` restores the revision's annotations too). */
async function servingCommit(kubectl, deployment) {
    try {
        const live = await kubectl.find('Deployment', deployment);
        const commit = live?.metadata.annotations?.[metadata/* COMMIT_ANNOTATION */._u];
        return commit && /^[0-9a-f]{40}$/i.test(commit) ? commit : undefined;
    }
    catch (error) {
        core.warning(`Could not read the commit deployment/${deployment} serves: ${(0,errors/* describeError */.Uc)(error)}`);
        return undefined;
    }
}
/**
 * Records a finished rollback on GitHub, after the fact: the environment's newest deployment written
 * by the suite (the release undone) gets a `failure` status, and the restored commit a new deployment with `success`
 * (where time to restore ends). Never throws: a GitHub problem is a warning, the rollback stands.
 */
async function recordRollbackOnGitHub(record) {
    const { token, environment } = record;
    const repository = (0,github/* parseRepository */.SU)(process.env.GITHUB_REPOSITORY);
    if (!repository) {
        core.warning('The rollback is not recorded on GitHub: GITHUB_REPOSITORY is not set (not running on GitHub Actions?)');
        return;
    }
    try {
        // A job with `environment:` (this one, in rollback.yml) has GitHub create a deployment of its own: the release is the newest the suite wrote.
        const undone = (await (0,github/* recentDeployments */.iT)(token, repository, environment)).find((deployment) => deployment.description.startsWith('inventory-devops '));
        if (undone) {
            const description = `Rolled back by inventory-devops rollback${record.reason ? `: ${record.reason}` : ''}`;
            await (0,github_deployment/* setDeploymentStatus */.e9)(token, repository, undone.id, { state: 'failure', description }, 'rollback');
        }
        else
            core.info(`No inventory-devops deployment to environment "${environment}" on GitHub to mark rolled back`);
    }
    catch (error) {
        (0,github_deployment/* warnGitHubProblem */.Hz)(`Could not read the GitHub deployments of environment "${environment}"`, error, 'rollback');
    }
    const commit = record.restoredCommit;
    if (!commit) {
        core.warning(`The restored release is not recorded on GitHub: the serving Deployment has no commit annotation from k8s-deploy. The rollback itself is not affected.`);
        return;
    }
    let id;
    try {
        id = await (0,github/* createDeployment */.Yy)(token, repository, { ref: commit, environment, description: restoreDescription(commit) });
    }
    catch (error) {
        (0,github_deployment/* warnGitHubProblem */.Hz)(`Could not create a GitHub deployment of the restored ${commit.slice(0, 12)} to environment "${environment}"`, error, 'rollback');
        return;
    }
    core.info(`GitHub deployment ${id} of the restored ${commit.slice(0, 12)} to environment "${environment}"`);
    await (0,github_deployment/* setDeploymentStatus */.e9)(token, repository, id, { state: 'success', description: 'inventory-devops rollback restored this release' }, 'rollback');
}

// EXTERNAL MODULE: ./actions/lib/strategies/blue-green.ts
var blue_green = __webpack_require__(482);
// EXTERNAL MODULE: ./actions/lib/strategies/canary.ts
var canary = __webpack_require__(2360);
// EXTERNAL MODULE: ./actions/lib/kubernetes/access.ts
var access = __webpack_require__(6529);
// EXTERNAL MODULE: ./actions/lib/kubernetes/deployment-revisions.ts
var deployment_revisions = __webpack_require__(3691);
// EXTERNAL MODULE: ./actions/lib/kubernetes/objects.ts
var objects = __webpack_require__(1563);
// EXTERNAL MODULE: ./actions/lib/kubernetes/rollout-wait.ts
var rollout_wait = __webpack_require__(8230);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./actions/rollback/src/health.ts


/** How much of a failing answer is read for its reason. */
const BODY_LIMIT = 4096;
/**
 * The health URL must answer 2xx; a service that just rolled back may need a few tries. At least
 * one try even when the deadline has passed: after a rollout that did not become ready, what the
 * service answers says why (say, a readiness check naming a column the schema lacks).
 */
async function checkHealth(url, deadline) {
    let last = 'did not answer';
    const giveUpAt = Math.min(deadline, Date.now() + 30_000);
    for (;;) {
        try {
            const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
            if (response.ok)
                return { ok: true, message: `answered ${response.status}` };
            const reason = failureReason(await readAtMost(response, BODY_LIMIT));
            last = `answered ${response.status}${reason ? `: ${reason}` : ''}`;
        }
        catch (error) {
            // Only a code or the error's kind: fetch's messages may quote the URL, and with it whatever it holds.
            last = `did not answer (${(0,errors/* errorCode */.CA)(error) ?? (error instanceof Error ? error.name : 'unknown error')})`;
        }
        if (Date.now() + 1000 >= giveUpAt)
            return { ok: false, message: last };
        await (0,promises_.setTimeout)(1000);
    }
}
/** A failing answer's `reason` (or `message`, `error`) when it is JSON, else its first line; abbreviated, as it is the service's text. */
function failureReason(body) {
    let text = body.trim().split(/\r?\n/, 1)[0] ?? '';
    try {
        const parsed = JSON.parse(body);
        const field = [parsed.reason, parsed.message, parsed.error].find((value) => typeof value === 'string' && value.trim() !== '');
        if (field !== undefined)
            text = field;
    }
    catch {
        // Not JSON: the first line it is.
    }
    return text.trim() === '' ? undefined : (0,errors/* abbreviate */.Sm)(text.trim(), 200);
}
async function readAtMost(response, limit) {
    const reader = response.body?.getReader();
    if (!reader)
        return '';
    const chunks = [];
    let size = 0;
    try {
        while (size < limit) {
            const { done, value } = await reader.read();
            if (done)
                break;
            chunks.push(value);
            size += value.byteLength;
        }
    }
    catch {
        // A body cut off is still worth what arrived.
    }
    finally {
        await reader.cancel().catch(() => undefined);
    }
    return Buffer.concat(chunks).toString('utf8').slice(0, limit);
}

;// CONCATENATED MODULE: ./actions/rollback/src/plan.ts

/**
 * The revision to return to: the named one, or the most recent one before the current that
 * did not fail (after an automatic rollback the previous revision is the failed release).
 */
function chooseRollbackTarget(revisions, current, requested) {
    const known = [...revisions].sort((a, b) => b.number - a.number);
    const list = known.map((revision) => `${revision.number}${revision.failed ? ' (failed)' : ''}${revision.number === current ? ' (current)' : ''}`).join(', ');
    if (requested !== undefined) {
        const target = known.find((revision) => revision.number === requested);
        if (!target)
            throw new errors/* ConfigurationError */.j1(`Input "to-revision" has value "${requested}": no such revision; the revisions there are ${list || 'none'}`);
        if (target.number === current)
            throw new errors/* ConfigurationError */.j1(`Input "to-revision" has value "${requested}": that revision is already serving`);
        return { target, skipped: [] };
    }
    const older = known.filter((revision) => revision.number < current);
    const target = older.find((revision) => !revision.failed);
    if (!target) {
        throw new errors/* ConfigurationError */.j1(`There is no earlier revision that deployed successfully to roll back to; the revisions there are ${list || 'none'}`);
    }
    return { target, skipped: older.filter((revision) => revision.failed && revision.number > target.number) };
}

;// CONCATENATED MODULE: ./actions/rollback/src/rollback.ts











/** Rolls back, waits until what serves now is ready, records why, and checks the health URL (also when it did not become ready: its answer may say why). */
async function rollBack(kubectl, request) {
    const done = await undoLastRelease(kubectl, request);
    const rollout = await core.group(`Wait for deployment/${done.serving}`, () => (0,rollout_wait/* waitForRollout */.gj)(kubectl, done.serving, request.timeoutSeconds));
    if (request.reason) {
        await kubectl.run(['annotate', 'deployment', '--overwrite', '--', done.serving, `${metadata/* ROLLBACK_REASON_ANNOTATION */.iR}=${request.reason}`]);
    }
    // After a rollout that did not become ready, one try (the deadline has passed) says what the service itself reports.
    const health = request.healthUrl ? await checkHealth(request.healthUrl, request.started + request.timeoutSeconds * 1000) : undefined;
    return { done, rollout, health, ok: rollout.ok && (health === undefined || health.ok) };
}
/**
 * Strategy-aware, from what k8s-deploy left in the cluster: blue-green colours, a canary, or
 * revisions. Only reads until the rights that path needs are checked, so a refusal changes nothing;
 * each read's own right is checked before it.
 */
async function undoLastRelease(kubectl, request) {
    const { deployment: name, toRevision, timeoutSeconds } = request;
    const check = (kind) => (0,access/* checkAccess */.x8)(kubectl, (0,access/* rollbackNeeds */.ed)(kind, Boolean(request.reason)), 'the rollback');
    // Each read is checked before it is made, so that a missing right is refused by name, not by kubectl's 403.
    await (0,access/* checkAccess */.x8)(kubectl, access/* ROLLBACK_FIND */.zp, 'the rollback');
    const colours = await (0,blue_green/* readColours */.q9)(kubectl, name);
    if (Object.values(colours).some((colour) => colour.services.length > 0))
        await (0,access/* checkAccess */.x8)(kubectl, access/* ROLLBACK_READ_SERVICES */.Hk, 'the rollback');
    const blueGreen = await (0,blue_green/* readServingColour */.vq)(kubectl, name, colours);
    if (blueGreen.serving) {
        if (toRevision !== undefined)
            throw new errors/* ConfigurationError */.j1(`Input "to-revision" has value "${toRevision}": deployment/${name} is deployed blue-green, which rolls back by switching colours, not to a revision`);
        await check('blue-green');
        return (0,blue_green/* undoBlueGreen */.e3)(kubectl, name, blueGreen, timeoutSeconds);
    }
    const deployment = await kubectl.find('Deployment', name);
    if (!deployment)
        throw new errors/* ConfigurationError */.j1(`Input "deployment" has value "${name}": no such Deployment (nor a blue-green ${(0,blue_green/* colourName */._H)(name, 'blue')}/${(0,blue_green/* colourName */._H)(name, 'green')}) in namespace ${kubectl.namespace}`);
    const current = (0,deployment_revisions/* revisionOf */.DT)(deployment);
    const canaries = await (0,canary/* existingCanaries */.AL)(kubectl, name);
    if (canaries.length > 0) {
        await check('canary');
        const { remainingPods } = await (0,canary/* undoCanary */.JN)(kubectl, canaries, timeoutSeconds);
        const removed = `Removed ${canaries.join(' and ')}; deployment/${name} (revision ${current}) was serving throughout`;
        const lines = [
            remainingPods.length === 0
                ? `${removed} and serves alone now (their pods are gone).`
                : `${removed}, but pods ${remainingPods.join(', ')} were still terminating after ${timeoutSeconds} s, so it may not serve alone yet.`,
        ];
        return { serving: name, fromRevision: current, toRevision: current, lines };
    }
    await check('revision');
    const revisions = (await (0,deployment_revisions/* replicaSetsOf */.Ls)(kubectl, name)).map(describeRevision);
    const { target, skipped } = chooseRollbackTarget(revisions, current, toRevision);
    await kubectl.run(['rollout', 'undo', `--to-revision=${target.number}`, '--', `deployment/${name}`]);
    const lines = [
        `Was running revision ${current} (${imagesOf(revisions, current)}); now runs the template of revision ${target.number} (${target.images.join(', ') || 'no image'}).`,
        ...skipped.map((revision) => `Skipped revision ${revision.number}: k8s-deploy marked it failed.`),
    ];
    return { serving: name, fromRevision: current, toRevision: target.number, lines };
}
function describeRevision(replicaSet) {
    return { number: (0,deployment_revisions/* revisionOf */.DT)(replicaSet), failed: (0,deployment_revisions/* isMarkedFailed */._c)(replicaSet), images: (0,objects/* templateImages */.TD)(replicaSet.spec?.template) };
}
function imagesOf(revisions, number) {
    return revisions.find((revision) => revision.number === number)?.images.join(', ') || 'unknown images';
}

// EXTERNAL MODULE: ./actions/lib/markdown.ts
var markdown = __webpack_require__(4269);
;// CONCATENATED MODULE: ./actions/rollback/src/summary.ts

function renderRollbackSummary(summary, outcome, namespace, reason, healthUrl, seconds) {
    const { done, rollout, health, ok } = outcome;
    summary.addHeading(`${ok ? '✅ Rolled back' : '❌ Rollback failed'}: ${(0,markdown/* escapeHtml */.ZD)(`deployment/${done.serving} in namespace ${namespace}`)} in ${seconds.toFixed(1)} s`, 3);
    for (const line of done.lines)
        summary.addRaw(`\n${(0,markdown/* escapeMarkdown */.FV)(line)}\n`);
    if (reason)
        summary.addRaw(`\nWhy: ${(0,markdown/* escapeMarkdown */.FV)(reason)}\n`);
    summary.addRaw(`\nRollout: ${(0,markdown/* escapeMarkdown */.FV)(rollout.message)}\n`);
    if (health)
        summary.addRaw(`\nHealth check ${(0,markdown/* escapeMarkdown */.FV)(healthUrl)}: ${(0,markdown/* escapeMarkdown */.FV)(health.message)}\n`);
    (0,lib_summary/* addPodProblems */.N)(summary, rollout.problems);
}

;// CONCATENATED MODULE: ./actions/rollback/src/main.ts





async function main_run() {
    await (0,run/* runAction */.C)('rollback', async () => {
        const started = Date.now();
        const inputs = (0,lib_inputs/* parseInputs */.T)(rollbackInputs, { secret: rollbackSecretInputs });
        const kubeconfig = await (0,kubernetes_kubeconfig/* prepareKubeconfig */.p)(inputs.kubeconfig);
        try {
            const unscoped = new kubernetes_kubectl/* Kubectl */.bx({ kubeconfig: kubeconfig.path });
            const namespace = inputs.namespace ?? (await (0,kubernetes_kubectl/* contextNamespace */.jy)(unscoped));
            const kubectl = unscoped.inNamespace(namespace);
            const outcome = await rollBack(kubectl, {
                deployment: inputs.deployment,
                toRevision: inputs['to-revision'],
                reason: inputs.reason,
                healthUrl: inputs['health-url'],
                timeoutSeconds: inputs.timeout,
                started,
            });
            const { done, rollout, health, ok } = outcome;
            const seconds = (Date.now() - started) / 1000;
            (0,outputs/* setOutputs */.n)({
                'from-revision': done.fromRevision,
                'to-revision': done.toRevision,
                'duration-seconds': seconds.toFixed(1),
                status: ok ? 'succeeded' : 'failed',
            });
            await (0,lib_summary/* writeSummary */.S)((summary) => renderRollbackSummary(summary, outcome, kubectl.namespace, inputs.reason, inputs['health-url'], seconds));
            const token = inputs['github-token'];
            if (token && ok)
                await recordRollbackOnGitHub({
                    token,
                    environment: inputs.environment ?? namespace,
                    restoredCommit: await servingCommit(kubectl, done.serving),
                    reason: inputs.reason,
                });
            if (!rollout.ok) {
                const said = health && !health.ok ? `; ${inputs['health-url']} ${health.message}` : '';
                throw new errors/* ConfigurationError */.j1(`The rollback of deployment/${done.serving} did not become ready: ${rollout.message}${said}`);
            }
            if (health && !health.ok)
                throw new errors/* ConfigurationError */.j1(`After the rollback, ${inputs['health-url']} ${health.message}`);
        }
        finally {
            await kubeconfig.dispose();
        }
    });
}


/***/ })

};

//# sourceMappingURL=865.index.js.map