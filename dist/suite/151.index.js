export const id = 151;
export const ids = [151];
export const modules = {

/***/ 15:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A1: () => (/* binding */ runAnalysis),
/* harmony export */   Sz: () => (/* binding */ MalformedAnswerError),
/* harmony export */   wd: () => (/* binding */ ProviderUnavailableError)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2863);
/* harmony import */ var _judge_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3387);



class ProviderUnavailableError extends Error {
    name = 'ProviderUnavailableError';
}
/** The source answered, but with something unusable (a body that is not the expected JSON or text): every metric's interval is malformed. */
class MalformedAnswerError extends Error {
    name = 'MalformedAnswerError';
}
/**
 * Waits out the warm-up, then collects `iterations` intervals on a fixed clock (no drift), looking
 * after each one whether a critical metric already fails beyond doubt. A collection that fails
 * leaves that interval missing, with the reason, for every metric.
 */
async function runAnalysis(provider, metrics, settings, plan, { wait = (ms) => (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms), log = () => { } } = {}) {
    const startedAt = new Date();
    const observations = new Map(metrics.map((metric) => [metric.name, []]));
    const finish = (judgement, extra = {}) => ({
        judgement,
        observations,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        intervalsJudged: observations.get(metrics[0]?.name ?? '')?.length ?? 0,
        ...extra,
    });
    try {
        await provider.start();
    }
    catch (error) {
        if (!(error instanceof ProviderUnavailableError))
            throw error;
        const reason = `${provider.description} unavailable: ${error.message}`;
        log(reason);
        return finish(unavailable(metrics, reason));
    }
    const totalTicks = plan.warmup + plan.iterations;
    for (let tick = 0; tick < totalTicks; tick++) {
        const intervalEnd = new Date(startedAt.getTime() + (tick + 1) * plan.intervalSeconds * 1000);
        await wait(Math.max(0, intervalEnd.getTime() - Date.now()));
        let values;
        try {
            values = await provider.collect(intervalEnd);
        }
        catch (error) {
            const reason = `${provider.description}: ${(0,_index_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(error)}`;
            log(`interval ${tick + 1}: ${reason}`);
            const missing = { value: null, missing: reason, ...(error instanceof MalformedAnswerError && { malformed: true }) };
            values = new Map(metrics.map((metric) => [metric.name, { baseline: missing, canary: missing }]));
        }
        if (tick < plan.warmup) {
            log(`warm-up interval ${tick + 1} of ${plan.warmup} ignored`);
            continue;
        }
        const index = tick - plan.warmup;
        for (const metric of metrics) {
            const value = values.get(metric.name) ?? { baseline: { value: null, missing: 'not collected' }, canary: { value: null, missing: 'not collected' } };
            observations.get(metric.name).push({ index, ...value });
        }
        log(`interval ${index + 1} of ${plan.iterations} collected`);
        if (index < plan.iterations - 1) {
            const failure = (0,_judge_js__WEBPACK_IMPORTED_MODULE_2__/* .interimFailure */ .Nj)(metrics, (metric) => observations.get(metric.name), settings);
            if (failure) {
                const judgement = (0,_judge_js__WEBPACK_IMPORTED_MODULE_2__/* .evaluate */ ._3)(metrics, observations, settings);
                const reason = `stopped early after ${index + 1} of ${plan.iterations} intervals: critical metric ${failure.name} fails beyond doubt (interim looks use 99.9% confidence): ${failure.reason}`;
                const metricsJudged = judgement.metrics.map((metric) => (metric.name === failure.name ? failure : metric));
                return finish({
                    ...judgement,
                    metrics: metricsJudged,
                    verdict: 'rollback',
                    score: 0,
                    reason,
                    failed: metricsJudged.filter((m) => m.result === 'fail').map((m) => m.name),
                }, { stoppedEarly: { afterIntervals: index + 1, metric: failure.name } });
            }
        }
    }
    return finish((0,_judge_js__WEBPACK_IMPORTED_MODULE_2__/* .evaluate */ ._3)(metrics, observations, settings));
}
function unavailable(metrics, reason) {
    const empty = { samples: 0, missing: 0, min: Number.NaN, median: Number.NaN, mean: Number.NaN, max: Number.NaN };
    return {
        verdict: 'inconclusive',
        score: 0,
        reason,
        failed: [],
        metrics: metrics.map((metric) => ({
            name: metric.name,
            direction: metric.direction,
            critical: metric.critical,
            weight: metric.weight,
            result: 'no-data',
            reason,
            baseline: empty,
            canary: empty,
        })),
    };
}


/***/ }),

/***/ 8200:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $z: () => (/* binding */ judgeSettings),
/* harmony export */   Eo: () => (/* binding */ analysisInputs),
/* harmony export */   KG: () => (/* binding */ analysisPlan),
/* harmony export */   LI: () => (/* binding */ checkProviderInputs),
/* harmony export */   ZI: () => (/* binding */ prometheusConnection),
/* harmony export */   qt: () => (/* binding */ analysisSecretInputs)
/* harmony export */ });
/* unused harmony export MAX_ITERATIONS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2863);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7721);
/* harmony import */ var _metrics_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1040);



const MAX_ITERATIONS = 1000;
/** The inputs of one analysis (where the numbers come from, how long, how they are judged): canary-analyze's and progressive-canary's. */
const analysisInputs = {
    provider: _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.oneOf(['direct', 'prometheus']).default('direct'),
    'prometheus-url': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.url().optional(),
    'prometheus-token': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.text('a bearer token').optional(),
    'prometheus-username': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.text('a user name for basic auth').optional(),
    'prometheus-password': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.text('a password for basic auth').optional(),
    interval: _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.duration().default(30),
    iterations: _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.integer({ min: 1, max: MAX_ITERATIONS }).default(10),
    warmup: _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.integer({ min: 0, max: MAX_ITERATIONS }).default(0),
    metrics: _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.text('metric definitions as YAML, or the path of a YAML file').optional(),
    confidence: _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.number({ min: 0.5, max: 0.9999 }).default(0.98),
    tolerance: _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.number({ min: 0, max: 10 }).default(0.25),
    'allowed-increase': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.number({ min: 1 }).optional(),
    'allowed-decrease': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.number({ min: 0, max: 1 }).optional(),
    'pass-score': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.number({ min: 0, max: 100 }).default(75),
    'marginal-score': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.number({ min: 0, max: 100 }).default(50),
    'min-samples': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.integer({ min: 1, max: MAX_ITERATIONS }).default(3),
    'on-marginal': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.oneOf(['inconclusive', 'promote', 'rollback']).default('inconclusive'),
    traffic: _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .h.text('a traffic definition as YAML (url, rate, methods)').optional(),
};
const analysisSecretInputs = ['prometheus-token', 'prometheus-password'];
function judgeSettings(inputs) {
    if (inputs['marginal-score'] > inputs['pass-score']) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Input "marginal-score" has value "${inputs['marginal-score']}": expected at most pass-score (${inputs['pass-score']}).`);
    }
    return {
        confidence: inputs.confidence,
        tolerance: inputs.tolerance,
        allowedIncrease: inputs['allowed-increase'],
        allowedDecrease: inputs['allowed-decrease'],
        passScore: inputs['pass-score'],
        marginalScore: inputs['marginal-score'],
        minSamples: inputs['min-samples'],
        onMarginal: inputs['on-marginal'],
    };
}
/** `iterations` intervals of `interval`, or as many as fit in `duration` when it is given. */
function analysisPlan(inputs) {
    const iterations = inputs.duration === undefined ? inputs.iterations : Math.floor(inputs.duration / inputs.interval);
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Input "duration" has value "${inputs.duration}s": expected from one to ${MAX_ITERATIONS} intervals of ${inputs.interval}s (it makes ${iterations}).`);
    }
    return { intervalSeconds: inputs.interval, iterations, warmup: inputs.warmup };
}
/** Prometheus needs its URL, basic auth both halves, and selectors it can turn into matchers (unknown until a deploy gives them, so optional). */
function checkProviderInputs(inputs, selectors = {}) {
    if (inputs.provider !== 'prometheus')
        return;
    if (inputs['prometheus-url'] === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('Input "prometheus-url" is required but was not set: expected the Prometheus base URL with provider prometheus.');
    }
    if (inputs['prometheus-password'] !== undefined && inputs['prometheus-username'] === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('Input "prometheus-password" is set without "prometheus-username": expected both for basic auth.');
    }
    for (const [name, selector] of Object.entries(selectors))
        if (selector !== undefined)
            (0,_metrics_js__WEBPACK_IMPORTED_MODULE_2__/* .selectorMatchers */ .pL)(selector, name);
}
/** The Prometheus connection of the inputs; undefined without a URL. */
function prometheusConnection(inputs) {
    if (inputs['prometheus-url'] === undefined)
        return undefined;
    return { url: inputs['prometheus-url'], token: inputs['prometheus-token'], username: inputs['prometheus-username'], password: inputs['prometheus-password'] };
}


/***/ }),

/***/ 3387:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  xU: () => (/* binding */ describeEffect),
  _3: () => (/* binding */ evaluate),
  GP: () => (/* binding */ format),
  Nj: () => (/* binding */ interimFailure)
});

// UNUSED EXPORTS: INTERIM_CONFIDENCE, decide, judgeMetric

;// CONCATENATED MODULE: ./actions/lib/analysis/statistics.ts
/**
 * The statistics of the judge, written here because no well-kept JavaScript library does
 * Mann-Whitney with tie correction and the Hodges-Lehmann interval (stdlib has only the
 * signed-rank test; `mann-whitney-utest` compares against approximate critical values and
 * gives no p-value or interval). Conventions follow R's `wilcox.test(canary, baseline,
 * conf.int = TRUE)`, so results can be checked against it and against scipy.
 */
