import packageJson from '../../../package.json' with { type: 'json' };
import { buildSarif, type SarifRunInput } from '../../lib/sarif.js';
import type { ScannerResult } from '../../lib/security-report.js';
import type { Rule, ScannerName } from './findings.js';
import type { EvaluatedFinding } from './policy.js';

/**
 * One SARIF run per scanner that ran (and per tool of ingested SARIF), each with its own
 * category. A scanner that was unavailable writes no run: an empty run would tell code
 * scanning that every earlier alert of that category is fixed.
 */
export function buildSarifRuns(
  findings: EvaluatedFinding[],
  scanners: Record<string, ScannerResult>,
  rules: Map<ScannerName, Rule[]>,
  ingestedRules: Map<string, Rule[]>,
): ReturnType<typeof buildSarif> {
  const runs: SarifRunInput[] = [];
  const results = (selected: EvaluatedFinding[]) =>
    selected.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.fix ? `${finding.message} Fix: ${finding.fix}` : finding.message,
      file: finding.file,
      line: finding.line,
      fingerprint: finding.fingerprint,
      suppression: finding.suppressedBy,
    }));
  for (const [scanner, status] of Object.entries(scanners)) {
    if (status.status !== 'ok' || scanner === 'sarif') continue;
    const own = findings.filter((finding) => finding.scanner === scanner);
    runs.push({
      category: `security-scan/${scanner}`,
      toolName: `inventory-devops security-scan (${scanner})`,
      toolVersion: packageJson.version,
      informationUri: 'https://github.com/acme/inventory-devops/tree/main/actions/security-scan',
      rules: ruleMetadata(rules.get(scanner as ScannerName) ?? [], own),
      results: results(own),
    });
  }
  for (const [tool, toolRules] of ingestedRules) {
    const own = findings.filter((finding) => finding.scanner === 'sarif' && finding.tool === tool);
    runs.push({ category: `security-scan/sarif/${tool}`, toolName: tool, rules: toolRules, results: results(own) });
  }
  return buildSarif(runs);
}

/** The scanner's rule table, plus rules known only from findings (advisories). */
function ruleMetadata(known: Rule[], findings: EvaluatedFinding[]) {
  const rules = known.map((rule) => ({ ...rule }));
  for (const finding of findings) {
    if (rules.some((rule) => rule.id === finding.ruleId)) continue;
    const advisory = finding.package;
    rules.push({
      id: finding.ruleId,
      severity: finding.severity,
      title: advisory ? `Vulnerable dependency ${advisory.name} (${advisory.advisory})` : finding.ruleId,
      fix: finding.fix ?? '',
      ...(finding.ruleId.startsWith('GHSA-') ? { helpUri: `https://github.com/advisories/${finding.ruleId}` } : {}),
    });
  }
  return rules;
}
