import * as core from '@actions/core';
import { apply, dryRunDiff, preflight } from '../kubernetes/apply.js';
import { labelledVariant, singleDeployment } from '../kubernetes/deployment-variants.js';
import { ConfigurationError, describeError } from '../errors.js';
import type { Kubectl } from '../kubernetes/kubectl.js';
import { TRACK_LABEL } from '../kubernetes/metadata.js';
import { checkObjectName, selectorOf } from '../kubernetes/names.js';
import { isRecord, type KubeObject, type LiveDeployment } from '../kubernetes/objects.js';
import { waitForRollout } from '../kubernetes/rollout-wait.js';
import { describeSmokeFailure, verifyDeployment } from '../kubernetes/smoke-run.js';
import { currentRevision } from '../kubernetes/workloads.js';
import { baselineName, canaryName, canaryReplicaCount, canarySelectors, deployCanary, existingCanaries, undoCanary } from './canary.js';
import type { DeployedWorkload, DeployOptions, DeployResult } from './deploy-result.js';
import { deployRolling } from './rolling.js';
import { describeCanaryHeader, routeReferences, rulesWithCanary, rulesWithoutCanary } from './traffic-router.js';

/**
 * Canary through a Gateway API HTTPRoute: the canary pods leave the stable Service (the labels it
 * selects on get a `-canary` value) and get their own Service, `<stable Service>-canary`; the
 * route's rule for the stable Service weighs it and the canary Service by the asked percentage,
 * so 10% is 10% with any replica count. With a canary header, a copy of that rule that also
 * matches the header sends such requests to the canary Service only. The weight is set only once the canary is ready; every
 * failure, promote and abort puts the route back on the stable Service alone (header rules removed) before anything is
 * removed, so no request is sent to a canary that is gone.
 */

const HTTPROUTE = 'httproute.gateway.networking.k8s.io';

export function canaryServiceName(stableService: string): string {
  return checkObjectName('Service', `${stableService}-canary`, `The canary Service of Service/${stableService}`);
}

/** A label value of the canary's pods, distinct from the stable one and still a valid label value. */
function canaryLabelValue(value: string): string {
  return `${value.slice(0, 56)}-canary`;
}

function podLabelsOf(deployment: KubeObject): Record<string, string> {
  const template = isRecord(deployment.spec?.template) ? deployment.spec.template : {};
  return (isRecord(template.metadata) && isRecord(template.metadata.labels) ? template.metadata.labels : {}) as Record<string, string>;
}

function selectorOfService(service: KubeObject): Record<string, string> {
  return (isRecord(service.spec?.selector) ? service.spec.selector : {}) as Record<string, string>;
}

/** The canary Deployment with the labels the stable Service selects on changed, so only the canary Service reaches its pods. */
export function outsideStableService(canary: KubeObject, stableService: KubeObject): KubeObject {
  const moved = structuredClone(canary);
  const rename = (labels: Record<string, string>) => {
    for (const key of Object.keys(selectorOfService(stableService))) if (key in labels) labels[key] = canaryLabelValue(labels[key]!);
  };
  rename(podLabelsOf(moved));
  const selector = isRecord(moved.spec?.selector) ? moved.spec.selector : {};
  if (isRecord(selector.matchLabels)) rename(selector.matchLabels as Record<string, string>);
  return moved;
}

/** A copy of the stable Service that selects the canary's pods only. */
export function canaryService(stableService: KubeObject, canary: KubeObject): KubeObject {
  const podLabels = podLabelsOf(canary);
  const selector = Object.fromEntries(Object.keys(selectorOfService(stableService)).map((key) => [key, podLabels[key]!]));
  const ports = Array.isArray(stableService.spec?.ports) ? stableService.spec.ports.filter(isRecord).map(({ nodePort: _nodePort, ...port }) => port) : [];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: canaryServiceName(stableService.metadata.name),
      ...(stableService.metadata.namespace ? { namespace: stableService.metadata.namespace } : {}),
      labels: { ...stableService.metadata.labels, [TRACK_LABEL]: 'canary' },
    },
    spec: { type: 'ClusterIP', selector: { ...selector, [TRACK_LABEL]: 'canary' }, ports },
  };
}

interface RouteTarget {
  route: KubeObject;
  stableService: KubeObject;
  canaryService: string;
}

/**
 * The route named by http-route and the manifests' Service it sends the Deployment's traffic to,
 * checked before anything changes: a missing route, or one that does not front that Service, is refused.
 */
