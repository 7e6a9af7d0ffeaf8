import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../actions/lib/deploy/manifests.js';
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

describe('the canary header rule', () => {
  const api = {
    name: 'api',
    matches: [{ path: { type: 'PathPrefix', value: '/api' } }, { path: { type: 'Exact', value: '/health' }, method: 'GET' }],
    filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-via', value: 'edge' }] } }],
    backendRefs: [{ name: 'inventory', port: 80, weight: 5 }],
  };
  const other = { matches: [{ path: { type: 'PathPrefix', value: '/docs' } }], backendRefs: [{ name: 'docs', port: 8080 }] };
  const always = { name: 'x-canary', value: 'always' };

  it('precedes each stable rule with a copy of its matches plus the header, sending to the canary Service only', () => {
    expect(rulesWithCanary(route([other, api]), 'inventory', 'inventory-canary', 10, always)).toEqual([
      other,
      {
        matches: [
          { path: { type: 'PathPrefix', value: '/api' }, headers: [{ type: 'Exact', name: 'x-canary', value: 'always' }] },
          { path: { type: 'Exact', value: '/health' }, method: 'GET', headers: [{ type: 'Exact', name: 'x-canary', value: 'always' }] },
        ],
        filters: api.filters,
        backendRefs: [{ name: 'inventory-canary', port: 80 }],
      },
      {
        ...api,
        backendRefs: [
          { name: 'inventory', port: 80, weight: 90 },
          { name: 'inventory-canary', port: 80, weight: 10 },
        ],
      },
    ]);
  });

  it('keeps the header matches a rule has, and matches every path for a rule without matches', () => {
    const tenant = {
      matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'x-tenant', value: 'a' }] }],
      backendRefs: [{ name: 'inventory' }],
    };
    const [copy] = rulesWithCanary(route([tenant]), 'inventory', 'inventory-canary', 10, always);
    expect(copy).toMatchObject({
      matches: [
        {
          headers: [
            { name: 'x-tenant', value: 'a' },
            { type: 'Exact', name: 'x-canary', value: 'always' },
          ],
        },
      ],
    });
    const [everyPath] = rulesWithCanary(route([{ backendRefs: [{ name: 'inventory' }] }]), 'inventory', 'inventory-canary', 10, always);
    expect(everyPath).toMatchObject({ matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'x-canary' }] }] });
  });

  it('matches any value of a header given without one by the expression .*', () => {
    const [copy] = rulesWithCanary(route([api]), 'inventory', 'inventory-canary', 10, { name: 'X-Tester' });
    const anyValue = { headers: [{ type: 'RegularExpression', name: 'X-Tester', value: '.*' }] };
    expect(copy).toMatchObject({ matches: [anyValue, anyValue] });
  });

  it('is replaced by a new step, dropped by a step without a header, and removed with the weights', () => {
    const first = rulesWithCanary(route([api, other]), 'inventory', 'inventory-canary', 10, always);
    const second = rulesWithCanary(route(first), 'inventory', 'inventory-canary', 25, { name: 'x-qa' });
    expect(second).toHaveLength(3);
    expect(second[0]).toMatchObject({ matches: [{ headers: [{ name: 'x-qa' }] }, { headers: [{ name: 'x-qa' }] }] });
    expect(second[1]).toMatchObject({ backendRefs: [{ weight: 75 }, { weight: 25 }] });
    expect(rulesWithCanary(route(second), 'inventory', 'inventory-canary', 50)).toHaveLength(2);
    expect(rulesWithoutCanary(route(second), 'inventory', 'inventory-canary')).toEqual([
      { ...api, backendRefs: [{ name: 'inventory', port: 80, weight: 100 }] },
      other,
    ]);
  });

  it.each([
    [
      'a rule that already matches on the header (in any case)',
      [{ matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-Canary', value: 'no' }] }], backendRefs: [{ name: 'inventory' }] }],
      /Input "canary-header" names header x-canary, which a rule of HTTPRoute\/shop already matches on.*Nothing was changed/,
    ],
    [
      'a match with 16 header matches already',
      [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: Array.from({ length: 16 }, (_, index) => ({ name: `h${index}`, value: 'v' })) }],
          backendRefs: [{ name: 'inventory' }],
        },
      ],
      /already has 16 header matches, the most Gateway API allows.*Nothing was changed/,
    ],
    [
      'more than 16 rules with the copies',
      Array.from({ length: 9 }, (_, index) => ({ matches: [{ path: { type: 'PathPrefix', value: `/p${index}` } }], backendRefs: [{ name: 'inventory' }] })),
      /would have 18 rules with those of input "canary-header", more than the 16 Gateway API allows.*Nothing was changed/,
    ],
  ])('refuses %s', (_, rules, message) => {
    expect(() => rulesWithCanary(route(rules), 'inventory', 'inventory-canary', 10, always)).toThrow(message);
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
