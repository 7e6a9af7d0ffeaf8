import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../actions/lib/security-report.js';
import { DOCKERFILE_RULES } from '../../actions/security-scan/src/scanners/dockerfile.js';
import { KUBERNETES_RULES } from '../../actions/security-scan/src/scanners/kubernetes.js';
import { BUILT_IN_SECRET_RULES } from '../../actions/security-scan/src/scanners/secrets.js';
import { WORKFLOW_RULES } from '../../actions/security-scan/src/scanners/workflows.js';
import { copyFixture, findingKeys, plantedFindings, readReport, scan } from './helpers.js';

const ALL_RULE_IDS = [
  ...Object.keys(KUBERNETES_RULES),
  ...Object.keys(DOCKERFILE_RULES),
  ...Object.keys(WORKFLOW_RULES),
  ...BUILT_IN_SECRET_RULES.map((rule) => rule.id),
].sort();

describe('the planted fixture tree, through the built bundle', () => {
  it('finds every planted problem with its rule id and line, and nothing else', async () => {
    const workspace = await copyFixture('planted');
    const expected = await plantedFindings(workspace);
    expect([...new Set(expected.map((key) => key.split(' ')[1]))].sort()).toEqual(ALL_RULE_IDS);

    const run = await scan(workspace);
    const report = await readReport(run);
    expect(findingKeys(report)).toEqual(expected);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.outputs.passed).toBe('false');
    for (const severity of SEVERITIES.filter((severity) => severity !== 'info')) {
      expect(run.outputs[severity], severity).toBe(String(report.findings.filter((finding) => finding.severity === severity).length));
    }
    expect(run.outputs.total).toBe(String(report.findings.length));
    expect(report.scanners).toEqual({ secrets: { status: 'ok' }, kubernetes: { status: 'ok' }, dockerfile: { status: 'ok' }, workflows: { status: 'ok' } });
    for (const finding of report.findings) {
      expect(finding.fix, finding.ruleId).toMatch(/\S{3}/);
      expect(finding.suppressed).toBe(false);
    }
  });

  it('reports each rule at its declared severity', async () => {
    const run = await scan(await copyFixture('planted'));
    const report = await readReport(run);
    const declared: Record<string, string> = Object.fromEntries([
      ...Object.entries({ ...KUBERNETES_RULES, ...DOCKERFILE_RULES, ...WORKFLOW_RULES }).map(([id, rule]) => [id, rule.severity]),
      ...BUILT_IN_SECRET_RULES.map((rule) => [rule.id, rule.severity]),
    ]);
    for (const finding of report.findings) expect(finding.severity, finding.ruleId).toBe(declared[finding.ruleId]);
  });

  it('the summary shows counts by scanner, the top findings with file:line and fix', async () => {
    const run = await scan(await copyFixture('planted'));
    expect(run.summary).toContain('security-scan: ❌ failed');
    expect(run.summary).toMatch(/<td>kubernetes<\/td><td>ok<\/td><td>2<\/td>/);
    expect(run.summary).toContain('k8s/workloads.yaml:29');
    expect(run.summary).toContain('Remove `securityContext.privileged: true`');
    const errors = run.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors.at(-1)?.message).toMatch(/^security-scan: \d+ unsuppressed findings at or above high remain/);
    expect(errors[0]?.properties).toMatchObject({ file: expect.any(String), line: expect.stringMatching(/^\d+$/) });
  });
});

describe('the clean twin', () => {
  it('has zero findings and passes', async () => {
    const run = await scan(await copyFixture('clean'));
    const report = await readReport(run);
    expect(report.findings).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.outputs).toMatchObject({ passed: 'true', total: '0', critical: '0', high: '0', medium: '0', low: '0', new: '0' });
    expect(run.summary).toContain('security-scan: ✅ passed');
  });
});