function median(values) {
    if (values.length === 0)
        return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
function mean(values) {
    return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}
/** Standard normal CDF, double precision (Hart 1968, as given by West 2005). */
function normalCdf(z) {
    const x = Math.abs(z);
    let tail;
    if (x > 37) {
        tail = 0;
    }
    else if (x < 7.07106781186547) {
        const e = Math.exp((-x * x) / 2);
        let numerator = 3.52624965998911e-2 * x + 0.700383064443688;
        numerator = numerator * x + 6.37396220353165;
        numerator = numerator * x + 33.912866078383;
        numerator = numerator * x + 112.079291497871;
        numerator = numerator * x + 221.213596169931;
        numerator = numerator * x + 220.206867912376;
        let denominator = 8.83883476483184e-2 * x + 1.75566716318264;
        denominator = denominator * x + 16.064177579207;
        denominator = denominator * x + 86.7807322029461;
        denominator = denominator * x + 296.564248779674;
        denominator = denominator * x + 637.333633378831;
        denominator = denominator * x + 793.826512519948;
        denominator = denominator * x + 440.413735824752;
        tail = (e * numerator) / denominator;
    }
    else {
        const e = Math.exp((-x * x) / 2);
        let fraction = x + 0.65;
        fraction = x + 4 / fraction;
        fraction = x + 3 / fraction;
        fraction = x + 2 / fraction;
        fraction = x + 1 / fraction;
        tail = e / fraction / 2.506628274631;
    }
    return z > 0 ? 1 - tail : tail;
}
/** Inverse of the standard normal CDF (Wichura's AS 241, about 16 significant digits). */
function normalQuantile(p) {
    if (p <= 0)
        return -Infinity;
    if (p >= 1)
        return Infinity;
    const q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
        const r = 0.180625 - q * q;
        return ((q *
            (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r +
                1971.5909503065514427) *
                r +
                133.14166789178437745) *
                r +
                3.387132872796366608)) /
            (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r +
                687.1870074920579083) *
                r +
                42.313330701600911252) *
                r +
                1));
    }
    let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
    let value;
    if (r <= 5) {
        r -= 1.6;
        value =
            (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
                3.64784832476320460504) *
                r +
                5.7694972214606914055) *
                r +
                4.6303378461565452959) *
                r +
                1.42343711074968357734) /
                (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
                    0.68976733498510000455) *
                    r +
                    1.6763848301838038494) *
                    r +
                    2.05319162663775882187) *
                    r +
                    1);
    }
    else {
        r -= 5;
        value =
            (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
                0.29656057182850489123) *
                r +
                1.7848265399172913358) *
                r +
                5.4637849111641143699) *
                r +
                6.6579046435011037772) /
                (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
                    0.0148753612908506148525) *
                    r +
                    0.13692988092273580531) *
                    r +
                    0.59983220655588793769) *
                    r +
                    1);
    }
    return q < 0 ? -value : value;
}
/** ln Γ(x) for x > 0 (Lanczos, g = 7), for the hypergeometric probabilities of Fisher's test. */
function logGamma(x) {
    const coefficients = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
    if (x < 0.5)
        return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    const shifted = x - 1;
    let sum = coefficients[0];
    for (let i = 1; i < coefficients.length; i++)
        sum += coefficients[i] / (shifted + i);
    const t = shifted + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}
