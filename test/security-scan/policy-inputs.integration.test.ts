import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionRun } from '../harness/run-bundle.js';
import { startRegistryStandIn, type StandIn } from './npm-registry-stand-in.js';
import { copyFixture, FIXTURES, listFiles, readReport, readSarif, scan } from './helpers.js';

// The `fail-on-fixable-only` and `secret-rules` inputs, through the built bundle.

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

/** The summary's findings table as `[⛔ ]severity rule file:line` rows; ⛔ marks what the gate counts. */
function summaryRows(run: ActionRun): string[] {
  const table = run.summary.slice(run.summary.indexOf('<th>Severity</th>'));
  return [...table.matchAll(/<tr><td>((?:⛔ )?\w+)<\/td><td>([^<]+)<\/td><td>([^<]*)<\/td>/g)].map((row) => `${row[1]} ${row[2]} ${row[3]}`);
}

const errors = (run: ActionRun) => run.annotations.filter((annotation) => annotation.level === 'error');

async function lockfileLine(fixture: string, text: string): Promise<number> {
  const lockfile = await readFile(join(FIXTURES, fixture, 'package-lock.json'), 'utf8');
  return lockfile.slice(0, lockfile.indexOf(text)).split('\n').length;
}

const TINY_PARSER = 'GHSA-4xq2-m6pw-h8vc';
const LEFT_PADDER = 'GHSA-9f3j-r2cw-pq5m';

