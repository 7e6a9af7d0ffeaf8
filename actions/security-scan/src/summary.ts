import { escapeHtml, escapeMarkdown } from '../../lib/markdown.js';
import { SEVERITIES, type ScannerResult } from '../../lib/security-report.js';
import type { Summary } from '../../lib/summary.js';
import { describeEntry, sortBySeverity, type EvaluatedFinding, type Policy, type PolicyOutcome } from './policy.js';

const TOP_FINDINGS = 20;

function location(finding: EvaluatedFinding): string {
  if (finding.file === undefined) return '';
  return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
}

export function writeScanSummary(summary: Summary, outcome: PolicyOutcome, scanners: Record<string, ScannerResult>, policy: Policy, notes: string[]): void {
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
      ...open
        .slice(0, TOP_FINDINGS)
        .map((finding) => [
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
    summary.addList(
      outcome.expired.map((entry) => escapeHtml(`${describeEntry(entry)} expired ${entry.expires} (${entry.matches} findings): ${entry.reason}`)),
    );
  }
  if (outcome.stale.length > 0) {
    summary.addHeading('Stale ignore entries (match nothing)', 3);
    summary.addList(outcome.stale.map((entry) => escapeHtml(`${describeEntry(entry)}: ${entry.reason}`)));
  }
  if (notes.length > 0) summary.addList(notes.map((note) => escapeHtml(note)));
}
