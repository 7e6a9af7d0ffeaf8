import { isNode, lineNumber, nodes, parseJson, ReportError, text, type Node } from './report-format.js';

export interface LintProblem {
  level: 'error' | 'warning';
  rule?: string;
  message: string;
  file?: string;
  line?: number;
}

export interface LintResults {
  errors: number;
  warnings: number;
  problems: LintProblem[];
}

/** ESLint's JSON formatter output or SARIF 2.1.0, told apart by shape. Notes and suppressed SARIF results do not count. */
export function parseLint(content: string): LintResults {
  const json = parseJson(content);
  if (Array.isArray(json)) return tally(json.flatMap(eslintFile));
  if (isNode(json) && Array.isArray(json.runs)) return tally(json.runs.flatMap((run) => sarifRun(run)));
  throw new ReportError('neither ESLint JSON (an array of files with messages) nor SARIF (an object with runs)');
}

function tally(problems: LintProblem[]): LintResults {
  const errors = problems.filter((problem) => problem.level === 'error').length;
  return { errors, warnings: problems.length - errors, problems };
}

function eslintFile(file: unknown, index: number): LintProblem[] {
  if (!isNode(file) || !Array.isArray(file.messages)) throw new ReportError(`entry ${index} has no messages array`);
  const path = text(file.filePath);
  return nodes(file.messages).flatMap((message): LintProblem[] => {
    if (message.severity !== 1 && message.severity !== 2) return [];
    const problem: LintProblem = { level: message.severity === 2 ? 'error' : 'warning', message: text(message.message) ?? '' };
    if (typeof message.ruleId === 'string') problem.rule = message.ruleId;
    if (path) problem.file = path;
    const line = lineNumber(message.line);
    if (line) problem.line = line;
    return [problem];
  });
}

function sarifRun(run: unknown): LintProblem[] {
  if (!isNode(run)) throw new ReportError('a SARIF run that is not an object');
  const driver = isNode(run.tool) && isNode(run.tool.driver) ? run.tool.driver : {};
  const defaultLevels = new Map<string, string>();
  for (const rule of nodes(driver.rules)) {
    const level = isNode(rule.defaultConfiguration) ? text(rule.defaultConfiguration.level) : undefined;
    const id = text(rule.id);
    if (id && level) defaultLevels.set(id, level);
  }
  return nodes(run.results).flatMap((result): LintProblem[] => {
    if (Array.isArray(result.suppressions) && result.suppressions.length > 0) return [];
    const rule = text(result.ruleId) ?? (isNode(result.rule) ? text(result.rule.id) : undefined);
    // SARIF's default level is "warning", unless the rule's configuration says otherwise.
    const level = text(result.level) ?? (rule ? defaultLevels.get(rule) : undefined) ?? 'warning';
    if (level !== 'error' && level !== 'warning') return [];
    const problem: LintProblem = { level, message: isNode(result.message) ? (text(result.message.text) ?? '') : '' };
    if (rule) problem.rule = rule;
    const location = physicalLocation(result);
    if (location?.file) problem.file = location.file;
    if (location?.line) problem.line = location.line;
    return [problem];
  });
}

function physicalLocation(result: Node): { file?: string; line?: number } | undefined {
  const location = nodes(result.locations)[0];
  const physical = location && isNode(location.physicalLocation) ? location.physicalLocation : undefined;
  if (!physical) return undefined;
  const file = isNode(physical.artifactLocation) ? text(physical.artifactLocation.uri) : undefined;
  const line = isNode(physical.region) ? lineNumber(physical.region.startLine) : undefined;
  return { ...(file ? { file: decodedUri(file) } : {}), ...(line ? { line } : {}) };
}

/** SARIF URIs are percent-encoded, but tools write `src/100%.ts` as it is: then the URI is the path. */
function decodedUri(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
