import * as core from '@actions/core';
import { stringify } from 'yaml';
import type { Kubectl } from './kubectl.js';
import type { KubeObject } from './objects.js';

export interface ApplyOptions {
  fieldManager: string;
  dryRun: boolean;
}

function toYaml(objects: readonly KubeObject[]): string {
  return objects.map((object) => stringify(object)).join('---\n');
}

function applyArgs(options: ApplyOptions, extra: string[] = []): string[] {
  return ['apply', '--server-side', '--force-conflicts', `--field-manager=${options.fieldManager}`, ...extra, '--filename', '-'];
}

/**
 * Validates everything against the API server (server-side dry run) before changing anything:
 * unknown fields, a missing namespace, missing rights and bad values all stop the deploy here.
 * Namespaces the manifests declare are applied first, since nothing in them validates before they exist.
 */
export async function preflight(kubectl: Kubectl, objects: readonly KubeObject[], options: ApplyOptions): Promise<void> {
  const namespaces = objects.filter((object) => object.kind === 'Namespace');
  const rest = objects.filter((object) => object.kind !== 'Namespace');
  await core.group('Validate with a server-side dry run', async () => {
    if (namespaces.length > 0) await kubectl.run(applyArgs(options, options.dryRun ? ['--dry-run=server'] : []), { input: toYaml(namespaces) });
    if (rest.length > 0) await kubectl.run(applyArgs(options, ['--dry-run=server']), { input: toYaml(rest) });
  });
}

export async function apply(kubectl: Kubectl, objects: readonly KubeObject[], options: ApplyOptions): Promise<void> {
  const { stdout } = await kubectl.run(applyArgs(options), { input: toYaml(objects) });
  core.info(stdout.trim());
}

export async function dryRunDiff(kubectl: Kubectl, objects: readonly KubeObject[], options: ApplyOptions): Promise<string> {
  const result = await kubectl.run(['diff', '--server-side', '--force-conflicts', `--field-manager=${options.fieldManager}`, '--filename', '-'], {
    input: toYaml(objects),
    allowFailure: true,
  });
  // kubectl diff exits 1 when there are differences, above 1 on errors.
  if (result.exitCode > 1) return `kubectl diff could not compute the changes: ${result.stderr.trim()}`;
  return result.stdout.trim() || 'No changes.';
}
