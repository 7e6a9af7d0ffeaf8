import { ConfigurationError } from '../index.js';
import { workflowRunUrl } from '../github.js';
import { CHANGE_CAUSE_ANNOTATION, COMMIT_ANNOTATION, IMAGES_ANNOTATION, RUN_URL_ANNOTATION, STRATEGY_ANNOTATION } from '../kubernetes/metadata.js';
import type { KubeObject } from '../kubernetes/objects.js';
import { isWorkload } from './manifests.js';

/** `key=value` entries of the annotations input. */
export function parseAnnotations(entries: readonly string[] | undefined): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const entry of entries ?? []) {
    const separator = entry.indexOf('=');
    const key = entry.slice(0, separator).trim();
    if (separator <= 0 || !/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key)) {
      throw new ConfigurationError(`Input "annotations" has entry "${entry}": expected key=value with a valid annotation key`);
    }
    annotations[key] = entry.slice(separator + 1).trim();
  }
  return annotations;
}

export interface DeployContext {
  commit: string;
  runUrl: string;
  strategy: string;
}

export function runContext(strategy: string, environment: NodeJS.ProcessEnv = process.env): DeployContext {
  return { commit: environment.GITHUB_SHA ?? 'unknown', runUrl: workflowRunUrl(environment) ?? 'local run', strategy };
}

/** What is running and why, on every workload: rollback and people read these. */
export function annotateWorkloads(
  objects: readonly KubeObject[],
  context: DeployContext,
  images: readonly string[],
  extra: Record<string, string>,
): KubeObject[] {
  return objects.map((object) => {
    if (!isWorkload(object)) return object;
    const annotations: Record<string, string> = {
      ...object.metadata.annotations,
      ...extra,
      [COMMIT_ANNOTATION]: context.commit,
      [RUN_URL_ANNOTATION]: context.runUrl,
      [STRATEGY_ANNOTATION]: context.strategy,
      [CHANGE_CAUSE_ANNOTATION]: `inventory-devops ${context.strategy} deploy of ${context.commit.slice(0, 12)} (${context.runUrl})`,
    };
    if (images.length > 0) annotations[IMAGES_ANNOTATION] = images.join(',');
    return { ...object, metadata: { ...object.metadata, annotations } };
  });
}
