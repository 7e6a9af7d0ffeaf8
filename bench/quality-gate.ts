// Times the quality gate's evaluation (parse a 100,000-line lcov report and a 5,000-line
// diff, changed-lines coverage, conditions) and prints wall time and peak memory.
// Target: under 1 s and under 200 MB. Run: npx tsx bench/quality-gate.ts
import { performance } from 'node:perf_hooks';
import { parseCoverage } from '../actions/quality-gate/src/coverage-parsers.js';
import { parseUnifiedDiff } from '../actions/quality-gate/src/diff.js';
import { evaluateGate } from '../actions/quality-gate/src/gate.js';
import { DEFAULT_POLICY } from '../actions/quality-gate/src/policy.js';

const FILES = 1_000;
const LCOV_LINES = 100_000;
const DIFF_LINES = 5_000;
const CHANGED_FILES = 250;

const paths = Array.from({ length: FILES }, (_, index) => `packages/pkg${index % 20}/src/module${index}.ts`);

function lcovReport(): string {
  const lines: string[] = [];
  // Each record: SF, its DA lines, BRDA lines, LF/LH/BRF/BRH, end_of_record.
  const perFile = Math.floor(LCOV_LINES / FILES) - 8;
  for (const [index, path] of paths.entries()) {
    lines.push(`SF:/home/runner/work/monorepo/monorepo/${path}`);
    for (let line = 1; line <= perFile; line++) lines.push(`DA:${line * 2},${(line + index) % 4 === 0 ? 0 : line}`);
    lines.push('BRDA:2,0,0,1', 'BRDA:2,0,1,0', `LF:${perFile}`, `LH:${perFile}`, 'BRF:2', 'BRH:1', 'end_of_record');
  }
  return lines.join('\n');
}

function unifiedDiff(): string {
  const lines: string[] = [];
  const addedPerFile = Math.floor(DIFF_LINES / CHANGED_FILES) - 6;
  for (let index = 0; index < CHANGED_FILES; index++) {
    const path = paths[index * 4] ?? '';
    lines.push(`diff --git a/${path} b/${path}`, 'index 1111111..2222222 100644', `--- a/${path}`, `+++ b/${path}`);
    lines.push(`@@ -10,2 +10,${addedPerFile / 2} @@`);
    for (let line = 0; line < addedPerFile / 2; line++) lines.push(`+  const value${line} = compute(${line});`);
    lines.push(`@@ -100,0 +120,${addedPerFile / 2} @@`);
    for (let line = 0; line < addedPerFile / 2; line++) lines.push(`+  total += value${line};`);
  }
  return lines.join('\n');
}

const lcov = lcovReport();
const diff = unifiedDiff();
const started = performance.now();
const coverage = parseCoverage(lcov);
const changes = parseUnifiedDiff(diff);
const result = evaluateGate({
  repoRoot: '/work/monorepo',
  workingDirectory: '/work/monorepo',
  trackedFiles: paths,
  policy: { ...DEFAULT_POLICY, 'min-coverage': 70 },
  coverage: { value: [coverage] },
  baseCoverage: { missing: 'none' },
  changes: { value: { base: 'main', files: changes } },
  tests: { missing: 'none' },
  lint: { missing: 'none' },
  security: { missing: 'none' },
});
const elapsed = performance.now() - started;
// The evaluation is synchronous: heap is read while its results are still referenced; maxRSS is the process's true peak.
const heapAfter = process.memoryUsage().heapUsed;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log(
  `lcov: ${lcov.split('\n').length.toLocaleString('en')} lines, ${coverage.files.length} files; diff: ${diff.split('\n').length.toLocaleString('en')} lines, ${changes.length} files`,
);
console.log(
  `result: coverage ${result.coverage?.lines}%, changed lines ${result.changedLines?.covered}/${result.changedLines?.coverable} (${result.changedLines?.percent}%), passed ${result.passed}`,
);
console.log(`evaluation wall time: ${elapsed.toFixed(0)} ms (target < 1000 ms)`);
console.log(`heap used after evaluation: ${mb(heapAfter)}; peak RSS of the process: ${mb(process.resourceUsage().maxRSS * 1024)} (target < 200 MB)`);
