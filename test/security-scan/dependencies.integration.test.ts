import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPortUrl, startRegistryStandIn, type StandIn } from './npm-registry-stand-in.js';
import { copyFixture, FIXTURES, readReport, scan } from './helpers.js';

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function lineOf(text: string): Promise<number> {
  const lockfile = await readFile(join(FIXTURES, 'npm-app/package-lock.json'), 'utf8');
  return lockfile.slice(0, lockfile.indexOf(text)).split('\n').length;
}

describe('dependencies: the real npm CLI against a local stand-in registry', () => {
  it('maps every advisory to a finding with package, version, advisory, severity, fix version and dependency path', async () => {
    standIn = await startRegistryStandIn();
    const run = await scan(await copyFixture('npm-app'), { scanners: 'dependencies' }, { npm_config_registry: standIn.url });
    const report = await readReport(run);

    expect(standIn.auditRequests).toEqual([['express-lite', 'left-padder', 'tiny-parser']]);
    expect(report.scanners).toEqual({ dependencies: { status: 'ok' } });
    expect(report.findings).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        ruleId: 'GHSA-9f3j-r2cw-pq5m',
        severity: 'critical',
        scanner: 'dependencies',
        message: 'left-padder 1.0.1: Remote code execution in left-padder (GHSA-9f3j-r2cw-pq5m, vulnerable <1.0.3), via fixture-app > left-padder',
        file: 'package-lock.json',
        line: await lineOf('"node_modules/left-padder"'),
        suppressed: false,
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        fix: 'Upgrade left-padder to 1.0.3 or later: npm audit fix.',
        fixable: true,
        new: true,
        package: {
          name: 'left-padder',
          version: '1.0.1',
          advisory: 'GHSA-9f3j-r2cw-pq5m',
          fixVersion: '1.0.3',
          dependencyPath: ['fixture-app', 'left-padder'],
        },
      },
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        ruleId: 'GHSA-4xq2-m6pw-h8vc',
        severity: 'high',
        scanner: 'dependencies',
        message:
          'tiny-parser 2.1.0: Prototype pollution in tiny-parser (GHSA-4xq2-m6pw-h8vc, vulnerable >=2.0.0 <2.3.1), via fixture-app > express-lite > tiny-parser',
        file: 'package-lock.json',
        line: await lineOf('"node_modules/tiny-parser"'),
        suppressed: false,
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        fix: 'Upgrade tiny-parser to 2.3.1 or later: npm audit fix.',
        fixable: true,
        new: true,
        package: {
          name: 'tiny-parser',
          version: '2.1.0',
          advisory: 'GHSA-4xq2-m6pw-h8vc',
          fixVersion: '2.3.1',
          dependencyPath: ['fixture-app', 'express-lite', 'tiny-parser'],
        },
      },
    ]);
    expect(run.outputs).toMatchObject({ critical: '1', high: '1', total: '2', passed: 'false' });
    expect(run.exitCode).toBe(1);
  });

  it.each([
    ['the registry refuses the audit endpoint (405)', async () => (standIn = await startRegistryStandIn({ refuseAudit: true })).url, /405 Method Not Allowed/],
    ['nothing listens on the registry port', closedPortUrl, /ECONNREFUSED/],
  ])('reports unavailable, never "no vulnerabilities", when %s', async (_, registry, reason) => {
    const run = await scan(await copyFixture('npm-app'), { scanners: 'dependencies' }, { npm_config_registry: await registry() });
    const report = await readReport(run);
    expect(report.scanners?.dependencies?.status).toBe('unavailable');
    expect(report.scanners?.dependencies?.reason).toMatch(reason);
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(false);
    expect(run.outputs.passed).toBe('false');
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain('⚠️ unavailable');
    expect(run.annotations.some((annotation) => annotation.level === 'warning' && annotation.message.startsWith('dependencies scanner unavailable'))).toBe(
      true,
    );
  });

  it('detects pnpm and yarn lockfiles and reports them as not scanned', async () => {
    const workspace = await copyFixture('clean');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(workspace, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
    await writeFile(join(workspace, 'yarn.lock'), '# yarn lockfile v1\n');
    const run = await scan(workspace, { scanners: 'dependencies' });
    const report = await readReport(run);
    expect(report.scanners?.dependencies).toEqual({
      status: 'not-scanned',
      reason: 'not scanned: pnpm-lock.yaml (pnpm audit is not run by this action); yarn.lock (yarn audit is not run by this action)',
    });
    expect(run.exitCode).toBe(0);
  });
});
