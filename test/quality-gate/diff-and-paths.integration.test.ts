import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../actions/quality-gate/src/diff.js';
import { CHANGE, makeRepository } from './helpers.js';

describe('the unified diff parser, on a real git diff', () => {
  it('gives the added and modified lines per new path; deletions and deleted files do not count; renames follow the new path', async () => {
    const { dir, baseSha } = await makeRepository();
    const diff = execFileSync('git', ['diff', '--unified=0', '--find-renames', `${baseSha}...HEAD`], { cwd: dir, encoding: 'utf8' });
    const files = parseUnifiedDiff(diff);
    const byPath = Object.fromEntries(files.map((file) => [file.path, file.addedLines]));
    expect(byPath).toEqual(Object.fromEntries(Object.entries(CHANGE).map(([path, file]) => [path, [...file.changedLines]])));
    expect(files.find((file) => file.path === 'src/new-name.ts')?.previousPath).toBe('src/old-name.ts');
  });
});