/** Like R: the exact distribution when there are no ties and both groups are smaller than 50. */
const EXACT_LIMIT = 50;
function mannWhitney(baseline, canary, confidence) {
    const m = canary.length;
    const n = baseline.length;
    if (m === 0 || n === 0)
        throw new Error('mannWhitney needs at least one value in each group');
    const pooled = [...canary.map((value) => ({ value, canary: true })), ...baseline.map((value) => ({ value, canary: false }))].sort((a, b) => a.value - b.value);
    let canaryRankSum = 0;
    let tieTerm = 0;
    for (let start = 0; start < pooled.length;) {
        let end = start;
        while (end + 1 < pooled.length && pooled[end + 1].value === pooled[start].value)
            end++;
        const averageRank = (start + end) / 2 + 1;
        for (let i = start; i <= end; i++)
            if (pooled[i].canary)
                canaryRankSum += averageRank;
        const tied = end - start + 1;
        tieTerm += tied ** 3 - tied;
        start = end + 1;
    }
    const u = canaryRankSum - (m * (m + 1)) / 2;
    const differences = pairwiseDifferences(canary, baseline);
    const shift = median(differences);
    const alpha = 1 - confidence;
    if (tieTerm === 0 && m < EXACT_LIMIT && n < EXACT_LIMIT) {
        const cdf = exactCdf(m, n);
        const below = cdf[Math.floor(u)];
        const above = 1 - (u >= 1 ? cdf[u - 1] : 0);
        const pValue = Math.min(1, 2 * Math.min(below, above));
        let quantile = cdf.findIndex((probability) => probability >= alpha / 2);
        if (quantile === 0)
            quantile = 1;
        return { u, pValue, method: 'exact', shift, lower: differences[quantile - 1], upper: differences[m * n - quantile] };
    }
    const total = m + n;
    const centred = u - (m * n) / 2;
    const sd = Math.sqrt(((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1))));
    const z = sd === 0 ? 0 : (centred - Math.sign(centred) * 0.5) / sd;
    const pValue = sd === 0 ? 1 : Math.min(1, 2 * normalCdf(-Math.abs(z)));
    // Order statistics of the pairwise differences (Hollander & Wolfe), with the untied variance: conservative under ties.
    const untiedSd = Math.sqrt((m * n * (total + 1)) / 12);
    const rank = Math.max(1, Math.floor((m * n) / 2 - normalQuantile(1 - alpha / 2) * untiedSd + 0.5));
    return { u, pValue, method: 'normal', shift, lower: differences[rank - 1], upper: differences[m * n - rank] };
}
function pairwiseDifferences(canary, baseline) {
    const differences = new Array(canary.length * baseline.length);
    let k = 0;
    for (const c of canary)
        for (const b of baseline)
            differences[k++] = c - b;
    return differences.sort((a, b) => a - b);
}
const exactCdfCache = new Map();
/** P(U ≤ u) for u = 0…mn under the null hypothesis, without ties. */
function exactCdf(m, n) {
    const key = `${m}x${n}`;
    const cached = exactCdfCache.get(key);
    if (cached)
        return cached;
    // counts[j][u]: orderings of i canary and j baseline values with U = u, built up over i.
    // The largest value is either a canary one (beating all j baseline values) or a baseline one.
    let counts = Array.from({ length: n + 1 }, () => [1]);
    for (let i = 1; i <= m; i++) {
        const next = [];
        for (let j = 0; j <= n; j++) {
            const row = new Array(i * j + 1).fill(0);
            const lastCanary = counts[j];
            for (let u = 0; u < lastCanary.length; u++)
                row[u + j] += lastCanary[u];
            if (j > 0) {
                const lastBaseline = next[j - 1];
                for (let u = 0; u < lastBaseline.length; u++)
                    row[u] += lastBaseline[u];
            }
            next.push(row);
        }
        counts = next;
    }
    const frequencies = counts[n];
    const total = frequencies.reduce((sum, count) => sum + count, 0);
    const cdf = [];
    let running = 0;
    for (const count of frequencies)
        cdf.push((running += count) / total);
    exactCdfCache.set(key, cdf);
    return cdf;
}
function compareProportions(baseline, canary, confidence) {
    const z = normalQuantile(1 - (1 - confidence) / 2);
    const baselineRate = baseline.errors / baseline.requests;
    const canaryRate = canary.errors / canary.requests;
    const difference = canaryRate - baselineRate;
    const baselineInterval = wilson(baseline, z);
    const canaryInterval = wilson(canary, z);
    const lower = difference - Math.hypot(canaryRate - canaryInterval.lower, baselineInterval.upper - baselineRate);
    const upper = difference + Math.hypot(canaryInterval.upper - canaryRate, baselineRate - baselineInterval.lower);
    const totalErrors = baseline.errors + canary.errors;
    const total = baseline.requests + canary.requests;
    const smallestExpected = Math.min(totalErrors, total - totalErrors) * (Math.min(baseline.requests, canary.requests) / total);
    if (smallestExpected < 5)
        return { difference, lower, upper, pValue: fisherExact(baseline, canary), method: 'fisher' };
    const pooled = totalErrors / total;
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / baseline.requests + 1 / canary.requests));
    const pValue = se === 0 ? 1 : 2 * normalCdf(-Math.abs(difference / se));
    return { difference, lower, upper, pValue, method: 'z' };
}
function wilson({ errors, requests }, z) {
    const rate = errors / requests;
    const z2 = z * z;
    const centre = (rate + z2 / (2 * requests)) / (1 + z2 / requests);
    const half = (z * Math.sqrt((rate * (1 - rate)) / requests + z2 / (4 * requests * requests))) / (1 + z2 / requests);
    return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
/** Two-sided Fisher exact test: the probability of tables at most as likely as the observed one. */
function fisherExact(baseline, canary) {
    const errors = baseline.errors + canary.errors;
    const total = baseline.requests + canary.requests;
    const logChoose = (n, k) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
    const logProbability = (canaryErrors) => logChoose(canary.requests, canaryErrors) + logChoose(baseline.requests, errors - canaryErrors) - logChoose(total, errors);
    const observed = logProbability(canary.errors);
    let pValue = 0;
    for (let x = Math.max(0, errors - baseline.requests); x <= Math.min(errors, canary.requests); x++) {
        const logP = logProbability(x);
        if (logP <= observed + 1e-7)
            pValue += Math.exp(logP);
    }
    return Math.min(1, pValue);
}

;// CONCATENATED MODULE: ./actions/lib/analysis/judge.ts

/**
 * Interim looks (before the last interval) may stop the analysis only at this confidence: the
 * Haybittle-Peto boundary (p < 0.001 two-sided). With at most a few dozen looks it adds little
 * to the false-rollback rate of the final look at `confidence`, so peeking costs nothing.
 */
const INTERIM_CONFIDENCE = 0.999;
function judgeMetric(metric, intervals, settings, { confidence = settings.confidence, thresholds = true } = {}) {
    intervals = intervals.map((interval) => ({ ...interval, baseline: checked(interval.baseline), canary: checked(interval.canary) }));
    const baselineValues = finiteValues(intervals.map((interval) => interval.baseline));
    const canaryValues = finiteValues(intervals.map((interval) => interval.canary));
    const common = { name: metric.name, direction: metric.direction, critical: metric.critical, weight: metric.weight };
    const baseline = summarise(intervals.map((interval) => interval.baseline), baselineValues);
    const canary = summarise(intervals.map((interval) => interval.canary), canaryValues);
    if (baselineValues.length < settings.minSamples || canaryValues.length < settings.minSamples) {
        const totalRequests = (baseline.requests ?? 0) + (canary.requests ?? 0);
        const why = metric.kind === 'counts' && totalRequests === 0
            ? 'no traffic: no requests in either group'
            : `${baselineValues.length} baseline and ${canaryValues.length} canary intervals have data, min-samples is ${settings.minSamples}`;
        return { ...common, result: 'no-data', reason: withMissingReason(why, intervals), baseline, canary };
    }
    const test = metric.kind === 'counts' ? proportionTest(baseline, canary, confidence) : rankTest(baselineValues, canaryValues, confidence);
    test.bound = settings.tolerance * Math.abs(test.estimate);
    const effect = metric.kind === 'counts' ? ratio(canary.rate, baseline.rate) : ratio(canary.median, baseline.median);
    const allowedIncrease = metric.allowedIncrease ?? settings.allowedIncrease ?? 1;
    const allowedDecrease = metric.allowedDecrease ?? settings.allowedDecrease ?? 1;
    const canaryValue = metric.kind === 'counts' ? canary.rate : canary.median;
    const baselineValue = metric.kind === 'counts' ? baseline.rate : baseline.median;
    const statistics = [
        [metric.kind === 'counts' ? 'canary error rate' : 'canary median', canaryValue],
        [metric.kind === 'counts' ? 'baseline error rate' : 'baseline median', baselineValue],
        ['U', test.u ?? 0],
        ['p-value', test.pValue],
        ['estimate', test.estimate],
        ['interval lower bound', test.lower],
        ['interval upper bound', test.upper],
        ['tolerance bound', test.bound],
    ];
    // The effect may be ±Infinity (a baseline of exactly 0), never NaN.
    const notFinite = statistics.find(([, value]) => !Number.isFinite(value)) ?? (Number.isNaN(effect) ? ['effect', effect] : undefined);
    if (notFinite) {
        return {
            ...common,
            result: 'no-data',
            reason: withMissingReason(`its ${notFinite[0]} is not a finite number (${notFinite[1]})`, intervals),
            baseline,
            canary,
        };
    }
    const interval = `${format(test.estimate)} [${format(test.lower)}, ${format(test.upper)}]`;
    const failures = [];
    if (metric.direction !== 'decrease' && test.lower > test.bound && effect > allowedIncrease) {
        failures.push(`canary higher: ${interval} lies above +${format(test.bound)}, ${effectEvidence(effect, '>', allowedIncrease, metric.kind, canaryValue)}`);
    }
    if (metric.direction !== 'increase' && test.upper < -test.bound && effect < allowedDecrease) {
        failures.push(`canary lower: ${interval} lies below −${format(test.bound)}, ${effectEvidence(effect, '<', allowedDecrease, metric.kind, canaryValue)}`);
    }
    if (thresholds && metric.threshold?.max !== undefined && canaryValue > metric.threshold.max) {
        failures.push(`canary ${format(canaryValue)} above the threshold ${metric.threshold.max}`);
    }
    if (thresholds && metric.threshold?.min !== undefined && canaryValue < metric.threshold.min) {
        failures.push(`canary ${format(canaryValue)} below the threshold ${metric.threshold.min}`);
    }
    const malformed = intervals.filter((observation) => observation.baseline.malformed || observation.canary.malformed).length;
    if (failures.length === 0 && malformed > 0) {
        const why = `no difference beyond the tolerance on the usable intervals (${interval}), but ${malformed} interval${malformed === 1 ? '' : 's'} answered what is not a finite number: never a pass`;
        return { ...common, result: 'no-data', reason: withMissingReason(why, intervals), baseline, canary, test, effect };
    }
    const reason = failures.length > 0 ? failures.join('; ') : `no difference beyond the tolerance: ${interval}`;
    return { ...common, result: failures.length > 0 ? 'fail' : 'pass', reason, baseline, canary, test, effect };
}
function rankTest(baseline, canary, confidence) {
    const result = mannWhitney(baseline, canary, confidence);
    return {
        method: result.method === 'exact' ? 'mann-whitney-exact' : 'mann-whitney-normal',
        u: result.u,
        pValue: result.pValue,
        estimate: result.shift,
        lower: result.lower,
        upper: result.upper,
        bound: 0,
    };
}
function proportionTest(baseline, canary, confidence) {
    const result = compareProportions({ errors: Math.round(baseline.errors ?? 0), requests: Math.round(baseline.requests ?? 0) }, { errors: Math.round(canary.errors ?? 0), requests: Math.round(canary.requests ?? 0) }, confidence);
    return {
        method: result.method === 'fisher' ? 'fisher-exact' : 'two-proportion-z',
        pValue: result.pValue,
        estimate: result.difference,
        lower: result.lower,
        upper: result.upper,
        bound: 0,
    };
}
/** A group's value counts only when it and its counts are finite and the counts not negative; anything else is a malformed missing value. */
function checked(group) {
    const isCount = (count) => count === undefined || (Number.isFinite(count) && count >= 0);
    if ((group.value === null || Number.isFinite(group.value)) && isCount(group.errors) && isCount(group.requests))
        return group;
    const numbers = [
        `value ${group.value}`,
        group.errors !== undefined && `errors ${group.errors}`,
        group.requests !== undefined && `requests ${group.requests}`,
    ];
    return { value: null, missing: `not a finite number or count (${numbers.filter(Boolean).join(', ')})`, malformed: true };
}
function finiteValues(values) {
    return values.flatMap((group) => (group.value !== null && Number.isFinite(group.value) ? [group.value] : []));
}
function summarise(groups, values) {
    const summary = {
        samples: values.length,
        missing: groups.length - values.length,
        min: values.length > 0 ? Math.min(...values) : Number.NaN,
        median: median(values),
        mean: mean(values),
        max: values.length > 0 ? Math.max(...values) : Number.NaN,
    };
    if (groups.some((group) => group.requests !== undefined)) {
        summary.errors = groups.reduce((sum, group) => sum + (group.errors ?? 0), 0);
        summary.requests = groups.reduce((sum, group) => sum + (group.requests ?? 0), 0);
        summary.rate = summary.requests > 0 ? summary.errors / summary.requests : Number.NaN;
    }
    return summary;
}
function withMissingReason(why, intervals) {
    const reasons = new Set(intervals.flatMap((interval) => [interval.baseline.missing, interval.canary.missing]).filter((reason) => reason !== undefined));
    return reasons.size === 0 ? why : `${why} (${[...reasons].slice(0, 3).join('; ')})`;
}
function ratio(canary, baseline) {
    if (baseline === 0)
        return canary === 0 ? 1 : canary > 0 ? Infinity : -Infinity;
    return canary / baseline;
}
/** The effect as a reader takes it: a ratio, or (against a baseline of exactly 0, where a ratio is infinite) what the baseline was. */
function describeEffect(effect, kind) {
    if (Number.isFinite(effect))
        return format(effect);
    return kind === 'counts' ? 'baseline 0 errors' : 'baseline median 0';
}
function effectEvidence(effect, comparison, allowed, kind, canaryValue) {
    if (Number.isFinite(effect))
        return `ratio ${format(effect)} ${comparison} ${allowed}`;
    return `${describeEffect(effect, kind)}, canary ${kind === 'counts' ? 'error rate' : 'median'} ${format(canaryValue)}`;
}
function format(value) {
    if (!Number.isFinite(value))
        return String(value);
    if (value === 0)
        return '0';
    return Math.abs(value) >= 1000 || Math.abs(value) < 0.001 ? value.toExponential(2) : Number(value.toPrecision(3)).toString();
}
/**
 * The verdict from the judged metrics. Score = weighted share of judged metrics that pass. A
 * critical failure rolls back; a critical metric without data, or no data for half the metrics
 * or more, is inconclusive (score 0) — missing data is never a pass.
 */
function decide(judgements, settings) {
    const failed = judgements.filter((metric) => metric.result === 'fail').map((metric) => metric.name);
    const noData = judgements.filter((metric) => metric.result === 'no-data');
    const judged = judgements.filter((metric) => metric.result !== 'no-data');
    const base = { failed, metrics: [...judgements] };
    const criticalFailure = judgements.find((metric) => metric.critical && metric.result === 'fail');
    if (criticalFailure) {
        return { ...base, verdict: 'rollback', score: 0, reason: `critical metric ${criticalFailure.name} failed: ${criticalFailure.reason}` };
    }
    const criticalNoData = noData.find((metric) => metric.critical);
    if (criticalNoData) {
        return { ...base, verdict: 'inconclusive', score: 0, reason: `critical metric ${criticalNoData.name} has no data: ${criticalNoData.reason}` };
    }
    if (judgements.length === 0 || noData.length * 2 >= judgements.length) {
        const detail = noData.map((metric) => `${metric.name}: ${metric.reason}`).join('; ');
        return {
            ...base,
            verdict: 'inconclusive',
            score: 0,
            reason: `${noData.length} of ${judgements.length} metrics have no data${detail ? ` (${detail})` : ''}`,
        };
    }
    const totalWeight = judged.reduce((sum, metric) => sum + metric.weight, 0);
    const passedWeight = judged.filter((metric) => metric.result === 'pass').reduce((sum, metric) => sum + metric.weight, 0);
    const score = Math.round((1000 * passedWeight) / totalWeight) / 10;
    if (!Number.isFinite(score))
        return { ...base, verdict: 'inconclusive', score: 0, reason: `the score is not a finite number (weights ${passedWeight} of ${totalWeight})` };
    const failures = failed.length > 0 ? `; failed: ${failed.join(', ')}` : '';
    if (score >= settings.passScore)
        return { ...base, verdict: 'promote', score, reason: `score ${score} ≥ pass-score ${settings.passScore}${failures}` };
    if (score < settings.marginalScore)
        return { ...base, verdict: 'rollback', score, reason: `score ${score} < marginal-score ${settings.marginalScore}${failures}` };
    return {
        ...base,
        verdict: settings.onMarginal,
        score,
        reason: `score ${score} is marginal (between ${settings.marginalScore} and ${settings.passScore}), on-marginal is ${settings.onMarginal}${failures}`,
    };
}
/** Judges every metric on its observations and decides the verdict. */
function evaluate(metrics, observations, settings) {
    return decide(metrics.map((metric) => judgeMetric(metric, observations.get(metric.name) ?? [], settings)), settings);
}
/** At an interim look: the first critical metric that fails beyond doubt (thresholds wait for the end). */
function interimFailure(metrics, intervalsOf, settings) {
    const confidence = Math.max(INTERIM_CONFIDENCE, settings.confidence);
    for (const metric of metrics.filter((candidate) => candidate.critical)) {
        const judgement = judgeMetric(metric, intervalsOf(metric), settings, { confidence, thresholds: false });
        if (judgement.result === 'fail')
            return judgement;
    }
    return undefined;
}


/***/ }),

