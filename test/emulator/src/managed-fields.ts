import { isDeepStrictEqual } from 'node:util';
import { ApiError, badRequest } from './errors.js';
import { isObject, mergeKeyOf, type Json, type JsonObject } from './patch.js';
import { now, type KubeObject, type ManagedFieldsEntry } from './store.js';
import { byBytes } from './validation.js';

/**
 * Server-side apply with field ownership, in the `FieldsV1` vocabulary of a real API server:
 * a field path is a list of segments (`f:spec`, `k:{"name":"app"}`, `f:image`); each manager
 * owns a set of leaf paths. Applying removes the fields the manager applied before and no
 * longer applies, merges the rest, and reports conflicts with other owners unless forced.
 */
type Segments = string[];

const SERVER_OWNED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
]);

function keySegment(mergeKey: string, item: JsonObject): string {
  return `k:${JSON.stringify({ [mergeKey]: item[mergeKey] })}`;
}

/** Leaf field paths of an object, as JSON-encoded segment lists. */
export function leafPaths(object: KubeObject): Set<string> {
  const paths = new Set<string>();
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || key === 'status' || value === undefined) continue;
    if (key === 'metadata' && isObject(value)) {
      for (const [metaKey, metaValue] of Object.entries(value)) {
        if (!SERVER_OWNED_METADATA.has(metaKey) && metaValue !== undefined) collect(metaValue, ['f:metadata', `f:${metaKey}`], metaKey, paths);
      }
      continue;
    }
    collect(value as Json, [`f:${key}`], key, paths);
  }
  return paths;
}

function collect(value: Json, segments: Segments, field: string, out: Set<string>): void {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) collect(inner, [...segments, `f:${key}`], key, out);
    return;
  }
  if (Array.isArray(value) && value.length > 0) {
    const mergeKey = mergeKeyOf(field, value);
    if (mergeKey && value.every((item) => isObject(item) && item[mergeKey] !== undefined)) {
      for (const item of value as JsonObject[]) collect(item, [...segments, keySegment(mergeKey, item)], '', out);
      return;
    }
  }
  out.add(JSON.stringify(segments));
}

function childOf(node: Json | undefined, segment: string): Json | undefined {
  if (segment.startsWith('f:')) return isObject(node) ? node[segment.slice(2)] : undefined;
  if (!Array.isArray(node)) return undefined;
  const key = JSON.parse(segment.slice(2)) as JsonObject;
  const [name, value] = Object.entries(key)[0] ?? [];
  return node.find((item) => isObject(item) && name !== undefined && isDeepStrictEqual(item[name], value));
}

function valueAt(root: KubeObject, segments: Segments): Json | undefined {
  let node: Json | undefined = root as unknown as Json;
  for (const segment of segments) node = childOf(node, segment);
  return node;
}

function deleteAt(root: KubeObject, segments: Segments): void {
  const parent = valueAt(root, segments.slice(0, -1));
  const last = segments[segments.length - 1] ?? '';
  if (last.startsWith('f:') && isObject(parent)) {
    delete parent[last.slice(2)];
  } else if (Array.isArray(parent)) {
    const item = childOf(parent, last);
    const index = parent.indexOf(item as Json);
    if (index >= 0) parent.splice(index, 1);
  }
}

/** Removes leaves and then parents that the removal left empty (list items left with only their key). */
function removePaths(root: KubeObject, paths: string[]): void {
  const parsed = paths.map((path) => JSON.parse(path) as Segments);
  for (const segments of parsed) {
    const parentSegment = segments[segments.length - 2] ?? '';
    const isItemKey =
      parentSegment.startsWith('k:') && Object.hasOwn(JSON.parse(parentSegment.slice(2)) as object, (segments[segments.length - 1] ?? '').slice(2));
    if (!isItemKey) deleteAt(root, segments);
  }
  for (const segments of parsed) {
    for (let depth = segments.length - 1; depth >= 1; depth--) {
      const prefix = segments.slice(0, depth);
      const node = valueAt(root, prefix);
      const last = prefix[prefix.length - 1] ?? '';
      const keyFields = last.startsWith('k:') ? Object.keys(JSON.parse(last.slice(2)) as object) : [];
      const empty = isObject(node) && Object.keys(node).every((key) => keyFields.includes(key));
      const emptyList = Array.isArray(node) && node.length === 0;
      if (!empty && !emptyList) break;
      deleteAt(root, prefix);
    }
  }
}

