import * as core from '@actions/core';
import { apply, dryRunDiff, preflight } from '../kubernetes/apply.js';
import { deleteDeploymentsAndPods } from '../kubernetes/deletion.js';
import type { DeployedWorkload, DeployOptions, DeployResult, RollbackDone } from './deploy-result.js';
import { revisionOf } from '../kubernetes/deployment-revisions.js';
import { labelledVariant, singleDeployment } from '../kubernetes/deployment-variants.js';
import { ConfigurationError } from '../errors.js';
import type { Kubectl } from '../kubernetes/kubectl.js';
import { BLUE_GREEN_ROLE_ANNOTATION, BLUE_GREEN_SERVICES_ANNOTATION, VERSION_LABEL } from '../kubernetes/metadata.js';
import { checkObjectName } from '../kubernetes/names.js';
import {
  containerImages,
  isRecord,
  templateImages,
  type HorizontalPodAutoscaler,
  type KubeObject,
  type LiveDeployment,
  type ObjectList,
  type Service,
} from '../kubernetes/objects.js';
import type { PodProblem } from '../kubernetes/pod-problems.js';
import { waitForRollout } from '../kubernetes/rollout-wait.js';
import { describeSmokeFailure, verifyDeployment } from '../kubernetes/smoke-run.js';
import { currentRevision } from '../kubernetes/workloads.js';

/**
 * Blue-green without a mesh: the new version runs as the idle colour (`<name>-blue` or
 * `<name>-green`, pods labelled `version: <colour>`) while the Services keep selecting the
 * serving colour; `promote` switches the Services' selector, `abort` removes the idle colour,
 * and the rollback action switches back to the colour that served before.
 */

export const COLOURS = ['blue', 'green'] as const;
export type Colour = (typeof COLOURS)[number];
export type Role = 'pending' | 'serving' | 'previous';

export function colourName(deployment: string, colour: Colour): string {
  return `${deployment}-${colour}`;
}

export function otherColour(colour: Colour): Colour {
  return colour === 'blue' ? 'green' : 'blue';
}

export interface ColourDeployment {
  colour: Colour;
  name: string;
  role?: Role;
  revision: number;
  replicas?: number;
  images: string[];
  services: string[];
}

export interface BlueGreenState {
  colours: Partial<Record<Colour, ColourDeployment>>;
  /** The colour the Services select; undefined before the first blue-green deploy switched them. */
  serving?: Colour;
}

/**
 * What runs where, read from the cluster: the colour Deployments `<name>-blue` and
 * `<name>-green`, and which of them the Services select. The Services are the truth (they
 * are what users reach); a Service that selects no colour, or two Services that disagree,
 * is an error rather than a guess.
 */
export async function readBlueGreenState(kubectl: Kubectl, deployment: string): Promise<BlueGreenState> {
  return readServingColour(kubectl, deployment, await readColours(kubectl, deployment));
}

/** The colour Deployments of `deployment` that exist (reads Deployments only). */
export async function readColours(kubectl: Kubectl, deployment: string): Promise<BlueGreenState['colours']> {
  const colours: BlueGreenState['colours'] = {};
  for (const colour of COLOURS) {
    const live = await kubectl.find<LiveDeployment>('Deployment', colourName(deployment, colour));
    if (live) colours[colour] = describeColour(colour, live);
  }
  return colours;
}

/** Which of `colours` the Services they name select (reads those Services, when there are any). */
export async function readServingColour(kubectl: Kubectl, deployment: string, colours: BlueGreenState['colours']): Promise<BlueGreenState> {
  const services = [...new Set(Object.values(colours).flatMap((found) => found.services))];
  if (services.length === 0) return { colours };

  const selected = new Map<string, string | undefined>();
  for (const service of services) {
    const live = await kubectl.find<Service>('Service', service);
    selected.set(service, live?.spec?.selector?.[VERSION_LABEL]);
  }
  const values = [...new Set(selected.values())];
  // No Service selects a colour yet: the first blue-green deploy never got as far as switching.
  if (values.every((value) => value === undefined)) return { colours };
  const serving = values[0];
  if (values.length !== 1 || (serving !== 'blue' && serving !== 'green') || !colours[serving]) {
    const seen = [...selected].map(([service, value]) => `service/${service} selects ${VERSION_LABEL}=${value ?? '(nothing)'}`).join(', ');
    throw new ConfigurationError(
      `Blue-green state of deployment/${deployment} is inconsistent: ${seen}, and the colour Deployments are ${Object.keys(colours).join(' and ')}. Fix the Service selectors by hand; nothing was changed`,
    );
  }
  return { colours, serving };
}