/***/ 6712:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  I: () => (/* binding */ judgedAnalysis),
  P: () => (/* binding */ metricsProvider)
});

// EXTERNAL MODULE: ./actions/lib/analysis/analysis.ts
var analysis = __webpack_require__(15);
// EXTERNAL MODULE: ./actions/lib/analysis/metrics.ts
var metrics = __webpack_require__(1040);
// EXTERNAL MODULE: ./actions/lib/analysis/providers/direct/provider.ts
var provider = __webpack_require__(663);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./actions/lib/secrets.ts
var secrets = __webpack_require__(9039);
// EXTERNAL MODULE: ./actions/lib/errors.ts
var errors = __webpack_require__(2863);
// EXTERNAL MODULE: ./actions/lib/finite.ts
var finite = __webpack_require__(7999);
;// CONCATENATED MODULE: ./actions/lib/analysis/providers/prometheus.ts




/** The answer's shape; sample values stay unknown here, each is read with finiteOrMissing. */
const queryRangeAnswer = schemas/* object */.Ikc({
    status: schemas/* enum */.k5n(['success', 'error']),
    error: schemas/* string */.YjP().optional(),
    data: schemas/* object */.Ikc({ result: schemas/* array */.YOg(schemas/* object */.Ikc({ metric: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(), values: schemas/* array */.YOg(schemas/* tuple */.PVZ([schemas/* number */.aig(), schemas/* unknown */.L5J()])) })) })
        .optional(),
});
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
const MAX_ERROR_TEXT = 300;
const REQUEST_TIMEOUT_MS = 15_000;
/** Runs each metric's PromQL templates for both groups at the end of each interval (`/api/v1/query_range`, one step). */
class PrometheusProvider {
    options;
    description;
    headers = { Accept: 'application/json' };
    groups;
    constructor(options) {
        this.options = options;
        this.description = `Prometheus at ${new URL(options.url).origin}`;
        if (options.token)
            this.headers.Authorization = `Bearer ${options.token}`;
        if (options.username !== undefined) {
            const credentials = Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64');
            (0,secrets/* registerSecret */.c)(credentials);
            this.headers.Authorization = `Basic ${credentials}`;
        }
        this.groups = [
            ['baseline', (0,metrics/* selectorMatchers */.pL)(options.baselineSelector, 'baseline-selector', options.namespace)],
            ['canary', (0,metrics/* selectorMatchers */.pL)(options.canarySelector, 'canary-selector', options.namespace)],
        ];
    }
    async start() {
        try {
            await this.queryRange('vector(1)', new Date());
        }
        catch (error) {
            throw new analysis/* ProviderUnavailableError */.wd((0,errors/* describeError */.Uc)(error));
        }
    }
    async collect(intervalEnd) {
        const values = new Map();
        for (const metric of this.options.metrics) {
            const [baseline, canary] = await Promise.all(this.groups.map(([, selector]) => this.groupValue(metric, selector, intervalEnd)));
            values.set(metric.name, { baseline: baseline, canary: canary });
        }
        return values;
    }
    async groupValue(metric, selector, at) {
        const render = (template) => (0,metrics/* renderQuery */.no)(template, { selector, namespace: this.options.namespace, interval: `${this.options.intervalSeconds}s` });
        if (metric.reduce === 'ratio') {
            const [errors, requests] = await Promise.all([this.scalar(render(metric['errors-query']), at), this.scalar(render(metric['requests-query']), at)]);
            for (const [what, answer] of [
                ['errors-query', errors],
                ['requests-query', requests],
            ]) {
                if (answer.missing)
                    return { value: null, missing: `${what}: ${answer.missing}`, malformed: true };
            }
            // No 5xx series at all is the usual case: sum() over nothing answers no series, meaning 0 errors.
            const errorCount = errors.value ?? 0;
            const requestCount = requests.value ?? 0;
            if (errorCount < 0 || requestCount < 0 || errorCount > requestCount * (1 + 1e-9)) {
                return { value: null, missing: `not counts: ${errorCount} errors of ${requestCount} requests`, malformed: true };
            }
            if (requestCount === 0)
                return { value: null, errors: errorCount, requests: 0, missing: 'no requests in this interval' };
            return { value: errorCount / requestCount, errors: errorCount, requests: requestCount };
        }
        const answer = await this.scalar(render(metric.query), at);
        if (answer.missing)
            return { value: null, missing: answer.missing, malformed: true };
        if (answer.value === undefined)
            return { value: null, missing: 'the query returned no series' };
        return { value: answer.value };
    }
    /**
     * The query's value at `at`, summed over the series it returns. One instant was asked for,
     * so each series must hold one point at that instant: more points, or another timestamp, is
     * an answer this cannot read. A value that is not a finite number makes the whole sum unusable.
     */
    async scalar(query, at) {
        const seconds = at.getTime() / 1000;
        const series = await this.queryRange(query, at);
        let sum = 0;
        for (const { values } of series) {
            if (values.length === 0)
                continue;
            const timestamps = values.map(([timestamp]) => timestamp);
            if (values.length > 1 || Math.abs(timestamps[0] - seconds) > 0.001) {
                return { missing: `Prometheus answered points at ${(0,errors/* abbreviate */.Sm)(timestamps.join(', '), MAX_ERROR_TEXT)} for the one instant ${seconds}` };
            }
            const value = (0,finite/* finiteOrMissing */.H)(values[0][1]);
            if (value === undefined)
                return { missing: `the query returned ${(0,errors/* abbreviate */.Sm)(JSON.stringify(values[0][1]) ?? 'nothing', MAX_ERROR_TEXT)}, not a finite number` };
            sum += value;
        }
        if (!Number.isFinite(sum))
            return { missing: `the query's series add up to ${sum}` };
        return { value: series.some(({ values }) => values.length > 0) ? sum : undefined };
    }
    async queryRange(query, at) {
        const seconds = String(at.getTime() / 1000);
        const url = new URL('api/v1/query_range', this.options.url.endsWith('/') ? this.options.url : `${this.options.url}/`);
        const body = new URLSearchParams({ query, start: seconds, end: seconds, step: `${this.options.intervalSeconds}s` });
        let response;
        try {
            response = await fetch(url, { method: 'POST', headers: this.headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        }
        catch (error) {
            // Only a code or the error's kind: a library's message may quote the URL it was given.
            const code = (0,errors/* errorCode */.CA)(error) ?? (error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${REQUEST_TIMEOUT_MS / 1000}s` : 'the request failed');
            throw new Error(`cannot reach ${url.origin}: ${code}`);
        }
        const text = await readLimited(response, MAX_ANSWER_BYTES);
        let json;
        try {
            json = JSON.parse(text);
        }
        catch {
            json = undefined;
        }
        const answer = queryRangeAnswer.safeParse(json);
        if (!response.ok || answer.data?.status === 'error') {
            const detail = answer.data?.error ? `: ${(0,errors/* abbreviate */.Sm)((0,secrets/* redactSecrets */.f)(answer.data.error), MAX_ERROR_TEXT)}` : '';
            throw new Error(`query_range answered ${response.status}${detail} for ${query}`);
        }
        if (!answer.success || answer.data.status !== 'success') {
            throw new analysis/* MalformedAnswerError */.Sz(`query_range answered ${response.status} with ${json === undefined ? 'a body that is not JSON (truncated?)' : 'JSON that is not a query_range answer'} for ${query}`);
        }
        return answer.data.data?.result ?? [];
    }
}
/** The body as text, refused past `limit` bytes (a misconfigured proxy or a runaway query must not fill the runner's memory). */
async function readLimited(response, limit) {
    const reader = response.body?.getReader();
    if (!reader)
        return '';
    const chunks = [];
    let size = 0;
    const read = () => reader.read().catch(() => {
        throw new analysis/* MalformedAnswerError */.Sz('the answer broke off before its end');
    });
    for (let chunk = await read(); !chunk.done; chunk = await read()) {
        size += chunk.value.byteLength;
        if (size > limit) {
            await reader.cancel();
            throw new analysis/* MalformedAnswerError */.Sz(`query_range answered more than ${limit / 1024 / 1024} MB`);
        }
        chunks.push(chunk.value);
    }
    return Buffer.concat(chunks).toString('utf8');
}

// EXTERNAL MODULE: ./actions/lib/analysis/report.ts
var report = __webpack_require__(2431);
// EXTERNAL MODULE: ./actions/lib/analysis/traffic.ts
var analysis_traffic = __webpack_require__(468);
;// CONCATENATED MODULE: ./actions/lib/analysis/judged-run.ts






/** The provider of one analysis: the pods scraped directly through the API server, or Prometheus. */
function metricsProvider(settings, selectors, plan, metrics) {
    if (settings.provider === 'direct') {
        if (!settings.kubectl)
            throw new Error('the direct provider needs a kubectl');
        return new provider/* DirectProvider */.j7(settings.kubectl, { ...selectors, intervalSeconds: plan.intervalSeconds, metrics });
    }
    if (!settings.prometheus)
        throw new Error('the prometheus provider needs its URL');
    return new PrometheusProvider({ ...settings.prometheus, namespace: settings.namespace, ...selectors, intervalSeconds: plan.intervalSeconds, metrics });
}
/**
 * One analysis judged: the warm-up and the intervals of the plan, with the synthetic traffic (if
 * any) running meanwhile, as the report that the summary renders and the `report` output holds.
 */
async function judgedAnalysis(provider, definitions, settings, plan, traffic, hooks = {}) {
    const load = traffic && (0,analysis_traffic/* startTraffic */.g)(traffic, (plan.iterations + plan.warmup) * plan.intervalSeconds);
    let trafficReport;
    let result;
    try {
        result = await (0,analysis/* runAnalysis */.A1)(provider, definitions.map(metrics/* judgedMetric */.GQ), settings, plan, hooks);
    }
    finally {
        trafficReport = await load?.stop();
    }
    return (0,report/* buildReport */.FK)({ result, provider: provider.description, plan, settings, definitions, traffic: trafficReport });
}


/***/ }),

/***/ 1040:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ag: () => (/* binding */ DEFAULT_METRICS_YAML),
/* harmony export */   GQ: () => (/* binding */ judgedMetric),
/* harmony export */   SJ: () => (/* binding */ loadMetrics),
/* harmony export */   no: () => (/* binding */ renderQuery),
/* harmony export */   pL: () => (/* binding */ selectorMatchers)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2857);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2863);





const labelMatch = zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { error: 'label names' }), zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), {
    error: 'a map of label name to regular expression',
});
const metricSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: 'a non-empty name' }).regex(/^[\w.-]+$/, { error: 'a name of letters, digits, _ . -' }),
    // direct provider; with prometheus a metric is a ratio when it has the two count queries, else one value per interval
    reduce: zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(['rate', 'ratio', 'quantile'], { error: 'one of rate, ratio, quantile' }).optional(),
    direction: zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(['increase', 'decrease', 'either'], { error: 'one of increase, decrease, either' }).default('increase'),
    critical: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY({ error: 'true or false' }).default(false),
    weight: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig({ error: 'a positive number' }).positive({ error: 'a positive number' }).default(1),
    threshold: zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({ min: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig({ error: 'a number' }).optional(), max: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig({ error: 'a number' }).optional() }, { error: 'min and/or max' })
        .strict()
        .optional(),
    'allowed-increase': zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig({ error: 'a ratio of at least 1' }).min(1, { error: 'a ratio of at least 1' }).optional(),
    'allowed-decrease': zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig({ error: 'a ratio from 0 to 1' }).min(0).max(1, { error: 'a ratio from 0 to 1' }).optional(),
    // direct provider
    metric: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: 'a metric name' })
        .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { error: 'a Prometheus metric name' })
        .optional(),
    match: labelMatch.optional(),
    errors: labelMatch.optional(),
    quantile: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig({ error: 'a number between 0 and 1' }).gt(0).lt(1, { error: 'a number between 0 and 1' }).optional(),
    // prometheus provider
    query: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: 'a PromQL template' }).min(1).optional(),
    'errors-query': zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: 'a PromQL template' }).min(1).optional(),
    'requests-query': zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: 'a PromQL template' }).min(1).optional(),
})
    .strict();
/**
 * Defaults for the inventory service's metric contract (its API routes only: probes and
 * scrapes would dilute the signal). p99 is there because a canary whose spread grows while
 * its median holds shows in the tail first (Kayenta issue #780).
 */
const DEFAULT_METRICS_YAML = `
- name: error-rate
  reduce: ratio
  critical: true
  metric: http_requests_total
  match: { route: '/api/.*' }
  errors: { status_code: '5..' }
  errors-query: 'sum(increase(http_requests_total{ {{selector}}, route=~"/api/.*", status_code=~"5.." }[{{interval}}]))'
  requests-query: 'sum(increase(http_requests_total{ {{selector}}, route=~"/api/.*" }[{{interval}}]))'
- name: p95-latency
  reduce: quantile
  quantile: 0.95
  metric: http_request_duration_seconds
  match: { route: '/api/.*' }
  query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{ {{selector}}, route=~"/api/.*" }[{{interval}}])))'
- name: p99-latency
  reduce: quantile
  quantile: 0.99
  metric: http_request_duration_seconds
  match: { route: '/api/.*' }
  query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{ {{selector}}, route=~"/api/.*" }[{{interval}}])))'
