import { ConfigurationError } from '../errors.js';
import { DEPLOYMENT_REVISION_ANNOTATION, LAST_APPLIED_ANNOTATION } from './metadata.js';
import { isRecord, type KubeObject } from './objects.js';

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
  return Object.fromEntries(Object.entries(annotations ?? {}).filter(([key]) => key !== DEPLOYMENT_REVISION_ANNOTATION && key !== LAST_APPLIED_ANNOTATION));
}

/** Canary and blue-green work on one Deployment per step: the analysis compares one baseline with one canary, and one Service switches colours. */
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
