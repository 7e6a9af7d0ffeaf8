import { describe, expect, it } from 'vitest';
import { input, parseInputs } from '../../actions/lib/inputs.js';
import { HOSTILE_VALUES } from '../harness/hostile.js';

const PASSWORD = 'hunter2-planted';

function problemWith(value: string): string {
  try {
    parseInputs({ 'prometheus-url': input.url() }, { read: () => value });
  } catch (error: unknown) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('input.url()', () => {
  it.each(['http://prometheus:9090', 'https://prometheus.example.com/prom/', 'http://127.0.0.1:9', 'http://[::1]:9090/'])('accepts %s', (value) => {
    expect(problemWith(value)).toBe('accepted');
  });

  it.each([
    [`https://user:${PASSWORD}@prometheus.example.com`, 'without a user name or password in it'],
    [`https://${PASSWORD}@prometheus.example.com`, 'without a user name or password in it'],
    [`https://user:${PASSWORD}@prometheus.example.com/${'a'.repeat(100)}`, 'without a user name or password in it'],
    ['ftp://prometheus.example.com/', 'expected an http or https URL (not ftp:)'],
    ['file:///etc/passwd', 'expected an http or https URL'],
    ['javascript:alert(1)', 'expected an http or https URL'],
    ['prometheus:9090', 'expected an http or https URL'],
    ['http://prome theus:9090', 'without spaces, newlines or control characters'],
    ['http://prometheus:9090/\nkind: Secret', 'without spaces, newlines or control characters'],
    ['http://prometheus:9090/\tx', 'without spaces, newlines or control characters'],
    [`http://prometheus/${'a'.repeat(1024 * 1024)}`, 'of at most 2048 characters'],
  ])('refuses %j, naming the input, never echoing the password', (value, expected) => {
    const message = problemWith(value);
    expect(message).toContain('Input "prometheus-url" has value "');
    expect(message).toContain(expected);
    expect(message).not.toContain(PASSWORD);
    expect(message.length).toBeLessThan(400);
  });

  it.each(HOSTILE_VALUES.map((hostile) => [hostile.label, hostile.value] as const))('refuses the hostile value %s', (_label, value) => {
    expect(problemWith(value)).toMatch(/^Input "prometheus-url" has value "[^\n]*": expected an http or https URL/);
  });
});

describe('numbers and durations that are not finite, or too long', () => {
  it.each(['1', '-2.5', '0.98', '.5', '3.', '100'])('%s is still a number', (text) => {
    expect(input.number().safeParse(text).success).toBe(true);
  });

  it.each([
    ['a number of 400 digits', input.number({ min: 0 }), '9'.repeat(400)],
    ['a whole number of 400 digits', input.integer({ min: 0 }), '9'.repeat(400)],
    ['a duration of 400 digits', input.duration(), '9'.repeat(400)],
    ['a duration of more than a week', input.duration(), '200h'],
    // The old number pattern took quadratic time on this: about a minute for these 100 KB.
    ['100 KB of digits and a letter', input.number(), `${'9'.repeat(100_000)}x`],
    ['100 KB of digits and a letter (duration)', input.duration(), `${'9'.repeat(100_000)}x`],
  ])('refuses %s', (_label, schema, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });
});
