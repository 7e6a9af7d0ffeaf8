import YAML from 'yaml';
import { expect, it } from 'vitest';
import { startCluster } from '../src/cluster.js';
import { describeWithTools } from '../../harness/tools.js';
import { FIXTURE_IMAGES, webManifests } from './fixtures/manifests.js';
import { waitFor } from './fixtures/processes.js';

const GATE = 'example.com/verified';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/**
 * Pod readiness gates as the kubelet applies them (pkg/kubelet/status/generate.go
 * GeneratePodReadyCondition; "Pod readiness gate" in the Pod lifecycle docs): Ready needs ready
 * containers and every gate's condition True, the condition set by another client through
 * pods/status, and the kubelet keeps that condition when it writes the pod's status.
 */
describeWithTools(['kubectl'], 'emulator readiness gates', () => {
  it('keeps a pod out of Ready and out of its Service until the gate condition is True, and takes it out again when it turns False', async () => {
    const cluster = await startCluster({ images: FIXTURE_IMAGES });
    try {
      const kubectl = async (...args: string[]) => {
        const result = await cluster.kubectl(args);
        expect(result.code, result.stderr).toBe(0);
        return result.stdout;
      };
      const documents = YAML.parseAllDocuments(webManifests({ namespace: 'gates', replicas: 1 })).map(
        (document) => document.toJSON() as { kind: string; spec: { template: { spec: Record<string, unknown> } } },
      );
      documents.find((document) => document.kind === 'Deployment')!.spec.template.spec.readinessGates = [{ conditionType: GATE }];
      const applied = await cluster.kubectl(['apply', '--server-side', '--field-manager=test', '-f', '-'], {
        input: documents.map((d) => YAML.stringify(d)).join('---\n'),
      });
      expect(applied.code, applied.stderr).toBe(0);

      const pod = async () =>
        JSON.parse(await kubectl('get', 'pods', '-n', 'gates', '-l', 'app=web', '-o', 'jsonpath={.items[0]}')) as {
          metadata: { name: string };
          status: { conditions: Condition[] };
        };
      const condition = (conditions: Condition[], type: string) => conditions.find((c) => c.type === type);
      const held = await waitFor('containers ready behind the gate', async () => {
        const found = await pod();
        return condition(found.status.conditions ?? [], 'ContainersReady')?.status === 'True' ? found : undefined;
      });
      expect(condition(held.status.conditions, 'Ready')).toMatchObject({
        status: 'False',
        reason: 'ReadinessGatesNotReady',
        message: `corresponding condition of pod readiness gate "${GATE}" does not exist.`,
      });
      const endpoints = async () =>
        JSON.parse(await kubectl('get', 'endpoints', 'web', '-n', 'gates', '-o', 'json')) as {
          subsets?: Array<{ addresses?: unknown[]; notReadyAddresses?: unknown[] }>;
        };
      expect((await endpoints()).subsets?.[0]?.addresses).toBeUndefined();
      expect(await kubectl('rollout', 'status', 'deployment/web', '-n', 'gates', '--timeout=2s').catch(() => 'not complete')).toBe('not complete');

      const setGate = (status: string) =>
        kubectl(
          'patch',
          'pod',
          held.metadata.name,
          '-n',
          'gates',
          '--subresource=status',
          '--type=strategic',
          `--patch=${JSON.stringify({ status: { conditions: [{ type: GATE, status }] } })}`,
        );
      await setGate('True');
      const opened = await waitFor('Ready once the gate is True', async () => {
        const found = await pod();
        return condition(found.status.conditions, 'Ready')?.status === 'True' ? found : undefined;
      });
      expect(condition(opened.status.conditions, GATE)?.status).toBe('True');
      await kubectl('rollout', 'status', 'deployment/web', '-n', 'gates', '--timeout=10s');
      await waitFor('the pod among the Service endpoints', async () => ((await endpoints()).subsets?.[0]?.addresses?.length ?? 0) === 1);

      await setGate('False');
      const closed = await waitFor('not Ready once the gate is False', async () => {
        const found = await pod();
        return condition(found.status.conditions, 'Ready')?.status === 'False' ? found : undefined;
      });
      expect(condition(closed.status.conditions, 'Ready')?.message).toBe(`the status of pod readiness gate "${GATE}" is not "True", but False`);
      expect(condition(closed.status.conditions, 'ContainersReady')?.status).toBe('True');
      await waitFor('the pod out of the Service endpoints', async () => ((await endpoints()).subsets?.[0]?.addresses?.length ?? 0) === 0);
    } finally {
      await cluster.stop();
    }
  }, 60_000);
});
