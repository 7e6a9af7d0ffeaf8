import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { FINGERPRINT_KEY } from '../../actions/lib/sarif.js';
import { copyFixture, FIXTURES, readReport, readSarif, scan } from './helpers.js';

// The official SARIF 2.1.0 schema, as shipped by github/codeql-action (src/sarif-schema-2.1.0.json).
const schema = JSON.parse(await readFile(join(FIXTURES, '../sarif-schema-2.1.0.json'), 'utf8')) as {
  definitions: { region: { properties: Record<string, unknown>; anyOf?: unknown } };
};
// That copy nests region's `anyOf` (startLine, charOffset or byteOffset required) inside
// `properties`, which ajv rejects as a schema; move it where it belongs.
const region = schema.definitions.region;
region.anyOf = region.properties.anyOf;
delete region.properties.anyOf;
const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

describe('SARIF output', () => {
  it('is valid SARIF 2.1.0 with rule metadata, one category per run and stable fingerprints', async () => {
    const run = await scan(await copyFixture('planted'));
    const sarif = await readSarif(run);
    const report = await readReport(run);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    expect(sarif.version).toBe('2.1.0');
    const categories = sarif.runs.map((sarifRun) => sarifRun.automationDetails.id);
    expect(categories).toEqual(['security-scan/secrets', 'security-scan/kubernetes', 'security-scan/dockerfile', 'security-scan/workflows']);
    for (const sarifRun of sarif.runs) {
      const ruleIds = sarifRun.tool.driver.rules.map((rule) => rule.id);
      for (const result of sarifRun.results) {
        expect(ruleIds).toContain(result.ruleId);
        expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
        expect(result.locations[0]?.physicalLocation.region?.startLine).toBeGreaterThan(0);
      }
      for (const rule of sarifRun.tool.driver.rules) expect(rule.properties?.tags).toEqual(['security']);
      // The suite's version, from package.json: not a number of its own.
      expect(sarifRun.tool.driver.version).toBe(packageJson.version);
    }
    // Report and SARIF hold the same findings, whatever the gate counts.
    const sarifKeys = sarif.runs.flatMap((sarifRun) => sarifRun.results.map((result) => result.partialFingerprints[FINGERPRINT_KEY])).sort();
    expect(sarifKeys).toEqual(report.findings.map((finding) => finding.fingerprint).sort());
    const privileged = sarif.runs[1]?.tool.driver.rules.find((rule) => rule.id === 'k8s/privileged-container');
    expect(privileged?.properties?.['security-severity']).toBe('9.5');
  });

  it('ingests SARIF from other scanners under the same policy, one run per tool', async () => {
    const workspace = await copyFixture('clean');
    const trivy = {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: { name: 'Trivy', rules: [{ id: 'CVE-2024-0001', shortDescription: { text: 'openssl flaw' }, properties: { 'security-severity': '9.8' } }] },
          },
          results: [
            {
              ruleId: 'CVE-2024-0001',
              ruleIndex: 0,
              level: 'error',
              message: { text: 'Package: openssl 3.0.1, fixed in 3.0.2' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'Dockerfile' }, region: { startLine: 1 } } }],
            },
          ],
        },
      ],
    };
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(workspace, 'trivy.sarif'), JSON.stringify(trivy));
    const run = await scan(workspace, { scanners: 'sarif', 'sarif-files': '*.sarif' });
    const report = await readReport(run);
    expect(report.findings).toMatchObject([
      {
        ruleId: 'CVE-2024-0001',
        severity: 'critical',
        scanner: 'sarif:Trivy',
        file: 'Dockerfile',
        line: 1,
        message: 'Trivy: Package: openssl 3.0.1, fixed in 3.0.2',
      },
    ]);
    expect(run.exitCode).toBe(1);
    const sarif = await readSarif(run);
    expect(validate(sarif)).toBe(true);
    expect(sarif.runs.map((sarifRun) => [sarifRun.automationDetails.id, sarifRun.tool.driver.name])).toEqual([['security-scan/sarif/Trivy', 'Trivy']]);
  });
});
