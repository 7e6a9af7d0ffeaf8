import { TRACK_LABEL } from '../kubernetes/metadata.js';
import type { Kubectl } from '../kubernetes/kubectl.js';
import { abbreviate } from '../errors.js';
import { counterDeltas, matches, type LabelMatch } from './providers/direct/arithmetic.js';
import { scrapePods } from './providers/direct/provider.js';
import { seriesKey, type Sample } from './providers/direct/text-format.js';
import { DEFAULT_METRICS_YAML, loadMetrics, type MetricDefinition } from './metrics.js';

export const TRAFFIC_GROUPS = ['canary', 'baseline', 'stable'] as const;
export type TrafficGroup = (typeof TRAFFIC_GROUPS)[number];

/** The counter of served requests in the service's metric contract: a counter metric and the labels of the requests that count. */
export interface RequestCounter {
  metric: string;
  match?: LabelMatch;
}

/**
 * The request counter of the metric definitions: the requests of their first ratio metric (the
 * inventory service's `http_requests_total` of its API routes by default), so the share counts
 * the same requests the error rate is judged on.
 */
export function requestCounter(definitions: readonly MetricDefinition[]): RequestCounter {
  const ratio = [...definitions, ...loadMetrics(DEFAULT_METRICS_YAML, 'direct')].find((metric) => metric.reduce === 'ratio' && metric.metric !== undefined)!;
  return { metric: ratio.metric!, match: ratio.match };
}

/** The stable Deployment's own pods: its selector without the baseline's and the canary's, which carry the same labels and a track. */
export function stablePodsSelector(stableSelector: string): string {
  return `${stableSelector},${TRACK_LABEL} notin (baseline,canary)`;
}

export interface GroupCount {
  /** Requests counted over the window; undefined when no pod of the group could be read at both ends. */
  requests?: number;
  pods: number;
  problems: string[];
}

export interface WindowShare {
  groups: Record<TrafficGroup, GroupCount>;
  /** The canary's share of the requests served by the three groups, in percent (one decimal); undefined when not measurable. */
  canaryPercentage?: number;
  /** Why the share is missing. */
  missing?: string;
}

/** Pod name → the samples of its request counter's series (the counter's metric, matching labels), as one reading gave them. */
export type CounterReading = ReadonlyMap<string, readonly Sample[]>;

type Readings = Record<TrafficGroup, CounterReading>;

/**
 * The requests a pod served between two readings of its counter, as PromQL's increase() over the
 * two, series by series: a series that went down was reset (the pod's process restarted) and its
 * new value is the increase; a series not read before is new (a new pod, or a label combination
 * seen for the first time) and counted from zero, since counters start there. A value that is not a
 * finite, non-negative number is no request count: the reading is a problem, not a number.
 */
export function servedBetween(before: readonly Sample[], after: readonly Sample[]): { requests: number } | { problem: string } {
  const invalid = [...before, ...after].find((sample) => !(Number.isFinite(sample.value) && sample.value >= 0));
  if (invalid) return { problem: `its counter ${abbreviate(seriesKey(invalid))} reads ${invalid.value}, which is not a request count` };
  return { requests: counterDeltas(before, after).reduce((sum, delta) => sum + delta.value, 0) };
}

/**
 * The requests a group's pods served over a window, from the readings at its start and its end: the
 * pods read at the end, each counted with `servedBetween`. A pod gone by the end (deleted, or no
 * longer Ready) counts nothing, as increase() gives nothing for a series with one sample in its range.
 * A pod whose counter is no count makes the whole total unknown, never a smaller number.
 */
export function windowRequests(start: CounterReading, end: CounterReading): { requests?: number; problems: string[] } {
  let requests = 0;
  const problems: string[] = [];
  for (const [pod, samples] of end) {
    const served = servedBetween(start.get(pod) ?? [], samples);
    if ('problem' in served) problems.push(`pod ${pod}: ${served.problem}`);
    else requests += served.requests;
  }
  return problems.length > 0 ? { problems } : { requests, problems };
}

/**
 * Counts the requests each group's pods served, from their request counters read through the
 * API server's pod proxy. `mark()` reads the counters at the start of a window and `share()` at its
 * end; `canaryServed()` is everything the canary's pods counted since they started (they are
 * new pods, so their counters start at zero), restarts included: the blast radius of a bad canary.
 */
export class RequestMeter {
  private start?: Readings;
  /** Each canary pod's last reading that was a count, and the requests counted up to it. */
  private readonly canaryLast = new Map<string, readonly Sample[]>();
  private canaryCounted = 0;

  constructor(
    private readonly kubectl: Kubectl,
    private readonly selectors: Record<TrafficGroup, string>,
    private readonly counter: RequestCounter,
  ) {}

  async mark(): Promise<void> {
    this.start = (await this.read()).readings;
  }

  async share(): Promise<WindowShare> {
    const { readings, problems } = await this.read();
    const start = this.start;
    this.start = readings;
    const groups = Object.fromEntries(
      TRAFFIC_GROUPS.map((group) => {
        const pods = readings[group];
        const counted = windowRequests(start?.[group] ?? new Map(), pods);
        const groupProblems = [...problems[group], ...counted.problems];
        const count: GroupCount = {
          // Undefined when a counter was no count, or when no pod could be read and some could not.
          requests: counted.requests !== undefined && (pods.size > 0 || groupProblems.length === 0) ? counted.requests : undefined,
          pods: pods.size,
          problems: groupProblems,
        };
        return [group, count];
      }),
    ) as Record<TrafficGroup, GroupCount>;
    const unread = TRAFFIC_GROUPS.filter((group) => groups[group].requests === undefined);
    if (unread.length > 0)
      return {
        groups,
        missing: `the request counters of the ${unread.join(' and ')} pods could not be read: ${unread.flatMap((group) => groups[group].problems).join('; ')}`,
      };
    const total = TRAFFIC_GROUPS.reduce((sum, group) => sum + groups[group].requests!, 0);
    if (total === 0) return { groups, missing: `no pod counted a request (${this.counter.metric}) during the window` };
    return { groups, canaryPercentage: Math.round((1000 * groups.canary.requests!) / total) / 10 };
  }

  /** Requests the canary's pods served, as of the last reading. */
  canaryServed(): number {
    return this.canaryCounted;
  }

  private async read(): Promise<{ readings: Readings; problems: Record<TrafficGroup, string[]> }> {
    const scrapes = await Promise.all(TRAFFIC_GROUPS.map((group) => scrapePods(this.kubectl, this.selectors[group])));
    const readings = {} as Record<TrafficGroup, Map<string, readonly Sample[]>>;
    const problems = {} as Record<TrafficGroup, string[]>;
    TRAFFIC_GROUPS.forEach((group, index) => {
      const { scraped, problems: groupProblems } = scrapes[index]!;
      readings[group] = new Map(
        [...scraped].map(([pod, samples]) => [
          pod,
          samples.filter((sample) => sample.name === this.counter.metric && matches(sample.labels, this.counter.match)),
        ]),
      );
      problems[group] = groupProblems;
    });
    // Every reading adds what each canary pod served since its previous one, so a restart between two readings loses nothing counted before it.
    for (const [pod, samples] of readings.canary) {
      const served = servedBetween(this.canaryLast.get(pod) ?? [], samples);
      if ('problem' in served) continue;
      this.canaryCounted += served.requests;
      this.canaryLast.set(pod, samples);
    }
    return { readings, problems };
  }
}
