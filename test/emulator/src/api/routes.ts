import { ApiError } from '../errors.js';
import { findType, groupVersions, type ResourceType } from '../resources.js';

export interface ResourceRoute {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The rest of the path after `proxy`. */
  proxyPath?: string;
}

/** `/api/v1/namespaces/N/pods/P/log`, `/apis/apps/v1/deployments`, `/api/v1/namespaces/N` … */
export function parseResourcePath(path: string): ResourceRoute | undefined {
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
