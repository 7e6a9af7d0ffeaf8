import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInputs } from '../../actions/lib/inputs.js';
import { securityScanInputs } from '../../actions/security-scan/src/inputs.js';
import { carries, HOSTILE_VALUES } from '../harness/hostile.js';
import { recordTools, type RecordingTools } from '../harness/recording-tools.js';
import { runBundle } from '../harness/run-bundle.js';

const git = (cwd: string, ...args: string[]) =>
  promisify(execFile)('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd });

/** Inputs that name a file or folder: a value may parse, and must then be found inside the workspace. */
const PATH_INPUTS = new Set(['path', 'secret-rules', 'ignore-file', 'baseline', 'sarif-files']);
/**
 * Inputs whose files the exported readers check (hostile-path-inputs.test.ts gives those every
 * value in-process): the bundle proves the wiring with one value each, in turn.
 */
const READER_INPUTS = ['secret-rules', 'ignore-file', 'baseline', 'migration-paths'];
const INPUTS = Object.keys(securityScanInputs);
const MAX_ENVIRONMENT_STRING = 100 * 1024;

/** Whether parseInputs, which reports every refused input in one error, refuses the value for this input. */
const refusedBySchema = (input: string, value: string) => {
  try {
    parseInputs(securityScanInputs, { read: (name) => (name === input ? value : '') });
    return false;
  } catch {
    return true;
  }
};

let workspace: string;
let tools: RecordingTools;
beforeAll(async () => {
  // A repository with a commit, so that a `history` value that reaches git fails for its own reason.
  workspace = await mkdtemp(join(tmpdir(), 'security-scan-hostile-'));
  await writeFile(join(workspace, 'README.md'), 'hello\n');
  await git(workspace, 'init', '-q', '-b', 'main');
  await git(workspace, 'add', '-A');
  await git(workspace, 'commit', '-q', '-m', 'start');
  tools = await recordTools(['git']);
});

/** git calls that carry the value without `--end-of-options` before it. */
function unguarded(calls: string[], value: string): string[] {
  return calls.filter((call) => carries([call], value) && !call.split(value.slice(0, 64))[0]?.includes('--end-of-options'));
}

/** One input's problem: named first, no bug, short, and for a path input what was expected of the path. */
function expectInputProblem(problem: string, input: string) {
  expect(problem).toMatch(new RegExp(`^Input "${input}"`));
  expect(problem).not.toMatch(/a bug in inventory-devops/);
  if (PATH_INPUTS.has(input))
    expect(problem).toMatch(
      /(each name at most 255 bytes|expected (an existing (file|folder) inside the workspace|a path inside the workspace|(SARIF file )?globs (matching at least one SARIF file|inside the workspace)))/,
    );
  expect(problem.length).toBeLessThan(400);
}

async function scan(inputs: Record<string, string>) {
  const before = (await tools.calls()).length;
  const run = await runBundle({ action: 'actions/security-scan', workspace, inputs, env: { PATH: tools.path } });
  const calls = (await tools.calls()).slice(before);
  expect(run.exitCode).toBe(1);
  const failure = run.annotations.find((annotation) => annotation.level === 'error')?.message ?? '';
  expect(failure).toMatch(/^security-scan: Input "/);
  return { calls, failure: failure.slice('security-scan: '.length) };
}

describe('security-scan inputs given hostile values, through the bundle', () => {
  HOSTILE_VALUES.filter((candidate) => candidate.environmentSafe).forEach((hostile, index) => {
    // Linux refuses one environment string over 128 KiB (E2BIG): the runner could not pass more, so the longest values are cut there.
    const value = hostile.value.slice(0, MAX_ENVIRONMENT_STRING);
    const refused = INPUTS.filter((input) => refusedBySchema(input, value));
    const accepted = INPUTS.filter((input) => !refused.includes(input));

    it(`every input given ${hostile.label}: one error naming each input that refuses it, before any git call`, async () => {
      const { calls, failure } = await scan(Object.fromEntries(INPUTS.map((input) => [input, value])));
      const problems = failure.split(/ (?=Input ")/);
      for (const input of refused) {
        const problem = problems.find((text) => text.startsWith(`Input "${input}" `));
        expect(problem, `${input} in: ${failure}`).toBeDefined();
        expectInputProblem(problem!, input);
      }
      expect(problems).toHaveLength(refused.length);
      expect(calls).toEqual([]);
    });

    // Values that parse reach the action's own checks, which stop at the first: one run per input.
    const readerInputs = accepted.filter((input) => READER_INPUTS.includes(input));
    const oneReaderInput = readerInputs[index % Math.max(readerInputs.length, 1)];
    for (const input of accepted.filter((candidate) => !READER_INPUTS.includes(candidate) || candidate === oneReaderInput)) {
      it(`${input}: ${hostile.label}`, async () => {
        const { calls, failure } = await scan({ [input]: value });
        expectInputProblem(failure, input);
        // Values shaped like revisions (NaN) may reach git log, but only after --end-of-options.
        expect(unguarded(calls, value)).toEqual([]);
        if (input !== 'history') expect(calls).toEqual([]);
      });
    }
  });

  it.each(['--output=/tmp/x', '-p', '--all', 'HEAD --all', 'main..--all', '-n1..HEAD'])('history %s is refused before git runs', async (value) => {
    const before = (await tools.calls()).length;
    const run = await runBundle({ action: 'actions/security-scan', workspace, inputs: { history: value }, env: { PATH: tools.path } });
    expect(run.annotations[0]?.message).toMatch(/^security-scan: Input "history" has value ".*": expected a git revision or range/);
    expect(carries((await tools.calls()).slice(before), value)).toBe(false);
  });

  it('a valid range reaches git log after --end-of-options', async () => {
    const run = await runBundle({
      action: 'actions/security-scan',
      workspace,
      inputs: { history: 'HEAD~0..HEAD', scanners: 'secrets' },
      env: { PATH: tools.path },
    });
    expect(run.exitCode).toBe(0);
    const logCalls = (await tools.calls()).filter((call) => call.includes(' HEAD~0..HEAD'));
    expect(logCalls).toHaveLength(1);
    expect(logCalls[0]).toMatch(/ --end-of-options HEAD~0\.\.HEAD --$/);
  });

  it('an absolute SARIF glob outside the workspace is refused', async () => {
    const run = await runBundle({ action: 'actions/security-scan', workspace, inputs: { 'sarif-files': '/etc/hostname' } });
    expect(run.annotations[0]?.message).toMatch(/^security-scan: Input "sarif-files" has value "\/etc\/hostname": expected files inside the workspace/);
  });

  it('a SARIF file in RUNNER_TEMP, where other scanners write theirs, is read', async () => {
    const runnerTemp = await mkdtemp(join(tmpdir(), 'runner-temp-'));
    const sarif = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'other-scanner', rules: [] } },
          results: [
            {
              ruleId: 'x1',
              level: 'error',
              message: { text: 'planted' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'src/app.ts' }, region: { startLine: 3 } } }],
            },
          ],
        },
      ],
    };
    await writeFile(join(runnerTemp, 'other.sarif'), JSON.stringify(sarif));
    const run = await runBundle({
      action: 'actions/security-scan',
      workspace,
      inputs: { scanners: 'sarif', 'sarif-files': join(runnerTemp, '*.sarif'), 'fail-on-severity': 'none' },
      env: { RUNNER_TEMP: runnerTemp },
    });
    expect(run.stderr + run.annotations.map((annotation) => annotation.message).join('\n')).not.toMatch(/inside the workspace/);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.total).toBe('1');
  });
});
