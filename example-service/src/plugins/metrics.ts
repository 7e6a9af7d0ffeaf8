import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
}

/** Routes outside the router (404s) share one label value, so scans cannot explode the series count. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * The metric contract read by canary analysis (documented in the README):
 * http_requests_total and http_request_duration_seconds by {method, route, status_code},
 * inventory_items, db_pool_* gauges and the default process_* / nodejs_* metrics.
 */
export default fp(
  async (fastify) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const labelNames = ['method', 'route', 'status_code'] as const;

    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code',
      labelNames,
      registers: [registry],
    });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to sending the response, by method, route template and status code',
      labelNames,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });

    const pool = fastify.db;
    const poolGauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    poolGauge('db_pool_connections', 'Open connections in the database pool', () => pool.totalCount);
    poolGauge('db_pool_idle_connections', 'Idle connections in the database pool', () => pool.idleCount);
    poolGauge('db_pool_waiting_requests', 'Queries waiting for a free database connection', () => pool.waitingCount);
    poolGauge('db_pool_max_connections', 'Configured maximum of the database pool', () => pool.options.max ?? 10);

    const items = fastify.items;
    new Gauge({
      name: 'inventory_items',
      help: 'Items in the inventory (rows of the items table); keeps its last value while the database is unreachable',
      registers: [registry],
      async collect() {
        try {
          this.set(await items.count());
        } catch (error) {
          fastify.log.debug({ err: error }, 'inventory_items not refreshed');
        }
      },
    });

    fastify.addHook('onResponse', (request, reply, done) => {
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        status_code: String(reply.statusCode),
      };
      requests.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
      done();
    });

    fastify.decorate('metrics', registry);
  },
  { name: 'metrics', dependencies: ['database', 'items-repository'] },
);