describe('fail-on-fixable-only (fixable from the stand-in registry, through npm audit)', () => {
  // npm-app-unfixable: tiny-parser 2.1.0 (high) pinned by abandoned-wrapper, a package the registry
  // no longer serves, so npm finds no upgrade path: fixAvailable false.
  it('an unfixable high finding does not fail the step; it is still reported, uncounted', async () => {
    standIn = await startRegistryStandIn();
    const registry = { npm_config_registry: standIn.url };
    const unfixableLine = await lockfileLine('npm-app-unfixable', '"node_modules/tiny-parser"');

    const run = await scan(await copyFixture('npm-app-unfixable'), { scanners: 'dependencies', 'fail-on-fixable-only': 'true' }, registry);
    const report = await readReport(run);
    expect(report.findings).toMatchObject([
      {
        ruleId: TINY_PARSER,
        severity: 'high',
        file: 'package-lock.json',
        line: unfixableLine,
        fixable: false,
        suppressed: false,
        fix: 'Upgrade tiny-parser to 2.3.1 or later; no fix reachable through the current dependents yet.',
        package: { name: 'tiny-parser', version: '2.1.0', dependencyPath: ['fixture-app-unfixable', 'abandoned-wrapper', 'tiny-parser'] },
      },
    ]);
    expect(report.passed).toBe(true);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', high: '1', total: '1' });
    expect(run.summary).toContain('security-scan: ✅ passed');
    expect(run.summary).toContain('1 unsuppressed findings (1 new), 0 counted by the policy (fail-on-severity: high, fixable findings only).');
    expect(summaryRows(run)).toEqual([`high ${TINY_PARSER} package-lock.json:${unfixableLine}`]);
    expect(errors(run)).toEqual([]);

    // The same finding fails the step without the input: the input is what let it pass.
    const gated = await scan(await copyFixture('npm-app-unfixable'), { scanners: 'dependencies' }, registry);
    expect(gated.exitCode).toBe(1);
    expect(gated.outputs.passed).toBe('false');
    expect(summaryRows(gated)).toEqual([`⛔ high ${TINY_PARSER} package-lock.json:${unfixableLine}`]);
  });

  it('fixable findings still fail the step, and only they are counted, annotated and named in the error', async () => {
    standIn = await startRegistryStandIn();
    // Two lockfiles: the unfixable one at the root, the fixable npm-app (left-padder critical, tiny-parser high) in services/api.
    const workspace = await copyFixture('npm-app-unfixable');
    await cp(join(FIXTURES, 'npm-app'), join(workspace, 'services/api'), { recursive: true });
    const unfixableLine = await lockfileLine('npm-app-unfixable', '"node_modules/tiny-parser"');
    const leftPadderLine = await lockfileLine('npm-app', '"node_modules/left-padder"');
    const tinyParserLine = await lockfileLine('npm-app', '"node_modules/tiny-parser"');

    const run = await scan(workspace, { scanners: 'dependencies', 'fail-on-fixable-only': 'true' }, { npm_config_registry: standIn.url });
    const report = await readReport(run);
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line} fixable=${finding.fixable}`)).toEqual([
      `${LEFT_PADDER} services/api/package-lock.json:${leftPadderLine} fixable=true`,
      `${TINY_PARSER} package-lock.json:${unfixableLine} fixable=false`,
      `${TINY_PARSER} services/api/package-lock.json:${tinyParserLine} fixable=true`,
    ]);
    expect(report.passed).toBe(false);
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ passed: 'false', critical: '1', high: '2', total: '3' });

    expect(run.summary).toContain('security-scan: ❌ failed');
    expect(run.summary).toContain('3 unsuppressed findings (3 new), 2 counted by the policy (fail-on-severity: high, fixable findings only).');
    expect(summaryRows(run)).toEqual([
      `⛔ critical ${LEFT_PADDER} services/api/package-lock.json:${leftPadderLine}`,
      `high ${TINY_PARSER} package-lock.json:${unfixableLine}`,
      `⛔ high ${TINY_PARSER} services/api/package-lock.json:${tinyParserLine}`,
    ]);
    expect(errors(run).map((annotation) => [annotation.properties.file, annotation.properties.line])).toEqual([
      ['services/api/package-lock.json', String(leftPadderLine)],
      ['services/api/package-lock.json', String(tinyParserLine)],
      [undefined, undefined],
    ]);
    expect(errors(run).at(-1)?.message).toMatch(/^security-scan: 2 unsuppressed fixable findings at or above high remain \(see the job summary and /);
  });
});

describe('secret-rules', () => {
  /** The company token planted in the fixture; the placeholder of zeros beside it is allowed by the rule. */
  async function plantedToken(workspace: string): Promise<string> {
    const source = await readFile(join(workspace, 'src/billing.ts'), 'utf8');
    const token = /acme_live_(?!0{32})[0-9a-f]{32}/.exec(source)?.[0];
    if (!token) throw new Error('the fixture lost its planted token');
    return token;
  }

  it('a rules file adds a rule that finds a company token, reported with its rule id and redacted everywhere', async () => {
    const workspace = await copyFixture('custom-secret-rules');
    const token = await plantedToken(workspace);

    // Without the rules file, no built-in rule knows the token.
    const without = await scan(workspace, { scanners: 'secrets' });
    expect((await readReport(without)).findings).toEqual([]);
    expect(without.exitCode).toBe(0);

    const run = await scan(workspace, { scanners: 'secrets', 'secret-rules': 'security/secret-rules.yml' });
    const report = await readReport(run);
    expect(report.findings).toMatchObject([
      {
        ruleId: 'secrets/acme-api-key',
        severity: 'high',
        scanner: 'secrets',
        file: 'src/billing.ts',
        line: 5,
        match: 'acme****',
        message: 'ACME API key: acme****',
        fixable: true,
      },
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ passed: 'false', high: '1', total: '1' });
    expect(summaryRows(run)).toEqual(['⛔ high secrets/acme-api-key src/billing.ts:5']);
    expect(errors(run)[0]).toMatchObject({
      message: expect.stringMatching(/^secrets\/acme-api-key: ACME API key: acme\*\*\*\* Fix: /),
      properties: { file: 'src/billing.ts', line: '5' },
    });

    const sarif = await readSarif(run);
    const secretsRun = sarif.runs.find((sarifRun) => sarifRun.automationDetails.id === 'security-scan/secrets');
    expect(secretsRun?.tool.driver.rules.map((rule) => rule.id)).toContain('secrets/acme-api-key');
    expect(secretsRun?.results.map((result) => [result.ruleId, result.locations[0]?.physicalLocation.region?.startLine])).toEqual([
      ['secrets/acme-api-key', 5],
    ]);

    // Never the token: not in logs, summary, annotations, outputs, nor the SARIF and report files.
    const written = [run.everythingWritten, run.stdout, run.stderr];
    const files = await listFiles(run.runnerTemp);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) written.push(await readFile(file, 'utf8'));
    const everything = written.join('\n');
    expect(everything).toContain('acme****');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.slice(10));
  });

  it.each([
    [
      'a bad regex',
      'security/bad-regex.yml',
      'Secret rules file security/bad-regex.yml is not valid: rules[0].regex: not a valid regular expression: Unterminated group.',
    ],
    [
      'a bad allow regex',
      'security/bad-allow.yml',
      'Secret rules file security/bad-allow.yml is not valid: rules[0].allow: not a valid regular expression: Unterminated character class.',
    ],
    [
      'a missing field',
      'security/missing-field.yml',
      'Secret rules file security/missing-field.yml is not valid: rules[0].title: Invalid input: expected string, received undefined.',
    ],
    ['a file that does not exist', 'security/nope.yml', 'Input "secret-rules" has value "security/nope.yml": expected an existing file inside the workspace.'],
  ])('%s fails the step naming the file and the field, and writes no report', async (_, rulesFile, message) => {
    const run = await scan(await copyFixture('custom-secret-rules'), { scanners: 'secrets', 'secret-rules': rulesFile });
    expect(run.exitCode).toBe(1);
    expect(errors(run).map((annotation) => annotation.message)).toEqual([`security-scan: ${message}`]);
    expect(run.summary).toContain('❌ security-scan failed');
    expect(run.outputs).toEqual({});
    expect(await listFiles(run.runnerTemp)).toEqual([]);
  });
});
