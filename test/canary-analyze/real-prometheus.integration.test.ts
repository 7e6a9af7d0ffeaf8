// Debian's real Prometheus scraping small local services (file-based service discovery written
// here) that expose the inventory service's metrics with a controllable error rate and latency.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Counter, Histogram, Registry } from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listenLocally } from '../harness/local-server.js';
import { startPrometheus, type RunningPrometheus } from '../harness/prometheus.js';
import { describeWithTools } from '../harness/tools.js';
import { runBundle } from '../harness/run-bundle.js';
import { SERVICE_BUCKETS, seededRandom } from './synthetic.js';

interface FakeService {
  port: number;
  close(): void;
}

/** A /metrics endpoint whose counters grow by `perSecond` API requests a second. */
async function startFakeService(errorRate: number, medianLatency: number, seed: number, perSecond = 100): Promise<FakeService> {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status_code'];
  const requests = new Counter({ name: 'http_requests_total', help: 'requests', labelNames, registers: [registry] });
  const duration = new Histogram({ name: 'http_request_duration_seconds', help: 'duration', labelNames, buckets: SERVICE_BUCKETS, registers: [registry] });
  const random = seededRandom(seed);
  const timer = setInterval(() => {
    for (let i = 0; i < perSecond / 10; i++) {
      const labels = { method: 'GET', route: '/api/items', status_code: random() < errorRate ? '500' : '200' };
      const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      requests.inc(labels);
      duration.observe(labels, medianLatency * Math.exp(0.5 * normal));
    }
  }, 100);
  const server = await listenLocally(
    createServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
    }),
  );
  return {
    port: server.port,
    close: () => {
      clearInterval(timer);
      void server.close();
    },
  };
}

describeWithTools(['prometheus'], 'canary-analyze with the real Prometheus', () => {
  const services: FakeService[] = [];
  let prometheus: RunningPrometheus | undefined;

  beforeAll(async () => {
    const baseline = await startFakeService(0.01, 0.02, 1);
    const healthyCanary = await startFakeService(0.01, 0.02, 2);
    const faultyCanary = await startFakeService(0.1, 0.02, 3);
    services.push(baseline, healthyCanary, faultyCanary);
    const target = (service: FakeService, track: string) => ({
      targets: [`127.0.0.1:${service.port}`],
      labels: { app_kubernetes_io_name: 'inventory-service', track, namespace: 'shop' },
    });
    prometheus = await startPrometheus({
      'targets.json': JSON.stringify([target(baseline, 'baseline'), target(healthyCanary, 'canary'), target(faultyCanary, 'faulty-canary')]),
      'prometheus.yml': [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        '  - job_name: inventory',
        '    file_sd_configs:',
        "      - files: ['targets.json']",
        '        refresh_interval: 1s',
      ].join('\n'),
    });
    await sleep(4000); // a few scrapes of every target before the first interval
  });

  afterAll(async () => {
    for (const service of services) service.close();
    await prometheus?.stop();
  });

  const analyse = (canaryTrack: string, inputs: Record<string, string> = {}) =>
    runBundle({
      action: 'actions/canary-analyze',
      inputs: {
        provider: 'prometheus',
        'prometheus-url': prometheus!.url,
        namespace: 'shop',
        'baseline-selector': 'app.kubernetes.io/name=inventory-service,track=baseline',
        'canary-selector': `app.kubernetes.io/name=inventory-service,track=${canaryTrack}`,
        interval: '3s',
        iterations: '5',
        ...inputs,
      },
      timeoutMs: 60_000,
    });

  it('rolls back a canary answering 10% errors and promotes a healthy one', async () => {
    const [faulty, healthy] = await Promise.all([analyse('faulty-canary'), analyse('canary')]);
    expect(faulty.outputs.verdict, faulty.summary).toBe('rollback');
    expect(faulty.outputs['failed-metrics']).toContain('error-rate');
    expect(healthy.outputs.verdict, healthy.summary).toBe('promote');
  });

  // Dividing by (time() % 3 >= bool 1) makes one interval in three answer +Inf or NaN (4 s apart, the instants go round the residues mod 3).
  const SOMETIMES_NOT_FINITE = `
- name: error-rate
  reduce: ratio
  critical: true
  errors-query: 'sum(increase(http_requests_total{ {{selector}}, route=~"/api/.*", status_code=~"5.." }[{{interval}}])) / (time() % 3 >= bool 1)'
  requests-query: 'sum(increase(http_requests_total{ {{selector}}, route=~"/api/.*" }[{{interval}}]))'
`;

  it('a critical metric that Prometheus answers with +Inf or NaN in some intervals never promotes', async () => {
    const inputs = { metrics: SOMETIMES_NOT_FINITE, interval: '4s', iterations: '6' };
    const [faulty, healthy] = await Promise.all([analyse('faulty-canary', inputs), analyse('canary', inputs)]);
    expect(faulty.outputs.verdict, faulty.summary).not.toBe('promote');
    expect(healthy.outputs.verdict, healthy.summary).toBe('inconclusive');
    expect(healthy.summary).toMatch(/critical metric error-rate has no data: .*not a finite number/);
    const report = JSON.parse(await readFile(healthy.outputs.report!, 'utf8'));
    expect(report.metrics[0].intervals.filter((interval: { canary: { malformed?: boolean } }) => interval.canary.malformed).length).toBeGreaterThanOrEqual(1);
  });
});
