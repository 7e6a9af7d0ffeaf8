import { TRACK_LABEL } from '../kubernetes/metadata.js';
import type { Kubectl } from '../kubernetes/kubectl.js';
import { matches, type LabelMatch } from './providers/direct/arithmetic.js';
import { scrapePods } from './providers/direct/provider.js';
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

type Counters = Record<TrafficGroup, Map<string, number>>;

/**
 * Counts the requests each group's pods served, from their request counters read through the
 * API server's pod proxy. `mark()` reads the counters at the start of a window and `share()` at its
 * end; `canaryServed()` is everything the canary's pods counted since they started (they are
 * new pods, so their counters start at zero): the blast radius of a bad canary.
 */
export class RequestMeter {
  private start?: Counters;
  /** Canary pod → its last counter reading, and what pods that restarted had counted before. */
  private readonly canaryLast = new Map<string, number>();
  private canaryBeforeRestarts = 0;

  constructor(
    private readonly kubectl: Kubectl,
    private readonly selectors: Record<TrafficGroup, string>,
    private readonly counter: RequestCounter,
  ) {}

  async mark(): Promise<void> {
    this.start = (await this.read()).counters;
  }

  async share(): Promise<WindowShare> {
    const { counters, problems } = await this.read();
    const start = this.start;
    this.start = counters;
    const groups = Object.fromEntries(
      TRAFFIC_GROUPS.map((group) => {
        const pods = counters[group];
        let requests = 0;
        for (const [pod, value] of pods) {
          const before = start?.[group].get(pod);
          // A pod that started during the window, or restarted, counted from zero.
          requests += before === undefined || value < before ? value : value - before;
        }
        const count: GroupCount = {
          requests: pods.size > 0 || problems[group].length === 0 ? requests : undefined,
          pods: pods.size,
          problems: problems[group],
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
    let served = this.canaryBeforeRestarts;
    for (const value of this.canaryLast.values()) served += value;
    return served;
  }

  private async read(): Promise<{ counters: Counters; problems: Record<TrafficGroup, string[]> }> {
    const scrapes = await Promise.all(TRAFFIC_GROUPS.map((group) => scrapePods(this.kubectl, this.selectors[group])));
    const counters = {} as Counters;
    const problems = {} as Record<TrafficGroup, string[]>;
    TRAFFIC_GROUPS.forEach((group, index) => {
      const { scraped, problems: groupProblems } = scrapes[index]!;
      counters[group] = new Map(
        [...scraped].map(([pod, samples]) => [
          pod,
          samples
            .filter((sample) => sample.name === this.counter.metric && matches(sample.labels, this.counter.match) && Number.isFinite(sample.value))
            .reduce((sum, sample) => sum + sample.value, 0),
        ]),
      );
      problems[group] = groupProblems;
    });
    for (const [pod, value] of counters.canary) {
      const before = this.canaryLast.get(pod);
      if (before !== undefined && value < before) this.canaryBeforeRestarts += before;
      this.canaryLast.set(pod, value);
    }
    return { counters, problems };
  }
}
