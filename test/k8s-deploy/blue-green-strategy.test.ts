import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../actions/lib/deploy/manifests.js';
import { planColour, pointAtColour, servicesSelecting } from '../../actions/lib/strategies/blue-green.js';
import { DEPLOYMENT, SERVICE } from './manifest-fixtures.js';

describe('blue-green planning', () => {
  const AUTOSCALER = `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: inventory-service}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: inventory-service}
  minReplicas: 2
  maxReplicas: 6
`;
  const OTHER_SERVICE = `
apiVersion: v1
kind: Service
metadata: {name: postgres}
spec:
  selector: {app.kubernetes.io/name: postgres}
`;
  const objects = () => parseManifests([{ origin: 'all.yaml', text: [DEPLOYMENT, SERVICE, OTHER_SERVICE, AUTOSCALER].join('\n---\n') }]);

  it('switches only the Services whose selector matches the pods', () => {
    const all = objects();
    expect(servicesSelecting(all, all[0]!).map((service) => service.metadata.name)).toEqual(['inventory-service']);
    expect(() => servicesSelecting([all[0]!, all[2]!], all[0]!)).toThrow('no Service whose selector matches its pods');
  });

  it('names the colour after the Deployment, labels its pods with the colour and records role and Services', () => {
    const all = objects();
    const green = planColour(all[0]!, 'green', { role: 'pending', services: [all[1]!], replicas: 6 });
    expect(green.metadata).toMatchObject({
      name: 'inventory-service-green',
      labels: { 'app.kubernetes.io/name': 'inventory-service', version: 'green' },
      annotations: { 'inventory-devops.io/blue-green-role': 'pending', 'inventory-devops.io/blue-green-services': 'inventory-service' },
    });
    expect(green.spec).toMatchObject({
      replicas: 6,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'inventory-service', version: 'green' } },
      template: { metadata: { labels: { 'app.kubernetes.io/name': 'inventory-service', version: 'green' } } },
    });
    expect(planColour(all[0]!, 'blue', { role: 'serving', services: [all[1]!] }).spec?.replicas).toBe(4);
  });

  it('points the Services and the autoscaler at a colour and leaves everything else alone', () => {
    const all = objects();
    const pointed = pointAtColour(all, all[0]!, 'blue');
    expect(pointed.map((object) => object.kind)).toEqual(['Service', 'Service', 'HorizontalPodAutoscaler']);
    expect(pointed[0]!.spec?.selector).toEqual({ 'app.kubernetes.io/name': 'inventory-service', version: 'blue' });
    expect(pointed[1]).toEqual(all[2]);
    expect(pointed[2]!.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'inventory-service-blue' });
    expect(all[1]!.spec?.selector, 'the input objects are not modified').toEqual({ 'app.kubernetes.io/name': 'inventory-service' });
  });
});