async function routeTarget(kubectl: Kubectl, objects: readonly KubeObject[], deployment: KubeObject, routeName: string): Promise<RouteTarget> {
  const podLabels = podLabelsOf(deployment);
  const services = objects.filter((object) => {
    const selector = Object.entries(selectorOfService(object));
    return object.kind === 'Service' && selector.length > 0 && selector.every(([key, value]) => podLabels[key] === value);
  });
  if (services.length === 0) {
    throw new ConfigurationError(
      `traffic-router gateway-api weighs the stable Service of deployment/${deployment.metadata.name} against a canary Service, but the manifests have no Service whose selector matches its pods. Nothing was changed`,
    );
  }
  const route = await kubectl.find<KubeObject>('HTTPRoute', routeName);
  if (!route)
    throw new ConfigurationError(`Input "http-route" names HTTPRoute/${routeName}, which does not exist in the namespace of the run. Nothing was changed`);
  const stableService = services.find((service) => routeReferences(route, service.metadata.name));
  if (!stableService) {
    throw new ConfigurationError(
      `Input "http-route" names HTTPRoute/${routeName}, which sends no traffic to ${services.map((service) => `Service/${service.metadata.name}`).join(' or ')} (the Service in front of deployment/${deployment.metadata.name}). Nothing was changed`,
    );
  }
  return { route, stableService, canaryService: canaryServiceName(stableService.metadata.name) };
}

async function setRules(kubectl: Kubectl, route: KubeObject, rules: unknown[], options: DeployOptions): Promise<void> {
  // resourceVersion makes the patch fail rather than overwrite a change made since the route was read.
  const patch = { metadata: { resourceVersion: route.metadata.resourceVersion }, spec: { rules } };
  await kubectl.run([
    'patch',
    HTTPROUTE,
    '--type=merge',
    `--field-manager=${options.fieldManager}`,
    `--patch=${JSON.stringify(patch)}`,
    '--',
    route.metadata.name,
  ]);
}

/** Puts the route back on the stable Service alone, if it names the canary Service; reads it afresh so a change made meanwhile is kept. */
async function restoreRoute(kubectl: Kubectl, target: RouteTarget, options: DeployOptions): Promise<boolean> {
  const live = await kubectl.find<KubeObject>('HTTPRoute', target.route.metadata.name);
  if (!live || !routeReferences(live, target.canaryService)) return false;
  await setRules(kubectl, live, rulesWithoutCanary(live, target.stableService.metadata.name, target.canaryService), options);
  return true;
}

/** Removes the canary, the baseline and the canary Service; throws while their pods are still running, as they could still serve. */
async function removeCanary(kubectl: Kubectl, deployment: string, target: RouteTarget, timeoutSeconds: number): Promise<void> {
  const { remainingPods } = await undoCanary(kubectl, await existingCanaries(kubectl, deployment), timeoutSeconds);
  await kubectl.run(['delete', 'service', '--ignore-not-found', '--wait=true', '--', target.canaryService]);
  if (remainingPods.length > 0)
    throw new ConfigurationError(`the canary's Deployments are deleted but pods ${remainingPods.join(', ')} were still terminating after ${timeoutSeconds} s`);
}

export async function deployGatewayCanary(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions, routeName: string): Promise<DeployResult> {
  const next = singleDeployment(objects, 'canary');
  const name = next.metadata.name;
  const target = await routeTarget(kubectl, objects, next, routeName);
  const stable = await kubectl.find<LiveDeployment>('Deployment', name);
  if (!stable) return deployCanary(kubectl, objects, options);
  const replicas = canaryReplicaCount(stable.spec?.replicas ?? 1, options.canaryPercentage, options.canaryReplicas);
  const planned = planCanaryBehindRoute(stable, next, replicas, target.stableService);
  // Computed before anything changes, so a route the canary cannot be put on is refused untouched.
  const weighedRules = rulesWithCanary(target.route, target.stableService.metadata.name, target.canaryService, options.canaryPercentage, options.canaryHeader);
  const variants = [planned.service, planned.baseline, planned.canary];
  await preflight(kubectl, variants, options);
  const workloads: DeployedWorkload[] = [planned.baseline, planned.canary].map((variant) => ({ name: variant.metadata.name }));
  const selectors = { baselineSelector: canarySelectors(stable).baselineSelector, canarySelector: selectorOf(matchLabels(planned.canary)) };
  const routeLabel = `HTTPRoute/${routeName}`;
  const notes = [
    `${routeLabel} sends ${options.canaryPercentage}% of the requests to Service/${target.canaryService} (${replicas} canary replicas) and ${100 - options.canaryPercentage}% to Service/${target.stableService.metadata.name}.`,
  ];
  if (options.canaryHeader) {
    notes.push(`Requests with header ${describeCanaryHeader(options.canaryHeader)} go to Service/${target.canaryService} only, whatever the weights.`);
  }
  const result = (status: DeployResult['status'], message: string, extra: Partial<DeployResult> = {}): DeployResult => ({
    status,
    strategy: 'canary',
    message,
    workloads,
    notes,
    problems: [],
    ...extra,
  });
  if (options.dryRun) {
    return result('succeeded', 'Dry run: nothing was changed', {
      diff: await dryRunDiff(kubectl, variants, options),
      achievedPercentage: options.canaryPercentage,
      ...selectors,
    });
  }

  const smokeChecks: NonNullable<DeployResult['smokeChecks']> = [];
  try {
    await core.group('Apply the canary Service, baseline and canary', () => apply(kubectl, variants, options));
    for (const workload of workloads) {
      const outcome = await core.group(`Wait for deployment/${workload.name}`, () => waitForRollout(kubectl, workload.name, options.timeoutSeconds));
      workload.revision = await currentRevision(kubectl, workload.name);
      if (outcome.ok) continue;
      await restoreRoute(kubectl, target, options);
      if (!options.rollbackOnFailure)
        return result('failed', `${outcome.message}. ${routeLabel} sends no traffic to the canary`, { problems: outcome.problems, ...selectors });
      await removeCanary(kubectl, name, target, options.timeoutSeconds);
      return result(
        'rolled-back',
        `${outcome.message}. Removed the canary, its Service and the baseline; ${routeLabel} sends every request to Service/${target.stableService.metadata.name}`,
        { problems: outcome.problems },
      );
    }
    // The canary has its own Service and no weight yet: the checks run before it takes any request.
    const verified = await verifyDeployment(kubectl, planned.canary.metadata.name, options.verify);
    if (verified) smokeChecks.push(verified);
    if (verified?.failure) {
      const message = `${describeSmokeFailure(verified.failure)} ${routeLabel} never sent it a request`;
      if (!options.rollbackOnFailure) return result('failed', message, { smokeChecks, ...selectors });
      await removeCanary(kubectl, name, target, options.timeoutSeconds);
      return result('rolled-back', `${message}. Removed the canary, its Service and the baseline`, { smokeChecks });
    }
    await core.group(`Weigh ${routeLabel}: ${options.canaryPercentage}% to the canary`, () => setRules(kubectl, target.route, weighedRules, options));
  } catch (error) {
    try {
      await restoreRoute(kubectl, target, options);
    } catch (restoreError) {
      throw new ConfigurationError(
        `${describeError(error)}; putting ${routeLabel} back on Service/${target.stableService.metadata.name} alone failed too (${describeError(restoreError)}): run k8s-deploy with action abort`,
      );
    }
    throw error;
  }
  return result('succeeded', `Canary of deployment/${name} takes ${options.canaryPercentage}% of ${routeLabel}`, {
    achievedPercentage: options.canaryPercentage,
    ...selectors,
    ...(smokeChecks.length > 0 ? { smokeChecks } : {}),
  });
}

