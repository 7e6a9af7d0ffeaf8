import { ConfigurationError } from '../../lib/index.js';

export interface Revision {
  number: number;
  failed: boolean;
  images: string[];
}

export interface RollbackTarget {
  target: Revision;
  /** Newer revisions passed over because k8s-deploy marked them failed. */
  skipped: Revision[];
}

/**
 * The revision to return to: the named one, or the most recent one before the current that
 * did not fail (after an automatic rollback the previous revision is the failed release).
 */
export function chooseRollbackTarget(revisions: readonly Revision[], current: number, requested: number | undefined): RollbackTarget {
  const known = [...revisions].sort((a, b) => b.number - a.number);
  const list = known.map((revision) => `${revision.number}${revision.failed ? ' (failed)' : ''}${revision.number === current ? ' (current)' : ''}`).join(', ');
  if (requested !== undefined) {
    const target = known.find((revision) => revision.number === requested);
    if (!target) throw new ConfigurationError(`Input "to-revision" has value "${requested}": no such revision; the revisions there are ${list || 'none'}`);
    if (target.number === current) throw new ConfigurationError(`Input "to-revision" has value "${requested}": that revision is already serving`);
    return { target, skipped: [] };
  }
  const older = known.filter((revision) => revision.number < current);
  const target = older.find((revision) => !revision.failed);
  if (!target) {
    throw new ConfigurationError(`There is no earlier revision that deployed successfully to roll back to; the revisions there are ${list || 'none'}`);
  }
  return { target, skipped: older.filter((revision) => revision.failed && revision.number > target.number) };
}
