import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploySecretInputs } from '../../actions/lib/deploy/inputs.js';
import { k8sDeployInputs } from '../../actions/k8s-deploy/src/inputs.js';
import { carries } from '../harness/hostile.js';
import { recordTools } from '../harness/recording-tools.js';
import { runBundle } from '../harness/run-bundle.js';
import { describeWithTools } from '../harness/tools.js';
import { BOGUS_KUBECONFIG, hostileInputTable } from '../harness/hostile-table.js';
import { OVERLAY } from './steps.js';

// No cluster needed: every value here must be refused before kubectl runs.
describeWithTools(['kubectl'], 'k8s-deploy: hostile names, namespaces and selectors', () => {
  hostileInputTable({
    action: 'actions/k8s-deploy',
    inputs: { manifests: OVERLAY, kubeconfig: BOGUS_KUBECONFIG },
    hostile: ['namespace'],
    shape: k8sDeployInputs,
    secret: deploySecretInputs,
  });

  describe('names and namespaces written in the manifests', () => {
    const deployment = (metadata: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: ${metadata}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: web:1}]}\n`;

    it.each([
      ['a Deployment named like a flag', '{name: "--all"}', '--all', 'has Deployment name "--all"'],
      ['a Deployment named with a selector', '{name: "--selector=app!=x"}', '--selector=app!=x', 'has Deployment name "--selector=app!=x"'],
      ['a namespace like a flag', '{name: web, namespace: "-n kube-system"}', '-n kube-system', 'metadata.namespace has Namespace name "-n kube-system"'],
      ['a namespace with a path', '{name: web, namespace: "../../etc"}', '../../etc', 'metadata.namespace has Namespace name "../../etc"'],
    ])('%s: an error naming the file, and no kubectl call carries it', async (_label, metadata, value, message) => {
      const workspace = await mkdtemp(join(tmpdir(), 'hostile-manifests-'));
      await writeFile(join(workspace, 'deploy.yaml'), deployment(metadata));
      const tools = await recordTools(['kubectl']);
      const run = await runBundle({
        action: 'actions/k8s-deploy',
        inputs: { manifests: 'deploy.yaml', kubeconfig: BOGUS_KUBECONFIG },
        env: { PATH: tools.path },
        workspace,
      });
      expect(run.exitCode).toBe(1);
      expect(run.annotations.find((annotation) => annotation.level === 'error')?.message).toContain(`deploy.yaml (document 1)`);
      expect(run.annotations.find((annotation) => annotation.level === 'error')?.message).toContain(message);
      expect(carries(await tools.calls(), value)).toBe(false);
    });
  });
});
