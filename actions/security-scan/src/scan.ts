import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import * as exec from '@actions/exec';
import * as glob from '@actions/glob';
import { ConfigurationError } from '../../lib/errors.js';
import type { Finding, Rule, ScannerName, ScanResult } from './findings.js';
import { mapNpmAudit, UNSCANNED_LOCKFILES } from './scanners/dependencies.js';
import { scanDockerfile } from './scanners/dockerfile.js';
import { isKubernetesManifest, scanKubernetesManifest } from './scanners/kubernetes.js';
import { ingestSarif } from './scanners/sarif.js';
import { scanForSecrets, scanGitLogForSecrets, type CompiledSecretRule } from './scanners/secrets.js';
import { scanWorkflow } from './scanners/workflows.js';
import { kindOf, readText, type Tree } from './tree.js';

export type FileScanner = 'secrets' | 'kubernetes' | 'dockerfile' | 'workflows';

/** The file-content scanners over every file of the tree. */
export function scanFiles(tree: Tree, scanners: ReadonlySet<ScannerName>, secretRules: CompiledSecretRule[]): Map<FileScanner, ScanResult> {
  const results = new Map<FileScanner, ScanResult>();
  const filesSeen = { kubernetes: 0, dockerfile: 0, workflows: 0 };
  const perFile = tree.files.map((file) => {
    const found: Finding[] = [];
    const kind = kindOf(file.path);
    const wanted = scanners.has('secrets') || (kind === 'yaml' && scanners.has('kubernetes')) || (kind === 'dockerfile' && scanners.has('dockerfile')) || (kind === 'workflow' && scanners.has('workflows'));
    if (!wanted) return found;
    const text = readText(file);
    if (text === undefined) return found;
    if (scanners.has('secrets')) found.push(...scanForSecrets(file.path, text, secretRules));
    if (kind === 'yaml' && scanners.has('kubernetes') && isKubernetesManifest(text)) {
      filesSeen.kubernetes += 1;
      found.push(...scanKubernetesManifest(file.path, text));
    } else if (kind === 'dockerfile' && scanners.has('dockerfile')) {
      filesSeen.dockerfile += 1;
      found.push(...scanDockerfile(file.path, text));
    } else if (kind === 'workflow' && scanners.has('workflows')) {
      filesSeen.workflows += 1;
      found.push(...scanWorkflow(file.path, text));
    }
    return found;
  });
  const all = perFile.flat();
  const nothingFound: Record<FileScanner, string> = {
    secrets: '',
    kubernetes: 'no Kubernetes manifests in the tree',
    dockerfile: 'no Dockerfile in the tree',
    workflows: 'no workflow under .github/workflows',
  };
  for (const scanner of ['secrets', 'kubernetes', 'dockerfile', 'workflows'] as const) {
    if (!scanners.has(scanner)) continue;
    const findings = all.filter((finding) => finding.scanner === scanner);
    const skipped = scanner !== 'secrets' && filesSeen[scanner] === 0;
    results.set(scanner, { findings, status: skipped ? { status: 'skipped', reason: nothingFound[scanner] } : { status: 'ok' } });
  }
  return results;
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
  const unscanned = tree.unscannedLockfiles.map((file) => `${file.path} (${UNSCANNED_LOCKFILES[file.path.split('/').pop() ?? '']} audit is not run by this action)`);
  if (problems.length > 0) return { findings, status: { status: 'unavailable', reason: [...problems, ...unscanned].join('; ') } };
  if (tree.npmLockfiles.length === 0) {
    return { findings, status: unscanned.length > 0 ? { status: 'not-scanned', reason: `not scanned: ${unscanned.join('; ')}` } : { status: 'skipped', reason: 'no lockfile in the tree' } };
  }
  return { findings, status: unscanned.length > 0 ? { status: 'ok', reason: `also found, not scanned: ${unscanned.join('; ')}` } : { status: 'ok' } };
}

/** Secrets added by the commits of `range`, from `git log -p`. */
export async function scanHistory(root: string, range: string, rules: CompiledSecretRule[]): Promise<Finding[]> {
  core.info(`git log -p ${range}`);
  const log = await exec.getExecOutput(
    'git',
    ['-c', 'core.quotepath=off', 'log', '-p', '--unified=0', '--no-color', '--no-ext-diff', '--format=commit %H', range, '--'],
    { cwd: root, ignoreReturnCode: true, silent: true },
  );
  if (log.exitCode !== 0) throw new ConfigurationError(`Input "history" has value "${range}": git log failed: ${log.stderr.trim().split('\n')[0] ?? ''}`);
  return scanGitLogForSecrets(log.stdout, rules);
}

/** The `sarif-files` globs, read and brought under the policy. */
export async function scanSarifFiles(patterns: string[]): Promise<{ result: ScanResult; rules: Map<string, Rule[]> }> {
  const globber = await glob.create(patterns.join('\n'), { matchDirectories: false });
  const files = await globber.glob();
  if (files.length === 0) throw new ConfigurationError(`Input "sarif-files" has value "${patterns.join(', ')}": expected globs matching at least one SARIF file.`);
  const findings: Finding[] = [];
  const rules = new Map<string, Rule[]>();
  for (const file of files.sort()) {
    let ingested;
    try {
      ingested = ingestSarif(file, await readFile(file, 'utf8'));
    } catch (error: unknown) {
      throw new ConfigurationError(error instanceof Error ? error.message : String(error));
    }
    findings.push(...ingested.findings);
    for (const [tool, toolRules] of ingested.rules) rules.set(tool, [...(rules.get(tool) ?? []), ...toolRules.filter((rule) => !rules.get(tool)?.some((known) => known.id === rule.id))]);
  }
  return { result: { findings, status: { status: 'ok' } }, rules };
}
