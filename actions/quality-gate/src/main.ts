import * as core from '@actions/core';
import { mkdtemp, realpath, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigurationError, parseInputs, runAction, setOutputs, writeSummary } from '../../lib/index.js';
import { buildAnnotations } from './annotations.js';
import { postComment } from './comment.js';
import type { Measured } from './conditions.js';
import { parseCoverage } from './coverage-parsers.js';
import { parseUnifiedDiff, type ChangedFile } from './diff.js';
import { evaluateGate, type GateResult } from './gate.js';
import { diffAgainst, repositoryRoot, trackedFiles } from './git.js';
import { qualityGateInputs, qualityGateSecretInputs, type QualityGateInputs } from './inputs.js';
import { parseJunit } from './junit.js';
import { parseLint } from './lint.js';
import { parsePolicyFile, resolvePolicy } from './policy.js';
import { renderMarkdown } from './summary.js';
import { isWithin } from '../../lib/paths.js';
import { loadReport, loadReports, readReport } from './reports.js';
import { parseSecurityReport } from './security.js';

export async function run(): Promise<void> {
  await runAction('quality-gate', async () => {
    const inputs = parseInputs(qualityGateInputs, { secret: qualityGateSecretInputs });
    if (!inputs['coverage-files'] && !inputs['test-results'] && !inputs['lint-results'] && !inputs['security-report']) {
      throw new ConfigurationError('No reports were given: set at least one of coverage-files, test-results, lint-results or security-report.');
    }
    const workspace = await realpath(process.env.GITHUB_WORKSPACE ?? process.cwd());
    const workingDirectory = await folderInWorkspace(inputs['working-directory'], workspace);
    const runnerTemp = process.env.RUNNER_TEMP ? await realpath(process.env.RUNNER_TEMP).catch(() => undefined) : undefined;
    const result = await evaluate(inputs, workingDirectory, runnerTemp ? [workspace, runnerTemp] : [workspace]);
    const markdown = renderMarkdown(result);

    const reportPath = join(await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), 'quality-gate-')), 'report.json');
    await writeFile(reportPath, `${JSON.stringify({ version: 1, ...result }, null, 2)}\n`);
    setOutputs({
      passed: result.passed,
      coverage: result.coverage?.lines,
      'branch-coverage': result.coverage?.branches,
      'changed-lines-coverage': result.changedLines?.percent,
      'changed-lines': result.changedLines?.coverable,
      'failed-tests': result.tests?.failed,
      'lint-errors': result.lint?.errors,
      report: reportPath,
    });
    await writeSummary((summary) => summary.addRaw(markdown, true));
    for (const annotation of buildAnnotations(result)) {
      const { level, message, ...properties } = annotation;
      core[level](message, properties);
    }
    if (inputs.comment) await postComment(inputs, markdown);

    if (!result.passed) {
      const failed = result.conditions.filter((condition) => condition.status === 'fail');
      core.setFailed(
        `quality-gate: ${failed.length} condition${failed.length === 1 ? '' : 's'} failed: ${failed
          .map((condition) =>
            condition.value === undefined
              ? `${condition.label.toLowerCase()}: ${condition.reason ?? 'no value'}`
              : `${condition.label.toLowerCase()} ${condition.value}${condition.unit} (${condition.comparison} ${condition.threshold}${condition.unit} required)`,
          )
          .join('; ')}.`,
      );
    }
  });
}

/** working-directory, resolved in the workspace: a folder outside it (`../..`) is refused. */
export async function folderInWorkspace(folder: string, workspace: string): Promise<string> {
  const resolved = await realpath(resolve(workspace, folder)).catch(() => undefined);
  if (resolved === undefined || !isWithin(resolved, workspace) || !(await stat(resolved)).isDirectory()) {
    throw new ConfigurationError(`Input "working-directory" has value "${folder.slice(0, 80)}": expected a folder in the workspace (${workspace}).`);
  }
  return resolved;
}

async function evaluate(inputs: QualityGateInputs, workingDirectory: string, allowedRoots: string[]): Promise<GateResult> {
  const load = { workingDirectory, allowedRoots, allowMissing: inputs['allow-missing'] };
  const policyPath = inputs['policy-file'];
  const fromFile = policyPath ? parsePolicyFile(await readPolicy(policyPath, workingDirectory, allowedRoots), policyPath) : {};
  const policy = resolvePolicy(fromFile, {
    'min-coverage': inputs['min-coverage'],
    'min-branch-coverage': inputs['min-branch-coverage'],
    'min-changed-lines-coverage': inputs['min-changed-lines-coverage'],
    'min-changed-lines': inputs['min-changed-lines'],
    'max-coverage-drop': inputs['max-coverage-drop'],
    'max-failed-tests': inputs['max-failed-tests'],
    'max-lint-errors': inputs['max-lint-errors'],
    'max-lint-warnings': inputs['max-lint-warnings'],
    'max-security-findings': inputs['max-security-findings'],
  });

  const coverage = await loadReports(inputs['coverage-files'], parseCoverage, { ...load, kind: 'coverage report', input: 'coverage-files' });
  const baseCoverage = await loadReport(inputs['base-coverage-file'], parseCoverage, { ...load, kind: 'base coverage report', input: 'base-coverage-file' });
  const tests = await loadReports(inputs['test-results'], parseJunit, { ...load, kind: 'JUnit report', input: 'test-results' });
  const lint = await loadReports(inputs['lint-results'], parseLint, { ...load, kind: 'lint report', input: 'lint-results' });
  const security = await loadReport(inputs['security-report'], parseSecurityReport, { ...load, kind: 'security report', input: 'security-report' });

  const root = await repositoryRoot(workingDirectory);
  let changes: Measured<{ base: string; files: ChangedFile[] }> = { missing: 'no coverage report' };
  if (!root) changes = { missing: `${workingDirectory} is not in a git repository` };
  else if ('value' in coverage) {
    const eventBase = await pullRequestBase();
    const [base, from] = inputs['base-ref']
      ? [inputs['base-ref'], 'base-ref']
      : eventBase
        ? [eventBase, "the pull request's base"]
        : ['HEAD~1', 'the default base'];
    const diff = await diffAgainst(root, base, from);
    core.info(`Changed lines: git diff ${base}...HEAD`);
    changes = { value: { base, files: parseUnifiedDiff(diff) } };
  }

  return evaluateGate({
    repoRoot: root ?? workingDirectory,
    workingDirectory,
    trackedFiles: root ? await trackedFiles(root) : [],
    policy,
    coverage,
    baseCoverage,
    changes,
    tests,
    lint,
    security,
    allowEmptyReports: inputs['allow-empty-reports'],
  });
}

export async function readPolicy(path: string, workingDirectory: string, allowedRoots: string[]): Promise<string> {
  const content = await readReport(isAbsolute(path) ? path : join(workingDirectory, path), path, { allowedRoots, kind: 'policy file', input: 'policy-file' });
  if (content === undefined) throw new ConfigurationError(`The policy file "${path}" (policy-file) was not found (in ${workingDirectory}).`);
  return content;
}

async function pullRequestBase(): Promise<string | undefined> {
  const { context } = await import('@actions/github');
  const sha = (context.payload.pull_request?.base as { sha?: unknown } | undefined)?.sha;
  return typeof sha === 'string' ? sha : undefined;
}
