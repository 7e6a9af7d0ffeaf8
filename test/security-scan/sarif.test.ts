import { describe, expect, it } from 'vitest';
import { buildSarif, SARIF_LIMITS } from '../../actions/lib/sarif.js';
import { ingestSarif } from '../../actions/security-scan/src/scanners/sarif.js';

describe('SARIF output', () => {
  it('keeps the most severe 25,000 results of a run and says what it left out', () => {
    const results = Array.from({ length: SARIF_LIMITS.resultsPerRun + 5 }, (_, index) => ({
      ruleId: 'r',
      severity: index < 5 ? ('critical' as const) : ('low' as const),
      message: 'm',
      file: 'f',
      line: index + 1,
      fingerprint: String(index),
    }));
    const { log, notes } = buildSarif([{ category: 'c', toolName: 't', rules: [{ id: 'r', title: 'r', severity: 'low' }], results }]);
    const kept = log.runs[0]?.results as Array<{ level: string }>;
    expect(kept).toHaveLength(SARIF_LIMITS.resultsPerRun);
    expect(kept.filter((result) => result.level === 'error')).toHaveLength(5);
    expect(notes).toEqual([
      `c: 5 of ${SARIF_LIMITS.resultsPerRun + 5} results left out of the SARIF to stay within GitHub's limits (the JSON report has them all).`,
    ]);
  });

  it('refuses two runs with the same category', () => {
    const run = { category: 'same', toolName: 't', rules: [], results: [] };
    expect(() => buildSarif([run, run])).toThrow('Two SARIF runs share the category "same"');
  });
});

describe('SARIF of other scanners', () => {
  const log = (level: string) => JSON.stringify({ runs: [{ tool: { driver: { name: 'T' } }, results: [{ ruleId: 'r', level, message: { text: 'm' } }] }] });

  it.each([
    ['error', 'high'],
    ['warning', 'medium'],
    ['note', 'low'],
    ['none', 'info'],
  ])('the level %s is read as %s', (level, severity) => {
    expect(ingestSarif('x.sarif', log(level)).findings.map((finding) => finding.severity)).toEqual([severity]);
  });

  // Found in the refactor: a lookup in a plain object took `toString` for a severity (a function).
  it.each(['toString', 'constructor', '__proto__', 'fatal'])('the level %s is refused, never read as a severity', (level) => {
    expect(() => ingestSarif('x.sarif', log(level))).toThrow(
      `x.sarif is not a valid SARIF log: a result has the level "${level}", expected error, warning, note or none`,
    );
  });
});
