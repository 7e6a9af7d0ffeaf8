import { severityOfScore, SEVERITY_OF_LEVEL } from '../../../lib/sarif.js';
import type { Severity } from '../../../lib/security-report.js';
import { fingerprint, type Finding, type Rule } from '../findings.js';

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function array(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(object) : [];
}

export interface IngestedSarif {
  findings: Finding[];
  /** Rule metadata by tool name, for the runs security-scan writes back. */
  rules: Map<string, Rule[]>;
}

/**
 * A `security-severity` as GitHub reads it: a CVSS-like score from 0 to 10, as a number or a
 * decimal string. Anything else ("NaN", "Infinity", "0x10", 99, true) is no score at all.
 */
function securitySeverityScore(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const score = Number(text);
  return Number.isFinite(score) && score <= 10 ? score : undefined;
}

/** GitHub's reading of `security-severity`, else the SARIF level (`warning` when absent). */
function severityOf(source: string, rule: Json, result: Json): Severity {
  const score = securitySeverityScore(object(result.properties)['security-severity'] ?? object(rule.properties)['security-severity']);
  const scored = score === undefined ? undefined : severityOfScore(score);
  if (scored !== undefined) return scored;
  const level = result.level ?? object(rule.defaultConfiguration).level ?? 'warning';
  const severity = typeof level === 'string' && Object.hasOwn(SEVERITY_OF_LEVEL, level) ? SEVERITY_OF_LEVEL[level] : undefined;
  if (severity === undefined)
    throw new Error(`${source} is not a valid SARIF log: a result has the level ${JSON.stringify(level).slice(0, 40)}, expected error, warning, note or none`);
  return severity;
}

/** A result's file: the URI decoded where it can be (`src/100%.ts` is kept as written). */
function fileOf(uri: string): string | undefined {
  if (uri === '') return undefined;
  const path = uri.replace(/^file:\/\//, '');
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // A lone `%` is not an escape: the URI names the file as written.
  }
  return decoded.replace(/^\.\//, '');
}

/** Results of another scanner's SARIF (Trivy, CodeQL, Semgrep...) as findings under this action's policy. */
export function ingestSarif(source: string, text: string): IngestedSarif {
  let log: Json;
  try {
    log = object(JSON.parse(text));
  } catch (error: unknown) {
    throw new Error(`${source} is not JSON: ${String(error)}`);
  }
  if (!Array.isArray(log.runs)) throw new Error(`${source} is not a SARIF log (no "runs" array)`);
  for (const [index, run] of (log.runs as unknown[]).entries()) {
    const results = object(run).results;
    if (results !== undefined && results !== null && !Array.isArray(results))
      throw new Error(`${source} is not a valid SARIF log: runs[${index}].results is not an array`);
  }
  const findings: Finding[] = [];
  const rulesByTool = new Map<string, Rule[]>();
  for (const run of array(log.runs)) {
    const driver = object(object(run.tool).driver);
    const tool = typeof driver.name === 'string' && driver.name !== '' ? driver.name : 'unknown-tool';
    const rules = array(driver.rules);
    const rulesById = new Map(rules.map((rule) => [String(rule.id), rule]));
    const toolRules = rulesByTool.get(tool) ?? [];
    rulesByTool.set(tool, toolRules);
    const seen = new Map<string, number>();
    for (const result of array(run.results)) {
      const ruleId = String(result.ruleId ?? object(result.rule).id ?? 'unknown-rule');
      const rule = (typeof result.ruleIndex === 'number' ? rules[result.ruleIndex] : undefined) ?? rulesById.get(ruleId) ?? {};
      const severity = severityOf(source, rule, result);
      const location = object(array(result.locations)[0]?.physicalLocation);
      const uri = String(object(location.artifactLocation).uri ?? '');
      const file = fileOf(uri);
      const startLine = object(location.region).startLine;
      const line = typeof startLine === 'number' && Number.isInteger(startLine) && startLine > 0 ? startLine : undefined;
      const message = String(object(result.message).text ?? object(rule.shortDescription).text ?? ruleId);
      const partial = Object.values(object(result.partialFingerprints))[0];
      const content = typeof partial === 'string' ? partial : message;
      const key = `${ruleId}\0${file}\0${content}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      if (!toolRules.some((known) => known.id === ruleId)) {
        toolRules.push({
          id: ruleId,
          severity,
          title: String(object(rule.shortDescription).text ?? ruleId),
          fix: String(object(rule.help).text ?? object(rule.fullDescription).text ?? 'See the rule of the tool that reported it.').split('\n')[0] ?? '',
        });
      }
      findings.push({
        ruleId,
        severity,
        scanner: 'sarif',
        tool,
        message: `${tool}: ${message}`,
        ...(file ? { file } : {}),
        ...(line ? { line } : {}),
        fixable: array(result.fixes).length > 0,
        fingerprint: fingerprint(`${tool}/${ruleId}`, file ?? source, content, occurrence),
      });
    }
  }
  return { findings, rules: rulesByTool };
}
