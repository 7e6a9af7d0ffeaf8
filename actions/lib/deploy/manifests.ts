import { parseAllDocuments } from 'yaml';
import { checkObjectName, ConfigurationError, isNamedKind, type NamedKind } from '../index.js';
import { isRecord, type KubeObject } from '../kubernetes/objects.js';

export interface ManifestSource {
  /** Where the text came from, for error messages: a file, or a kustomize folder. */
  origin: string;
  text: string;
}

/** Multi-document YAML → objects, in file order. `kind: List` is expanded; empty documents are skipped. */
export function parseManifests(sources: readonly ManifestSource[]): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const { origin, text } of sources) {
    const documents = parseAllDocuments(text, { prettyErrors: false });
    for (const [index, document] of (Array.isArray(documents) ? documents : [documents]).entries()) {
      const where = `${origin} (document ${index + 1})`;
      const [error] = document.errors;
      if (error) throw new ConfigurationError(`${where} is not valid YAML: ${error.message.split('\n')[0]}`);
      const value: unknown = document.toJS();
      if (value === null || value === undefined) continue;
      const items = isRecord(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
      for (const item of items) objects.push(checkObject(item, where));
    }
  }
  if (objects.length === 0) throw new ConfigurationError('The manifests contain no Kubernetes object');
  return objects;
}

function checkObject(value: unknown, where: string): KubeObject {
  if (!isRecord(value)) throw new ConfigurationError(`${where}: expected a Kubernetes object (a YAML mapping)`);
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof value[field] !== 'string' || value[field] === '') {
      throw new ConfigurationError(`${where}: expected a "${field}" string`);
    }
  }
  const metadata = value.metadata;
  if (!isRecord(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
    throw new ConfigurationError(`${where}: ${String(value.kind)} has no metadata.name`);
  }
  // The names the suite hands to kubectl, and the namespace the run resolves, must be what the API server would accept.
  if (isNamedKind(value.kind as string)) checkObjectName(value.kind as NamedKind, metadata.name, where);
  if (metadata.namespace !== undefined) checkObjectName('Namespace', metadata.namespace, `${where}: metadata.namespace`);
  return value as KubeObject;
}

export function describeObject(object: KubeObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

/** Workloads whose rollout the action waits for. */
export function isWorkload(object: KubeObject): boolean {
  return object.kind === 'Deployment' || object.kind === 'StatefulSet';
}
