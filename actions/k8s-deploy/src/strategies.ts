import { ConfigurationError } from '../../lib/index.js';
import { colourName, ROLE_ANNOTATION, SERVICES_ANNOTATION, VERSION_LABEL, type Colour, type Role } from '../../lib/blue-green.js';
import { isRecord, type KubeObject } from './manifests.js';

export const TRACK_LABEL = 'track';

export function canaryName(deployment: string): string {
  return `${deployment}-canary`;
}

export function baselineName(deployment: string): string {
  return `${deployment}-baseline`;
}

export function canaryReplicaCount(stableReplicas: number, percentage: number, explicit: number | undefined): number {
  return explicit ?? Math.max(1, Math.round((stableReplicas * percentage) / 100));
}

/**
 * Canary without a mesh: `<name>-canary` runs the new pod template and `<name>-baseline` the
 * one serving now, with the same replica count, both matched by the stable Service's
 * selector, so traffic splits by replica count. `track` tells their pods apart.
 */
export function planCanary(stable: KubeObject, next: KubeObject, replicas: number): { baseline: KubeObject; canary: KubeObject } {
  return {
    baseline: labelledVariant(stable, baselineName(stable.metadata.name), TRACK_LABEL, 'baseline', replicas),
    canary: labelledVariant(next, canaryName(stable.metadata.name), TRACK_LABEL, 'canary', replicas),
  };
}

/**
 * A copy of a Deployment under another name whose selector and pod labels carry one more
 * label (`track` for canaries, `version` for blue-green colours), so its pods can be told apart.
 */
export function labelledVariant(source: KubeObject, name: string, label: string, value: string, replicas: number | undefined): KubeObject {
  const spec = structuredClone(source.spec ?? {});
  const selector = isRecord(spec.selector) ? spec.selector : {};
  const template = isRecord(spec.template) ? spec.template : {};
  const templateMetadata = isRecord(template.metadata) ? template.metadata : {};
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      ...(source.metadata.namespace ? { namespace: source.metadata.namespace } : {}),
      labels: { ...source.metadata.labels, [label]: value },
      annotations: userAnnotations(source.metadata.annotations),
    },
    spec: {
      ...spec,
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: { ...(selector.matchLabels as Record<string, string> | undefined), [label]: value } },
      template: {
        ...template,
        metadata: { ...templateMetadata, labels: { ...(templateMetadata.labels as Record<string, string> | undefined), [label]: value } },
      },
    },
  };
}

/** Annotations a person or the suite set, without the controller's and kubectl's bookkeeping. */
function userAnnotations(annotations: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations ?? {}).filter(
      ([key]) => key !== 'deployment.kubernetes.io/revision' && key !== 'kubectl.kubernetes.io/last-applied-configuration',
    ),
  );
}

export function matchLabelsOf(deployment: KubeObject): Record<string, string> {
  const selector = deployment.spec?.selector;
  const matchLabels = isRecord(selector) ? selector.matchLabels : undefined;
  if (!isRecord(matchLabels)) throw new ConfigurationError(`Deployment/${deployment.metadata.name} has no spec.selector.matchLabels`);
  return matchLabels as Record<string, string>;
}

/** Canary works on one Deployment per step: the analysis compares one baseline with one canary. */
export function singleDeployment(objects: readonly KubeObject[], strategy: string): KubeObject {
  const deployments = objects.filter((object) => object.kind === 'Deployment');
  if (deployments.length !== 1) {
    throw new ConfigurationError(
      `The ${strategy} strategy deploys exactly one Deployment per step; the manifests have ${deployments.length}` +
        (deployments.length > 0 ? ` (${deployments.map((d) => d.metadata.name).join(', ')})` : ''),
    );
  }
  return deployments[0]!;
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
export function planColour(
  deployment: KubeObject,
  colour: Colour,
  options: { role: Role; services: readonly KubeObject[]; replicas?: number },
): KubeObject {
  const variant = labelledVariant(deployment, colourName(deployment.metadata.name, colour), VERSION_LABEL, colour, options.replicas);
  variant.metadata.annotations = {
    ...variant.metadata.annotations,
    [ROLE_ANNOTATION]: options.role,
    [SERVICES_ANNOTATION]: options.services.map((service) => service.metadata.name).join(','),
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
