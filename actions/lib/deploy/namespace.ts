import { ConfigurationError } from '../index.js';
import type { KubeObject } from '../kubernetes/objects.js';
import { describeObject } from './manifests.js';

/**
 * One namespace per run, so that what is applied is what is read, planned and waited for:
 * the `namespace` input, else the one namespace the manifests name. Undefined means neither
 * says, and the kubeconfig context's namespace is the run's. Objects in another namespace
 * than the input, or manifests naming two, are refused before anything runs: a deploy that
 * applied into one namespace and looked for the stable Deployment in another once replaced
 * production's stable Deployment with an untested canary.
 */
export function namespaceOfRun(objects: readonly KubeObject[], requested: string | undefined): string | undefined {
  const byNamespace = new Map<string, string[]>();
  for (const object of objects) {
    const namespace = object.metadata.namespace;
    if (namespace === undefined) continue;
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), describeObject(object)]);
  }
  const listing = (namespace: string) => {
    const objects = byNamespace.get(namespace) ?? [];
    return `${objects.slice(0, 3).join(', ')}${objects.length > 3 ? ` and ${objects.length - 3} more` : ''}`;
  };
  if (requested !== undefined) {
    const others = [...byNamespace.keys()].filter((namespace) => namespace !== requested);
    if (others.length > 0) {
      throw new ConfigurationError(
        `Input "namespace" has value "${requested}", but the manifests put ${others.map((namespace) => `${listing(namespace)} in namespace "${namespace}"`).join('; ')}: ` +
          "a run deploys into one namespace. Set the input to the manifests' namespace, or remove metadata.namespace from them; nothing was applied",
      );
    }
    return requested;
  }
  const named = [...byNamespace.keys()];
  if (named.length > 1) {
    throw new ConfigurationError(
      `The manifests name ${named.length} namespaces (${named.map((namespace) => `"${namespace}": ${listing(namespace)}`).join('; ')}): ` +
        'a run deploys into one namespace. Deploy each namespace in a step of its own; nothing was applied',
    );
  }
  return named[0];
}