`;
const TEMPLATE_VARIABLE = /\{\{\s*([^}]*?)\s*\}\}/g;
const KNOWN_VARIABLES = new Set(['selector', 'namespace', 'interval']);
/**
 * The `metrics` input: YAML, or the path of a YAML file (relative to the workspace); unset
 * means the defaults. Every problem names the metric and the field.
 */
function loadMetrics(inputValue, provider, workspace = process.cwd()) {
    let text = inputValue ?? DEFAULT_METRICS_YAML;
    if (inputValue !== undefined && !inputValue.includes('\n')) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(inputValue) ? inputValue : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, inputValue);
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path))
            text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    }
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parse */ .qg)(text);
    }
    catch (error) {
        throw new _index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`Input "metrics" is not valid YAML: ${(0,_index_js__WEBPACK_IMPORTED_MODULE_4__/* .describeError */ .Uc)(error).split('\n')[0]}`);
    }
    if (!Array.isArray(document) || document.length === 0) {
        throw new _index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1('Input "metrics": expected a YAML list of metric definitions, or the path of a file holding one (no such file)');
    }
    const problems = [];
    const metrics = [];
    document.forEach((entry, index) => {
        const label = `Metric ${typeof entry?.name === 'string' ? `"${entry.name}"` : `#${index + 1}`}`;
        const parsed = metricSchema.safeParse(entry);
        if (!parsed.success) {
            for (const issue of parsed.error.issues) {
                const field = issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'definition';
                problems.push(`${label}: ${field}: ${issue.code === 'unrecognized_keys' ? issue.message : `expected ${issue.message}`}.`);
            }
            return;
        }
        const metric = provider === 'prometheus' ? withPrometheusReduce(parsed.data) : parsed.data;
        problems.push(...providerProblems(metric, provider).map((problem) => `${label}: ${problem}.`));
        metrics.push(metric);
    });
    const names = metrics.map((metric) => metric.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate)
        problems.push(`Metric "${duplicate}" is defined twice.`);
    if (problems.length > 0)
        throw new _index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`Input "metrics": ${problems.join(' ')}`);
    return metrics;
}
/**
 * A Prometheus user writes a metric as a name, a query and a direction: its query already reduces
 * the series, so without `reduce` it is one value per interval (judged like a quantile), or a
 * ratio when it has the two count queries.
 */
function withPrometheusReduce(metric) {
    if (metric.reduce !== undefined)
        return metric;
    const ratio = metric['errors-query'] !== undefined || metric['requests-query'] !== undefined;
    return ratio ? { ...metric, reduce: 'ratio' } : metric;
}
function providerProblems(metric, provider) {
    const problems = [];
    const need = (field, why) => {
        if (metric[field] === undefined)
            problems.push(`field "${field}" is required ${why}`);
    };
    if (provider === 'direct') {
        need('reduce', 'by the direct provider (rate, ratio or quantile)');
        need('metric', 'by the direct provider');
        if (metric.reduce === 'ratio')
            need('errors', 'for reduce: ratio (labels of the error samples, e.g. { status_code: "5.." })');
        if (metric.reduce === 'quantile')
            need('quantile', 'for reduce: quantile');
    }
    else if (metric.reduce === 'ratio') {
        need('errors-query', 'by the prometheus provider for reduce: ratio (a count per interval, e.g. with increase())');
        need('requests-query', 'by the prometheus provider for reduce: ratio');
    }
    else {
        need('query', 'by the prometheus provider');
    }
    for (const field of ['query', 'errors-query', 'requests-query']) {
        for (const [, variable] of (metric[field] ?? '').matchAll(TEMPLATE_VARIABLE)) {
            if (!KNOWN_VARIABLES.has(variable ?? ''))
                problems.push(`field "${field}" uses {{${variable}}}: expected {{selector}}, {{namespace}} or {{interval}}`);
        }
    }
    return problems;
}
function judgedMetric(metric) {
    return {
        name: metric.name,
        kind: metric.reduce === 'ratio' ? 'counts' : 'samples',
        direction: metric.direction,
        critical: metric.critical,
        weight: metric.weight,
        threshold: metric.threshold,
        allowedIncrease: metric['allowed-increase'],
        allowedDecrease: metric['allowed-decrease'],
    };
}
/**
 * A Kubernetes equality-based label selector as PromQL matchers, with label names as
 * Prometheus' kubernetes_sd `labelmap` writes them (`app.kubernetes.io/name` → `app_kubernetes_io_name`).
 */
function selectorMatchers(selector, inputName, namespace) {
    const matchers = selector.split(',').map((requirement) => {
        const parsed = /^\s*([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)\s*$/.exec(requirement);
        if (!parsed) {
            throw new _index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`Input "${inputName}" has value "${selector}": expected equality requirements (key=value or key!=value, comma separated) with the prometheus provider`);
        }
        const [, key = '', operator, value = ''] = parsed;
        return `${key.replace(/[^a-zA-Z0-9_]/g, '_')}${operator === '!=' ? '!=' : '='}"${value}"`;
    });
    if (namespace)
        matchers.push(`namespace="${namespace}"`);
    return matchers.join(', ');
}
function renderQuery(template, variables) {
    return template.replace(TEMPLATE_VARIABLE, (_match, name) => {
        const value = variables[name];
        if (value === undefined)
            throw new _index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`A query uses {{${name}}} but input "${name}" is not set`);
        return value;
    });
}


/***/ }),

/***/ 3578:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KC: () => (/* binding */ reduceDeltas),
/* harmony export */   cK: () => (/* binding */ matches),
/* harmony export */   vF: () => (/* binding */ directReduction),
/* harmony export */   wV: () => (/* binding */ counterDeltas)
/* harmony export */ });
/* unused harmony exports histogramQuantile, bucketsOf */
/* harmony import */ var _finite_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7999);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2863);
/* harmony import */ var _text_format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4457);



function directReduction(metric) {
    const metricName = metric.metric;
    switch (metric.reduce) {
        case 'rate':
            return { reduce: 'rate', metric: metricName, match: metric.match };
        case 'ratio':
            return { reduce: 'ratio', metric: metricName, errors: metric.errors, match: metric.match };
        case 'quantile':
            return { reduce: 'quantile', metric: metricName, quantile: metric.quantile, match: metric.match };
        case undefined:
            throw new _index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Metric "${metric.name}": field "reduce" is required by the direct provider (rate, ratio or quantile).`);
    }
}
/**
 * How much each counter grew between two scrapes of the same pod. A counter that went down
 * was reset (the process restarted) and counts from zero, as PromQL's rate(); a series that
 * did not exist yet was created since (client libraries create labelled series on first use).
 * A sample that is not a finite number now or before gives a NaN delta: whatever sums it is missing.
 */
