import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPOSITORY_ROOT } from '../repository-root.js';

/** The workflow files and their shapes, as the workflow tests read them. */
export const FOLDERS = ['.github/workflows', 'workflows'];
// The caller examples name the suite by this placeholder owner.
export const SUITE = 'acme/inventory-devops';
// The commit of this repository the caller examples pin (no release tag exists yet).
export const SUITE_PIN = '928853189157700ae38485416eb0e3177ffde3ba';

export interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'timeout-minutes'?: unknown;
  'continue-on-error'?: unknown;
  'working-directory'?: string;
}
export interface Job {
  'runs-on'?: unknown;
  concurrency?: { group?: string; 'cancel-in-progress'?: unknown };
  outputs?: Record<string, string>;
  'timeout-minutes'?: unknown;
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
  permissions?: unknown;
  steps?: Step[];
}
export interface Declared {
  description?: string;
  required?: boolean;
  default?: unknown;
}
export interface Workflow {
  on: Record<string, { inputs?: Record<string, Declared>; secrets?: Record<string, Declared>; outputs?: Record<string, Declared> } | null>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}
export interface ActionMetadata {
  inputs?: Record<string, Declared>;
}

export const files = FOLDERS.flatMap((folder) =>
  readdirSync(join(REPOSITORY_ROOT, folder))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => `${folder}/${name}`),
);
export const text = (file: string): string => readFileSync(join(REPOSITORY_ROOT, file), 'utf8');
export const workflow = (file: string): Workflow => parseYaml(text(file)) as Workflow;
export const steps = (wf: Workflow): Array<[string, Step]> =>
  Object.entries(wf.jobs).flatMap(([id, job]) => (job.steps ?? []).map((step): [string, Step] => [id, step]));

/** `./actions/x` (this repository) or `./.inventory-devops/actions/x` (the suite checked out by a reusable workflow). */
export function suiteAction(uses: string): string | undefined {
  return /^\.\/(?:\.inventory-devops\/)?(actions\/[a-z0-9-]+)$/.exec(uses)?.[1];
}
