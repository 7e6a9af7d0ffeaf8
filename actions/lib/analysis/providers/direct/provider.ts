import { contextNamespace, describeError, isObjectName, Kubectl } from '../../../index.js';
import type { ObjectList, Pod } from '../../../kubernetes/objects.js';
import type { IntervalValues, MetricsProvider } from '../../analysis.js';
import { ProviderUnavailableError } from '../../analysis.js';
import type { GroupValue } from '../../judge.js';
import type { MetricDefinition } from '../../metrics.js';
import { counterDeltas, directReduction, reduceDeltas } from './arithmetic.js';
import { ExpositionFormatError, parsePrometheusText, type Sample } from './text-format.js';

export interface DirectOptions {
  baselineSelector: string;
  canarySelector: string;
  intervalSeconds: number;
  metrics: readonly MetricDefinition[];
}

type Group = 'baseline' | 'canary';

/** The kubectl of the direct provider, scoped to one namespace: the `namespace` input, else the kubeconfig context's. */
export async function directKubectl(kubeconfig: string, namespace: string | undefined): Promise<Kubectl> {
  const unscoped = new Kubectl({ kubeconfig });
  return unscoped.inNamespace(namespace ?? (await contextNamespace(unscoped)));
}

/**
 * Scrapes every ready pod of each group through the API server's pod proxy
 * (`kubectl get --raw …/pods/<pod>:<port>/proxy/metrics`) at the end of each interval and
 * reduces the counter deltas since the previous scrape. A pod scraped for the first time only
 * gives the starting point; a group where no pod could be scraped twice has no data.
 */
export class DirectProvider implements MetricsProvider {
  readonly description = 'direct scraping of the pods';
  private readonly previous: Record<Group, Map<string, Sample[]>> = { baseline: new Map(), canary: new Map() };

  constructor(
    private readonly kubectl: Kubectl,
    private readonly options: DirectOptions,
  ) {}

  async start(): Promise<void> {
    for (const group of ['baseline', 'canary'] as const) {
      const { scraped, problems } = await this.scrapeGroup(group);
      if (scraped.size === 0)
        throw new ProviderUnavailableError(
          `no pod of the ${group} (${this.selector(group)}) could be scraped: ${problems.join('; ') || 'no ready pod matches'}`,
        );
      this.previous[group] = scraped;
    }
  }

  async collect(): Promise<IntervalValues> {
    const [baseline, canary] = await Promise.all((['baseline', 'canary'] as const).map((group) => this.collectGroup(group)));
    return new Map(this.options.metrics.map((metric) => [metric.name, { baseline: baseline!.get(metric.name)!, canary: canary!.get(metric.name)! }]));
  }

  private async collectGroup(group: Group): Promise<Map<string, GroupValue>> {
    const { scraped, problems, malformed } = await this.scrapeGroup(group);
    const deltas: Sample[] = [];
    let pods = 0;
    for (const [pod, samples] of scraped) {
      const before = this.previous[group].get(pod);
      if (!before) continue;
      deltas.push(...counterDeltas(before, samples));
      pods++;
    }
    this.previous[group] = scraped;
    const values = new Map<string, GroupValue>();
    for (const metric of this.options.metrics) {
      values.set(
        metric.name,
        malformed
          ? { value: null, missing: `a ${group} pod answered what is not the metrics text format: ${problems.join('; ')}`, malformed: true }
          : pods === 0
            ? { value: null, missing: `no ${group} pod scraped at both ends of the interval${problems.length > 0 ? `: ${problems.join('; ')}` : ''}` }
            : reduceDeltas(directReduction(metric), deltas, this.options.intervalSeconds),
      );
    }
    return values;
  }

  private selector(group: Group): string {
    return group === 'baseline' ? this.options.baselineSelector : this.options.canarySelector;
  }

  private scrapeGroup(group: Group): Promise<PodScrape> {
    return scrapePods(this.kubectl, this.selector(group));
  }
}

export interface PodScrape {
  /** Pod name → its samples. */
  scraped: Map<string, Sample[]>;
  problems: string[];
  /** Some pod answered what is not the text format. */
  malformed: boolean;
}

/**
 * The `/metrics` of every ready pod matching the selector, through the API server's pod proxy
 * (`kubectl get --raw …/pods/<pod>:<port>/proxy/metrics`); a pod that cannot be scraped is a problem, not an error.
 */
export async function scrapePods(kubectl: Kubectl, selector: string): Promise<PodScrape> {
  const scraped = new Map<string, Sample[]>();
  const problems: string[] = [];
  let malformed = false;
  let pods: Pod[];
  try {
    pods = (await kubectl.json<ObjectList<Pod>>(['get', 'pods', `--selector=${selector}`])).items;
  } catch (error: unknown) {
    return { scraped, problems: [`cannot list pods: ${describeError(error)}`], malformed };
  }
  await Promise.all(
    pods.filter(isReady).map(async (pod) => {
      const port = metricsPort(pod);
      const namespace = kubectl.namespace!;
      // Pod name, namespace and port come from the cluster's answer and become a URL path: nothing in them may change which path.
      if (
        !isObjectName('Pod', pod.metadata.name) ||
        (pod.metadata.namespace ?? namespace) !== namespace ||
        !(Number.isInteger(port) && port > 0 && port < 65536)
      ) {
        problems.push(`pod ${JSON.stringify(pod.metadata.name).slice(0, 80)}: not scraped, its name, namespace or port is not what Kubernetes allows`);
        return;
      }
      try {
        const { stdout } = await kubectl.run(['get', '--raw', `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}:${port}/proxy/metrics`]);
        scraped.set(pod.metadata.name, parsePrometheusText(stdout));
      } catch (error: unknown) {
        problems.push(`pod ${pod.metadata.name}: ${describeError(error).split('\n')[0]}`);
        if (error instanceof ExpositionFormatError) malformed = true;
      }
    }),
  );
  return { scraped, problems, malformed };
}

function isReady(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && (pod.status?.conditions ?? []).some((condition) => condition.type === 'Ready' && condition.status === 'True');
}

/** The container port named `metrics`, else `http`, else the first one declared. */
function metricsPort(pod: Pod): number {
  const ports = (pod.spec?.containers ?? []).flatMap((container) => container.ports ?? []);
  const port = ports.find((candidate) => candidate.name === 'metrics') ?? ports.find((candidate) => candidate.name === 'http') ?? ports[0];
  return port?.containerPort ?? 80;
}
