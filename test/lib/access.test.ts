import { describe, expect, it } from 'vitest';
import {
  canaryAnalyzeNeeds,
  deployNeeds,
  describeNeed,
  missingAccessMessage,
  progressiveCanaryNeeds,
  ROLLBACK_FIND,
  ROLLBACK_READ_SERVICES,
  rollbackNeeds,
  type AccessNeed,
} from '../../actions/lib/kubernetes/access.js';

const has = (needs: ReturnType<typeof deployNeeds>, verb: string, resource: string) => needs.some((n) => describeNeed(n) === `${verb} ${resource}`);

describe('the rights a run needs', () => {
  it('a rolling deploy: apply every kind, follow the rollout, see the pods, mark a failed revision, roll back', () => {
    const needs = deployNeeds({ kinds: ['Deployment', 'Service', 'ConfigMap'], strategy: 'rolling', action: 'deploy', rollbackOnFailure: true, dryRun: false });
    for (const [verb, resource] of [
      ['patch', 'deployments.apps'],
      ['create', 'services'],
      ['patch', 'configmaps'],
      ['watch', 'deployments.apps'],
      ['list', 'replicasets.apps'],
      ['list', 'pods'],
      ['patch', 'replicasets.apps'],
    ] as const)
      expect(has(needs, verb, resource), `${verb} ${resource}`).toBe(true);
    expect(has(needs, 'patch', 'horizontalpodautoscalers.autoscaling')).toBe(false);
    // One review per right, whatever uses it.
    expect(needs.filter((n) => describeNeed(n) === 'patch deployments.apps')).toHaveLength(1);
  });

  it('a dry run needs only to read and apply; a blue-green deploy reads the colours and removes a failed one', () => {
    const dry = deployNeeds({ kinds: ['Deployment'], strategy: 'rolling', action: 'deploy', rollbackOnFailure: true, dryRun: true });
    expect(dry.map(describeNeed).sort()).toEqual(['create deployments.apps', 'get deployments.apps', 'patch deployments.apps']);
    const blueGreen = deployNeeds({ kinds: ['Deployment', 'Service'], strategy: 'blue-green', action: 'deploy', rollbackOnFailure: true, dryRun: false });
    expect(has(blueGreen, 'get', 'services')).toBe(true);
    expect(has(blueGreen, 'delete', 'deployments.apps')).toBe(true);
    expect(has(rollbackNeeds('blue-green', false), 'list', 'horizontalpodautoscalers.autoscaling')).toBe(true);
  });

  const plan = (strategy: string, action: string, httpRoute = false) =>
    deployNeeds({ kinds: ['Deployment', 'Service', 'ConfigMap'], strategy, action, rollbackOnFailure: true, dryRun: false, hooks: true, httpRoute })
      .map(describeNeed)
      .sort();
  const REMOVE_DEPLOYMENTS = [
    'delete deployments.apps',
    'get deployments.apps',
    'list deployments.apps',
    'list pods',
    'list replicasets.apps',
    'watch deployments.apps',
  ];

  it.each([
    ['canary abort: removes canary and baseline, nothing else', 'canary', 'abort', false, REMOVE_DEPLOYMENTS],
    ['blue-green abort: reads the colours, removes the pending one', 'blue-green', 'abort', false, [...REMOVE_DEPLOYMENTS, 'get services'].sort()],
    [
      'gateway-api canary abort: takes the canary off the route, removes its Deployments and Service',
      'canary',
      'abort',
      true,
      [
        ...REMOVE_DEPLOYMENTS,
        'create services',
        'delete services',
        'get httproutes.gateway.networking.k8s.io',
        'get services',
        'list services',
        'patch httproutes.gateway.networking.k8s.io',
        'patch services',
        'watch services',
      ].sort(),
    ],
  ])('%s', (_, strategy, action, httpRoute, expected) => {
    expect(plan(strategy, action, httpRoute)).toEqual(expected);
  });

  it('a promote applies, follows, marks and undoes as a rolling deploy, runs post-deploy hooks, and removes what it replaced', () => {
    const canary = plan('canary', 'promote');
    for (const right of [
      'patch configmaps',
      'create services',
      'watch deployments.apps',
      'get pods/log',
      'get replicasets.apps',
      'patch replicasets.apps',
      'delete deployments.apps',
      'create jobs.batch',
    ])
      expect(canary).toContain(right);
    const blueGreen = plan('blue-green', 'promote');
    // The Services and autoscalers are re-pointed by applying them; the colours get their role by annotation.
    for (const right of ['patch services', 'create services', 'get deployments.apps', 'patch deployments.apps', 'watch deployments.apps'])
      expect(blueGreen).toContain(right);
    expect(blueGreen).not.toContain('delete deployments.apps');
    expect(blueGreen).not.toContain('create deployments.apps');
  });

  it('verify: the pod proxy with the verb of each method; a replicas canary also opens its readiness gate through pods/status', () => {
    const base = { kinds: ['Deployment'], action: 'deploy', rollbackOnFailure: true, dryRun: false };
    const verify = [{ method: 'GET' }, { method: 'HEAD' }, { method: 'POST' }];
    const rolling = deployNeeds({ ...base, strategy: 'rolling', verify });
    expect(rolling.filter((n) => n.subresource === 'proxy').map(describeNeed)).toEqual(['get pods/proxy', 'create pods/proxy']);
    expect(has(rolling, 'patch', 'pods/status')).toBe(false);
    expect(has(deployNeeds({ ...base, strategy: 'canary', verify }), 'patch', 'pods/status')).toBe(true);
    expect(has(deployNeeds({ ...base, strategy: 'canary', httpRoute: true, verify }), 'patch', 'pods/status')).toBe(false);
    expect(has(deployNeeds({ ...base, strategy: 'canary', verify: [] }), 'patch', 'pods/status')).toBe(false);
    expect(has(deployNeeds({ ...base, strategy: 'canary', action: 'promote', verify }), 'get', 'pods/proxy')).toBe(false);
  });

  it('progressive-canary: a canary deploy at each weight, whose promote and abort need no more, and the pod proxy that measures each step', () => {
    const plan = { kinds: ['Deployment', 'Service'], rollbackOnFailure: true, hooks: true };
    for (const httpRoute of [false, true]) {
      const progressive = progressiveCanaryNeeds({ ...plan, httpRoute }).map(describeNeed);
      for (const action of ['deploy', 'promote', 'abort'])
        for (const right of deployNeeds({ ...plan, httpRoute, strategy: 'canary', action, dryRun: false }).map(describeNeed))
          expect(progressive, `${action}: ${right}`).toContain(right);
    }
    const progressive = progressiveCanaryNeeds(plan).map(describeNeed);
    expect(progressive).toContain('get pods/proxy');
    expect(progressive).toContain('create jobs.batch');
    expect(progressive.filter((right) => right === 'list pods')).toHaveLength(1);
    const gateway = progressiveCanaryNeeds({ ...plan, httpRoute: true }).map(describeNeed);
    expect(gateway).toContain('patch httproutes.gateway.networking.k8s.io');
    expect(gateway).toContain('get pods/proxy');
  });

  it('a Namespace in the manifests is a cluster-wide right; unknown kinds are left to the server-side dry run', () => {
    const needs = deployNeeds({ kinds: ['Namespace', 'Widget'], strategy: 'rolling', action: 'deploy', rollbackOnFailure: false, dryRun: true });
    expect(needs.every((n) => n.resource === 'namespaces' && n.clusterScoped)).toBe(true);
  });

  it('the rollback needs depend on what k8s-deploy left', () => {
    expect(has(rollbackNeeds('revision', false), 'patch', 'deployments.apps')).toBe(true);
    expect(has(rollbackNeeds('revision', false), 'patch', 'services')).toBe(false);
    expect(has(rollbackNeeds('canary', false), 'delete', 'deployments.apps')).toBe(true);
    expect(has(rollbackNeeds('blue-green', false), 'patch', 'services')).toBe(true);
  });

  it("the rollback's reads, checked before it knows its path, are in the list of every path that makes them", () => {
    const rights = (needs: readonly AccessNeed[]) => needs.map(describeNeed);
    for (const kind of ['revision', 'canary', 'blue-green'] as const)
      expect(rights(rollbackNeeds(kind, false))).toEqual(expect.arrayContaining(rights(ROLLBACK_FIND)));
    expect(rights(rollbackNeeds('blue-green', false))).toEqual(expect.arrayContaining(rights(ROLLBACK_READ_SERVICES)));
  });

  it('canary-analyze: the direct provider lists the pods and reads them through the pod proxy; Prometheus needs no Kubernetes right', () => {
    expect(canaryAnalyzeNeeds('direct').map(describeNeed)).toEqual(['list pods', 'get pods/proxy']);
    expect(canaryAnalyzeNeeds('prometheus')).toEqual([]);
  });

  it('names every missing verb and resource, where, and what for', () => {
    const missing = rollbackNeeds('revision', false).filter((n) => n.verb === 'patch' || (n.resource === 'pods' && !n.subresource));
    const message = missingAccessMessage(missing, 'shop', 'the rollback');
    expect(message).toContain('lack 2 rights the rollback needs, so nothing was changed');
    expect(message).toContain('list pods in namespace shop: to see crashing or unschedulable pods while waiting');
    expect(message).toContain('patch deployments.apps in namespace shop: to roll the Deployment back (kubectl rollout undo)');
    expect(message).toContain('kubectl auth can-i list pods -n shop');
  });
});
