import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../repository-root.js';
import { FILE_SCANNERS, readReport, scan } from './helpers.js';

// The dependencies scanner is left out: the registry reachable here refuses the audit endpoint,
// which the action rightly reports as unavailable (see dependencies.test.ts).
describe('this repository, scanned by its own action', () => {
  it('has no unsuppressed high or critical finding, and every suppression has a reason and an expiry', async () => {
    const run = await scan(REPOSITORY_ROOT, { scanners: `${FILE_SCANNERS},migrations` });
    const report = await readReport(run);
    const blocking = report.findings.filter((finding) => !finding.suppressed && (finding.severity === 'high' || finding.severity === 'critical'));
    expect(blocking.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line} ${finding.message}`)).toEqual([]);
    expect(run.outputs.passed).toBe('true');
    expect(run.exitCode).toBe(0);
    expect(run.summary).not.toContain('Expired ignore entries');
    // The planted fixtures are found and suppressed by the repository's ignore file, not skipped.
    expect(report.findings.some((finding) => finding.suppressed && finding.file?.startsWith('test/security-scan/fixtures/planted/'))).toBe(true);
    // The service's own migrations pass the migrations scanner: nothing found there, suppressed or not.
    expect(report.scanners?.migrations).toEqual({ status: 'ok' });
    expect(report.findings.filter((finding) => finding.file?.startsWith('example-service/migrations/'))).toEqual([]);
  });
});