function counterDeltas(previous, current) {
    const before = new Map(previous.map((sample) => [(0,_text_format_js__WEBPACK_IMPORTED_MODULE_1__/* .seriesKey */ .Xk)(sample), sample.value]));
    const deltas = [];
    for (const sample of current) {
        const earlier = before.get((0,_text_format_js__WEBPACK_IMPORTED_MODULE_1__/* .seriesKey */ .Xk)(sample)) ?? 0;
        const delta = !Number.isFinite(sample.value) || !Number.isFinite(earlier) ? Number.NaN : sample.value >= earlier ? sample.value - earlier : sample.value;
        deltas.push({ ...sample, value: delta });
    }
    return deltas;
}
const compiled = new Map();
function matches(labels, match) {
    if (!match)
        return true;
    return Object.entries(match).every(([name, pattern]) => {
        let expression = compiled.get(pattern);
        if (!expression)
            compiled.set(pattern, (expression = new RegExp(`^(?:${pattern})$`)));
        return expression.test(labels[name] ?? '');
    });
}
function sumOf(deltas, name, match) {
    let sum = 0;
    for (const delta of deltas)
        if (delta.name === name && matches(delta.labels, match))
            sum += delta.value;
    return sum;
}
/**
 * The q-quantile of a histogram as PromQL's histogram_quantile: find the bucket holding the
 * rank q × total and interpolate linearly inside it (the lowest bucket starts at 0); a rank in
 * the +Inf bucket answers the highest finite bound. NaN without observations.
 */
function histogramQuantile(q, buckets) {
    const sorted = [...buckets].sort((a, b) => a.le - b.le);
    const last = sorted[sorted.length - 1];
    if (!last || last.le !== Infinity || sorted.length < 2)
        return Number.NaN;
    // Buckets summed over pods scraped at slightly different moments can dip; PromQL evens them out too.
    let runningMax = 0;
    const cumulative = sorted.map((bucket) => ({ le: bucket.le, count: (runningMax = Math.max(runningMax, bucket.count)) }));
    const total = cumulative[cumulative.length - 1].count;
    if (total === 0)
        return Number.NaN;
    const rank = q * total;
    const index = cumulative.findIndex((bucket) => bucket.count >= rank);
    const bucket = cumulative[index];
    if (bucket.le === Infinity)
        return cumulative[cumulative.length - 2].le;
    if (index === 0 && bucket.le <= 0)
        return bucket.le;
    const start = index === 0 ? 0 : cumulative[index - 1].le;
    const countBefore = index === 0 ? 0 : cumulative[index - 1].count;
    const inBucket = bucket.count - countBefore;
    return inBucket === 0 ? bucket.le : start + (bucket.le - start) * ((rank - countBefore) / inBucket);
}
/** The `<metric>_bucket` deltas summed by `le` over every other label that matches. */
function bucketsOf(deltas, metric, match) {
    const byBound = new Map();
    for (const delta of deltas) {
        if (delta.name !== `${metric}_bucket` || delta.labels.le === undefined || !matches(delta.labels, match))
            continue;
        const le = delta.labels.le === '+Inf' ? Infinity : ((0,_finite_js__WEBPACK_IMPORTED_MODULE_2__/* .finiteOrMissing */ .H)(delta.labels.le) ?? Number.NaN);
        byBound.set(le, (byBound.get(le) ?? 0) + delta.value);
    }
    return [...byBound].map(([le, count]) => ({ le, count }));
}
/** One group's value for one interval, from the counter deltas of all its pods over `seconds`. */
function reduceDeltas(reduction, deltas, seconds) {
    const malformed = { value: null, missing: `a sample of ${reduction.metric} is not a finite number`, malformed: true };
    switch (reduction.reduce) {
        case 'rate': {
            const value = sumOf(deltas, reduction.metric, reduction.match) / seconds;
            return Number.isFinite(value) ? { value } : malformed;
        }
        case 'ratio': {
            const requests = sumOf(deltas, reduction.metric, reduction.match);
            const errors = deltas
                .filter((delta) => delta.name === reduction.metric && matches(delta.labels, reduction.match) && matches(delta.labels, reduction.errors))
                .reduce((sum, delta) => sum + delta.value, 0);
            if (!Number.isFinite(requests) || !Number.isFinite(errors))
                return malformed;
            if (requests === 0)
                return { value: null, errors, requests, missing: 'no requests in this interval' };
            return { value: errors / requests, errors, requests };
        }
        case 'quantile': {
            const buckets = bucketsOf(deltas, reduction.metric, reduction.match);
            if (buckets.some((bucket) => Number.isNaN(bucket.le) || !Number.isFinite(bucket.count)))
                return malformed;
            const value = histogramQuantile(reduction.quantile, buckets);
            return Number.isNaN(value) ? { value: null, missing: 'no observations in this interval' } : { value };
        }
    }
}


/***/ }),

/***/ 663:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ew: () => (/* binding */ directKubectl),
/* harmony export */   V8: () => (/* binding */ scrapePods),
/* harmony export */   j7: () => (/* binding */ DirectProvider)
/* harmony export */ });
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6793);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2863);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5067);
/* harmony import */ var _analysis_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15);
/* harmony import */ var _arithmetic_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3578);
/* harmony import */ var _text_format_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4457);




/** The kubectl of the direct provider, scoped to one namespace: the `namespace` input, else the kubeconfig context's. */
async function directKubectl(kubeconfig, namespace) {
    const unscoped = new _index_js__WEBPACK_IMPORTED_MODULE_0__/* .Kubectl */ .bx({ kubeconfig });
    return unscoped.inNamespace(namespace ?? (await (0,_index_js__WEBPACK_IMPORTED_MODULE_0__/* .contextNamespace */ .jy)(unscoped)));
}
/**
 * Scrapes every ready pod of each group through the API server's pod proxy
 * (`kubectl get --raw …/pods/<pod>:<port>/proxy/metrics`) at the end of each interval and
 * reduces the counter deltas since the previous scrape. A pod scraped for the first time only
 * gives the starting point; a group where no pod could be scraped twice has no data.
 */
