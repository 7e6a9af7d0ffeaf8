import { fileFromLines, type CoverageFormat, type CoverageReport, type FileCoverage } from './coverage.js';
import { count, hitOfFound, isNode, wholeNumber, nodes, parseJson, parseXml, ReportError, text, type Node } from './report-format.js';

/** Detects the format from the content (not the file name) and parses it. */
export function parseCoverage(content: string): CoverageReport {
  const start = content.trimStart();
  if (start.startsWith('{')) return parseIstanbul(parseJson(start));
  if (start.startsWith('<')) return parseCoverageXml(start);
  if (/^(TN|SF):/m.test(start)) return parseLcov(start);
  throw new ReportError('not a coverage report in a known format (lcov, cobertura, istanbul JSON, clover, JaCoCo)');
}

function report(format: CoverageFormat, files: FileCoverage[], sourceRoots: string[] = []): CoverageReport {
  return { format, files, sourceRoots };
}

/** lcov is a line format simple enough that a library would add more than it saves. */
export function parseLcov(content: string): CoverageReport {
  const files: FileCoverage[] = [];
  let path: string | undefined;
  let lines = new Map<number, number>();
  let branchesFound = 0;
  let branchesHit = 0;
  let branchesFromRecords = false;
  let lineNumber = 0;
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf('\n', start);
    if (end === -1) end = content.length;
    const line = content.slice(start, content[end - 1] === '\r' ? end - 1 : end);
    start = end + 1;
    lineNumber += 1;
    const colon = line.indexOf(':');
    const tag = colon === -1 ? line : line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (tag === 'SF') {
      path = value;
      lines = new Map();
      branchesFound = branchesHit = 0;
      branchesFromRecords = false;
    } else if (tag === 'end_of_record') {
      if (path === undefined) throw new ReportError(`line ${lineNumber}: end_of_record without SF`);
      if (branchesHit > branchesFound) throw new ReportError(`the record of "${path}": BRH ${branchesHit} is more than BRF ${branchesFound}`);
      files.push(fileFromLines(path, lines, branchesFound, branchesHit));
      path = undefined;
    } else if (tag === 'DA') {
      const [number, hits] = value.split(',');
      const lineNo = wholeNumber(number);
      const hitCount = wholeNumber(hits);
      if (path === undefined || lineNo === undefined || hitCount === undefined) {
        throw new ReportError(`line ${lineNumber}: malformed "${line.slice(0, 60)}" (expected DA:<line>,<hits> with whole numbers, inside an SF record)`);
      }
      lines.set(lineNo, (lines.get(lineNo) ?? 0) + hitCount);
    } else if (tag === 'BRDA') {
      const taken = value.slice(value.lastIndexOf(',') + 1);
      branchesFromRecords = true;
      branchesFound += 1;
      if (taken !== '-' && count(taken, `line ${lineNumber} (${line.slice(0, 60)})`) > 0) branchesHit += 1;
    } else if (tag === 'BRF' || tag === 'BRH' || tag === 'LF' || tag === 'LH') {
      // LF/LH are not used (the DA records are), but a total that is not a count means a broken writer.
      const total = count(value, `line ${lineNumber} (${line.slice(0, 60)})`);
      if (tag === 'BRF' && !branchesFromRecords) branchesFound = total;
      if (tag === 'BRH' && !branchesFromRecords) branchesHit = total;
    }
  }
  if (path !== undefined) throw new ReportError(`the record of "${path}" has no end_of_record (truncated file?)`);
  return report('lcov', files);
}

function parseIstanbul(json: unknown): CoverageReport {
  if (!isNode(json)) throw new ReportError('expected a JSON object keyed by file');
  const entries = Object.entries(json);
  if (isNode(json.total)) return parseIstanbulSummary(entries);
  if (entries.length === 0 || entries.every(([, value]) => isNode(value) && isNode(value.statementMap))) {
    return report(
      'istanbul-final',
      entries.map(([key, value]) => istanbulFile(key, value as Node)),
    );
  }
  throw new ReportError('a JSON object that is neither istanbul coverage-final.json (statementMap per file) nor coverage-summary.json (total)');
}

function istanbulFile(key: string, entry: Node): FileCoverage {
  const path = typeof entry.path === 'string' ? entry.path : key;
  const statements = entry.statementMap as Node;
  const hitsById = isNode(entry.s) ? entry.s : {};
  const lines = new Map<number, number>();
  // As istanbul's own getLineCoverage: a line's count is the largest of the statements starting on it.
  for (const [id, statement] of Object.entries(statements)) {
    const where = `"${path}" statement ${id}`;
    const line = count(isNode(statement) && isNode(statement.start) ? statement.start.line : undefined, `${where} start line`);
    const hits = count(hitsById[id], `${where} count`);
    lines.set(line, Math.max(lines.get(line) ?? 0, hits));
  }
  let branchesFound = 0;
  let branchesHit = 0;
  for (const [id, counts] of Object.entries(isNode(entry.b) ? entry.b : {})) {
    if (!Array.isArray(counts)) throw new ReportError(`"${path}": branch counts are not arrays`);
    branchesFound += counts.length;
    branchesHit += counts.filter((hits) => count(hits, `"${path}" branch ${id}`) > 0).length;
  }
  return fileFromLines(path, lines, branchesFound, branchesHit);
}