function mergeApplied(target: Json | undefined, applied: Json, field: string): Json {
  if (isObject(applied)) {
    const result: JsonObject = isObject(target) ? target : {};
    for (const [key, value] of Object.entries(applied)) result[key] = mergeApplied(result[key], value, key);
    return result;
  }
  if (Array.isArray(applied) && Array.isArray(target)) {
    const mergeKey = mergeKeyOf(field, applied);
    if (mergeKey && applied.every((item) => isObject(item) && item[mergeKey] !== undefined)) {
      const result = [...target];
      for (const item of applied as JsonObject[]) {
        const index = result.findIndex((existing) => isObject(existing) && isDeepStrictEqual(existing[mergeKey], item[mergeKey]));
        if (index >= 0) result[index] = mergeApplied(result[index], item, '');
        else result.push(structuredClone(item));
      }
      return result;
    }
  }
  return structuredClone(applied);
}

function toFieldsV1(paths: Iterable<string>): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const path of paths) {
    let node = tree;
    for (const segment of JSON.parse(path) as Segments) {
      node[segment] ??= segment.startsWith('k:') ? { '.': {} } : {};
      node = node[segment] as Record<string, unknown>;
    }
  }
  return tree;
}

function fromFieldsV1(tree: Record<string, unknown>, prefix: Segments = [], out = new Set<string>()): Set<string> {
  for (const [segment, child] of Object.entries(tree)) {
    if (segment === '.') continue;
    const children = Object.keys(child as object).filter((key) => key !== '.');
    if (children.length === 0) out.add(JSON.stringify([...prefix, segment]));
    else fromFieldsV1(child as Record<string, unknown>, [...prefix, segment], out);
  }
  return out;
}

/** `.spec.template.spec.containers[name="app"].image`, as conflict messages print paths. */
function displayPath(path: string): string {
  return (JSON.parse(path) as Segments)
    .map((segment) => {
      if (segment.startsWith('f:')) return `.${segment.slice(2)}`;
      const [key, value] = Object.entries(JSON.parse(segment.slice(2)) as object)[0] ?? [];
      return `[${key}=${JSON.stringify(value)}]`;
    })
    .join('');
}

interface Ownership {
  entry: ManagedFieldsEntry;
  paths: Set<string>;
}

function ownershipOf(object: KubeObject | undefined): Ownership[] {
  return (object?.metadata.managedFields ?? []).map((entry) => ({ entry, paths: fromFieldsV1(entry.fieldsV1) }));
}

/**
 * The order the API server writes entries in, sortEncodedManagedFields (apimachinery/pkg/util/
 * managedfields/internal/managedfields.go): operation (Apply before Update), then time to the
 * second, manager, apiVersion and subresource.
 */
export function compareManagedFieldsEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  const seconds = (entry: ManagedFieldsEntry): number => (entry.time ? Math.floor(Date.parse(entry.time) / 1000) || 0 : 0);
  return (
    byBytes(p.operation, q.operation) ||
    seconds(p) - seconds(q) ||
    byBytes(p.manager, q.manager) ||
    byBytes(p.apiVersion ?? '', q.apiVersion ?? '') ||
    byBytes(p.subresource ?? '', q.subresource ?? '')
  );
}

function toEntries(ownerships: Ownership[]): ManagedFieldsEntry[] {
  return ownerships
    .filter((o) => o.paths.size > 0)
    .map((o) => ({ ...o.entry, fieldsV1: toFieldsV1([...o.paths].sort()) }))
    .sort(compareManagedFieldsEntries);
}

interface Conflict {
  path: string;
  owner: ManagedFieldsEntry;
}

/** printManager (apimachinery/pkg/util/managedfields/internal/conflict.go). */
function printManager(owner: ManagedFieldsEntry): string {
  const named = `"${owner.manager}"${owner.subresource ? ` with subresource "${owner.subresource}"` : ''}`;
  return owner.operation === 'Update' ? `${named} using ${owner.apiVersion}` : named;
}

/** NewConflictError and getConflictMessage (conflict.go): one line for one conflict, else grouped by manager. */
function conflictError(conflicts: Conflict[]): ApiError {
  const causes = conflicts.map(({ path, owner }) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(owner)}`,
    field: displayPath(path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: ${causes[0]?.message}: ${causes[0]?.field}`;
  } else {
    const byManager = new Map<string, { owner: ManagedFieldsEntry; fields: string[] }>();
    for (const { path, owner } of conflicts) {
      const key = JSON.stringify({ manager: owner.manager, operation: owner.operation, apiVersion: owner.apiVersion, subresource: owner.subresource });
      const group = byManager.get(key) ?? { owner, fields: [] };
      group.fields.push(displayPath(path));
      byManager.set(key, group);
    }
    const lines = [...byManager.keys()].sort().flatMap((key) => {
      const group = byManager.get(key)!;
      return [`conflicts with ${printManager(group.owner)}:`, ...group.fields.map((field) => `- ${field}`)];
    });
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  // NewApplyConflict (apimachinery/pkg/api/errors): the details carry the causes only.
  return new ApiError(409, 'Conflict', message, { causes });
}

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manager whose applies the API server reconciles with client-side apply's annotation (lastappliedmanager.go, lastappliedupdater.go). */
const KUBECTL_APPLY_MANAGER = 'kubectl';

