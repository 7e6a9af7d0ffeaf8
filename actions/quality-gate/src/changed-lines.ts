import type { FileCoverage } from './coverage.js';
import type { ChangedFile } from './diff.js';

export interface ChangedFileCoverage {
  path: string;
  coverable: number;
  covered: number;
  /** Coverable changed lines with no hit, ascending. */
  uncoveredLines: number[];
  /** measured: in a report with line detail; unreported: a source file no report mentions, all its changed lines uncovered. */
  source: 'measured' | 'unreported';
}

export interface ChangedLinesCoverage {
  coverable: number;
  covered: number;
  files: ChangedFileCoverage[];
  /** Changed files in a report that gives only totals per file (coverage-summary.json): not measurable. */
  withoutLineDetail: string[];
}

/**
 * Coverage of the changed lines: a changed line counts when the report lists it as
 * coverable (blank lines, comments and declarations are not); a changed source file that
 * no report mentions counts every changed line as uncovered (see createSourceFileRule).
 */
export function changedLinesCoverage(
  changes: readonly ChangedFile[],
  coverageByPath: ReadonlyMap<string, FileCoverage>,
  isUnreportedSource: (path: string) => boolean,
): ChangedLinesCoverage {
  const result: ChangedLinesCoverage = { coverable: 0, covered: 0, files: [], withoutLineDetail: [] };
  for (const change of changes) {
    if (change.addedLines.length === 0) continue;
    const coverage = coverageByPath.get(change.path);
    let file: ChangedFileCoverage;
    if (coverage?.lines) {
      file = { path: change.path, coverable: 0, covered: 0, uncoveredLines: [], source: 'measured' };
      for (const line of change.addedLines) {
        const hits = coverage.lines.get(line);
        if (hits === undefined) continue;
        file.coverable += 1;
        if (hits > 0) file.covered += 1;
        else file.uncoveredLines.push(line);
      }
      if (file.coverable === 0) continue;
    } else if (coverage) {
      result.withoutLineDetail.push(change.path);
      continue;
    } else if (isUnreportedSource(change.path)) {
      file = { path: change.path, coverable: change.addedLines.length, covered: 0, uncoveredLines: [...change.addedLines], source: 'unreported' };
    } else {
      continue;
    }
    result.coverable += file.coverable;
    result.covered += file.covered;
    result.files.push(file);
  }
  return result;
}

/**
 * Groups uncovered lines into ranges for annotations: two uncovered lines join when no
 * coverable line lies between them (a blank line or comment does not split a range).
 */
export function uncoveredRanges(file: ChangedFileCoverage, coverage: FileCoverage | undefined): Array<{ start: number; end: number }> {
  const isCoverable = (line: number) => (coverage?.lines ? coverage.lines.has(line) : true);
  const ranges: Array<{ start: number; end: number }> = [];
  for (const line of file.uncoveredLines) {
    const last = ranges[ranges.length - 1];
    let joins = last !== undefined;
    for (let between = (last?.end ?? line) + 1; joins && between < line; between++) if (isCoverable(between)) joins = false;
    if (last && joins) last.end = line;
    else ranges.push({ start: line, end: line });
  }
  return ranges;
}
