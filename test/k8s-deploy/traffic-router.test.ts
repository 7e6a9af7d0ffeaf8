import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../actions/k8s-deploy/src/manifests.js';
import type { KubeObject } from '../../actions/lib/kubernetes/objects.js';
import { planCanaryBehindRoute } from '../../actions/lib/strategies/gateway-canary.js';
import { deployment, SERVICE } from './manifest-fixtures.js';
import { planReplicaSplit, routeReferences, rulesWithCanary, rulesWithoutCanary, splitWarning } from '../../actions/lib/strategies/traffic-router.js';

describe('planReplicaSplit', () => {
  it.each([
    // asked %, stable replicas, max surge → canary, baseline, achieved %
    [25, 3, 3, 1, 1, 20],
    [10, 3, 3, 1, 1, 20],
    [10, 9, 9, 1, 1, 9.1],
    [10, 16, 16, 2, 2, 10],
    [50, 3, 3, 2, 1, 33.3],
    [50, 3, 10, 4, 1, 50],
    [25, 10, 10, 4, 2, 25],
    [25, 10, 2, 1, 1, 8.3],
    [100, 2, 2, 1, 1, 25],
    [25, 0, 2, 1, 1, 50],
    [1, 100, 2, 1, 1, 1],
  ])('%i%% with %i stable replicas and a surge of %i: %i canary, %i baseline, %f%%', (asked, stable, surge, canary, baseline, achieved) => {
    expect(planReplicaSplit(asked, stable, surge)).toEqual({ canary, baseline, stable, achievedPercentage: achieved });
  });

  it('never surges past the bound', () => {
    for (let asked = 1; asked <= 100; asked++) {
      for (const surge of [2, 3, 5, 8]) {
        const split = planReplicaSplit(asked, 4, surge);
        expect(split.canary + split.baseline).toBeLessThanOrEqual(surge);
        expect(split.baseline).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('warns when the closest split is more than 5 points from the ask', () => {
    expect(splitWarning(25, planReplicaSplit(25, 3, 3), 3)).toBeUndefined();
    expect(splitWarning(10, planReplicaSplit(10, 3, 3), 3)).toMatch(/gets 20% of the traffic, not the 10% asked.*max-surge-replicas/);
  });
});

function route(rules: unknown[]): KubeObject {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'shop' }, spec: { parentRefs: [{ name: 'edge' }], rules } };
}

describe('HTTPRoute weights', () => {
  const api = { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'inventory', port: 80 }] };
  const other = { matches: [{ path: { type: 'PathPrefix', value: '/docs' } }], backendRefs: [{ name: 'docs', port: 8080 }] };

  it('splits the rules that send traffic to the stable Service, and only those', () => {
    const weighed = rulesWithCanary(route([api, other]), 'inventory', 'inventory-canary', 10);
    expect(weighed).toEqual([
      {
        ...api,
        backendRefs: [
          { name: 'inventory', port: 80, weight: 90 },
          { name: 'inventory-canary', port: 80, weight: 10 },
        ],
      },
      other,
    ]);
    expect(rulesWithCanary(route(weighed), 'inventory', 'inventory-canary', 25)[0]).toMatchObject({
      backendRefs: [{ weight: 75 }, { name: 'inventory-canary', weight: 25 }],
    });
    expect(rulesWithoutCanary(route(weighed), 'inventory', 'inventory-canary')).toEqual([
      { ...api, backendRefs: [{ name: 'inventory', port: 80, weight: 100 }] },
      other,
    ]);
  });

  it('knows which Services a route fronts, by core Service references only', () => {
    expect(routeReferences(route([api]), 'inventory')).toBe(true);
    expect(routeReferences(route([other]), 'inventory')).toBe(false);
    expect(routeReferences(route([{ backendRefs: [{ name: 'inventory', kind: 'ServiceImport', group: 'multicluster.x-k8s.io' }] }]), 'inventory')).toBe(false);
  });

  it('refuses a rule that shares the stable Service with other backends', () => {
    const shared = {
      backendRefs: [
        { name: 'inventory', port: 80 },
        { name: 'legacy', port: 80 },
      ],
    };
    expect(() => rulesWithCanary(route([shared]), 'inventory', 'inventory-canary', 10)).toThrow(
      /other backends beside Service\/inventory.*Nothing was changed/,
    );
  });
});

describe('canary behind an HTTPRoute', () => {
  it("moves the canary's pods out of the stable Service and gives them a copy of it", () => {
    const service = parseManifests([{ origin: 'service.yaml', text: SERVICE }])[0]!;
    const { baseline, canary, service: canaryService } = planCanaryBehindRoute(deployment(), deployment(), 2, service);
    const podLabels = (object: KubeObject) => (object.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
    expect(podLabels(baseline)).toMatchObject({ 'app.kubernetes.io/name': 'inventory-service', track: 'baseline' });
    expect(podLabels(canary)).toMatchObject({ 'app.kubernetes.io/name': 'inventory-service-canary', track: 'canary' });
    expect(canary.spec?.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'inventory-service-canary', track: 'canary' } });
    expect(canaryService).toMatchObject({
      metadata: { name: 'inventory-service-canary' },
      spec: { type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'inventory-service-canary', track: 'canary' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
  });
});
