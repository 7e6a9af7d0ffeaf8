// End to end: Debian's real Prometheus scrapes two real inventory services (each on its own
// embedded PostgreSQL) through the plain scrape job of example-service/monitoring/prometheus.yaml,
// with the real rules loaded, every duration divided by 60 (1 minute → 1 second). One service
// runs with FAULT_ERROR_RATE=0.5: its alerts must fire; the other must stay silent. Then every
// query of the Grafana dashboard must return data from the same Prometheus.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startTestApp, type TestContext } from '../../example-service/test/helpers/app.js';
import { startPrometheus, type RunningPrometheus } from '../harness/prometheus.js';
import { describeWithTools } from '../harness/tools.js';
import { dashboardQueries, readDashboard, readDeployment, SERVICE_ROOT } from './monitoring-files.js';
import { scaleRuleDurations } from './scaled-rules.js';

const SCALE = 60;
const FAULTY = 'faulty';
const HEALTHY = 'healthy';

interface Alert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
}

interface Service {
  namespace: string;
  context: TestContext;
  port: number;
  traffic: NodeJS.Timeout;
}

/** API requests every 50 ms and a readiness probe every 500 ms, as clients and the kubelet would send. */
function sendTraffic(port: number): NodeJS.Timeout {
  let tick = 0;
  return setInterval(() => {
    const paths = tick++ % 10 === 0 ? ['/api/items', '/ready'] : ['/api/items'];
    for (const path of paths)
      fetch(`http://127.0.0.1:${port}${path}`).then(
        (response) => response.arrayBuffer(),
        () => undefined,
      );
  }, 50);
}

async function startService(namespace: string, env: Record<string, string>): Promise<Service> {
  const context = await startTestApp(env);
  await context.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (context.app.server.address() as AddressInfo).port;
  return { namespace, context, port, traffic: sendTraffic(port) };
}

/**
 * The file_sd target a pod of k8s/base/deployment.yaml would be for Kubernetes pod discovery:
 * its labels and annotations as __meta_kubernetes_* labels, so the job's relabelling runs as
 * written. Only prometheus.io/port differs: the service here listens on a free port, not 8080.
 */
async function podTarget(service: Service) {
  const template = (await readDeployment()).spec.template;
  const sanitize = (name: string) => name.replace(/[^a-zA-Z0-9_]/g, '_');
  const labels: Record<string, string> = {
    __meta_kubernetes_namespace: service.namespace,
    __meta_kubernetes_pod_name: `inventory-service-${service.namespace}-0`,
  };
  for (const [name, value] of Object.entries(template.metadata.labels)) labels[`__meta_kubernetes_pod_label_${sanitize(name)}`] = value;
  for (const [name, value] of Object.entries(template.metadata.annotations)) labels[`__meta_kubernetes_pod_annotation_${sanitize(name)}`] = value;
  labels.__meta_kubernetes_pod_annotation_prometheus_io_port = String(service.port);
  return { targets: [`127.0.0.1:${template.spec.containers[0]!.ports[0]!.containerPort}`], labels };
}

/** prometheus.yaml with 1-second intervals and the pods from a file instead of the Kubernetes API. */
async function prometheusConfig(): Promise<string> {
  const config = parse(await readFile(`${SERVICE_ROOT}monitoring/prometheus.yaml`, 'utf8'));
  config.global = { scrape_interval: '1s', evaluation_interval: '1s' };
  config.rule_files = ['rules.yaml'];
  const [job] = config.scrape_configs;
  delete job.kubernetes_sd_configs;
  job.file_sd_configs = [{ files: ['targets.json'], refresh_interval: '1s' }];
  return stringify(config);
}

describeWithTools(['prometheus'], 'the inventory alerts and dashboard on the real Prometheus', () => {
  const services: Service[] = [];
  let prometheus: RunningPrometheus;
  let started = 0;

  beforeAll(async () => {
    services.push(...(await Promise.all([startService(FAULTY, { FAULT_ERROR_RATE: '0.5' }), startService(HEALTHY, {})])));
    prometheus = await startPrometheus({
      'prometheus.yml': await prometheusConfig(),
      'rules.yaml': scaleRuleDurations(await readFile(`${SERVICE_ROOT}monitoring/rules.yaml`, 'utf8'), SCALE),
      'targets.json': JSON.stringify(await Promise.all(services.map(podTarget))),
    });
    started = Date.now();
  });

  afterAll(async () => {
    await prometheus?.stop();
    for (const service of services) {
      clearInterval(service.traffic);
      await service.context.close();
    }
  });

  const alerts = async () => (await prometheus.api<{ alerts: Alert[] }>('alerts')).alerts;

  it('fires the availability alerts for the service failing half its API requests, and nothing for the healthy one', async () => {
    const expected = ['InventoryAvailabilityFastBurn', 'InventoryHighErrorRate'];
    let firing: string[] = [];
    let seen: Alert[] = [];
    for (let attempt = 0; attempt < 120 && !expected.every((name) => firing.includes(name)); attempt++) {
      await sleep(500);
      seen = await alerts();
      firing = seen.filter((alert) => alert.state === 'firing' && alert.labels.namespace === FAULTY).map((alert) => alert.labels.alertname!);
    }
    console.log(`monitoring e2e: ${expected.join(' and ')} firing ${((Date.now() - started) / 1000).toFixed(1)} s after Prometheus was ready`);
    expect(firing).toEqual(expect.arrayContaining(expected));
    const faulty = seen.find((alert) => alert.labels.alertname === 'InventoryAvailabilityFastBurn')!;
    expect(faulty.labels).toMatchObject({ job: 'inventory-service', namespace: FAULTY, severity: 'critical', slo: 'availability' });
    expect(seen.filter((alert) => alert.labels.namespace !== FAULTY)).toEqual([]);
    // The error-rate alert's `for: 5m`, scaled to 5 s, has elapsed for the healthy service too.
    const healthyRatio = await prometheus.api<{ result: Array<{ value: [number, string] }> }>('query', {
      query: `inventory:api_errors:ratio_rate5m{namespace="${HEALTHY}"}`,
    });
    expect(healthyRatio.result.map((sample) => Number(sample.value[1]))).toEqual([0]);
  });

  it.each([FAULTY, HEALTHY])('answers every query of the dashboard with data for the %s service', async (namespace) => {
    const dashboard = await readDashboard();
    const namespaces = await prometheus.api<string[]>('label/namespace/values', { 'match[]': 'up{job="inventory-service"}' });
    expect(namespaces).toEqual([FAULTY, HEALTHY]);
    const queries = dashboardQueries(dashboard, { namespace, __rate_interval: '5s' });
    expect(queries.length).toBeGreaterThanOrEqual(20);
    const empty: string[] = [];
    for (const { where, expr } of queries) {
      const data = await prometheus.api<{ result: unknown[] }>('query', { query: expr });
      if (data.result.length === 0) empty.push(`${where}: ${expr}`);
    }
    expect(empty).toEqual([]);
  });
});
