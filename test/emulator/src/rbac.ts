import { ApiError } from './errors.js';
import { typeByName, type ResourceType } from './resources.js';
import type { KubeObject, Store } from './store.js';

/** Who made a request (k8s.io/apiserver user.Info). */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
}

/** What a request does (k8s.io/apiserver authorizer.Attributes, as request/requestinfo.go derives them). */
export type RequestAttributes =
  | { kind: 'resource'; verb: string; group: string; version: string; resource: string; subresource: string; namespace: string; name: string }
  | { kind: 'nonResource'; verb: string; path: string };

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface Decision {
  allowed: boolean;
  /** Why (`RBAC: allowed by …`), or the errors met on the way to a refusal (a binding to a missing role). */
  reason: string;
}

export const SYSTEM_MASTERS = 'system:masters';
export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

export function serviceAccountUser(namespace: string, name: string, uid: string): UserInfo {
  return {
    username: `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`,
    uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

export const RBAC_TYPES = {
  roles: typeByName('roles'),
  rolebindings: typeByName('rolebindings'),
  clusterroles: typeByName('clusterroles'),
  clusterrolebindings: typeByName('clusterrolebindings'),
};

function matches(values: string[] | undefined, wanted: string): boolean {
  return (values ?? []).some((value) => value === '*' || value === wanted);
}

/** rbac.RuleAllows (plugin/pkg/auth/authorizer/rbac/rbac.go) with the helpers of rbac/v1 evaluation_helpers.go. */
export function ruleAllows(attributes: RequestAttributes, rule: PolicyRule): boolean {
  if (!matches(rule.verbs, attributes.verb)) return false;
  if (attributes.kind === 'nonResource') {
    return (rule.nonResourceURLs ?? []).some(
      (url) => url === '*' || url === attributes.path || (url.endsWith('*') && attributes.path.startsWith(url.slice(0, -1))),
    );
  }
  const combined = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const resourceMatches = (rule.resources ?? []).some(
    (resource) => resource === '*' || resource === combined || (attributes.subresource !== '' && resource === `*/${attributes.subresource}`),
  );
  const names = rule.resourceNames ?? [];
  return matches(rule.apiGroups, attributes.group) && resourceMatches && (names.length === 0 || names.includes(attributes.name));
}

function appliesTo(subject: Subject, user: UserInfo, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.username;
    case 'Group':
      return user.groups.includes(subject.name ?? '');
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return namespace !== '' && user.username === `${SERVICE_ACCOUNT_PREFIX}${namespace}:${subject.name ?? ''}`;
    }
    default:
      return false;
  }
}

/** rbac.go's describeSubject: how a reason names the subject that matched. */
function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') return `ServiceAccount ${JSON.stringify(`${subject.name ?? ''}/${subject.namespace || bindingNamespace}`)}`;
  return `${subject.kind ?? ''} ${JSON.stringify(subject.name ?? '')}`;
}

interface RuleSource {
  describe: string;
  rules: PolicyRule[];
}

/**
 * The rules that apply to a user in a namespace ('' = cluster scope), in the order the real
 * rule resolver visits them (rbac/validation/rule.go VisitRulesFor): ClusterRoleBindings, then
 * the RoleBindings of the namespace. A binding to a missing role is an error, not a rule.
 */
export function rulesFor(store: Store, user: UserInfo, namespace: string): { sources: RuleSource[]; errors: string[] } {
  const sources: RuleSource[] = [];
  const errors: string[] = [];
  const bindings: KubeObject[] = [...store.list(RBAC_TYPES.clusterrolebindings)];
  if (namespace) bindings.push(...store.list(RBAC_TYPES.rolebindings, namespace));
  for (const binding of bindings) {
    const bindingNamespace = binding.metadata.namespace ?? '';
    const subject = ((binding.subjects ?? []) as Subject[]).find((s) => appliesTo(s, user, bindingNamespace));
    if (!subject) continue;
    const roleRef = (binding.roleRef ?? {}) as { kind?: string; name?: string };
    const isClusterRole = roleRef.kind === 'ClusterRole';
    const role = isClusterRole
      ? store.get(RBAC_TYPES.clusterroles, undefined, roleRef.name ?? '')
      : store.get(RBAC_TYPES.roles, bindingNamespace, roleRef.name ?? '');
    if (!role) {
      errors.push(`${isClusterRole ? 'clusterroles' : 'roles'}.rbac.authorization.k8s.io ${JSON.stringify(roleRef.name ?? '')} not found`);
      continue;
    }
    const describe = bindingNamespace
      ? `RoleBinding ${JSON.stringify(`${binding.metadata.name}/${bindingNamespace}`)} of ${roleRef.kind ?? ''} ${JSON.stringify(roleRef.name ?? '')} to ${describeSubject(subject, bindingNamespace)}`
      : `ClusterRoleBinding ${JSON.stringify(binding.metadata.name)} of ${roleRef.kind ?? ''} ${JSON.stringify(roleRef.name ?? '')} to ${describeSubject(subject, '')}`;
    sources.push({ describe, rules: (role.rules ?? []) as PolicyRule[] });
  }
  return { sources, errors };
}

