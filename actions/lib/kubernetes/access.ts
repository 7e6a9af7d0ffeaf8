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
const needs = (verbs: readonly string[], group: string, resource: string, why: string): AccessNeed[] => verbs.map((verb) => need(verb, group, resource, why));

/*
 * The rights of each step, from the requests the kubectl commands it runs make (server-side apply:
 * PATCH, authorised as create as well when the object is new; `get` of a name: GET; `get` with a
 * selector: list; `annotate` and `patch`: GET then PATCH; `delete --wait`: DELETE, then GET, and
 * list and watch while the object is still there; `rollout status`: GET, list and watch; `rollout
 * undo`: GET the Deployment, list its ReplicaSets, PATCH).
 */

/** kubectl get deployment NAME: a Deployment's revision, whether a canary or colour exists. */
const READ_DEPLOYMENT = [need('get', 'apps', 'deployments', 'read the Deployments')];

/** Reading a workload's rollout, its revisions and its pods (rollout-wait.ts): what every wait needs, so that a crash loop is seen and explained. */
function followNeeds(kind: string, resource: string, revisions: string): AccessNeed[] {
  return [
    need('get', 'apps', resource, `read the ${kind}`),
    ...needs(['list', 'watch'], 'apps', resource, 'follow its rollout (kubectl rollout status)'),
    need('list', 'apps', revisions, `find the ${kind}'s revisions`),
    need('list', '', 'pods', 'see crashing or unschedulable pods while waiting'),
    need('list', '', 'events', "show a failing pod's events"),
    { verb: 'get', group: '', resource: 'pods', subresource: 'log', why: "show a failing pod's log" },
  ];
}

const FOLLOW_DEPLOYMENT = followNeeds('Deployment', 'deployments', 'replicasets');
const FOLLOW_STATEFULSET = followNeeds('StatefulSet', 'statefulsets', 'controllerrevisions');

/** deletion.ts deleteDeploymentsAndPods: find their ReplicaSets, delete and wait, then wait for their pods to be gone. */
const DELETE_DEPLOYMENTS: AccessNeed[] = [
  ...needs(['get', 'list', 'watch'], 'apps', 'deployments', 'find the Deployments to remove and wait until they are gone'),
  need('list', 'apps', 'replicasets', 'find the pods of the Deployments to remove'),
  need('delete', 'apps', 'deployments', 'remove Deployments that no longer serve'),
  need('list', '', 'pods', "wait until the removed Deployments' pods are gone"),
];

/** workloads.ts markRevisionFailed: kubectl annotate on the newest ReplicaSet. */
const MARK_FAILED: AccessNeed[] = [
  need('list', 'apps', 'replicasets', "find the failed rollout's ReplicaSet"),
  ...needs(['get', 'patch'], 'apps', 'replicasets', 'mark a failed revision so that rollback never returns to it'),
];

/** kubectl rollout undo deployment/NAME. */
const UNDO_DEPLOYMENT: AccessNeed[] = [
  need('get', 'apps', 'deployments', 'read the Deployment to roll back'),
  need('list', 'apps', 'replicasets', 'find the revision to roll back to'),
  need('patch', 'apps', 'deployments', 'roll the Deployment back (kubectl rollout undo)'),
];

/** blue-green.ts readBlueGreenState: the colour Deployments and the Services that select one. */
const READ_COLOURS: AccessNeed[] = [...READ_DEPLOYMENT, need('get', '', 'services', 'read which colour the Services select')];

/** blue-green.ts setRole: kubectl annotate deployment. */
const SET_ROLE: AccessNeed[] = needs(['get', 'patch'], 'apps', 'deployments', "record each colour's role");

/** blue-green.ts undoBlueGreen: kubectl delete --wait of the colour that no longer serves (its traffic already switched away, or it never had any). */
const REMOVE_COLOUR: AccessNeed[] = needs(
  ['delete', 'get', 'list', 'watch'],
  'apps',
  'deployments',
  'remove the colour that no longer serves and wait until it is gone',
);

/** blue-green.ts switchTraffic: the rollback's switch back, with kubectl patch on Services and autoscalers. */
const SWITCH_TRAFFIC: AccessNeed[] = [
  need('list', 'autoscaling', 'horizontalpodautoscalers', 'find the autoscalers that follow the serving colour'),
  ...needs(['get', 'patch'], '', 'services', 'switch the Services between colours'),
  ...needs(['get', 'patch'], 'autoscaling', 'horizontalpodautoscalers', 'point the autoscalers at the serving colour'),
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
    for (const verb of ['get', 'patch'])
      needs.push({
        verb,
        group: '',
        resource: 'pods',
        subresource: 'status',
        why: "mark the canary's pods verified (kubectl patch --subresource=status), which makes them Ready",
      });
  return needs;
}

