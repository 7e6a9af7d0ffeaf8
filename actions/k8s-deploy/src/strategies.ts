import { ConfigurationError } from '../../lib/index.js';
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
    baseline: trackVariant(stable, baselineName(stable.metadata.name), 'baseline', replicas),
    canary: trackVariant(next, canaryName(stable.metadata.name), 'canary', replicas),
  };
}

function trackVariant(source: KubeObject, name: string, track: string, replicas: number): KubeObject {
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
      labels: { ...source.metadata.labels, [TRACK_LABEL]: track },
      annotations: userAnnotations(source.metadata.annotations),
    },
    spec: {
      ...spec,
      replicas,
      selector: { matchLabels: { ...(selector.matchLabels as Record<string, string> | undefined), [TRACK_LABEL]: track } },
      template: {
        ...template,
        metadata: { ...templateMetadata, labels: { ...(templateMetadata.labels as Record<string, string> | undefined), [TRACK_LABEL]: track } },
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
