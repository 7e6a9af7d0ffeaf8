export const id = 916;
export const ids = [916];
export const modules = {

/***/ 8850:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ git),
/* harmony export */   Qw: () => (/* binding */ isGitRevision),
/* harmony export */   p8: () => (/* binding */ isRevisionRange),
/* harmony export */   uj: () => (/* binding */ GIT_REVISION_EXPECTED)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5260);


/**
 * Every git call of the suite, logged with core.debug. The exit code is the caller's to judge
 * (a missing commit is often an answer, not a failure); stderr comes back trimmed.
 */
async function git(cwd, args, { revisions = [], noPaths = false } = {}) {
    const argv = [...args, ...(revisions.length > 0 ? ['--end-of-options', ...revisions] : []), ...(noPaths ? ['--'] : [])];
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(`git ${argv.join(' ')}`);
    const { exitCode, stdout, stderr } = await _actions_exec__WEBPACK_IMPORTED_MODULE_1__/* .getExecOutput */ .H('git', argv, { cwd, silent: true, ignoreReturnCode: true });
    return { exitCode, stdout, stderr: stderr.trim() };
}
/**
 * A base handed to git: a commit id, or a ref name (`main`, `origin/main`,
 * `refs/tags/v1.2`) with optional `~n`/`^n` steps (`HEAD~1`). Ref names follow git
 * check-ref-format's rules within a narrower alphabet (letters, digits, `._+-/`): nothing
 * that starts with `-`, holds spaces, control characters, `..`, `:`, `@`, `$` or glob
 * characters can pass, so no value is read as an option or a range, whatever git version runs.
 */
const GIT_REVISION_EXPECTED = 'a commit SHA or a branch/tag name such as main, origin/main or HEAD~1';
const COMMIT_ID = /^[0-9a-f]{7,64}$/i;
const REF_COMPONENT = /^(?!\.)(?!.*\.lock$)[\p{L}\p{N}._+-]+$/u;
const STEPS = /(?:[~^]\d{0,4})*$/;
function isGitRevision(text) {
    if (text.length > 255 || text.startsWith('-'))
        return false;
    if (COMMIT_ID.test(text))
        return true;
    const name = text.replace(STEPS, '');
    if (name === '' || name.includes('..') || name.endsWith('.'))
        return false;
    return name.split('/').every((component) => REF_COMPONENT.test(component));
}
/** A revision as git reads it (`main`, `origin/main`, `HEAD~3`, `v1.2^{commit}`, a SHA, `@{upstream}`): never starting with `-`, so never an option. */
const REVISION = /^[A-Za-z0-9_@][A-Za-z0-9_@./~^{}+-]{0,199}$/;
/** `A`, `A..B` or `A...B`, each side a revision: a wider grammar than isGitRevision, for the commits a history scan reads. */
function isRevisionRange(text) {
    const sides = text.split(/\.{2,3}/);
    return sides.length <= 2 && sides.every((side) => REVISION.test(side));
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


/***/ }),

/***/ 7990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ isWithin)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/** True when `path` is `root` or lies under it (both absolute and resolved): how every action keeps a path input inside the workspace. */
function isWithin(path, root) {
    const fromRoot = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(root, path);
    return fromRoot === '' || (!fromRoot.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_0__.sep}`) && fromRoot !== '..' && !(0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(fromRoot));
}


/***/ }),

/***/ 3689:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ readRegularFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

/**
 * A file's bytes when it is a regular file of at most `maxBytes`, both checked on the open
 * handle before anything is read: a FIFO, a device such as /dev/zero or a file swapped since it
 * was listed neither blocks nor fills memory. Errors of the open itself (ENOENT, EACCES) are thrown.
 * Synchronous: a scan reads tens of thousands of small files, where blocking calls beat the
 * thread-pool round trips of asynchronous ones, and nothing else runs meanwhile.
 */
function readRegularFile(path, maxBytes) {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    const descriptor = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(descriptor);
        if (!stats.isFile())
            return { status: 'not-a-file' };
        if (stats.size > maxBytes)
            return { status: 'too-large', size: stats.size };
        return { status: 'read', content: (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(descriptor) };
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(descriptor);
    }
}


/***/ }),

/***/ 5289:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FH: () => (/* binding */ countUnsuppressedBySeverity),
/* harmony export */   Sj: () => (/* binding */ securityReportSchema),
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   qs: () => (/* binding */ severityRank)
/* harmony export */ });
/* unused harmony exports securityFindingSchema, SCANNER_STATUSES, scannerResultSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2857);

/**
 * The JSON report that security-scan writes and quality-gate reads (`security-report` input).
 * Kept minimal on purpose: a new field is added as optional, a breaking change bumps `version`.
 */
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const securityFindingSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    ruleId: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    severity: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(SEVERITIES),
    scanner: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    message: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    file: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    line: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive().optional(),
    suppressed: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    // Optional extensions written by security-scan; readers of version 1 may ignore them.
    fix: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    fixable: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional(),
    new: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional(),
    suppressedBy: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    match: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    package: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        version: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        advisory: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        fixVersion: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
        dependencyPath: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    })
        .optional(),
});
const SCANNER_STATUSES = ['ok', 'unavailable', 'not-scanned', 'skipped'];
const scannerResultSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    status: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(SCANNER_STATUSES),
    reason: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
});
const securityReportSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    version: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz(1),
    findings: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(securityFindingSchema),
    counts: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()).optional(),
    scanners: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), scannerResultSchema).optional(),
    passed: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional(),
});
/** Most severe first. */
function severityRank(severity) {
    return SEVERITIES.length - SEVERITIES.indexOf(severity);
}
/** Unsuppressed findings by severity: what a gate on findings counts. */
function countUnsuppressedBySeverity(report) {
    const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    for (const finding of report.findings)
        if (!finding.suppressed)
            counts[finding.severity] += 1;
    return counts;
}


/***/ }),

/***/ 6916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ main_run)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var lib_core = __webpack_require__(6058);
// EXTERNAL MODULE: ./actions/lib/errors.ts
var errors = __webpack_require__(2863);
// EXTERNAL MODULE: ./actions/lib/run.ts
var run = __webpack_require__(7667);
// EXTERNAL MODULE: ./actions/lib/inputs.ts
var lib_inputs = __webpack_require__(7721);
// EXTERNAL MODULE: ./actions/lib/summary.ts
var summary = __webpack_require__(7834);
// EXTERNAL MODULE: ./actions/lib/outputs.ts
var outputs = __webpack_require__(3932);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./actions/security-scan/src/findings.ts

const SCANNERS = ['dependencies', 'secrets', 'kubernetes', 'dockerfile', 'workflows', 'migrations', 'sarif'];
/**
 * Stable across line moves: the rule, the file and what was matched (whitespace collapsed),
 * never the line number. `occurrence` tells apart identical matches in one file.
 */
function fingerprint(ruleId, file, matchedContent, occurrence = 0) {
    const normalised = matchedContent.replace(/\s+/g, ' ').trim();
    return (0,external_node_crypto_.createHash)('sha256').update(`${ruleId}\0${file}\0${normalised}\0${occurrence}`).digest('hex').slice(0, 32);
}
function ruleList(table) {
    return Object.entries(table).map(([id, rule]) => ({ id, ...rule }));
}
/** A rule-table scanner's hits as findings: severity and fix from the rule, and a fingerprint of their own. */
function findingsFromHits(scanner, rules, hits) {
    return withOccurrences(hits).map(({ ruleId, file, line, message, fingerprint }) => ({
        ruleId,
        severity: rules[ruleId].severity,
        scanner,
        message,
        file,
        line,
        fix: rules[ruleId].fix,
        fixable: true,
        fingerprint,
    }));
}
/** Numbers the repeats of the same fingerprint so each finding keeps its own. */
function withOccurrences(items) {
    const seen = new Map();
    return items.map((item) => {
        const key = `${item.ruleId}\0${item.file}\0${item.content.replace(/\s+/g, ' ').trim()}`;
        const occurrence = seen.get(key) ?? 0;
        seen.set(key, occurrence + 1);
        return { ...item, fingerprint: fingerprint(item.ruleId, item.file, item.content, occurrence) };
    });
}
/** 1-based line of a character offset, with the line starts computed once per file. */
function lineLocator(text) {
    const starts = [0];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
        starts.push(index + 1);
    return (offset) => {
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if ((starts[middle] ?? 0) <= offset)
                low = middle;
            else
                high = middle - 1;
        }
        return low + 1;
    };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./actions/lib/paths.ts
var paths = __webpack_require__(7990);
// EXTERNAL MODULE: ./actions/lib/security-report.ts
var security_report = __webpack_require__(5289);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/api.js
var api = __webpack_require__(3759);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/iso.js



function datetime(params) {
    return core._isoDateTime(ZodISODateTime, params);
}
function date(params) {
    return api/* _isoDate */.db(schemas/* ZodISODate */.Brp, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}

;// CONCATENATED MODULE: ./actions/security-scan/src/policy.ts



const isoDate = date({ error: 'an ISO date such as 2026-12-31' });
const ignoreEntrySchema = schemas/* strictObject */.rej({
    /** A rule id, or a glob over rule ids such as `k8s/*`. */
    rule: schemas/* string */.YjP().min(1).optional(),
    /** A glob over the finding's file, relative to the workspace: `deploy/**`, `*.yaml`. */
    path: schemas/* string */.YjP().min(1).optional(),
    fingerprint: schemas/* string */.YjP().min(1).optional(),
    reason: schemas/* string */.YjP({ error: 'a reason (why this is acceptable)' }).trim().min(1, { error: 'a reason (why this is acceptable)' }),
    expires: isoDate,
})
    .refine((entry) => entry.rule !== undefined || entry.fingerprint !== undefined, {
    error: 'a rule (with an optional path) or a fingerprint',
});
const ignoreFileSchema = schemas/* strictObject */.rej({ ignore: schemas/* array */.YOg(ignoreEntrySchema).default([]) });
/** Where in a policy file a problem is: `ignore[0].reason`, or `the file` for the document itself. */
function describeIssuePath(path) {
    return path.length === 0
        ? 'the file'
        : path
            .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`))
            .join('')
            .replace(/^\./, '');
}
function parseIgnoreFile(source, document) {
    const result = ignoreFileSchema.safeParse(document ?? {});
    if (result.success)
        return result.data.ignore;
    const problems = result.error.issues.map((issue) => `${describeIssuePath(issue.path)}: expected ${issue.message}`);
    throw new errors/* ConfigurationError */.j1(`Ignore file ${source} is not valid: ${problems.join('; ')}.`);
}
/** `**` spans folders, `*` and `?` stay within one path segment. */
function globToRegExp(glob) {
    let pattern = '';
    for (let index = 0; index < glob.length; index++) {
        const character = glob[index] ?? '';
        if (glob.startsWith('**/', index)) {
            pattern += '(?:.*/)?';
            index += 2;
        }
        else if (glob.startsWith('**', index)) {
            pattern += '.*';
            index += 1;
        }
        else if (character === '*') {
            pattern += '[^/]*';
        }
        else if (character === '?') {
            pattern += '[^/]';
        }
        else {
            pattern += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        }
    }
    return new RegExp(`^${pattern}$`);
}
/** Rule ids are names, not paths: `*` matches any characters, `/` included (`k8s/*`, `*`). */
function ruleGlobToRegExp(glob) {
    return new RegExp(`^${glob
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`);
}
function entryMatches(entry, finding) {
    if (entry.fingerprint !== undefined)
        return entry.fingerprint === finding.fingerprint;
    if (entry.rule === undefined || !ruleGlobToRegExp(entry.rule).test(finding.ruleId))
        return false;
    return entry.path === undefined || (finding.file !== undefined && globToRegExp(entry.path).test(finding.file));
}
function describeEntry(entry) {
    if (entry.fingerprint !== undefined)
        return `fingerprint ${entry.fingerprint}`;
    return entry.path === undefined ? `rule ${entry.rule}` : `rule ${entry.rule} at ${entry.path}`;
}
/** One policy for every scanner: suppressions, baseline, then the severity gate. */
function applyPolicy(findings, policy) {
    const active = policy.ignoreEntries.filter((entry) => entry.expires >= policy.today);
    const expired = policy.ignoreEntries.filter((entry) => entry.expires < policy.today).map((entry) => ({ ...entry, matches: 0 }));
    const used = new Set();
    const threshold = policy.failOnSeverity === 'none' ? Infinity : (0,security_report/* severityRank */.qs)(policy.failOnSeverity);
    const evaluated = findings.map((finding) => {
        const suppressor = active.find((entry) => entryMatches(entry, finding));
        if (suppressor)
            used.add(suppressor);
        for (const entry of expired)
            if (entryMatches(entry, finding))
                entry.matches += 1;
        const isNew = policy.baseline === undefined || !policy.baseline.has(finding.fingerprint);
        const counted = suppressor === undefined && (0,security_report/* severityRank */.qs)(finding.severity) >= threshold && (!policy.fixableOnly || finding.fixable) && (!policy.newFindingsOnly || isNew);
        return {
            ...finding,
            suppressed: suppressor !== undefined,
            ...(suppressor ? { suppressedBy: `${describeEntry(suppressor)}: ${suppressor.reason} (until ${suppressor.expires})` } : {}),
            new: isNew,
            counted,
        };
    });
    const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0, total: 0, new: 0 };
    for (const finding of evaluated) {
        if (finding.suppressed)
            continue;
        counts[finding.severity] += 1;
        counts.total += 1;
        if (finding.new)
            counts.new += 1;
    }
    return {
        findings: evaluated,
        counts,
        expired,
        stale: active.filter((entry) => !used.has(entry)),
        passed: policy.unavailableScanners.length === 0 && !evaluated.some((finding) => finding.counted),
    };
}
function sortBySeverity(findings) {
    return [...findings].sort((a, b) => (0,security_report/* severityRank */.qs)(b.severity) - (0,security_report/* severityRank */.qs)(a.severity) || (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
}

;// CONCATENATED MODULE: ./actions/security-scan/src/scanners/secret-rules.json
const secret_rules_namespaceObject = /*#__PURE__*/JSON.parse('{"rules":[{"id":"secrets/aws-access-key-id","title":"AWS access key id","severity":"critical","regex":"\\\\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16})\\\\b","keywords":["akia","asia","agpa","aida","aroa","anpa","anva","aipa"],"allow":"EXAMPLE$"},{"id":"secrets/aws-secret-access-key","title":"AWS secret access key","severity":"critical","regex":"aws_?secret_?access_?key\\\\W{0,5}\\\\s*[:=]\\\\s*[\\"\']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])","flags":"i","keywords":["secret_access_key","secretaccesskey"],"entropy":3.5,"allow":"EXAMPLEKEY$"},{"id":"secrets/gcp-api-key","title":"Google Cloud API key","severity":"high","regex":"\\\\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])","keywords":["aiza"]},{"id":"secrets/github-token","title":"GitHub token","severity":"critical","regex":"\\\\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\\\\b","keywords":["ghp_","gho_","ghu_","ghs_","ghr_","github_pat_"]},{"id":"secrets/private-key","title":"Private key","severity":"critical","regex":"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----\\\\s*((?:[A-Za-z0-9+/=:,]|-(?!----))(?:[A-Za-z0-9+/=\\\\s:,]|-(?!----)){63,}?)-----END","keywords":["private key"]},{"id":"secrets/slack-token","title":"Slack token","severity":"high","regex":"\\\\b(xox[baprs]-[0-9A-Za-z]{10,48}(?:-[0-9A-Za-z]{10,48}){1,3})\\\\b","keywords":["xoxb-","xoxa-","xoxp-","xoxr-","xoxs-"]},{"id":"secrets/slack-webhook","title":"Slack incoming webhook","severity":"high","regex":"https://hooks\\\\.slack\\\\.com/services/(T[A-Z0-9]{8,}/B[A-Z0-9]{8,}/[A-Za-z0-9]{20,})","keywords":["hooks.slack.com"],"allow":"^T0+/B0+/X+$"},{"id":"secrets/stripe-key","title":"Stripe secret or restricted key","severity":"critical","regex":"\\\\b((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,99})\\\\b","keywords":["sk_live_","sk_test_","rk_live_","rk_test_"]},{"id":"secrets/database-url-password","title":"Database URL with a password","severity":"high","regex":"\\\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\\\+srv)?|redis|rediss|amqps?|mssql)://[^:/\\\\s@\'\\"]+:([^@/\\\\s\'\\"]{6,})@[^\\\\s\'\\"]+","keywords":["postgres://","postgresql://","mysql://","mariadb://","mongodb://","mongodb+srv://","redis://","rediss://","amqp://","amqps://","mssql://"],"entropy":3,"allow":"^(\\\\$\\\\{?[A-Za-z_][\\\\w.]*\\\\}?|\\\\$\\\\(.*\\\\)|<[^>]*>|\\\\{\\\\{.*\\\\}\\\\}|%[^%]+%|password|changeme|secret|example|x+|\\\\*+)$"},{"id":"secrets/jwt","title":"JSON Web Token","severity":"medium","regex":"(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,}\\\\.eyJ[A-Za-z0-9_-]{10,}\\\\.[A-Za-z0-9_-]{10,})","keywords":["eyj"]},{"id":"secrets/generic-high-entropy","title":"High-entropy value assigned to a secret-looking name","severity":"medium","regex":"(?:secret|token|passw(?:or)?d|pwd|api[_-]?key|access[_-]?key|client[_-]?secret|auth[_-]?key)[\\\\w.-]{0,20}[\\"\']?\\\\s*(?::|=|:=|=>)\\\\s*[\\"\']([A-Za-z0-9+/_=.~-]{20,})[\\"\']","flags":"i","keywords":["secret","token","password","passwd","pwd","api_key","apikey","api-key","access_key","accesskey","auth_key"],"entropy":4}]}');
;// CONCATENATED MODULE: ./actions/security-scan/src/scanners/secrets.ts





/** Why `new RegExp(source, flags)` throws, without the pattern repeated; undefined when it compiles. */
function regExpProblem(source, flags) {
    try {
        new RegExp(source, flags);
        return undefined;
    }
    catch (error) {
        return (0,errors/* describeError */.Uc)(error).replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
    }
}
/** A rule as data: the format of secret-rules.json and of a user's `secret-rules` file. */
const secretRuleSchema = schemas/* strictObject */.rej({
    id: schemas/* string */.YjP().min(1),
    title: schemas/* string */.YjP().min(1),
    severity: schemas/* enum */.k5n(security_report/* SEVERITIES */.oC),
    /** The first capture group is the secret; without a group, the whole match. */
    regex: schemas/* string */.YjP().min(1),
    flags: schemas/* string */.YjP()
        .regex(/^[imsu]*$/, { error: 'only the regular expression flags i, m, s and u' })
        .optional(),
    /** Cheap pre-filter: the regex runs only on text containing one of these (case-insensitive). */
    keywords: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).default([]),
    /** Minimum Shannon entropy (bits per character) of the secret; filters placeholders and words. */
    entropy: schemas/* number */.aig().min(0).max(8).optional(),
    /** Secrets matching this regex are placeholders, not secrets. */
    allow: schemas/* string */.YjP().optional(),
})
    // Checked here, not when compiling, so that a bad pattern is reported at its field (`rules[0].regex`).
    .superRefine((rule, context) => {
    const flagsProblem = regExpProblem('', `g${rule.flags ?? ''}`);
    if (flagsProblem !== undefined)
        context.addIssue({ code: 'custom', path: ['flags'], message: `not valid regular expression flags: ${flagsProblem}` });
    const regexProblem = flagsProblem === undefined ? regExpProblem(rule.regex, `g${rule.flags ?? ''}`) : regExpProblem(rule.regex, 'g');
    if (regexProblem !== undefined)
        context.addIssue({ code: 'custom', path: ['regex'], message: `not a valid regular expression: ${regexProblem}` });
    const allowProblem = rule.allow === undefined ? undefined : regExpProblem(rule.allow, 'i');
    if (allowProblem !== undefined)
        context.addIssue({ code: 'custom', path: ['allow'], message: `not a valid regular expression: ${allowProblem}` });
});
const secretRulesFileSchema = schemas/* strictObject */.rej({ rules: schemas/* array */.YOg(secretRuleSchema) });
const BUILT_IN_SECRET_RULES = secretRulesFileSchema.parse(secret_rules_namespaceObject).rules;
const SECRET_FIX = 'Revoke and rotate the secret, remove it from the code (and from history), and load it from a secret store at run time.';
function secretRulesMetadata(rules) {
    return rules.map(({ id, severity, title }) => ({ id, severity, title, fix: SECRET_FIX }));
}
/** Built-in rules plus the user's; a user rule with a built-in id replaces it. */
function compileSecretRules(userRules = [], source = 'secret rules') {
    const byId = new Map();
    for (const rule of [...BUILT_IN_SECRET_RULES, ...userRules])
        byId.set(rule.id, rule);
    return [...byId.values()].map((rule) => {
        try {
            return {
                ...rule,
                pattern: new RegExp(rule.regex, `g${rule.flags ?? ''}`),
                allowPattern: rule.allow === undefined ? undefined : new RegExp(rule.allow, 'i'),
                lowerKeywords: rule.keywords.map((keyword) => keyword.toLowerCase()),
            };
        }
        catch (error) {
            throw new errors/* ConfigurationError */.j1(`${source}: rule "${rule.id}" has an invalid regular expression: ${String(error)}`);
        }
    });
}
function shannonEntropy(text) {
    const counts = new Map();
    for (const character of text)
        counts.set(character, (counts.get(character) ?? 0) + 1);
    let entropy = 0;
    for (const count of counts.values()) {
        const share = count / text.length;
        entropy -= share * Math.log2(share);
    }
    return entropy;
}
/** Long tokens keep their 4 leading characters (the kind of key: `ghp_`, `AKIA`); nothing else of a secret is shown, nor its length. */
function redactSecret(secret) {
    return `${secret.length >= 20 ? secret.slice(0, 4) : ''}****`;
}
/** Every secret in one text. The returned findings carry only redacted matches. */
function scanForSecrets(file, text, rules, context = {}) {
    const lowerText = text.toLowerCase();
    const locate = lineLocator(text);
    const findings = [];
    const occurrences = new Map();
    for (const rule of rules) {
        if (rule.lowerKeywords.length > 0 && !rule.lowerKeywords.some((keyword) => lowerText.includes(keyword)))
            continue;
        rule.pattern.lastIndex = 0;
        for (const match of text.matchAll(rule.pattern)) {
            const secret = secretOf(match);
            if (secret === '')
                continue;
            if (rule.allowPattern?.test(secret))
                continue;
            if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy)
                continue;
            const key = `${rule.id}\0${secret}`;
            const occurrence = occurrences.get(key) ?? 0;
            occurrences.set(key, occurrence + 1);
            const textLine = locate(match.index);
            const redactedMatch = oneLine(secret === match[0] ? redactSecret(secret) : match[0].split(secret).join(redactSecret(secret)));
            const where = context.commit ? ` (added in commit ${context.commit.slice(0, 12)})` : '';
            findings.push({
                ruleId: rule.id,
                severity: rule.severity,
                scanner: 'secrets',
                message: `${rule.title}: ${redactedMatch}${where}`,
                file,
                line: context.lineOfFile ? context.lineOfFile(textLine) : textLine,
                fix: SECRET_FIX,
                fixable: true,
                fingerprint: fingerprint(rule.id, file, secret, occurrence),
                match: redactedMatch,
            });
        }
    }
    return findings;
}
/**
 * The first capture group, or the whole match when the group is empty, absent or reaches outside
 * the match (a group in a lookahead): replacing an empty group would print the secret character by
 * character between masks, and a group outside the match would leave the match unredacted.
 */
