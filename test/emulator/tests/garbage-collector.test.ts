import { afterEach, describe, expect, it, vi } from 'vitest';
import { GarbageCollector } from '../src/controllers/garbage-collector.js';
import { TYPES } from '../src/resources.js';
import { Store, type KubeObject } from '../src/store.js';

const collectors: GarbageCollector[] = [];

afterEach(() => {
  for (const collector of collectors.splice(0)) collector.stop();
});

/** A store with a Namespace, a Deployment and a ReplicaSet it owns, and a collector that acts at once. */
function cluster(): { store: Store; owner: KubeObject; dependent: KubeObject } {
  const store = new Store();
  collectors.push(new GarbageCollector(store, 0));
  store.create(TYPES.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  const owner = store.create(TYPES.deployments, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: {} });
  const reference = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
  const dependent = store.create(TYPES.replicasets, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-1', namespace: 'shop', ownerReferences: [reference], finalizers: ['example.com/hold'] },
    spec: { replicas: 0 },
  });
  return { store, owner, dependent };
}

// vi.waitFor gives up after 1 s by default: a loaded CI machine may run the collector later. Its failure is the last assertion's.
const GENEROUS = { timeout: 15_000, interval: 50 };

describe('garbage collection policies', () => {
  it('Foreground: the owner waits, marked, until its blocking dependent is gone', async () => {
    const { store } = cluster();
    const deleting = store.delete(TYPES.deployments, 'shop', 'web', { propagationPolicy: 'Foreground' });
    expect(deleting.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    // The ReplicaSet has no dependents: deleted in the background, kept by its own finalizer.
    await vi.waitFor(
      () =>
        expect(store.get(TYPES.replicasets, 'shop', 'web-1')?.metadata).toMatchObject({
          finalizers: ['example.com/hold'],
          deletionTimestamp: expect.any(String),
        }),
      GENEROUS,
    );
    expect(store.get(TYPES.deployments, 'shop', 'web')).toBeDefined();
    store.mutate(TYPES.replicasets, 'shop', 'web-1', (object) => delete object.metadata.finalizers);
    expect(store.get(TYPES.replicasets, 'shop', 'web-1')).toBeUndefined();
    await vi.waitFor(() => expect(store.get(TYPES.deployments, 'shop', 'web')).toBeUndefined(), GENEROUS);
  });

  it('Orphan: the references go, then the owner; Background drops a pending foreground finalizer', async () => {
    const { store } = cluster();
    store.delete(TYPES.deployments, 'shop', 'web', { propagationPolicy: 'Orphan' });
    await vi.waitFor(() => expect(store.get(TYPES.deployments, 'shop', 'web')).toBeUndefined(), GENEROUS);
    expect(store.get(TYPES.replicasets, 'shop', 'web-1')?.metadata.ownerReferences).toBeUndefined();
    const second = cluster().store;
    second.delete(TYPES.deployments, 'shop', 'web', { propagationPolicy: 'Foreground' });
    second.delete(TYPES.deployments, 'shop', 'web', { propagationPolicy: 'Background' });
    expect(second.get(TYPES.deployments, 'shop', 'web')).toBeUndefined();
  });
});
