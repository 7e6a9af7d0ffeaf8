import { describe, expect, it } from 'vitest';
import { substituteImages } from '../../actions/lib/deploy/images.js';
import { parseManifests } from '../../actions/lib/deploy/manifests.js';
import { canaryReplicaCount, canarySelectors, planCanary } from '../../actions/lib/strategies/canary.js';
import { singleDeployment } from '../../actions/lib/kubernetes/deployment-variants.js';
import type { KubeObject } from '../../actions/lib/kubernetes/objects.js';
import { deployment, SERVICE } from './manifest-fixtures.js';

describe('canary planning', () => {
  it.each([
    [4, 25, undefined, 1],
    [10, 25, undefined, 3],
    [1, 10, undefined, 1],
    [4, 25, 2, 2],
  ])('%i stable replicas at %i%% (explicit %s) → %i canary replicas', (stable, percentage, explicit, expected) => {
    expect(canaryReplicaCount(stable, percentage, explicit)).toBe(expected);
  });

  it('runs the serving template as baseline and the new one as canary, told apart by track', () => {
    const stable = deployment();
    stable.metadata.annotations = { 'deployment.kubernetes.io/revision': '3', 'inventory-devops.io/commit': 'old' };
    const next = substituteImages([deployment()], ['inventory-service:2']).objects[0]!;
    const { baseline, canary } = planCanary(stable, next, 1);
    expect(baseline.metadata).toEqual({
      name: 'inventory-service-baseline',
      labels: { 'app.kubernetes.io/name': 'inventory-service', track: 'baseline' },
      annotations: { 'inventory-devops.io/commit': 'old' },
    });
    expect(canary.metadata.name).toBe('inventory-service-canary');
    expect(canary.spec).toMatchObject({
      replicas: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'inventory-service', track: 'canary' } },
      template: { metadata: { labels: { 'app.kubernetes.io/name': 'inventory-service', track: 'canary' } } },
    });
    const images = (object: KubeObject) => (object.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0]!.image;
    expect(images(baseline)).toBe('registry.example.com/shop/inventory-service:1.0.0');
    expect(images(canary)).toBe('inventory-service:2');
  });

  it("drops the controller's revision and kubectl's last-applied configuration from the copies, and keeps the rest", () => {
    const stable = deployment();
    stable.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '7', team: 'shop' };
    const { baseline, canary } = planCanary(stable, stable, 1);
    expect(baseline.metadata.annotations).toEqual({ team: 'shop' });
    expect(canary.metadata.annotations).toEqual({ team: 'shop' });
  });

  it("gives canary-analyze the selectors of the baseline's and the canary's pods, and refuses a Deployment without matchLabels", () => {
    expect(canarySelectors(deployment())).toEqual({
      baselineSelector: 'app.kubernetes.io/name=inventory-service,track=baseline',
      canarySelector: 'app.kubernetes.io/name=inventory-service,track=canary',
    });
    const unselected = deployment();
    unselected.spec = { ...unselected.spec, selector: { matchExpressions: [] } };
    expect(() => canarySelectors(unselected)).toThrow('Deployment/inventory-service has no spec.selector.matchLabels');
  });

  it('works on exactly one Deployment', () => {
    expect(() => singleDeployment(parseManifests([{ origin: 's', text: SERVICE }]), 'canary')).toThrow(
      'The canary strategy deploys exactly one Deployment per step; the manifests have 0',
    );
  });
});
