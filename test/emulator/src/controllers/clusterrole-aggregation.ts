import { isDeepStrictEqual } from 'node:util';
import { RBAC_TYPES, type PolicyRule } from '../rbac.js';
import { labelsMatch, requirementsOf, type LabelSelectorSpec } from '../selectors.js';
import type { KubeObject, Store } from '../store.js';
import { WorkQueue } from './work-queue.js';

/** A rule as Go's semantic equality sees it: an empty list and a missing one are the same. */
function normalised(rule: PolicyRule): PolicyRule {
  const result: PolicyRule = {};
  for (const field of ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) {
    const values = rule[field];
    if (values && values.length > 0) result[field] = values;
  }
  return result;
}

/**
 * ClusterRole aggregation (pkg/controller/clusterroleaggregation): a ClusterRole with an
 * `aggregationRule` gets, as its `rules`, the rules of every other ClusterRole its
 * `clusterRoleSelectors` match, selector by selector and role by role in name order, each rule
 * once; whatever a client wrote in its `rules` is overwritten. Any ClusterRole change resyncs
 * every aggregated role, so chains (view → edit → admin) settle.
 */
export class ClusterRoleAggregationController {
  private readonly queue = new WorkQueue('clusterrole-aggregation', (key) => this.sync(key));
  private readonly unsubscribe: () => void;

  constructor(private readonly store: Store) {
    this.unsubscribe = store.subscribe((event) => {
      if (event.resourceType === RBAC_TYPES.clusterroles) this.enqueueAggregated();
    });
    this.enqueueAggregated();
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private enqueueAggregated(): void {
    for (const role of this.store.list(RBAC_TYPES.clusterroles)) if (role.aggregationRule) this.queue.add(role.metadata.name);
  }

  private sync(name: string): void {
    const role = this.store.get(RBAC_TYPES.clusterroles, undefined, name);
    const selectors = (role?.aggregationRule as { clusterRoleSelectors?: LabelSelectorSpec[] } | undefined)?.clusterRoleSelectors;
    if (!role || !selectors) return;
    const rules: PolicyRule[] = [];
    const all = this.store.list(RBAC_TYPES.clusterroles).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    for (const selector of selectors) {
      const requirements = requirementsOf(selector);
      for (const source of all) {
        if (source.metadata.name === name || !labelsMatch(source.metadata.labels, requirements)) continue;
        for (const candidate of ((source.rules ?? []) as PolicyRule[]).map(normalised)) {
          if (!rules.some((existing) => isDeepStrictEqual(existing, candidate))) rules.push(candidate);
        }
      }
    }
    if (isDeepStrictEqual(rules, ((role.rules ?? []) as PolicyRule[]).map(normalised))) return;
    this.store.mutate(RBAC_TYPES.clusterroles, undefined, name, (object: KubeObject) => {
      object.rules = rules;
    });
  }
}
