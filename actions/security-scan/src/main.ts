import { mkdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { parse as parseYaml } from 'yaml';
import { abbreviate } from '../../lib/errors.js';
import { isWithin } from '../../lib/paths.js';
import { ConfigurationError, describeError, parseInputs, runAction, setOutputs, writeSummary } from '../../lib/index.js';
import { securityReportSchema, type ScannerResult } from '../../lib/security-report.js';
import { SCANNERS, type Finding, type Rule, type ScannerName } from './findings.js';
import { securityScanInputs } from './inputs.js';
import { applyPolicy, describeIssuePath, parseIgnoreFile, sortBySeverity, type Policy } from './policy.js';
import { buildReport } from './report.js';
import { buildSarifRuns } from './sarif-runs.js';
import { scanDependencies, scanFiles, scanHistory, scanSarifFiles, TIME_BUDGET_RULE } from './scan.js';
import { FILE_SCANNERS } from './scanners/registry.js';
import { compileSecretRules, secretRulesFileSchema } from './scanners/secrets.js';
import { writeScanSummary } from './summary.js';
import { listTree } from './tree.js';

const DEFAULT_IGNORE_FILE = '.security-ignore.yml';
const MAX_ANNOTATIONS = 10;

/**
 * The real path (symbolic links followed) that a path input names, relative to the workspace;
 * undefined when nothing is there. Anything outside the workspace is refused: the action reads
 * what it is pointed at and writes parts of it into the report and the summary.
 */
export async function workspacePath(input: string, value: string, workspace: string): Promise<string | undefined> {
  const path = resolve(workspace, value);
  let real: string | undefined;
  try {
    real = await realpath(path);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'ENAMETOOLONG') throw error;
  }
  if (!isWithin(real ?? path, workspace)) throw new ConfigurationError(`Input "${input}" has value "${abbreviate(value)}": expected a path inside the workspace.`);
  return real;
}

async function readOptionalFile(input: string, value: string, workspace: string): Promise<string | undefined> {
  const path = await workspacePath(input, value, workspace);
  return path === undefined ? undefined : readFile(path, 'utf8');
}

/** The file an input names, relative to the workspace. */
async function readRequiredFile(input: string, value: string, workspace: string): Promise<string> {
  const text = await readOptionalFile(input, value, workspace).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw error;
  });
  if (text === undefined) throw new ConfigurationError(`Input "${input}" has value "${abbreviate(value)}": expected an existing file inside the workspace.`);
  return text;
}

function parseDocument(input: string, path: string, text: string): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch (error: unknown) {
    throw new ConfigurationError(`Input "${input}" names ${path}, which is not valid YAML or JSON: ${describeError(error)}`);
  }
}