function secretOf(match) {
    const group = match[1];
    return group !== undefined && group !== '' && match[0].includes(group) ? group : match[0];
}
function oneLine(text) {
    const flat = text.replace(/\s+/g, ' ');
    return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
/** The added lines of `git log -p --unified=0` output, one block per hunk. */
function splitGitLog(log) {
    const hunks = [];
    let commit = '';
    let file;
    let block = [];
    let blockStart = 0;
    const flush = () => {
        if (file !== undefined && block.length > 0)
            hunks.push({ commit, file, firstLine: blockStart, text: block.join('\n') });
        block = [];
    };
    for (const line of log.split('\n')) {
        if (line.startsWith('commit ') && /^commit [0-9a-f]{40}$/.test(line)) {
            flush();
            commit = line.slice(7);
            file = undefined;
        }
        else if (line.startsWith('+++ ')) {
            flush();
            file = line === '+++ /dev/null' ? undefined : line.replace(/^\+\+\+ b\//, '');
        }
        else if (line.startsWith('@@')) {
            flush();
            blockStart = Number(/\+(\d+)/.exec(line)?.[1] ?? 1);
        }
        else if (line.startsWith('+')) {
            block.push(line.slice(1));
        }
        else if (line.startsWith('diff --git')) {
            flush();
            file = undefined;
        }
    }
    flush();
    return hunks;
}

;// CONCATENATED MODULE: ./actions/security-scan/src/input-files.ts








const DEFAULT_IGNORE_FILE = '.security-ignore.yml';
/**
 * The real path (symbolic links followed) that a path input names, relative to the workspace;
 * undefined when nothing is there. Anything outside the workspace is refused: the action reads
 * what it is pointed at and writes parts of it into the report and the summary.
 */
async function workspacePath(input, value, workspace) {
    const path = (0,external_node_path_.resolve)(workspace, value);
    let real;
    try {
        real = await (0,promises_.realpath)(path);
    }
    catch (error) {
        const code = error.code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'ENAMETOOLONG')
            throw error;
    }
    if (!(0,paths/* isWithin */.U)(real ?? path, workspace))
        throw new errors/* ConfigurationError */.j1(`Input "${input}" has value "${(0,errors/* abbreviate */.Sm)(value)}": expected a path inside the workspace.`);
    return real;
}
async function readOptionalFile(input, value, workspace) {
    const path = await workspacePath(input, value, workspace);
    return path === undefined ? undefined : (0,promises_.readFile)(path, 'utf8');
}
/** The file an input names, relative to the workspace. */
async function readRequiredFile(input, value, workspace) {
    const text = await readOptionalFile(input, value, workspace).catch((error) => {
        if (error.code === 'EISDIR')
            return undefined;
        throw error;
    });
    if (text === undefined)
        throw new errors/* ConfigurationError */.j1(`Input "${input}" has value "${(0,errors/* abbreviate */.Sm)(value)}": expected an existing file inside the workspace.`);
    return text;
}
function parseDocument(input, path, text) {
    try {
        return (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`Input "${input}" names ${path}, which is not valid YAML or JSON: ${(0,errors/* describeError */.Uc)(error)}`);
    }
}
/** The suppressions of `ignore-file`: none when the default file is absent, an error when a named one is. */
async function readIgnoreEntries(inputs, workspace) {
    const ignoreText = await (inputs['ignore-file'] === DEFAULT_IGNORE_FILE
        ? readOptionalFile('ignore-file', inputs['ignore-file'], workspace)
        : readRequiredFile('ignore-file', inputs['ignore-file'], workspace));
    return ignoreText === undefined ? [] : parseIgnoreFile(inputs['ignore-file'], parseDocument('ignore-file', inputs['ignore-file'], ignoreText));
}
/** The built-in secret rules and those of `secret-rules`, compiled. */
async function readSecretRules(inputs, workspace) {
    let userSecretRules;
    if (inputs['secret-rules'] !== undefined) {
        const text = await readRequiredFile('secret-rules', inputs['secret-rules'], workspace);
        const parsed = secretRulesFileSchema.safeParse(parseDocument('secret-rules', inputs['secret-rules'], text));
        if (!parsed.success) {
            throw new errors/* ConfigurationError */.j1(`Secret rules file ${inputs['secret-rules']} is not valid: ${parsed.error.issues.map((issue) => `${describeIssuePath(issue.path)}: ${issue.message}`).join('; ')}.`);
        }
        userSecretRules = parsed.data.rules;
    }
    return compileSecretRules(userSecretRules, inputs['secret-rules']);
}
/** The fingerprints of the `baseline` report, which new-findings-only compares against. */
async function readBaseline(inputs, workspace) {
    let baseline;
    if (inputs.baseline !== undefined) {
        const text = await readRequiredFile('baseline', inputs.baseline, workspace);
        const parsed = security_report/* securityReportSchema */.Sj.safeParse(parseDocument('baseline', inputs.baseline, text));
        if (!parsed.success)
            throw new errors/* ConfigurationError */.j1(`Input "baseline" has value "${inputs.baseline}": expected a security-scan JSON report (version 1).`);
        baseline = new Set(parsed.data.findings.map((finding) => finding.fingerprint));
    }
    else if (inputs['new-findings-only']) {
        throw new errors/* ConfigurationError */.j1('Input "new-findings-only" is true but "baseline" is not set: expected the path of a previous report to compare against.');
    }
    return baseline;
}
/** The folders of `migration-paths`, relative to the workspace and `/`-separated as the tree's paths are (`.` for all of it). */
async function readMigrationFolders(inputs, workspace) {
    const folders = [];
    for (const value of inputs['migration-paths'] ?? []) {
        const path = await workspacePath('migration-paths', value, workspace);
        const stats = path === undefined ? undefined : await (0,promises_.stat)(path);
        if (path === undefined || !stats?.isDirectory())
            throw new errors/* ConfigurationError */.j1(`Input "migration-paths" has value "${(0,errors/* abbreviate */.Sm)(value)}": expected existing folders inside the workspace.`);
        folders.push((0,external_node_path_.relative)(workspace, path).split(external_node_path_.sep).join('/') || '.');
    }
    return folders;
}

// EXTERNAL MODULE: ./actions/lib/git.ts
var git = __webpack_require__(8850);
;// CONCATENATED MODULE: ./actions/security-scan/src/inputs.ts



const HISTORY_EXPECTED = 'a git revision or range such as origin/main..HEAD, HEAD~5..HEAD or a commit SHA (revisions only, no options or spaces)';
const securityScanInputs = {
    scanners: lib_inputs/* input */.h
        .list(`scanners among ${SCANNERS.join(', ')}`)
        .refine((names) => names.every((name) => SCANNERS.includes(name)), { error: `scanners among ${SCANNERS.join(', ')}` })
        .optional(),
    path: lib_inputs/* input */.h.path('a folder to scan').default('.'),
    history: lib_inputs/* input */.h.text(HISTORY_EXPECTED).refine(git/* isRevisionRange */.p8, { error: HISTORY_EXPECTED }).optional(),
    'migration-paths': lib_inputs/* input */.h.globs('folders holding SQL migrations, newline or comma separated').optional(),
    'secret-rules': lib_inputs/* input */.h.path('the path of a YAML or JSON file of secret rules').optional(),
    'sarif-files': lib_inputs/* input */.h.globs('SARIF file globs, newline or comma separated').optional(),
    'fail-on-severity': lib_inputs/* input */.h.oneOf(['critical', 'high', 'medium', 'low', 'none']).default('high'),
    'fail-on-fixable-only': lib_inputs/* input */.h.boolean().default(false),
    'ignore-file': lib_inputs/* input */.h.path('the path of a suppression file').default('.security-ignore.yml'),
    baseline: lib_inputs/* input */.h.path('the path of a previous security-scan JSON report').optional(),
    'new-findings-only': lib_inputs/* input */.h.boolean().default(false),
};

;// CONCATENATED MODULE: ./actions/security-scan/src/report.ts

/** The JSON report (actions/lib/security-report.ts) that quality-gate and a later baseline read. */
function buildReport(outcome, scanners) {
    return {
        version: 1,
        findings: sortBySeverity(outcome.findings).map((finding) => ({
            id: finding.fingerprint,
            ruleId: finding.ruleId,
            severity: finding.severity,
            scanner: finding.tool ? `sarif:${finding.tool}` : finding.scanner,
            message: finding.message,
            ...(finding.file !== undefined ? { file: finding.file } : {}),
            ...(finding.line !== undefined ? { line: finding.line } : {}),
            suppressed: finding.suppressed,
            ...(finding.suppressedBy !== undefined ? { suppressedBy: finding.suppressedBy } : {}),
            fingerprint: finding.fingerprint,
            ...(finding.fix !== undefined ? { fix: finding.fix } : {}),
            fixable: finding.fixable,
            new: finding.new,
            ...(finding.match !== undefined ? { match: finding.match } : {}),
            ...(finding.package !== undefined ? { package: finding.package } : {}),
        })),
        counts: outcome.counts,
        scanners,
        passed: outcome.passed,
    };
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./actions/lib/sarif.ts


/** GitHub code scanning's upload limits. */
const SARIF_LIMITS = { resultsPerRun: 25_000, gzippedBytes: 10 * 1024 * 1024 };
const LEVELS = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** A result's level in another tool's SARIF, read as a severity. */
const SEVERITY_OF_LEVEL = { error: 'high', warning: 'medium', note: 'low', none: 'info' };
/** Written so that GitHub reads each severity back (see severityOfScore). */
const SECURITY_SEVERITY = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: undefined };
/** GitHub's reading of a `security-severity` score: ≥ 9 critical, ≥ 7 high, ≥ 4 medium, > 0 low; 0 is no severity. */
function severityOfScore(score) {
    if (score <= 0)
        return undefined;
    return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
}
const FINGERPRINT_KEY = 'inventoryDevopsFingerprint/v1';
/**
 * SARIF 2.1.0 within GitHub's limits: each run keeps its most severe results up to
 * 25,000, then the upload is cut further while it exceeds 10 MB gzipped. Every cut is
 * returned as a note and written into the run as a tool notification.
 */
function buildSarif(runs) {
    const categories = new Set();
    for (const run of runs) {
        if (categories.has(run.category))
            throw new Error(`Two SARIF runs share the category "${run.category}"`);
        categories.add(run.category);
    }
    let limit = SARIF_LIMITS.resultsPerRun;
    for (;;) {
        const notes = [];
        const log = {
            $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
            version: '2.1.0',
            runs: runs.map((run) => sarifRun(run, limit, notes)),
        };
        const largest = Math.max(0, ...runs.map((run) => run.results.length));
        if (largest <= 1 || limit <= 1 || (0,external_node_zlib_.gzipSync)(JSON.stringify(log)).length <= SARIF_LIMITS.gzippedBytes)
            return { log, notes };
        limit = Math.floor(Math.min(limit, largest) * 0.8);
    }
}
function sarifRun(run, limit, notes) {
    const ruleIndex = new Map(run.rules.map((rule, index) => [rule.id, index]));
    const kept = [...run.results].sort((a, b) => (0,security_report/* severityRank */.qs)(b.severity) - (0,security_report/* severityRank */.qs)(a.severity)).slice(0, limit);
    const notifications = [];
    if (kept.length < run.results.length) {
        const note = `${run.category}: ${run.results.length - kept.length} of ${run.results.length} results left out of the SARIF to stay within GitHub's limits (the JSON report has them all).`;
        notes.push(note);
        notifications.push({ level: 'warning', message: { text: note } });
    }
    return {
        tool: {
            driver: {
                name: run.toolName,
                ...(run.toolVersion ? { version: run.toolVersion } : {}),
                ...(run.informationUri ? { informationUri: run.informationUri } : {}),
                rules: run.rules.map(sarifRule),
            },
        },
        automationDetails: { id: run.category },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: kept.map((result) => sarifResult(result, ruleIndex.get(result.ruleId))),
    };
}
function sarifRule(rule) {
    const securitySeverity = SECURITY_SEVERITY[rule.severity];
    return {
        id: rule.id,
        name: rule.id.replace(/[^A-Za-z0-9]+(.)?/g, (_, next) => (next ?? '').toUpperCase()),
        shortDescription: { text: rule.title },
        fullDescription: { text: rule.title },
        ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
        help: { text: rule.fix ?? rule.title, markdown: `**Fix:** ${rule.fix ?? rule.title}` },
        defaultConfiguration: { level: LEVELS[rule.severity] },
        properties: { tags: ['security'], precision: 'high', ...(securitySeverity ? { 'security-severity': securitySeverity } : {}) },
    };
}
function sarifResult(result, ruleIndex) {
    return {
        ruleId: result.ruleId,
        ...(ruleIndex !== undefined ? { ruleIndex } : {}),
        level: LEVELS[result.severity],
        message: { text: result.message },
        locations: result.file
            ? [
                {
                    physicalLocation: {
                        artifactLocation: { uri: encodeURI(result.file) },
                        ...(result.line ? { region: { startLine: result.line } } : {}),
                    },
                },
            ]
            : [],
        partialFingerprints: { [FINGERPRINT_KEY]: result.fingerprint },
        ...(result.suppression ? { suppressions: [{ kind: 'external', status: 'accepted', justification: result.suppression }] } : {}),
    };
}

;// CONCATENATED MODULE: ./actions/security-scan/src/sarif-runs.ts


/**
 * One SARIF run per scanner that ran (and per tool of ingested SARIF), each with its own
 * category. A scanner that was unavailable writes no run: an empty run would tell code
 * scanning that every earlier alert of that category is fixed.
 */
function buildSarifRuns(findings, scanners, rules, ingestedRules) {
    const runs = [];
    const results = (selected) => selected.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.fix ? `${finding.message} Fix: ${finding.fix}` : finding.message,
        file: finding.file,
        line: finding.line,
        fingerprint: finding.fingerprint,
        suppression: finding.suppressedBy,
    }));
    for (const [scanner, status] of Object.entries(scanners)) {
        if (status.status !== 'ok' || scanner === 'sarif')
            continue;
        const own = findings.filter((finding) => finding.scanner === scanner);
        runs.push({
            category: `security-scan/${scanner}`,
            toolName: `inventory-devops security-scan (${scanner})`,
            toolVersion: package_namespaceObject.rE,
            informationUri: 'https://github.com/acme/inventory-devops/tree/main/actions/security-scan',
            rules: ruleMetadata(rules.get(scanner) ?? [], own),
            results: results(own),
        });
    }
    for (const [tool, toolRules] of ingestedRules) {
        const own = findings.filter((finding) => finding.scanner === 'sarif' && finding.tool === tool);
        runs.push({ category: `security-scan/sarif/${tool}`, toolName: tool, rules: toolRules, results: results(own) });
    }
    return buildSarif(runs);
}
/** The scanner's rule table, plus rules known only from findings (advisories). */
function ruleMetadata(known, findings) {
    const rules = known.map((rule) => ({ ...rule }));
    for (const finding of findings) {
        if (rules.some((rule) => rule.id === finding.ruleId))
            continue;
        const advisory = finding.package;
        rules.push({
            id: finding.ruleId,
            severity: finding.severity,
            title: advisory ? `Vulnerable dependency ${advisory.name} (${advisory.advisory})` : finding.ruleId,
            fix: finding.fix ?? '',
            ...(finding.ruleId.startsWith('GHSA-') ? { helpUri: `https://github.com/advisories/${finding.ruleId}` } : {}),
        });
    }
    return rules;
}

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 2 modules
var exec = __webpack_require__(5260);
// EXTERNAL MODULE: ./node_modules/@actions/glob/lib/glob.js + 17 modules
var glob = __webpack_require__(2377);
;// CONCATENATED MODULE: ./actions/security-scan/src/scanners/dependencies.ts