/**
 * The conflicts client-side apply's history allows, as lastAppliedManager's allowedConflictsFromLastApplied
 * (apimachinery/pkg/util/managedfields/internal/lastappliedmanager.go): the fields of the
 * last-applied-configuration annotation whose value the live object still has. An annotation
 * that is missing, unreadable or of another apiVersion allows none.
 */
function allowedByLastApplied(live: KubeObject): Set<string> {
  const text = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!text) return new Set();
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    return new Set();
  }
  if (!isObject(lastApplied) || lastApplied.apiVersion !== live.apiVersion || !isObject(lastApplied.metadata)) return new Set();
  const config = lastApplied as unknown as KubeObject;
  return new Set(
    [...leafPaths(config)].filter((path) => {
      const segments = JSON.parse(path) as Segments;
      return isDeepStrictEqual(valueAt(config, segments), valueAt(live, segments));
    }),
  );
}

/** JSON with object keys sorted, as Go's encoding/json writes a map (the annotation is an encoded unstructured object). */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** lastAppliedUpdater's buildLastApplied: the applied configuration without the annotation itself. */
function lastAppliedOf(applied: KubeObject): string {
  const config = structuredClone(applied);
  if (config.metadata.annotations) delete config.metadata.annotations[LAST_APPLIED_ANNOTATION];
  return sortedJson(config);
}

/** structuredmerge.go: the live object's managedFields are the record; an apply may not send its own. */
export function assertNoManagedFields(applied: KubeObject): void {
  if (applied.metadata.managedFields !== undefined) throw badRequest('metadata.managedFields must be nil');
}

export function serverSideApply(live: KubeObject | undefined, applied: KubeObject, manager: string, force: boolean): KubeObject {
  assertNoManagedFields(applied);
  const appliedPaths = leafPaths(applied);
  const ownerships = ownershipOf(live);
  const isMine = (o: Ownership): boolean => o.entry.manager === manager && o.entry.operation === 'Apply';
  const changes = (path: string): boolean => {
    const current = live ? valueAt(live, JSON.parse(path) as Segments) : undefined;
    return current !== undefined && !isDeepStrictEqual(current, valueAt(applied, JSON.parse(path) as Segments));
  };
  if (live && !force) {
    let conflicts: Conflict[] = [];
    for (const path of appliedPaths) {
      if (!changes(path)) continue;
      for (const other of ownerships) if (!isMine(other) && other.paths.has(path)) conflicts.push({ path, owner: other.entry });
    }
    // kubectl's first server-side apply after client-side ones takes over what it applied before.
    if (conflicts.length > 0 && manager === KUBECTL_APPLY_MANAGER) {
      const allowed = allowedByLastApplied(live);
      conflicts = conflicts.filter((conflict) => !allowed.has(conflict.path));
    }
    if (conflicts.length > 0) throw conflictError(conflicts);
  }
  const result: KubeObject = live ? structuredClone(live) : { apiVersion: applied.apiVersion, kind: applied.kind, metadata: { name: applied.metadata.name } };
  const previous = ownerships.find(isMine);
  if (previous) {
    const ownedByOthers = (path: string): boolean => ownerships.some((o) => !isMine(o) && o.paths.has(path));
    removePaths(
      result,
      [...previous.paths].filter((path) => !appliedPaths.has(path) && !ownedByOthers(path)),
    );
  }
  for (const [key, value] of Object.entries(applied)) {
    if (key === 'status' || value === undefined) continue;
    result[key] = mergeApplied(result[key] as Json | undefined, value as Json, key);
  }
  result.apiVersion = applied.apiVersion;
  for (const other of ownerships) {
    if (isMine(other)) continue;
    for (const path of appliedPaths) if (changes(path)) other.paths.delete(path);
  }
  const mine: Ownership = {
    entry: { manager, operation: 'Apply', apiVersion: applied.apiVersion, time: now(), fieldsType: 'FieldsV1', fieldsV1: {} },
    paths: appliedPaths,
  };
  result.metadata.managedFields = toEntries([...ownerships.filter((o) => !isMine(o)), mine]);
  // The annotation follows kubectl's applies (its ownership does not change), so a later client-side apply diffs against it.
  const annotations = result.metadata.annotations;
  if (manager === KUBECTL_APPLY_MANAGER && annotations?.[LAST_APPLIED_ANNOTATION]) annotations[LAST_APPLIED_ANNOTATION] = lastAppliedOf(applied);
  return result;
}

