import jsonPatch from 'fast-json-patch';
import { ApiError } from './errors.js';

/**
 * Patch formats kubectl sends. RFC 6902 JSON patch comes from `fast-json-patch`; JSON merge
 * patch (RFC 7386) is a few lines; strategic merge patch is written here because no maintained
 * JavaScript library implements it (it needs Kubernetes' merge keys and `$patch` directives).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function applyJsonPatch<T>(document: T, operations: unknown): T {
  if (!Array.isArray(operations)) throw new ApiError(400, 'BadRequest', 'json patch must be an array of operations');
  try {
    return jsonPatch.applyPatch(structuredClone(document), operations as jsonPatch.Operation[], true, false).newDocument;
  } catch (error) {
    throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: ${(error as Error).message.split('\n')[0]}`);
  }
}

export function applyMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/**
 * The merge key of a list field, as Kubernetes' built-in types declare it (`patchMergeKey`).
 * Lists not named here are atomic and replaced whole. Ports merge by `containerPort` in
 * containers and by `port` in Services, told apart by the items themselves.
 */
export function mergeKeyOf(field: string, items: Json[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'volumeMounts':
    case 'imagePullSecrets':
    case 'volumeDevices':
      return 'name';
    case 'ports':
      return items.some((item) => isObject(item) && 'containerPort' in item) ? 'containerPort' : 'port';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'hostAliases':
      return 'ip';
    default:
      return undefined;
  }
}

export function applyStrategicMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') return withoutDirectives(patch);
  if (patch.$patch === 'delete') return null;
  const result: JsonObject = isObject(target) ? structuredClone(target) : {};
  const retainKeys = patch.$retainKeys;
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const current = result[field];
      if (Array.isArray(current) && Array.isArray(value)) result[field] = current.filter((item) => !value.includes(item));
      continue;
    }
    if (value === null) {
      delete result[key];
    } else if (Array.isArray(value)) {
      result[key] = mergeList(key, result[key], value);
    } else if (isObject(value)) {
      const merged = applyStrategicMergePatch(result[key], value);
      if (merged === null) delete result[key];
      else result[key] = merged;
    } else {
      result[key] = value;
    }
  }
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith('$setElementOrder/') || !Array.isArray(order)) continue;
    const field = key.slice('$setElementOrder/'.length);
    const list = result[field];
    if (Array.isArray(list)) result[field] = reorder(field, list, order);
  }
  if (Array.isArray(retainKeys)) {
    for (const key of Object.keys(result)) if (!retainKeys.includes(key)) delete result[key];
  }
  return result;
}

function mergeList(field: string, current: Json | undefined, patchItems: Json[]): Json[] {
  const mergeKey = mergeKeyOf(field, [...patchItems, ...(Array.isArray(current) ? current : [])]);
  const replaceWhole = patchItems.some((item) => isObject(item) && item.$patch === 'replace');
  if (!mergeKey || !Array.isArray(current) || replaceWhole) {
    return patchItems.filter((item) => !(isObject(item) && item.$patch)).map((item) => (isObject(item) ? withoutDirectives(item) : item));
  }
  const result = structuredClone(current);
  for (const item of patchItems) {
    if (!isObject(item)) continue;
    const index = result.findIndex((existing) => isObject(existing) && existing[mergeKey] === item[mergeKey]);
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = applyStrategicMergePatch(result[index], item);
    } else {
      result.push(withoutDirectives(item));
    }
  }
  return result;
}

function reorder(field: string, list: Json[], order: Json[]): Json[] {
  const mergeKey = mergeKeyOf(field, [...order, ...list]);
  const keyOf = (item: Json): Json => (mergeKey && isObject(item) ? (item[mergeKey] ?? null) : item);
  const orderKeys = order.map(keyOf);
  const rank = (item: Json): number => {
    const index = orderKeys.indexOf(keyOf(item));
    return index < 0 ? orderKeys.length : index;
  };
  return list
    .map((item, position) => ({ item, position }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.position - b.position)
    .map((entry) => entry.item);
}

function withoutDirectives(value: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('$')) continue;
    result[key] = isObject(inner) ? withoutDirectives(inner) : inner;
  }
  return result;
}
