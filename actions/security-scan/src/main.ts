import { mkdir, realpath, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { abbreviate, describeError } from '../../lib/errors.js';
import { ConfigurationError, parseInputs, runAction, setOutputs, writeSummary } from '../../lib/index.js';
import type { ScannerResult } from '../../lib/security-report.js';
import { SCANNERS, type Finding, type Rule, type ScannerName } from './findings.js';
import { readBaseline, readIgnoreEntries, readMigrationFolders, readSecretRules, workspacePath } from './input-files.js';
import { securityScanInputs } from './inputs.js';
import { applyPolicy, sortBySeverity, type Policy } from './policy.js';
import { buildReport } from './report.js';
import { buildSarifRuns } from './sarif-runs.js';
import { scanDependencies, scanFiles, scanHistory, scanSarifFiles, TIME_BUDGET_RULE } from './scan.js';
import { isMigrationFile } from './scanners/migrations.js';
import { FILE_SCANNERS, type ScanContext } from './scanners/registry.js';
import { loadSqlParser } from './scanners/sql-parser.js';
import { writeScanSummary } from './summary.js';
import { listTree } from './tree.js';

const MAX_ANNOTATIONS = 10;

export async function run(): Promise<void> {
  await runAction('security-scan', async () => {
    const inputs = parseInputs(securityScanInputs);
    const workspace = await realpath(process.cwd());
    const root = await workspacePath('path', inputs.path, workspace);
    const rootStat = root === undefined ? undefined : await stat(root);
    if (root === undefined || !rootStat?.isDirectory())
      throw new ConfigurationError(`Input "path" has value "${abbreviate(inputs.path)}": expected an existing folder inside the workspace.`);
    // Findings name files relative to the workspace: what code scanning expects.
    const base = workspace;

    const ignoreEntries = await readIgnoreEntries(inputs, workspace);
    const secretRules = await readSecretRules(inputs, workspace);
    const baseline = await readBaseline(inputs, workspace);
    const context: ScanContext = { secretRules, migrationFolders: await readMigrationFolders(inputs, workspace) };

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
    if (requested.has('migrations') && tree.files.some((file) => isMigrationFile(file.path, context.migrationFolders))) {
      try {
        context.parseSql = await loadSqlParser();
      } catch (error: unknown) {
        requested.delete('migrations');
        results.set('migrations', {
          findings: [],
          status: { status: 'unavailable', reason: `PostgreSQL's parser could not be loaded: ${describeError(error)}` },
        });
      }
    }
    await core.group('Scanning files', async () => {
      for (const [scanner, result] of scanFiles(tree, requested, context)) results.set(scanner, result);
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
    const outcome = applyPolicy(
      [...results.values()].flatMap((result) => result.findings),
      policy,
    );

    const ownRules = new Map<ScannerName, Rule[]>(FILE_SCANNERS.map((scanner) => [scanner.name, [...scanner.rules(context), TIME_BUDGET_RULE]]));
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
    for (const entry of outcome.expired)
      core.warning(`Ignore entry for ${entry.rule ?? entry.fingerprint} expired on ${entry.expires} and no longer suppresses (${entry.matches} findings).`);
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
