import { ConfigurationError } from './errors.js';
import type { Kubectl } from './kubectl.js';
import { checkObjectName } from './kubernetes-names.js';
import { revisionOf } from './rollout.js';

/** Pod label that tells the two colours apart; the Services select the serving colour with it. */
export const VERSION_LABEL = 'version';
export const COLOURS = ['blue', 'green'] as const;
export type Colour = (typeof COLOURS)[number];

/** `pending` (deployed, no traffic yet), `serving`, or `previous` (kept running for an instant switch back). */
export const ROLE_ANNOTATION = 'inventory-devops.io/blue-green-role';
export type Role = 'pending' | 'serving' | 'previous';
/** Comma-separated names of the Services whose selector k8s-deploy switches between the colours. */
export const SERVICES_ANNOTATION = 'inventory-devops.io/blue-green-services';

export function colourName(deployment: string, colour: Colour): string {
  return `${deployment}-${colour}`;
}

export function otherColour(colour: Colour): Colour {
  return colour === 'blue' ? 'green' : 'blue';
}

interface LiveDeployment {
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: { replicas?: number; template?: { spec?: { containers?: Array<{ image?: string }> } } };
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
  const colours: BlueGreenState['colours'] = {};
  for (const colour of COLOURS) {
    const live = await kubectl.find<LiveDeployment>('Deployment', colourName(deployment, colour));
    if (live) colours[colour] = describeColour(colour, live);
  }
  const services = [...new Set(Object.values(colours).flatMap((found) => found.services))];
  if (services.length === 0) return { colours };

  const selected = new Map<string, string | undefined>();
  for (const service of services) {
    const live = await kubectl.find<{ spec?: { selector?: Record<string, string> } }>('Service', service);
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
  const role = annotations[ROLE_ANNOTATION];
  return {
    colour,
    name: live.metadata.name,
    role: role === 'pending' || role === 'serving' || role === 'previous' ? role : undefined,
    revision: revisionOf(live),
    replicas: live.spec?.replicas,
    images: (live.spec?.template?.spec?.containers ?? []).flatMap((container) => (container.image ? [container.image] : [])),
    services: (annotations[SERVICES_ANNOTATION] ?? '')
      .split(',')
      .filter(Boolean)
      .map((service) => checkObjectName('Service', service, `The ${SERVICES_ANNOTATION} annotation of deployment/${live.metadata.name}`)),
  };
}

export async function setRole(kubectl: Kubectl, deployment: string, role: Role): Promise<void> {
  await kubectl.run(['annotate', 'deployment', '--overwrite', '--', deployment, `${ROLE_ANNOTATION}=${role}`]);
}

/** Points the Services at a colour, and the autoscalers that scaled the other colour at this one. */
export async function switchTraffic(kubectl: Kubectl, services: readonly string[], from: ColourDeployment, to: ColourDeployment): Promise<void> {
  const patch = JSON.stringify({ spec: { selector: { [VERSION_LABEL]: to.colour } } });
  for (const service of services) await kubectl.run(['patch', 'service', '--type=merge', `--patch=${patch}`, '--', service]);
  const autoscalers = await kubectl.json<{ items: Array<{ metadata: { name: string }; spec?: { scaleTargetRef?: { kind?: string; name?: string } } }> }>([
    'get',
    'horizontalpodautoscalers',
  ]);
  for (const autoscaler of autoscalers.items) {
    const target = autoscaler.spec?.scaleTargetRef;
    if (target?.kind !== 'Deployment' || target.name !== from.name) continue;
    const retarget = JSON.stringify({ spec: { scaleTargetRef: { name: to.name } } });
    await kubectl.run(['patch', 'horizontalpodautoscaler', '--type=merge', `--patch=${retarget}`, '--', checkObjectName('HorizontalPodAutoscaler', autoscaler.metadata.name, 'The cluster')]);
  }
}
