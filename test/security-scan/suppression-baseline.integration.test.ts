import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, readReport, readSarif, scan } from './helpers.js';

describe('ignore file', () => {
  it('suppresses by rule and path or by fingerprint; an expired entry stops suppressing, an entry matching nothing is stale', async () => {
    const workspace = await copyFixture('planted');
    const first = await readReport(await scan(workspace));
    const githubToken = first.findings.find((finding) => finding.ruleId === 'secrets/github-token');
    await writeFile(
      join(workspace, '.security-ignore.yml'),
      [
        'ignore:',
        '  - rule: k8s/privileged-container',
        '    path: k8s/**',
        '    reason: The node agent needs it.',
        '    expires: 2099-12-31',
        `  - fingerprint: ${githubToken?.fingerprint}`,
        '    reason: Revoked token kept as a test vector.',
        '    expires: 2099-12-31',
        '  - rule: k8s/host-pid',
        '    reason: Was needed for the old profiler.',
        '    expires: 2000-01-31',
        '  - rule: docker/add-url',
        '    path: nowhere/**',
        '    reason: Nothing matches this.',
        '    expires: 2099-12-31',
        '',
      ].join('\n'),
    );
    const run = await scan(workspace);
    const report = await readReport(run);
    const byRule = (ruleId: string) => report.findings.find((finding) => finding.ruleId === ruleId);

    expect(byRule('k8s/privileged-container')).toMatchObject({
      suppressed: true,
      suppressedBy: 'rule k8s/privileged-container at k8s/**: The node agent needs it. (until 2099-12-31)',
    });
    expect(byRule('secrets/github-token')?.suppressed).toBe(true);
    expect(byRule('k8s/host-pid')?.suppressed).toBe(false);
    // Two privileged containers under k8s/ (one inside a List) and the token.
    expect(report.findings.filter((finding) => finding.suppressed)).toHaveLength(3);
    expect(run.outputs.total).toBe(String(first.findings.length - 3));

    expect(run.summary).toContain('Expired ignore entries');
    expect(run.summary).toContain('rule k8s/host-pid expired 2000-01-31 (1 findings): Was needed for the old profiler.');
    expect(run.summary).toContain('Stale ignore entries');
    expect(run.summary).toContain('rule docker/add-url at nowhere/**: Nothing matches this.');
    expect(run.summary).toContain('Suppressed (3)');
    const warnings = run.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message);
    expect(warnings).toContain('Ignore entry for k8s/host-pid expired on 2000-01-31 and no longer suppresses (1 findings).');
    expect(warnings).toContain('Ignore entry for docker/add-url matches no finding; remove it.');

    // The SARIF still holds every finding; suppressed ones carry the justification.
    const sarif = await readSarif(run);
    const results = sarif.runs.flatMap((sarifRun) => sarifRun.results);
    expect(results).toHaveLength(first.findings.length);
    expect(results.filter((result) => result.suppressions)).toHaveLength(3);
  });

  it('rejects an entry without reason or with a bad expiry, naming the entry', async () => {
    const workspace = await copyFixture('clean');
    await writeFile(join(workspace, 'ignore.yml'), 'ignore:\n  - rule: k8s/host-pid\n    expires: someday\n');
    const run = await scan(workspace, { 'ignore-file': 'ignore.yml' });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((annotation) => annotation.level === 'error')?.message ?? '';
    expect(error).toContain('Ignore file ignore.yml is not valid');
    expect(error).toContain('ignore[0].reason: expected a reason');
    expect(error).toContain('ignore[0].expires: expected an ISO date such as 2026-12-31');
  });

  it('a named ignore file that does not exist is an error', async () => {
    const run = await scan(await copyFixture('clean'), { 'ignore-file': 'missing.yml' });
    expect(run.annotations[0]?.message).toBe('security-scan: Input "ignore-file" has value "missing.yml": expected an existing file inside the workspace.');
  });
});

describe('baseline and new-findings-only', () => {
  it('keeps fingerprints across line moves and counts only the new findings', async () => {
    const workspace = await copyFixture('planted');
    const before = await scan(workspace);
    await writeFile(join(workspace, 'baseline.json'), await readFile(before.outputs.report ?? '', 'utf8'));
    const baseline = await readReport(before);

    // Move every Kubernetes finding down three lines, and add one new low finding.
    const manifest = join(workspace, 'k8s/workloads.yaml');
    await writeFile(manifest, `# moved\n# down\n# three lines\n${await readFile(manifest, 'utf8')}`);
    await appendFile(join(workspace, 'Dockerfile'), 'RUN apt-get install -y jq\n');

    const run = await scan(workspace, { baseline: 'baseline.json', 'new-findings-only': 'true' });
    const report = await readReport(run);
    const moved = report.findings.filter((finding) => finding.file === 'k8s/workloads.yaml');
    const movedBefore = baseline.findings.filter((finding) => finding.file === 'k8s/workloads.yaml');
    expect(moved.map((finding) => finding.fingerprint).sort()).toEqual(movedBefore.map((finding) => finding.fingerprint).sort());
    expect(moved.map((finding) => finding.line ?? 0).sort()).toEqual(movedBefore.map((finding) => (finding.line ?? 0) + 3).sort());

    const added = report.findings.filter((finding) => finding.new);
    expect(added.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(['docker/apt-get-no-cleanup Dockerfile:18']);
    expect(run.outputs.new).toBe('1');
    expect(run.outputs.total).toBe(String(baseline.findings.length + 1));
    // The only new finding is low: below fail-on-severity high, so the gate passes.
    expect(run.outputs.passed).toBe('true');
    expect(run.exitCode).toBe(0);

    const gateOnLow = await scan(workspace, { baseline: 'baseline.json', 'new-findings-only': 'true', 'fail-on-severity': 'low' });
    expect(gateOnLow.exitCode).toBe(1);
    expect(gateOnLow.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.properties.line)).toEqual([
      '18',
      undefined,
    ]);
  });

  it('new-findings-only without a baseline is an error', async () => {
    const run = await scan(await copyFixture('clean'), { 'new-findings-only': 'true' });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toContain('Input "new-findings-only" is true but "baseline" is not set');
  });
});
