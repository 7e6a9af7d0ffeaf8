/** Coverage of one source file, whatever format it came from. */
export interface FileCoverage {
  /** Repository-relative once normalised; as written in the report before. */
  path: string;
  /** Coverable line → hit count; undefined when the format gives only totals (coverage-summary.json). */
  lines: Map<number, number> | undefined;
  linesFound: number;
  linesHit: number;
  branchesFound: number;
  branchesHit: number;
}

export interface CoverageReport {
  /** The report's path as messages show it; set by the loader. */
  file?: string;
  format: CoverageFormat;
  files: FileCoverage[];
  /** Folders the report's relative paths may be relative to (cobertura `<source>`). */
  sourceRoots: string[];
}

export type CoverageFormat = 'lcov' | 'cobertura' | 'istanbul-final' | 'istanbul-summary' | 'clover' | 'jacoco';

export interface CoverageTotals {
  linesFound: number;
  linesHit: number;
  branchesFound: number;
  branchesHit: number;
}

export function fileFromLines(path: string, lines: Map<number, number>, branchesFound: number, branchesHit: number): FileCoverage {
  let linesHit = 0;
  for (const hits of lines.values()) if (hits > 0) linesHit += 1;
  return { path, lines, linesFound: lines.size, linesHit, branchesFound, branchesHit };
}

/**
 * Several reports (shards, languages) may name the same file: line hits add up. Branch
 * details are not kept per branch, so for a file in several reports the larger figures win.
 */
export function mergeFiles(files: Iterable<FileCoverage>): Map<string, FileCoverage> {
  const merged = new Map<string, FileCoverage>();
  for (const file of files) {
    const seen = merged.get(file.path);
    if (!seen) {
      merged.set(file.path, file);
      continue;
    }
    const branchesFound = Math.max(seen.branchesFound, file.branchesFound);
    const branchesHit = Math.max(seen.branchesHit, file.branchesHit);
    if (seen.lines && file.lines) {
      // A new map: the reports' own maps are never changed.
      const lines = new Map(seen.lines);
      for (const [line, hits] of file.lines) lines.set(line, (lines.get(line) ?? 0) + hits);
      merged.set(file.path, fileFromLines(file.path, lines, branchesFound, branchesHit));
    } else {
      merged.set(file.path, {
        path: file.path,
        lines: seen.lines ?? file.lines,
        linesFound: Math.max(seen.linesFound, file.linesFound),
        linesHit: Math.max(seen.linesHit, file.linesHit),
        branchesFound,
        branchesHit,
      });
    }
  }
  return merged;
}

export function totals(files: Iterable<FileCoverage>): CoverageTotals {
  const sum: CoverageTotals = { linesFound: 0, linesHit: 0, branchesFound: 0, branchesHit: 0 };
  for (const file of files) {
    sum.linesFound += file.linesFound;
    sum.linesHit += file.linesHit;
    sum.branchesFound += file.branchesFound;
    sum.branchesHit += file.branchesHit;
  }
  return sum;
}

/** Percent rounded to two decimals (what is shown is what is compared); undefined when nothing is coverable. */
export function percent(hit: number, found: number): number | undefined {
  if (found === 0) return undefined;
  return Math.round((hit / found) * 10_000) / 100;
}
