import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startCluster } from '../src/cluster.js';
import { FIXTURE_IMAGES, webManifests } from './fixtures/manifests.js';
import { processesOfCluster, waitFor } from './fixtures/processes.js';
import { PORT_MAP_ANNOTATION } from '../src/services.js';

function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function httpStatus(host: string, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host, port, path, agent: false }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('emulator lifecycle', () => {
  it('moves privileged Service ports when they cannot be bound, and leaves no process or port behind on stop', async () => {
    const cluster = await startCluster({ images: FIXTURE_IMAGES, simulateUnprivilegedPorts: true });
    let podIPs: string[] = [];
    let clusterIP = '';
    try {
      const applied = await cluster.kubectl(['apply', '--server-side', '--field-manager=test', '-f', '-'], {
        input: webManifests({ namespace: 'life', replicas: 2 }),
      });
      expect(applied.code, applied.stderr).toBe(0);
      expect((await cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', 'life', '--timeout=30s'])).code).toBe(0);
      const service = await waitFor('port fallback reported', async () => {
        const result = await cluster.kubectl(['get', 'service', 'web', '-n', 'life', '-o', 'json']);
        const parsed = JSON.parse(result.stdout) as {
          metadata: { annotations?: Record<string, string> };
          spec: { clusterIP: string };
          status: { conditions?: { type: string; message: string }[] };
        };
        return parsed.metadata.annotations?.[PORT_MAP_ANNOTATION] ? parsed : undefined;
      });
      expect(JSON.parse(service.metadata.annotations?.[PORT_MAP_ANNOTATION] ?? '{}')).toEqual({ '80': 30080 });
      expect(service.status.conditions?.find((c) => c.type === 'PortFallback')?.message).toContain('30080');
      clusterIP = service.spec.clusterIP;
      expect(await cluster.serviceAddress('life', 'web', 80)).toEqual({ host: clusterIP, port: 30080 });
      expect(await httpStatus(clusterIP, 30080, '/ready')).toBe(200);
      podIPs = (await cluster.kubectl(['get', 'pods', '-n', 'life', '-o', 'jsonpath={.items[*].status.podIP}'])).stdout.split(' ');
      expect(podIPs).toHaveLength(2);
      expect(processesOfCluster(cluster.id)).toHaveLength(2);
    } finally {
      await cluster.stop();
    }
    expect(processesOfCluster(cluster.id)).toEqual([]);
    for (const ip of podIPs) expect(await canBind(ip, 8080)).toBe(true);
    expect(await canBind(clusterIP, 30080)).toBe(true);
  });

  it('kills every pod process when the process running the emulator dies abruptly', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/tests/fixtures/abandoned-cluster.mts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    try {
      const id = await waitFor('abandoned cluster ready', () => /cluster (\w+) ready/.exec(output)?.[1], 40_000);
      expect(processesOfCluster(id)).toHaveLength(2);
      child.kill('SIGKILL');
      await waitFor('pod processes gone', () => processesOfCluster(id).length === 0, 30_000).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}; still running: pids ${processesOfCluster(id).join(', ')}`);
      });
      const workDir = /kubeconfig written to (\S+)\/kubeconfig/.exec(output)?.[1] ?? '';
      await waitFor(`work directory "${workDir}" removed`, () => workDir !== '' && !fs.existsSync(workDir), 30_000);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
