import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startCluster, type Cluster } from '../src/cluster.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
  expect((await cluster.kubectl(['create', 'namespace', 'valid'])).code).toBe(0);
});

afterAll(async () => {
  await cluster?.stop();
});

function deployment(container: Record<string, unknown>, name = 'web'): string {
  return YAML.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'valid' },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nothing:v1', ...container }] } },
    },
  });
}

const apply = (input: string, ...flags: string[]) => cluster.kubectl(['apply', '--server-side', ...flags, '-f', '-'], { input });

describe('field and value validation, through the real kubectl', () => {
  it('rejects unknown fields at every depth under fieldValidation=Strict, with the decoder message', async () => {
    const result = await apply(deployment({ imagePullPolcy: 'Always', ports: [{ containerPort: 8080, protocl: 'TCP' }] }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolcy", unknown field "spec.template.spec.containers[0].ports[0].protocl"',
    );
    const clientSide = await cluster.kubectl(['apply', '-f', '-'], { input: deployment({ livenessProbe: { httpGet: { port: 8080, pth: '/x' } } }) });
    expect(clientSide.stderr).toContain('unknown field "spec.template.spec.containers[0].livenessProbe.httpGet.pth"');
    expect((await cluster.kubectl(['get', 'deployment', 'web', '-n', 'valid', '--ignore-not-found'])).stdout).toBe('');
  });

  it('accepts them with a Warning under fieldValidation=Warn (kubectl --validate=warn) and drops them', async () => {
    const result = await apply(deployment({ imagePullPolcy: 'Always' }, 'warned'), '--validate=warn');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Warning: unknown field "spec.template.spec.containers[0].imagePullPolcy"');
    const stored = await cluster.kubectl(['get', 'deployment', 'warned', '-n', 'valid', '-o', 'jsonpath={.spec.template.spec.containers[0]}']);
    expect(stored.stdout).toContain('"image":"nothing:v1"');
    expect(stored.stdout).not.toContain('imagePullPolcy');
  });

  it('rejects ports out of range, bad names and quantities with 422/400 as the real validation', async () => {
    const ports = await apply(deployment({ ports: [{ containerPort: 70000 }, { containerPort: 0 }] }));
    expect(ports.stderr).toContain('The Deployment "web" is invalid:');
    expect(ports.stderr).toContain('* spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
    expect(ports.stderr).toContain('* spec.template.spec.containers[0].ports[1].containerPort: Invalid value: 0: must be between 1 and 65535, inclusive');
    const container = await apply(deployment({ name: 'App_1' }));
    expect(container.stderr).toContain('spec.template.spec.containers[0].name: Invalid value: "App_1": a lowercase RFC 1123 label must consist of');
    const quantity = await apply(deployment({ resources: { requests: { cpu: 'lots' } } }));
    expect(quantity.stderr).toContain("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    const service = await apply(
      YAML.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: '1web', namespace: 'valid' },
        spec: { ports: [{ port: 80, targetPort: 'http_port' }] },
      }),
    );
    expect(service.stderr).toContain('metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters');
    expect(service.stderr).toContain(
      'spec.ports[0].targetPort: Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    );
    const good = await apply(deployment({ ports: [{ containerPort: 8080, name: 'http' }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }));
    expect(good.code, good.stderr).toBe(0);
  });
});
