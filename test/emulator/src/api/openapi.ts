import { RESOURCE_TYPES, groupVersions } from '../resources.js';
import { SERVER_VERSION } from './version.js';

/**
 * The smallest OpenAPI v3 that lets kubectl validate: it only needs to see that each kind's
 * PATCH accepts `fieldValidation`, and then leaves unknown-field checks to the server.
 */
export function openApiIndex(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const { group, version } of groupVersions()) {
    const key = group ? `apis/${group}/${version}` : `api/${version}`;
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=emulator` };
  }
  return { paths };
}

export function openApiDocument(key: string): Record<string, unknown> | undefined {
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