function describeColour(colour: Colour, live: LiveDeployment): ColourDeployment {
  const annotations = live.metadata.annotations ?? {};
  const role = annotations[BLUE_GREEN_ROLE_ANNOTATION];
  return {
    colour,
    name: live.metadata.name,
    role: role === 'pending' || role === 'serving' || role === 'previous' ? role : undefined,
    revision: revisionOf(live),
    replicas: live.spec?.replicas,
    images: templateImages(live.spec?.template),
    services: (annotations[BLUE_GREEN_SERVICES_ANNOTATION] ?? '')
      .split(',')
      .filter(Boolean)
      .map((service) => checkObjectName('Service', service, `The ${BLUE_GREEN_SERVICES_ANNOTATION} annotation of deployment/${live.metadata.name}`)),
  };
}

export async function setRole(kubectl: Kubectl, deployment: string, role: Role): Promise<void> {
  await kubectl.run(['annotate', 'deployment', '--overwrite', '--', deployment, `${BLUE_GREEN_ROLE_ANNOTATION}=${role}`]);
}

/**
 * Points the Services at a colour, and the autoscalers that scaled the other colour at this one.
 * The autoscalers are listed before anything changes, so that a refusal to list them leaves the
 * Services where they were.
 */
export async function switchTraffic(kubectl: Kubectl, services: readonly string[], from: ColourDeployment, to: ColourDeployment): Promise<void> {
  const autoscalers = await kubectl.json<ObjectList<HorizontalPodAutoscaler>>(['get', 'horizontalpodautoscalers']);
  const patch = JSON.stringify({ spec: { selector: { [VERSION_LABEL]: to.colour } } });
  for (const service of services) await kubectl.run(['patch', 'service', '--type=merge', `--patch=${patch}`, '--', service]);
  for (const autoscaler of autoscalers.items) {
    const target = autoscaler.spec?.scaleTargetRef;
    if (target?.kind !== 'Deployment' || target.name !== from.name) continue;
    const retarget = JSON.stringify({ spec: { scaleTargetRef: { name: to.name } } });
    await kubectl.run([
      'patch',
      'horizontalpodautoscaler',
      '--type=merge',
      `--patch=${retarget}`,
      '--',
      checkObjectName('HorizontalPodAutoscaler', autoscaler.metadata.name, 'The cluster'),
    ]);
  }
}

/** The manifests' Services whose selector matches the Deployment's pods: blue-green switches these. */
export function servicesSelecting(objects: readonly KubeObject[], deployment: KubeObject): KubeObject[] {
  const template = isRecord(deployment.spec?.template) ? deployment.spec.template : {};
  const podLabels = (isRecord(template.metadata) && isRecord(template.metadata.labels) ? template.metadata.labels : {}) as Record<string, string>;
  const services = objects.filter((object) => {
    if (object.kind !== 'Service' || !isRecord(object.spec?.selector)) return false;
    const selector = Object.entries(object.spec.selector);
    return selector.length > 0 && selector.every(([key, value]) => podLabels[key] === value);
  });
  if (services.length === 0) {
    throw new ConfigurationError(
      `The blue-green strategy switches the Service in front of deployment/${deployment.metadata.name}, but the manifests have no Service whose selector matches its pods`,
    );
  }
  return services;
}

/** The colour Deployment: the manifests' Deployment renamed, its pods labelled `version: <colour>`. */
export function planColour(deployment: KubeObject, colour: Colour, options: { role: Role; services: readonly KubeObject[]; replicas?: number }): KubeObject {
  const variant = labelledVariant(deployment, colourName(deployment.metadata.name, colour), VERSION_LABEL, colour, options.replicas);
  variant.metadata.annotations = {
    ...variant.metadata.annotations,
    [BLUE_GREEN_ROLE_ANNOTATION]: options.role,
    [BLUE_GREEN_SERVICES_ANNOTATION]: options.services.map((service) => service.metadata.name).join(','),
  };
  return variant;
}

/**
 * Everything in the manifests but the Deployment itself, pointed at one colour: the Services
 * select `version: <colour>` and autoscalers of the Deployment scale that colour instead.
 */
