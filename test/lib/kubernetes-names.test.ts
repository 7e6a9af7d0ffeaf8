import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../actions/lib/errors.js';
import { input, parseInputs } from '../../actions/lib/inputs.js';
import { checkObjectName, isObjectName, selectorProblem } from '../../actions/lib/kubernetes/names.js';

describe('Kubernetes object names', () => {
  it.each([
    ['Deployment', 'inventory-service'],
    ['Deployment', 'inventory.service-v2'],
    ['Deployment', 'a'.repeat(253)],
    ['Namespace', 'shop'],
    ['Namespace', '0-prod'],
    ['Namespace', 'a'.repeat(63)],
    ['Service', 'inventory-service'],
  ] as const)('%s %s is a name', (kind, name) => {
    expect(isObjectName(kind, name)).toBe(true);
  });

  it.each([
    ['Deployment', '--selector=app!=x'],
    ['Deployment', '--all'],
    ['Deployment', '-n'],
    ['Deployment', 'a b'],
    ['Deployment', 'web/other'],
    ['Deployment', '..'],
    ['Deployment', 'Web'],
    ['Deployment', 'web-'],
    ['Deployment', 'web..v2'],
    ['Deployment', 'a'.repeat(254)],
    ['Deployment', ''],
    ['Deployment', 'web\u0000--all'],
    ['Namespace', 'shop.prod'],
    ['Namespace', 'a'.repeat(64)],
    ['Service', '1-inventory'],
  ] as const)('%s %j is not a name', (kind, name) => {
    expect(isObjectName(kind, name)).toBe(false);
  });

  it('says where a bad name came from and what was expected', () => {
    expect(() => checkObjectName('Deployment', '--all', 'deploy.yaml (document 1)')).toThrow(
      new ConfigurationError(
        'deploy.yaml (document 1) has Deployment name "--all": expected a Kubernetes Deployment name (lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters)',
      ),
    );
  });

  it('checks a megabyte in linear time (length first)', () => {
    expect(isObjectName('Deployment', 'a'.repeat(1024 * 1024))).toBe(false);
  });
});

describe('Kubernetes label selectors', () => {
  it.each([
    'app=inventory',
    'app.kubernetes.io/name=inventory-service,track=canary',
    'app == inventory , track != stable',
    'track in (canary, baseline)',
    'track notin (stable),app',
    '!track',
    'tier=',
    'example.com/Team_Name=Blue.2',
  ])('%j is a selector', (selector) => {
    expect(selectorProblem(selector)).toBeUndefined();
  });

  it.each<[string, string]>([
    ['--selector=app!=x', 'requirement "--selector=app!=x" is not key=value'],
    ['--all', 'has key "--all"'],
    ['-n kube-system', 'requirement "-n kube-system" is not key=value'],
    ['a b', 'requirement "a b" is not key=value'],
    ['$(id)', 'requirement "$(id)" is not key=value'],
    ['app=web,', 'requirement "" is empty'],
    ['app=web x', 'requirement "app=web x" is not key=value'],
    ['app=web/x', 'has value "web/x", which is not a label value'],
    ['app=' + 'v'.repeat(64), 'which is not a label value (at most 63 characters)'],
    ['track in ()', 'has an empty value in its set'],
    ['track in (a b)', 'has value "a b"'],
    ['Bad_Prefix/app=x', 'has key prefix "Bad_Prefix"'],
    ['', 'at least one requirement'],
    ['a=b,'.repeat(2000), 'at most 4096 characters'],
  ])('%j is refused: %s', (selector, problem) => {
    expect(selectorProblem(selector)).toContain(problem);
  });
});

describe('input builders for Kubernetes names', () => {
  const shape = {
    namespace: input.namespace().optional(),
    deployment: input.kubernetesName('Deployment'),
    'canary-selector': input.labelSelector(),
  };

  it('returns the valid values as given', () => {
    const read = (name: string) => ({ namespace: 'shop', deployment: 'inventory-service', 'canary-selector': 'app=inventory,track=canary' })[name] ?? '';
    expect(parseInputs(shape, { read })).toEqual({ namespace: 'shop', deployment: 'inventory-service', 'canary-selector': 'app=inventory,track=canary' });
  });

  it('names each input, its value and the expected syntax', () => {
    const read = (name: string) => ({ namespace: '-n kube-system', deployment: '--selector=app!=x', 'canary-selector': 'app=web,--all' })[name] ?? '';
    let message = '';
    try {
      parseInputs(shape, { read });
    } catch (error: unknown) {
      message = (error as Error).message;
    }
    expect(message).toContain('Input "namespace" has value "-n kube-system": expected a Kubernetes Namespace name (lower-case letters, digits and "-"');
    expect(message).toContain('Input "deployment" has value "--selector=app!=x": expected a Kubernetes Deployment name');
    expect(message).toContain('Input "canary-selector" has value "app=web,--all": expected a Kubernetes label selector such as app=inventory,track=canary');
    expect(message).toContain('requirement "--all" has key "--all", which is not a label key');
  });
});
