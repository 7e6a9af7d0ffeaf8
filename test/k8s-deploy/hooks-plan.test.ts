import { describe, expect, it } from 'vitest';
import { hookRunJob, hookRunSuffix, MAX_HOOK_NAME_LENGTH, planHooks } from '../../actions/lib/kubernetes/hooks.js';
import type { KubeObject } from '../../actions/lib/kubernetes/objects.js';

function job(name: string, annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, annotations },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'task', image: 'inventory-service:2.0.0' }] } } },
  };
}

const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'inventory-service' }, spec: {} };
const hook = (phase: string, weight?: string) => ({
  'inventory-devops.io/hook': phase,
  ...(weight === undefined ? {} : { 'inventory-devops.io/hook-weight': weight }),
});

describe('planHooks', () => {
  it('splits hook Jobs from the rest and orders each phase by weight, then name', () => {
    const plan = planHooks([
      deployment,
      job('migrate', hook('pre-deploy', '0')),
      job('backup', hook('pre-deploy', '-5')),
      job('announce', hook('pre-deploy')),
      job('smoke-test', hook('post-deploy', '+3')),
      job('reindex'),
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'backups', annotations: hook('pre-deploy', '-20') } },
    ]);
    expect(plan.pre.map((h) => [h.name, h.weight])).toEqual([
      ['backups', -20],
      ['backup', -5],
      ['announce', 0],
      ['migrate', 0],
    ]);
    expect(plan.post.map((h) => [h.name, h.weight])).toEqual([['smoke-test', 3]]);
    expect(plan.objects.map((object) => object.metadata.name)).toEqual(['inventory-service', 'reindex']);
  });

  it.each<[string, KubeObject, string]>([
    [
      'an unknown phase',
      job('migrate', hook('pre-install')),
      'Job/migrate has annotation inventory-devops.io/hook "pre-install": expected pre-deploy or post-deploy',
    ],
    ['weight NaN', job('migrate', hook('pre-deploy', 'NaN')), 'Job/migrate has annotation inventory-devops.io/hook-weight "NaN": expected an integer'],
    ['weight 1e400', job('migrate', hook('pre-deploy', '1e400')), 'annotation inventory-devops.io/hook-weight "1e400": expected an integer'],
    ['weight 2.5', job('migrate', hook('pre-deploy', '2.5')), 'hook-weight "2.5": expected an integer'],
    ['a ten-digit weight', job('migrate', hook('pre-deploy', '9999999999')), 'hook-weight "9999999999": expected an integer'],
    [
      'a weight without a hook',
      job('migrate', { 'inventory-devops.io/hook-weight': '1' }),
      'Job/migrate has annotation inventory-devops.io/hook-weight but no',
    ],
    [
      'a hook on a Deployment',
      { ...deployment, metadata: { name: 'inventory-service', annotations: hook('pre-deploy') } },
      'Deployment/inventory-service has annotation inventory-devops.io/hook: a hook is a batch/v1 Job (run to completion) or an object it needs',
    ],
    ['a flag-shaped name', job('--namespace=kube-system', hook('pre-deploy')), 'has Job name "--namespace=kube-system"'],
    ['a name with no room for the run suffix', job('m'.repeat(MAX_HOOK_NAME_LENGTH + 1), hook('pre-deploy')), 'expected at most 54'],
    ['markup in the phase', job('migrate', hook('<img src=x onerror=alert(1)>')), 'hook "<img src=x onerror=alert(1)>": expected pre-deploy or post-deploy'],
  ])('refuses %s, naming the object and what was expected', (_, object, message) => {
    expect(() => planHooks([deployment, object])).toThrow(message);
  });
});

describe('hook runs', () => {
  it('runs under a new name each time, labelled with the hook, within 63 characters', () => {
    const [first] = planHooks([job('m'.repeat(MAX_HOOK_NAME_LENGTH), hook('pre-deploy'))]).pre;
    const a = hookRunJob(first!, hookRunSuffix(1_800_000_000_000));
    const b = hookRunJob(first!, hookRunSuffix(1_800_000_000_001));
    expect(a.metadata.name).not.toBe(b.metadata.name);
    expect(a.metadata.name.length).toBe(63);
    expect(a.metadata.labels).toEqual({ 'inventory-devops.io/hook-name': first!.name });
    expect(first!.object.metadata.name).toBe('m'.repeat(MAX_HOOK_NAME_LENGTH));
  });
});
