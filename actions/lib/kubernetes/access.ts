import * as core from '@actions/core';
import { ConfigurationError, describeError } from '../errors.js';
import type { Kubectl } from './kubectl.js';

/** One right a run needs: a verb on a resource (and subresource) in the run's namespace, or at the cluster scope. */
export interface AccessNeed {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  clusterScoped?: boolean;
  /** What the run does with it, for the message when it is missing. */
  why: string;
}

/** The API group and resource of the kinds the suite's manifests hold; any other kind is left to the server-side dry run. */
const RESOURCES: Record<string, { group: string; resource: string; clusterScoped?: boolean }> = {
  Namespace: { group: '', resource: 'namespaces', clusterScoped: true },
  ConfigMap: { group: '', resource: 'configmaps' },
  Secret: { group: '', resource: 'secrets' },
  Service: { group: '', resource: 'services' },
  ServiceAccount: { group: '', resource: 'serviceaccounts' },
  PersistentVolumeClaim: { group: '', resource: 'persistentvolumeclaims' },
  Deployment: { group: 'apps', resource: 'deployments' },
  StatefulSet: { group: 'apps', resource: 'statefulsets' },
  HorizontalPodAutoscaler: { group: 'autoscaling', resource: 'horizontalpodautoscalers' },
  PodDisruptionBudget: { group: 'policy', resource: 'poddisruptionbudgets' },
  NetworkPolicy: { group: 'networking.k8s.io', resource: 'networkpolicies' },
  Ingress: { group: 'networking.k8s.io', resource: 'ingresses' },
  Job: { group: 'batch', resource: 'jobs' },
  CronJob: { group: 'batch', resource: 'cronjobs' },
  Role: { group: 'rbac.authorization.k8s.io', resource: 'roles' },
  RoleBinding: { group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
};

const need = (verb: string, group: string, resource: string, why: string): AccessNeed => ({ verb, group, resource, why });

/** Reading a workload's rollout, its revisions and its pods: what every wait needs, so that a crash loop is seen. */
function watchNeeds(kind: string, resource: string, revisions: string): AccessNeed[] {
  return [
    need('get', 'apps', resource, `read the ${kind}`),
    ...['list', 'watch'].map((verb) => need(verb, 'apps', resource, 'follow its rollout (kubectl rollout status)')),
    need('list', 'apps', revisions, `find the ${kind}'s revisions`),
    need('list', '', 'pods', 'see crashing or unschedulable pods while waiting'),
  ];
}

const WATCH_DEPLOYMENT = watchNeeds('Deployment', 'deployments', 'replicasets');
const WATCH_STATEFULSET = watchNeeds('StatefulSet', 'statefulsets', 'controllerrevisions');

const BLUE_GREEN_SWITCH: AccessNeed[] = [
  need('get', '', 'services', 'read the Services to switch'),
  need('patch', '', 'services', 'switch the Services between colours'),
  need('list', 'autoscaling', 'horizontalpodautoscalers', 'find the autoscalers that follow the serving colour'),
  need('patch', 'autoscaling', 'horizontalpodautoscalers', 'point the autoscalers at the serving colour'),
  need('patch', 'apps', 'deployments', "record each colour's role"),
  need('delete', 'apps', 'deployments', 'remove the colour that no longer serves'),
];

export interface DeployAccessPlan {
  kinds: readonly string[];
  strategy: string;
  action: string;
  rollbackOnFailure: boolean;
  dryRun: boolean;
  /** Hook Jobs run before or after the deploy. */
  hooks?: boolean;
  /** The canary's weight is set on an HTTPRoute (traffic-router gateway-api). */
  httpRoute?: boolean;
  /** The `verify` checks, sent to the new pods through the pod proxy. */
  verify?: ReadonlyArray<{ method: string }>;
}

/** The verb the API server authorizes a proxied request with (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go). */
const PROXY_VERBS: Record<string, string> = { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', DELETE: 'delete' };

function verifyNeeds(plan: DeployAccessPlan): AccessNeed[] {
  const verify = plan.verify ?? [];
  if (verify.length === 0 || plan.action !== 'deploy') return [];
  const proxyNeeds = [...new Set(verify.map((check) => PROXY_VERBS[check.method]).filter((verb) => verb !== undefined))].map((verb): AccessNeed => ({
    verb,
    group: '',
    resource: 'pods',
    subresource: 'proxy',
    why: 'send the verify checks to the new pods',
  }));
  const needs = [need('list', '', 'pods', 'find the new pods to verify'), ...proxyNeeds];
  // A replicas canary's pods wait behind a readiness gate that the action opens once they pass.
  if (plan.strategy === 'canary' && !plan.httpRoute)
    needs.push({ verb: 'patch', group: '', resource: 'pods', subresource: 'status', why: "mark the canary's pods verified, which makes them Ready" });
  return needs;
}

const HOOK_JOBS: AccessNeed[] = [
  need('list', 'batch', 'jobs', "find a hook's earlier runs"),
  need('delete', 'batch', 'jobs', "remove a hook's finished earlier runs"),
  need('list', '', 'pods', "see why a hook's pod does not start"),
  { verb: 'get', group: '', resource: 'pods', subresource: 'log', why: "show a failed hook's log" },
  need('list', '', 'events', "show a failed hook's events"),
];

const GATEWAY_ROUTE: AccessNeed[] = [
  need('get', 'gateway.networking.k8s.io', 'httproutes', 'read the HTTPRoute that weighs the canary'),
  need('patch', 'gateway.networking.k8s.io', 'httproutes', "set the canary's weight on the HTTPRoute"),
  need('create', '', 'services', "create the canary's Service"),
  need('patch', '', 'services', "apply the canary's Service"),
  need('delete', '', 'services', "remove the canary's Service"),
];

/** Every right a k8s-deploy run needs, from the kinds of its manifests, its strategy and action (pure). */
export function deployNeeds(plan: DeployAccessPlan): AccessNeed[] {
  const needs: AccessNeed[] = [];
  for (const kind of new Set(plan.kinds)) {
    const known = RESOURCES[kind];
    if (!known) continue;
    const base = { group: known.group, resource: known.resource, ...(known.clusterScoped ? { clusterScoped: true } : {}) };
    needs.push({ ...base, verb: 'get', why: `read ${kind} objects` });
    needs.push({ ...base, verb: 'patch', why: `apply ${kind} objects (server-side apply)` });
    needs.push({ ...base, verb: 'create', why: `create ${kind} objects that do not exist yet` });
  }
  if (plan.dryRun) return dedupe(needs);
  const hasStatefulSet = plan.kinds.includes('StatefulSet');
  needs.push(...WATCH_DEPLOYMENT);
  if (hasStatefulSet) needs.push(...WATCH_STATEFULSET);
  if (plan.strategy === 'rolling') {
    if (plan.rollbackOnFailure) needs.push(need('patch', 'apps', 'deployments', 'roll back a failed rollout (kubectl rollout undo)'));
    needs.push(need('patch', 'apps', 'replicasets', 'mark a failed revision so that rollback never returns to it'));
    if (hasStatefulSet) {
      needs.push(need('patch', 'apps', 'statefulsets', 'roll back a failed rollout (kubectl rollout undo)'));
      needs.push(need('patch', 'apps', 'controllerrevisions', 'mark a failed revision so that rollback never returns to it'));
      needs.push(need('delete', '', 'pods', 'replace StatefulSet pods stuck on a failed revision'));
    }
  }
  if (plan.strategy === 'canary') {
    needs.push(need('create', 'apps', 'deployments', 'create the canary Deployment'));
    needs.push(need('patch', 'apps', 'deployments', 'apply the canary and baseline Deployments'));
    needs.push(need('delete', 'apps', 'deployments', 'remove the canary and baseline Deployments'));
  }
  if (plan.strategy === 'blue-green') needs.push(...BLUE_GREEN_SWITCH, need('create', 'apps', 'deployments', 'create the new colour'));
  if (plan.hooks) needs.push(...HOOK_JOBS);
  if (plan.httpRoute) needs.push(...GATEWAY_ROUTE);
  needs.push(...verifyNeeds(plan));
  return dedupe(needs);
}

/** The rights the rollback action needs once it knows what k8s-deploy left: blue-green colours, a canary, or revisions. */
export function rollbackNeeds(kind: 'blue-green' | 'canary' | 'revision', hasReason: boolean): AccessNeed[] {
  const reason = hasReason ? [need('patch', 'apps', 'deployments', 'record the reason on the Deployment')] : [];
  if (kind === 'blue-green') return dedupe([...WATCH_DEPLOYMENT, ...BLUE_GREEN_SWITCH, ...reason]);
  if (kind === 'canary') return dedupe([...WATCH_DEPLOYMENT, need('delete', 'apps', 'deployments', 'remove the canary and baseline Deployments'), ...reason]);
  return dedupe([...WATCH_DEPLOYMENT, need('patch', 'apps', 'deployments', 'roll the Deployment back (kubectl rollout undo)'), ...reason]);
}

function key(access: AccessNeed): string {
  return [access.verb, access.group, access.resource, access.subresource ?? '', access.clusterScoped ? 'cluster' : ''].join('|');
}

function dedupe(needs: readonly AccessNeed[]): AccessNeed[] {
  const merged = new Map<string, AccessNeed>();
  for (const access of needs) {
    const existing = merged.get(key(access));
    if (!existing) merged.set(key(access), { ...access });
    else if (!existing.why.split('; ').includes(access.why)) existing.why = `${existing.why}; ${access.why}`;
  }
  return [...merged.values()];
}

/** `patch deployments.apps` as kubectl auth can-i writes it. */
export function describeNeed(access: AccessNeed): string {
  const resource = `${access.resource}${access.group ? `.${access.group}` : ''}${access.subresource ? `/${access.subresource}` : ''}`;
  return `${access.verb} ${resource}`;
}

/** The refusal, naming every missing verb and resource and what it is for (pure). */
export function missingAccessMessage(missing: readonly AccessNeed[], namespace: string, what: string): string {
  const lines = missing.map((access) => `${describeNeed(access)} ${access.clusterScoped ? '(cluster-wide)' : `in namespace ${namespace}`}: to ${access.why}`);
  return (
    `The kubeconfig's credentials lack ${missing.length === 1 ? 'a right' : `${missing.length} rights`} ${what} needs, so nothing was changed: ${lines.join('. ')}. ` +
    `Grant them with a Role and RoleBinding for the kubeconfig's user (check with kubectl auth can-i ${describeNeed(missing[0]!)} -n ${namespace}).`
  );
}

function review(access: AccessNeed, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      resourceAttributes: {
        verb: access.verb,
        group: access.group,
        resource: access.resource,
        ...(access.subresource ? { subresource: access.subresource } : {}),
        ...(access.clusterScoped ? {} : { namespace }),
      },
    },
  };
}

