import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { startCluster, type Cluster } from '../emulator/src/cluster.js';
import type { ImageEntry } from '../emulator/src/images.js';
import { startPostgres, type EmbeddedCluster } from '../../example-service/scripts/embedded-postgres.js';

export const NAMESPACE = 'shop';
export const DEPLOYMENT = 'inventory-service';

/** The rehearsal stage: the cluster emulator running the real inventory service on an embedded PostgreSQL. */
export interface Stage {
  cluster: Cluster;
  postgres: EmbeddedCluster;
  kubeconfig: string;
  kubectl(...args: string[]): Promise<string>;
  serviceUrl(path: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * `images`: more images the emulator can run, beside the service's versions and `inventory-service:crash`;
 * `postgres`: another server than embedded PostgreSQL (the backup hook's pg_dump needs one of its own version);
 * `onRequest`: sees every API request's outcome.
 */
export async function startStage(
  options: { images?: ImageEntry[]; postgres?: () => Promise<EmbeddedCluster>; onRequest?: (method: string, url: string, status: number) => void } = {},
): Promise<Stage> {
  const postgres = await (options.postgres ?? startPostgres)();
  const cluster = await startCluster({
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    images: [
      { name: 'inventory-service', tag: 'crash', command: ['node', '-e', 'console.error("boom: cannot start"); process.exit(3)'] },
      ...(options.images ?? []),
    ],
  });
  const run = async (args: string[], input?: string) => {
    const result = await cluster.kubectl(args, { input });
    if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const kubectl = (...args: string[]) => run(args);
  const databaseUrl = await postgres.createDatabase('inventory');
  // Typed commands such as `kubectl create secret` send protobuf, which the emulator does not decode: apply JSON.
  await run(['apply', '--filename', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } }));
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'inventory-database', namespace: NAMESPACE }, stringData: databaseSecret(databaseUrl) };
  await run(['apply', '--filename', '-'], JSON.stringify(secret));
  return {
    cluster,
    postgres,
    kubeconfig: await readFile(cluster.kubeconfigPath, 'utf8'),
    kubectl,
    async serviceUrl(path) {
      const address = await cluster.serviceAddress(NAMESPACE, DEPLOYMENT, 80);
      if (!address) throw new Error(`Service ${DEPLOYMENT} has no address`);
      return `http://${address.host}:${address.port}${path}`;
    },
    async stop() {
      await cluster.stop();
      await postgres.destroy();
    },
  };
}

/** The Secret `inventory-database`: the service's `url`, and libpq's parts of it for the backup Job (which puts no password on a command line). */
function databaseSecret(url: string): Record<string, string> {
  const parsed = new URL(url);
  return {
    url,
    host: parsed.hostname,
    port: parsed.port || '5432',
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    dbname: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

export interface LoadReport {
  succeeded: number;
  failures: string[];
}

/** Constant load through the Service: new connection per request, so every request is balanced anew. `headers` go with every request. */
export function startLoad(url: string, concurrency = 4, headers: Record<string, string> = {}): { stop(): Promise<LoadReport> } {
  let running = true;
  const report: LoadReport = { succeeded: 0, failures: [] };
  const once = () =>
    new Promise<void>((resolve) => {
      const started = Date.now();
      const req = request(url, { agent: false, timeout: 10_000, headers: { ...headers, connection: 'close' } }, (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode && response.statusCode < 400) report.succeeded++;
          else report.failures.push(`HTTP ${response.statusCode} after ${Date.now() - started} ms`);
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => {
        report.failures.push(`${error.message} after ${Date.now() - started} ms`);
        resolve();
      });
      req.end();
    });
  const workers = Array.from({ length: concurrency }, async () => {
    while (running) await once();
  });
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return report;
    },
  };
}
