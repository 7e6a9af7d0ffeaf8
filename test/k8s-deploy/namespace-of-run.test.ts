import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../actions/lib/kubernetes/objects.js';
import { namespaceOfRun } from '../../actions/lib/deploy/namespace.js';

const object = (kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
});

describe('namespaceOfRun: one namespace per deploy', () => {
  it.each<[string, KubeObject[], string | undefined, string | undefined]>([
    ['the input, when the manifests name none', [object('Deployment', 'web')], 'shop', 'shop'],
    ['the input, when the manifests name the same', [object('Deployment', 'web', 'shop'), object('Service', 'web')], 'shop', 'shop'],
    ["the manifests' one namespace, without an input", [object('Deployment', 'web', 'prod'), object('Service', 'web', 'prod')], undefined, 'prod'],
    ["none (the context's), when neither says", [object('Deployment', 'web'), object('Namespace', 'prod')], undefined, undefined],
  ])('%s', (_label, objects, requested, expected) => {
    expect(namespaceOfRun(objects, requested)).toBe(expected);
  });

  it('refuses manifests whose namespace differs from the input, naming the objects', () => {
    expect(() => namespaceOfRun([object('Deployment', 'web', 'prod'), object('Service', 'web')], 'shop')).toThrow(
      'Input "namespace" has value "shop", but the manifests put Deployment/web in namespace "prod": a run deploys into one namespace',
    );
  });

  it('refuses manifests naming two namespaces, with or without an input', () => {
    const objects = [object('Deployment', 'web', 'prod'), object('ConfigMap', 'a', 'prod'), object('Service', 'web', 'staging')];
    expect(() => namespaceOfRun(objects, undefined)).toThrow('The manifests name 2 namespaces ("prod": Deployment/web, ConfigMap/a; "staging": Service/web)');
    expect(() => namespaceOfRun(objects, 'prod')).toThrow('but the manifests put Service/web in namespace "staging"');
  });
});
