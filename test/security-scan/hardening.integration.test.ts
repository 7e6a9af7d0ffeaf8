import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, readReport, scan } from './helpers.js';
import type { ActionRun } from '../harness/run-bundle.js';

// Through the built bundle: what a file in the scanned tree, a user rule or an ingested SARIF
// log can make the action do.

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'security-scan-hardening-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(workspace, path)), { recursive: true });
    await writeFile(join(workspace, path), text);
  }
  return workspace;
}

/** Every text the run wrote: logs, summary, outputs, and the report and SARIF files. */
async function everything(run: ActionRun): Promise<string> {
  const written = [run.everythingWritten, run.stdout, run.stderr];
  for (const file of await listFiles(run.runnerTemp)) written.push(await readFile(file, 'utf8'));
  return written.join('\n');
}

const SECRET = ['Zq8v', 'N3xK7pL2mR9tW4yB6cD'].join('');

describe('a user secret rule', () => {
  it('whose group matches empty text: the whole match is redacted, never the secret between masks', async () => {
    const workspace = await workspaceWith({
      'security/secret-rules.yml': "rules:\n  - id: acme/password\n    title: Acme password\n    severity: high\n    regex: 'password=(x?)[A-Za-z0-9]{20,}'\n",
      'config/app.env': `password=${SECRET}\n`,
    });
    const run = await scan(workspace, { scanners: 'secrets', 'secret-rules': 'security/secret-rules.yml' });
    const report = await readReport(run);
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(['acme/password']);
    const written = await everything(run);
    expect(written).toContain(report.findings[0]?.match);
    // Before the fix the match read `p****a****s****...`: the secret, one character between each mask.
    expect(written.replaceAll('****', '')).not.toContain(SECRET);
    expect(written.replaceAll('****', '')).not.toContain(SECRET.slice(4, 12));
  });

  it('that backtracks catastrophically: the file gets a time-budget finding and the scan ends', async () => {
    const workspace = await workspaceWith({
      'security/secret-rules.yml': "rules:\n  - id: acme/slow\n    title: Slow rule\n    severity: low\n    regex: '^(a+)+$'\n    flags: m\n",
      'src/slow.txt': `${'a'.repeat(40)}!\n`,
      'src/fine.txt': `password=${SECRET}\n`,
    });
    const run = await scan(workspace, { scanners: 'secrets', 'secret-rules': 'security/secret-rules.yml' });
    const report = await readReport(run);
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.file}`)).toEqual(['scan/time-budget-exceeded src/slow.txt']);
    expect(report.findings[0]?.severity).toBe('high');
    expect(run.outputs.passed).toBe('false');
    expect(run.exitCode).toBe(1);
  });
});

const PRIVILEGED_POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { containers: [{ name: 'web', image: 'web:1.0', securityContext: { privileged: true } }] },
};

describe('Kubernetes manifests are read by content, as kubectl reads them', () => {
  it('a privileged Pod written as JSON, alone or in a List, is found; other JSON is not a manifest', async () => {
    const workspace = await workspaceWith({
      'deploy/pod.json': JSON.stringify(PRIVILEGED_POD, null, 2),
      'deploy/list.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [PRIVILEGED_POD] }),
      'package.json': JSON.stringify({ name: 'app', kind: 'not-a-manifest' }),
    });
    const run = await scan(workspace, { scanners: 'kubernetes' });
    const report = await readReport(run);
    const privileged = report.findings.filter((finding) => finding.ruleId === 'k8s/privileged-container');
    expect(privileged.map((finding) => `${finding.file}:${finding.line}`).sort()).toEqual(['deploy/list.json:1', 'deploy/pod.json:14']);
    expect(report.findings.some((finding) => finding.file === 'package.json')).toBe(false);
  });

  it("a YAML alias bomb is that file's finding; the other files are still scanned", async () => {
    const levels = ['a: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level < 9; level++)
      levels.push(
        `l${level}: &l${level} [${Array(9)
          .fill(`*l${level - 1}`)
          .join(', ')}]`,
      );
    const workspace = await workspaceWith({
      'deploy/laughs.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: laughs }\ndata:\n  ${levels.join('\n  ')}\n`,
      'deploy/pod.yaml': JSON.stringify(PRIVILEGED_POD),
    });
    const run = await scan(workspace, { scanners: 'kubernetes' });
    expect(run.annotations.map((annotation) => annotation.message).join('\n')).not.toMatch(/a bug in inventory-devops/);
    const report = await readReport(run);
    expect(report.findings.filter((finding) => finding.file === 'deploy/laughs.yaml').map((finding) => finding.ruleId)).toEqual(['k8s/unreadable-manifest']);
    expect(report.findings.some((finding) => finding.file === 'deploy/pod.yaml' && finding.ruleId === 'k8s/privileged-container')).toBe(true);
  });
});

