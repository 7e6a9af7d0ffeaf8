import type http from 'node:http';
import { ApiError } from '../errors.js';
import { groupVersion, type ResourceType } from '../resources.js';
import { fieldsMatch, labelsMatch, parseFieldSelector, parseLabelSelector } from '../selectors.js';
import type { KubeObject, Store } from '../store.js';
import { toTable } from '../tables.js';
import type { ApiBackend } from './backend.js';
import { isDryRun, parseJsonBody, sendJson, wantsTable, type Request } from './http.js';
import { serveLogs } from './logs.js';
import type { ResourceRoute } from './routes.js';
import { serveScale } from './scale.js';
import { watch } from './watch.js';
import { create, patch, replace } from './writes.js';

/** A request on a resource or one object: get, list, watch, create, replace, patch, delete, and the `log` and `scale` subresources. */
export async function serveResource(
  backend: ApiBackend,
  route: ResourceRoute,
  request: Request,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const { store } = backend;
  const { type, namespace, name, subresource } = route;
  const params = request.url.searchParams;
  if (name === undefined) {
    if (request.method === 'GET') {
      if (params.get('watch') === 'true' || params.get('watch') === '1') return watch(store, type, namespace, params, req, res);
      return sendList(store, type, namespace, request, res);
    }
    if (request.method === 'POST') return create(backend, type, namespace, request, res);
    if (request.method === 'DELETE') return deleteCollection(store, type, namespace, request, res);
    throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
  if (subresource === 'log') return serveLogs(backend, route, request, req, res);
  if (subresource === 'scale') return serveScale(backend, route, request, res);
  switch (request.method) {
    case 'GET': {
      if (params.get('watch') === 'true') {
        params.set('fieldSelector', [params.get('fieldSelector'), `metadata.name=${name}`].filter(Boolean).join(','));
        return watch(store, type, namespace, params, req, res);
      }
      const object = store.mustGet(type, namespace, name);
      if (wantsTable(request) && !subresource) return sendJson(res, 200, toTable(type, [object], object.metadata.resourceVersion ?? ''));
      return sendJson(res, 200, object);
    }
    case 'PUT':
      return replace(backend, route, name, request, res);
    case 'PATCH':
      return patch(backend, route, name, request, res);
    case 'DELETE': {
      const options = request.body.length ? (parseJsonBody(request) as Record<string, unknown>) : {};
      const grace = params.get('gracePeriodSeconds') ?? options.gracePeriodSeconds;
      const propagation = params.get('propagationPolicy') ?? options.propagationPolicy;
      const deleted = store.delete(type, namespace, name, {
        ...(grace !== undefined && grace !== null ? { gracePeriodSeconds: Number(grace) } : {}),
        ...(propagation ? { propagationPolicy: propagation as 'Background' | 'Foreground' | 'Orphan' } : {}),
        dryRun: isDryRun(request) || (Array.isArray(options.dryRun) && options.dryRun.includes('All')),
      });
      return sendJson(res, 200, deleted);
    }
    default:
      throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
}

function selectObjects(store: Store, type: ResourceType, namespace: string | undefined, params: URLSearchParams): KubeObject[] {
  const labels = parseLabelSelector(params.get('labelSelector') ?? '');
  const fields = parseFieldSelector(params.get('fieldSelector') ?? '');
  return store.list(type, namespace).filter((o) => labelsMatch(o.metadata.labels, labels) && fieldsMatch(o, fields));
}

function sendList(store: Store, type: ResourceType, namespace: string | undefined, request: Request, res: http.ServerResponse): void {
  const items = selectObjects(store, type, namespace, request.url.searchParams);
  const resourceVersion = String(store.resourceVersion);
  if (wantsTable(request)) return sendJson(res, 200, toTable(type, items, resourceVersion));
  sendJson(res, 200, { kind: listKind(type), apiVersion: groupVersion(type), metadata: { resourceVersion }, items });
}

function listKind(type: ResourceType): string {
  return `${type.kind}List`;
}

function deleteCollection(store: Store, type: ResourceType, namespace: string | undefined, request: Request, res: http.ServerResponse): void {
  const items = selectObjects(store, type, namespace, request.url.searchParams).map((object) =>
    store.delete(type, object.metadata.namespace, object.metadata.name, { dryRun: isDryRun(request) }),
  );
  sendJson(res, 200, { kind: listKind(type), apiVersion: groupVersion(type), metadata: { resourceVersion: String(store.resourceVersion) }, items });
}
