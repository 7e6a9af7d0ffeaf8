import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPOSITORY_ROOT } from '../../repository-root.js';

/**
 * The image table: what "running image X" means on this machine. An entry is like an image's
 * ENTRYPOINT/CMD/WORKDIR/ENV. `name` matches the repository's last path component (or a
 * longer `/`-separated suffix), so `inventory-service`, `ghcr.io/acme/inventory-service` and
 * `localhost:5000/x/inventory-service` all match `inventory-service`; `tag` is a glob.
 */
export interface ImageEntry {
  name: string;
  /** Glob over the tag (`*` any run of characters); default `*`. An image without a tag has tag `latest`. */
  tag?: string;
  /** ENTRYPOINT. `node` means the Node.js running the emulator. */
  command: string[];
  /** CMD, used when the pod spec gives neither `command` nor `args`. */
  args?: string[];
  /** Relative to the directory of the table file (or the repository root for entries given in code). */
  workingDir?: string;
  env?: Record<string, string>;
  /**
   * Env for tags matching a glob, e.g. `{"*-faulty": {"FAULT_ERROR_RATE": "0.5"}}`: how a bad
   * release is rehearsed. Unlike `env` it wins over the pod spec's env.
   */
  tagEnv?: Record<string, Record<string, string>>;
  /**
   * The first `failPulls` pulls of each image reference matching this entry fail as a registry
   * timeout would (ErrImagePull, then ImagePullBackOff): how a transient pull error is rehearsed.
   */
  failPulls?: number;
}

export interface ResolvedImage {
  command: string[];
  args: string[];
  workingDir: string;
  env: Record<string, string>;
  /** From `tagEnv`: applied after the pod's own env, because a broken release is broken whatever the pod says. */
  overrides: Record<string, string>;
}

export const DEFAULT_IMAGE_TABLE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'image-table.json');

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

export function parseImageReference(image: string): { repository: string; tag: string } {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > lastSlash) return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
  return { repository: withoutDigest, tag: 'latest' };
}

export class ImageTable {
  private readonly entries: { entry: ImageEntry; baseDir: string }[] = [];

  static fromFile(file: string): ImageTable {
    const table = new ImageTable();
    table.addFile(file);
    return table;
  }

  addFile(file: string): void {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { images?: ImageEntry[] };
    for (const entry of parsed.images ?? []) this.add(entry, path.dirname(file));
  }

  /** Entries added later take precedence, so tests can shadow the defaults. */
  add(entry: ImageEntry, baseDir = REPOSITORY_ROOT): void {
    this.entries.unshift({ entry, baseDir });
  }

  private readonly pulls = new Map<string, number>();
  private readonly present = new Set<string>();

  /**
   * A kubelet's pull: the image, or the error the container runtime would report, worded as
   * containerd words it (a missing image is `NotFound`, a transient failure a timeout).
   */
  pull(image: string): { image: ResolvedImage } | { error: string } {
    const found = this.find(image);
    if (!found) {
      return {
        error: `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found (no entry in the emulator's image table, test/emulator/src/image-table.json)`,
      };
    }
    const attempt = (this.pulls.get(image) ?? 0) + 1;
    this.pulls.set(image, attempt);
    if (attempt <= (found.entry.failPulls ?? 0) && !this.present.has(image)) {
      const { repository, tag } = parseImageReference(image);
      return {
        error: `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to do request: Head "https://registry.emulator.invalid/v2/${repository}/manifests/${tag}": dial tcp 127.0.0.1:5000: i/o timeout`,
      };
    }
    this.present.add(image);
    return { image: this.toResolved(found.entry, found.baseDir, image) };
  }

  private find(image: string): { entry: ImageEntry; baseDir: string } | undefined {
    const { repository, tag } = parseImageReference(image);
    return this.entries.find(({ entry }) => (repository === entry.name || repository.endsWith(`/${entry.name}`)) && globToRegExp(entry.tag ?? '*').test(tag));
  }

  private toResolved(entry: ImageEntry, baseDir: string, image: string): ResolvedImage {
    const { tag } = parseImageReference(image);
    const overrides: Record<string, string> = {};
    for (const [glob, extra] of Object.entries(entry.tagEnv ?? {})) if (globToRegExp(glob).test(tag)) Object.assign(overrides, extra);
    return {
      command: entry.command.map((part) => (part === 'node' ? process.execPath : part)),
      args: entry.args ?? [],
      workingDir: path.resolve(baseDir, entry.workingDir ?? '.'),
      env: { ...(entry.env ?? {}), IMAGE_TAG: tag },
      overrides,
    };
  }
}