/**
 * Asks the API server, in one SelfSubjectAccessReview per right (one kubectl call for all), whether
 * the credentials hold every right the run needs, and refuses the run before it changes anything
 * when one is missing. A server that will not answer reviews is reported and the run goes on: the
 * server still refuses what is not allowed, and every step is ordered to survive that.
 */
export async function checkAccess(kubectl: Kubectl, needs: readonly AccessNeed[], what: string): Promise<void> {
  const namespace = kubectl.namespace ?? 'default';
  if (needs.length === 0) return;
  const input = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: needs.map((access) => review(access, namespace)) });
  let allowed: string[];
  try {
    // kubectl prints each created review on its own, so one line per review, in order.
    const { stdout } = await kubectl.run(['create', '--filename', '-', '--output', 'jsonpath={.status.allowed}{"\\n"}'], { input });
    allowed = stdout.trim().split('\n');
    if (allowed.length !== needs.length) throw new Error(`${allowed.length} answers to ${needs.length} reviews`);
  } catch (error: unknown) {
    core.warning(`Could not check the rights of the kubeconfig's credentials before ${what} (SelfSubjectAccessReview): ${describeError(error)}`);
    return;
  }
  const missing = needs.filter((_, index) => allowed[index] !== 'true');
  if (missing.length > 0) throw new ConfigurationError(missingAccessMessage(missing, namespace, what));
}