/** hooks.ts runHooks: dry-run and apply each hook Job (its kind's apply rights), remove earlier runs, wait, diagnose. */
const HOOK_JOBS: AccessNeed[] = [
  need('list', 'batch', 'jobs', "find a hook's earlier runs"),
  ...needs(['delete', 'get', 'list', 'watch'], 'batch', 'jobs', "remove a hook's earlier runs and wait until they are gone"),
  need('get', 'batch', 'jobs', "follow a hook's Job"),
  need('list', '', 'pods', "see why a hook's pod does not start"),
  { verb: 'get', group: '', resource: 'pods', subresource: 'log', why: "show a failed hook's log" },
  need('list', '', 'events', "show a failed hook's events"),
];

/** gateway-canary.ts: the HTTPRoute read and patched (kubectl patch: GET then PATCH), the canary Service applied and removed. */
const GATEWAY_ROUTE: AccessNeed[] = [
  ...needs(['get', 'patch'], 'gateway.networking.k8s.io', 'httproutes', "set the canary's weight on the HTTPRoute, and take it off"),
];
const GATEWAY_CANARY_SERVICE: AccessNeed[] = [
  ...needs(['create', 'patch'], '', 'services', "apply the canary's Service"),
  ...needs(['delete', 'get', 'list', 'watch'], '', 'services', "remove the canary's Service and wait until it is gone"),
];

/** Server-side apply of the manifests' kinds (create too, for objects that do not exist yet); a dry run also reads them for the diff. */
function applyNeeds(kinds: readonly string[], dryRun: boolean): AccessNeed[] {
  const result: AccessNeed[] = [];
  for (const kind of new Set(kinds)) {
    const known = RESOURCES[kind];
    if (!known) continue;
    const base = { group: known.group, resource: known.resource, ...(known.clusterScoped ? { clusterScoped: true } : {}) };
    if (dryRun) result.push({ ...base, verb: 'get', why: `read ${kind} objects to show what would change` });
    result.push({ ...base, verb: 'patch', why: `apply ${kind} objects (server-side apply)` });
    result.push({ ...base, verb: 'create', why: `create ${kind} objects that do not exist yet` });
  }
  return result;
}

/** rolling.ts deployRolling: apply, follow every workload, mark a failed revision, undo. Canary promote and a first canary or blue-green deploy run it too. */
function rollingNeeds(plan: DeployAccessPlan): AccessNeed[] {
  const result = [...applyNeeds(plan.kinds, false), ...READ_DEPLOYMENT, ...FOLLOW_DEPLOYMENT, ...MARK_FAILED];
  if (plan.rollbackOnFailure) result.push(...UNDO_DEPLOYMENT);
  if (plan.kinds.includes('StatefulSet')) {
    result.push(...FOLLOW_STATEFULSET);
    result.push(need('list', 'apps', 'controllerrevisions', 'find the failed rollout of a StatefulSet'));
    result.push(...needs(['get', 'patch'], 'apps', 'controllerrevisions', 'mark a failed revision so that rollback never returns to it'));
    result.push(need('list', '', 'pods', 'find StatefulSet pods stuck on a failed revision'));
    result.push(need('delete', '', 'pods', 'replace StatefulSet pods stuck on a failed revision'));
    if (plan.rollbackOnFailure) result.push(...needs(['get', 'patch'], 'apps', 'statefulsets', 'roll back a failed rollout (kubectl rollout undo)'));
  }
  return result;
}

