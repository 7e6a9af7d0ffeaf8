// The canary judge on synthetic runs at its defaults (10 intervals of 600 requests per group,
// log-normal latency through the service's histogram buckets): how often it is right, and how fast.
import { evaluate } from '../actions/lib/analysis/judge.js';
import { DEFAULT_METRICS, DEFAULT_SETTINGS, scenario, seededRandom, simulate, type Scenario } from '../test/canary-analyze/synthetic.js';

const RUNS = 500;

const cases: Array<[string, Scenario, string]> = [
  ['A/A (identical canary)', scenario(), 'promote'],
  ['+20% latency', scenario({ medianLatency: 0.024 }), 'rollback'],
  ['+5 pp errors (1% → 6%)', scenario({ errorRate: 0.06 }), 'rollback'],
  ['spread grows, median holds (σ 0.5 → 0.8)', scenario({ spread: 0.8 }), 'rollback'],
];

console.log(`${RUNS} seeded runs per case`);
for (const [name, run, expected] of cases) {
  const verdicts: Record<string, number> = {};
  let judging = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    const observations = simulate(run, seededRandom(seed));
    const started = performance.now();
    const { verdict } = evaluate(DEFAULT_METRICS, observations, DEFAULT_SETTINGS);
    judging += performance.now() - started;
    verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
  }
  const rate = (((verdicts[expected] ?? 0) / RUNS) * 100).toFixed(1);
  const spread = Object.entries(verdicts)
    .map(([verdict, count]) => `${verdict} ${count}`)
    .join(', ');
  console.log(`${name.padEnd(42)} ${expected} ${rate.padStart(5)}%  (${spread})  judge ${((judging / RUNS) * 1000).toFixed(0)} µs/run`);
}
