import { describe, expect, it } from 'vitest';
import { uncoveredRules } from '../src/rbac-escalation.js';
import type { PolicyRule } from '../src/rbac.js';

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({
  verbs,
  apiGroups,
  resources,
  ...(resourceNames ? { resourceNames } : {}),
});

describe('which granted rules the granter does not hold (policy_comparator.go Covers)', () => {
  it.each([
    ['the same rule', [rule(['get', 'list'], ['apps'], ['deployments'])], [rule(['get'], ['apps'], ['deployments'])], []],
    ['a wildcard verb, group and resource', [rule(['*'], ['*'], ['*'])], [rule(['delete'], ['batch'], ['jobs', 'cronjobs'])], []],
    [
      'one verb more',
      [rule(['get'], ['apps'], ['deployments'])],
      [rule(['get', 'patch'], ['apps'], ['deployments'])],
      [rule(['patch'], ['apps'], ['deployments'])],
    ],
    ['a wildcard asked is not a list held', [rule(['get', 'list'], [''], ['pods'])], [rule(['*'], [''], ['pods'])], [rule(['*'], [''], ['pods'])]],
    ['a subresource through */scale', [rule(['patch'], ['apps'], ['*/scale'])], [rule(['patch'], ['apps'], ['deployments/scale'])], []],
    ['a resource is not its subresources', [rule(['get'], [''], ['pods'])], [rule(['get'], [''], ['pods/log'])], [rule(['get'], [''], ['pods/log'])]],
    ['a named rule under an unnamed one', [rule(['get'], [''], ['secrets'])], [rule(['get'], [''], ['secrets'], ['a'])], []],
    [
      'an unnamed rule is not held by a named one',
      [rule(['get'], [''], ['secrets'], ['a'])],
      [rule(['get'], [''], ['secrets'])],
      [rule(['get'], [''], ['secrets'])],
    ],
    ['another name', [rule(['get'], [''], ['secrets'], ['a'])], [rule(['get'], [''], ['secrets'], ['a', 'b'])], [rule(['get'], [''], ['secrets'], ['b'])]],
    [
      'non-resource URLs by prefix',
      [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }],
      [{ verbs: ['get'], nonResourceURLs: ['/apis/apps', '/metrics'] }],
      [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }],
    ],
  ] as [string, PolicyRule[], PolicyRule[], PolicyRule[]][])('%s', (_, owner, servant, missing) => {
    expect(uncoveredRules(owner, servant)).toEqual(missing);
  });
});
