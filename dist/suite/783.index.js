export const id = 783;
export const ids = [783];
export const modules = {

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

/***/ 7783:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ main_run)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./actions/lib/run.ts
var run = __webpack_require__(7667);
// EXTERNAL MODULE: ./actions/lib/inputs.ts
var lib_inputs = __webpack_require__(7721);
// EXTERNAL MODULE: ./actions/lib/outputs.ts
var outputs = __webpack_require__(3932);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
;// CONCATENATED MODULE: ./actions/notify/src/payload.ts

const DEPLOY_RESULTS = ['deployed', 'promoted', 'rolled-back', 'failed'];
const VERDICTS = ['promote', 'rollback', 'inconclusive'];
const SIGNATURE_HEADER = 'X-Inventory-Devops-Signature-256';
const EVENT_HEADER = 'X-Inventory-Devops-Event';
const DELIVERY_HEADER = 'X-Inventory-Devops-Delivery';
const EVENT = 'deployment';
/**
 * What the receiver gets: the outcome and where it came from, nothing else of the step's
 * environment (no input or variable that could hold a credential is ever read into it).
 */
function deploymentPayload(outcome, env, now) {
    const repository = env.GITHUB_REPOSITORY ?? null;
    const runId = env.GITHUB_RUN_ID ?? null;
    const attempt = env.GITHUB_RUN_ATTEMPT ?? null;
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    return {
        event: EVENT,
        result: outcome.result,
        environment: outcome.environment ?? null,
        verdict: outcome.verdict ?? null,
        image: outcome.image ?? null,
        revision: outcome.revision ?? null,
        repository,
        commit: env.GITHUB_SHA ?? null,
        ref: env.GITHUB_REF ?? null,
        actor: env.GITHUB_ACTOR ?? null,
        run: {
            id: runId,
            attempt,
            url: repository && runId ? `${server}/${repository}/actions/runs/${runId}${attempt ? `/attempts/${attempt}` : ''}` : null,
        },
        sent_at: now.toISOString(),
    };
}
/**
 * JSON that stays inert when a receiver pastes it into HTML or a script (as Go's json.Marshal
 * writes it): `<`, `>`, `&` and the JavaScript line separators as \u escapes. Still plain JSON.
 */
function encodePayload(payload) {
    return JSON.stringify(payload).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** `sha256=<hex HMAC-SHA256 of the exact body>`, the shape of GitHub's X-Hub-Signature-256. */
function signature(body, secret) {
    return `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

;// CONCATENATED MODULE: ./actions/notify/src/inputs.ts



// Printable text only: a newline or an escape sequence has no place in a name a receiver shows.
const CONTROL_CHARACTER = /[\p{Cc}\u2028\u2029]/u;
const ENVIRONMENT_EXPECTED = 'a GitHub environment name (at most 255 characters, no control characters)';
const IMAGE_EXPECTED = 'an image reference such as ghcr.io/acme/inventory-service@sha256:... (letters, digits and . _ - / : @, at most 512 characters)';
const SECRET_EXPECTED = 'a signing key of at least 16 characters';
const notifyInputs = {
    'webhook-url': lib_inputs/* input */.h.url(),
    'webhook-secret': schemas/* string */.YjP({ error: SECRET_EXPECTED }).min(16, { error: SECRET_EXPECTED }),
    result: lib_inputs/* input */.h.oneOf(DEPLOY_RESULTS),
    environment: schemas/* string */.YjP({ error: ENVIRONMENT_EXPECTED })
        .refine((name) => name.length <= 255 && !CONTROL_CHARACTER.test(name), { error: ENVIRONMENT_EXPECTED })
        .optional(),
    verdict: lib_inputs/* input */.h.oneOf(VERDICTS).optional(),
    image: schemas/* string */.YjP({ error: IMAGE_EXPECTED })
        .refine((image) => image.length <= 512 && /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/.test(image), { error: IMAGE_EXPECTED })
        .optional(),
    revision: lib_inputs/* input */.h.integer({ min: 1 }).optional(),
    timeout: lib_inputs/* input */.h.duration().default(10),
};
const notifySecretInputs = ['webhook-url', 'webhook-secret'];

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./actions/lib/errors.ts
var errors = __webpack_require__(2863);
;// CONCATENATED MODULE: ./actions/notify/src/send.ts



const ATTEMPTS = 3;
const RETRY_DELAY_MS = 1000;
/** Only a server's trouble or a lost connection is worth another try; a 4xx will answer the same. */
const retryable = (status) => status === 429 || status >= 500;
/**
 * POSTs the body, at most three times. Redirects are not followed (the signed body goes only
 * where the caller said), and no message repeats the URL, which may carry a token.
 */
async function deliver({ url, body, headers, timeoutSeconds }) {
    let problem = '';
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        if (attempt > 1) {
            core.info(`Webhook delivery attempt ${attempt - 1} failed (${problem}); trying again.`);
            await (0,promises_.setTimeout)(RETRY_DELAY_MS * (attempt - 1));
        }
        let status;
        try {
            const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutSeconds * 1000) });
            await response.body?.cancel();
            status = response.status;
        }
        catch (error) {
            problem =
                error.name === 'TimeoutError'
                    ? `no answer within ${timeoutSeconds} s`
                    : `could not connect (${(0,errors/* errorCode */.CA)(error) ?? 'network error'})`;
            continue;
        }
        if (status >= 200 && status < 300)
            return status;
        problem = `HTTP ${status}`;
        if (status >= 300 && status < 400)
            throw new errors/* ConfigurationError */.j1(`The webhook answered HTTP ${status} (a redirect, not followed): give its final URL.`);
        if (!retryable(status))
            throw new errors/* ConfigurationError */.j1(`The webhook refused the notification: HTTP ${status}.`);
    }
    throw new errors/* ConfigurationError */.j1(`The webhook could not be notified after ${ATTEMPTS} attempts: ${problem}.`);
}

;// CONCATENATED MODULE: ./actions/notify/src/main.ts






async function main_run() {
    await (0,run/* runAction */.C)('notify', async () => {
        const inputs = (0,lib_inputs/* parseInputs */.T)(notifyInputs, { secret: notifySecretInputs });
        const body = encodePayload(deploymentPayload({ result: inputs.result, environment: inputs.environment, verdict: inputs.verdict, image: inputs.image, revision: inputs.revision }, process.env, new Date()));
        const delivery = (0,external_node_crypto_.randomUUID)();
        const status = await deliver({
            url: inputs['webhook-url'],
            body,
            timeoutSeconds: inputs.timeout,
            headers: {
                'Content-Type': 'application/json',
                'User-Agent': 'inventory-devops-notify',
                [EVENT_HEADER]: EVENT,
                [DELIVERY_HEADER]: delivery,
                [SIGNATURE_HEADER]: signature(body, inputs['webhook-secret']),
            },
        });
        core.info(`Notified the webhook of the result ${inputs.result} (delivery ${delivery}, HTTP ${status}).`);
        (0,outputs/* setOutputs */.n)({ delivery, status });
    });
}


/***/ })

};

//# sourceMappingURL=783.index.js.map