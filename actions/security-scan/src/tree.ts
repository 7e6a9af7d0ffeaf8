import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { readRegularFile } from '../../lib/regular-file.js';
import { isDockerfile } from './scanners/dockerfile.js';
import { UNSCANNED_LOCKFILES } from './scanners/dependencies.js';
import { isWorkflowFile } from './scanners/workflows.js';

/**
 * Folders never scanned: installed dependencies (audited through their lockfile instead),
 * git's own store (history is scanned with `history`), and build output.
 */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist']);
/** Larger files are skipped: generated data, not code or configuration. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const NPM_LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json']);

export interface TreeFile {
  /** Shown in findings: relative to the workspace, `/`-separated. */
  path: string;
  absolute: string;
}

export interface Tree {
  files: TreeFile[];
  npmLockfiles: TreeFile[];
  unscannedLockfiles: TreeFile[];
}

/** Every regular file under `root` outside the skipped folders; paths relative to `base`. */
export async function listTree(root: string, base: string): Promise<Tree> {
  const files: TreeFile[] = [];
  const pending = [root];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const absolute = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(absolute);
      } else if (entry.isFile()) {
        files.push({ absolute, path: relative(base, absolute).split(sep).join('/') });
      }
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return {
    files,
    npmLockfiles: files.filter((file) => NPM_LOCKFILES.has(basename(file.path))),
    unscannedLockfiles: files.filter((file) => basename(file.path) in UNSCANNED_LOCKFILES),
  };
}

export function isYamlFile(path: string): boolean {
  return /\.ya?ml$/i.test(path) && !isWorkflowFile(path);
}

/** Which file scanner reads a file: YAML and JSON files may hold Kubernetes manifests. */
export function kindOf(path: string): 'workflow' | 'manifest' | 'dockerfile' | 'other' {
  if (isWorkflowFile(path)) return 'workflow';
  if (isYamlFile(path) || /\.json$/i.test(path)) return 'manifest';
  if (isDockerfile(path)) return 'dockerfile';
  return 'other';
}

/** The text of a file, or undefined for binary, oversized and no-longer-regular files. */
export function readText(file: TreeFile): string | undefined {
  const read = readRegularFile(file.absolute, MAX_FILE_BYTES);
  if (read.status !== 'read' || read.content.subarray(0, 8000).includes(0)) return undefined;
  return read.content.toString('utf8');
}
