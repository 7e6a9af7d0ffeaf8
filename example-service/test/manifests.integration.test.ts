import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const SERVICE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const KUBECTL = '/usr/bin/kubectl';
const hasKubectl = existsSync(KUBECTL);
if (!hasKubectl) console.warn(`skipped: manifest tests need kubectl at ${KUBECTL}`);

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

async function render(overlay: string): Promise<Manifest[]> {
  const { stdout } = await promisify(execFile)(KUBECTL, ['kustomize', `${SERVICE_ROOT}k8s/overlays/${overlay}`]);
  return parseAllDocuments(stdout).map((document) => document.toJS() as Manifest);
}

// Rendered YAML is checked field by field; typing every Kubernetes kind here would add nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

function find(manifests: Manifest[], kind: string, name: string): Manifest & { spec: Loose } {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name.startsWith(name));
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found as Manifest & { spec: Loose };
}

describe.skipIf(!hasKubectl)('Kubernetes manifests (kubectl kustomize)', () => {
  it.each(['staging', 'production', 'kind'])('the %s overlay renders a hardened, probed deployment', async (overlay) => {
    const manifests = await render(overlay);
    const kinds = new Set(manifests.map((manifest) => manifest.kind));
    for (const kind of ['Namespace', 'ConfigMap', 'Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy']) {
      expect(kinds, kind).toContain(kind);
    }
    const deployment = find(manifests, 'Deployment', 'inventory-service');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(container.name).toBe('inventory');
    expect(container.image).toBe('inventory-service:1.0.0');
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits).toBeDefined();
    const databaseUrl = container.env.find((variable: { name: string }) => variable.name === 'DATABASE_URL');
    expect(databaseUrl.valueFrom.secretKeyRef.key).toBe('url');
    expect(databaseUrl.value).toBeUndefined();
    expect(find(manifests, 'Service', 'inventory-service').spec.ports[0]).toMatchObject({ port: 80, targetPort: 'http' });
    expect(deployment.metadata.namespace).toBe(find(manifests, 'Namespace', 'inventory').metadata.name);
  });

  it('commits no credentials outside the kind database overlay', async () => {
    for (const overlay of ['staging', 'production', 'kind']) {
      expect((await render(overlay)).filter((manifest) => manifest.kind === 'Secret')).toEqual([]);
    }
  });

  it('gives kind an in-cluster PostgreSQL, deployed first with the Secret that the migration hook and the pods read', async () => {
    const database = await render('kind-database');
    expect(find(database, 'StatefulSet', 'inventory-postgres').spec.template.spec.containers[0].image).toMatch(/^postgres:/);
    const secret = find(database, 'Secret', 'inventory-database');
    expect(secret.metadata.name).toBe('inventory-database');
    const service = await render('kind');
    const migration = find(service, 'Job', 'inventory-migrate') as Manifest & { spec: Loose; metadata: { annotations: Record<string, string> } };
    expect(migration.metadata.annotations['inventory-devops.io/hook']).toBe('pre-deploy');
    expect(find(service, 'ConfigMap', 'inventory-config').data?.MIGRATE_ON_START).toBe('false');
    const readers = [migration, find(service, 'Deployment', 'inventory-service')];
    for (const reader of readers) expect(reader.spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name).toBe(secret.metadata.name);
    // The database's NetworkPolicy lets the migration's pods in, not only the service's.
    const ingress = find(database, 'NetworkPolicy', 'inventory-postgres').spec.ingress[0].from[0].podSelector.matchExpressions[0];
    expect(ingress).toMatchObject({ key: 'app.kubernetes.io/name', operator: 'In' });
    for (const reader of readers) expect(ingress.values).toContain(reader.spec.template.metadata.labels['app.kubernetes.io/name']);
  });
});

describe('Dockerfile', () => {
  it('is multi-stage, runs as a non-root user with production dependencies only, and has a health check', async () => {
    const dockerfile = await readFile(`${SERVICE_ROOT}Dockerfile`, 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health/m);
    expect(dockerfile).toMatch(/^CMD \["node", "example-service\/dist\/server\.js"\]$/m);
  });
});