/** `[{}]`: the client asks for the record to be dropped (isResetManagedFields). */
function isReset(entries: readonly unknown[]): boolean {
  return entries.length === 1 && isObject(entries[0]) && Object.keys(entries[0]).length === 0;
}

/** Entries as a client sent them, or undefined when one cannot be read (then the live record stands, as DecodeManagedFields failing). */
function decodeSent(entries: readonly unknown[]): Ownership[] | undefined {
  const ownerships: Ownership[] = [];
  for (const entry of entries) {
    if (!isObject(entry) || typeof entry.manager !== 'string' || !isObject(entry.fieldsV1)) return undefined;
    ownerships.push({ entry: entry as unknown as ManagedFieldsEntry, paths: fromFieldsV1(entry.fieldsV1 as Record<string, unknown>) });
  }
  return ownerships;
}

/** ValidateManagedFields (apimachinery/pkg/api/validation/objectmeta.go) on what a client sent. */
function validateSent(object: KubeObject, entries: readonly unknown[]): void {
  const causes = entries.flatMap((entry, index) => {
    const operation = isObject(entry) ? entry.operation : undefined;
    if (operation === 'Apply' || operation === 'Update') return [];
    const field = `metadata.managedFields[${index}].operation`;
    return [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(operation ?? '')}: must be \`Apply\` or \`Update\``, field }];
  });
  if (causes.length === 0) return;
  const text = causes.map((cause) => `${cause.field}: ${cause.message}`);
  throw new ApiError(
    422,
    'Invalid',
    `${object.kind} ${JSON.stringify(object.metadata.name)} is invalid: ${text.length === 1 ? text[0] : `[${text.join(', ')}]`}`,
    {
      name: object.metadata.name,
      kind: object.kind,
      causes,
    },
  );
}

/**
 * The record an ordinary write starts from, as decodeLiveOrNew (apimachinery/pkg/util/managedfields/
 * internal/fieldmanager.go): managedFields sent with the object replace the live ones (kubectl's
 * client-side to server-side apply upgrade sends them in a JSON patch), `[{}]` drops them, and a
 * write to a subresource, or one that sends none, keeps the live ones.
 */
function baseOwnership(live: KubeObject | undefined, written: KubeObject, subresource: string | undefined): Ownership[] {
  const sent: unknown = written.metadata.managedFields;
  if (subresource || !Array.isArray(sent) || sent.length === 0) return ownershipOf(live);
  if (isReset(sent)) return [];
  validateSent(written, sent);
  return decodeSent(sent) ?? ownershipOf(live);
}

/** Records an ordinary write (create, update, patch): the manager takes the fields it changed. */
export function recordUpdate(before: KubeObject | undefined, after: KubeObject, manager: string, subresource?: string): void {
  const beforePaths = before ? leafPaths(before) : new Set<string>();
  const afterPaths = leafPaths(after);
  const changed = [...afterPaths].filter((path) => {
    if (!before || !beforePaths.has(path)) return true;
    const segments = JSON.parse(path) as Segments;
    return !isDeepStrictEqual(valueAt(before, segments), valueAt(after, segments));
  });
  const removed = [...beforePaths].filter((path) => !afterPaths.has(path));
  const ownerships = baseOwnership(before, after, subresource);
  for (const ownership of ownerships) for (const path of [...changed, ...removed]) ownership.paths.delete(path);
  if (changed.length > 0) {
    let mine = ownerships.find((o) => o.entry.manager === manager && o.entry.operation === 'Update');
    if (!mine) {
      mine = {
        entry: {
          manager,
          operation: 'Update',
          apiVersion: after.apiVersion,
          time: now(),
          fieldsType: 'FieldsV1',
          fieldsV1: {},
          ...(subresource ? { subresource } : {}),
        },
        paths: new Set(),
      };
      ownerships.push(mine);
    }
    mine.entry.time = now();
    for (const path of changed) mine.paths.add(path);
  }
  after.metadata.managedFields = toEntries(ownerships);
}
