import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { securityReportSchema, type SecurityReport } from '../../actions/lib/security-report.js';
import { compileSecretRules } from '../../actions/security-scan/src/scanners/secrets.js';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';
import { REPOSITORY_ROOT } from '../repository-root.js';

export const FIXTURES = join(REPOSITORY_ROOT, 'test/security-scan/fixtures');

/** A fresh copy of a fixture tree, to serve as the workspace of one run. */
export async function copyFixture(name: string): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), `security-scan-${name}-`));
  await cp(join(FIXTURES, name), workspace, { recursive: true });
  return workspace;
}

export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** `expect-next-line: rule, rule` comments in the fixtures, as `file:line rule` keys. */
export async function plantedFindings(root: string): Promise<string[]> {
  const expected: string[] = [];
  for (const file of await listFiles(root)) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, index) => {
      const marker = /expect-next-line:\s*(.+)$/.exec(line);
      if (!marker) return;
      for (const ruleId of (marker[1] ?? '').split(',').map((rule) => rule.trim())) {
        expected.push(`${relative(root, file).split(sep).join('/')}:${index + 2} ${ruleId}`);
      }
    });
  }
  return expected.sort();
}

/** The raw secrets planted in a tree: only the test knows them, to prove none is ever written. */
export async function plantedSecrets(root: string): Promise<string[]> {
  const secrets = new Set<string>();
  const rules = compileSecretRules();
  for (const file of await listFiles(root)) {
    const text = await readFile(file, 'utf8');
    for (const rule of rules) for (const match of text.matchAll(rule.pattern)) secrets.add(match[1] ?? match[0]);
  }
  return [...secrets];
}

export async function readReport(run: ActionRun): Promise<SecurityReport> {
  const path = run.outputs.report;
  if (!path) throw new Error(`No report output; stderr: ${run.stderr}; stdout: ${run.stdout.slice(-2000)}`);
  return securityReportSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

export async function readSarif(run: ActionRun): Promise<SarifLogShape> {
  const path = run.outputs['sarif-file'];
  if (!path) throw new Error('No sarif-file output');
  return JSON.parse(await readFile(path, 'utf8')) as SarifLogShape;
}

export interface SarifLogShape {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version?: string; rules: Array<{ id: string; properties?: Record<string, unknown> }> } };
    automationDetails: { id: string };
    results: Array<{
      ruleId: string;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }>;
      partialFingerprints: Record<string, string>;
      suppressions?: Array<{ kind: string; justification: string }>;
    }>;
  }>;
}

export function findingKeys(report: SecurityReport): string[] {
  return report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort();
}

export const FILE_SCANNERS = 'secrets,kubernetes,dockerfile,workflows';

export function scan(workspace: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  return runBundle({ action: 'actions/security-scan', workspace, inputs: { scanners: FILE_SCANNERS, ...inputs }, env });
}
