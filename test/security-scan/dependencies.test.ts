import { describe, expect, it } from 'vitest';
import { mapNpmAudit } from '../../actions/security-scan/src/scanners/dependencies.js';

describe('npm audit counts', () => {
  const lockfile = JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' } } });
  const report = (total: unknown, vulnerabilities: Record<string, unknown> = {}) =>
    JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { total } } });

  it.each([
    ['NaN', Number.NaN],
    ['a string', '3'],
    ['Infinity (1e309)', 1e309],
    ['more than the entries listed', 2],
  ])('a total that is %s is an unavailable audit, never zero findings', (_name, total) => {
    const result = mapNpmAudit('package-lock.json', lockfile, report(total));
    expect(result.ok).toBe(false);
  });

  it('a total of 0 with no entries is a clean audit', () => {
    expect(mapNpmAudit('package-lock.json', lockfile, report(0))).toEqual({ ok: true, findings: [] });
  });
});
