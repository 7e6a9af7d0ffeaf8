import { abbreviate, ConfigurationError } from '../index.js';
import { containerImages, podSpecOf, type KubeObject } from '../kubernetes/objects.js';
import { describeObject } from './manifests.js';

export interface ImageReference {
  text: string;
  /** Everything before the tag or digest, e.g. `registry.example.com/shop/inventory-service`. */
  repository: string;
  /** Last path segment of the repository, e.g. `inventory-service`. */
  name: string;
}

export interface ImageChange {
  object: string;
  container: string;
  from: string;
  to: string;
}

// Tag and digest as the distribution reference grammar has them (github.com/distribution/reference).
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** `where` names the value for the error: the images input, or a container of the manifests. */
export function parseImageReference(text: string, where = 'Input "images" has value'): ImageReference {
  const at = text.indexOf('@');
  const withoutDigest = at === -1 ? text : text.slice(0, at);
  const digest = at === -1 ? undefined : text.slice(at + 1);
  const lastSlash = withoutDigest.lastIndexOf('/');
  const tagColon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository = tagColon === -1 ? withoutDigest : withoutDigest.slice(0, tagColon);
  const tag = tagColon === -1 ? undefined : withoutDigest.slice(tagColon + 1);
  const valid =
    /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?$/.test(repository) && (tag === undefined || TAG.test(tag)) && (digest === undefined || DIGEST.test(digest));
  if (!valid) {
    throw new ConfigurationError(`${where} "${abbreviate(text)}": expected an image reference such as inventory-service:1.4.2`);
  }
  return { text, repository, name: repository.slice(repository.lastIndexOf('/') + 1) };
}

/**
 * The same repository, or the same image name when one side names no registry or path:
 * `inventory-service:2` replaces `registry.example.com/inventory-service:1` and vice versa.
 */
export function sameImage(a: ImageReference, b: ImageReference): boolean {
  if (a.repository === b.repository) return true;
  const bare = !a.repository.includes('/') || !b.repository.includes('/');
  return bare && a.name === b.name;
}

/**
 * Replaces the image of every container whose image matches one of `images`. An image that
 * matches no container is an error: a typo must not silently deploy the old image.
 */
export function substituteImages(objects: readonly KubeObject[], images: readonly string[]): { objects: KubeObject[]; changes: ImageChange[] } {
  const wanted = images.map((image) => parseImageReference(image));
  const used = new Set<string>();
  const changes: ImageChange[] = [];
  const updated = structuredClone(objects) as KubeObject[];
  for (const object of updated) {
    const podSpec = podSpecOf(object);
    if (!podSpec) continue;
    for (const list of ['initContainers', 'containers']) {
      const containers = podSpec[list];
      if (!Array.isArray(containers)) continue;
      for (const container of containers as Array<{ name?: string; image?: string }>) {
        if (typeof container.image !== 'string') continue;
        const current = parseImageReference(container.image, `${describeObject(object)} container ${container.name ?? '?'} has image`);
        const replacement = wanted.find((candidate) => sameImage(candidate, current));
        if (!replacement) continue;
        used.add(replacement.text);
        if (container.image === replacement.text) continue;
        changes.push({ object: `${object.kind}/${object.metadata.name}`, container: container.name ?? '?', from: container.image, to: replacement.text });
        container.image = replacement.text;
      }
    }
  }
  const unmatched = wanted.filter((image) => !used.has(image.text));
  if (unmatched.length > 0) {
    const present = [...new Set(objects.flatMap(containerImages))];
    throw new ConfigurationError(
      `Input "images": ${unmatched.map((image) => `"${image.text}"`).join(', ')} matches no container in the manifests ` +
        `(their images: ${present.join(', ') || 'none'})`,
    );
  }
  return { objects: updated, changes };
}
