import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigurationError, type Kubectl } from '../index.js';
import type { ManifestSource } from './manifests.js';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Files as they are, folders file by file (sorted), kustomize folders rendered with `kubectl kustomize`. */
export async function readManifestSources(paths: readonly string[], kubectl: Kubectl, workspace: string): Promise<ManifestSource[]> {
  const sources: ManifestSource[] = [];
  for (const path of paths) {
    const absolute = resolve(workspace, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new ConfigurationError(`Input "manifests": "${path}" does not exist (looked in ${absolute})`);
    if (info.isFile()) {
      sources.push({ origin: path, text: await readFile(absolute, 'utf8') });
    } else if (KUSTOMIZATION_FILES.some((file) => existsSync(join(absolute, file)))) {
      const { stdout } = await kubectl.run(['kustomize', absolute]);
      sources.push({ origin: `${path} (kustomize)`, text: stdout });
    } else {
      const files = (await readdir(absolute)).filter((file) => /\.ya?ml$/.test(file)).sort();
      if (files.length === 0) throw new ConfigurationError(`Input "manifests": folder "${path}" has no .yaml or .yml file`);
      for (const file of files) sources.push({ origin: join(path, file), text: await readFile(join(absolute, file), 'utf8') });
    }
  }
  return sources;
}
