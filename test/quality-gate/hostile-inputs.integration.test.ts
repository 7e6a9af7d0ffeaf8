import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../actions/lib/errors.js';
import { parseInputs } from '../../actions/lib/inputs.js';
import { isGitRevision } from '../../actions/lib/git.js';
import { qualityGateInputs } from '../../actions/quality-gate/src/inputs.js';
import { startGitHubStandIn } from '../harness/github-stand-in.js';
import { carries, HOSTILE_VALUES } from '../harness/hostile.js';
import { recordTools } from '../harness/recording-tools.js';
import { runBundle } from '../harness/run-bundle.js';
import { lcovForChange, makeRepository, PATH_INPUTS } from './helpers.js';

type InputName = keyof typeof qualityGateInputs;

/** Inputs whose schema decides: all of them hostile at once, one error must name each. */
const SCHEMA_INPUTS: InputName[] = [
  'min-coverage',
  'min-branch-coverage',
  'min-changed-lines-coverage',
  'min-changed-lines',
  'max-coverage-drop',
  'max-failed-tests',
  'max-lint-errors',
  'max-lint-warnings',
  'max-security-findings',
  'allow-missing',
  'allow-empty-reports',
  'comment',
  'pull-request',
  'base-ref',
  'github-token',
];
/** Values a schema may accept because they are a real ref or token shape; what happens to them is asserted apart. */
const acceptedBySchema = (name: InputName, value: string) =>
  (name === 'base-ref' && isGitRevision(value)) || (name === 'github-token' && /^[\x21-\x7e]{1,4096}$/.test(value));

it('every input is in one of the tables', () => {
  expect([...SCHEMA_INPUTS, ...PATH_INPUTS].sort()).toEqual(Object.keys(qualityGateInputs).sort());
});

describe('values the runner cannot pass (NUL) or too long to mean anything (1 MB): an input error for every input', () => {
  const values = [
    { label: 'a NUL byte', value: 'web\u0000--all' },
    { label: '1 MB', value: '-eyJ'.repeat(256 * 1024) },
  ];
  describe.each(values)('$label', ({ value }) => {
    it.each(Object.keys(qualityGateInputs))('%s', (name) => {
      const read = (input: string) => (input === name ? value : '');
      expect(() => parseInputs(qualityGateInputs, { read, secret: ['github-token'] })).toThrow(ConfigurationError);
      expect(() => parseInputs(qualityGateInputs, { read, secret: ['github-token'] })).toThrow(`Input "${name}" has value`);
    });
  });
});

// Linux refuses one environment string over 128 KB (MAX_ARG_STRLEN): no runner can pass 1 MB as an
// input, so the bundle gets the longest value it can; parseInputs gets the full 1 MB above.
const MOST_ENVIRONMENT_CHARACTERS = 100_000;
const BUNDLE_VALUES = HOSTILE_VALUES.filter((hostile) => hostile.environmentSafe).map((hostile) => ({
  ...hostile,
  value: hostile.value.slice(0, MOST_ENVIRONMENT_CHARACTERS),
}));

// One repository and GitHub stand-in for every value: the gate only reads them.
let dir = '';
let baseSha = '';
const github = { url: '', requests: [] as Array<{ url: string; body: unknown; authorization: string | undefined }>, close: async () => {} };
beforeAll(async () => {
  const repository = await makeRepository();
  ({ dir, baseSha } = repository);
  await writeFile(join(dir, 'lcov.info'), lcovForChange());
  Object.assign(github, await startGitHubStandIn());
});
afterAll(() => github.close());

async function gate(inputs: Record<string, string>) {
  const git = await recordTools(['git']);
  github.requests.length = 0;
  const run = await runBundle({
    action: 'actions/quality-gate',
    workspace: dir,
    inputs: { 'coverage-files': 'lcov.info', 'min-changed-lines': '100', ...inputs },
    env: { PATH: git.path, GITHUB_API_URL: github.url },
    event: { name: 'pull_request', payload: { pull_request: { number: 7, base: { sha: baseSha } } } },
    githubToken: 'ghs_standInToken0123456789',
    timeoutMs: 60_000,
  });
  const requests = github.requests.map((request) => `${request.url} ${JSON.stringify(request.body ?? '')}`);
  return { run, gitCalls: await git.calls(), requests, error: run.annotations.find((annotation) => annotation.level === 'error')?.message ?? '' };
}

BUNDLE_VALUES.forEach(({ label, value }, index) =>
  describe(`through the bundle, every input given ${label}`, () => {
    it('the inputs a schema decides: one input error naming each, before any git call or GitHub request', async () => {
      const { run, gitCalls, requests, error } = await gate(Object.fromEntries(SCHEMA_INPUTS.map((name) => [name, value])));
      expect(run.exitCode).toBe(1);
      expect(error).toMatch(/^quality-gate: Input "/);
      for (const name of SCHEMA_INPUTS) {
        if (!acceptedBySchema(name, value)) expect(error, name).toContain(`Input "${name}" has value`);
      }
      expect(error).not.toContain('a bug in inventory-devops');
      expect(gitCalls).toEqual([]);
      expect(requests).toEqual([]);
    });

    // hostile-path-inputs.test.ts gives every path input every value in-process; the bundle proves the wiring with each value once, the inputs in turn.
    const name = PATH_INPUTS[index % PATH_INPUTS.length]!;
    it(`${name}: a clear error naming the input, before any git call or GitHub request`, async () => {
      const { run, gitCalls, requests, error } = await gate({ [name]: value });
      expect(run.exitCode).toBe(1);
      expect(error).toMatch(new RegExp(`^quality-gate: .*(Input "${name}"|\\(${name}\\)|for ${name} )`));
      expect(error).toMatch(/has value|was not found|No .* found for|is outside the workspace|is not a regular file/);
      expect(gitCalls).toEqual([]);
      expect(requests).toEqual([]);
    });

    it('base-ref: a value that is a real ref name reaches git only after --end-of-options, and is not found', async () => {
      if (!isGitRevision(value)) return;
      const { run, gitCalls, requests, error } = await gate({ 'base-ref': value });
      expect(run.exitCode).toBe(1);
      expect(error).toContain(`The base commit "${value}" (base-ref) is not in this clone`);
      for (const call of gitCalls.filter((text) => carries([text], value))) expect(call.indexOf('--end-of-options')).toBeGreaterThan(-1);
      expect(gitCalls.filter((text) => carries([text], value)).every((call) => call.indexOf('--end-of-options') < call.indexOf(value))).toBe(true);
      expect(requests).toEqual([]);
    });

    it('github-token: a value of a token’s shape is masked and goes only into the Authorization header', async () => {
      if (!acceptedBySchema('github-token', value)) return;
      const { run, requests } = await gate({ 'github-token': value });
      expect(run.masks).toContain(value);
      expect(carries(requests, value)).toBe(false);
      // Octokit sends a token of three dot-separated parts (`..`) as a bearer JWT.
      expect(github.requests.every((request) => request.authorization === `token ${value}` || request.authorization === `bearer ${value}`)).toBe(true);
    });
  }),
);
