import type http from 'node:http';
import { ApiError } from '../errors.js';
import { RESOURCE_TYPES, VERBS, groupVersions } from '../resources.js';
import { sendJson, type Request } from './http.js';
import { openApiDocument, openApiIndex } from './openapi.js';
import { SERVER_VERSION } from './version.js';

/** The paths that are not resources: `/version`, health checks, discovery and OpenAPI. */
export function serveDiscovery(path: string, request: Request, res: http.ServerResponse): void {
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

/**
 * The group versions discovery lists: only those with resources, as kube-apiserver installs no
 * discovery for a version without any ("Skipping API … because it has no resources",
 * k8s.io/apiserver/pkg/server/genericapiserver.go). autoscaling/v1 here only names the Scale kind of
 * the scale subresources, whose entries give that group and version themselves; a listed version
 * with no resources makes client-go's discovery fail (`kubectl api-resources`).
 */
function discoverableGroupVersions(): { group: string; version: string }[] {
  return groupVersions().filter(({ group, version }) => RESOURCE_TYPES.some((type) => type.group === group && type.version === version));
}

function apiGroups(): { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion: { groupVersion: string; version: string } }[] {
  const groups = new Map<string, { groupVersion: string; version: string }[]>();
  for (const { group, version } of discoverableGroupVersions()) {
    if (!group) continue;
    const versions = groups.get(group) ?? [];
    versions.push({ groupVersion: `${group}/${version}`, version });
    groups.set(group, versions);
  }
  return [...groups.entries()].map(([name, versions]) => ({ name, versions, preferredVersion: versions[0] ?? { groupVersion: '', version: '' } }));
}

function resourceList(group: string, version: string): Record<string, unknown> | undefined {
  if (!discoverableGroupVersions().some((gv) => gv.group === group && gv.version === version)) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const type of RESOURCE_TYPES.filter((t) => t.group === group && t.version === version)) {
    resources.push({
      name: type.resource,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.verbs ?? VERBS,
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