/** Lockfiles of package managers whose audit this action does not run (yet): found and reported as not scanned. */
const UNSCANNED_LOCKFILES = {
    'pnpm-lock.yaml': 'pnpm',
    'yarn.lock': 'yarn',
};
function object(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
const NPM_SEVERITIES = { critical: 'critical', high: 'high', moderate: 'medium', low: 'low', info: 'info' };
/**
 * Maps the output of `npm audit --json` (auditReportVersion 2) for one lockfile to findings:
 * one per advisory and installed copy of the vulnerable package. Output without a
 * vulnerability report (a registry error, a refused endpoint, no JSON) is `ok: false`,
 * never an empty list.
 */
function mapNpmAudit(lockfile, lockfileText, auditOutput) {
    let audit;
    try {
        audit = object(JSON.parse(auditOutput));
    }
    catch {
        return { ok: false, reason: `npm audit printed no JSON report for ${lockfile}` };
    }
    if (audit.auditReportVersion !== 2 || typeof audit.vulnerabilities !== 'object' || audit.vulnerabilities === null) {
        const message = typeof audit.message === 'string' ? audit.message : JSON.stringify(object(audit.error));
        return { ok: false, reason: `npm audit could not get advisories for ${lockfile}: ${message}` };
    }
    // npm counts the entries of `vulnerabilities` in metadata; a count that is not a whole number, or
    // that disagrees with the entries, is a report this action cannot trust, never "0 findings".
    const listed = Object.keys(audit.vulnerabilities).length;
    const total = object(object(audit.metadata).vulnerabilities).total;
    if (total !== undefined && (typeof total !== 'number' || !Number.isSafeInteger(total) || total !== listed)) {
        return { ok: false, reason: `npm audit's report for ${lockfile} counts ${JSON.stringify(total)} vulnerable packages but lists ${listed}` };
    }
    const packages = object(object(JSON.parse(lockfileText)).packages);
    const locate = lineLocator(lockfileText);
    const findings = [];
    for (const vulnerability of Object.values(object(audit.vulnerabilities)).map(object)) {
        const name = String(vulnerability.name);
        const nodes = Array.isArray(vulnerability.nodes) ? vulnerability.nodes.map(String) : [];
        const fixAvailable = vulnerability.fixAvailable;
        for (const advisory of (Array.isArray(vulnerability.via) ? vulnerability.via : []).filter((via) => typeof via === 'object').map(object)) {
            const advisoryId = advisoryIdOf(advisory);
            const range = String(advisory.range ?? '');
            for (const node of nodes) {
                const version = String(object(packages[node]).version ?? 'unknown');
                const fixVersion = firstFixedVersion(range, version);
                const dependencyPath = dependencyPathTo(packages, node);
                const offset = lockfileText.indexOf(`"${node}"`);
                findings.push({
                    ruleId: advisoryId,
                    severity: NPM_SEVERITIES[String(advisory.severity)] ?? 'high',
                    scanner: 'dependencies',
                    message: `${name} ${version}: ${String(advisory.title ?? advisoryId)} (${advisoryId}, vulnerable ${range || 'versions unknown'}), via ${dependencyPath.join(' > ')}`,
                    file: lockfile,
                    line: offset === -1 ? 1 : locate(offset),
                    fix: describeFix(name, fixVersion, fixAvailable),
                    fixable: fixAvailable !== false && fixAvailable !== undefined,
                    fingerprint: fingerprint(advisoryId, lockfile, `${node}@${version}`),
                    package: { name, version, advisory: advisoryId, ...(fixVersion ? { fixVersion } : {}), dependencyPath },
                });
            }
        }
    }
    return { ok: true, findings };
}
function advisoryIdOf(advisory) {
    const ghsa = /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/.exec(String(advisory.url ?? ''));
    return ghsa ? ghsa[0] : `npm-advisory-${String(advisory.source)}`;
}
function describeFix(name, fixVersion, fixAvailable) {
    const upgrade = fixVersion ? `Upgrade ${name} to ${fixVersion} or later` : `Upgrade ${name} to a version outside the vulnerable range`;
    const npmFix = object(fixAvailable);
    if (typeof npmFix.name === 'string') {
        return `${upgrade}: npm install ${npmFix.name}@${String(npmFix.version)}${npmFix.isSemVerMajor === true ? ' (a major upgrade)' : ''}.`;
    }
    if (fixAvailable === true)
        return `${upgrade}: npm audit fix.`;
    return `${upgrade}; no fix reachable through the current dependents yet.`;
}
/**
 * The upper bound (`<X`) of the comparator set of the advisory's vulnerable range that holds
 * the installed version: the first release without the flaw. `<=X` ranges name no fix.
 */
function firstFixedVersion(range, installed) {
    for (const comparatorSet of range.split('||')) {
        const comparators = comparatorSet.trim().split(/\s+/).filter(Boolean);
        const holdsInstalled = comparators.every((comparator) => satisfies(installed, comparator));
        const upper = comparators.find((comparator) => /^<\d/.test(comparator));
        if (holdsInstalled && upper)
            return upper.slice(1);
    }
    return undefined;
}
function satisfies(version, comparator) {
    const match = /^(<=|>=|<|>|=)?v?(\d.*)$/.exec(comparator);
    if (!match)
        return true;
    const order = compareVersions(version, match[2] ?? '0');
    switch (match[1]) {
        case '<':
            return order < 0;
        case '<=':
            return order <= 0;
        case '>':
            return order > 0;
        case '>=':
            return order >= 0;
        default:
            return order === 0;
    }
}
/** Numeric major.minor.patch order; a prerelease sorts before its release. */
function compareVersions(left, right) {
    const parse = (version) => {
        const [core = '', prerelease] = version.split('-', 2);
        return { parts: core.split('.').map((part) => Number(part) || 0), prerelease };
    };
    const a = parse(left);
    const b = parse(right);
    for (let index = 0; index < 3; index++) {
        const difference = (a.parts[index] ?? 0) - (b.parts[index] ?? 0);
        if (difference !== 0)
            return Math.sign(difference);
    }
    if (a.prerelease === b.prerelease)
        return 0;
    if (a.prerelease === undefined)
        return 1;
    if (b.prerelease === undefined)
        return -1;
    return a.prerelease < b.prerelease ? -1 : 1;
}
/**
 * Names from the root project to the package at `target` (a lockfile v2/v3 `packages` key),
 * following each package's dependencies the way Node resolves them (nearest node_modules up).
 */
function dependencyPathTo(packages, target) {
    const rootName = String(object(packages['']).name ?? '(root)');
    const previous = new Map([['', '']]);
    const queue = [''];
    for (let location = queue.shift(); location !== undefined; location = queue.shift()) {
        if (location === target)
            break;
        const entry = object(packages[location]);
        const dependencies = {
            ...object(entry.dependencies),
            ...object(entry.optionalDependencies),
            ...object(entry.devDependencies),
            ...object(entry.peerDependencies),
        };
        for (const name of Object.keys(dependencies)) {
            const resolved = resolveLocation(packages, location, name);
            if (resolved === undefined || previous.has(resolved))
                continue;
            previous.set(resolved, location);
            queue.push(resolved);
        }
    }
    if (!previous.has(target))
        return [rootName, packageNameOf(target)];
    const path = [];
    for (let location = target; location !== ''; location = previous.get(location) ?? '')
        path.unshift(packageNameOf(location));
    return [rootName, ...path];
}
function resolveLocation(packages, from, name) {
    for (let base = from;; base = parentPackage(base)) {
        const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
        if (candidate in packages)
            return candidate;
        if (base === '')
            return undefined;
    }
}
function parentPackage(location) {
    const index = location.lastIndexOf('/node_modules/');
    return index === -1 ? '' : location.slice(0, index);
}
function packageNameOf(location) {
    return location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

;// CONCATENATED MODULE: ./actions/security-scan/src/scanners/sarif.ts


function sarif_object(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
function array(value) {
    return Array.isArray(value) ? value.map(sarif_object) : [];
}
/**
 * A `security-severity` as GitHub reads it: a CVSS-like score from 0 to 10, as a number or a
 * decimal string. Anything else ("NaN", "Infinity", "0x10", 99, true) is no score at all.
 */
function securitySeverityScore(value) {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    if (!/^\d+(\.\d+)?$/.test(text))
        return undefined;
    const score = Number(text);
    return Number.isFinite(score) && score <= 10 ? score : undefined;
}
/** GitHub's reading of `security-severity`, else the SARIF level (`warning` when absent). */
function severityOf(source, rule, result) {
    const score = securitySeverityScore(sarif_object(result.properties)['security-severity'] ?? sarif_object(rule.properties)['security-severity']);
    const scored = score === undefined ? undefined : severityOfScore(score);
    if (scored !== undefined)
        return scored;
    const level = result.level ?? sarif_object(rule.defaultConfiguration).level ?? 'warning';
    const severity = typeof level === 'string' && Object.hasOwn(SEVERITY_OF_LEVEL, level) ? SEVERITY_OF_LEVEL[level] : undefined;
    if (severity === undefined)
        throw new Error(`${source} is not a valid SARIF log: a result has the level ${JSON.stringify(level).slice(0, 40)}, expected error, warning, note or none`);
    return severity;
}
/** A result's file: the URI decoded where it can be (`src/100%.ts` is kept as written). */
function fileOf(uri) {
    if (uri === '')
        return undefined;
    const path = uri.replace(/^file:\/\//, '');
    let decoded = path;
    try {
        decoded = decodeURI(path);
    }
    catch {
        // A lone `%` is not an escape: the URI names the file as written.
    }
    return decoded.replace(/^\.\//, '');
}
/** Results of another scanner's SARIF (Trivy, CodeQL, Semgrep...) as findings under this action's policy. */
function ingestSarif(source, text) {
    let log;
    try {
        log = sarif_object(JSON.parse(text));
    }
    catch (error) {
        throw new Error(`${source} is not JSON: ${String(error)}`);
    }
    if (!Array.isArray(log.runs))
        throw new Error(`${source} is not a SARIF log (no "runs" array)`);
    for (const [index, run] of log.runs.entries()) {
        const results = sarif_object(run).results;
        if (results !== undefined && results !== null && !Array.isArray(results))
            throw new Error(`${source} is not a valid SARIF log: runs[${index}].results is not an array`);
    }
    const findings = [];
    const rulesByTool = new Map();
    for (const run of array(log.runs)) {
        const driver = sarif_object(sarif_object(run.tool).driver);
        const tool = typeof driver.name === 'string' && driver.name !== '' ? driver.name : 'unknown-tool';
        const rules = array(driver.rules);
        const rulesById = new Map(rules.map((rule) => [String(rule.id), rule]));
        const toolRules = rulesByTool.get(tool) ?? [];
        rulesByTool.set(tool, toolRules);
        const seen = new Map();
        for (const result of array(run.results)) {
            const ruleId = String(result.ruleId ?? sarif_object(result.rule).id ?? 'unknown-rule');
            const rule = (typeof result.ruleIndex === 'number' ? rules[result.ruleIndex] : undefined) ?? rulesById.get(ruleId) ?? {};
            const severity = severityOf(source, rule, result);
            const location = sarif_object(array(result.locations)[0]?.physicalLocation);
            const uri = String(sarif_object(location.artifactLocation).uri ?? '');
            const file = fileOf(uri);
            const startLine = sarif_object(location.region).startLine;
            const line = typeof startLine === 'number' && Number.isInteger(startLine) && startLine > 0 ? startLine : undefined;
            const message = String(sarif_object(result.message).text ?? sarif_object(rule.shortDescription).text ?? ruleId);
            const partial = Object.values(sarif_object(result.partialFingerprints))[0];
            const content = typeof partial === 'string' ? partial : message;
            const key = `${ruleId}\0${file}\0${content}`;
            const occurrence = seen.get(key) ?? 0;
            seen.set(key, occurrence + 1);
            if (!toolRules.some((known) => known.id === ruleId)) {
                toolRules.push({
                    id: ruleId,
                    severity,
                    title: String(sarif_object(rule.shortDescription).text ?? ruleId),
                    fix: String(sarif_object(rule.help).text ?? sarif_object(rule.fullDescription).text ?? 'See the rule of the tool that reported it.').split('\n')[0] ?? '',
                });
            }
            findings.push({
                ruleId,
                severity,
                scanner: 'sarif',
                tool,
                message: `${tool}: ${message}`,
                ...(file ? { file } : {}),
                ...(line ? { line } : {}),
                fixable: array(result.fixes).length > 0,
                fingerprint: fingerprint(`${tool}/${ruleId}`, file ?? source, content, occurrence),
            });
        }
    }
    return { findings, rules: rulesByTool };
}

// EXTERNAL MODULE: ./actions/lib/regular-file.ts
var regular_file = __webpack_require__(3689);
;// CONCATENATED MODULE: ./actions/security-scan/src/scanners/dockerfile.ts


const DOCKERFILE_RULES = {
    'docker/root-user': {
        severity: 'high',
        title: 'Final stage runs as root',
        fix: 'Add `USER <non-root uid>` to the final stage (after the steps that need root).',
    },
    'docker/unpinned-base-image': {
        severity: 'medium',
        title: 'Base image not pinned by digest',
        fix: 'Pin the base image by digest: `FROM image:tag@sha256:<digest>`.',
    },
    'docker/add-url': {
        severity: 'medium',
        title: 'ADD of a remote URL',
        fix: 'Download with `RUN curl` and verify a checksum, or use `ADD --checksum=sha256:<digest>`.',
    },
    'docker/secret-in-env': {
        severity: 'high',
        title: 'Secret in ENV or ARG',
        fix: 'Pass the secret with `RUN --mount=type=secret` at build time or at run time, never in ENV/ARG (they stay in the image).',
    },
    'docker/apt-get-no-cleanup': {
        severity: 'low',
        title: 'apt-get install without cleaning the package lists',
        fix: 'End the same RUN with `&& rm -rf /var/lib/apt/lists/*`.',
    },
    'docker/missing-healthcheck': {
        severity: 'low',
        title: 'No HEALTHCHECK',
        fix: 'Add a `HEALTHCHECK CMD ...` to the final stage (or `HEALTHCHECK NONE` when the orchestrator probes it).',
    },
};
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
/** A line ending in a backslash (and blanks): the instruction goes on on the next line. */
const CONTINUATION = /\\\s*$/;
function isDockerfile(path) {
    const name = (0,external_node_path_.basename)(path);
    return /^(Dockerfile|Containerfile)(\..+)?$/.test(name) || name.endsWith('.Dockerfile');
}
/** Logical instructions: continuation lines joined, comments dropped, each with its first line. */
function parseDockerfile(text) {
    const instructions = [];
    const lines = text.split(/\r?\n/);
    for (let index = 0; index < lines.length; index++) {
        const first = lines[index] ?? '';
        if (first.trim() === '' || first.trimStart().startsWith('#'))
            continue;
        const line = index + 1;
        // Each line is tested on its own (not the joined text), so a long run of continuation lines stays linear.
        const parts = [];
        let current = first;
        while (CONTINUATION.test(current) && index + 1 < lines.length) {
            parts.push(current.replace(CONTINUATION, ' '));
            const next = lines[++index] ?? '';
            current = next.trimStart().startsWith('#') ? '\\' : next;
        }
        parts.push(current);
        const joined = parts.join('');
        // `[\s\S]*`, not `.*`: a lone \r or U+2028 inside the line would make `.*$` backtrack quadratically.
        const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(joined);
        if (match)
            instructions.push({ keyword: (match[1] ?? '').toUpperCase(), args: (match[2] ?? '').trim(), line });
    }
    return instructions;
}
function scanDockerfile(file, text) {
    const instructions = parseDockerfile(text);
    const hits = [];
    const hit = (ruleId, instruction, message, content = instruction.args) => hits.push({ ruleId, line: instruction.line, message, content: `${instruction.keyword} ${content}`, file });
    const globalArgs = new Map();
    const stageNames = new Set();
    let finalStage;
    let lastUser;
    let hasHealthcheck = false;
    for (const instruction of instructions) {
        const { keyword, args } = instruction;
        if (keyword === 'FROM') {
            const [image = '', , alias] = args.replace(/--platform=\S+\s*/, '').split(/\s+/);
            const resolved = image.replace(/\$\{?(\w+)\}?/g, (whole, name) => globalArgs.get(name) ?? whole);
            if (resolved !== 'scratch' && !stageNames.has(resolved) && !resolved.includes('@sha256:')) {
                hit('docker/unpinned-base-image', instruction, `FROM ${resolved} is not pinned by digest.`, resolved);
            }
            if (alias)
                stageNames.add(alias);
            finalStage = instruction;
            lastUser = undefined;
            hasHealthcheck = false;
        }
        else if (keyword === 'ARG' || keyword === 'ENV') {
            for (const [name, value] of parseAssignments(keyword, args)) {
                if (keyword === 'ARG' && finalStage === undefined && value !== undefined)
                    globalArgs.set(name, value);
                if (SECRET_NAME.test(name))
                    hit('docker/secret-in-env', instruction, `${keyword} ${name} puts a secret into the image (value not shown).`, name);
            }
        }
        else if (keyword === 'ADD') {
            const sources = args.split(/\s+/).filter((word) => !word.startsWith('--'));
            const verified = /--checksum=/.test(args);
            for (const source of sources.slice(0, -1)) {
                if (/^https?:\/\//i.test(source) && !verified)
                    hit('docker/add-url', instruction, `ADD downloads ${source} without verifying it.`, source);
            }
        }
        else if (keyword === 'RUN') {
            if (installsWithAptGet(args) && !/rm\s+-r?f?r?\s+\/var\/lib\/apt\/lists/.test(args)) {
                hit('docker/apt-get-no-cleanup', instruction, 'apt-get install leaves the package lists in the layer.');
            }
        }
        else if (keyword === 'USER') {
            lastUser = instruction;
        }
        else if (keyword === 'HEALTHCHECK') {
            hasHealthcheck = true;
        }
    }
    if (finalStage) {
        const user = lastUser?.args.split(':')[0];
        if (lastUser === undefined)
            hit('docker/root-user', finalStage, 'The final stage sets no USER, so the container runs as root.', 'no USER');
        else if (user === 'root' || user === '0')
            hit('docker/root-user', lastUser, `The final stage runs as ${lastUser.args}.`);
        if (!hasHealthcheck)
            hit('docker/missing-healthcheck', finalStage, 'The final stage has no HEALTHCHECK.', 'no HEALTHCHECK');
    }
    return findingsFromHits('dockerfile', DOCKERFILE_RULES, hits);
}
/** `apt-get [options] install` among the words of a RUN (words, not a regex: `(?:-\\S+\\s+)*` backtracks over repeated `apt-get -…`). */
function installsWithAptGet(args) {
    const words = args.split(/\s+/);
    return words.some((word, index) => {
        if (word !== 'apt-get')
            return false;
        let next = index + 1;
        while (words[next]?.startsWith('-'))
            next++;
        return words[next] === 'install';
    });
}
/** `ENV A=1 B=2`, the legacy `ENV A 1`, and `ARG A[=default]`: names with their values. */
function parseAssignments(keyword, args) {
    if (keyword === 'ENV' && !/^\S+=/.test(args)) {
        const [name = '', ...rest] = args.split(/\s+/);
        return [[name, rest.join(' ')]];
    }
    const assignments = [];
    for (const match of args.matchAll(/([A-Za-z_][\w.-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
        const [, name = '', value] = match;
        assignments.push([name, value?.replace(/^["']|["']$/g, '')]);
    }
    return assignments;
}

;// CONCATENATED MODULE: ./actions/security-scan/src/scanners/yaml-lines.ts

/** The line of the deepest node of `path` that exists (keys point at the key, items at the item). */
function lineOf(document, lineCounter, path) {
    let node = document.contents;
    let offset = document.contents?.range?.[0] ?? 0;
    for (const segment of path) {
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && item.key.value === segment);
            if (!pair)
                break;
            if ((0,dist/* isScalar */.jn)(pair.key) && pair.key.range)
                offset = pair.key.range[0];
            node = pair.value;
        }
        else if ((0,dist/* isSeq */.oP)(node) && typeof segment === 'number') {
            const item = node.items[segment];
            if (!item)
                break;
            const range = item.range;
            if (range)
                offset = range[0];
            node = item;
        }
        else {
            break;
        }
    }
    return lineCounter.linePos(offset).line;
}

;// CONCATENATED MODULE: ./actions/security-scan/src/scanners/workflows.ts



const WORKFLOW_RULES = {
    'gha/script-injection': {
        severity: 'high',
        title: 'Attacker-controlled context in a script',
        fix: 'Pass the value through `env:` (e.g. `TITLE: ${{ github.event.issue.title }}`) and use "$TITLE" in the script.',
    },
    'gha/unpinned-action': {
        severity: 'medium',
        title: 'Third-party action not pinned by commit SHA',
        fix: 'Pin the action to a full 40-character commit SHA: `uses: owner/repo@<sha> # vX.Y.Z`.',
    },
    'gha/write-all-permissions': {
        severity: 'high',
        title: 'permissions: write-all',
        fix: 'Grant only the scopes the job needs, e.g. `permissions: { contents: read }`.',
    },
    'gha/missing-permissions': {
        severity: 'medium',
        title: 'No top-level permissions',
        fix: 'Add `permissions: { contents: read }` at the top of the workflow and widen per job.',
    },
    'gha/pull-request-target-checkout': {
        severity: 'critical',
        title: 'pull_request_target checks out the pull request head',
        fix: 'Use `pull_request` for untrusted code, or never check out the head in a `pull_request_target` workflow.',
    },
    'gha/unreadable-workflow': {
        severity: 'high',
        title: 'Workflow file that could not be read',
        fix: 'Write the workflow without YAML aliases that expand it (anchors used more than a few times) or deep nesting.',
    },
};
// Linear: the body stops at the next `${{` as well as at `}}`, so an unclosed `${{` scans only up to the next one.
const EXPRESSION = /\$\{\{((?:(?!\$\{\{|\}\})[\s\S])*)\}\}/g;
/** Values a pull request author, issue author or commenter controls. Ids, numbers and SHAs are safe. */
const ATTACKER_CONTROLLED = /\b(github\.event\.[\w.*[\]'-]+|github\.head_ref)\b/g;
const SAFE_EVENT_FIELD = /\.(number|id|sha|before|after)$/;
const FIRST_PARTY_OWNERS = new Set(['actions', 'github']);
const PR_HEAD_REF = /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|refs\/pull\//;
function workflows_object(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
function isWorkflowFile(path) {
    return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}
function scanWorkflow(file, text) {
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(text, { lineCounter });
    if (document.errors.length > 0)
        return [];
    const hits = [];
    const hit = (ruleId, path, message, content, line = lineOf(document, lineCounter, path)) => hits.push({ ruleId, line, message, content, file });
    let workflow;
    try {
        workflow = workflows_object(document.toJS());
    }
    catch (error) {
        // Alias expansion past the yaml package's limit (a "billion laughs" file), or nesting deeper than the stack.
        if (!(error instanceof ReferenceError || error instanceof RangeError))
            throw error;
        hit('gha/unreadable-workflow', [], `The workflow could not be read (${error.message}), so what it runs is unknown.`, 'unreadable');
        return findingsFromHits('workflows', WORKFLOW_RULES, hits);
    }
    if (workflow.permissions === undefined) {
        hit('gha/missing-permissions', [], 'The workflow sets no top-level permissions, so jobs get the repository default token scopes.', 'top-level');
    }
    else if (workflow.permissions === 'write-all') {
        hit('gha/write-all-permissions', ['permissions'], 'The workflow grants permissions: write-all.', 'top-level');
    }
    const triggers = workflow.on;
    const onPullRequestTarget = triggers === 'pull_request_target' ||
        (Array.isArray(triggers) && triggers.includes('pull_request_target')) ||
        Object.hasOwn(workflows_object(triggers), 'pull_request_target');
    for (const [jobId, jobValue] of Object.entries(workflows_object(workflow.jobs))) {
        const job = workflows_object(jobValue);
        const jobPath = ['jobs', jobId];
        if (job.permissions === 'write-all')
            hit('gha/write-all-permissions', [...jobPath, 'permissions'], `Job ${jobId} grants permissions: write-all.`, jobId);
        if (typeof job.uses === 'string')
            checkUses(job.uses, [...jobPath, 'uses'], jobId);
        const steps = Array.isArray(job.steps) ? job.steps : [];
        steps.forEach((stepValue, index) => {
            const step = workflows_object(stepValue);
            const stepPath = [...jobPath, 'steps', index];
            const uses = typeof step.uses === 'string' ? step.uses : '';
            if (uses !== '')
                checkUses(uses, [...stepPath, 'uses'], jobId);
            const scripts = [[[...stepPath, 'run'], step.run]];
            if (uses.startsWith('actions/github-script@'))
                scripts.push([[...stepPath, 'with', 'script'], workflows_object(step.with).script]);
            for (const [scriptPath, script] of scripts) {
                if (typeof script === 'string')
                    checkScript(script, scriptPath, jobId);
            }
            const ref = workflows_object(step.with).ref;
            if (onPullRequestTarget && uses.startsWith('actions/checkout@') && typeof ref === 'string' && PR_HEAD_REF.test(ref)) {
                hit('gha/pull-request-target-checkout', [...stepPath, 'with', 'ref'], `Job ${jobId} checks out the pull request head (${ref}) in a pull_request_target workflow, which runs with write access and secrets.`, `${jobId}/${ref}`);
            }
        });
    }
    function checkUses(uses, path, jobId) {
        if (uses.startsWith('./'))
            return;
        if (uses.startsWith('docker://')) {
            if (!uses.includes('@sha256:'))
                hit('gha/unpinned-action', path, `Job ${jobId} uses the container ${uses}, not pinned by digest.`, `${jobId}/${uses}`);
            return;
        }
        const [action = '', ref = ''] = uses.split('@');
        const owner = action.split('/')[0] ?? '';
        if (FIRST_PARTY_OWNERS.has(owner) || /^[0-9a-f]{40}$/.test(ref))
            return;
        hit('gha/unpinned-action', path, `Job ${jobId} uses ${uses}, a third-party action not pinned by commit SHA.`, `${jobId}/${uses}`);
    }
    function checkScript(script, path, jobId) {
        const keyLine = lineOf(document, lineCounter, path);
        // The script's expressions appear in the source in order, from the `run:` key on.
        let cursor = lineCounter.lineStarts[keyLine - 1] ?? 0;
        for (const expression of script.matchAll(EXPRESSION)) {
            const offset = text.indexOf(expression[0], cursor);
            if (offset !== -1)
                cursor = offset + 1;
            const contexts = [...(expression[1] ?? '').matchAll(ATTACKER_CONTROLLED)]
                .map((match) => match[1] ?? '')
                .filter((context) => !SAFE_EVENT_FIELD.test(context));
            if (contexts.length === 0)
                continue;
            hit('gha/script-injection', path, `Job ${jobId} expands ${contexts.join(', ')} inside a script; a crafted value runs as code.`, `${jobId}/${expression[0]}`, offset === -1 ? keyLine : lineCounter.linePos(offset).line);
        }
    }
    return findingsFromHits('workflows', WORKFLOW_RULES, hits);
}

;// CONCATENATED MODULE: ./actions/security-scan/src/tree.ts






/**
 * Folders never scanned: installed dependencies (audited through their lockfile instead),
 * git's own store (history is scanned with `history`), and build output.
 */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist']);
/** Larger files are skipped: generated data, not code or configuration. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const NPM_LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json']);
/** Every regular file under `root` outside the skipped folders; paths relative to `base`. */
async function listTree(root, base) {
    const files = [];
    const pending = [root];
    for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
        let entries;
        try {
            entries = await (0,promises_.readdir)(folder, { withFileTypes: true });
        }
        catch {
            continue;
        }
        for (const entry of entries) {
            const absolute = (0,external_node_path_.join)(folder, entry.name);
            if (entry.isDirectory()) {
                if (!SKIPPED_FOLDERS.has(entry.name))
                    pending.push(absolute);
            }
            else if (entry.isFile()) {
                files.push({ absolute, path: (0,external_node_path_.relative)(base, absolute).split(external_node_path_.sep).join('/') });
            }
        }
    }
    files.sort((a, b) => a.path.localeCompare(b.path));
    return {
        files,
        npmLockfiles: files.filter((file) => NPM_LOCKFILES.has((0,external_node_path_.basename)(file.path))),
        unscannedLockfiles: files.filter((file) => (0,external_node_path_.basename)(file.path) in UNSCANNED_LOCKFILES),
    };
}
function isYamlFile(path) {
    return /\.ya?ml$/i.test(path) && !isWorkflowFile(path);
}
/** Which file scanner reads a file: YAML and JSON files may hold Kubernetes manifests. */
function kindOf(path) {
    if (isWorkflowFile(path))
        return 'workflow';
    if (isYamlFile(path) || /\.json$/i.test(path))
        return 'manifest';
    if (isDockerfile(path))
        return 'dockerfile';
    return 'other';
}
/** The text of a file, or undefined for binary, oversized and no-longer-regular files. */
function readText(file) {
    const read = (0,regular_file/* readRegularFile */.X)(file.absolute, MAX_FILE_BYTES);
    if (read.status !== 'read' || read.content.subarray(0, 8000).includes(0))
        return undefined;
    return read.content.toString('utf8');
}

;// CONCATENATED MODULE: ./actions/security-scan/src/scanners/kubernetes.ts



const KUBERNETES_RULES = {
    'k8s/privileged-container': {
        severity: 'critical',
        title: 'Privileged container',
        fix: 'Remove `securityContext.privileged: true`; grant only the capabilities the container needs.',
    },
    'k8s/runs-as-root': {
        severity: 'high',
        title: 'Container runs as root (runAsUser: 0)',
        fix: 'Set `runAsUser` to a non-zero UID and `runAsNonRoot: true`.',
    },
    'k8s/missing-run-as-non-root': {
        severity: 'medium',
        title: 'runAsNonRoot is not set',
        fix: 'Set `securityContext.runAsNonRoot: true` on the pod or the container.',
    },
    'k8s/allow-privilege-escalation': {
        severity: 'medium',
        title: 'Privilege escalation allowed',
        fix: 'Set `securityContext.allowPrivilegeEscalation: false` on the container.',
    },
    'k8s/added-capabilities': {
        severity: 'high',
        title: 'Linux capabilities added',
        fix: 'Remove `securityContext.capabilities.add`, or add only the one capability the process needs.',
    },
    'k8s/capabilities-not-dropped': {
        severity: 'low',
        title: 'Capabilities not dropped',
        fix: 'Set `securityContext.capabilities.drop: [ALL]` on the container.',
    },
    'k8s/host-path': {
        severity: 'high',
        title: 'hostPath volume',
        fix: 'Use a persistentVolumeClaim, emptyDir, configMap or secret volume instead of `hostPath`.',
    },
    'k8s/host-network': {
        severity: 'high',
        title: 'Pod shares the host network',
        fix: 'Remove `hostNetwork: true`; expose the pod through a Service.',
    },
    'k8s/host-pid': {
        severity: 'high',
        title: 'Pod shares the host PID namespace',
        fix: 'Remove `hostPID: true`.',
    },
    'k8s/host-ipc': {
        severity: 'high',
        title: 'Pod shares the host IPC namespace',
        fix: 'Remove `hostIPC: true`.',
    },
    'k8s/writable-root-filesystem': {
        severity: 'medium',
        title: 'Writable root filesystem',
        fix: 'Set `securityContext.readOnlyRootFilesystem: true`; mount an emptyDir where the process must write.',
    },
    'k8s/missing-resources': {
        severity: 'low',
        title: 'Missing resource requests or memory limit',
        fix: 'Set `resources.requests.cpu`, `resources.requests.memory` and `resources.limits.memory`.',
    },
    'k8s/missing-probes': {
        severity: 'low',
        title: 'Missing readiness or liveness probe',
        fix: 'Add a `readinessProbe` and a `livenessProbe` to the container.',
    },
    'k8s/latest-image': {
        severity: 'medium',
        title: 'Image with :latest or no tag',
        fix: 'Pin the image to a version tag, better a digest (`image@sha256:...`).',
    },
    'k8s/secret-in-env': {
        severity: 'high',
        title: 'Secret in a plain env value',
        fix: 'Move the value to a Secret and use `valueFrom.secretKeyRef`.',
    },
    'k8s/default-namespace': {
        severity: 'low',
        title: 'Resource in the default namespace',
        fix: 'Set `metadata.namespace` to the namespace of the application.',
    },
    'k8s/unreadable-manifest': {
        severity: 'high',
        title: 'Manifest file that could not be read',
        fix: 'Write the manifest without YAML aliases that expand it (anchors used more than a few times) or deep nesting.',
    },
};
const POD_SPEC_PATHS = {
    Pod: ['spec'],
    Deployment: ['spec', 'template', 'spec'],
    StatefulSet: ['spec', 'template', 'spec'],
    DaemonSet: ['spec', 'template', 'spec'],
    ReplicaSet: ['spec', 'template', 'spec'],
    ReplicationController: ['spec', 'template', 'spec'],
    Job: ['spec', 'template', 'spec'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};
/** Workloads that run to completion need no probes. */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);
const SECRET_ENV_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
function kubernetes_object(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
function kubernetes_array(value) {
    return Array.isArray(value) ? value : [];
}
/**
 * The Kubernetes objects of a file, decided by content (a mapping with a string apiVersion and
 * kind), as kubectl reads it: every document of a YAML stream, a JSON file, and the items of a
 * `List` (or `DeploymentList`...) in place of the List. Duplicate keys are kept, the last one
 * winning, as kubectl's decoder does, so a repeated key cannot hide a field from the rules.
 */
function readObjects(text, lineCounter) {
    const objects = [];
    const unreadable = [];
    const collect = (value, document, path) => {
        const manifest = kubernetes_object(value);
        if (typeof manifest.kind !== 'string' || typeof manifest.apiVersion !== 'string')
            return;
        if (manifest.kind.endsWith('List') && Array.isArray(manifest.items)) {
            manifest.items.forEach((item, index) => collect(item, document, [...path, 'items', index]));
        }
        else {
            objects.push({ manifest, document, path });
        }
    };
    for (const document of (0,dist/* parseAllDocuments */.hR)(text, { lineCounter, uniqueKeys: false })) {
        if (!('errors' in document) || document.errors.length > 0)
            continue;
        let value;
        try {
            value = document.toJS();
        }
        catch (error) {
            // The yaml package refuses alias expansion past its limit (a "billion laughs" document) with a
            // ReferenceError; nesting deeper than the stack ends in a RangeError. Either is this document's problem.
            if (!(error instanceof ReferenceError || error instanceof RangeError))
                throw error;
            unreadable.push({ line: lineOf(document, lineCounter, []), reason: error.message });
            continue;
        }
        collect(value, document, []);
    }
    return { objects, unreadable };
}
/** Without apiVersion and kind anywhere in a JSON file (package-lock.json...), the YAML parser need not run. */
function jsonHoldsObjects(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return false;
    }
    const manifest = kubernetes_object(value);
    return typeof manifest.kind === 'string' && typeof manifest.apiVersion === 'string';
}
/** Every Kubernetes object of a manifest file (YAML, multi-document YAML or JSON), checked against the rules above. */
function scanKubernetesFile(file, text) {
    if (/\.json$/i.test(file) && !jsonHoldsObjects(text))
        return { objects: 0, findings: [] };
    const lineCounter = new dist/* LineCounter */.HN();
    const { objects, unreadable } = readObjects(text, lineCounter);
    const found = [
        ...unreadable.map(({ line, reason }) => ({
            ruleId: 'k8s/unreadable-manifest',
            file,
            line,
            content: String(line),
            message: `The document at line ${line} could not be read (${reason}), so what it would deploy is unknown.`,
        })),
        ...objects.flatMap(({ manifest, document, path }) => checkObject(manifest).map((hit) => ({ ...hit, file, line: lineOf(document, lineCounter, [...path, ...hit.path]) }))),
    ];
    return { objects: objects.length + unreadable.length, findings: findingsFromHits('kubernetes', KUBERNETES_RULES, found) };
}
function checkObject(manifest) {
    const kind = String(manifest.kind);
    const metadata = kubernetes_object(manifest.metadata);
    const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
    const subject = `${kind} ${name}`;
    const hits = [];
    if (metadata.namespace === 'default') {
        hits.push({ ruleId: 'k8s/default-namespace', path: ['metadata', 'namespace'], message: `${subject} is in the default namespace.`, content: subject });
    }
    const podPath = POD_SPEC_PATHS[kind];
    if (!podPath)
        return hits;
    let pod = manifest;
    for (const segment of podPath)
        pod = kubernetes_object(pod)[segment];
    const podSpec = kubernetes_object(pod);
    const podSecurity = kubernetes_object(podSpec.securityContext);
    for (const [field, ruleId] of [
        ['hostNetwork', 'k8s/host-network'],
        ['hostPID', 'k8s/host-pid'],
        ['hostIPC', 'k8s/host-ipc'],
    ]) {
        if (podSpec[field] === true)
            hits.push({ ruleId, path: [...podPath, field], message: `${subject} sets ${field}: true.`, content: subject });
    }
    kubernetes_array(podSpec.volumes).forEach((volume, index) => {
        const { name: volumeName, hostPath } = kubernetes_object(volume);
        if (hostPath === undefined)
            return;
        const path = String(kubernetes_object(hostPath).path ?? '');
        hits.push({
            ruleId: 'k8s/host-path',
            path: [...podPath, 'volumes', index, 'hostPath'],
            message: `${subject} mounts the host path ${path} (volume ${String(volumeName)}).`,
            content: `${subject}/${String(volumeName)}/${path}`,
        });
    });
    for (const group of ['containers', 'initContainers']) {
        kubernetes_array(podSpec[group]).forEach((entry, index) => {
            const containerPath = [...podPath, group, index];
            const container = kubernetes_object(entry);
            const where = `${subject}, container ${String(container.name)}`;
            hits.push(...checkContainer(container, containerPath, podSecurity, podPath, where));
            if (group === 'containers')
                hits.push(...checkLongRunningContainer(container, containerPath, where, RUN_TO_COMPLETION.has(kind)));
        });
    }
    return hits;
}
function checkContainer(container, path, podSecurity, podPath, where) {
    const hits = [];
    const security = kubernetes_object(container.securityContext);
    const securityPath = [...path, 'securityContext'];
    const capabilities = kubernetes_object(security.capabilities);
    const add = kubernetes_array(capabilities.add);
    const drop = kubernetes_array(capabilities.drop).map(String);
    if (security.privileged === true) {
        hits.push({ ruleId: 'k8s/privileged-container', path: [...securityPath, 'privileged'], message: `${where} is privileged.`, content: where });
    }
    const runAsUserPath = security.runAsUser !== undefined ? [...securityPath, 'runAsUser'] : [...podPath, 'securityContext', 'runAsUser'];
    if ((security.runAsUser ?? podSecurity.runAsUser) === 0) {
        hits.push({ ruleId: 'k8s/runs-as-root', path: runAsUserPath, message: `${where} runs as root (runAsUser: 0).`, content: where });
    }
    if ((security.runAsNonRoot ?? podSecurity.runAsNonRoot) !== true) {
        hits.push({ ruleId: 'k8s/missing-run-as-non-root', path, message: `${where} does not set runAsNonRoot: true.`, content: where });
    }
    if (security.allowPrivilegeEscalation !== false) {
        const keyPath = security.allowPrivilegeEscalation === undefined ? path : [...securityPath, 'allowPrivilegeEscalation'];
        hits.push({ ruleId: 'k8s/allow-privilege-escalation', path: keyPath, message: `${where} does not set allowPrivilegeEscalation: false.`, content: where });
    }
    if (add.length > 0) {
        hits.push({
            ruleId: 'k8s/added-capabilities',
            path: [...securityPath, 'capabilities', 'add'],
            message: `${where} adds the capabilities ${add.map(String).join(', ')}.`,
            content: `${where}/${add.map(String).join(',')}`,
        });
    }
    if (!drop.includes('ALL')) {
        hits.push({ ruleId: 'k8s/capabilities-not-dropped', path, message: `${where} does not drop ALL capabilities.`, content: where });
    }
    if (security.readOnlyRootFilesystem !== true) {
        hits.push({ ruleId: 'k8s/writable-root-filesystem', path, message: `${where} has a writable root filesystem.`, content: where });
    }
    const image = typeof container.image === 'string' ? container.image : '';
    if (image !== '' && !isPinnedImage(image)) {
        hits.push({
            ruleId: 'k8s/latest-image',
            path: [...path, 'image'],
            message: `${where} uses the image ${image} (latest or untagged).`,
            content: `${where}/${image}`,
        });
    }
    kubernetes_array(container.env).forEach((variable, index) => {
        const { name, value } = kubernetes_object(variable);
        if (typeof name !== 'string' || !SECRET_ENV_NAME.test(name) || value === undefined || value === null || String(value) === '')
            return;
        hits.push({
            ruleId: 'k8s/secret-in-env',
            path: [...path, 'env', index, 'value'],
            message: `${where} sets ${name} as a plain env value (value not shown).`,
            content: `${where}/${name}`,
        });
    });
    return hits;
}
function checkLongRunningContainer(container, path, where, runsToCompletion) {
    const hits = [];
    const resources = kubernetes_object(container.resources);
    const requests = kubernetes_object(resources.requests);
    const limits = kubernetes_object(resources.limits);
    const missing = [
        requests.cpu === undefined ? 'requests.cpu' : '',
        requests.memory === undefined ? 'requests.memory' : '',
        limits.memory === undefined ? 'limits.memory' : '',
    ].filter(Boolean);
    if (missing.length > 0) {
        hits.push({ ruleId: 'k8s/missing-resources', path, message: `${where} has no ${missing.join(', ')}.`, content: where });
    }
    if (!runsToCompletion) {
        const probes = ['readinessProbe', 'livenessProbe'].filter((probe) => container[probe] === undefined);
        if (probes.length > 0)
            hits.push({ ruleId: 'k8s/missing-probes', path, message: `${where} has no ${probes.join(' or ')}.`, content: where });
    }
    return hits;
}
/** A digest pins; otherwise a tag other than `latest` on the last path segment. */
function isPinnedImage(image) {
    if (image.includes('@sha256:'))
        return true;
    const lastSegment = image.slice(image.lastIndexOf('/') + 1);
    const colon = lastSegment.indexOf(':');
    return colon !== -1 && lastSegment.slice(colon + 1) !== 'latest';
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./actions/security-scan/src/scanners/sql-parser.ts


/** Where the parser's message says it stopped, as a 0-based byte offset of the script. */
function errorOffset(error) {
    const position = error.sqlDetails?.cursorPosition;
    return typeof position === 'number' && Number.isFinite(position) && position >= 0 ? position : undefined;
}
let loading;
/**
 * libpg_query (PostgreSQL's parser, compiled to WebAssembly), loaded on first use only: the 1.7 MB
 * module is compiled when a tree has migrations, not at every start of the action. Its Emscripten
 * loader looks for libpg-query.wasm in the CommonJS `__dirname`, which an ES-module bundle lacks:
 * the bundle's own folder, where the build copies the file, stands in for it. Loaded from
 * node_modules (tests, tsx), the module keeps its own `__dirname`. The stand-in is removed once
 * the module is loaded.
 */
function loadSqlParser() {
    loading ??= (async () => {
        const globals = globalThis;
        const standIn = globals.__dirname === undefined;
        if (standIn)
            globals.__dirname = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
        try {
            const { loadModule, parseSync } = await __webpack_require__.e(/* import() */ 627).then(__webpack_require__.t.bind(__webpack_require__, 2627, 23));
            await loadModule();
            return parseSync;
        }
        finally {
            if (standIn)
                delete globals.__dirname;
        }
    })();
    return loading;
}

;// CONCATENATED MODULE: ./actions/security-scan/src/scanners/migrations.ts




const EXPAND_CONTRACT = 'https://github.com/acme/inventory-devops/blob/main/docs/database-changes.md';
/**
 * squawk's core rules (https://squawkhq.com/docs/rules), under its rule names, judged on
 * PostgreSQL's own parse tree. A migration runs while the previous release still serves: what it
 * removes or renames breaks that release, and what holds an ACCESS EXCLUSIVE lock for a scan or
 * a rewrite stops every read and write of the table meanwhile.
 */
const MIGRATION_RULES = {
    'migrations/ban-drop-column': {
        severity: 'high',
        title: 'Column dropped while the running release may still read it',
        fix: `Expand/contract: ship a release that no longer reads or writes the column, then drop it in a later migration marked as a contract step (${EXPAND_CONTRACT}).`,
    },
    'migrations/ban-drop-table': {
        severity: 'high',
        title: 'Table dropped while the running release may still use it',
        fix: `Ship a release that no longer uses the table, then drop it in a later migration marked as a contract step (${EXPAND_CONTRACT}).`,
    },
    'migrations/renaming-column': {
        severity: 'high',
        title: 'Column renamed: the running release still uses the old name',
        fix: 'Add the new column, write both (or sync them with a trigger), backfill, move the readers, then drop the old column in a contract step.',
    },
    'migrations/renaming-table': {
        severity: 'high',
        title: 'Table renamed: the running release still uses the old name',
        fix: 'Create the new table (or a view under the old name), move the readers and writers, then drop the old name in a contract step.',
    },
    'migrations/changing-column-type': {
        severity: 'high',
        title: 'Column type changed: rewrites the table under an ACCESS EXCLUSIVE lock and may break the running release',
        fix: 'Add a column of the new type, backfill it in batches, switch the readers, then drop the old column in a contract step.',
    },
    'migrations/adding-required-field': {
        severity: 'high',
        title: 'NOT NULL column added without a default',
        fix: 'Add the column nullable or with a constant DEFAULT; the running release does not write it, so its inserts fail otherwise.',
    },
    'migrations/adding-not-nullable-field': {
        severity: 'high',
        title: 'SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock',
        fix: 'Add `CHECK (column IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it in a later migration, then SET NOT NULL (PostgreSQL 12+ then skips the scan) and drop the check.',
    },
    'migrations/ban-drop-not-null': {
        severity: 'medium',
        title: 'NOT NULL dropped: the running release may not expect NULL values',
        fix: 'Make sure every release that reads the column handles NULL before the constraint goes.',
    },
    'migrations/adding-foreign-key-constraint': {
        severity: 'high',
        title: 'Foreign key added without NOT VALID: both tables locked while every row is checked',
        fix: 'Add the constraint with `NOT VALID`, then `ALTER TABLE ... VALIDATE CONSTRAINT` in a later migration (it takes a lock that lets reads and writes go on).',
    },
    'migrations/constraint-missing-not-valid': {
        severity: 'high',
        title: 'CHECK constraint added without NOT VALID: the table is locked while every row is checked',
        fix: 'Add the constraint with `NOT VALID`, then `VALIDATE CONSTRAINT` in a later migration.',
    },
    'migrations/disallowed-unique-constraint': {
        severity: 'high',
        title: 'UNIQUE constraint builds its index under an ACCESS EXCLUSIVE lock',
        fix: '`CREATE UNIQUE INDEX CONCURRENTLY`, then `ADD CONSTRAINT ... UNIQUE USING INDEX`.',
    },
    'migrations/adding-serial-primary-key-field': {
        severity: 'high',
        title: 'PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock',
        fix: '`CREATE UNIQUE INDEX CONCURRENTLY`, then `ADD CONSTRAINT ... PRIMARY KEY USING INDEX`.',
    },
    'migrations/require-concurrent-index-creation': {
        severity: 'high',
        title: 'Index created without CONCURRENTLY on an existing table: writes blocked while it builds',
        fix: 'Use `CREATE INDEX CONCURRENTLY` (outside a transaction block), or create the index with its table in the same migration.',
    },
    'migrations/require-concurrent-index-deletion': {
        severity: 'medium',
        title: 'Index dropped without CONCURRENTLY: the table is locked meanwhile',
        fix: 'Use `DROP INDEX CONCURRENTLY` (outside a transaction block).',
    },
    'migrations/ban-concurrent-index-creation-in-transaction': {
        severity: 'high',
        title: 'CREATE INDEX CONCURRENTLY inside a transaction block fails',
        fix: 'Run the concurrent index in a migration of its own, without BEGIN/COMMIT around it.',
    },
    'migrations/require-concurrent-reindex': {
        severity: 'medium',
        title: 'REINDEX without CONCURRENTLY blocks writes',
        fix: 'Use `REINDEX ... CONCURRENTLY` (PostgreSQL 12+).',
    },
    'migrations/adding-field-with-default': {
        severity: 'high',
        title: 'Column added with a value computed per row: the table is rewritten under an ACCESS EXCLUSIVE lock',
        fix: 'Add the column without a default (or with a constant one), set the volatile DEFAULT afterwards, and backfill existing rows in batches.',
    },
    'migrations/table-rewrite': {
        severity: 'high',
        title: 'Statement rewrites the whole table under an ACCESS EXCLUSIVE lock',
        fix: 'Do not run it as a migration: use pg_repack (or a maintenance window) for VACUUM FULL, CLUSTER and tablespace or persistence changes.',
    },
    'migrations/ban-truncate-cascade': {
        severity: 'high',
        title: 'TRUNCATE ... CASCADE empties every table that references this one',
        fix: 'Truncate the tables you mean by name, without CASCADE.',
    },
    'migrations/ban-drop-database': {
        severity: 'high',
        title: 'Database dropped',
        fix: 'Never drop a database from a migration.',
    },
    'migrations/syntax-error': {
        severity: 'high',
        title: "Migration PostgreSQL's parser cannot read",
        fix: 'Fix the SQL so PostgreSQL accepts it: what cannot be parsed cannot be judged safe.',
    },
    'migrations/contract-step': {
        severity: 'info',
        title: 'Contract step: drops what the previous release no longer uses',
        fix: 'Only for what the release now running no longer reads or writes; keep the drop out of the release that stops using it.',
    },
};
/** A line comment that marks a migration as a contract step; so does a `*.contract.sql` file name. */
const CONTRACT_MARKER = '-- inventory-devops: contract';
const CONTRACT_COMMENT = /^[ \t]*--[ \t]*inventory-devops:[ \t]*contract\b/im;
// node-pg-migrate's and dbmate's section comments; `[ \t]` rather than `\s`: linear on any file.
const UP_SECTION = /^[ \t]*--[ \t-]*(?:up[ \t]+migration|migrate:up)/im;
const DOWN_SECTION = /^[ \t]*--[ \t-]*(?:down[ \t]+migration|migrate:down)/im;
const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);
/** Functions known not to be volatile; any other call in a new column's default may be evaluated per row. */
const NON_VOLATILE_FUNCTIONS = new Set(['now', 'transaction_timestamp', 'statement_timestamp', 'current_setting', 'lower', 'upper', 'length']);
/**
 * A `*.sql` file under a folder named `migrations`, or under one of `folders` (relative to the
 * workspace, `/`-separated, `.` for all of it). `*.down.sql` files are rollbacks: they run only
 * when a release is rolled back, where removing what the release added is the point.
 */
function isMigrationFile(path, folders) {
    if (!/\.sql$/i.test(path) || /\.down\.sql$/i.test(path))
        return false;
    if (path.split('/').slice(0, -1).includes('migrations'))
        return true;
    return folders.some((folder) => folder === '.' || path.startsWith(`${folder}/`));
}
function isContractStep(file, text) {
    return /\.contract\.sql$/i.test((0,external_node_path_.basename)(file)) || CONTRACT_COMMENT.test(text);
}
/**
 * The part of the file that runs on the way forward: a section after a down-migration comment
 * (node-pg-migrate's `-- Down Migration`, dbmate's `-- migrate:down`) is blanked, lines kept.
 * Without an up-migration comment the whole file runs forward, as node-pg-migrate runs it.
 */
function forwardSql(text) {
    const up = text.search(UP_SECTION);
    const down = text.search(DOWN_SECTION);
    if (up < 0 || down < 0)
        return text;
    const end = up > down ? up : text.length;
    return text.slice(0, down) + text.slice(down, end).replace(/[^\n]/g, ' ') + text.slice(end);
}
/** Skips blanks and comments from `offset`: where the statement's first token is. */
function firstToken(script, offset) {
    let index = offset;
    for (;;) {
        while (index < script.length && /\s/.test(script[index] ?? ''))
            index += 1;
        if (script.startsWith('--', index)) {
            const end = script.indexOf('\n', index);
            index = end < 0 ? script.length : end + 1;
        }
        else if (script.startsWith('/*', index)) {
            const end = script.indexOf('*/', index + 2);
            index = end < 0 ? script.length : end + 2;
        }
        else {
            return index;
        }
    }
}
function nodeOf(node, kind) {
    return node !== undefined && kind in node ? node[kind] : undefined;
}
/** Every FuncCall name in an expression tree. */
function functionNames(value, names = []) {
    if (Array.isArray(value))
        for (const item of value)
            functionNames(item, names);
    else if (value !== null && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
            if (key === 'FuncCall') {
                const parts = child.funcname ?? [];
                names.push(parts.at(-1)?.String?.sval ?? '');
            }
            functionNames(child, names);
        }
    }
    return names;
}
function relationName(relation) {
    return (0,errors/* abbreviate */.Sm)([relation?.schemaname, relation?.relname].filter(Boolean).join('.'));
}
/** The tables a migration creates: empty, unknown to the running release, so free to change. */
class CreatedTables {
    names = [];
    add(relation) {
        if (relation?.relname !== undefined)
            this.names.push({ schema: relation.schemaname, name: relation.relname });
    }
    has(relation) {
        return this.names.some(({ schema, name }) => name === relation?.relname && (schema === undefined || relation.schemaname === undefined || schema === relation.schemaname));
    }
}
function checkNewColumn(table, column, report) {
    const name = `${table}.${(0,errors/* abbreviate */.Sm)(column.colname ?? '')}`;
    const constraints = (column.constraints ?? []).map((node) => nodeOf(node, 'Constraint')).filter((c) => c !== undefined);
    const type = column.typeName?.names?.at(-1);
    const serial = SERIAL_TYPES.has((type && 'String' in type ? type.String.sval : undefined) ?? '');
    const defaultValue = constraints.find((constraint) => constraint.contype === 'CONSTR_DEFAULT');
    const computed = constraints.find((constraint) => constraint.contype === 'CONSTR_IDENTITY' || (constraint.contype === 'CONSTR_GENERATED' && constraint.generated_kind === 's'));
    const volatile = functionNames(defaultValue?.raw_expr).filter((fn) => !NON_VOLATILE_FUNCTIONS.has(fn));
    if (computed !== undefined || serial)
        report('migrations/adding-field-with-default', `Adding ${name} as ${serial ? 'a serial' : computed?.contype === 'CONSTR_IDENTITY' ? 'an identity' : 'a stored generated'} column fills every existing row: PostgreSQL rewrites the table and blocks reads and writes meanwhile.`, name);
    else if (volatile.length > 0)
        report('migrations/adding-field-with-default', `The default of ${name} calls ${(0,errors/* abbreviate */.Sm)(volatile.join(', '))}(), which may differ per row: PostgreSQL rewrites the table to fill it, blocking reads and writes meanwhile.`, name);
    const notNull = column.is_not_null === true || constraints.some((constraint) => constraint.contype === 'CONSTR_NOTNULL');
    if (notNull && defaultValue === undefined && computed === undefined && !serial)
        report('migrations/adding-required-field', `${name} is NOT NULL without a default: the release still running inserts rows without it, and those inserts fail.`, name);
    for (const constraint of constraints)
        checkNewConstraint(table, constraint, report, `on the new column ${name}`);
}
function checkNewConstraint(table, constraint, report, where = `on ${table}`) {
    const name = constraint.conname === undefined ? '' : ` ${(0,errors/* abbreviate */.Sm)(constraint.conname)}`;
    if (constraint.contype === 'CONSTR_FOREIGN' && constraint.skip_validation !== true)
        report('migrations/adding-foreign-key-constraint', `Foreign key${name} ${where} is validated at once: ${table} and ${relationName(constraint.pktable)} are locked against writes while every row is checked.`, name);
    if (constraint.contype === 'CONSTR_CHECK' && constraint.skip_validation !== true)
        report('migrations/constraint-missing-not-valid', `CHECK constraint${name} ${where} is validated at once, under an ACCESS EXCLUSIVE lock on ${table}.`, name);
    if (constraint.contype === 'CONSTR_UNIQUE' && constraint.indexname === undefined)
        report('migrations/disallowed-unique-constraint', `UNIQUE constraint${name} ${where} builds its index while ${table} is locked against reads and writes.`, name);
    if (constraint.contype === 'CONSTR_PRIMARY' && constraint.indexname === undefined)
        report('migrations/adding-serial-primary-key-field', `PRIMARY KEY${name} ${where} builds its index while ${table} is locked against reads and writes.`, name);
}
const REWRITING_COMMANDS = {
    AT_SetLogged: 'SET LOGGED',
    AT_SetUnLogged: 'SET UNLOGGED',
    AT_SetTableSpace: 'SET TABLESPACE',
    AT_SetAccessMethod: 'SET ACCESS METHOD',
};
function checkAlterTable(statement, state, report) {
    if (statement.objtype !== 'OBJECT_TABLE' || state.created.has(statement.relation))
        return;
    const table = relationName(statement.relation);
    for (const node of statement.cmds ?? []) {
        const command = nodeOf(node, 'AlterTableCmd');
        const column = `${table}.${(0,errors/* abbreviate */.Sm)(command?.name ?? '')}`;
        switch (command?.subtype) {
            case 'AT_DropColumn':
                if (state.contract)
                    report('migrations/contract-step', `Contract step: drops column ${column}, allowed because this migration is marked as a contract step; the release now running must no longer read or write it.`, column);
                else
                    report('migrations/ban-drop-column', `Drops column ${column}: the release still running reads it and fails once it is gone, and a rollback cannot bring its data back.`, column);
                break;
            case 'AT_AlterColumnType':
                report('migrations/changing-column-type', `Changes the type of ${column}: PostgreSQL rewrites ${table} (reads and writes blocked) and the running release may not handle the new type.`, column);
                break;
            case 'AT_SetNotNull':
                report('migrations/adding-not-nullable-field', `SET NOT NULL on ${column} scans all of ${table} while reads and writes wait, and fails the running release's inserts that leave it empty.`, column);
                break;
            case 'AT_DropNotNull':
                report('migrations/ban-drop-not-null', `DROP NOT NULL on ${column}: the running release may read NULL where it never did.`, column);
                break;
            case 'AT_AddColumn': {
                const definition = nodeOf(command.def, 'ColumnDef');
                if (definition)
                    checkNewColumn(table, definition, report);
                break;
            }
            case 'AT_AddConstraint': {
                const constraint = nodeOf(command.def, 'Constraint');
                if (constraint)
                    checkNewConstraint(table, constraint, report);
                break;
            }
            default:
                if (command?.subtype !== undefined && command.subtype in REWRITING_COMMANDS)
                    report('migrations/table-rewrite', `ALTER TABLE ${table} ${REWRITING_COMMANDS[command.subtype]} rewrites the table while reads and writes wait.`, command.subtype);
        }
    }
}
function hasOption(options, name) {
    return (options ?? []).some((option) => nodeOf(option, 'DefElem')?.defname === name);
}
function checkStatement(node, state, report) {
    if (node === undefined)
        return;
    const [kind, body] = Object.entries(node)[0] ?? [];
    const statement = (body ?? {});
    switch (kind) {
        case 'CreateStmt':
            state.created.add(statement.relation);
            break;
        case 'CreateTableAsStmt':
            state.created.add(statement.into?.rel);
            break;
        case 'AlterTableStmt':
            checkAlterTable(statement, state, report);
            break;
        case 'RenameStmt': {
            if (state.created.has(statement.relation))
                break;
            const table = relationName(statement.relation);
            if (statement.renameType === 'OBJECT_COLUMN')
                report('migrations/renaming-column', `Renames ${table}.${(0,errors/* abbreviate */.Sm)(String(statement.subname))} to ${(0,errors/* abbreviate */.Sm)(String(statement.newname))}: the release still running uses the old name and fails.`);
            else if (statement.renameType === 'OBJECT_TABLE')
                report('migrations/renaming-table', `Renames ${table} to ${(0,errors/* abbreviate */.Sm)(String(statement.newname))}: the release still running uses the old name and fails.`);
            break;
        }
        case 'DropStmt': {
            const names = (statement.objects ?? []).map((object) => (0,errors/* abbreviate */.Sm)((nodeOf(object, 'List')?.items ?? [])
                .map((item) => nodeOf(item, 'String')?.sval)
                .join('.')));
            if (statement.removeType === 'OBJECT_TABLE') {
                for (const name of names) {
                    const [schema, table] = name.includes('.') ? name.split('.') : [undefined, name];
                    if (state.created.has({ schemaname: schema, relname: table }))
                        continue;
                    if (state.contract)
                        report('migrations/contract-step', `Contract step: drops table ${name}, allowed because this migration is marked as a contract step; the release now running must no longer use it.`, name);
                    else
                        report('migrations/ban-drop-table', `Drops table ${name}: the release still running uses it and fails, and a rollback cannot bring its rows back.`, name);
                }
            }
            else if (statement.removeType === 'OBJECT_INDEX' && statement.concurrent !== true) {
                report('migrations/require-concurrent-index-deletion', `DROP INDEX ${names.join(', ')} without CONCURRENTLY locks its table until the drop ends.`);
            }
            break;
        }
        case 'IndexStmt':
            if (statement.concurrent === true && state.inTransaction)
                report('migrations/ban-concurrent-index-creation-in-transaction', `CREATE INDEX CONCURRENTLY on ${relationName(statement.relation)} inside BEGIN ... COMMIT: PostgreSQL refuses it.`);
            else if (statement.concurrent !== true && !state.created.has(statement.relation))
                report('migrations/require-concurrent-index-creation', `CREATE INDEX on the existing table ${relationName(statement.relation)} without CONCURRENTLY blocks its writes until the index is built.`);
            break;
        case 'TransactionStmt':
            if (statement.kind === 'TRANS_STMT_BEGIN' || statement.kind === 'TRANS_STMT_START')
                state.inTransaction = true;
            if (statement.kind === 'TRANS_STMT_COMMIT' || statement.kind === 'TRANS_STMT_ROLLBACK')
                state.inTransaction = false;
            break;
        case 'VacuumStmt':
            if (hasOption(statement.options, 'full'))
                report('migrations/table-rewrite', 'VACUUM FULL rewrites the table while reads and writes wait.');
            break;
        case 'ClusterStmt':
            report('migrations/table-rewrite', `CLUSTER ${relationName(statement.relation)} rewrites the table while reads and writes wait.`);
            break;
        case 'ReindexStmt':
            if (!hasOption(statement.params, 'concurrently'))
                report('migrations/require-concurrent-reindex', `REINDEX ${relationName(statement.relation)} without CONCURRENTLY blocks writes until it ends.`);
            break;
        case 'TruncateStmt':
            if (statement.behavior === 'DROP_CASCADE')
                report('migrations/ban-truncate-cascade', 'TRUNCATE ... CASCADE also empties every table with a foreign key to these.');
            break;
        case 'DropdbStmt':
            report('migrations/ban-drop-database', `Drops database ${(0,errors/* abbreviate */.Sm)(String(statement.dbname))}.`);
            break;
    }
}
/** The findings of one migration file, judged on the parse tree of its forward part. */
function scanMigration(file, text, parse) {
    const script = forwardSql(text);
    if (script.trim() === '')
        return [];
    // libpg_query's offsets count UTF-8 bytes; as latin1, one character stands for one byte.
    const bytes = Buffer.from(script, 'utf8').toString('latin1');
    const lineOf = lineLocator(bytes);
    const hits = [];
    let tree;
    try {
        tree = parse(script);
    }
    catch (error) {
        const offset = errorOffset(error);
        const reason = (0,errors/* describeError */.Uc)(error);
        hits.push({
            ruleId: 'migrations/syntax-error',
            file,
            line: offset === undefined ? 1 : lineOf(offset),
            message: `PostgreSQL's parser refuses this migration: ${(0,errors/* abbreviate */.Sm)(reason)}.`,
            content: reason,
        });
        return findingsFromHits('migrations', MIGRATION_RULES, hits);
    }
    const state = { created: new CreatedTables(), contract: isContractStep(file, script), inTransaction: false };
    for (const raw of tree.stmts ?? []) {
        const start = raw.stmt_location ?? 0;
        const statementText = Buffer.from(bytes.slice(start, raw.stmt_len ? start + raw.stmt_len : undefined), 'latin1').toString('utf8');
        const line = lineOf(firstToken(bytes, start));
        checkStatement(raw.stmt, state, (ruleId, message, detail = '') => hits.push({ ruleId, file, line, message, content: `${statementText}\0${detail}` }));
    }
    return findingsFromHits('migrations', MIGRATION_RULES, hits);
}

;// CONCATENATED MODULE: ./actions/security-scan/src/scanners/registry.ts







/** Every file scanner, in the order their results are reported. */
const FILE_SCANNERS = [
    {
        name: 'secrets',
        reads: () => true,
        scan: (file, text, { secretRules }) => ({ findings: scanForSecrets(file, text, secretRules), applies: true }),
        rules: ({ secretRules }) => secretRulesMetadata(secretRules),
    },
    {
        name: 'kubernetes',
        reads: (path) => kindOf(path) === 'manifest',
        scan: (file, text) => {
            const manifests = scanKubernetesFile(file, text);
            return { findings: manifests.findings, applies: manifests.objects > 0 };
        },
        rules: () => ruleList(KUBERNETES_RULES),
        noFiles: 'no Kubernetes manifests in the tree',
    },
    {
        name: 'dockerfile',
        reads: (path) => kindOf(path) === 'dockerfile',
        scan: (file, text) => ({ findings: scanDockerfile(file, text), applies: true }),
        rules: () => ruleList(DOCKERFILE_RULES),
        noFiles: 'no Dockerfile in the tree',
    },
    {
        name: 'workflows',
        reads: (path) => kindOf(path) === 'workflow',
        scan: (file, text) => ({ findings: scanWorkflow(file, text), applies: true }),
        rules: () => ruleList(WORKFLOW_RULES),
        noFiles: 'no workflow under .github/workflows',
    },
    {
        name: 'migrations',
        reads: (path, { migrationFolders, parseSql }) => parseSql !== undefined && isMigrationFile(path, migrationFolders),
        scan: (file, text, { parseSql }) => ({ findings: parseSql === undefined ? [] : scanMigration(file, text, parseSql), applies: true }),
        rules: () => ruleList(MIGRATION_RULES),
        noFiles: 'no SQL migration in the tree (*.sql under a folder named migrations, or under migration-paths)',
    },
];

// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __webpack_require__(714);
var external_node_vm_default = /*#__PURE__*/__webpack_require__.n(external_node_vm_);
;// CONCATENATED MODULE: ./actions/security-scan/src/time-budget.ts

/**
 * How long one file (or one hunk of history) may take to scan. The built-in rules need
 * milliseconds for the largest file scanned (2 MB); a user's `secret-rules` pattern can
 * backtrack for hours on a file an attacker wrote.
 */
const FILE_TIME_BUDGET_MS = 2000;
/**
 * `work` applied to each item, each given a time budget: the result is undefined for an item
 * stopped because it ran over.
 *
 * JavaScript cannot interrupt a running regular expression from its own thread, but V8 can:
 * the `timeout` of a vm script terminates whatever the isolate runs, a regex backtracking
 * included (tried: `/^(a+)+$/` on 30 a's and a quadratic pattern on 800 KB both stop at the
 * timeout, and the thread carries on). A timeout starts a watchdog thread per call (about
 * 0.15 ms, 3 s for 20,000 files), so one call runs items until `budgetMs` has passed and then
 * returns; its timeout is twice that, so an item stopped by it had run for at least `budgetMs`.
 * A worker thread terminated on a deadline would do too, at the cost of a second bundle entry
 * and copying every file's text across threads.
 */
function mapWithTimeBudget(items, work, budgetMs = FILE_TIME_BUDGET_MS) {
    // Filled, not sparse: callers map over every item, and array methods skip holes.
    const results = new Array(items.length).fill(undefined);
    let next = 0;
    const context = external_node_vm_default().createContext({
        runBatch: () => {
            const started = performance.now();
            while (next < items.length && performance.now() - started < budgetMs) {
                const index = next;
                next += 1;
                results[index] = work(items[index]);
            }
        },
    });
    const script = new (external_node_vm_default()).Script('runBatch()');
    while (next < items.length) {
        try {
            script.runInContext(context, { timeout: 2 * budgetMs });
        }
        catch (error) {
            // The item in progress when the watchdog fired keeps no result; the next call goes on after it.
            if (error.code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT')
                throw error;
        }
    }
    return results;
}

;// CONCATENATED MODULE: ./actions/security-scan/src/scan.ts















/** A file (or hunk of history) that took longer than its time budget: what it holds is unknown, which is never a pass. */
const TIME_BUDGET_RULE = {
    id: 'scan/time-budget-exceeded',
    severity: 'high',
    title: 'File not scanned: its scan ran over the time budget',
    fix: 'Find the slow pattern (usually a `secret-rules` regex with nested or overlapping repetition, such as `(a+)+` or `.*.*=`) and make it linear; or suppress this finding for the file.',
};
function overBudget(scanner, file, what) {
    return {
        ruleId: TIME_BUDGET_RULE.id,
        severity: TIME_BUDGET_RULE.severity,
        scanner,
        message: `Scanning ${what} was stopped after ${FILE_TIME_BUDGET_MS / 1000} s, so what it holds is unknown.`,
        file,
        fix: TIME_BUDGET_RULE.fix,
        fixable: true,
        fingerprint: fingerprint(TIME_BUDGET_RULE.id, file, what),
    };
}
/** The requested file scanners over every file of the tree, each file within its time budget. */
function scanFiles(tree, requested, context) {
    const scanners = FILE_SCANNERS.filter((scanner) => requested.has(scanner.name));
    const scannersOf = (file) => scanners.filter((scanner) => scanner.reads(file.path, context));
    const filesApplied = new Set();
    const wanted = tree.files.filter((file) => scannersOf(file).length > 0);
    const perFile = mapWithTimeBudget(wanted, (file) => {
        const found = [];
        const text = readText(file);
        if (text === undefined)
            return found;
        for (const scanner of scannersOf(file)) {
            const { findings, applies } = scanner.scan(file.path, text, context);
            if (applies)
                filesApplied.add(scanner.name);
            found.push(...findings);
        }
        return found;
    });
    const all = perFile.flatMap((found, index) => {
        const file = wanted[index];
        return found ?? [overBudget(scannersOf(file)[0].name, file.path, file.path)];
    });
    return new Map(scanners.map((scanner) => {
        const findings = all.filter((finding) => finding.scanner === scanner.name);
        const skipped = scanner.noFiles !== undefined && !filesApplied.has(scanner.name) && findings.length === 0;
        return [scanner.name, { findings, status: skipped ? { status: 'skipped', reason: scanner.noFiles } : { status: 'ok' } }];
    }));
}
/** `npm audit` of each npm lockfile; pnpm and yarn lockfiles are listed as not scanned. */
async function scanDependencies(tree) {
    const findings = [];
    const problems = [];
    for (const lockfile of tree.npmLockfiles) {
        lib_core.info(`npm audit --package-lock-only --json (in ${(0,external_node_path_.dirname)(lockfile.path)})`);
        const audit = await exec/* getExecOutput */.H('npm', ['audit', '--package-lock-only', '--json'], {
            cwd: (0,external_node_path_.dirname)(lockfile.absolute),
            ignoreReturnCode: true,
            silent: true,
        });
        const result = mapNpmAudit(lockfile.path, await (0,promises_.readFile)(lockfile.absolute, 'utf8'), audit.stdout);
        if (result.ok)
            findings.push(...result.findings);
        else
            problems.push(result.reason);
    }
    const unscanned = tree.unscannedLockfiles.map((file) => `${file.path} (${UNSCANNED_LOCKFILES[file.path.split('/').pop() ?? '']} audit is not run by this action)`);
    if (problems.length > 0)
        return { findings, status: { status: 'unavailable', reason: [...problems, ...unscanned].join('; ') } };
    if (tree.npmLockfiles.length === 0) {
        return {
            findings,
            status: unscanned.length > 0
                ? { status: 'not-scanned', reason: `not scanned: ${unscanned.join('; ')}` }
                : { status: 'skipped', reason: 'no lockfile in the tree' },
        };
    }
    return { findings, status: unscanned.length > 0 ? { status: 'ok', reason: `also found, not scanned: ${unscanned.join('; ')}` } : { status: 'ok' } };
}
/** Secrets added by the commits of `range`, from `git log -p`. */
async function scanHistory(root, range, rules) {
    lib_core.info(`git log -p ${range}`);
    const log = await (0,git/* git */.$Y)(root, ['-c', 'core.quotepath=off', 'log', '-p', '--unified=0', '--no-color', '--no-ext-diff', '--format=commit %H'], {
        revisions: [range],
        noPaths: true,
    });
    if (log.exitCode !== 0)
        throw new errors/* ConfigurationError */.j1(`Input "history" has value "${range}": git log failed: ${log.stderr.split('\n')[0] ?? ''}`);
    const hunks = splitGitLog(log.stdout);
    const perHunk = mapWithTimeBudget(hunks, (hunk) => scanForSecrets(hunk.file, hunk.text, rules, { commit: hunk.commit, lineOfFile: (line) => hunk.firstLine + line - 1 }));
    return perHunk.flatMap((found, index) => {
        const hunk = hunks[index];
        return found ?? [overBudget('secrets', hunk.file, `the lines commit ${hunk.commit.slice(0, 12)} added to ${hunk.file} at line ${hunk.firstLine}`)];
    });
}
/** The `sarif-files` globs, read and brought under the policy. */
async function scanSarifFiles(patterns, workspace) {
    const shown = (0,errors/* abbreviate */.Sm)(patterns.join(', '));
    let files;
    try {
        files = await (await glob/* create */.v(patterns.join('\n'), { matchDirectories: false })).glob();
    }
    catch (error) {
        // @actions/glob refuses patterns such as `..` with an Error of its own.
        throw new errors/* ConfigurationError */.j1(`Input "sarif-files" has value "${shown}": expected SARIF file globs inside the workspace (${(0,errors/* describeError */.Uc)(error)}).`);
    }
    if (files.length === 0)
        throw new errors/* ConfigurationError */.j1(`Input "sarif-files" has value "${shown}": expected globs matching at least one SARIF file.`);
    // Other scanners' SARIF is often written to RUNNER_TEMP, as quality-gate's reports are: both folders are allowed, nothing else.
    const roots = [workspace, process.env.RUNNER_TEMP].filter((root) => root !== undefined && root !== '');
    const real = await Promise.all(files.map((file) => (0,promises_.realpath)(file)));
    const outside = real.find((file) => !roots.some((root) => (0,paths/* isWithin */.U)(file, root)));
    if (outside !== undefined)
        throw new errors/* ConfigurationError */.j1(`Input "sarif-files" has value "${shown}": expected files inside the workspace or RUNNER_TEMP, but it matches ${(0,errors/* abbreviate */.Sm)(outside)}.`);
    const findings = [];
    const rules = new Map();
    for (const file of real.sort()) {
        let ingested;
        try {
            ingested = ingestSarif(file, await (0,promises_.readFile)(file, 'utf8'));
        }
        catch (error) {
            throw new errors/* ConfigurationError */.j1((0,errors/* describeError */.Uc)(error));
        }
        findings.push(...ingested.findings);
        for (const [tool, toolRules] of ingested.rules)
            rules.set(tool, [...(rules.get(tool) ?? []), ...toolRules.filter((rule) => !rules.get(tool)?.some((known) => known.id === rule.id))]);
    }
    return { result: { findings, status: { status: 'ok' } }, rules };
}

// EXTERNAL MODULE: ./actions/lib/markdown.ts
var markdown = __webpack_require__(4269);
;// CONCATENATED MODULE: ./actions/security-scan/src/summary.ts



const TOP_FINDINGS = 20;
function summary_location(finding) {
    if (finding.file === undefined)
        return '';
    return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
}
function writeScanSummary(summary, outcome, scanners, policy, notes) {
    const gate = [
        `fail-on-severity: ${policy.failOnSeverity}`,
        policy.fixableOnly ? 'fixable findings only' : '',
        policy.newFindingsOnly ? 'new findings only (against the baseline)' : '',
    ].filter(Boolean);
    const counted = outcome.findings.filter((finding) => finding.counted).length;
    summary
        .addHeading(`security-scan: ${outcome.passed ? '✅ passed' : '❌ failed'}`, 2)
        .addRaw(`\n${outcome.counts.total} unsuppressed findings (${outcome.counts.new} new), ${counted} counted by the policy (${gate.join(', ')}).` +
        (policy.unavailableScanners.length > 0 ? ` ⚠️ Not a pass: ${policy.unavailableScanners.join(', ')} could not run, so its findings are unknown.` : '') +
        '\n\n');
    const header = ['Scanner', 'Status', ...security_report/* SEVERITIES */.oC, 'suppressed'].map((data) => ({ data, header: true }));
    const rows = Object.entries(scanners).map(([scanner, status]) => {
        const own = outcome.findings.filter((finding) => finding.scanner === scanner);
        const label = status.status === 'ok' ? 'ok' : `⚠️ ${status.status}`;
        return [
            scanner,
            (0,markdown/* escapeHtml */.ZD)(status.reason ? `${label}: ${status.reason}` : label),
            ...security_report/* SEVERITIES */.oC.map((severity) => String(own.filter((finding) => !finding.suppressed && finding.severity === severity).length)),
            String(own.filter((finding) => finding.suppressed).length),
        ];
    });
    summary.addTable([header, ...rows]);
    const open = sortBySeverity(outcome.findings.filter((finding) => !finding.suppressed));
    if (open.length > 0) {
        summary.addHeading(open.length > TOP_FINDINGS ? `Top ${TOP_FINDINGS} of ${open.length} findings` : 'Findings', 3);
        summary.addTable([
            ['Severity', 'Rule', 'Location', 'Finding', 'Fix'].map((data) => ({ data, header: true })),
            ...open
                .slice(0, TOP_FINDINGS)
                .map((finding) => [
                `${finding.counted ? '⛔ ' : ''}${finding.severity}`,
                (0,markdown/* escapeHtml */.ZD)(finding.ruleId),
                (0,markdown/* escapeHtml */.ZD)(summary_location(finding)),
                (0,markdown/* escapeHtml */.ZD)(finding.message),
                (0,markdown/* escapeHtml */.ZD)(finding.fix ?? ''),
            ]),
        ]);
    }
    const suppressed = outcome.findings.filter((finding) => finding.suppressed);
    if (suppressed.length > 0) {
        summary.addDetails(`Suppressed (${suppressed.length})`, `\n\n${suppressed
            .slice(0, 100)
            .map((finding) => `- ${(0,markdown/* escapeMarkdown */.FV)(finding.ruleId)} ${(0,markdown/* escapeMarkdown */.FV)(summary_location(finding))} — ${(0,markdown/* escapeMarkdown */.FV)(finding.suppressedBy ?? '')}`)
            .join('\n')}\n\n`);
    }
    if (outcome.expired.length > 0) {
        summary.addHeading('Expired ignore entries (no longer suppressing)', 3);
        summary.addList(outcome.expired.map((entry) => (0,markdown/* escapeHtml */.ZD)(`${describeEntry(entry)} expired ${entry.expires} (${entry.matches} findings): ${entry.reason}`)));
    }
    if (outcome.stale.length > 0) {
        summary.addHeading('Stale ignore entries (match nothing)', 3);
        summary.addList(outcome.stale.map((entry) => (0,markdown/* escapeHtml */.ZD)(`${describeEntry(entry)}: ${entry.reason}`)));
    }
    if (notes.length > 0)
        summary.addList(notes.map((note) => (0,markdown/* escapeHtml */.ZD)(note)));
}

;// CONCATENATED MODULE: ./actions/security-scan/src/main.ts

















const MAX_ANNOTATIONS = 10;
async function main_run() {
    await (0,run/* runAction */.C)('security-scan', async () => {
        const inputs = (0,lib_inputs/* parseInputs */.T)(securityScanInputs);
        const workspace = await (0,promises_.realpath)(process.cwd());
        const root = await workspacePath('path', inputs.path, workspace);
        const rootStat = root === undefined ? undefined : await (0,promises_.stat)(root);
        if (root === undefined || !rootStat?.isDirectory())
            throw new errors/* ConfigurationError */.j1(`Input "path" has value "${(0,errors/* abbreviate */.Sm)(inputs.path)}": expected an existing folder inside the workspace.`);
        // Findings name files relative to the workspace: what code scanning expects.
        const base = workspace;
        const ignoreEntries = await readIgnoreEntries(inputs, workspace);
        const secretRules = await readSecretRules(inputs, workspace);
        const baseline = await readBaseline(inputs, workspace);
        const context = { secretRules, migrationFolders: await readMigrationFolders(inputs, workspace) };
        const requested = new Set(inputs.scanners ?? SCANNERS.filter((scanner) => scanner !== 'sarif' || inputs['sarif-files'] !== undefined));
        if (requested.has('sarif') && inputs['sarif-files'] === undefined) {
            throw new errors/* ConfigurationError */.j1('Input "scanners" includes sarif but "sarif-files" is not set: expected SARIF file globs.');
        }
        const results = new Map();
        const tree = await lib_core.group(`Listing ${inputs.path}`, async () => {
            const listed = await listTree(root, base);
            lib_core.info(`${listed.files.length} files (node_modules, .git and dist folders are not scanned)`);
            return listed;
        });
        if (requested.has('migrations') && tree.files.some((file) => isMigrationFile(file.path, context.migrationFolders))) {
            try {
                context.parseSql = await loadSqlParser();
            }
            catch (error) {
                requested.delete('migrations');
                results.set('migrations', {
                    findings: [],
                    status: { status: 'unavailable', reason: `PostgreSQL's parser could not be loaded: ${(0,errors/* describeError */.Uc)(error)}` },
                });
            }
        }
        await lib_core.group('Scanning files', async () => {
            for (const [scanner, result] of scanFiles(tree, requested, context))
                results.set(scanner, result);
        });
        if (inputs.history !== undefined && requested.has('secrets')) {
            const history = inputs.history;
            await lib_core.group(`Scanning commits ${history} for secrets`, async () => {
                const secrets = results.get('secrets');
                if (!secrets)
                    return;
                const known = new Set(secrets.findings.map((finding) => finding.fingerprint));
                for (const finding of await scanHistory(root, history, secretRules)) {
                    if (known.has(finding.fingerprint))
                        continue;
                    known.add(finding.fingerprint);
                    secrets.findings.push(finding);
                }
            });
        }
        if (requested.has('dependencies'))
            await lib_core.group('Auditing dependencies', async () => results.set('dependencies', await scanDependencies(tree)));
        let ingestedRules = new Map();
        if (requested.has('sarif') && inputs['sarif-files'] !== undefined) {
            const ingested = await scanSarifFiles(inputs['sarif-files'], workspace);
            results.set('sarif', ingested.result);
            ingestedRules = ingested.rules;
        }
        const scanners = {};
        for (const scanner of SCANNERS) {
            const result = results.get(scanner);
            if (result)
                scanners[scanner] = result.status;
            lib_core.info(`${scanner}: ${result ? `${result.status.status}, ${result.findings.length} findings` : 'not requested'}`);
        }
        const policy = {
            failOnSeverity: inputs['fail-on-severity'],
            fixableOnly: inputs['fail-on-fixable-only'],
            newFindingsOnly: inputs['new-findings-only'],
            ignoreEntries,
            baseline,
            today: new Date().toISOString().slice(0, 10),
            unavailableScanners: Object.keys(scanners).filter((scanner) => scanners[scanner]?.status === 'unavailable'),
        };
        const outcome = applyPolicy([...results.values()].flatMap((result) => result.findings), policy);
        const ownRules = new Map(FILE_SCANNERS.map((scanner) => [scanner.name, [...scanner.rules(context), TIME_BUDGET_RULE]]));
        const sarif = buildSarifRuns(outcome.findings, scanners, ownRules, ingestedRules);
        const outputFolder = process.env.RUNNER_TEMP || workspace;
        await (0,promises_.mkdir)(outputFolder, { recursive: true });
        const sarifFile = (0,external_node_path_.join)(outputFolder, 'security-scan.sarif');
        const reportFile = (0,external_node_path_.join)(outputFolder, 'security-scan-report.json');
        await (0,promises_.writeFile)(sarifFile, JSON.stringify(sarif.log, null, 2));
        await (0,promises_.writeFile)(reportFile, JSON.stringify(buildReport(outcome, scanners), null, 2));
        for (const [scanner, status] of Object.entries(scanners)) {
            if (status.status === 'unavailable')
                lib_core.warning(`${scanner} scanner unavailable, its findings are unknown (not "none"): ${status.reason ?? ''}`);
            if (status.status === 'not-scanned')
                lib_core.warning(`${scanner}: ${status.reason ?? 'not scanned'}`);
        }
        for (const entry of outcome.expired)
            lib_core.warning(`Ignore entry for ${entry.rule ?? entry.fingerprint} expired on ${entry.expires} and no longer suppresses (${entry.matches} findings).`);
        for (const entry of outcome.stale)
            lib_core.warning(`Ignore entry for ${entry.rule ?? entry.fingerprint} matches no finding; remove it.`);
        for (const note of sarif.notes)
            lib_core.warning(note);
        for (const finding of sortBySeverity(outcome.findings.filter((candidate) => candidate.counted)).slice(0, MAX_ANNOTATIONS)) {
            lib_core.error(`${finding.ruleId}: ${finding.message}${finding.fix ? ` Fix: ${finding.fix}` : ''}`, {
                title: `security-scan ${finding.severity}`,
                ...(finding.file !== undefined ? { file: finding.file } : {}),
                ...(finding.line !== undefined ? { startLine: finding.line } : {}),
            });
        }
        await (0,summary/* writeSummary */.S)((summary) => writeScanSummary(summary, outcome, scanners, policy, sarif.notes));
        (0,outputs/* setOutputs */.n)({
            'sarif-file': sarifFile,
            report: reportFile,
            critical: outcome.counts.critical,
            high: outcome.counts.high,
            medium: outcome.counts.medium,
            low: outcome.counts.low,
            total: outcome.counts.total,
            new: outcome.counts.new,
            passed: outcome.passed,
        });
        if (!outcome.passed) {
            const counted = outcome.findings.filter((finding) => finding.counted).length;
            // Say which findings the gate counted: with fixable-only or new-only, not every finding at or above the severity.
            const kind = [policy.fixableOnly ? 'fixable' : '', policy.newFindingsOnly ? 'new' : '', 'findings'].filter(Boolean).join(' ');
            const reasons = [
                counted > 0 ? `${counted} unsuppressed ${kind} at or above ${policy.failOnSeverity} remain` : '',
                policy.unavailableScanners.length > 0 ? `the ${policy.unavailableScanners.join(', ')} scanner could not run, so its findings are unknown` : '',
            ].filter(Boolean);
            throw new errors/* ConfigurationError */.j1(`${reasons.join('; ')} (see the job summary and ${reportFile}).`);
        }
    });
}


/***/ })

};

//# sourceMappingURL=916.index.js.map