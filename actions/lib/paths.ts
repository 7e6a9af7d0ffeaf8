import { isAbsolute, relative, sep } from 'node:path';

/** True when `path` is `root` or lies under it (both absolute and resolved): how every action keeps a path input inside the workspace. */
export function isWithin(path: string, root: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot === '' || (!fromRoot.startsWith(`..${sep}`) && fromRoot !== '..' && !isAbsolute(fromRoot));
}
