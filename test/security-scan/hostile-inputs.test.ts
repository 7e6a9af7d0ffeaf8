import { describe, expect, it } from 'vitest';
import { isRevisionRange } from '../../actions/lib/git.js';
import { parseInputs } from '../../actions/lib/inputs.js';
import { securityScanInputs } from '../../actions/security-scan/src/inputs.js';
import { HOSTILE_VALUES } from '../harness/hostile.js';

const INPUTS = Object.keys(securityScanInputs);

describe('security-scan inputs given values the runner cannot pass (NUL), through parseInputs', () => {
  for (const input of INPUTS) {
    for (const hostile of HOSTILE_VALUES.filter((candidate) => !candidate.environmentSafe)) {
      it(`${input}: ${hostile.label}`, () => {
        const read = (name: string) => (name === input ? hostile.value : '');
        expect(() => parseInputs(securityScanInputs, { read })).toThrow(new RegExp(`Input "${input}"`));
      });
    }
  }
});

describe('history: what a revision range is', () => {
  it.each([
    'origin/main..HEAD',
    'HEAD~5..HEAD',
    'main...feature/x',
    'v1.2.0',
    '8aad20d150bbac5944a9f9d289da16a4b0d87c1e',
    'HEAD@{1}..HEAD',
    '@{upstream}..HEAD',
    'HEAD^2',
  ])('%s is a range', (value) => expect(isRevisionRange(value)).toBe(true));
  it.each([
    '--all',
    '-p',
    '--output=/tmp/x',
    '..',
    '../../etc/passwd',
    'a..b..c',
    'a....b',
    'a b',
    '$(id)',
    'HEAD\n--all',
    '',
    'main..',
    '..main',
    `a${'b'.repeat(300)}`,
  ])('%j is not', (value) => expect(isRevisionRange(value)).toBe(false));
});
