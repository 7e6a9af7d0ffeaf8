import { describe, expect, it } from 'vitest';
import { annotateWorkloads, parseAnnotations } from '../../actions/k8s-deploy/src/annotations.js';
import { parseImageReference, sameImage, substituteImages } from '../../actions/k8s-deploy/src/images.js';
import { parseManifests, type KubeObject } from '../../actions/k8s-deploy/src/manifests.js';
import { canaryReplicaCount, planCanary, planColour, pointAtColour, servicesSelecting, singleDeployment } from '../../actions/k8s-deploy/src/strategies.js';

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: inventory-service
  labels: {app.kubernetes.io/name: inventory-service}
spec:
  replicas: 4
  selector:
    matchLabels: {app.kubernetes.io/name: inventory-service}
  template:
    metadata:
      labels: {app.kubernetes.io/name: inventory-service}
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com/shop/inventory-service:1.0.0
      containers:
        - name: inventory
          image: registry.example.com/shop/inventory-service:1.0.0
        - name: proxy
          image: envoyproxy/envoy:v1.30.1
`;

const SERVICE = `
apiVersion: v1
kind: Service
metadata: {name: inventory-service}
spec:
  selector: {app.kubernetes.io/name: inventory-service}
  ports: [{port: 80, targetPort: 8080}]
`;

function deployment(): KubeObject {
  return parseManifests([{ origin: 'deployment.yaml', text: DEPLOYMENT }])[0]!;
}

describe('parseManifests', () => {
  it('reads multi-document YAML in order, skipping empty documents and expanding Lists', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n';
    const objects = parseManifests([{ origin: 'all.yaml', text: `${DEPLOYMENT}\n---\n---\n${SERVICE}\n---\n${list}` }]);
    expect(objects.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual([
      'Deployment/inventory-service',
      'Service/inventory-service',
      'ConfigMap/a',
      'ConfigMap/b',
    ]);
  });

  it.each([
    ['kind: Deployment\nmetadata: {name: x}\n', 'k.yaml (document 1): expected a "apiVersion" string'],
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n', 'k.yaml (document 1): ConfigMap has no metadata.name'],
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- just\n- a list\n', 'k.yaml (document 2): expected a Kubernetes object'],
    ['apiVersion: v1\nkind: [unclosed\n', 'k.yaml (document 1) is not valid YAML'],
    ['# only a comment\n', 'The manifests contain no Kubernetes object'],
  ])('rejects %j with a message naming the file and document', (text, message) => {
    expect(() => parseManifests([{ origin: 'k.yaml', text }])).toThrow(message);
  });
});

describe('images', () => {
  it.each([
    ['inventory-service:1.4.2', 'inventory-service', 'inventory-service'],
    ['registry.example.com:5000/shop/inventory-service:2', 'registry.example.com:5000/shop/inventory-service', 'inventory-service'],
    ['registry/x/inventory-service@sha256:abababababababababababababababababababababababababababababababab', 'registry/x/inventory-service', 'inventory-service'],
    ['inventory-service', 'inventory-service', 'inventory-service'],
  ])('parses %s', (text, repository, name) => {
    expect(parseImageReference(text)).toMatchObject({ repository, name });
  });

  it.each([
    'inventory-service:1<img src=x onerror=alert(1)>',
    'inventory-service:--all',
    'inventory-service:a b',
    'inventory-service@sha256:../../etc',
    'inventory-service:' + 'v'.repeat(129),
    '--all',
  ])('refuses %j, naming where it came from', (text) => {
    expect(() => parseImageReference(text)).toThrow('Input "images" has value "');
    expect(() => parseImageReference(text, 'Deployment/web container web has image')).toThrow('Deployment/web container web has image "');
  });

  it('matches the same repository, or the same name when one side names no registry', () => {
    const of = parseImageReference;
    expect(sameImage(of('inventory-service:2'), of('registry.example.com/shop/inventory-service:1'))).toBe(true);
    expect(sameImage(of('a.example.com/x/inventory-service:2'), of('b.example.com/y/inventory-service:1'))).toBe(false);
    expect(sameImage(of('inventory-service:2'), of('inventory-api:1'))).toBe(false);
  });

  it('replaces every matching container, init containers too, and leaves the others', () => {
    const { objects, changes } = substituteImages([deployment()], ['inventory-service:1.4.2']);
    const spec = objects[0]!.spec as { template: { spec: { initContainers: Array<{ image: string }>; containers: Array<{ image: string }> } } };
    expect(spec.template.spec.initContainers[0]!.image).toBe('inventory-service:1.4.2');
    expect(spec.template.spec.containers.map((container) => container.image)).toEqual(['inventory-service:1.4.2', 'envoyproxy/envoy:v1.30.1']);
    expect(changes).toHaveLength(2);
    expect(changes[1]).toEqual({
      object: 'Deployment/inventory-service',
      container: 'inventory',
      from: 'registry.example.com/shop/inventory-service:1.0.0',
      to: 'inventory-service:1.4.2',
    });
  });

  it('refuses an image that matches no container, listing the images there are', () => {
    expect(() => substituteImages([deployment()], ['inventroy-service:1.4.2'])).toThrow(
      'Input "images": "inventroy-service:1.4.2" matches no container in the manifests (their images: registry.example.com/shop/inventory-service:1.0.0, envoyproxy/envoy:v1.30.1)',
    );
  });

  it('does not modify the objects it was given', () => {
    const original = deployment();
    const copy = structuredClone(original);
    substituteImages([original], ['inventory-service:9']);
    expect(original).toEqual(copy);
  });
});

describe('annotations', () => {
  it('parses key=value entries and rejects malformed keys', () => {
    expect(parseAnnotations(['team=shop', 'example.com/owner = a=b'])).toEqual({ team: 'shop', 'example.com/owner': 'a=b' });
    expect(() => parseAnnotations(['no-equals'])).toThrow('Input "annotations" has entry "no-equals"');
    expect(() => parseAnnotations(['bad key=1'])).toThrow('Input "annotations" has entry "bad key=1"');
  });

  it('annotates workloads with commit, run URL, images and strategy, and nothing else', () => {
    const context = { commit: '0123456789abcdef', runUrl: 'https://github.com/acme/inventory/actions/runs/7', strategy: 'canary' };
    const [annotated, service] = annotateWorkloads([deployment(), ...parseManifests([{ origin: 's', text: SERVICE }])], context, ['inventory-service:2'], { team: 'shop' });
    expect(annotated!.metadata.annotations).toEqual({
      team: 'shop',
      'inventory-devops.io/commit': '0123456789abcdef',
      'inventory-devops.io/run-url': 'https://github.com/acme/inventory/actions/runs/7',
      'inventory-devops.io/strategy': 'canary',
      'inventory-devops.io/images': 'inventory-service:2',
      'kubernetes.io/change-cause': 'inventory-devops canary deploy of 0123456789ab (https://github.com/acme/inventory/actions/runs/7)',
    });
    expect(service!.metadata.annotations).toBeUndefined();
  });
});

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

  it('works on exactly one Deployment', () => {
    expect(() => singleDeployment(parseManifests([{ origin: 's', text: SERVICE }]), 'canary')).toThrow(
      'The canary strategy deploys exactly one Deployment per step; the manifests have 0',
    );
  });
});

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
