import type http from 'node:http';
import { ApiError, invalid } from '../errors.js';
import { decodeProtobufObject } from '../protobuf.js';
import { authorize, rulesReview, type RequestAttributes, type UserInfo } from '../rbac.js';
import type { Store } from '../store.js';
import type { Authenticator } from './authentication.js';
import { parseJsonBody, sendJson, type Request } from './http.js';
import type { ResourceRoute } from './routes.js';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/**
 * Requests answered rather than stored: SelfSubjectAccessReview (`kubectl auth can-i`),
 * SelfSubjectRulesReview (`can-i --list`), SelfSubjectReview (`kubectl auth whoami`), and the
 * TokenRequest subresource (`kubectl create token`). As pkg/registry/authorization/* and
 * pkg/registry/core/serviceaccount/storage/token.go answer them: create only, 201.
 */
export function serveReview(
  store: Store,
  authenticator: Authenticator,
  user: UserInfo,
  route: ResourceRoute,
  request: Request,
  res: http.ServerResponse,
): void {
  if (request.method !== 'POST') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const isProtobuf = String(request.headers['content-type'] ?? '').includes('protobuf');
  const body = ((isProtobuf ? decodeProtobufObject(request.body) : parseJsonBody(request)) ?? {}) as Record<string, unknown>;
  if (route.subresource === 'token') {
    return sendJson(res, 201, authenticator.issue(route.namespace ?? '', route.name ?? '', body));
  }
  const echo = { kind: route.type.kind, apiVersion: `${route.type.group}/${route.type.version}`, metadata: { creationTimestamp: null } };
  const spec = (body.spec ?? {}) as { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: { path?: string; verb?: string }; namespace?: string };
  switch (route.type.resource) {
    case 'selfsubjectreviews':
      return sendJson(res, 201, { ...echo, status: { userInfo: { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups } } });
    case 'selfsubjectrulesreviews':
      return sendJson(res, 201, { ...echo, spec: { namespace: spec.namespace ?? '' }, status: rulesReview(store, user, spec.namespace ?? '') });
    default: {
      const decision = authorize(store, user, reviewAttributes(spec));
      return sendJson(res, 201, {
        ...echo,
        spec,
        status: { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) },
      });
    }
  }
}

function reviewAttributes(spec: { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: { path?: string; verb?: string } }): RequestAttributes {
  const { resourceAttributes: resource, nonResourceAttributes: nonResource } = spec;
  if (Boolean(resource) === Boolean(nonResource)) {
    throw invalid(
      'SelfSubjectAccessReview.authorization.k8s.io',
      '',
      `spec.resourceAttributes: Invalid value: ${JSON.stringify(JSON.stringify(resource ?? null))}: exactly one of nonResourceAttributes or resourceAttributes must be specified`,
    );
  }
  if (nonResource) return { kind: 'nonResource', verb: nonResource.verb ?? '', path: nonResource.path ?? '' };
  return {
    kind: 'resource',
    verb: resource?.verb ?? '',
    group: resource?.group ?? '',
    version: resource?.version ?? '',
    resource: resource?.resource ?? '',
    subresource: resource?.subresource ?? '',
    namespace: resource?.namespace ?? '',
    name: resource?.name ?? '',
  };
}
