import { readFile, realpath, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { abbreviate, ConfigurationError, describeError } from '../../lib/errors.js';
import { isWithin } from '../../lib/paths.js';
import { securityReportSchema } from '../../lib/security-report.js';
import type { SecurityScanInputs } from './inputs.js';
import { describeIssuePath, parseIgnoreFile, type IgnoreEntry } from './policy.js';
import { compileSecretRules, secretRulesFileSchema, type CompiledSecretRule } from './scanners/secrets.js';

const DEFAULT_IGNORE_FILE = '.security-ignore.yml';

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
  if (!isWithin(real ?? path, workspace))
    throw new ConfigurationError(`Input "${input}" has value "${abbreviate(value)}": expected a path inside the workspace.`);
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

/** The suppressions of `ignore-file`: none when the default file is absent, an error when a named one is. */
export async function readIgnoreEntries(inputs: SecurityScanInputs, workspace: string): Promise<IgnoreEntry[]> {
  const ignoreText = await (inputs['ignore-file'] === DEFAULT_IGNORE_FILE
    ? readOptionalFile('ignore-file', inputs['ignore-file'], workspace)
    : readRequiredFile('ignore-file', inputs['ignore-file'], workspace));
  return ignoreText === undefined ? [] : parseIgnoreFile(inputs['ignore-file'], parseDocument('ignore-file', inputs['ignore-file'], ignoreText));
}

/** The built-in secret rules and those of `secret-rules`, compiled. */
export async function readSecretRules(inputs: SecurityScanInputs, workspace: string): Promise<CompiledSecretRule[]> {
  let userSecretRules;
  if (inputs['secret-rules'] !== undefined) {
    const text = await readRequiredFile('secret-rules', inputs['secret-rules'], workspace);
    const parsed = secretRulesFileSchema.safeParse(parseDocument('secret-rules', inputs['secret-rules'], text));
    if (!parsed.success) {
      throw new ConfigurationError(
        `Secret rules file ${inputs['secret-rules']} is not valid: ${parsed.error.issues.map((issue) => `${describeIssuePath(issue.path)}: ${issue.message}`).join('; ')}.`,
      );
    }
    userSecretRules = parsed.data.rules;
  }
  return compileSecretRules(userSecretRules, inputs['secret-rules']);
}

/** The fingerprints of the `baseline` report, which new-findings-only compares against. */
export async function readBaseline(inputs: SecurityScanInputs, workspace: string): Promise<Set<string> | undefined> {
  let baseline: Set<string> | undefined;
  if (inputs.baseline !== undefined) {
    const text = await readRequiredFile('baseline', inputs.baseline, workspace);
    const parsed = securityReportSchema.safeParse(parseDocument('baseline', inputs.baseline, text));
    if (!parsed.success) throw new ConfigurationError(`Input "baseline" has value "${inputs.baseline}": expected a security-scan JSON report (version 1).`);
    baseline = new Set(parsed.data.findings.map((finding) => finding.fingerprint));
  } else if (inputs['new-findings-only']) {
    throw new ConfigurationError('Input "new-findings-only" is true but "baseline" is not set: expected the path of a previous report to compare against.');
  }
  return baseline;
}

/** The folders of `migration-paths`, relative to the workspace and `/`-separated as the tree's paths are (`.` for all of it). */
export async function readMigrationFolders(inputs: SecurityScanInputs, workspace: string): Promise<string[]> {
  const folders: string[] = [];
  for (const value of inputs['migration-paths'] ?? []) {
    const path = await workspacePath('migration-paths', value, workspace);
    const stats = path === undefined ? undefined : await stat(path);
    if (path === undefined || !stats?.isDirectory())
      throw new ConfigurationError(`Input "migration-paths" has value "${abbreviate(value)}": expected existing folders inside the workspace.`);
    folders.push(relative(workspace, path).split(sep).join('/') || '.');
  }
  return folders;
}
