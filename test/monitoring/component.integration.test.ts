// kubectl kustomize: an overlay that opts into components/monitoring renders the three objects,
// in the overlay's namespace, with the labels the Prometheus Operator and Grafana's sidecar look for.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { describeWithTools } from '../harness/tools.js';
import { dashboardSchema, SERVICE_ROOT } from './monitoring-files.js';

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { groups?: Array<{ rules: unknown[] }> };
  data?: Record<string, string>;
}

describeWithTools(['kubectl'], 'the monitoring component', () => {
  it('renders a PodMonitor, the PrometheusRule and the dashboard ConfigMap into the overlay', async () => {
    const overlay = await mkdtemp(join(tmpdir(), 'inventory-monitoring-'));
    try {
      const from = (path: string) => relative(overlay, `${SERVICE_ROOT}k8s/${path}`);
      await writeFile(
        join(overlay, 'kustomization.yaml'),
        [
          'apiVersion: kustomize.config.k8s.io/v1beta1',
          'kind: Kustomization',
          'namespace: inventory-staging',
          `resources: [${from('overlays/staging')}]`,
          `components: [${from('components/monitoring')}]`,
        ].join('\n'),
      );
      const { stdout } = await promisify(execFile)('kubectl', ['kustomize', overlay]);
      const manifests = parseAllDocuments(stdout).map((document) => document.toJS() as Manifest);
      const find = (kind: string) => manifests.find((manifest) => manifest.kind === kind)!;
      expect(find('PodMonitor').metadata).toMatchObject({ name: 'inventory-service', namespace: 'inventory-staging' });
      const rule = find('PrometheusRule');
      expect(rule.metadata.namespace).toBe('inventory-staging');
      expect(rule.spec?.groups?.flatMap((group) => group.rules)).toHaveLength(24);
      const dashboard = manifests.find((manifest) => manifest.kind === 'ConfigMap' && manifest.metadata.labels?.grafana_dashboard === '1')!;
      expect(dashboard.metadata.name).toBe('inventory-service-dashboard');
      expect(dashboardSchema.parse(JSON.parse(dashboard.data!['inventory-service.json']!)).uid).toBe('inventory-service');
      expect(manifests.some((manifest) => manifest.kind === 'Deployment')).toBe(true);
    } finally {
      await rm(overlay, { recursive: true, force: true });
    }
  });
});
