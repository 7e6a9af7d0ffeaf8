import { describe, expect, it } from 'vitest';
import { apiErrorOf } from './api-error.js';
import { compareManagedFieldsEntries, LAST_APPLIED_ANNOTATION, recordUpdate, serverSideApply } from '../src/managed-fields.js';
import type { KubeObject, ManagedFieldsEntry } from '../src/store.js';

function configMap(data: Record<string, string>, annotations?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop', ...(annotations ? { annotations } : {}) }, data };
}

/** What client-side apply leaves: the object, its last-applied annotation and an Update entry of kubectl-client-side-apply. */
function clientSideApplied(data: Record<string, string>): KubeObject {
  const object = configMap(data, { [LAST_APPLIED_ANNOTATION]: JSON.stringify(configMap(data)) });
  recordUpdate(undefined, object, 'kubectl-client-side-apply');
  return object;
}

function managers(object: KubeObject): string[] {
  return (object.metadata.managedFields ?? []).map((entry) => `${entry.manager}/${entry.operation}`);
}

describe('server-side apply after client-side apply', () => {
  it('lets kubectl take over the fields whose live value still matches the last-applied configuration', () => {
    const live = clientSideApplied({ a: '1', b: '2' });
    const applied = serverSideApply(live, configMap({ a: '10', b: '2' }), 'kubectl', false);
    expect(applied.data).toEqual({ a: '10', b: '2' });
    expect(managers(applied)).toEqual(['kubectl/Apply', 'kubectl-client-side-apply/Update']);
    // lastAppliedUpdater: the annotation now records what kubectl applied.
    expect(JSON.parse(applied.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? '')).toEqual(configMap({ a: '10', b: '2' }));
  });

  it('still reports a conflict on a field someone changed since, and for any other manager', () => {
    const live = clientSideApplied({ a: '1' });
    live.data = { a: 'edited' };
    const edited = apiErrorOf(() => serverSideApply(live, configMap({ a: '10' }), 'kubectl', false));
    expect(edited.code).toBe(409);
    expect(edited.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.a');
    const other = apiErrorOf(() => serverSideApply(clientSideApplied({ a: '1' }), configMap({ a: '10' }), 'deployer', false));
    expect(other.details).toEqual({
      causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using v1', field: '.data.a' }],
    });
  });

  it('groups several conflicts by manager as the API server words them', () => {
    const live = configMap({ a: '1', b: '2' });
    recordUpdate(undefined, live, 'editor');
    const next = configMap({ a: '1', b: '3' });
    recordUpdate(live, next, 'scaler', 'status');
    const error = apiErrorOf(() => serverSideApply(next, configMap({ a: '9', b: '9' }), 'deployer', false));
    expect(error.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "editor" using v1:\n- .data.a\nconflicts with "scaler" with subresource "status" using v1:\n- .data.b',
    );
  });

  it('refuses managedFields in an applied configuration', () => {
    const error = apiErrorOf(() => serverSideApply(undefined, { ...configMap({ a: '1' }), metadata: { name: 'x', managedFields: [] } }, 'm', false));
    expect([error.code, error.message]).toEqual([400, 'metadata.managedFields must be nil']);
  });
});

describe('managedFields a client writes', () => {
  /** csaupgrade.UpgradeManagedFieldsPatch's result: the client-side entry renamed to kubectl's Apply entry. */
  function upgraded(live: KubeObject): ManagedFieldsEntry[] {
    return (live.metadata.managedFields ?? []).map((entry) => ({ ...entry, manager: 'kubectl', operation: 'Apply' }));
  }

  it('replace the record on an update, so the next apply removes what the upgraded manager no longer applies', () => {
    const live = clientSideApplied({ a: '1', b: '2' });
    const patched = { ...structuredClone(live), metadata: { ...structuredClone(live.metadata), managedFields: upgraded(live) } };
    recordUpdate(live, patched, 'kubectl');
    expect(managers(patched)).toEqual(['kubectl/Apply']);
    const reapplied = serverSideApply(patched, configMap({ a: '1' }), 'kubectl', false);
    expect(reapplied.data).toEqual({ a: '1' });
  });

  it('are ignored on a subresource write or when none are sent, and [{}] drops them', () => {
    const live = clientSideApplied({ a: '1' });
    const viaStatus = { ...structuredClone(live), metadata: { ...structuredClone(live.metadata), managedFields: upgraded(live) } };
    recordUpdate(live, viaStatus, 'kubectl', 'status');
    expect(managers(viaStatus)).toEqual(['kubectl-client-side-apply/Update']);
    const unsent = { ...structuredClone(live), metadata: { ...structuredClone(live.metadata), managedFields: undefined } };
    recordUpdate(live, unsent, 'kubectl');
    expect(managers(unsent)).toEqual(['kubectl-client-side-apply/Update']);
    const reset = { ...structuredClone(live), metadata: { ...structuredClone(live.metadata), managedFields: [{}] as ManagedFieldsEntry[] } };
    recordUpdate(live, reset, 'kubectl');
    expect(reset.metadata.managedFields).toEqual([]);
  });

  it('are refused with an operation other than Apply or Update', () => {
    const live = clientSideApplied({ a: '1' });
    const entries = upgraded(live).map((entry) => ({ ...entry, operation: 'Merge' as ManagedFieldsEntry['operation'] }));
    const error = apiErrorOf(() =>
      recordUpdate(live, { ...structuredClone(live), metadata: { ...structuredClone(live.metadata), managedFields: entries } }, 'kubectl'),
    );
    expect([error.code, error.message]).toEqual([
      422,
      'ConfigMap "settings" is invalid: metadata.managedFields[0].operation: Invalid value: "Merge": must be `Apply` or `Update`',
    ]);
  });
});

describe('the order of managedFields entries', () => {
  const entry = (manager: string, operation: 'Apply' | 'Update', time: string, subresource?: string): ManagedFieldsEntry => ({
    manager,
    operation,
    apiVersion: 'v1',
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: {},
    ...(subresource ? { subresource } : {}),
  });

  it('is Apply before Update, then by second, manager, apiVersion and subresource, as sortEncodedManagedFields', () => {
    const entries = [
      entry('zeta', 'Update', '2026-01-01T00:00:05Z'),
      entry('kubectl', 'Update', '2026-01-01T00:00:01Z', 'status'),
      entry('kubectl', 'Update', '2026-01-01T00:00:01Z'),
      entry('deployer', 'Apply', '2026-01-01T00:00:09Z'),
      entry('Admin', 'Update', '2026-01-01T00:00:01Z'),
      entry('another', 'Apply', '2026-01-01T00:00:09Z'),
    ];
    expect([...entries].sort(compareManagedFieldsEntries).map((e) => `${e.operation} ${e.manager} ${e.subresource ?? ''}`.trim())).toEqual([
      'Apply another',
      'Apply deployer',
      'Update Admin',
      'Update kubectl',
      'Update kubectl status',
      'Update zeta',
    ]);
  });

  it('is how a write leaves them', () => {
    const live = configMap({ a: '1' });
    recordUpdate(undefined, live, 'zeta');
    const applied = serverSideApply(live, configMap({ a: '1', b: '2' }), 'alpha', false);
    expect(managers(applied)).toEqual(['alpha/Apply', 'zeta/Update']);
  });
});
