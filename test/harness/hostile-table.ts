import { expect, it } from 'vitest';
import { ConfigurationError } from '../../actions/lib/errors.js';
import { parseInputs, type InputShape } from '../../actions/lib/inputs.js';
import { carries, HOSTILE_VALUES } from './hostile.js';
import { recordTools } from './recording-tools.js';
import { runBundle } from './run-bundle.js';

/** A kubeconfig that parses but points nowhere: a run that reached kubectl would fail on it, never change a cluster. */
export const BOGUS_KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:1"}}]',
  'users: [{name: nobody, user: {token: bogus-token-for-hostile-tests}}]',
  'contexts: [{name: nowhere, context: {cluster: nowhere, user: nobody}}]',
  'current-context: nowhere',
  '',
].join('\n');

/**
 * Hostile values that are valid Kubernetes syntax after all, so Kubernetes would take them too:
 * `1e309` is a fine name, and `NaN` or `Infinity` a fine "this label key exists" selector.
 */
const VALID_NAMES = new Set(['1e309']);
const VALID_SELECTORS = new Set(['1e309', 'NaN', 'Infinity']);

export interface HostileTable {
  /** Folder of the action.yml. */
  action: string;
  /** Inputs that make an otherwise valid run. */
  inputs: Record<string, string>;
  /** The name-, namespace- and selector-like inputs to feed each hostile value. */
  hostile: readonly string[];
  /** The action's input schema, for values the runner cannot pass as environment variables (NUL, a megabyte). */
  shape: InputShape;
  secret?: readonly string[];
}

/**
 * Every hostile value into every listed input: through the built bundle with every kubectl call
 * recorded where the runner could pass the value, else through the same parseInputs the bundle
 * runs. Each must end in an input error that names the input, with no kubectl call carrying it.
 * parseInputs reports every refused input in one error, so one bundle run gives a value to all the
 * inputs at once: one process per value, not per (input, value).
 */
export function hostileInputTable({ action, inputs, hostile, shape, secret = [] }: HostileTable): void {
  const cases = hostile.flatMap((name) => {
    const valid = name.endsWith('selector') ? VALID_SELECTORS : VALID_NAMES;
    return HOSTILE_VALUES.filter((hostileValue) => !valid.has(hostileValue.value)).map((hostileValue) => ({ name, ...hostileValue }));
  });
  const byValue = HOSTILE_VALUES.filter((hostileValue) => hostileValue.environmentSafe)
    .map((hostileValue) => {
      const names = cases.filter((entry) => entry.value === hostileValue.value).map((entry) => entry.name);
      return { ...hostileValue, names, listed: names.join(', ') };
    })
    .filter((entry) => entry.names.length > 0);

  it.concurrent.each(byValue)('$label into $listed: an input error naming each, and no kubectl call carries it', async ({ names, value }) => {
    const tools = await recordTools(['kubectl']);
    const run = await runBundle({
      action,
      inputs: { ...inputs, ...Object.fromEntries(names.map((name) => [name, value])) },
      env: { PATH: tools.path },
      timeoutMs: 60_000,
    });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((annotation) => annotation.level === 'error')?.message ?? '';
    // One problem per input, each `Input "<name>" has value …: expected …`.
    const problems = error.split(/ (?=Input ")/);
    for (const name of names) {
      const problem = problems.find((text) => text.includes(`Input "${name}" has value`));
      expect(problem, `${name} in: ${error}`).toBeDefined();
      expect(problem).toMatch(/expected a Kubernetes (\w+ name|label selector)/);
    }
    expect(carries(await tools.calls(), value)).toBe(false);
  });

  it.each(cases.filter((entry) => !entry.environmentSafe))('$name = $label (through parseInputs): an input error naming the input', ({ name, value }) => {
    const read = (input: string) => (input === name ? value : (inputs[input] ?? ''));
    expect(() => parseInputs(shape, { read, secret: secret as Array<keyof typeof shape & string> })).toThrow(ConfigurationError);
    expect(() => parseInputs(shape, { read, secret: secret as Array<keyof typeof shape & string> })).toThrow(`Input "${name}" has value`);
  });
}
