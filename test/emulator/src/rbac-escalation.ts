import { isDeepStrictEqual } from 'node:util';
import { ApiError } from './errors.js';
import { authorize, forbiddenObject, RBAC_TYPES, rulesFor, SYSTEM_MASTERS, type PolicyRule, type UserInfo } from './rbac.js';
import type { ResourceType } from './resources.js';
import type { KubeObject, Store } from './store.js';

/**
 * Escalation prevention, as the RBAC registry enforces it on writes of roles and bindings
 * (pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/policybased/storage.go with
 * pkg/registry/rbac/escalation_check.go and pkg/registry/rbac/validation): a user may write a Role or
 * ClusterRole only with rules it holds itself, unless it may `escalate` roles; and bind a role only
 * when it holds the role's rules, unless it may `bind` that role. system:masters may do anything.
 */

/** policy_comparator.go BreakdownRule: one verb, one group, one resource and at most one name per rule. */
function breakdown(rule: PolicyRule): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? [])
    for (const resource of rule.resources ?? [])
      for (const verb of rule.verbs ?? []) {
        if ((rule.resourceNames ?? []).length === 0) rules.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        else for (const name of rule.resourceNames ?? []) rules.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
      }
  for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs ?? []) rules.push({ nonResourceURLs: [url], verbs: [verb] });
  return rules;
}

const hasAll = (set: string[] | undefined, wanted: string[] | undefined) => (wanted ?? []).every((value) => (set ?? []).includes(value));

function resourcesCovered(owned: string[] | undefined, wanted: string[] | undefined): boolean {
  if ((owned ?? []).includes('*') || hasAll(owned, wanted)) return true;
  return (wanted ?? []).every((path) => {
    if ((owned ?? []).includes(path)) return true;
    const slash = path.indexOf('/');
    return slash >= 0 && (owned ?? []).includes(`*/${path.slice(slash + 1)}`);
  });
}

const urlCovers = (owner: string, path: string) => owner === path || (owner.endsWith('*') && path.startsWith(owner.replace(/\*+$/, '')));

/** policy_comparator.go ruleCovers. */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const names =
    (sub.resourceNames ?? []).length === 0
      ? (owner.resourceNames ?? []).length === 0
      : (owner.resourceNames ?? []).length === 0 || hasAll(owner.resourceNames, sub.resourceNames);
  return (
    ((owner.verbs ?? []).includes('*') || hasAll(owner.verbs, sub.verbs)) &&
    ((owner.apiGroups ?? []).includes('*') || hasAll(owner.apiGroups, sub.apiGroups)) &&
    resourcesCovered(owner.resources, sub.resources) &&
    (sub.nonResourceURLs ?? []).every((path) => (owner.nonResourceURLs ?? []).some((url) => urlCovers(url, path))) &&
    names
  );
}

/** policy_comparator.go Covers: the broken-down rules of `servant` that no rule of `owner` covers. */
export function uncoveredRules(owner: readonly PolicyRule[], servant: readonly PolicyRule[]): PolicyRule[] {
  return servant.flatMap(breakdown).filter((sub) => !owner.some((rule) => ruleCovers(rule, sub)));
}

/** policy_compact.go CompactRules: single-group, single-resource rules that differ only by verb become one. */
function compact(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const isSimple =
      (rule.resourceNames ?? []).length <= 1 && (rule.nonResourceURLs ?? []).length === 0 && rule.apiGroups?.length === 1 && rule.resources?.length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups, rule.resources, rule.resourceNames ?? []]);
    const existing = simple.get(key);
    if (!existing) simple.set(key, { ...rule, verbs: [...(rule.verbs ?? [])] });
    else for (const verb of rule.verbs ?? []) if (!existing.verbs?.includes(verb)) existing.verbs?.push(verb);
  }
  return [...compacted, ...simple.values()];
}

/** Go's %q of a []string: `["a" "b"]`. */
const quotedList = (values: readonly string[]) => `[${values.map((value) => JSON.stringify(value)).join(' ')}]`;