class DirectProvider {
    kubectl;
    options;
    description = 'direct scraping of the pods';
    previous = { baseline: new Map(), canary: new Map() };
    constructor(kubectl, options) {
        this.kubectl = kubectl;
        this.options = options;
    }
    async start() {
        for (const group of ['baseline', 'canary']) {
            const { scraped, problems } = await this.scrapeGroup(group);
            if (scraped.size === 0)
                throw new _analysis_js__WEBPACK_IMPORTED_MODULE_1__/* .ProviderUnavailableError */ .wd(`no pod of the ${group} (${this.selector(group)}) could be scraped: ${problems.join('; ') || 'no ready pod matches'}`);
            this.previous[group] = scraped;
        }
    }
    async collect() {
        const [baseline, canary] = await Promise.all(['baseline', 'canary'].map((group) => this.collectGroup(group)));
        return new Map(this.options.metrics.map((metric) => [metric.name, { baseline: baseline.get(metric.name), canary: canary.get(metric.name) }]));
    }
    async collectGroup(group) {
        const { scraped, problems, malformed } = await this.scrapeGroup(group);
        const deltas = [];
        let pods = 0;
        for (const [pod, samples] of scraped) {
            const before = this.previous[group].get(pod);
            if (!before)
                continue;
            deltas.push(...(0,_arithmetic_js__WEBPACK_IMPORTED_MODULE_2__/* .counterDeltas */ .wV)(before, samples));
            pods++;
        }
        this.previous[group] = scraped;
        const values = new Map();
        for (const metric of this.options.metrics) {
            values.set(metric.name, malformed
                ? { value: null, missing: `a ${group} pod answered what is not the metrics text format: ${problems.join('; ')}`, malformed: true }
                : pods === 0
                    ? { value: null, missing: `no ${group} pod scraped at both ends of the interval${problems.length > 0 ? `: ${problems.join('; ')}` : ''}` }
                    : (0,_arithmetic_js__WEBPACK_IMPORTED_MODULE_2__/* .reduceDeltas */ .KC)((0,_arithmetic_js__WEBPACK_IMPORTED_MODULE_2__/* .directReduction */ .vF)(metric), deltas, this.options.intervalSeconds));
        }
        return values;
    }
    selector(group) {
        return group === 'baseline' ? this.options.baselineSelector : this.options.canarySelector;
    }
    scrapeGroup(group) {
        return scrapePods(this.kubectl, this.selector(group));
    }
}
/**
 * The `/metrics` of every ready pod matching the selector, through the API server's pod proxy
 * (`kubectl get --raw …/pods/<pod>:<port>/proxy/metrics`); a pod that cannot be scraped is a problem, not an error.
 */
async function scrapePods(kubectl, selector) {
    const scraped = new Map();
    const problems = [];
    let malformed = false;
    let pods;
    try {
        pods = (await kubectl.json(['get', 'pods', `--selector=${selector}`])).items;
    }
    catch (error) {
        return { scraped, problems: [`cannot list pods: ${(0,_index_js__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(error)}`], malformed };
    }
    await Promise.all(pods.filter(isReady).map(async (pod) => {
        const port = metricsPort(pod);
        const namespace = kubectl.namespace;
        // Pod name, namespace and port come from the cluster's answer and become a URL path: nothing in them may change which path.
        if (!(0,_index_js__WEBPACK_IMPORTED_MODULE_4__/* .isObjectName */ .V2)('Pod', pod.metadata.name) ||
            (pod.metadata.namespace ?? namespace) !== namespace ||
            !(Number.isInteger(port) && port > 0 && port < 65536)) {
            problems.push(`pod ${JSON.stringify(pod.metadata.name).slice(0, 80)}: not scraped, its name, namespace or port is not what Kubernetes allows`);
            return;
        }
        try {
            const { stdout } = await kubectl.run(['get', '--raw', `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}:${port}/proxy/metrics`]);
            scraped.set(pod.metadata.name, (0,_text_format_js__WEBPACK_IMPORTED_MODULE_5__/* .parsePrometheusText */ .tb)(stdout));
        }
        catch (error) {
            problems.push(`pod ${pod.metadata.name}: ${(0,_index_js__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(error).split('\n')[0]}`);
            if (error instanceof _text_format_js__WEBPACK_IMPORTED_MODULE_5__/* .ExpositionFormatError */ .k6)
                malformed = true;
        }
    }));
    return { scraped, problems, malformed };
}
function isReady(pod) {
    return !pod.metadata.deletionTimestamp && (pod.status?.conditions ?? []).some((condition) => condition.type === 'Ready' && condition.status === 'True');
}
/** The container port named `metrics`, else `http`, else the first one declared. */
function metricsPort(pod) {
    const ports = (pod.spec?.containers ?? []).flatMap((container) => container.ports ?? []);
    const port = ports.find((candidate) => candidate.name === 'metrics') ?? ports.find((candidate) => candidate.name === 'http') ?? ports[0];
    return port?.containerPort ?? 80;
}


/***/ }),

/***/ 4457:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xk: () => (/* binding */ seriesKey),
/* harmony export */   k6: () => (/* binding */ ExpositionFormatError),
/* harmony export */   tb: () => (/* binding */ parsePrometheusText)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2863);

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
/** A series' identity: its name and every label, in a fixed order. */
function seriesKey(sample) {
    const labels = Object.keys(sample.labels)
        .sort()
        .map((name) => `${name}=${JSON.stringify(sample.labels[name])}`);
    return `${sample.name}{${labels.join(',')}}`;
}
class ExpositionFormatError extends Error {
    name = 'ExpositionFormatError';
}
/**
 * Parses what a `/metrics` endpoint answers. HELP, TYPE and other comments are skipped:
 * histograms are recognised by their `_bucket` / `_sum` / `_count` sample names. A series
 * written twice is an error, as in Prometheus' own scrape: its counter delta would count twice.
 */
function parsePrometheusText(text) {
    const samples = [];
    const seen = new Set();
    text.split('\n').forEach((rawLine, index) => {
        const line = rawLine.trim();
        if (line === '' || line.startsWith('#'))
            return;
        try {
            const sample = parseSampleLine(line);
            const key = seriesKey(sample);
            if (seen.has(key))
                throw new Error('the series appears twice');
            seen.add(key);
            samples.push(sample);
        }
        catch (error) {
            throw new ExpositionFormatError(`line ${index + 1}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(error)}: ${line.slice(0, 120)}`);
        }
    });
    return samples;
}
function parseSampleLine(line) {
    const name = METRIC_NAME.exec(line)?.[0];
    if (!name)
        throw new Error('expected a metric name');
    let rest = line.slice(name.length);
    const labels = {};
    if (rest.startsWith('{')) {
        rest = rest.slice(1).trimStart();
        while (!rest.startsWith('}')) {
            const labelName = LABEL_NAME.exec(rest)?.[0];
            if (!labelName)
                throw new Error('expected a label name');
            rest = rest.slice(labelName.length).trimStart();
            if (!rest.startsWith('="') && !/^=\s*"/.test(rest))
                throw new Error(`expected ="…" after label ${labelName}`);
            rest = rest.slice(rest.indexOf('"') + 1);
            const { value, remaining } = readQuoted(rest);
            labels[labelName] = value;
            rest = remaining.trimStart();
            if (rest.startsWith(','))
                rest = rest.slice(1).trimStart();
            else if (!rest.startsWith('}'))
                throw new Error('expected , or } after a label value');
        }
        rest = rest.slice(1);
    }
    const [valueText, timestamp, ...extra] = rest.trim().split(/\s+/);
    if (!valueText || extra.length > 0 || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) {
        throw new Error('expected a value and an optional integer timestamp');
    }
    return { name, labels, value: parseValue(valueText) };
}
/** Reads a label value up to its closing quote; the format escapes only \\, \" and \n. */
function readQuoted(text) {
    let value = '';
    for (let i = 0; i < text.length; i++) {
        const character = text[i];
        if (character === '"')
            return { value, remaining: text.slice(i + 1) };
        if (character === '\\') {
            const escaped = text[++i];
            if (escaped === 'n')
                value += '\n';
            else if (escaped === '\\' || escaped === '"')
                value += escaped;
            else
                value += `\\${escaped ?? ''}`;
        }
        else {
            value += character;
        }
    }
    throw new Error('unterminated label value');
}
/** Like Prometheus (Go's ParseFloat): NaN and Inf in any case — prom-client writes `Nan`. */
function parseValue(text) {
    switch (text.toLowerCase()) {
        case 'nan':
            return Number.NaN;
        case '+inf':
        case 'inf':
            return Infinity;
        case '-inf':
            return -Infinity;
    }
    const value = Number(text);
    if (Number.isNaN(value) || text === '')
        throw new Error(`"${text}" is not a number`);
    return value;
}


/***/ }),

/***/ 2431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ buildReport),
/* harmony export */   l4: () => (/* binding */ reportJson),
/* harmony export */   u5: () => (/* binding */ writeReport)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);




function buildReport(input) {
    const { result } = input;
    return {
        verdict: result.judgement.verdict,
        score: result.judgement.score,
        reason: result.judgement.reason,
        failedMetrics: result.judgement.failed,
        provider: input.provider,
        startedAt: result.startedAt,
        finishedAt: result.finishedAt,
        plan: input.plan,
        settings: input.settings,
        stoppedEarly: result.stoppedEarly,
        traffic: input.traffic,
        metrics: result.judgement.metrics.map((judgement) => ({
            ...judgement,
            definition: input.definitions.find((definition) => definition.name === judgement.name),
            intervals: result.observations.get(judgement.name) ?? [],
        })),
    };
}
/** JSON has no NaN or Infinity: they are written as strings, so the report says what happened instead of null. */
function reportJson(report) {
    return JSON.stringify(report, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2);
}
async function writeReport(report, directory = process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)()) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(directory, `canary-analyze-report-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}.json`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(path, reportJson(report));
    return path;
}


/***/ }),

/***/ 7757:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ renderSummary),
/* harmony export */   qQ: () => (/* binding */ VERDICT_HEADINGS)
/* harmony export */ });
/* unused harmony exports CHART_COLOURS, CHART_LEGEND, mermaidChart, chartNumber, chartText */
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4269);
/* harmony import */ var _judge_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3387);


const VERDICT_HEADINGS = {
    promote: '✅ canary-analyze: promote',
    rollback: '❌ canary-analyze: rollback',
    inconclusive: '⚠️ canary-analyze: inconclusive',
};
const RESULT_LABELS = { pass: '✅ pass', fail: '❌ fail', 'no-data': '⚠️ no data' };
/**
 * Verdict first, then one row per metric, then one chart per metric over the intervals. Names,
 * reasons and error texts come from the user's YAML and the provider: escaped, never markup.
 */
