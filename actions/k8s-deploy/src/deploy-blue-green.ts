import * as core from '@actions/core';
import { colourName, otherColour, readBlueGreenState, setRole, type BlueGreenState, type ColourDeployment } from '../../lib/blue-green.js';
import { ConfigurationError, type Kubectl } from '../../lib/index.js';
import { waitForRollout } from '../../lib/rollout.js';
import { apply, currentRevision, dryRunDiff, preflight, type DeployedWorkload, type DeployOptions, type DeployResult } from './deploy.js';
import { containerImages } from './images.js';
import type { KubeObject } from './manifests.js';
import { planColour, pointAtColour, servicesSelecting, singleDeployment } from './strategies.js';

/**
 * Blue-green without a mesh: the new version runs as the idle colour (`<name>-blue` or
 * `<name>-green`, pods labelled `version: <colour>`) while the Services keep selecting the
 * serving colour; `promote` switches the Services' selector, `abort` removes the idle colour.
 */
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
  if (replaced?.role === 'previous') notes.push(`deployment/${name} held the previous release (${replaced.images.join(', ')}) for an instant switch back; it now runs the new version.`);
  if (options.dryRun) {
    return { status: 'succeeded', strategy: 'blue-green', message: 'Dry run: nothing was changed', workloads, notes, problems: [], diff: await dryRunDiff(kubectl, [candidate], options) };
  }

  await core.group(`Apply deployment/${name}`, () => apply(kubectl, [candidate], options));
  const outcome = await core.group(`Wait for deployment/${name}`, () => waitForRollout(kubectl, name, options.timeoutSeconds));
  workloads[0]!.revision = await currentRevision(kubectl, name);
  if (!outcome.ok) {
    if (!options.rollbackOnFailure) return { status: 'failed', strategy: 'blue-green', message: outcome.message, workloads, notes, problems: outcome.problems };
    await deleteDeployment(kubectl, name);
    return {
      status: 'rolled-back',
      strategy: 'blue-green',
      message: `${outcome.message}. Removed deployment/${name}; deployment/${serving.name} served throughout.`,
      workloads,
      notes,
      problems: outcome.problems,
    };
  }
  return {
    status: 'succeeded',
    strategy: 'blue-green',
    message: `deployment/${name} runs the new version beside deployment/${serving.name}, which still gets all traffic`,
    workloads,
    notes,
    problems: [],
  };
}

/**
 * Nothing to switch from yet: the blue colour goes live directly, as a rolling deploy would.
 * A Deployment of the same name deployed without blue-green keeps serving (the Services'
 * selector still matches its pods) until blue is ready, then the Services switch and it is removed.
 */
async function firstDeploy(kubectl: Kubectl, objects: readonly KubeObject[], next: KubeObject, services: readonly KubeObject[], options: DeployOptions): Promise<DeployResult> {
  const blue = planColour(next, 'blue', { role: 'serving', services });
  const name = blue.metadata.name;
  const pointed = pointAtColour(objects, next, 'blue');
  const switchedServices = pointed.filter((object) => object.kind === 'Service' && services.some((service) => service.metadata.name === object.metadata.name));
  const beforeSwitch = [...pointed.filter((object) => !switchedServices.includes(object)), blue];
  const unmanaged = await kubectl.find<KubeObject>('Deployment', next.metadata.name);

  await preflight(kubectl, [...beforeSwitch, ...switchedServices], options);
  const workloads: DeployedWorkload[] = [{ name, previousRevision: await currentRevision(kubectl, name) }];
  const notes = [`No blue-green release of deployment/${next.metadata.name} was serving, so there was nothing to switch from: blue went live directly, as a rolling deploy would.`];
  if (unmanaged) notes.push(`deployment/${next.metadata.name} (deployed without blue-green) served until deployment/${name} was ready, then ${serviceList(services)} switched to blue and it was removed.`);
  if (options.dryRun) {
    return { status: 'succeeded', strategy: 'rolling', message: 'Dry run: nothing was changed', workloads, notes, problems: [], diff: await dryRunDiff(kubectl, [...beforeSwitch, ...switchedServices], options) };
  }

  await core.group('Apply', () => apply(kubectl, beforeSwitch, options));
  const outcome = await core.group(`Wait for deployment/${name}`, () => waitForRollout(kubectl, name, options.timeoutSeconds));
  workloads[0]!.revision = await currentRevision(kubectl, name);
  if (!outcome.ok) {
    if (!options.rollbackOnFailure) return { status: 'failed', strategy: 'rolling', message: outcome.message, workloads, notes, problems: outcome.problems };
    await deleteDeployment(kubectl, name);
    const served = unmanaged ? `deployment/${next.metadata.name} served throughout` : 'nothing was serving before';
    return { status: 'rolled-back', strategy: 'rolling', message: `${outcome.message}. Removed deployment/${name}; ${served}.`, workloads, notes, problems: outcome.problems };
  }
  await core.group(`Switch ${serviceList(services)} to blue`, () => apply(kubectl, switchedServices, options));
  if (unmanaged) await deleteDeployment(kubectl, next.metadata.name);
  return { status: 'succeeded', strategy: 'rolling', message: `deployment/${name} is live`, workloads, notes, problems: [] };
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
    return { ...result('failed', `deployment/${candidate.name} is not ready, so the Services were not switched: ${ready.message}`, candidate), problems: ready.problems };
  }

  const pointed = pointAtColour(objects, next, candidate.colour);
  await preflight(kubectl, pointed, options);
  if (options.dryRun) return { ...result('succeeded', 'Dry run: nothing was changed', candidate), diff: await dryRunDiff(kubectl, pointed, options) };
  await core.group(`Switch ${serviceList(services)} to ${candidate.colour}`, () => apply(kubectl, pointed, options));
  await setRole(kubectl, candidate.name, 'serving');
  await setRole(kubectl, serving.name, 'previous');
  return {
    ...result('succeeded', `Promoted: ${serviceList(services)} now send traffic to deployment/${candidate.name} (${candidate.images.join(', ')})`, candidate),
    notes: [`deployment/${serving.name} keeps running ${serving.images.join(', ')} for an instant switch back (the rollback action) until the next deploy replaces it.`],
  };
}

/** Removes the pending colour; the serving one was never touched. */
export async function abortBlueGreen(kubectl: Kubectl, objects: readonly KubeObject[], options: DeployOptions): Promise<DeployResult> {
  const next = singleDeployment(objects, 'blue-green');
  const { serving, candidate } = pendingColour(await readBlueGreenState(kubectl, next.metadata.name), next.metadata.name);
  if (!candidate) return result('succeeded', `Nothing to abort: no new colour is pending; deployment/${serving.name} is unchanged`, serving);
  if (!options.dryRun) await deleteDeployment(kubectl, candidate.name);
  return result('succeeded', `Aborted: removed deployment/${candidate.name}; deployment/${serving.name} served throughout and is unchanged`, serving);
}

function pendingColour(state: BlueGreenState, deployment: string): { serving: ColourDeployment; candidate?: ColourDeployment } {
  if (!state.serving) {
    throw new ConfigurationError(`No blue-green release of deployment/${deployment} is serving (no ${colourName(deployment, 'blue')} or ${colourName(deployment, 'green')} selected by its Services); deploy with strategy blue-green first. Nothing was changed`);
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

function serviceList(services: readonly KubeObject[]): string {
  return services.map((service) => `service/${service.metadata.name}`).join(', ');
}

async function deleteDeployment(kubectl: Kubectl, name: string): Promise<void> {
  await kubectl.run(['delete', 'deployment', '--ignore-not-found', '--wait=true', '--', name]);
}
