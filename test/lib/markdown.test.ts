import { describe, expect, test } from 'vitest';
import { codeBlock, codeSpan, escapeHtml, escapeMarkdown } from '../../actions/lib/markdown.js';

describe('escapeHtml', () => {
  test.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a & "b" \'c\'', 'a &amp; "b" \'c\''],
    ['ping @org/team and @user', 'ping @\u200Borg/team and @\u200Buser'],
    ['two\nlines', 'two lines'],
    ['mail@example.com', 'mail@\u200Bexample.com'],
  ])('%j → %j', (text, expected) => {
    expect(escapeHtml(text)).toBe(expected);
  });
});

describe('escapeMarkdown', () => {
  test.each([
    ['[click](https://evil.example)', '\\[click\\]\\(https://evil.example\\)'],
    ['![x](https://evil.example/x.png)', '\\!\\[x\\]\\(https://evil.example/x.png\\)'],
    ['a | b', 'a \\| b'],
    ['# heading', '\\# heading'],
    ['`code` *bold* _it_ ~~del~~', '\\`code\\` \\*bold\\* \\_it\\_ \\~\\~del\\~\\~'],
    ['<b>x</b>', '&lt;b&gt;x&lt;/b&gt;'],
    ['@org/team', '@\u200Borg/team'],
    ['back\\slash', 'back\\\\slash'],
    ['src/a-b.ts:12', 'src/a-b.ts:12'],
  ])('%j → %j', (text, expected) => {
    expect(escapeMarkdown(text)).toBe(expected);
  });
});

describe('codeSpan', () => {
  test.each([
    ['plain', '`plain`'],
    ['has ` one', '``has ` one``'],
    ['``two``', '``` ``two`` ```'],
    ['multi\nline', '`multi line`'],
  ])('%j → %j', (text, expected) => {
    expect(codeSpan(text)).toBe(expected);
  });
});

describe('codeBlock', () => {
  test('a fence inside the text cannot close the block', () => {
    const block = codeBlock('before\n```\n<img src=x>\n```\nafter');
    expect(block.startsWith('````\n')).toBe(true);
    expect(block.endsWith('\n````')).toBe(true);
  });
  test('plain text gets a three-backtick fence with the language', () => {
    expect(codeBlock('x = 1\n', 'yaml')).toBe('```yaml\nx = 1\n```');
  });
});