/** rbac/v1 helpers.go CompactString. */
function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  if (rule.apiGroups?.length) parts.push(`APIGroups:${quotedList(rule.apiGroups)}`);
  if (rule.resources?.length) parts.push(`Resources:${quotedList(rule.resources)}`);
  if (rule.nonResourceURLs?.length) parts.push(`NonResourceURLs:${quotedList(rule.nonResourceURLs)}`);
  if (rule.resourceNames?.length) parts.push(`ResourceNames:${quotedList(rule.resourceNames)}`);
  if (rule.verbs?.length) parts.push(`Verbs:${quotedList(rule.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/** validation/rule.go ConfirmNoEscalation: the refusal text, or undefined when the user holds every rule. */
export function escalationRefusal(store: Store, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string | undefined {
  const { sources, errors } = rulesFor(store, user, namespace);
  const missing = uncoveredRules(
    sources.flatMap((source) => source.rules),
    rules,
  );
  if (missing.length === 0) return undefined;
  // sets.NewString(...).List(): unique and sorted.
  const descriptions = [...new Set(compact(missing).map(compactString))].sort();
  const resolution = errors.length > 0 ? `; resolution errors: [${errors.join(', ')}]` : '';
  return `user ${JSON.stringify(user.username)} (groups=${quotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}${resolution}`;
}

const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** escalation_check.go IsOnlyMutatingGCFields: an update that touches only owner references and finalizers. */
function onlyGarbageCollectionFields(next: KubeObject, current: KubeObject): boolean {
  const strip = ({ metadata, ...rest }: KubeObject) => {
    const { ownerReferences: _owners, finalizers: _finalizers, managedFields: _managed, resourceVersion: _version, ...kept } = metadata;
    return { ...rest, metadata: kept };
  };
  return isDeepStrictEqual(strip(next), strip(current));
}

export interface RbacWrite {
  type: ResourceType;
  /** The namespace of the request ('' at the cluster scope) and the name in its path ('' for a create). */
  namespace: string;
  requestName: string;
  next: KubeObject;
  /** The stored object an update replaces; undefined for a create (a POST, or an apply that creates). */
  current: KubeObject | undefined;
}

/** Refuses (403) a write of a Role, ClusterRole, RoleBinding or ClusterRoleBinding that would grant rights the user does not hold. */
export function preventEscalation(store: Store, user: UserInfo, write: RbacWrite): void {
  const { type, namespace, requestName, next, current } = write;
  if (user.groups.includes(SYSTEM_MASTERS)) return;
  const name = next.metadata.name;
  const refuse = (message: string) => forbiddenObject(type.group, type.resource, name, message);
  if (type === RBAC_TYPES.roles || type === RBAC_TYPES.clusterroles) {
    const escalate = {
      kind: 'resource' as const,
      verb: 'escalate',
      group: type.group,
      version: '*',
      resource: type.resource,
      subresource: '',
      namespace,
      name: requestName,
    };
    if (authorize(store, user, escalate).allowed) return;
    if (current && onlyGarbageCollectionFields(next, current)) return;
    const refusal = escalationRefusal(store, user, namespace, (next.rules ?? []) as PolicyRule[]);
    if (refusal) throw refuse(refusal);
    const aggregates = type === RBAC_TYPES.clusterroles && (next.aggregationRule !== undefined || current?.aggregationRule !== undefined);
    if (aggregates && escalationRefusal(store, user, namespace, FULL_AUTHORITY)) throw refuse('must have cluster-admin privileges to use the aggregationRule');
    return;
  }
  if (type !== RBAC_TYPES.rolebindings && type !== RBAC_TYPES.clusterrolebindings) return;
  if (current && onlyGarbageCollectionFields(next, current)) return;
  const roleRef = (next.roleRef ?? {}) as { apiGroup?: string; kind?: string; name?: string };
  const roleType = roleRef.kind === 'ClusterRole' ? RBAC_TYPES.clusterroles : roleRef.kind === 'Role' ? RBAC_TYPES.roles : undefined;
  if (!roleType) throw new ApiError(500, 'InternalError', `Internal error occurred: unsupported role reference kind: ${JSON.stringify(roleRef.kind ?? '')}`);
  // escalation_check.go BindingAuthorized: `bind` on the referenced role, in the binding's namespace.
  const bind = {
    kind: 'resource' as const,
    verb: 'bind',
    group: roleRef.apiGroup ?? '',
    version: '',
    resource: roleType.resource,
    subresource: '',
    namespace,
    name: roleRef.name ?? '',
  };
  if (authorize(store, user, bind).allowed) return;
  const role = store.mustGet(roleType, roleType === RBAC_TYPES.roles ? namespace : undefined, roleRef.name ?? '');
  const refusal = escalationRefusal(store, user, namespace, (role.rules ?? []) as PolicyRule[]);
  if (refusal) throw refuse(refusal);
}
