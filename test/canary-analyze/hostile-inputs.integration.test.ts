import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInputs } from '../../actions/lib/inputs.js';
import { canaryAnalyzeInputs, canaryAnalyzeSecretInputs } from '../../actions/canary-analyze/src/inputs.js';
import { errorMessages, runBundle } from '../harness/run-bundle.js';
import { HOSTILE_VALUES } from '../harness/hostile.js';
import { HEALTHY_FIXTURE, STAND_IN_SELECTORS, startStandInPrometheus, type StandInPrometheus } from './stand-in-prometheus.js';

// Every numeric input of canary-analyze given each hostile value at once: one input error naming
// each of them, and not one request to Prometheus. (Selectors and namespace: the names tests.)
const ACTION = 'actions/canary-analyze';
const NUMERIC_INPUTS = [
  'confidence',
  'tolerance',
  'pass-score',
  'marginal-score',
  'allowed-increase',
  'allowed-decrease',
  'interval',
  'duration',
  'iterations',
  'warmup',
  'min-samples',
];
// The runner passes inputs in the environment: a value must be one variable of at most 128 KiB (Linux' MAX_ARG_STRLEN), without NUL.
const fitsTheEnvironment = (value: string) => !value.includes('\u0000') && value.length < 120_000;

let prometheus: StandInPrometheus;
beforeAll(async () => {
  prometheus = await startStandInPrometheus({ baseline: HEALTHY_FIXTURE, canary: HEALTHY_FIXTURE });
});
afterAll(() => prometheus.close());

describe.concurrent('canary-analyze: a hostile value in every numeric input', () => {
  it.each(HOSTILE_VALUES.filter((hostile) => fitsTheEnvironment(hostile.value)).map((hostile) => [hostile.label, hostile.value] as const))(
    '%s: one input error naming each input, no request',
    async (_label, value) => {
      const inputs = Object.fromEntries(NUMERIC_INPUTS.map((name) => [name, value]));
      const run = await runBundle({ action: ACTION, inputs: { provider: 'prometheus', 'prometheus-url': prometheus.url, ...STAND_IN_SELECTORS, ...inputs } });
      expect(run.exitCode).toBe(1);
      const errors = errorMessages(run);
      expect(errors).toHaveLength(1);
      for (const name of NUMERIC_INPUTS) expect(errors[0]).toMatch(new RegExp(`Input "${name}" has value "[^"]*": expected `));
      expect(run.outputs).toEqual({});
      expect(prometheus.received).toEqual([]);
    },
  );

  it.each(HOSTILE_VALUES.map((hostile) => [hostile.label, hostile.value] as const))(
    '%s, read as the runner would give it: every input named',
    (_label, value) => {
      const read = (name: string) => (NUMERIC_INPUTS.includes(name) || name === 'prometheus-url' ? value : name.endsWith('selector') ? 'app=x' : '');
      let message = '';
      try {
        parseInputs(canaryAnalyzeInputs, { secret: canaryAnalyzeSecretInputs, read });
      } catch (error: unknown) {
        message = (error as Error).message;
      }
      for (const name of [...NUMERIC_INPUTS, 'prometheus-url']) expect(message).toMatch(new RegExp(`Input "${name}" has value "[^"]{0,80}": expected `));
      expect(message.length).toBeLessThan(12 * 250);
    },
  );

  it('a duration of more intervals than iterations may have', async () => {
    const run = await runBundle({
      action: ACTION,
      inputs: { provider: 'prometheus', 'prometheus-url': prometheus.url, ...STAND_IN_SELECTORS, interval: '1s', duration: '2h' },
    });
    expect(errorMessages(run)).toEqual([
      expect.stringContaining('Input "duration" has value "7200s": expected from one to 1000 intervals of 1s (it makes 7200).'),
    ]);
    expect(prometheus.received).toEqual([]);
  });
});

describe.concurrent('canary-analyze: numbers in the metrics and traffic YAML that are not finite', () => {
  it.each([
    ['threshold: { max: .nan }', 'field "threshold.max": expected a number.'],
    ['threshold: { min: 1e309 }', 'field "threshold.min": expected a number.'],
    ['threshold: { max: -.inf }', 'field "threshold.max": expected a number.'],
    ['weight: .nan', 'field "weight": expected a positive number.'],
    ['weight: .inf', 'field "weight": expected a positive number.'],
    ['allowed-increase: .inf', 'field "allowed-increase": expected a ratio of at least 1.'],
    ['allowed-decrease: .nan', 'field "allowed-decrease": expected a ratio from 0 to 1.'],
    ["weight: '2'", 'field "weight": expected a positive number.'],
  ])('%s', async (field, message) => {
    const metrics = `- name: p95\n  reduce: quantile\n  query: 'histogram_quantile(0.95, rate(x{ {{selector}} }[{{interval}}]))'\n  ${field}`;
    const run = await runBundle({ action: ACTION, inputs: { provider: 'prometheus', 'prometheus-url': prometheus.url, ...STAND_IN_SELECTORS, metrics } });
    expect(errorMessages(run)).toEqual([expect.stringContaining(`Input "metrics": Metric "p95": ${message}`)]);
    expect(prometheus.received).toEqual([]);
  });

  it.each([
    ['rate: .nan', 'field "rate": expected requests per second'],
    ['rate: 1e309', 'field "rate": expected requests per second'],
    ['duration: .inf', 'field "duration": expected seconds'],
    ['url: http://user:planted-secret@127.0.0.1:9/api', 'field "url": expected an http or https URL without a user name or password in it'],
    ['url: file:///etc/passwd', 'field "url": expected an http or https URL (not file:)'],
  ])('traffic %s', async (field, message) => {
    const traffic = ['url: http://127.0.0.1:9/api/items', 'rate: 5', field]
      .filter((line, index, lines) => !lines.slice(index + 1).some((later) => later.split(':')[0] === line.split(':')[0]))
      .join('\n');
    const run = await runBundle({ action: ACTION, inputs: { provider: 'prometheus', 'prometheus-url': prometheus.url, ...STAND_IN_SELECTORS, traffic } });
    expect(errorMessages(run)).toEqual([expect.stringContaining(`Input "traffic": ${message}`)]);
    expect(run.everythingWritten).not.toContain('planted-secret');
    expect(prometheus.received).toEqual([]);
  });
});