/** The steps of each strategy and action, as actions/lib/strategies/* runs them. */
function strategyNeeds(plan: DeployAccessPlan): AccessNeed[] {
  const { strategy, action } = plan;
  const removeOnFailure = plan.rollbackOnFailure ? DELETE_DEPLOYMENTS : [];
  if (strategy === 'canary' && plan.httpRoute) {
    if (action === 'abort') return [...GATEWAY_ROUTE, ...READ_DEPLOYMENT, ...DELETE_DEPLOYMENTS, ...GATEWAY_CANARY_SERVICE];
    if (action === 'promote') return [...GATEWAY_ROUTE, ...rollingNeeds(plan), ...DELETE_DEPLOYMENTS, ...GATEWAY_CANARY_SERVICE];
    return [...GATEWAY_ROUTE, ...rollingNeeds(plan), ...applyNeeds(['Deployment'], false), ...GATEWAY_CANARY_SERVICE, ...DELETE_DEPLOYMENTS];
  }
  if (strategy === 'canary') {
    if (action === 'abort') return [...READ_DEPLOYMENT, ...DELETE_DEPLOYMENTS];
    if (action === 'promote') return [...rollingNeeds(plan), ...DELETE_DEPLOYMENTS];
    return [...rollingNeeds(plan), ...applyNeeds(['Deployment'], false), ...removeOnFailure];
  }
  if (strategy === 'blue-green') {
    if (action === 'abort') return [...READ_COLOURS, ...DELETE_DEPLOYMENTS];
    if (action === 'promote')
      return [
        ...READ_COLOURS,
        ...FOLLOW_DEPLOYMENT,
        ...applyNeeds(
          plan.kinds.filter((kind) => kind !== 'Deployment'),
          false,
        ),
        ...SET_ROLE,
      ];
    return [...READ_COLOURS, ...applyNeeds(plan.kinds, false), ...FOLLOW_DEPLOYMENT, ...DELETE_DEPLOYMENTS];
  }
  return rollingNeeds(plan);
}

/** Every right a k8s-deploy run needs, from the kinds of its manifests, its strategy and action (pure). */
export function deployNeeds(plan: DeployAccessPlan): AccessNeed[] {
  if (plan.dryRun) return dedupe([...applyNeeds(plan.kinds, true), ...(plan.strategy === 'rolling' ? [] : READ_DEPLOYMENT)]);
  // Pre-deploy hooks run on a deploy, post-deploy hooks on a deploy or promote; an abort runs none.
  const hooks = plan.hooks && plan.action !== 'abort' ? [...HOOK_JOBS, ...applyNeeds(['Job'], false)] : [];
  return dedupe([...strategyNeeds(plan), ...hooks, ...verifyNeeds(plan)]);
}

/** request-share.ts and the direct provider: the pods of each group, and their counters read through the pod proxy. */
const SCRAPE_PODS: AccessNeed[] = [
  need('list', '', 'pods', 'find the pods whose request counters are read'),
  { verb: 'get', group: '', resource: 'pods', subresource: 'proxy', why: "read the pods' request counters and metrics (GET through the pod proxy)" },
];

/** Every right a canary-analyze run needs: the direct provider's pod reads; Prometheus is asked over HTTP, with no Kubernetes right (pure). */
export function canaryAnalyzeNeeds(provider: string): AccessNeed[] {
  return provider === 'direct' ? SCRAPE_PODS : [];
}

/**
 * Every right a progressive-canary run needs: a canary deploy at each weight (its promote and abort
 * need a subset), and the pod proxy reads that measure each step's share of requests (pure).
 */
export function progressiveCanaryNeeds(plan: Omit<DeployAccessPlan, 'strategy' | 'action' | 'dryRun'>): AccessNeed[] {
  return dedupe([...deployNeeds({ ...plan, strategy: 'canary', action: 'deploy', dryRun: false }), ...SCRAPE_PODS]);
}

/** rollback.ts, before anything else: the Deployment, its canary or its colours, read to learn what k8s-deploy left. */
export const ROLLBACK_FIND: AccessNeed[] = [need('get', 'apps', 'deployments', 'find what k8s-deploy left: the Deployment, its canary or its colours')];

/** rollback.ts, once colour Deployments are found: the Services they name, read to learn which colour serves. */
export const ROLLBACK_READ_SERVICES: AccessNeed[] = [need('get', '', 'services', 'read which colour the Services select')];

/** The rights the rollback action needs once it knows what k8s-deploy left: blue-green colours, a canary, or revisions. */
export function rollbackNeeds(kind: 'blue-green' | 'canary' | 'revision', hasReason: boolean): AccessNeed[] {
  const reason = hasReason ? needs(['get', 'patch'], 'apps', 'deployments', 'record the reason on the Deployment') : [];
  if (kind === 'blue-green') return dedupe([...READ_COLOURS, ...FOLLOW_DEPLOYMENT, ...SWITCH_TRAFFIC, ...SET_ROLE, ...REMOVE_COLOUR, ...reason]);
  if (kind === 'canary') return dedupe([...FOLLOW_DEPLOYMENT, ...DELETE_DEPLOYMENTS, ...reason]);
  return dedupe([...FOLLOW_DEPLOYMENT, ...UNDO_DEPLOYMENT, ...reason]);
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
