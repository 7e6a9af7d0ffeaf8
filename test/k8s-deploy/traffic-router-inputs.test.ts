import { describe, expect, it } from 'vitest';
import { deploySecretInputs } from '../../actions/lib/deploy/inputs.js';
import { k8sDeployInputs } from '../../actions/k8s-deploy/src/inputs.js';
import { ConfigurationError, parseInputs } from '../../actions/lib/index.js';

const parse = (given: Record<string, string>) =>
  parseInputs(k8sDeployInputs, { read: (name) => ({ manifests: 'k8s', ...given })[name] ?? '', secret: deploySecretInputs });

describe('the traffic-router inputs of k8s-deploy', () => {
  it('default to replica routing with no surge bound of their own and no route', () => {
    const inputs = parse({});
    expect(inputs['traffic-router']).toBe('replicas');
    expect(inputs['max-surge-replicas']).toBeUndefined();
    expect(inputs['http-route']).toBeUndefined();
    expect(inputs['canary-header']).toBeUndefined();
  });

  it.each([
    ['x-canary', { name: 'x-canary' }],
    ['X-Canary:always', { name: 'X-Canary', value: 'always' }],
    ['x-canary :  testers of build 42 ', { name: 'x-canary', value: 'testers of build 42' }],
    ['x-canary: a:b', { name: 'x-canary', value: 'a:b' }],
    [`${'h'.repeat(256)}: ${'v'.repeat(4096)}`, { name: 'h'.repeat(256), value: 'v'.repeat(4096) }],
  ])('canary-header %j is the header %j', (given, header) => {
    expect(parse({ 'canary-header': given })['canary-header']).toEqual(header);
  });

  it.each([
    ['a space in the name', '-n kube-system'],
    ['a flag with a value', '--selector=app!=x'],
    ['a shell substitution', '$(id)'],
    ['a path', '../../etc/passwd'],
    ['HTML', '<img src=x onerror=alert(1)>'],
    ['a mention', '@org/team'],
    ['a newline in the name', 'web\nkind: Secret'],
    ['a newline in the value', 'x-canary: a\nb'],
    ['a NUL byte', 'x-canary\u0000--all'],
    ['a control character in the value', 'x-canary: a\u0007'],
    ['a non-ASCII value', 'x-canary: caf\u00e9'],
    ['replacement characters', 'web\uFFFD\uFFFD'],
    ['an empty name', ': always'],
    ['an empty value', 'x-canary:'],
    ['a pseudo-header', ':authority: evil'],
    ['a name of 257 characters', 'h'.repeat(257)],
    ['a value of 4097 characters', `x-canary: ${'v'.repeat(4097)}`],
    ['100 KB of digits, then a space', `${'9'.repeat(100_000)} x`],
    ['1 MB of -eyJ', '-eyJ'.repeat(262_144)],
  ])('canary-header with %s: an input error naming the input and what was expected', (_, value) => {
    expect(() => parse({ 'canary-header': value })).toThrow(ConfigurationError);
    expect(() => parse({ 'canary-header': value })).toThrow(/Input "canary-header" has value .*expected a header name \(an RFC 9110 token/);
  });

  it.each([
    ['max-surge-replicas', 'NaN'],
    ['max-surge-replicas', 'Infinity'],
    ['max-surge-replicas', '1e400'],
    ['max-surge-replicas', '-1'],
    ['max-surge-replicas', '1'],
    ['max-surge-replicas', '1001'],
    ['max-surge-replicas', '2.5'],
    ['max-surge-replicas', '0x10'],
    ['traffic-router', 'istio'],
    ['traffic-router', '--all'],
    ['traffic-router', '<img src=x onerror=alert(1)>'],
    ['http-route', '--all'],
    ['http-route', '-n kube-system'],
    ['http-route', '../../etc/passwd'],
    ['http-route', 'Route_With_Capitals'],
    ['http-route', '-eyJ'.repeat(262_144)],
  ])('%s = %j: an input error that names the input', (name, value) => {
    expect(() => parse({ [name]: value })).toThrow(ConfigurationError);
    expect(() => parse({ [name]: value })).toThrow(`Input "${name}" has value`);
  });
});