function parseIstanbulSummary(entries: Array<[string, unknown]>): CoverageReport {
  const files: FileCoverage[] = [];
  for (const [path, value] of entries) {
    if (path === 'total') continue;
    const lines = isNode(value) && isNode(value.lines) ? value.lines : undefined;
    const branches = isNode(value) && isNode(value.branches) ? value.branches : undefined;
    if (!lines) throw new ReportError(`"${path}": expected lines.total and lines.covered`);
    // `pct` is not read: istanbul writes "Unknown" for 0 of 0, and the counts say the same.
    const lineCounts = hitOfFound(lines.covered, lines.total, `"${path}" lines`);
    const branchCounts = branches ? hitOfFound(branches.covered, branches.total, `"${path}" branches`) : { hit: 0, found: 0 };
    files.push({
      path,
      lines: undefined,
      linesFound: lineCounts.found,
      linesHit: lineCounts.hit,
      branchesFound: branchCounts.found,
      branchesHit: branchCounts.hit,
    });
  }
  return report('istanbul-summary', files);
}

const XML_REPEATED = ['source', 'package', 'class', 'line', 'file', 'sourcefile', 'counter'];

function parseCoverageXml(content: string): CoverageReport {
  const root = parseXml(content, XML_REPEATED);
  if (isNode(root.report)) return parseJacoco(root.report);
  const coverage = root.coverage;
  if (isNode(coverage) && isNode(coverage.project)) return parseClover(coverage.project);
  if (isNode(coverage) && (isNode(coverage.packages) || 'line-rate' in coverage)) return parseCobertura(coverage);
  throw new ReportError('XML that is not a coverage report (expected cobertura <coverage line-rate>, clover <coverage><project> or JaCoCo <report>)');
}

function parseCobertura(coverage: Node): CoverageReport {
  const sourceRoots = nodes(coverage.sources).flatMap((sources) =>
    (Array.isArray(sources.source) ? sources.source : [])
      .map(text)
      .filter((root): root is string => !!root?.trim())
      .map((root) => root.trim()),
  );
  const files: FileCoverage[] = [];
  for (const pkg of nodes(isNode(coverage.packages) ? coverage.packages.package : undefined)) {
    for (const cls of nodes(isNode(pkg.classes) ? pkg.classes.class : undefined)) {
      const path = text(cls.filename);
      if (!path) throw new ReportError(`class "${text(cls.name) ?? '?'}" has no filename`);
      const lines = new Map<number, number>();
      let branchesFound = 0;
      let branchesHit = 0;
      for (const line of nodes(isNode(cls.lines) ? cls.lines.line : undefined)) {
        const where = `${path} line ${text(line.number) ?? '?'}`;
        lines.set(count(line.number, where), count(line.hits, where));
        const conditions = /\((\d+)\/(\d+)\)/.exec(text(line['condition-coverage']) ?? '');
        if (text(line.branch) === 'true' && conditions) {
          const taken = hitOfFound(conditions[1], conditions[2], `${where} condition-coverage`);
          branchesHit += taken.hit;
          branchesFound += taken.found;
        }
      }
      files.push(fileFromLines(path, lines, branchesFound, branchesHit));
    }
  }
  return report('cobertura', files, sourceRoots);
}

function parseClover(project: Node): CoverageReport {
  const fileNodes = [...nodes(project.file), ...nodes(project.package).flatMap((pkg) => nodes(pkg.file))];
  const files = fileNodes.map((file) => {
    const path = text(file.path) ?? text(file.name);
    if (!path) throw new ReportError('a <file> without path or name');
    const lines = new Map<number, number>();
    for (const line of nodes(file.line)) {
      const type = text(line.type);
      if (type !== 'stmt' && type !== 'cond') continue;
      const where = `${path} line ${text(line.num) ?? '?'}`;
      const number = count(line.num, where);
      lines.set(number, Math.max(lines.get(number) ?? 0, count(line.count ?? '0', where)));
    }
    const metrics = isNode(file.metrics) ? file.metrics : {};
    const conditionals = hitOfFound(metrics.coveredconditionals ?? '0', metrics.conditionals ?? '0', `${path} metrics`);
    return fileFromLines(path, lines, conditionals.found, conditionals.hit);
  });
  return report('clover', files);
}

function parseJacoco(reportNode: Node): CoverageReport {
  const files: FileCoverage[] = [];
  for (const pkg of nodes(reportNode.package)) {
    const folder = text(pkg.name) ?? '';
    for (const source of nodes(pkg.sourcefile)) {
      const name = text(source.name);
      if (!name) throw new ReportError(`a <sourcefile> without name in package "${folder}"`);
      const path = folder ? `${folder}/${name}` : name;
      const lines = new Map<number, number>();
      let branchesFound = 0;
      let branchesHit = 0;
      for (const line of nodes(source.line)) {
        const where = `${path} line ${text(line.nr) ?? '?'}`;
        const missed = count(line.mi, where);
        const covered = count(line.ci, where);
        if (missed + covered > 0) lines.set(count(line.nr, where), covered);
        branchesHit += count(line.cb ?? '0', where);
        branchesFound += count(line.cb ?? '0', where) + count(line.mb ?? '0', where);
      }
      files.push(fileFromLines(path, lines, branchesFound, branchesHit));
    }
  }
  return report('jacoco', files);
}
