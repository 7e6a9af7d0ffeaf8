import { ConfigurationError } from '../errors.js';
import { input, type Inputs } from '../inputs.js';
import type { AnalysisPlan } from './analysis.js';
import type { JudgeSettings } from './judge.js';
import { selectorMatchers } from './metrics.js';

export const MAX_ITERATIONS = 1000;

/** The inputs of one analysis (where the numbers come from, how long, how they are judged): canary-analyze's and progressive-canary's. */
export const analysisInputs = {
  provider: input.oneOf(['direct', 'prometheus']).default('direct'),
  'prometheus-url': input.url().optional(),
  'prometheus-token': input.text('a bearer token').optional(),
  'prometheus-username': input.text('a user name for basic auth').optional(),
  'prometheus-password': input.text('a password for basic auth').optional(),
  interval: input.duration().default(30),
  iterations: input.integer({ min: 1, max: MAX_ITERATIONS }).default(10),
  warmup: input.integer({ min: 0, max: MAX_ITERATIONS }).default(0),
  metrics: input.text('metric definitions as YAML, or the path of a YAML file').optional(),
  confidence: input.number({ min: 0.5, max: 0.9999 }).default(0.98),
  tolerance: input.number({ min: 0, max: 10 }).default(0.25),
  'allowed-increase': input.number({ min: 1 }).optional(),
  'allowed-decrease': input.number({ min: 0, max: 1 }).optional(),
  'pass-score': input.number({ min: 0, max: 100 }).default(75),
  'marginal-score': input.number({ min: 0, max: 100 }).default(50),
  'min-samples': input.integer({ min: 1, max: MAX_ITERATIONS }).default(3),
  'on-marginal': input.oneOf(['inconclusive', 'promote', 'rollback']).default('inconclusive'),
  traffic: input.text('a traffic definition as YAML (url, rate, methods)').optional(),
};

export const analysisSecretInputs = ['prometheus-token', 'prometheus-password'] as const;

type AnalysisInputs = Inputs<typeof analysisInputs>;

export function judgeSettings(inputs: AnalysisInputs): JudgeSettings {
  if (inputs['marginal-score'] > inputs['pass-score']) {
    throw new ConfigurationError(`Input "marginal-score" has value "${inputs['marginal-score']}": expected at most pass-score (${inputs['pass-score']}).`);
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
export function analysisPlan(inputs: AnalysisInputs & { duration?: number }): AnalysisPlan {
  const iterations = inputs.duration === undefined ? inputs.iterations : Math.floor(inputs.duration / inputs.interval);
  if (iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new ConfigurationError(
      `Input "duration" has value "${inputs.duration}s": expected from one to ${MAX_ITERATIONS} intervals of ${inputs.interval}s (it makes ${iterations}).`,
    );
  }
  return { intervalSeconds: inputs.interval, iterations, warmup: inputs.warmup };
}

/** Prometheus needs its URL, basic auth both halves, and selectors it can turn into matchers (unknown until a deploy gives them, so optional). */
export function checkProviderInputs(inputs: AnalysisInputs, selectors: Partial<Record<'baseline-selector' | 'canary-selector', string>> = {}): void {
  if (inputs.provider !== 'prometheus') return;
  if (inputs['prometheus-url'] === undefined) {
    throw new ConfigurationError('Input "prometheus-url" is required but was not set: expected the Prometheus base URL with provider prometheus.');
  }
  if (inputs['prometheus-password'] !== undefined && inputs['prometheus-username'] === undefined) {
    throw new ConfigurationError('Input "prometheus-password" is set without "prometheus-username": expected both for basic auth.');
  }
  for (const [name, selector] of Object.entries(selectors)) if (selector !== undefined) selectorMatchers(selector, name);
}

/** The Prometheus connection of the inputs; undefined without a URL. */
export function prometheusConnection(inputs: AnalysisInputs): { url: string; token?: string; username?: string; password?: string } | undefined {
  if (inputs['prometheus-url'] === undefined) return undefined;
  return { url: inputs['prometheus-url'], token: inputs['prometheus-token'], username: inputs['prometheus-username'], password: inputs['prometheus-password'] };
}
