// Speed of the local cluster emulator: `npx tsx bench/emulator.ts`.
// Prints a three-replica rollout of the inventory service (production overlay) and the
// latency of the emulator's API for a GET, measured over keep-alive https like a client-go client.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import YAML from 'yaml';
import { startCluster } from '../test/emulator/src/cluster.js';
import { startPostgres } from '../example-service/scripts/embedded-postgres.js';
import { REPOSITORY_ROOT } from '../test/repository-root.js';

const NAMESPACE = 'inventory-production';
const server = path.join(REPOSITORY_ROOT, 'example-service/dist/server.js');
if (!fs.existsSync(server)) {
  console.error(`${server} is missing: run "npm run build:service" first`);
  process.exit(1);
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

async function main(): Promise<void> {
  const [cluster, postgres] = await Promise.all([startCluster(), startPostgres()]);
  try {
    const kubectl = async (...args: string[]): Promise<void> => {
      const result = await cluster.kubectl(args);
      if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
    };
    const url = await postgres.createDatabase('bench');
    await kubectl('apply', '--server-side', '--field-manager=bench', '-k', path.join(REPOSITORY_ROOT, 'example-service/k8s/overlays/production'));
    const secret = YAML.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'inventory-database', namespace: NAMESPACE }, stringData: { url } });
    const started = performance.now();
    const applied = await cluster.kubectl(['apply', '--server-side', '--field-manager=bench', '-f', '-'], { input: secret });
    if (applied.code !== 0) throw new Error(applied.stderr);
    await kubectl('rollout', 'status', 'deployment/inventory-service', '-n', NAMESPACE, '--timeout=120s');
    const firstRollout = (performance.now() - started) / 1000;

    const updateStarted = performance.now();
    await kubectl('set', 'image', 'deployment/inventory-service', 'inventory=inventory-service:1.0.1', '-n', NAMESPACE);
    await kubectl('rollout', 'status', 'deployment/inventory-service', '-n', NAMESPACE, '--timeout=120s');
    const rollingUpdate = (performance.now() - updateStarted) / 1000;

    const kubeconfig = YAML.parse(fs.readFileSync(cluster.kubeconfigPath, 'utf8')) as { clusters: { cluster: { 'certificate-authority-data': string } }[] };
    const ca = Buffer.from(kubeconfig.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64');
    const agent = new https.Agent({ keepAlive: true, ca });
    const get = (): Promise<void> =>
      new Promise((resolve, reject) => {
        https
          .get(
            `${cluster.server}/apis/apps/v1/namespaces/${NAMESPACE}/deployments/inventory-service`,
            { agent, headers: { authorization: `Bearer ${cluster.token}` } },
            (response) => {
              response.resume();
              response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
            },
          )
          .on('error', reject);
      });
    for (let i = 0; i < 50; i++) await get();
    const samples: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t = performance.now();
      await get();
      samples.push(performance.now() - t);
    }
    agent.destroy();
    samples.sort((a, b) => a - b);

    console.log(
      `emulator: 3-replica rollout of inventory-service (production overlay, from Secret to "rollout status" success): ${firstRollout.toFixed(1)} s (target < 10 s)`,
    );
    console.log(
      `emulator: 3-replica rolling update to a new tag (maxSurge 1, maxUnavailable 0, kubectl set image → rollout status): ${rollingUpdate.toFixed(1)} s`,
    );
    console.log(
      `emulator: API GET deployment over keep-alive https: median ${percentile(samples, 0.5).toFixed(2)} ms, p95 ${percentile(samples, 0.95).toFixed(2)} ms, n=${samples.length} (target < 5 ms)`,
    );
  } finally {
    await cluster.stop();
    await postgres.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
