import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import YAML from 'yaml';
import { admit, assertKind, rejectUnknownFields, type AdmissionContext } from './defaults.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { recordUpdate, serverSideApply } from './managed-fields.js';
import { decodeProtobufObject } from './protobuf.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, type Json } from './patch.js';
import { RESOURCE_TYPES, VERBS, findType, groupVersion, type ResourceType } from './resources.js';
import { fieldsMatch, labelsMatch, parseFieldSelector, parseLabelSelector, selectorToString } from './selectors.js';
import { type KubeObject, type Store, type StoreEvent, typeKey } from './store.js';
import { toTable } from './tables.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: 'emulator',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export interface LogOptions {
  container?: string;
  previous: boolean;
  tailLines?: number;
  timestamps: boolean;
}

export interface LogSource {
  /** Lines already written. */
  lines: string[];
  /** Streams further lines until the container stops; returns an unsubscribe function. */
  follow(onLine: (line: string) => void, onEnd: () => void): () => void;
}

export interface ApiBackend {
  store: Store;
  token: string;
  admission: AdmissionContext;
  logs(namespace: string, pod: string, options: LogOptions): LogSource;
  /** Where `services/NAME[:PORT]/proxy` or `pods/NAME[:PORT]/proxy` sends a request. */
  proxyTarget(kind: 'pods' | 'services', namespace: string, nameAndPort: string): { host: string; port: number };
  /** Called for every request with its status, for debugging (`EMULATOR_LOG_REQUESTS=1`). */
  onRequest?(method: string, url: string, status: number, milliseconds: number): void;
}

interface ResourceRoute {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The rest of the path after `proxy`. */
  proxyPath?: string;
}

interface Request {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface ApiServer {
  url: string;
  close(): Promise<void>;
  /** Listens again on the same address after `close` (an API server outage and its end). */
  reopen(): Promise<void>;
}

export async function startApiServer(backend: ApiBackend, tls: { key: string; cert: string }): Promise<ApiServer> {
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const started = performance.now();
    res.on('finish', () => backend.onRequest?.(req.method ?? '', req.url ?? '', res.statusCode, performance.now() - started));
    handle(backend, req, res).catch((error: unknown) => sendError(res, error));
  });
  // Watches stay open for minutes; the defaults would cut them.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    reopen: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalError', `Internal error occurred: ${(error as Error).stack ?? String(error)}`);
  sendJson(res, apiError.code, apiError.toStatus());
}

function authorized(backend: ApiBackend, header: string | undefined): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(backend.token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'RequestEntityTooLarge', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function handle(backend: ApiBackend, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://emulator');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (!PUBLIC_PATHS.has(path) && !authorized(backend, req.headers.authorization)) {
    throw new ApiError(401, 'Unauthorized', 'Unauthorized');
  }
  const route = parseResourcePath(path);
  if (route?.subresource === 'proxy') {
    proxy(backend, route, req, res, url);
    return;
  }
  const request: Request = { method: req.method ?? 'GET', url, headers: req.headers, body: await readBody(req) };
  if (!route) {
    serveStatic(path, request, res);
    return;
  }
  await serveResource(backend, route, request, req, res);
}

function serveStatic(path: string, request: Request, res: http.ServerResponse): void {
  if (request.method !== 'GET') throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
    return;
  }
  if (path === '/api') {
    return sendJson(res, 200, {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
    });
  }
  if (path === '/apis') return sendJson(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups() });
  const groupMatch = /^\/apis\/([^/]+)$/.exec(path);
  if (groupMatch) {
    const group = apiGroups().find((g) => g.name === groupMatch[1]);
    if (!group) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    return sendJson(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...group });
  }
  const versionMatch = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (versionMatch) {
    const group = versionMatch[2] ?? '';
    const version = versionMatch[1] ?? versionMatch[3] ?? '';
    const list = resourceList(group, version);
    if (!list) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    return sendJson(res, 200, list);
  }
  if (path === '/openapi/v3') return sendJson(res, 200, openApiIndex());
  // An empty v2 document (kubectl asks for protobuf; zero bytes is the empty message): kubectl
  // reads it when a kind is missing from v3, and then reports the unknown kind itself.
  if (path === '/openapi/v2') {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': 0 });
    res.end();
    return;
  }
  const openApiMatch = /^\/openapi\/v3\/(api\/v1|apis\/[^/]+\/[^/]+)$/.exec(path);
  if (openApiMatch) {
    const document = openApiDocument(openApiMatch[1] ?? '');
    if (document) return sendJson(res, 200, document);
  }
  throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}

