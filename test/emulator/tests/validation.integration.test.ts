import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { rawRequest } from '../../harness/raw-request.js';
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

const manifest = (apiVersion: string, kind: string, name: string, spec: object): string =>
  YAML.stringify({ apiVersion, kind, metadata: { name, namespace: 'valid' }, spec });

const apply = (input: string, ...flags: string[]) => cluster.kubectl(['apply', '--server-side', ...flags, '-f', '-'], { input });

describe('field and value validation, through the real kubectl', () => {
  it('refuses unknown fields in a server-side apply in the typed conversion, whatever --validate says, and decodes the others strictly', async () => {
    const typed =
      'Error from server: failed to create typed patch object (valid/web; apps/v1, Kind=Deployment): errors:\n' +
      '  .spec.template.spec.containers[name="app"].imagePullPolcy: field not declared in schema\n' +
      '  .spec.template.spec.containers[name="app"].ports[containerPort=8080,protocol="TCP"].protocl: field not declared in schema';
    const manifest = deployment({ imagePullPolcy: 'Always', ports: [{ containerPort: 8080, protocl: 'TCP' }] });
    for (const flags of [[], ['--validate=warn']]) {
      const result = await apply(manifest, ...flags);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(typed);
    }
    const clientSide = await cluster.kubectl(['apply', '-f', '-'], { input: deployment({ livenessProbe: { httpGet: { port: 8080, pth: '/x' } } }) });
    expect(clientSide.stderr).toContain(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].livenessProbe.httpGet.pth"',
    );
    expect((await cluster.kubectl(['get', 'deployment', 'web', '-n', 'valid', '--ignore-not-found'])).stdout).toBe('');
  });

  it('accepts them with a Warning under fieldValidation=Warn (kubectl --validate=warn) and drops them', async () => {
    const result = await cluster.kubectl(['apply', '--validate=warn', '-f', '-'], { input: deployment({ imagePullPolcy: 'Always' }, 'warned') });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Warning: unknown field "spec.template.spec.containers[0].imagePullPolcy"');
    const stored = await cluster.kubectl(['get', 'deployment', 'warned', '-n', 'valid', '-o', 'jsonpath={.spec.template.spec.containers[0]}']);
    expect(stored.stdout).toContain('"image":"nothing:v1"');
    expect(stored.stdout).not.toContain('imagePullPolcy');
  });

  it('refuses a patch whose result has unknown fields under Strict with the 422 on "patch", and sorts managedFields as the server', async () => {
    // kubectl patch sends no fieldValidation (the server's default, Warn), so the Strict answer is seen over raw HTTP.
    const patch = (body: string, contentType: string) =>
      rawRequest(cluster.kubeconfigPath, 'PATCH', '/apis/apps/v1/namespaces/valid/deployments/warned?fieldValidation=Strict', body, contentType);
    const merge = await patch('{"spec":{"pausd":true}}', 'application/merge-patch+json');
    const status = JSON.parse(merge.body) as { message: string; reason: string; details: { causes: { field: string; message: string }[] } };
    expect([merge.status, status.reason, status.details.causes[0]?.field]).toEqual([422, 'Invalid', 'patch']);
    expect(status.message).toMatch(
      /^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"apps\/v1\\",.*\\"pausd\\":true.*": strict decoding error: unknown field "spec.pausd"$/s,
    );
    const strategic = await patch('{"spec":{"replicas":1,"replica":2}}', 'application/strategic-merge-patch+json');
    expect(JSON.parse(strategic.body)).toMatchObject({
      code: 422,
      message: ' "" is invalid: patch: Invalid value: "map[spec:map[replica:2 replicas:1]]": strict decoding error: unknown field "spec.replica"',
    });
    expect((await cluster.kubectl(['patch', 'deployment', 'warned', '-n', 'valid', '-p', '{"spec":{"replica":2}}'])).stderr).toBe(
      'Warning: unknown field "spec.replica"\n',
    );
    // Created (an Update), then applied by another manager: the Apply entry comes first.
    expect((await cluster.kubectl(['create', '-f', '-'], { input: deployment({}, 'ordered') })).code).toBe(0);
    expect((await apply(deployment({}, 'ordered'), '--field-manager=deployer')).code).toBe(0);
    const managers = await cluster.kubectl([
      'get',
      'deployment',
      'ordered',
      '-n',
      'valid',
      '--show-managed-fields',
      '-o',
      'jsonpath={.metadata.managedFields[*].manager}',
    ]);
    expect(managers.stdout).toBe('deployer kubectl-create');
  });

  it('validates PodDisruptionBudget values and a Job restartPolicy, with every cause', async () => {
    const budget = await apply(
      manifest('policy/v1', 'PodDisruptionBudget', 'budget', { minAvailable: '150%', selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }),
    );
    expect(budget.stderr).toContain('The PodDisruptionBudget "budget" is invalid: \n');
    expect(budget.stderr).toContain('* spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%');
    expect(budget.stderr).toContain("* spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
    const job = await apply(manifest('batch/v1', 'Job', 'once', { template: { spec: { containers: [{ name: 'app', image: 'nothing:v1' }] } } }));
    expect(job.stderr).toContain(
      'The Job "once" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
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
    const service = await apply(manifest('v1', 'Service', '1web', { ports: [{ port: 80, targetPort: 'http_port' }] }));
    expect(service.stderr).toContain('metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters');
    expect(service.stderr).toContain(
      'spec.ports[0].targetPort: Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    );
    const good = await apply(deployment({ ports: [{ containerPort: 8080, name: 'http' }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }));
    expect(good.code, good.stderr).toBe(0);
  });
});
