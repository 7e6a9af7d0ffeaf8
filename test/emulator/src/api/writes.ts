import type http from 'node:http';
import YAML from 'yaml';
import { admit, assertKind } from '../defaults.js';
import {
  checkFieldValidation,
  checkTypedApply,
  goJson,
  goValue,
  jsonPatchStrictErrors,
  patchStrictError,
  patchDuplicateErrors,
  sortedUnknownFieldErrors,
  strictDecodingErrors,
  strictDecodingWarnings,
  validateValues,
  warningHeader,
  yamlStrictError,
} from '../validation.js';
import { parseKeyedJson, yamlDuplicateKeys } from '../duplicate-keys.js';
import { ApiError, badRequest } from '../errors.js';
import { assertNoManagedFields, recordUpdate, serverSideApply } from '../managed-fields.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, type Json } from '../patch.js';
import { decodeProtobufObject } from '../protobuf.js';
import { authorizeCreateOnApply } from '../rbac.js';
import { preventEscalation } from '../rbac-escalation.js';
import type { ResourceType } from '../resources.js';
import type { KubeObject } from '../store.js';
import type { ApiBackend } from './backend.js';
import { fieldManager, isDryRun, parseJsonBody, sendJson, type Request } from './http.js';
import type { ResourceRoute } from './routes.js';