function renderSummary(summary, report, heading = { text: VERDICT_HEADINGS[report.verdict], level: 2 }) {
    summary.addHeading(heading.text, heading.level);
    summary.addRaw(`\n**Score ${report.score}** (pass ≥ ${report.settings.passScore}, rollback < ${report.settings.marginalScore}) — ${(0,_index_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkdown */ .FV)(report.reason)}\n\n`);
    const judged = report.metrics[0]?.intervals.length ?? 0;
    summary.addRaw(`${judged} of ${report.plan.iterations} intervals of ${report.plan.intervalSeconds}s judged (${report.plan.warmup} warm-up), provider: ${(0,_index_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkdown */ .FV)(report.provider)}` +
        `, confidence ${report.settings.confidence}, tolerance ${report.settings.tolerance}.\n\n`);
    summary.addTable([
        [
            { data: 'Metric', header: true },
            { data: 'Result', header: true },
            { data: 'Baseline', header: true },
            { data: 'Canary', header: true },
            { data: 'Effect (canary / baseline)', header: true },
            { data: 'p-value', header: true },
            { data: 'Why', header: true },
        ],
        ...report.metrics.map((metric) => [
            `${(0,_index_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(metric.name)}${metric.critical ? ' (critical)' : ''}`,
            RESULT_LABELS[metric.result],
            groupCell(metric, 'baseline'),
            groupCell(metric, 'canary'),
            metric.effect === undefined || Number.isNaN(metric.effect)
                ? '–'
                : (0,_judge_js__WEBPACK_IMPORTED_MODULE_1__/* .describeEffect */ .xU)(metric.effect, metric.baseline.rate === undefined ? 'samples' : 'counts'),
            metric.test && Number.isFinite(metric.test.pValue) ? `${(0,_judge_js__WEBPACK_IMPORTED_MODULE_1__/* .format */ .GP)(metric.test.pValue)} (${metric.test.method})` : '–',
            (0,_index_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(metric.reason),
        ]),
    ]);
    if (report.traffic) {
        const { sent, failed, url, method } = report.traffic;
        summary.addRaw(`\nSynthetic traffic: ${sent} ${method} requests to ${(0,_index_js__WEBPACK_IMPORTED_MODULE_0__/* .codeSpan */ .SS)(url)}, ${failed} without an answer.\n`);
    }
    for (const metric of report.metrics) {
        const chart = mermaidChart(metric);
        if (chart)
            summary.addRaw(`\n${chart}\n`);
    }
}
function groupCell(metric, group) {
    const summary = metric[group];
    if (summary.rate !== undefined)
        return `${Number.isFinite(summary.rate) ? (0,_judge_js__WEBPACK_IMPORTED_MODULE_1__/* .format */ .GP)(summary.rate) : '–'} (${summary.errors}/${summary.requests})`;
    return summary.samples === 0 || !Number.isFinite(summary.median) ? '–' : `median ${(0,_judge_js__WEBPACK_IMPORTED_MODULE_1__/* .format */ .GP)(summary.median)}`;
}
/** Strong colours apart for every reader (GitHub's blue and orange): Mermaid's default palette draws the second line nearly white. */
const CHART_COLOURS = { baseline: '#0969da', canary: '#bc4c00' };
/** xychart has no legend: this line under each chart says which line is which, in squares of the lines' colours. */
const CHART_LEGEND = '🟦 baseline · 🟧 canary';
/**
 * A Mermaid xychart-beta of both groups over the intervals where both have a value (GitHub
 * renders it), each group in its own colour. The y-axis reaches a little below the lowest value,
 * so a group at 0 (a baseline without errors) is drawn above the x-axis rather than hidden in it.
 */
function mermaidChart(metric) {
    const points = metric.intervals.filter((interval) => isNumber(interval.baseline.value) && isNumber(interval.canary.value));
    if (points.length < 2)
        return undefined;
    const values = (group) => points.map((interval) => interval[group].value);
    const all = [...values('baseline'), ...values('canary')];
    const [lowest, highest] = [Math.min(...all), Math.max(...all)];
    const margin = (highest - lowest || Math.abs(highest) || 1) * 0.08;
    // Mermaid's default 700 × 500 takes a screen per chart; a summary has one per metric.
    const init = {
        xyChart: { width: 700, height: 300 },
        themeVariables: { xyChart: { plotColorPalette: `${CHART_COLOURS.baseline}, ${CHART_COLOURS.canary}` } },
    };
    return [
        '```mermaid',
        `%%{init: ${JSON.stringify(init)}}%%`,
        'xychart-beta',
        `  title "${chartText(metric.name)}: baseline (blue) vs canary (orange)"`,
        `  x-axis "interval" [${points.map((interval) => interval.index + 1).join(', ')}]`,
        `  y-axis "${chartText(metric.name)}" ${chartNumber(lowest - margin)} --> ${chartNumber(highest + margin)}`,
        `  line [${values('baseline').map(chartNumber).join(', ')}]`,
        `  line [${values('canary').map(chartNumber).join(', ')}]`,
        '```',
        '',
        CHART_LEGEND,
    ].join('\n');
}
const CHART_NUMBER = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 4 });
/** Mermaid's xychart reads plain decimals only: 1e-7 or 1.2e+21 would be a syntax error. */
function chartNumber(value) {
    return CHART_NUMBER.format(value);
}
function isNumber(value) {
    return value !== null && Number.isFinite(value);
}
/** A Mermaid label is a double-quoted string inside a fenced block: keep only characters that can close neither. */
function chartText(text) {
    return text.replace(/[^\w .,:+%/-]/g, ' ').slice(0, 100);
}


/***/ }),

/***/ 468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ parseTraffic),
/* harmony export */   g: () => (/* binding */ startTraffic)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2857);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7721);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2863);





const MAX_RATE = 200;
const MAX_IN_FLIGHT = 100;
const trafficSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    url: _index_js__WEBPACK_IMPORTED_MODULE_4__/* .input */ .h.url(),
    rate: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig({ error: `requests per second, from 0.1 to ${MAX_RATE}` })
        .min(0.1)
        .max(MAX_RATE, { error: `at most ${MAX_RATE} requests per second` }),
    method: zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(['GET', 'HEAD'], { error: 'GET or HEAD (read-only methods only)' }).default('GET'),
    duration: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig({ error: 'seconds' }).positive().optional(),
})
    .strict();
function parseTraffic(text) {
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parse */ .qg)(text);
    }
    catch (error) {
        throw new _index_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`Input "traffic" is not valid YAML: ${(0,_index_js__WEBPACK_IMPORTED_MODULE_5__/* .describeError */ .Uc)(error).split('\n')[0]}`);
    }
    const parsed = trafficSchema.safeParse(document);
    if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'value'}: expected ${issue.message}`);
        throw new _index_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`Input "traffic": ${problems.join('; ')} (e.g. "url: http://inventory/api/items, rate: 10").`);
    }
    return parsed.data;
}
const REQUEST_TIMEOUT_MS = 5_000;
/**
 * One request on a connection of its own (`agent: false`, `Connection: close`): a Service balances
 * connections, not requests (kube-proxy picks an endpoint per connection), so a kept-alive
 * connection would send all the traffic to one group. Resolves with the status code.
 */
function requestOnce(url, method) {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? (node_https__WEBPACK_IMPORTED_MODULE_1___default().request) : (node_http__WEBPACK_IMPORTED_MODULE_0___default().request);
    return new Promise((resolve, reject) => {
        const request = send(target, { method, agent: false, headers: { Connection: 'close' }, timeout: REQUEST_TIMEOUT_MS }, (response) => {
            response.on('error', reject);
            response.on('end', () => resolve(response.statusCode ?? 0));
            response.resume();
        });
        request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
        request.on('error', reject);
        request.end();
    });
}
/**
 * A bounded synthetic load: `rate` requests per second to one URL for at most `seconds`
 * (the plan's duration if shorter), never more than MAX_IN_FLIGHT at once, each on a new
 * connection so the Service spreads it over the groups as it spreads new clients. So a quiet
 * service still gives both groups samples.
 */
function startTraffic(plan, seconds) {
    const report = { url: plan.url, method: plan.method, sent: 0, failed: 0, statuses: {} };
    const inFlight = new Set();
    const deadline = Date.now() + Math.min(seconds, plan.duration ?? seconds) * 1000;
    const timer = setInterval(() => {
        if (Date.now() >= deadline)
            return clearInterval(timer);
        if (inFlight.size >= MAX_IN_FLIGHT)
            return;
        report.sent++;
        const request = requestOnce(plan.url, plan.method)
            .then((status) => {
            report.statuses[status] = (report.statuses[status] ?? 0) + 1;
        })
            .catch(() => {
            report.failed++;
        })
            .finally(() => inFlight.delete(request));
        inFlight.add(request);
    }, 1000 / plan.rate);
    return {
        async stop() {
            clearInterval(timer);
            await Promise.all(inFlight);
            return report;
        },
    };
}


/***/ }),

/***/ 7999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ finiteOrMissing)
/* harmony export */ });
/**
 * A number that decides something, read from what a provider, a file or a person gave. NaN,
 * ±Infinity, empty text and anything that is not a number are missing (undefined), never a
 * value: `Number("NaN") ?? 0` is NaN, and every comparison with NaN is false, so a NaN that
 * got through would pass any check it met.
 */
function finiteOrMissing(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : undefined;
    if (typeof value !== 'string' || value.trim() === '')
        return undefined;
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
}


/***/ })

};

//# sourceMappingURL=151.index.js.map