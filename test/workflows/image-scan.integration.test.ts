import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessages, runBundle } from '../harness/run-bundle.js';
import { workflow } from './workflow-files.js';

// deploy.yml's gate on the image: Trivy's SARIF of fixable high and critical findings, judged
// by security-scan with the caller's suppression file. The step's own `with:`, run through the
// built bundle; the SARIF is shaped as Trivy writes it for an image (rules with
// security-severity, results with a ROOTPATH-relative package location).
const deploy = workflow('.github/workflows/deploy.yml');
const policyStep = deploy.jobs.scan!.steps!.find((step) => step.id === 'policy')!;
const IGNORE_FILE_DEFAULT = String(deploy.on.workflow_call!.inputs!['ignore-file']!.default);
const inputs = Object.fromEntries(
  Object.entries(policyStep.with ?? {}).map(([name, value]) => [name, String(value).replace('${{ inputs.ignore-file }}', IGNORE_FILE_DEFAULT)]),
);

const CVE = 'CVE-2026-12345';
const trivySarif = {
  version: '2.1.0',
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  runs: [
    {
      tool: {
        driver: {
          name: 'Trivy',
          informationUri: 'https://github.com/aquasecurity/trivy',
          rules: [
            {
              id: CVE,
              name: 'OsPackageVulnerability',
              shortDescription: { text: 'openssl: a buffer overflow' },
              help: { text: 'Vulnerability CVE-2026-12345\nSeverity: HIGH\nPackage: libssl3\nFixed Version: 3.0.15-1' },
              properties: { 'security-severity': '7.5', tags: ['vulnerability', 'security', 'HIGH'] },
            },
          ],
        },
      },
      results: [
        {
          ruleId: CVE,
          ruleIndex: 0,
          level: 'error',
          message: { text: 'Package: libssl3\nInstalled Version: 3.0.11-1\nVulnerability CVE-2026-12345\nSeverity: HIGH\nFixed Version: 3.0.15-1' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'ghcr.io/acme/inventory-service', uriBaseId: 'ROOTPATH' }, region: { startLine: 1 } } }],
        },
      ],
    },
  ],
};

function workspace(ignoreFile?: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'image-scan-'));
  const sarif = join(folder, inputs['sarif-files']!);
  mkdirSync(dirname(sarif), { recursive: true });
  writeFileSync(sarif, JSON.stringify(trivySarif));
  if (ignoreFile !== undefined) writeFileSync(join(folder, IGNORE_FILE_DEFAULT), ignoreFile);
  return folder;
}

describe("deploy.yml's image gate (security-scan on Trivy's SARIF)", () => {
  it('fails on a fixable high finding that nothing suppresses', async () => {
    const run = await runBundle({ action: 'actions/security-scan', inputs, workspace: workspace(), timeoutMs: 60_000 });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ passed: 'false', high: '1' });
    expect(errorMessages(run).join('\n')).toContain(CVE);
  });

  it('passes when the suppression file security-scan reads suppresses it, with a reason and an expiry', async () => {
    const ignore = `ignore:\n  - rule: ${CVE}\n    reason: Not reachable - the service never uses TLS renegotiation.\n    expires: 2099-12-31\n`;
    const run = await runBundle({ action: 'actions/security-scan', inputs, workspace: workspace(ignore), timeoutMs: 60_000 });
    expect(errorMessages(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', high: '0' });
  });

  it('fails again once the suppression has expired', async () => {
    const ignore = `ignore:\n  - rule: ${CVE}\n    reason: Accepted until the base image is updated.\n    expires: 2020-01-31\n`;
    const run = await runBundle({ action: 'actions/security-scan', inputs, workspace: workspace(ignore), timeoutMs: 60_000 });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ passed: 'false', high: '1' });
  });
});
