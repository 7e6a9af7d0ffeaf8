import { escapeHtml, escapeMarkdown } from '../../lib/markdown.js';
import { buildSarif, type SarifRunInput } from '../../lib/sarif.js';
import { SEVERITIES, type ScannerResult, type SecurityReport } from '../../lib/security-report.js';
import type { Summary } from '../../lib/summary.js';
import type { Rule, ScannerName } from './findings.js';
import { describeEntry, sortBySeverity, type EvaluatedFinding, type Policy, type PolicyOutcome } from './policy.js';

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
  version: string,
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
      toolVersion: version,
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

const TOP_FINDINGS = 20;


function location(finding: EvaluatedFinding): string {
  if (finding.file === undefined) return '';
  return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
}

export function writeScanSummary(
  summary: Summary,
  outcome: PolicyOutcome,
  scanners: Record<string, ScannerResult>,
  policy: Policy,
  notes: string[],
): void {
  const gate = [
    `fail-on-severity: ${policy.failOnSeverity}`,
    policy.fixableOnly ? 'fixable findings only' : '',
    policy.newFindingsOnly ? 'new findings only (against the baseline)' : '',
  ].filter(Boolean);
  const counted = outcome.findings.filter((finding) => finding.counted).length;
  summary
    .addHeading(`security-scan: ${outcome.passed ? '✅ passed' : '❌ failed'}`, 2)
    .addRaw(
      `\n${outcome.counts.total} unsuppressed findings (${outcome.counts.new} new), ${counted} counted by the policy (${gate.join(', ')}).` +
        (policy.unavailableScanners.length > 0 ? ` ⚠️ Not a pass: ${policy.unavailableScanners.join(', ')} could not run, so its findings are unknown.` : '') +
        '\n\n',
    );

  const header = ['Scanner', 'Status', ...SEVERITIES, 'suppressed'].map((data) => ({ data, header: true }));
  const rows = Object.entries(scanners).map(([scanner, status]) => {
    const own = outcome.findings.filter((finding) => finding.scanner === scanner);
    const label = status.status === 'ok' ? 'ok' : `⚠️ ${status.status}`;
    return [
      scanner,
      escapeHtml(status.reason ? `${label}: ${status.reason}` : label),
      ...SEVERITIES.map((severity) => String(own.filter((finding) => !finding.suppressed && finding.severity === severity).length)),
      String(own.filter((finding) => finding.suppressed).length),
    ];
  });
  summary.addTable([header, ...rows]);

  const open = sortBySeverity(outcome.findings.filter((finding) => !finding.suppressed));
  if (open.length > 0) {
    summary.addHeading(open.length > TOP_FINDINGS ? `Top ${TOP_FINDINGS} of ${open.length} findings` : 'Findings', 3);
    summary.addTable([
      ['Severity', 'Rule', 'Location', 'Finding', 'Fix'].map((data) => ({ data, header: true })),
      ...open.slice(0, TOP_FINDINGS).map((finding) => [
        `${finding.counted ? '⛔ ' : ''}${finding.severity}`,
        escapeHtml(finding.ruleId),
        escapeHtml(location(finding)),
        escapeHtml(finding.message),
        escapeHtml(finding.fix ?? ''),
      ]),
    ]);
  }
  const suppressed = outcome.findings.filter((finding) => finding.suppressed);
  if (suppressed.length > 0) {
    summary.addDetails(
      `Suppressed (${suppressed.length})`,
      `\n\n${suppressed
        .slice(0, 100)
        .map((finding) => `- ${escapeMarkdown(finding.ruleId)} ${escapeMarkdown(location(finding))} — ${escapeMarkdown(finding.suppressedBy ?? '')}`)
        .join('\n')}\n\n`,
    );
  }
  if (outcome.expired.length > 0) {
    summary.addHeading('Expired ignore entries (no longer suppressing)', 3);
    summary.addList(outcome.expired.map((entry) => escapeHtml(`${describeEntry(entry)} expired ${entry.expires} (${entry.matches} findings): ${entry.reason}`)));
  }
  if (outcome.stale.length > 0) {
    summary.addHeading('Stale ignore entries (match nothing)', 3);
    summary.addList(outcome.stale.map((entry) => escapeHtml(`${describeEntry(entry)}: ${entry.reason}`)));
  }
  if (notes.length > 0) summary.addList(notes.map((note) => escapeHtml(note)));
}
