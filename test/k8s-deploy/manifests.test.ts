import { describe, expect, it } from 'vitest';
import { annotateWorkloads, parseAnnotations } from '../../actions/lib/deploy/annotations.js';
import { parseImageReference, sameImage, substituteImages } from '../../actions/lib/deploy/images.js';
import { parseManifests } from '../../actions/lib/deploy/manifests.js';
import { DEPLOYMENT, deployment, SERVICE } from './manifest-fixtures.js';

describe('parseManifests', () => {
  it('reads multi-document YAML in order, skipping empty documents and expanding Lists', () => {
    const list =
      'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n';
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
    [
      'registry/x/inventory-service@sha256:abababababababababababababababababababababababababababababababab',
      'registry/x/inventory-service',
      'inventory-service',
    ],
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
    const [annotated, service] = annotateWorkloads([deployment(), ...parseManifests([{ origin: 's', text: SERVICE }])], context, ['inventory-service:2'], {
      team: 'shop',
    });
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
