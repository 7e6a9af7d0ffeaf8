import type http from 'node:http';
import { admit } from '../defaults.js';
import { ApiError } from '../errors.js';
import { recordUpdate } from '../managed-fields.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, type Json } from '../patch.js';
import { selectorToString } from '../selectors.js';
import type { KubeObject } from '../store.js';
import type { ApiBackend } from './backend.js';
import { fieldManager, isDryRun, parseJsonBody, sendJson, type Request } from './http.js';
import type { ResourceRoute } from './routes.js';

function toScale(object: KubeObject): Record<string, unknown> {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion,
      creationTimestamp: object.metadata.creationTimestamp,
    },
    spec: { replicas: object.spec?.replicas ?? 0 },
    status: { replicas: object.status?.replicas ?? 0, selector: selectorToString(object.spec?.selector) },
  };
}

/** The `scale` subresource (`kubectl scale`): read or write `spec.replicas` through an autoscaling/v1 Scale. */
export function serveScale(backend: ApiBackend, route: ResourceRoute, request: Request, res: http.ServerResponse): void {
  const current = backend.store.mustGet(route.type, route.namespace, route.name ?? '');
  const scale = toScale(current);
  if (request.method === 'GET') return sendJson(res, 200, scale);
  let desired: Record<string, unknown>;
  if (request.method === 'PUT') {
    desired = parseJsonBody(request) as Record<string, unknown>;
  } else if (request.method === 'PATCH') {
    const contentType = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim();
    const body = parseJsonBody(request);
    desired = (
      contentType === 'application/json-patch+json'
        ? applyJsonPatch(scale, body)
        : contentType === 'application/strategic-merge-patch+json'
          ? applyStrategicMergePatch(scale as Json, body)
          : applyMergePatch(scale as Json, body)
    ) as Record<string, unknown>;
  } else {
    throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
  const desiredMeta = (desired.metadata ?? {}) as { resourceVersion?: string };
  const replicas = Number((desired.spec as { replicas?: unknown } | undefined)?.replicas);
  if (!Number.isInteger(replicas) || replicas < 0)
    throw new ApiError(422, 'Invalid', `Scale.autoscaling "${route.name}" is invalid: spec.replicas: Invalid value: must be greater than or equal to 0`);
  const next = structuredClone(current);
  next.spec.replicas = replicas;
  if (desiredMeta.resourceVersion) next.metadata.resourceVersion = desiredMeta.resourceVersion;
  admit(route.type, next, current, backend.admission);
  recordUpdate(current, next, fieldManager(request), 'scale');
  sendJson(res, 200, toScale(backend.store.update(route.type, next, { dryRun: isDryRun(request) })));
}