function matchLabels(deployment: KubeObject): Record<string, string> {
  const selector = isRecord(deployment.spec?.selector) ? deployment.spec.selector : {};
  return (isRecord(selector.matchLabels) ? selector.matchLabels : {}) as Record<string, string>;
}

/** The baseline (stable template, behind the stable Service), the canary (outside it) and the canary's own Service. */
export function planCanaryBehindRoute(
  stable: KubeObject,
  next: KubeObject,
  replicas: number,
  stableService: KubeObject,
): { baseline: KubeObject; canary: KubeObject; service: KubeObject } {
  const baseline = labelledVariant(stable, baselineName(stable.metadata.name), TRACK_LABEL, 'baseline', replicas);
  const canary = outsideStableService(labelledVariant(next, canaryName(stable.metadata.name), TRACK_LABEL, 'canary', replicas), stableService);
  return { baseline, canary, service: canaryService(stableService, canary) };
}

/** Rolls the stable Deployment to the new version, then puts the route back on it alone, then removes the canary. */
export async function promoteGatewayCanary(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions, routeName: string): Promise<DeployResult> {
  const name = singleDeployment(objects, 'canary').metadata.name;
  const target = await routeTarget(kubectl, objects, singleDeployment(objects, 'canary'), routeName);
  const result = await deployRolling(kubectl, objects, options, 'canary');
  if (options.dryRun) return result;
  await restoreRoute(kubectl, target, options);
  await removeCanary(kubectl, name, target, options.timeoutSeconds);
  result.notes.push(
    `HTTPRoute/${routeName} sends every request to Service/${target.stableService.metadata.name}; removed ${canaryName(name)}, ${baselineName(name)} and Service/${target.canaryService}.`,
  );
  if (result.status === 'succeeded') result.message = `Promoted the canary: deployment/${name} runs the new version`;
  return result;
}

/** `beforeRemoval` runs once the route is restored (nothing more reaches the canary) and before the canary is deleted. */
export async function abortGatewayCanary(
  kubectl: Kubectl,
  objects: readonly KubeObject[],
  options: DeployOptions,
  routeName: string,
  beforeRemoval?: () => Promise<void>,
): Promise<DeployResult> {
  const name = singleDeployment(objects, 'canary').metadata.name;
  const target = await routeTarget(kubectl, objects, singleDeployment(objects, 'canary'), routeName);
  if (!options.dryRun) {
    await restoreRoute(kubectl, target, options);
    await beforeRemoval?.();
    await removeCanary(kubectl, name, target, options.timeoutSeconds);
  }
  return {
    status: 'succeeded',
    strategy: 'canary',
    message: `Aborted the canary: HTTPRoute/${routeName} sends every request to Service/${target.stableService.metadata.name}; removed ${canaryName(name)}, ${baselineName(name)} and Service/${target.canaryService}; deployment/${name} is unchanged`,
    workloads: [{ name, revision: await currentRevision(kubectl, name) }],
    notes: [],
    problems: [],
    achievedPercentage: 0,
  };
}
