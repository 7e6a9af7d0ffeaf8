import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError, invalid, notFound } from '../errors.js';
import { serviceAccountUser, SYSTEM_MASTERS, type RequestAttributes, type UserInfo } from '../rbac.js';
import { typeByName } from '../resources.js';
import type { Store } from '../store.js';
import type { ResourceRoute } from './routes.js';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** TokenRequest defaults and bounds (pkg/apis/authentication/validation: at least 10 minutes; default 1 hour). */
const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;

export const ADMIN_USER: UserInfo = { username: 'kubernetes-admin', groups: [SYSTEM_MASTERS, 'system:authenticated'] };

interface TokenClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } };
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * Bearer tokens: the admin token of the kubeconfig, and ServiceAccount tokens the TokenRequest
 * API issues (JWTs as pkg/serviceaccount/claims.go writes them, signed with a key of this
 * server: HS256 instead of the real RS256, which no client checks). A ServiceAccount token is
 * refused once it expires or its ServiceAccount is deleted (or re-created with another uid).
 */
export class Authenticator {
  private readonly key = randomBytes(32);

  constructor(
    private readonly store: Store,
    private readonly adminToken: string,
  ) {}

  authenticate(header: string | undefined): UserInfo {
    const presented = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
    const admin = Buffer.from(this.adminToken);
    const given = Buffer.from(presented);
    if (given.length === admin.length && timingSafeEqual(given, admin)) return ADMIN_USER;
    const user = this.serviceAccountToken(presented);
    if (!user) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    return user;
  }

  private serviceAccountToken(token: string): UserInfo | undefined {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return undefined;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    if (claims.exp * 1000 <= Date.now()) return undefined;
    const { namespace, serviceaccount } = claims['kubernetes.io'];
    const account = this.store.get(typeByName('serviceaccounts'), namespace, serviceaccount.name);
    if (!account || account.metadata.uid !== serviceaccount.uid) return undefined;
    return serviceAccountUser(namespace, serviceaccount.name, serviceaccount.uid);
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  /** `POST …/serviceaccounts/NAME/token` (kubectl create token): a TokenRequest with `status.token`. */
  issue(namespace: string, name: string, request: Record<string, unknown>): Record<string, unknown> {
    const account = this.store.get(typeByName('serviceaccounts'), namespace, name);
    if (!account) throw notFound('serviceaccounts', '', name);
    const spec = (request.spec ?? {}) as { audiences?: string[]; expirationSeconds?: number; boundObjectRef?: unknown };
    const expirationSeconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
    if (!Number.isInteger(expirationSeconds) || expirationSeconds < MIN_EXPIRATION_SECONDS) {
      throw invalid(
        'TokenRequest.authentication.k8s.io',
        name,
        `spec.expirationSeconds: Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes`,
      );
    }
    const audiences = spec.audiences?.length ? spec.audiences : [ISSUER];
    const now = Math.floor(Date.now() / 1000);
    const claims: TokenClaims = {
      iss: ISSUER,
      sub: `system:serviceaccount:${namespace}:${name}`,
      aud: audiences,
      exp: now + expirationSeconds,
      iat: now,
      nbf: now,
      'kubernetes.io': { namespace, serviceaccount: { name, uid: account.metadata.uid ?? '' } },
    };
    const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', kid: 'emulator' }))}.${base64url(JSON.stringify(claims))}`;
    return {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: null },
      spec: { audiences, expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
      status: { token: `${unsigned}.${this.sign(unsigned)}`, expirationTimestamp: new Date(claims.exp * 1000).toISOString().replace(/\.\d+Z$/, 'Z') },
    };
  }
}

const VERB_OF_METHOD: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete', GET: 'get', HEAD: 'get' };

/** The verb, resource and name RBAC sees for a request (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go). */
export function requestAttributes(method: string, path: string, url: URL, route: ResourceRoute | undefined): RequestAttributes {
  const base = VERB_OF_METHOD[method] ?? method.toLowerCase();
  if (!route) return { kind: 'nonResource', verb: base, path };
  const watching = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
  let verb = base;
  let name = route.name ?? '';
  if (!route.name) {
    if (base === 'get') verb = watching ? 'watch' : 'list';
    if (base === 'delete') verb = 'deletecollection';
  } else if (base === 'get' && watching) {
    verb = 'watch';
  }
  if ((verb === 'list' || verb === 'watch') && !name) {
    const byName = (url.searchParams.get('fieldSelector') ?? '').split(',').find((term) => /^metadata\.name==?/.test(term));
    if (byName) name = byName.replace(/^metadata\.name==?/, '');
  }
  const namespace = route.type.resource === 'namespaces' ? (route.name ?? '') : (route.namespace ?? '');
  return {
    kind: 'resource',
    verb,
    group: route.type.group,
    version: route.type.version,
    resource: route.type.resource,
    subresource: route.subresource ?? '',
    namespace,
    name,
  };
}
