/** One file of a diff, under its new path (a renamed file follows its new name). */
export interface ChangedFile {
  path: string;
  /** Set when git saw a rename or copy. */
  previousPath?: string;
  /** Added and modified lines of the new file that hold more than whitespace, ascending. */
  addedLines: number[];
}

/**
 * Reads `git diff --unified=0` output: for each file still present after the change, the
 * line numbers on the new side of `+` lines. Deleted files and `-` lines do not count, and
 * neither do binary files (nothing to cover). The format is small enough to read by hand.
 */
export function parseUnifiedDiff(diff: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  let current: ChangedFile | undefined;
  let nextLine = 0;
  let renamedFrom: string | undefined;
  // Header lines ("+++ b/x") are told from content lines ("+++x" adding "++x") by position.
  let inHeader = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      renamedFrom = undefined;
      inHeader = true;
    } else if (inHeader && (line.startsWith('rename from ') || line.startsWith('copy from '))) {
      renamedFrom = unquote(line.slice(line.indexOf(' from ') + 6));
    } else if (inHeader && line.startsWith('+++ ')) {
      const target = line.slice(4);
      if (target === '/dev/null') continue;
      current = { path: stripPrefix(unquote(target)), addedLines: [] };
      if (renamedFrom !== undefined) current.previousPath = renamedFrom;
      files.push(current);
    } else if (line.startsWith('@@')) {
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      if (!hunk) throw new Error(`Unexpected hunk header in git diff: ${line}`);
      nextLine = Number(hunk[1]);
      inHeader = false;
    } else if (current && line.startsWith('+')) {
      if (line.slice(1).trim() !== '') current.addedLines.push(nextLine);
      nextLine += 1;
    } else if (current && line.startsWith(' ')) {
      nextLine += 1;
    }
  }
  return files;
}

function stripPrefix(path: string): string {
  return path.startsWith('b/') ? path.slice(2) : path;
}

/** git quotes paths with unusual characters as C strings: "a\tb" or octal UTF-8 bytes "caf\303\251". */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let index = 0; index < body.length; index++) {
    const char = body[index] ?? '';
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[index + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(index + 1, index + 4), 8));
      index += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