export async function run(): Promise<void> {
  await runAction('security-scan', async () => {
    const inputs = parseInputs(securityScanInputs);
    const workspace = await realpath(process.cwd());
    const root = await workspacePath('path', inputs.path, workspace);
    const rootStat = root === undefined ? undefined : await stat(root);
    if (root === undefined || !rootStat?.isDirectory()) throw new ConfigurationError(`Input "path" has value "${abbreviate(inputs.path)}": expected an existing folder inside the workspace.`);
    // Findings name files relative to the workspace: what code scanning expects.
    const base = workspace;

    const ignoreText = await (inputs['ignore-file'] === DEFAULT_IGNORE_FILE
      ? readOptionalFile('ignore-file', inputs['ignore-file'], workspace)
      : readRequiredFile('ignore-file', inputs['ignore-file'], workspace));
    const ignoreEntries = ignoreText === undefined ? [] : parseIgnoreFile(inputs['ignore-file'], parseDocument('ignore-file', inputs['ignore-file'], ignoreText));

    let userSecretRules;
    if (inputs['secret-rules'] !== undefined) {
      const text = await readRequiredFile('secret-rules', inputs['secret-rules'], workspace);
      const parsed = secretRulesFileSchema.safeParse(parseDocument('secret-rules', inputs['secret-rules'], text));
      if (!parsed.success) {
        throw new ConfigurationError(`Secret rules file ${inputs['secret-rules']} is not valid: ${parsed.error.issues.map((issue) => `${describeIssuePath(issue.path)}: ${issue.message}`).join('; ')}.`);
      }
      userSecretRules = parsed.data.rules;
    }
    const secretRules = compileSecretRules(userSecretRules, inputs['secret-rules']);

    let baseline: Set<string> | undefined;
    if (inputs.baseline !== undefined) {
      const text = await readRequiredFile('baseline', inputs.baseline, workspace);
      const parsed = securityReportSchema.safeParse(parseDocument('baseline', inputs.baseline, text));
      if (!parsed.success) throw new ConfigurationError(`Input "baseline" has value "${inputs.baseline}": expected a security-scan JSON report (version 1).`);
      baseline = new Set(parsed.data.findings.map((finding) => finding.fingerprint));
    } else if (inputs['new-findings-only']) {
      throw new ConfigurationError('Input "new-findings-only" is true but "baseline" is not set: expected the path of a previous report to compare against.');
    }

    const requested = new Set<ScannerName>(
      (inputs.scanners as ScannerName[] | undefined) ?? SCANNERS.filter((scanner) => scanner !== 'sarif' || inputs['sarif-files'] !== undefined),
    );
    if (requested.has('sarif') && inputs['sarif-files'] === undefined) {
      throw new ConfigurationError('Input "scanners" includes sarif but "sarif-files" is not set: expected SARIF file globs.');
    }

    const results = new Map<ScannerName, { findings: Finding[]; status: ScannerResult }>();
    const tree = await core.group(`Listing ${inputs.path}`, async () => {
      const listed = await listTree(root, base);
      core.info(`${listed.files.length} files (node_modules, .git and dist folders are not scanned)`);
      return listed;
    });
    await core.group('Scanning files', async () => {
      for (const [scanner, result] of scanFiles(tree, requested, secretRules)) results.set(scanner, result);
    });
    if (inputs.history !== undefined && requested.has('secrets')) {
      const history = inputs.history;
      await core.group(`Scanning commits ${history} for secrets`, async () => {
        const secrets = results.get('secrets');
        if (!secrets) return;
        const known = new Set(secrets.findings.map((finding) => finding.fingerprint));
        for (const finding of await scanHistory(root, history, secretRules)) {
          if (known.has(finding.fingerprint)) continue;
          known.add(finding.fingerprint);
          secrets.findings.push(finding);
        }
      });
    }
    if (requested.has('dependencies')) await core.group('Auditing dependencies', async () => results.set('dependencies', await scanDependencies(tree)));
    let ingestedRules = new Map<string, Rule[]>();
    if (requested.has('sarif') && inputs['sarif-files'] !== undefined) {
      const ingested = await scanSarifFiles(inputs['sarif-files'], workspace);
      results.set('sarif', ingested.result);
      ingestedRules = ingested.rules;
    }

    const scanners: Record<string, ScannerResult> = {};
    for (const scanner of SCANNERS) {
      const result = results.get(scanner);
      if (result) scanners[scanner] = result.status;
      core.info(`${scanner}: ${result ? `${result.status.status}, ${result.findings.length} findings` : 'not requested'}`);
    }

    const policy: Policy = {
      failOnSeverity: inputs['fail-on-severity'],
      fixableOnly: inputs['fail-on-fixable-only'],
      newFindingsOnly: inputs['new-findings-only'],
      ignoreEntries,
      baseline,
      today: new Date().toISOString().slice(0, 10),
      unavailableScanners: Object.keys(scanners).filter((scanner) => scanners[scanner]?.status === 'unavailable'),
    };
    const outcome = applyPolicy([...results.values()].flatMap((result) => result.findings), policy);

    const ownRules = new Map<ScannerName, Rule[]>(FILE_SCANNERS.map((scanner) => [scanner.name, [...scanner.rules({ secretRules }), TIME_BUDGET_RULE]]));
    const sarif = buildSarifRuns(outcome.findings, scanners, ownRules, ingestedRules);
    const outputFolder = process.env.RUNNER_TEMP || workspace;
    await mkdir(outputFolder, { recursive: true });
    const sarifFile = join(outputFolder, 'security-scan.sarif');
    const reportFile = join(outputFolder, 'security-scan-report.json');
    await writeFile(sarifFile, JSON.stringify(sarif.log, null, 2));
    await writeFile(reportFile, JSON.stringify(buildReport(outcome, scanners), null, 2));

    for (const [scanner, status] of Object.entries(scanners)) {
      if (status.status === 'unavailable') core.warning(`${scanner} scanner unavailable, its findings are unknown (not "none"): ${status.reason ?? ''}`);
      if (status.status === 'not-scanned') core.warning(`${scanner}: ${status.reason ?? 'not scanned'}`);
    }
    for (const entry of outcome.expired) core.warning(`Ignore entry for ${entry.rule ?? entry.fingerprint} expired on ${entry.expires} and no longer suppresses (${entry.matches} findings).`);
    for (const entry of outcome.stale) core.warning(`Ignore entry for ${entry.rule ?? entry.fingerprint} matches no finding; remove it.`);
    for (const note of sarif.notes) core.warning(note);
    for (const finding of sortBySeverity(outcome.findings.filter((candidate) => candidate.counted)).slice(0, MAX_ANNOTATIONS)) {
      core.error(`${finding.ruleId}: ${finding.message}${finding.fix ? ` Fix: ${finding.fix}` : ''}`, {
        title: `security-scan ${finding.severity}`,
        ...(finding.file !== undefined ? { file: finding.file } : {}),
        ...(finding.line !== undefined ? { startLine: finding.line } : {}),
      });
    }

    await writeSummary((summary) => writeScanSummary(summary, outcome, scanners, policy, sarif.notes));
    setOutputs({
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
      throw new ConfigurationError(`${reasons.join('; ')} (see the job summary and ${reportFile}).`);
    }
  });
}