function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const type of RESOURCE_TYPES) seen.set(groupVersion(type), { group: type.group, version: type.version });
  // Scale lives in autoscaling/v1; kubectl resolves its kind through discovery.
  seen.set('autoscaling/v1', { group: 'autoscaling', version: 'v1' });
  return [...seen.values()];
}

function apiGroups(): { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion: { groupVersion: string; version: string } }[] {
  const groups = new Map<string, { groupVersion: string; version: string }[]>();
  for (const { group, version } of groupVersions()) {
    if (!group) continue;
    const versions = groups.get(group) ?? [];
    versions.push({ groupVersion: `${group}/${version}`, version });
    groups.set(group, versions);
  }
  return [...groups.entries()].map(([name, versions]) => ({ name, versions, preferredVersion: versions[0] ?? { groupVersion: '', version: '' } }));
}

function resourceList(group: string, version: string): Record<string, unknown> | undefined {
  if (!groupVersions().some((gv) => gv.group === group && gv.version === version)) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const type of RESOURCE_TYPES.filter((t) => t.group === group && t.version === version)) {
    resources.push({
      name: type.resource,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: VERBS,
      ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
      ...(type.categories.length ? { categories: type.categories } : {}),
    });
    for (const sub of type.subresources) {
      resources.push({
        name: `${type.resource}/${sub.name}`,
        singularName: '',
        namespaced: type.namespaced,
        ...(sub.group !== undefined ? { group: sub.group, version: sub.version } : {}),
        kind: sub.kind,
        verbs: sub.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

/**
 * The smallest OpenAPI v3 that lets kubectl validate: it only needs to see that each kind's
 * PATCH accepts `fieldValidation`, and then leaves unknown-field checks to the server.
 */
function openApiIndex(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const { group, version } of groupVersions()) {
    const key = group ? `apis/${group}/${version}` : `api/${version}`;
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=emulator` };
  }
  return { paths };
}

function openApiDocument(key: string): Record<string, unknown> | undefined {
  const gv = groupVersions().find(({ group, version }) => (group ? `apis/${group}/${version}` : `api/${version}`) === key);
  if (!gv) return undefined;
  const paths: Record<string, unknown> = {};
  for (const type of RESOURCE_TYPES.filter((t) => t.group === gv.group && t.version === gv.version)) {
    const prefix = `/${key}${type.namespaced ? '/namespaces/{namespace}' : ''}/${type.resource}/{name}`;
    paths[prefix] = {
      patch: {
        'x-kubernetes-group-version-kind': { group: type.group, version: type.version, kind: type.kind },
        parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string' } }],
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes emulator', version: SERVER_VERSION.gitVersion }, paths, components: { schemas: {} } };
}

/** `/api/v1/namespaces/N/pods/P/log`, `/apis/apps/v1/deployments`, `/api/v1/namespaces/N` … */
function parseResourcePath(path: string): ResourceRoute | undefined {
  const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(path);
  if (!match) return undefined;
  const group = match[2] ?? '';
  const version = match[1] ?? match[3] ?? '';
  const parts = (match[4] ?? '').split('/').map(decodeURIComponent);
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length >= 3 && parts[1] && findType(group, version, parts[2] ?? '')) {
    namespace = parts[1];
    parts.splice(0, 2);
  }
  const [resource, name, subresource, ...rest] = parts;
  const type = findType(group, version, resource ?? '');
  if (!type) {
    if (!groupVersions().some((gv) => gv.group === group && gv.version === version)) return undefined;
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  }
  if (type.namespaced === false && namespace) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (subresource && !type.subresources.some((s) => s.name === subresource)) {
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  }
  return {
    type,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    ...(subresource === 'proxy' ? { proxyPath: '/' + rest.map(encodeURIComponent).join('/') } : {}),
  };
}

function wantsTable(request: Request): boolean {
  return /as=Table/.test(String(request.headers.accept ?? ''));
}

function listKind(type: ResourceType): string {
  return `${type.kind}List`;
}

function fieldManager(request: Request): string {
  const explicit = request.url.searchParams.get('fieldManager');
  if (explicit) return explicit;
  return String(request.headers['user-agent'] ?? 'unknown').split('/')[0] ?? 'unknown';
}

function isDryRun(request: Request): boolean {
  return request.url.searchParams.getAll('dryRun').includes('All');
}

function parseJsonBody(request: Request): Json {
  if (String(request.headers['content-type'] ?? '').includes('protobuf')) {
    throw new ApiError(415, 'UnsupportedMediaType', 'the emulator decodes protobuf only when creating a Namespace, Secret or ConfigMap; send JSON');
  }
  try {
    return JSON.parse(request.body.toString('utf8') || 'null') as Json;
  } catch (error) {
    throw badRequest(`error decoding request body: ${(error as Error).message}`);
  }
}

function hasStatusSubresource(type: ResourceType): boolean {
  return type.subresources.some((s) => s.name === 'status');
}

async function serveResource(backend: ApiBackend, route: ResourceRoute, request: Request, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
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

function watch(store: Store, type: ResourceType, namespace: string | undefined, params: URLSearchParams, req: http.IncomingMessage, res: http.ServerResponse): void {
  const labels = parseLabelSelector(params.get('labelSelector') ?? '');
  const fields = parseFieldSelector(params.get('fieldSelector') ?? '');
  const matches = (object: KubeObject | undefined): boolean =>
    !!object && (namespace === undefined || object.metadata.namespace === namespace) && labelsMatch(object.metadata.labels, labels) && fieldsMatch(object, fields);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  const write = (eventType: string, object: unknown): void => {
    res.write(JSON.stringify({ type: eventType, object }) + '\n');
  };
  const key = typeKey(type);
  const deliver = (event: StoreEvent): void => {
    if (typeKey(event.resourceType) !== key) return;
    const now = matches(event.object);
    const before = matches(event.previous);
    if (event.type === 'ADDED' && now) write('ADDED', event.object);
    else if (event.type === 'DELETED' && now) write('DELETED', event.object);
    else if (event.type === 'MODIFIED') {
      if (now && before) write('MODIFIED', event.object);
      else if (now) write('ADDED', event.object);
      else if (before) write('DELETED', event.object);
    }
  };
  const requested = params.get('resourceVersion');
  if (!requested || requested === '0') {
    for (const object of store.list(type, namespace)) if (matches(object)) write('ADDED', object);
  } else {
    const since = Number(requested);
    if (!Number.isFinite(since) || since < store.oldestResumableVersion) {
      write('ERROR', new ApiError(410, 'Expired', `too old resource version: ${requested} (${store.oldestResumableVersion})`).toStatus());
      res.end();
      return;
    }
    for (const event of store.eventsAfter(since)) deliver(event);
  }
  const unsubscribe = store.subscribe(deliver);
  const timeoutSeconds = Number(params.get('timeoutSeconds') ?? 1800);
  const timer = setTimeout(() => res.end(), timeoutSeconds * 1000);
  const finish = (): void => {
    clearTimeout(timer);
    unsubscribe();
  };
  req.on('close', finish);
  res.on('close', finish);
}

function checkNamespace(route: { namespace?: string }, object: KubeObject): void {
  if (route.namespace && object.metadata.namespace && object.metadata.namespace !== route.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (route.namespace) object.metadata.namespace = route.namespace;
}

function parseObject(request: Request): KubeObject {
  const isProtobuf = String(request.headers['content-type'] ?? '').includes('protobuf');
  const object = isProtobuf ? decodeProtobufObject(request.body) : (parseJsonBody(request) as unknown as KubeObject);
  if (!object || typeof object !== 'object' || Array.isArray(object)) throw badRequest('the request body must be an object');
  object.metadata ??= { name: '' };
  return object;
}

function validateFields(type: ResourceType, object: KubeObject, request: Request): void {
  if (request.url.searchParams.get('fieldValidation') === 'Strict') rejectUnknownFields(type, object);
}

function create(backend: ApiBackend, type: ResourceType, namespace: string | undefined, request: Request, res: http.ServerResponse): void {
  const object = parseObject(request);
  assertKind(type, object);
  validateFields(type, object, request);
  checkNamespace({ ...(namespace ? { namespace } : {}) }, object);
  delete object.metadata.resourceVersion;
  delete object.metadata.managedFields;
  admit(type, object, undefined, backend.admission);
  recordUpdate(undefined, object, fieldManager(request));
  sendJson(res, 201, backend.store.create(type, object, { dryRun: isDryRun(request) }));
}

/** Main-resource writes leave status alone and status writes leave everything else alone. */
function keepOtherHalf(type: ResourceType, subresource: string | undefined, written: KubeObject, current: KubeObject): KubeObject {
  if (!hasStatusSubresource(type)) return written;
  if (subresource === 'status') return { ...current, status: written.status, metadata: { ...current.metadata, resourceVersion: written.metadata.resourceVersion ?? '' } };
  return { ...written, status: current.status };
}

function replace(backend: ApiBackend, route: ResourceRoute, name: string, request: Request, res: http.ServerResponse): void {
  const { store } = backend;
  const object = parseObject(request);
  assertKind(route.type, object);
  validateFields(route.type, object, request);
  checkNamespace(route, object);
  if (object.metadata.name !== name) throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`);
  const current = store.mustGet(route.type, route.namespace, name);
  object.metadata.managedFields = current.metadata.managedFields ?? [];
  const next = keepOtherHalf(route.type, route.subresource, object, current);
  write(backend, route, current, next, request, res);
}

function write(backend: ApiBackend, route: ResourceRoute, current: KubeObject, next: KubeObject, request: Request, res: http.ServerResponse): void {
  admit(route.type, next, current, backend.admission);
  recordUpdate(current, next, fieldManager(request), route.subresource);
  sendJson(res, 200, backend.store.update(route.type, next, { dryRun: isDryRun(request) }));
}

function patch(backend: ApiBackend, route: ResourceRoute, name: string, request: Request, res: http.ServerResponse): void {
  const { store } = backend;
  const contentType = String(request.headers['content-type'] ?? '').split(';')[0]?.trim();
  if (contentType === 'application/apply-patch+yaml') return apply(backend, route, name, request, res);
  const current = store.mustGet(route.type, route.namespace, name);
  const body = parseJsonBody(request);
  let patched: KubeObject;
  switch (contentType) {
    case 'application/merge-patch+json':
      patched = applyMergePatch(current as unknown as Json, body) as unknown as KubeObject;
      break;
    case 'application/strategic-merge-patch+json':
      patched = applyStrategicMergePatch(current as unknown as Json, body) as unknown as KubeObject;
      break;
    case 'application/json-patch+json':
      patched = applyJsonPatch(current, body);
      break;
    default:
      throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
  }
  patched.metadata ??= { name };
  if (patched.metadata.name !== name || (route.namespace && patched.metadata.namespace !== route.namespace)) {
    throw badRequest('metadata.name and metadata.namespace cannot be changed by a patch');
  }
  validateFields(route.type, patched, request);
  const next = keepOtherHalf(route.type, route.subresource, patched, current);
  write(backend, route, current, next, request, res);
}

function apply(backend: ApiBackend, route: ResourceRoute, name: string, request: Request, res: http.ServerResponse): void {
  const { store } = backend;
  const manager = request.url.searchParams.get('fieldManager');
  if (!manager) throw badRequest('PATCH /apply requires a non-empty fieldManager query parameter');
  let applied: KubeObject;
  try {
    applied = YAML.parse(request.body.toString('utf8')) as KubeObject;
  } catch (error) {
    throw badRequest(`error decoding YAML: ${(error as Error).message}`);
  }
  if (!applied || typeof applied !== 'object') throw badRequest('the apply body must be an object');
  applied.metadata ??= { name };
  assertKind(route.type, applied);
  validateFields(route.type, applied, request);
  checkNamespace(route, applied);
  if (applied.metadata.name !== name) throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
  const current = store.get(route.type, route.namespace, name);
  const force = request.url.searchParams.get('force') === 'true';
  const merged = serverSideApply(current, applied, manager, force);
  if (route.namespace) merged.metadata.namespace = route.namespace;
  if (!current) {
    delete merged.metadata.resourceVersion;
    admit(route.type, merged, undefined, backend.admission);
    return sendJson(res, 201, store.create(route.type, merged, { dryRun: isDryRun(request) }));
  }
  const next = keepOtherHalf(route.type, route.subresource, merged, current);
  admit(route.type, next, current, backend.admission);
  sendJson(res, 200, store.update(route.type, next, { dryRun: isDryRun(request) }));
}

function deleteCollection(store: Store, type: ResourceType, namespace: string | undefined, request: Request, res: http.ServerResponse): void {
  const items = selectObjects(store, type, namespace, request.url.searchParams).map((object) =>
    store.delete(type, object.metadata.namespace, object.metadata.name, { dryRun: isDryRun(request) }),
  );
  sendJson(res, 200, { kind: listKind(type), apiVersion: groupVersion(type), metadata: { resourceVersion: String(store.resourceVersion) }, items });
}

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

function serveScale(backend: ApiBackend, route: ResourceRoute, request: Request, res: http.ServerResponse): void {
  const current = backend.store.mustGet(route.type, route.namespace, route.name ?? '');
  const scale = toScale(current);
  if (request.method === 'GET') return sendJson(res, 200, scale);
  let desired: Record<string, unknown>;
  if (request.method === 'PUT') {
    desired = parseJsonBody(request) as Record<string, unknown>;
  } else if (request.method === 'PATCH') {
    const contentType = String(request.headers['content-type'] ?? '').split(';')[0]?.trim();
    const body = parseJsonBody(request);
    desired = (contentType === 'application/json-patch+json'
      ? applyJsonPatch(scale, body)
      : contentType === 'application/strategic-merge-patch+json'
        ? applyStrategicMergePatch(scale as Json, body)
        : applyMergePatch(scale as Json, body)) as Record<string, unknown>;
  } else {
    throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
  const desiredMeta = (desired.metadata ?? {}) as { resourceVersion?: string };
  const replicas = Number((desired.spec as { replicas?: unknown } | undefined)?.replicas);
  if (!Number.isInteger(replicas) || replicas < 0) throw new ApiError(422, 'Invalid', `Scale.autoscaling "${route.name}" is invalid: spec.replicas: Invalid value: must be greater than or equal to 0`);
  const next = structuredClone(current);
  next.spec.replicas = replicas;
  if (desiredMeta.resourceVersion) next.metadata.resourceVersion = desiredMeta.resourceVersion;
  admit(route.type, next, current, backend.admission);
  recordUpdate(current, next, fieldManager(request), 'scale');
  sendJson(res, 200, toScale(backend.store.update(route.type, next, { dryRun: isDryRun(request) })));
}

function serveLogs(backend: ApiBackend, route: ResourceRoute, request: Request, req: http.IncomingMessage, res: http.ServerResponse): void {
  const params = request.url.searchParams;
  const tail = params.get('tailLines');
  const container = params.get('container');
  const timestamps = params.get('timestamps') === 'true';
  const source = backend.logs(route.namespace ?? 'default', route.name ?? '', {
    ...(container ? { container } : {}),
    previous: params.get('previous') === 'true',
    ...(tail !== null ? { tailLines: Number(tail) } : {}),
    timestamps,
  });
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  for (const line of source.lines) res.write(line + '\n');
  if (params.get('follow') !== 'true') {
    res.end();
    return;
  }
  res.flushHeaders();
  const stop = source.follow(
    (line) => res.write(line + '\n'),
    () => res.end(),
  );
  req.on('close', stop);
}

function proxy(backend: ApiBackend, route: ResourceRoute, req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  if (route.type.resource !== 'pods' && route.type.resource !== 'services') throw notFound(route.type.resource, route.type.group, route.name ?? '');
  const target = backend.proxyTarget(route.type.resource, route.namespace ?? 'default', route.name ?? '');
  const headers = { ...req.headers };
  delete headers.authorization;
  delete headers.host;
  const upstream = http.request(
    { host: target.host, port: target.port, method: req.method, path: (route.proxyPath ?? '/') + url.search, headers: { ...headers, host: `${target.host}:${target.port}` } },
    (upstreamResponse) => {
      res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
      upstreamResponse.pipe(res);
    },
  );
  upstream.setTimeout(30_000, () => upstream.destroy(new Error('timeout')));
  upstream.on('error', (error) => {
    sendError(res, new ApiError(503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${target.host}:${target.port}: ${error.message}`));
  });
  req.pipe(upstream);
}
