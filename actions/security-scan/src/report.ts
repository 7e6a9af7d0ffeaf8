import type { ScannerResult, SecurityReport } from '../../lib/security-report.js';
import { sortBySeverity, type PolicyOutcome } from './policy.js';

/** The JSON report (actions/lib/security-report.ts) that quality-gate and a later baseline read. */
export function buildReport(outcome: PolicyOutcome, scanners: Record<string, ScannerResult>): SecurityReport {
  return {
    version: 1,
    findings: sortBySeverity(outcome.findings).map((finding) => ({
      id: finding.fingerprint,
      ruleId: finding.ruleId,
      severity: finding.severity,
      scanner: finding.tool ? `sarif:${finding.tool}` : finding.scanner,
      message: finding.message,
      ...(finding.file !== undefined ? { file: finding.file } : {}),
      ...(finding.line !== undefined ? { line: finding.line } : {}),
      suppressed: finding.suppressed,
      ...(finding.suppressedBy !== undefined ? { suppressedBy: finding.suppressedBy } : {}),
      fingerprint: finding.fingerprint,
      ...(finding.fix !== undefined ? { fix: finding.fix } : {}),
      fixable: finding.fixable,
      new: finding.new,
      ...(finding.match !== undefined ? { match: finding.match } : {}),
      ...(finding.package !== undefined ? { package: finding.package } : {}),
    })),
    counts: outcome.counts,
    scanners,
    passed: outcome.passed,
  };
}