const HOSTILE_TEXT = '<img src=x onerror=alert(1)> [x](http://evil) @org/team `code` ``` |';

function sarifLog(results: unknown[], rules: unknown[] = []): string {
  return JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'ExtScanner', rules } }, results }] });
}

describe('ingested SARIF', () => {
  it('rule messages and file paths are escaped in the job summary', async () => {
    const workspace = await workspaceWith({
      'reports/ext.sarif': sarifLog([
        {
          ruleId: 'EXT1',
          level: 'error',
          message: { text: HOSTILE_TEXT },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'src/<img src=x onerror=alert(2)>@org/team.ts' }, region: { startLine: 3 } } }],
        },
      ]),
    });
    const run = await scan(workspace, { scanners: 'sarif', 'sarif-files': 'reports/*.sarif' });
    expect(run.summary).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(run.summary).not.toMatch(/<img/);
    expect(run.summary).not.toMatch(/@org\/team/);
    expect(run.summary).toContain('@\u200Borg/team');
  });

  it('a non-finite or out-of-range security-severity is no score: the SARIF level decides', async () => {
    const result = (ruleId: string, score: unknown, level?: string) => ({
      ruleId,
      ...(level ? { level } : {}),
      message: { text: ruleId },
      properties: { 'security-severity': score },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/100%.ts' }, region: { startLine: 1 } } }],
    });
    const workspace = await workspaceWith({
      'reports/ext.sarif': sarifLog([
        result('NAN', 'NaN', 'error'),
        result('INF', 'Infinity', 'error'),
        result('HEX', '0x10', 'note'),
        result('BIG', 99, 'note'),
        result('OK', '9.8'),
      ]),
    });
    const run = await scan(workspace, { scanners: 'sarif', 'sarif-files': 'reports/*.sarif' });
    const report = await readReport(run);
    const severities = Object.fromEntries(report.findings.map((finding) => [finding.ruleId, finding.severity]));
    expect(severities).toEqual({ NAN: 'high', INF: 'high', HEX: 'low', BIG: 'low', OK: 'critical' });
    // A URI with a lone `%` names the file as written, never a crash reported as a bug.
    expect(report.findings[0]?.file).toBe('src/100%.ts');
    expect(run.outputs.passed).toBe('false');
  });

  it.each([
    ['not JSON', '{"runs": ['],
    ['results that are not an array', JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'X' } }, results: 'none' }] })],
    ['a level SARIF does not define', sarifLog([{ ruleId: 'R', level: 'catastrophic', message: { text: 'r' } }])],
  ])("a malformed log (%s) is the user's error naming the file, never a pass", async (_name, text) => {
    const workspace = await workspaceWith({ 'reports/bad.sarif': text });
    const run = await scan(workspace, { scanners: 'sarif', 'sarif-files': 'reports/*.sarif' });
    expect(run.exitCode).toBe(1);
    const failure = run.annotations.find((annotation) => annotation.level === 'error')?.message ?? '';
    expect(failure).toMatch(/^security-scan: .*reports\/bad\.sarif/);
    expect(failure).not.toMatch(/a bug in inventory-devops/);
  });
});
