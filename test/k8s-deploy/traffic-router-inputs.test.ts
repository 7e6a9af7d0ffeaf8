import { describe, expect, it } from 'vitest';
import { k8sDeployInputs, k8sDeploySecretInputs } from '../../actions/k8s-deploy/src/inputs.js';
import { ConfigurationError, parseInputs } from '../../actions/lib/index.js';

const parse = (given: Record<string, string>) =>
  parseInputs(k8sDeployInputs, { read: (name) => ({ manifests: 'k8s', ...given })[name] ?? '', secret: k8sDeploySecretInputs });

describe('the traffic-router inputs of k8s-deploy', () => {
  it('default to replica routing with no surge bound of their own and no route', () => {
    const inputs = parse({});
    expect(inputs['traffic-router']).toBe('replicas');
    expect(inputs['max-surge-replicas']).toBeUndefined();
    expect(inputs['http-route']).toBeUndefined();
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