export function pointAtColour(objects: readonly KubeObject[], deployment: KubeObject, colour: Colour): KubeObject[] {
  const services = new Set(servicesSelecting(objects, deployment));
  const name = deployment.metadata.name;
  return objects
    .filter((object) => object !== deployment)
    .map((object) => {
      if (services.has(object)) return { ...object, spec: { ...object.spec, selector: { ...(object.spec?.selector as object), [VERSION_LABEL]: colour } } };
      const target = object.kind === 'HorizontalPodAutoscaler' && isRecord(object.spec?.scaleTargetRef) ? object.spec.scaleTargetRef : undefined;
      if (target?.kind === 'Deployment' && target.name === name) {
        return { ...object, spec: { ...object.spec, scaleTargetRef: { ...target, name: colourName(name, colour) } } };
      }
      return object;
    });
}

export async function deployBlueGreen(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<DeployResult> {
  const next = singleDeployment(objects, 'blue-green');
  const services = servicesSelecting(objects, next);
  const state = await readBlueGreenState(kubectl, next.metadata.name);
  if (!state.serving) return firstDeploy(kubectl, objects, next, services, options);

  const serving = state.colours[state.serving]!;
  const colour = otherColour(state.serving);
  const candidate = planColour(next, colour, { role: 'pending', services, replicas: serving.replicas });
  const name = candidate.metadata.name;
  await preflight(kubectl, [candidate], options);
  const workloads: DeployedWorkload[] = [{ name, previousRevision: await currentRevision(kubectl, name) }];
  const notes = [`deployment/${serving.name} keeps serving; ${serviceList(services)} switch to deployment/${name} on \`action: promote\`.`];
  const replaced = state.colours[colour];
  if (replaced?.role === 'previous')
    notes.push(`deployment/${name} held the previous release (${replaced.images.join(', ')}) for an instant switch back; it now runs the new version.`);
  if (options.dryRun) {
    return {
      status: 'succeeded',
      strategy: 'blue-green',
      message: 'Dry run: nothing was changed',
      workloads,
      notes,
      problems: [],
      diff: await dryRunDiff(kubectl, [candidate], options),
    };
  }

  await core.group(`Apply deployment/${name}`, () => apply(kubectl, [candidate], options));
  const { failed, smokeChecks } = await readyAndVerified(kubectl, options, services, `deployment/${serving.name} served throughout`, {
    strategy: 'blue-green',
    workloads,
    notes,
  });
  if (failed) return failed;
  return {
    status: 'succeeded',
    strategy: 'blue-green',
    message: `deployment/${name} runs the new version beside deployment/${serving.name}, which still gets all traffic`,
    workloads,
    notes,
    problems: [],
    ...smokeChecks,
  };
}

/**
 * Nothing to switch from yet: the blue colour goes live directly, as a rolling deploy would.
 * A Deployment of the same name deployed without blue-green keeps serving (the Services'
 * selector still matches its pods) until blue is ready, then the Services switch and it is removed.
 */
async function firstDeploy(
  kubectl: Kubectl,
  objects: readonly KubeObject[],
  next: KubeObject,
  services: readonly KubeObject[],
  options: DeployOptions,
): Promise<DeployResult> {
  const blue = planColour(next, 'blue', { role: 'serving', services });
  const name = blue.metadata.name;
  const pointed = pointAtColour(objects, next, 'blue');
  const switchedServices = pointed.filter((object) => object.kind === 'Service' && services.some((service) => service.metadata.name === object.metadata.name));
  const beforeSwitch = [...pointed.filter((object) => !switchedServices.includes(object)), blue];
  const unmanaged = await kubectl.find<KubeObject>('Deployment', next.metadata.name);

  await preflight(kubectl, [...beforeSwitch, ...switchedServices], options);
  const workloads: DeployedWorkload[] = [{ name, previousRevision: await currentRevision(kubectl, name) }];
  const notes = [
    `No blue-green release of deployment/${next.metadata.name} was serving, so there was nothing to switch from: blue went live directly, as a rolling deploy would.`,
  ];
  if (unmanaged)
    notes.push(
      `deployment/${next.metadata.name} (deployed without blue-green) served until deployment/${name} was ready, then ${serviceList(services)} switched to blue and it was removed.`,
    );
  if (options.dryRun) {
    return {
      status: 'succeeded',
      strategy: 'rolling',
      message: 'Dry run: nothing was changed',
      workloads,
      notes,
      problems: [],
      diff: await dryRunDiff(kubectl, [...beforeSwitch, ...switchedServices], options),
    };
  }

  await core.group('Apply', () => apply(kubectl, beforeSwitch, options));
  const served = unmanaged ? `deployment/${next.metadata.name} served throughout` : 'nothing was serving before';
  const { failed, smokeChecks } = await readyAndVerified(kubectl, options, services, served, { strategy: 'rolling', workloads, notes });
  if (failed) return failed;
  await core.group(`Switch ${serviceList(services)} to blue`, () => apply(kubectl, switchedServices, options));
  if (unmanaged) await deleteDeploymentsAndPods(kubectl, [next.metadata.name], options.timeoutSeconds);
  return { status: 'succeeded', strategy: 'rolling', message: `deployment/${name} is live`, workloads, notes, problems: [], ...smokeChecks };
}

/** Switches the Services to the pending colour; the colour that served keeps running for an instant switch back. */
export async function promoteBlueGreen(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<DeployResult> {
  const next = singleDeployment(objects, 'blue-green');
  const services = servicesSelecting(objects, next);
  const state = await readBlueGreenState(kubectl, next.metadata.name);
  const wanted = containerImages(next);
  const { serving, candidate } = pendingColour(state, next.metadata.name);
  if (!candidate) {
    if (sameImages(serving.images, wanted)) {
      return result('succeeded', `Nothing pending to promote: deployment/${serving.name} already serves ${wanted.join(', ')}`, serving);
    }
    throw new ConfigurationError(
      `Nothing to promote: deployment/${serving.name} serves ${serving.images.join(', ')} and no new colour is pending; deploy ${wanted.join(', ')} with strategy blue-green first. Nothing was changed`,
    );
  }
  if (!sameImages(candidate.images, wanted)) {
    throw new ConfigurationError(
      `deployment/${candidate.name} runs ${candidate.images.join(', ')} but the manifests ask for ${wanted.join(', ')}: deploy them with strategy blue-green before promoting. Nothing was changed`,
    );
  }
  const ready = await core.group(`Check deployment/${candidate.name} is ready`, () => waitForRollout(kubectl, candidate.name, options.timeoutSeconds));
  if (!ready.ok) {
    return {
      ...result('failed', `deployment/${candidate.name} is not ready, so the Services were not switched: ${ready.message}`, candidate),
      problems: ready.problems,
    };
  }

  const pointed = pointAtColour(objects, next, candidate.colour);
  await preflight(kubectl, pointed, options);
  if (options.dryRun) return { ...result('succeeded', 'Dry run: nothing was changed', candidate), diff: await dryRunDiff(kubectl, pointed, options) };
  await core.group(`Switch ${serviceList(services)} to ${candidate.colour}`, () => apply(kubectl, pointed, options));
  await setRole(kubectl, candidate.name, 'serving');
  await setRole(kubectl, serving.name, 'previous');
  return {
    ...result('succeeded', `Promoted: ${serviceList(services)} now send traffic to deployment/${candidate.name} (${candidate.images.join(', ')})`, candidate),
    notes: [
      `deployment/${serving.name} keeps running ${serving.images.join(', ')} for an instant switch back (the rollback action) until the next deploy replaces it.`,
    ],
  };
}

/** Removes the pending colour; the serving one was never touched. */
export async function abortBlueGreen(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<DeployResult> {
  const next = singleDeployment(objects, 'blue-green');
  const { serving, candidate } = pendingColour(await readBlueGreenState(kubectl, next.metadata.name), next.metadata.name);
  if (!candidate) return result('succeeded', `Nothing to abort: no new colour is pending; deployment/${serving.name} is unchanged`, serving);
  if (!options.dryRun) await deleteDeploymentsAndPods(kubectl, [candidate.name], options.timeoutSeconds);
  return result('succeeded', `Aborted: removed deployment/${candidate.name}; deployment/${serving.name} served throughout and is unchanged`, serving);
}

function pendingColour(state: BlueGreenState, deployment: string): { serving: ColourDeployment; candidate?: ColourDeployment } {
  if (!state.serving) {
    throw new ConfigurationError(
      `No blue-green release of deployment/${deployment} is serving (no ${colourName(deployment, 'blue')} or ${colourName(deployment, 'green')} selected by its Services); deploy with strategy blue-green first. Nothing was changed`,
    );
  }
  const other = state.colours[otherColour(state.serving)];
  return { serving: state.colours[state.serving]!, candidate: other?.role === 'pending' ? other : undefined };
}

function result(status: DeployResult['status'], message: string, workload: ColourDeployment): DeployResult {
  return { status, strategy: 'blue-green', message, workloads: [{ name: workload.name, revision: workload.revision }], notes: [], problems: [] };
}

function sameImages(a: readonly string[], b: readonly string[]): boolean {
  return [...a].sort().join('\n') === [...b].sort().join('\n');
}

/**
 * Waits for the new colour (the only workload) and checks its pods before any Service switches to
 * them. A failure is the result to return, the colour removed with rollback-on-failure; what
 * served keeps serving (`served` says what that was).
 */
async function readyAndVerified(
  kubectl: Kubectl,
  options: DeployOptions,
  services: readonly KubeObject[],
  served: string,
  base: Pick<DeployResult, 'strategy' | 'workloads' | 'notes'>,
): Promise<{ failed?: DeployResult; smokeChecks: Pick<DeployResult, 'smokeChecks'> }> {
  const colour = base.workloads[0]!;
  const outcome = await core.group(`Wait for deployment/${colour.name}`, () => waitForRollout(kubectl, colour.name, options.timeoutSeconds));
  colour.revision = await currentRevision(kubectl, colour.name);
  const fail = async (message: string, problems: PodProblem[], smokeChecks: Pick<DeployResult, 'smokeChecks'>) => {
    if (!options.rollbackOnFailure) return { failed: { status: 'failed' as const, message, problems, ...base, ...smokeChecks }, smokeChecks };
    await deleteDeploymentsAndPods(kubectl, [colour.name], options.timeoutSeconds);
    const removed = `${message}. Removed deployment/${colour.name}; ${served}.`;
    return { failed: { status: 'rolled-back' as const, message: removed, problems, ...base, ...smokeChecks }, smokeChecks };
  };
  if (!outcome.ok) return fail(outcome.message, outcome.problems, {});
  const verified = await verifyDeployment(kubectl, colour.name, options.verify);
  const smokeChecks = verified ? { smokeChecks: [verified] } : {};
  if (verified?.failure) return fail(`${describeSmokeFailure(verified.failure)} ${serviceList(services)} never switched to it`, [], smokeChecks);
  return { smokeChecks };
}

function serviceList(services: readonly KubeObject[]): string {
  return services.map((service) => `service/${service.metadata.name}`).join(', ');
}

/**
 * A pending colour (never promoted) is removed; after a promotion the Services switch back
 * to the previous colour, which kept running, once it is ready, and the promoted one is removed.
 */
export async function undoBlueGreen(kubectl: Kubectl, name: string, state: BlueGreenState, timeoutSeconds: number): Promise<RollbackDone> {
  const serving = state.colours[state.serving!]!;
  const other = state.colours[otherColour(serving.colour)];
  const from = { serving: serving.name, fromRevision: serving.revision };
  if (!other) {
    throw new ConfigurationError(
      `deployment/${serving.name} serves ${serving.images.join(', ')} and there is no other colour of deployment/${name} to switch back to: the previous release is kept only until the next deploy`,
    );
  }
  if (other.role === 'pending') {
    await kubectl.run(['delete', 'deployment', '--wait=true', '--', other.name]);
    return {
      ...from,
      toRevision: serving.revision,
      lines: [
        `Removed deployment/${other.name} (${other.images.join(', ')}), which was never promoted; deployment/${serving.name} (${serving.images.join(', ')}) served throughout.`,
      ],
    };
  }
  const ready = await core.group(`Check deployment/${other.name} is ready`, () => waitForRollout(kubectl, other.name, timeoutSeconds));
  if (!ready.ok) throw new ConfigurationError(`deployment/${other.name} is not ready, so the Services were not switched back: ${ready.message}`);
  await switchTraffic(kubectl, serving.services, serving, other);
  await setRole(kubectl, other.name, 'serving');
  await kubectl.run(['delete', 'deployment', '--wait=true', '--', serving.name]);
  return {
    serving: other.name,
    fromRevision: serving.revision,
    toRevision: other.revision,
    lines: [
      `Was serving deployment/${serving.name} (${serving.images.join(', ')}); ${serving.services.map((service) => `service/${service}`).join(', ')} switched back to deployment/${other.name} (${other.images.join(', ')}), and deployment/${serving.name} was removed.`,
    ],
  };
}
