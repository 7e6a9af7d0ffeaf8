import { readFile, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import * as exec from '@actions/exec';
import * as glob from '@actions/glob';
import { abbreviate, ConfigurationError, describeError } from '../../lib/errors.js';
import { git } from '../../lib/git.js';
import { isWithin } from '../../lib/paths.js';
import { fingerprint, type Finding, type Rule, type ScannerName, type ScanResult } from './findings.js';
import { mapNpmAudit, UNSCANNED_LOCKFILES } from './scanners/dependencies.js';
import { ingestSarif } from './scanners/sarif.js';
import { FILE_SCANNERS, type FileScanner, type FileScannerName, type ScanContext } from './scanners/registry.js';
import { scanForSecrets, splitGitLog, type CompiledSecretRule } from './scanners/secrets.js';
import { FILE_TIME_BUDGET_MS, mapWithTimeBudget } from './time-budget.js';
import { readText, type Tree, type TreeFile } from './tree.js';

/** A file (or hunk of history) that took longer than its time budget: what it holds is unknown, which is never a pass. */
export const TIME_BUDGET_RULE: Rule = {
  id: 'scan/time-budget-exceeded',
  severity: 'high',
  title: 'File not scanned: its scan ran over the time budget',
  fix: 'Find the slow pattern (usually a `secret-rules` regex with nested or overlapping repetition, such as `(a+)+` or `.*.*=`) and make it linear; or suppress this finding for the file.',
};

function overBudget(scanner: ScannerName, file: string, what: string): Finding {
  return {
    ruleId: TIME_BUDGET_RULE.id,
    severity: TIME_BUDGET_RULE.severity,
    scanner,
    message: `Scanning ${what} was stopped after ${FILE_TIME_BUDGET_MS / 1000} s, so what it holds is unknown.`,
    file,
    fix: TIME_BUDGET_RULE.fix,
    fixable: true,
    fingerprint: fingerprint(TIME_BUDGET_RULE.id, file, what),
  };
}

/** The requested file scanners over every file of the tree, each file within its time budget. */
export function scanFiles(tree: Tree, requested: ReadonlySet<ScannerName>, context: ScanContext): Map<FileScannerName, ScanResult> {
  const scanners = FILE_SCANNERS.filter((scanner) => requested.has(scanner.name));
  const scannersOf = (file: TreeFile) => scanners.filter((scanner) => scanner.reads(file.path, context));
  const filesApplied = new Set<FileScannerName>();
  const wanted = tree.files.filter((file) => scannersOf(file).length > 0);
  const perFile = mapWithTimeBudget(wanted, (file) => {
    const found: Finding[] = [];
    const text = readText(file);
    if (text === undefined) return found;
    for (const scanner of scannersOf(file)) {
      const { findings, applies } = scanner.scan(file.path, text, context);
      if (applies) filesApplied.add(scanner.name);
      found.push(...findings);
    }
    return found;
  });
  const all = perFile.flatMap((found, index) => {
    const file = wanted[index] as TreeFile;
    return found ?? [overBudget((scannersOf(file)[0] as FileScanner).name, file.path, file.path)];
  });
  return new Map(
    scanners.map((scanner): [FileScannerName, ScanResult] => {
      const findings = all.filter((finding) => finding.scanner === scanner.name);
      const skipped = scanner.noFiles !== undefined && !filesApplied.has(scanner.name) && findings.length === 0;
      return [scanner.name, { findings, status: skipped ? { status: 'skipped', reason: scanner.noFiles } : { status: 'ok' } }];
    }),
  );
}

/** `npm audit` of each npm lockfile; pnpm and yarn lockfiles are listed as not scanned. */
export async function scanDependencies(tree: Tree): Promise<ScanResult> {
  const findings: Finding[] = [];
  const problems: string[] = [];
  for (const lockfile of tree.npmLockfiles) {
    core.info(`npm audit --package-lock-only --json (in ${dirname(lockfile.path)})`);
    const audit = await exec.getExecOutput('npm', ['audit', '--package-lock-only', '--json'], {
      cwd: dirname(lockfile.absolute),
      ignoreReturnCode: true,
      silent: true,
    });
    const result = mapNpmAudit(lockfile.path, await readFile(lockfile.absolute, 'utf8'), audit.stdout);
    if (result.ok) findings.push(...result.findings);
    else problems.push(result.reason);
  }
  const unscanned = tree.unscannedLockfiles.map(
    (file) => `${file.path} (${UNSCANNED_LOCKFILES[file.path.split('/').pop() ?? '']} audit is not run by this action)`,
  );
  if (problems.length > 0) return { findings, status: { status: 'unavailable', reason: [...problems, ...unscanned].join('; ') } };
  if (tree.npmLockfiles.length === 0) {
    return {
      findings,
      status:
        unscanned.length > 0
          ? { status: 'not-scanned', reason: `not scanned: ${unscanned.join('; ')}` }
          : { status: 'skipped', reason: 'no lockfile in the tree' },
    };
  }
  return { findings, status: unscanned.length > 0 ? { status: 'ok', reason: `also found, not scanned: ${unscanned.join('; ')}` } : { status: 'ok' } };
}

/** Secrets added by the commits of `range`, from `git log -p`. */
export async function scanHistory(root: string, range: string, rules: CompiledSecretRule[]): Promise<Finding[]> {
  core.info(`git log -p ${range}`);
  const log = await git(root, ['-c', 'core.quotepath=off', 'log', '-p', '--unified=0', '--no-color', '--no-ext-diff', '--format=commit %H'], {
    revisions: [range],
    noPaths: true,
  });
  if (log.exitCode !== 0) throw new ConfigurationError(`Input "history" has value "${range}": git log failed: ${log.stderr.split('\n')[0] ?? ''}`);
  const hunks = splitGitLog(log.stdout);
  const perHunk = mapWithTimeBudget(hunks, (hunk) =>
    scanForSecrets(hunk.file, hunk.text, rules, { commit: hunk.commit, lineOfFile: (line) => hunk.firstLine + line - 1 }),
  );
  return perHunk.flatMap((found, index) => {
    const hunk = hunks[index]!;
    return found ?? [overBudget('secrets', hunk.file, `the lines commit ${hunk.commit.slice(0, 12)} added to ${hunk.file} at line ${hunk.firstLine}`)];
  });
}

/** The `sarif-files` globs, read and brought under the policy. */
export async function scanSarifFiles(patterns: string[], workspace: string): Promise<{ result: ScanResult; rules: Map<string, Rule[]> }> {
  const shown = abbreviate(patterns.join(', '));
  let files: string[];
  try {
    files = await (await glob.create(patterns.join('\n'), { matchDirectories: false })).glob();
  } catch (error: unknown) {
    // @actions/glob refuses patterns such as `..` with an Error of its own.
    throw new ConfigurationError(`Input "sarif-files" has value "${shown}": expected SARIF file globs inside the workspace (${describeError(error)}).`);
  }
  if (files.length === 0) throw new ConfigurationError(`Input "sarif-files" has value "${shown}": expected globs matching at least one SARIF file.`);
  // Other scanners' SARIF is often written to RUNNER_TEMP, as quality-gate's reports are: both folders are allowed, nothing else.
  const roots = [workspace, process.env.RUNNER_TEMP].filter((root): root is string => root !== undefined && root !== '');
  const real = await Promise.all(files.map((file) => realpath(file)));
  const outside = real.find((file) => !roots.some((root) => isWithin(file, root)));
  if (outside !== undefined)
    throw new ConfigurationError(
      `Input "sarif-files" has value "${shown}": expected files inside the workspace or RUNNER_TEMP, but it matches ${abbreviate(outside)}.`,
    );
  const findings: Finding[] = [];
  const rules = new Map<string, Rule[]>();
  for (const file of real.sort()) {
    let ingested;
    try {
      ingested = ingestSarif(file, await readFile(file, 'utf8'));
    } catch (error: unknown) {
      throw new ConfigurationError(describeError(error));
    }
    findings.push(...ingested.findings);
    for (const [tool, toolRules] of ingested.rules)
      rules.set(tool, [...(rules.get(tool) ?? []), ...toolRules.filter((rule) => !rules.get(tool)?.some((known) => known.id === rule.id))]);
  }
  return { result: { findings, status: { status: 'ok' } }, rules };
}
