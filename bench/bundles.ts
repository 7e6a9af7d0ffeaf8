// Size and start-up time of each built bundle (dist/<bundle>/): median wall time of `node index.js`
// to a clean failure on a missing or bad input, the first thing every action checks.
// With AKD_BUNDLE=/path/to/lib/index.js (Azure/k8s-deploy's committed bundle) it is measured alongside.
// Run `npm run build` first: npx tsx bench/bundles.ts   (BENCH_RUNS=<n>, default 21)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { BUNDLES } from '../actions/suite/src/actions.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);

/** Inputs that stop each bundle right after it reads them (security-scan has no required input, so a bad value). */
const FAILING_INPUTS: Record<string, Record<string, string>> = {
  'quality-gate': {},
  'security-scan': { 'fail-on-severity': 'urgent' },
  'k8s-deploy': {},
  'canary-analyze': {},
  rollback: {},
  notify: {},
  suite: {},
};

interface Measured {
  name: string;
  /** index.js: what node parses before the action runs a line. */
  entryBytes: number;
  /** The chunks the bundle loads only on the paths that need them. */
  chunkBytes: number;
  medianMs: number;
}

function measure(name: string, entry: string, inputs: Record<string, string>): Measured {
  const workspace = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: workspace, RUNNER_TEMP: workspace, GITHUB_WORKSPACE: workspace };
  for (const [input, value] of Object.entries(inputs)) env[`INPUT_${input.toUpperCase()}`] = value;
  const times: number[] = [];
  try {
    for (let run = 0; run <= RUNS; run++) {
      const started = performance.now();
      const result = spawnSync(process.execPath, [entry], { cwd: workspace, env, encoding: 'utf8' });
      const elapsed = performance.now() - started;
      if (result.status !== 1 || !result.stdout.includes('::error::')) {
        throw new Error(`${name}: expected one clean failure (exit 1, an ::error:: line), got exit ${result.status}:\n${result.stdout}${result.stderr}`);
      }
      if (run > 0) times.push(elapsed); // the first run warms the file cache
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const folder = dirname(entry);
  const chunks = readdirSync(folder).filter((file) => file.endsWith('.js') && file !== basename(entry));
  return {
    name,
    entryBytes: statSync(entry).size,
    chunkBytes: chunks.reduce((total, file) => total + statSync(join(folder, file)).size, 0),
    medianMs: times[Math.floor(times.length / 2)]!,
  };
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

const results = [...Object.keys(BUNDLES), 'suite'].map((name) => measure(name, resolve('dist', name, 'index.js'), FAILING_INPUTS[name] ?? {}));
const reference = process.env.AKD_BUNDLE ? measure('Azure/k8s-deploy v7.0.0', resolve(process.env.AKD_BUNDLE), {}) : undefined;

console.log(`node ${process.version}, median of ${RUNS} runs to a clean failure on a missing input`);
console.log(
  `${'bundle'.padEnd(24)} ${'index.js'.padStart(9)} ${'chunks'.padStart(9)} ${'start-up'.padStart(9)}${reference ? '   vs AKD: size, start-up' : ''}`,
);
for (const result of reference ? [...results, reference] : results) {
  const versus =
    reference && result !== reference
      ? `   ${(result.entryBytes / reference.entryBytes).toFixed(2)}×, ${(result.medianMs / reference.medianMs).toFixed(2)}×`
      : '';
  console.log(
    `${result.name.padEnd(24)} ${kilobytes(result.entryBytes).padStart(9)} ${kilobytes(result.chunkBytes).padStart(9)} ${`${result.medianMs.toFixed(0)} ms`.padStart(9)}${versus}`,
  );
}
if (!reference) {
  console.log(
    'To compare with Azure/k8s-deploy v7.0.0: `git clone --depth 1 --branch v7.0.0 https://github.com/Azure/k8s-deploy /tmp/akd`, then AKD_BUNDLE=/tmp/akd/lib/index.js npm run bench',
  );
}