/** The RBAC authorizer behind the system:masters short cut, as a cluster configured with `--authorization-mode=Node,RBAC` decides. */
export function authorize(store: Store, user: UserInfo, attributes: RequestAttributes): Decision {
  if (user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
  const namespace = attributes.kind === 'resource' ? attributes.namespace : '';
  const { sources, errors } = rulesFor(store, user, namespace);
  for (const source of sources) {
    if (source.rules.some((rule) => ruleAllows(attributes, rule))) return { allowed: true, reason: `RBAC: allowed by ${source.describe}` };
  }
  return { allowed: false, reason: errors.length === 0 ? '' : `RBAC: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}` };
}

/** SelfSubjectRulesReview's status: every rule that applies in the namespace (rbac.go RulesFor). */
export function rulesReview(store: Store, user: UserInfo, namespace: string): Record<string, unknown> {
  if (user.groups.includes(SYSTEM_MASTERS)) {
    return {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    };
  }
  const { sources, errors } = rulesFor(store, user, namespace);
  const rules = sources.flatMap((source) => source.rules);
  return {
    resourceRules: rules
      .filter((rule) => (rule.resources ?? []).length > 0)
      .map((rule) => ({
        verbs: rule.verbs ?? [],
        ...(rule.apiGroups ? { apiGroups: rule.apiGroups } : {}),
        resources: rule.resources,
        ...(rule.resourceNames?.length ? { resourceNames: rule.resourceNames } : {}),
      })),
    nonResourceRules: rules
      .filter((rule) => (rule.nonResourceURLs ?? []).length > 0)
      .map((rule) => ({ verbs: rule.verbs ?? [], nonResourceURLs: rule.nonResourceURLs })),
    incomplete: errors.length > 0,
    ...(errors.length > 0 ? { evaluationError: errors.join(', ') } : {}),
  };
}

const SANITIZE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * The 403 a refused request gets: responsewriters.Forbidden (staging/src/k8s.io/apiserver/pkg/
 * endpoints/handlers/responsewriters/errors.go) around apierrors.NewForbidden.
 */
export function forbidden(user: UserInfo, attributes: RequestAttributes, reason: string): ApiError {
  let message: string;
  if (attributes.kind === 'nonResource') {
    message = `User ${JSON.stringify(user.username)} cannot ${attributes.verb} path ${JSON.stringify(attributes.path)}`;
  } else {
    const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
    const scope = attributes.namespace ? `in the namespace ${JSON.stringify(attributes.namespace)}` : 'at the cluster scope';
    message = `User ${JSON.stringify(user.username)} cannot ${attributes.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attributes.group)} ${scope}`;
  }
  message = message.replace(/[&<>]/g, (c) => SANITIZE[c] ?? c);
  if (reason) message = `${message}: ${reason}`;
  if (attributes.kind === 'nonResource') return new ApiError(403, 'Forbidden', `forbidden: ${message}`, {});
  return forbiddenObject(attributes.group, attributes.resource, attributes.name, message);
}

/** apierrors.NewForbidden for an object (or a resource, without a name). */
export function forbiddenObject(group: string, resource: string, name: string, message: string): ApiError {
  const qualified = group ? `${resource}.${group}` : resource;
  const subject = name ? `${qualified} ${JSON.stringify(name)}` : qualified;
  return new ApiError(403, 'Forbidden', `${subject} is forbidden: ${message}`, {
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    kind: resource,
  });
}

/**
 * A server-side apply that creates its object is authorised as `create` as well as `patch`
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go: createValidation wrapped by
 * withAuthorization). The refusal carries only the authorizer's reason, as NewForbidden writes it.
 */
export function authorizeCreateOnApply(
  store: Store,
  user: UserInfo,
  route: { type: ResourceType; namespace?: string; subresource?: string },
  name: string,
): void {
  const { group, version, resource } = route.type;
  const create: RequestAttributes = {
    kind: 'resource',
    verb: 'create',
    group,
    version,
    resource,
    subresource: route.subresource ?? '',
    namespace: route.namespace ?? '',
    name,
  };
  const decision = authorize(store, user, create);
  if (!decision.allowed) throw forbiddenObject(group, resource, name, decision.reason);
}
