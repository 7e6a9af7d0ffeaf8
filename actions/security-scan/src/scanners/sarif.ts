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

/** GitHub's reading of `security-severity` (CVSS-like), else the SARIF level. */
function severityOf(rule: Json, result: Json): Severity {
  const score = Number(object(result.properties)['security-severity'] ?? object(rule.properties)['security-severity']);
  if (Number.isFinite(score) && score > 0) return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  const level = String(result.level ?? object(rule.defaultConfiguration).level ?? 'warning');
  return level === 'error' ? 'high' : level === 'warning' ? 'medium' : level === 'note' ? 'low' : 'info';
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
      const severity = severityOf(rule, result);
      const location = object(array(result.locations)[0]?.physicalLocation);
      const uri = String(object(location.artifactLocation).uri ?? '');
      const file = uri === '' ? undefined : decodeURI(uri.replace(/^file:\/\//, '')).replace(/^\.\//, '');
      const line = Number(object(location.region).startLine) || undefined;
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
