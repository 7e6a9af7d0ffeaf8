// Synthetic canary analyses for the judge's tests and bench: per-interval counters and
// histogram buckets as the inventory service would expose them, reduced by the direct
// provider's own math, so the judge sees what it sees in production.
import type { IntervalObservation, JudgeSettings, JudgedMetric } from '../../actions/lib/analysis/judge.js';
import { judgedMetric, loadMetrics } from '../../actions/lib/analysis/metrics.js';
import { directReduction, reduceDeltas } from '../../actions/lib/analysis/providers/direct/arithmetic.js';
import type { Sample } from '../../actions/lib/analysis/providers/direct/text-format.js';

export const SERVICE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const DEFAULT_SETTINGS: JudgeSettings = {
  confidence: 0.98,
  tolerance: 0.25,
  passScore: 75,
  marginalScore: 50,
  minSamples: 3,
  onMarginal: 'inconclusive',
};

export const DEFAULT_DEFINITIONS = loadMetrics(undefined, 'direct');
export const DEFAULT_METRICS: JudgedMetric[] = DEFAULT_DEFINITIONS.map(judgedMetric);

/** mulberry32: small, fast and good enough for simulations; the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GroupBehaviour {
  errorRate: number;
  /** Median latency in seconds. */
  medianLatency: number;
  /** σ of the log-normal latency: the spread. */
  spread: number;
}

export interface Scenario {
  intervals: number;
  requestsPerInterval: number;
  intervalSeconds: number;
  baseline: GroupBehaviour;
  canary: GroupBehaviour;
}

export const HEALTHY: GroupBehaviour = { errorRate: 0.01, medianLatency: 0.02, spread: 0.5 };

export function scenario(canary: Partial<GroupBehaviour> = {}, overrides: Partial<Scenario> = {}): Scenario {
  return { intervals: 10, requestsPerInterval: 600, intervalSeconds: 30, baseline: HEALTHY, canary: { ...HEALTHY, ...canary }, ...overrides };
}

/** One interval of one group as counter deltas: http_requests_total by status and the duration histogram. */
export function intervalDeltas(behaviour: GroupBehaviour, requests: number, random: () => number): Sample[] {
  let errors = 0;
  const buckets = new Array<number>(SERVICE_BUCKETS.length + 1).fill(0);
  for (let i = 0; i < requests; i++) {
    if (random() < behaviour.errorRate) errors++;
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const latency = behaviour.medianLatency * Math.exp(behaviour.spread * normal);
    const bucket = SERVICE_BUCKETS.findIndex((bound) => latency <= bound);
    buckets[bucket === -1 ? SERVICE_BUCKETS.length : bucket]!++;
  }
  const route = { method: 'GET', route: '/api/items' };
  const samples: Sample[] = [
    { name: 'http_requests_total', labels: { ...route, status_code: '200' }, value: requests - errors },
    { name: 'http_requests_total', labels: { ...route, status_code: '500' }, value: errors },
  ];
  let cumulative = 0;
  [...SERVICE_BUCKETS, Infinity].forEach((bound, index) => {
    cumulative += buckets[index]!;
    const le = bound === Infinity ? '+Inf' : String(bound);
    samples.push({ name: 'http_request_duration_seconds_bucket', labels: { ...route, status_code: '200', le }, value: cumulative });
  });
  return samples;
}

/** Every default metric's observations over the scenario's intervals. */
export function simulate(run: Scenario, random: () => number): Map<string, IntervalObservation[]> {
  const observations = new Map<string, IntervalObservation[]>(DEFAULT_DEFINITIONS.map((metric) => [metric.name, []]));
  for (let index = 0; index < run.intervals; index++) {
    const baseline = intervalDeltas(run.baseline, run.requestsPerInterval, random);
    const canary = intervalDeltas(run.canary, run.requestsPerInterval, random);
    for (const metric of DEFAULT_DEFINITIONS) {
      const reduction = directReduction(metric);
      observations.get(metric.name)!.push({
        index,
        baseline: reduceDeltas(reduction, baseline, run.intervalSeconds),
        canary: reduceDeltas(reduction, canary, run.intervalSeconds),
      });
    }
  }
  return observations;
}
