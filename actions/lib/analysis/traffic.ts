import http from 'node:http';
import https from 'node:https';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigurationError, describeError, input } from '../index.js';

const MAX_RATE = 200;
const MAX_IN_FLIGHT = 100;

const trafficSchema = z
  .object({
    url: input.url(),
    rate: z
      .number({ error: `requests per second, from 0.1 to ${MAX_RATE}` })
      .min(0.1)
      .max(MAX_RATE, { error: `at most ${MAX_RATE} requests per second` }),
    method: z.enum(['GET', 'HEAD'], { error: 'GET or HEAD (read-only methods only)' }).default('GET'),
    duration: z.number({ error: 'seconds' }).positive().optional(),
  })
  .strict();

export type TrafficPlan = z.output<typeof trafficSchema>;

export interface TrafficReport {
  url: string;
  method: string;
  sent: number;
  failed: number;
  statuses: Record<string, number>;
}

export function parseTraffic(text: string): TrafficPlan {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error: unknown) {
    throw new ConfigurationError(`Input "traffic" is not valid YAML: ${describeError(error).split('\n')[0]}`);
  }
  const parsed = trafficSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'value'}: expected ${issue.message}`);
    throw new ConfigurationError(`Input "traffic": ${problems.join('; ')} (e.g. "url: http://inventory/api/items, rate: 10").`);
  }
  return parsed.data;
}

const REQUEST_TIMEOUT_MS = 5_000;

/**
 * One request on a connection of its own (`agent: false`, `Connection: close`): a Service balances
 * connections, not requests (kube-proxy picks an endpoint per connection), so a kept-alive
 * connection would send all the traffic to one group. Resolves with the status code.
 */
function requestOnce(url: string, method: string): Promise<number> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(target, { method, agent: false, headers: { Connection: 'close' }, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      response.on('error', reject);
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.resume();
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end();
  });
}

/**
 * A bounded synthetic load: `rate` requests per second to one URL for at most `seconds`
 * (the plan's duration if shorter), never more than MAX_IN_FLIGHT at once, each on a new
 * connection so the Service spreads it over the groups as it spreads new clients. So a quiet
 * service still gives both groups samples.
 */
export function startTraffic(plan: TrafficPlan, seconds: number): { stop(): Promise<TrafficReport> } {
  const report: TrafficReport = { url: plan.url, method: plan.method, sent: 0, failed: 0, statuses: {} };
  const inFlight = new Set<Promise<void>>();
  const deadline = Date.now() + Math.min(seconds, plan.duration ?? seconds) * 1000;
  const timer = setInterval(() => {
    if (Date.now() >= deadline) return clearInterval(timer);
    if (inFlight.size >= MAX_IN_FLIGHT) return;
    report.sent++;
    const request = requestOnce(plan.url, plan.method)
      .then((status) => {
        report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      })
      .catch(() => {
        report.failed++;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }, 1000 / plan.rate);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return report;
    },
  };
}
