import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../actions/lib/errors.js';
import { input, parseInputs } from '../../actions/lib/inputs.js';

function reading(values: Record<string, string>) {
  return (name: string) => values[name] ?? '';
}

describe('input schema builders', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['5m', 300],
    ['1h30m', 5400],
    ['2h', 7200],
  ])('duration %s is %i seconds', (text, seconds) => {
    expect(input.duration().parse(text)).toBe(seconds);
  });

  it.each(['5x', 'm', '0s', '-3', '1.5m', ''])('duration %j is rejected', (text) => {
    expect(input.duration().safeParse(text).success).toBe(false);
  });

  it.each([
    ['true', true],
    ['True', true],
    ['FALSE', false],
  ])('boolean %s is %s', (text, value) => {
    expect(input.boolean().parse(text)).toBe(value);
  });

  it.each(['yes', '1', 'on', 'tru'])('boolean %s is an error, not a silent false', (text) => {
    expect(input.boolean().safeParse(text).success).toBe(false);
  });

  it('splits lists on newlines and commas and drops blanks', () => {
    expect(input.list().parse('a.yml, b.yml\n\n c/ \n')).toEqual(['a.yml', 'b.yml', 'c/']);
  });

  it('checks number ranges and whole numbers', () => {
    expect(input.number({ min: 0, max: 100 }).parse('80.5')).toBe(80.5);
    expect(input.number({ min: 0, max: 100 }).safeParse('101').success).toBe(false);
    expect(input.integer().safeParse('2.5').success).toBe(false);
    expect(input.integer().safeParse('12abc').success).toBe(false);
  });
});

describe('parseInputs', () => {
  const shape = {
    strategy: input.oneOf(['rolling', 'canary']).default('rolling'),
    timeout: input.duration().default(300),
    manifests: input.list(),
    token: input.text().optional(),
  };

  it('returns typed values with defaults for unset inputs', () => {
    expect(parseInputs(shape, { read: reading({ manifests: 'k8s/' }) })).toEqual({
      strategy: 'rolling',
      timeout: 300,
      manifests: ['k8s/'],
      token: undefined,
    });
  });

  it('names every bad input, its value and what was expected, in one error', () => {
    const parse = () => parseInputs(shape, { read: reading({ strategy: 'bluegreen', timeout: '5x', manifests: 'k8s/' }) });
    expect(parse).toThrow(ConfigurationError);
    expect(parse).toThrow(
      'Input "strategy" has value "bluegreen": expected one of rolling, canary. ' +
        'Input "timeout" has value "5x": expected a duration such as 90s, 5m or 1h30m.',
    );
  });

  it('says when a required input is missing', () => {
    expect(() => parseInputs(shape, { read: reading({}) })).toThrow(
      'Input "manifests" is required but was not set: expected a newline or comma separated list.',
    );
  });

  it('never echoes the value of a secret input', () => {
    const strict = { token: input.oneOf(['a', 'b']) };
    expect(() => parseInputs(strict, { secret: ['token'], read: reading({ token: 'hunter2-secret' }) })).toThrow(
      'Input "token" has value (value hidden): expected one of a, b.',
    );
  });
});

describe('input.path and input.globs', () => {
  const path = input.path('a report path');
  const globs = input.globs('report globs');

  it.each(['coverage/lcov.info', '/tmp/reports/junit.xml', 'ünïcode/名前.xml', `${'a'.repeat(255)}/b`])('accepts %j', (value) => {
    expect(path.safeParse(value).success).toBe(true);
    expect(globs.safeParse(`${value}, other/**/*.xml`).success).toBe(true);
  });

  it.each([
    ['a name longer than the file system allows (400 digits)', `reports/${'9'.repeat(400)}`],
    ['a name of 128 two-byte characters (256 bytes)', 'é'.repeat(128)],
    ['more than 4096 characters', 'a/'.repeat(2049)],
    ['a NUL', 'lcov.info\u0000.txt'],
    ['an escape character', 'lcov\u001b[31m.info'],
  ])('refuses %s', (_label, value) => {
    const result = path.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('a report path (at most 4096 characters, each name at most 255 bytes, no control characters)');
    expect(globs.safeParse(`ok.xml,${value}`).success).toBe(false);
  });
});