function checkNamespace(route: { namespace?: string }, object: KubeObject): void {
  if (route.namespace && object.metadata.namespace && object.metadata.namespace !== route.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (route.namespace) object.metadata.namespace = route.namespace;
}

function mediaType(request: Request): string {
  return (
    String(request.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim() ?? ''
  );
}

const isYaml = (request: Request): boolean => mediaType(request) === 'application/yaml';

function parseObject(request: Request): KubeObject {
  let object: KubeObject;
  if (mediaType(request).includes('protobuf')) object = decodeProtobufObject(request.body);
  else if (isYaml(request)) object = parseYamlBody(request) as KubeObject;
  else object = parseJsonBody(request) as unknown as KubeObject;
  if (!object || typeof object !== 'object' || Array.isArray(object)) throw badRequest('the request body must be an object');
  object.metadata ??= { name: '' };
  return object;
}

/** An `application/yaml` body, as the YAML serializer's non-strict YAMLToJSON reads it (a repeated key keeps its last value). */
function parseYamlBody(request: Request): unknown {
  try {
    return YAML.parse(request.body.toString('utf8'), { uniqueKeys: false });
  } catch (error) {
    throw badRequest(`error converting YAML to JSON: ${(error as Error).message}`);
  }
}

/** What strict decoding of a whole object in the body finds (json.go's Serializer.unmarshal), or undefined for protobuf. */
function bodyDecodingErrors(type: ResourceType, request: Request, object: KubeObject): string[] | undefined {
  if (mediaType(request).includes('protobuf')) return undefined;
  if (!isYaml(request)) return strictDecodingErrors(type, parseKeyedJson(request.body.toString('utf8')));
  // YAMLToJSONStrict's error first, then the unknown fields of the converted (key-sorted) JSON.
  const duplicates = yamlStrictError(yamlDuplicateKeys(request.body.toString('utf8')));
  return [...(duplicates ? [duplicates] : []), ...sortedUnknownFieldErrors(type, object)];
}

/** Unknown and duplicate fields at every depth the emulator models (a 400 or `Warning` headers), then the values a real server validates. */
function validateFields(type: ResourceType, object: KubeObject, request: Request, res: http.ServerResponse, decodingErrors?: string[]): void {
  const mode = request.url.searchParams.get('fieldValidation');
  addWarnings(res, checkFieldValidation(type, object, mode, mode === 'Ignore' ? undefined : decodingErrors));
  validateValues(type, object);
}

/** Warnings as the API server sends them: one `Warning: 299 - "text"` header each, which kubectl prints as `Warning: text`. */
function addWarnings(res: http.ServerResponse, warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  const existing = res.getHeader('Warning');
  const previous = Array.isArray(existing) ? existing : existing === undefined ? [] : [String(existing)];
  res.setHeader('Warning', [...previous, ...warnings.map(warningHeader)]);
}

/** POST on a collection. */
export function create(backend: ApiBackend, type: ResourceType, namespace: string | undefined, request: Request, res: http.ServerResponse): void {
  const object = parseObject(request);
  assertKind(type, object);
  validateFields(type, object, request, res, bodyDecodingErrors(type, request, object));
  checkNamespace({ ...(namespace ? { namespace } : {}) }, object);
  delete object.metadata.resourceVersion;
  preventEscalation(backend.store, request.user, { type, namespace: namespace ?? '', requestName: '', next: object, current: undefined });
  const warnings = admit(type, object, undefined, backend.admission);
  recordUpdate(undefined, object, fieldManager(request));
  addWarnings(res, warnings);
  sendJson(res, 201, backend.store.create(type, object, { dryRun: isDryRun(request) }));
}

/** Main-resource writes leave status alone and status writes leave everything else alone. */
function keepOtherHalf(type: ResourceType, subresource: string | undefined, written: KubeObject, current: KubeObject): KubeObject {
  if (!hasStatusSubresource(type)) return written;
  if (subresource === 'status')
    return { ...current, status: written.status, metadata: { ...current.metadata, resourceVersion: written.metadata.resourceVersion ?? '' } };
  return { ...written, status: current.status };
}

function hasStatusSubresource(type: ResourceType): boolean {
  return type.subresources.some((s) => s.name === 'status');
}

/** PUT on an object or its `status`. */
export function replace(backend: ApiBackend, route: ResourceRoute, name: string, request: Request, res: http.ServerResponse): void {
  const { store } = backend;
  const object = parseObject(request);
  assertKind(route.type, object);
  validateFields(route.type, object, request, res, bodyDecodingErrors(route.type, request, object));
  checkNamespace(route, object);
  if (object.metadata.name !== name) throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`);
  const current = store.mustGet(route.type, route.namespace, name);
  const next = keepOtherHalf(route.type, route.subresource, object, current);
  write(backend, route, current, next, request, res);
}

function write(backend: ApiBackend, route: ResourceRoute, current: KubeObject, next: KubeObject, request: Request, res: http.ServerResponse): void {
  preventEscalation(backend.store, request.user, { type: route.type, namespace: route.namespace ?? '', requestName: current.metadata.name, next, current });
  addWarnings(res, admit(route.type, next, current, backend.admission));
  recordUpdate(current, next, fieldManager(request), route.subresource);
  sendJson(res, 200, backend.store.update(route.type, next, { dryRun: isDryRun(request) }));
}

/** PATCH: JSON merge, strategic merge and JSON patch, or server-side apply. */
export function patch(backend: ApiBackend, route: ResourceRoute, name: string, request: Request, res: http.ServerResponse): void {
  const { store } = backend;
  const contentType = mediaType(request);
  if (contentType === 'application/apply-patch+yaml') return apply(backend, route, name, request, res);
  const current = store.mustGet(route.type, route.namespace, name);
  const body = parseJsonBody(request);
  const keyedBody = parseKeyedJson(request.body.toString('utf8'));
  let patchErrors = patchDuplicateErrors(keyedBody);
  let patched: KubeObject;
  switch (contentType) {
    case 'application/merge-patch+json':
      patched = applyMergePatch(current as unknown as Json, body) as unknown as KubeObject;
      break;
    case 'application/strategic-merge-patch+json':
      // As apiextensions-apiserver's crdHandler: custom resources take JSON, merge and apply patches only.
      if (route.type.custom) {
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
        );
      }
      patched = applyStrategicMergePatch(current as unknown as Json, body) as unknown as KubeObject;
      break;
    case 'application/json-patch+json':
      patched = applyJsonPatch(current, body);
      // patch.go decodes the operations strictly ([]jsonPatchOp); the patched object's duplicates are gone.
      patchErrors = jsonPatchStrictErrors(keyedBody);
      break;
    default:
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
      );
  }
  patched.metadata ??= { name };
  if (patched.metadata.name !== name || (route.namespace && patched.metadata.namespace !== route.namespace)) {
    throw badRequest('metadata.name and metadata.namespace cannot be changed by a patch');
  }
  // patch.go: the patch's own strict errors, then the unknown fields of the patched object re-encoded from a map.
  const decodingErrors = [...patchErrors, ...sortedUnknownFieldErrors(route.type, patched)];
  if (request.url.searchParams.get('fieldValidation') === 'Strict' && decodingErrors.length > 0) {
    throw patchStrictError(contentType === 'application/strategic-merge-patch+json' ? goValue(body) : goJson(patched), decodingErrors);
  }
  validateFields(route.type, patched, request, res, decodingErrors);
  const next = keepOtherHalf(route.type, route.subresource, patched, current);
  write(backend, route, current, next, request, res);
}

/** applyPatcher (patch.go): after the apply, yaml.UnmarshalStrict of the body finds repeated keys. */
function checkApplyDuplicates(request: Request, res: http.ServerResponse): void {
  const mode = request.url.searchParams.get('fieldValidation');
  const error = mode === 'Ignore' ? undefined : yamlStrictError(yamlDuplicateKeys(request.body.toString('utf8')));
  if (!error) return;
  if (mode === 'Strict') throw badRequest(`error strict decoding YAML: error converting YAML to JSON: ${error}`);
  addWarnings(res, strictDecodingWarnings(error));
}

function apply(backend: ApiBackend, route: ResourceRoute, name: string, request: Request, res: http.ServerResponse): void {
  const { store } = backend;
  const manager = request.url.searchParams.get('fieldManager');
  if (!manager) throw badRequest('PATCH /apply requires a non-empty fieldManager query parameter');
  let applied: KubeObject;
  try {
    applied = YAML.parse(request.body.toString('utf8'), { uniqueKeys: false }) as KubeObject;
  } catch (error) {
    throw badRequest(`error decoding YAML: ${(error as Error).message}`);
  }
  if (!applied || typeof applied !== 'object') throw badRequest('the apply body must be an object');
  applied.metadata ??= { name };
  assertKind(route.type, applied);
  assertNoManagedFields(applied);
  checkTypedApply(route.type, applied);
  checkNamespace(route, applied);
  if (applied.metadata.name !== name) throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
  const current = store.get(route.type, route.namespace, name);
  const force = request.url.searchParams.get('force') === 'true';
  const merged = serverSideApply(current, applied, manager, force);
  checkApplyDuplicates(request, res);
  if (route.namespace) merged.metadata.namespace = route.namespace;
  // The strategy validates the merged object (rest.BeforeCreate / BeforeUpdate).
  validateValues(route.type, merged);
  preventEscalation(backend.store, request.user, { type: route.type, namespace: route.namespace ?? '', requestName: name, next: merged, current });
  if (!current) {
    delete merged.metadata.resourceVersion;
    // The registry's Store.Update creates in this order: BeforeCreate's defaulting and validation (a
    // 422), then createValidation, which patch.go's withAuthorization makes the `create` check (a
    // 403) followed by validating admission (registry/generic/registry/store.go, handlers/patch.go).
    admit(route.type, merged, undefined, { allocateClusterIP: () => backend.admission.allocateClusterIP() });
    authorizeCreateOnApply(backend.store, request.user, route, name);
    if (route.type.kind === 'Pod') addWarnings(res, backend.admission.admitPod?.(merged) ?? []);
    return sendJson(res, 201, store.create(route.type, merged, { dryRun: isDryRun(request) }));
  }
  const next = keepOtherHalf(route.type, route.subresource, merged, current);
  addWarnings(res, admit(route.type, next, current, backend.admission));
  sendJson(res, 200, store.update(route.type, next, { dryRun: isDryRun(request) }));
}
