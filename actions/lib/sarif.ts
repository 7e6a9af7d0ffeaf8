import { gzipSync } from 'node:zlib';
import { severityRank, type Severity } from './security-report.js';

/** GitHub code scanning's upload limits. */
export const SARIF_LIMITS = { resultsPerRun: 25_000, gzippedBytes: 10 * 1024 * 1024 };

export interface SarifRuleInput {
  id: string;
  title: string;
  severity: Severity;
  fix?: string;
  helpUri?: string;
}

export interface SarifResultInput {
  ruleId: string;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  fingerprint: string;
  /** Why the result is suppressed (written as an external suppression GitHub honours). */
  suppression?: string;
}

export interface SarifRunInput {
  /** `automationDetails.id`: unique per run, GitHub rejects two runs with one category in an upload. */
  category: string;
  toolName: string;
  toolVersion?: string;
  informationUri?: string;
  rules: SarifRuleInput[];
  results: SarifResultInput[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<Record<string, unknown>>;
}

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** A result's level in another tool's SARIF, read as a severity. */
export const SEVERITY_OF_LEVEL: Readonly<Record<string, Severity>> = { error: 'high', warning: 'medium', note: 'low', none: 'info' };
/** Written so that GitHub reads each severity back (see severityOfScore). */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: undefined };

/** GitHub's reading of a `security-severity` score: ≥ 9 critical, ≥ 7 high, ≥ 4 medium, > 0 low; 0 is no severity. */
export function severityOfScore(score: number): Severity | undefined {
  if (score <= 0) return undefined;
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
}
export const FINGERPRINT_KEY = 'inventoryDevopsFingerprint/v1';

/**
 * SARIF 2.1.0 within GitHub's limits: each run keeps its most severe results up to
 * 25,000, then the upload is cut further while it exceeds 10 MB gzipped. Every cut is
 * returned as a note and written into the run as a tool notification.
 */
export function buildSarif(runs: SarifRunInput[]): { log: SarifLog; notes: string[] } {
  const categories = new Set<string>();
  for (const run of runs) {
    if (categories.has(run.category)) throw new Error(`Two SARIF runs share the category "${run.category}"`);
    categories.add(run.category);
  }
  let limit = SARIF_LIMITS.resultsPerRun;
  for (;;) {
    const notes: string[] = [];
    const log: SarifLog = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: runs.map((run) => sarifRun(run, limit, notes)),
    };
    const largest = Math.max(0, ...runs.map((run) => run.results.length));
    if (largest <= 1 || limit <= 1 || gzipSync(JSON.stringify(log)).length <= SARIF_LIMITS.gzippedBytes) return { log, notes };
    limit = Math.floor(Math.min(limit, largest) * 0.8);
  }
}

function sarifRun(run: SarifRunInput, limit: number, notes: string[]): Record<string, unknown> {
  const ruleIndex = new Map(run.rules.map((rule, index) => [rule.id, index]));
  const kept = [...run.results].sort((a, b) => severityRank(b.severity) - severityRank(a.severity)).slice(0, limit);
  const notifications: Array<Record<string, unknown>> = [];
  if (kept.length < run.results.length) {
    const note = `${run.category}: ${run.results.length - kept.length} of ${run.results.length} results left out of the SARIF to stay within GitHub's limits (the JSON report has them all).`;
    notes.push(note);
    notifications.push({ level: 'warning', message: { text: note } });
  }
  return {
    tool: {
      driver: {
        name: run.toolName,
        ...(run.toolVersion ? { version: run.toolVersion } : {}),
        ...(run.informationUri ? { informationUri: run.informationUri } : {}),
        rules: run.rules.map(sarifRule),
      },
    },
    automationDetails: { id: run.category },
    invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
    results: kept.map((result) => sarifResult(result, ruleIndex.get(result.ruleId))),
  };
}

function sarifRule(rule: SarifRuleInput): Record<string, unknown> {
  const securitySeverity = SECURITY_SEVERITY[rule.severity];
  return {
    id: rule.id,
    name: rule.id.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.title },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    help: { text: rule.fix ?? rule.title, markdown: `**Fix:** ${rule.fix ?? rule.title}` },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { tags: ['security'], precision: 'high', ...(securitySeverity ? { 'security-severity': securitySeverity } : {}) },
  };
}

function sarifResult(result: SarifResultInput, ruleIndex: number | undefined): Record<string, unknown> {
  return {
    ruleId: result.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVELS[result.severity],
    message: { text: result.message },
    locations: result.file
      ? [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(result.file) },
              ...(result.line ? { region: { startLine: result.line } } : {}),
            },
          },
        ]
      : [],
    partialFingerprints: { [FINGERPRINT_KEY]: result.fingerprint },
    ...(result.suppression ? { suppressions: [{ kind: 'external', status: 'accepted', justification: result.suppression }] } : {}),
  };
}
