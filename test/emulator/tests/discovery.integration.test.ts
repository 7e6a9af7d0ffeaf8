import { afterAll, beforeAll, expect, it } from 'vitest';
import YAML from 'yaml';
import { startCluster, type Cluster } from '../src/cluster.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
});

afterAll(async () => {
  await cluster?.stop();
});

async function ok(...args: string[]): Promise<string> {
  const result = await cluster.kubectl(args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

// client-go's discovery fails on a listed group version that has no resources, as kube-apiserver
// never lists one (k8s.io/apiserver/pkg/server/genericapiserver.go skips them).
it('kubectl api-resources lists every resource, and each version discovery lists has resources', async () => {
  const resources = await ok('api-resources', '--no-headers');
  expect(resources).toMatch(/^horizontalpodautoscalers\s+hpa\s+autoscaling\/v2\s+true\s+HorizontalPodAutoscaler$/m);
  expect(resources).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
  const versions = (await ok('api-versions')).trim().split('\n');
  expect(versions).toContain('autoscaling/v2');
  for (const version of versions) {
    const list = JSON.parse(await ok('get', '--raw', version === 'v1' ? '/api/v1' : `/apis/${version}`)) as { resources: unknown[] };
    expect(list.resources.length, version).toBeGreaterThan(0);
  }
});

it('the scale subresource still names its kind, autoscaling/v1 Scale, for kubectl scale', async () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'idle', namespace: 'default' },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'idle' } },
      template: { metadata: { labels: { app: 'idle' } }, spec: { containers: [{ name: 'app', image: 'nothing:v1' }] } },
    },
  };
  const applied = await cluster.kubectl(['apply', '--server-side', '-f', '-'], { input: YAML.stringify(deployment) });
  expect(applied.code, applied.stderr).toBe(0);
  expect(await ok('scale', 'deployment/idle', '--replicas=0')).toContain('scaled');
  expect(await ok('get', 'deployment/idle', '--subresource=scale', '-o', 'jsonpath={.apiVersion} {.kind}')).toBe('autoscaling/v1 Scale');
});
