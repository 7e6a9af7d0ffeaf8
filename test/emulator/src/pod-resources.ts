import type { ContainerSpec, PodSpec } from './pod-spec.js';
import { parseQuantity } from './quantities.js';
import type { KubeObject } from './store.js';

export type ResourceList = Record<string, number>;

function containerRequests(container: ContainerSpec): ResourceList {
  const resources = (container.resources ?? {}) as { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  const list: ResourceList = {};
  // The API server defaults a missing request to the limit (pkg/apis/core/v1/defaults.go).
  for (const [name, value] of Object.entries({ ...(resources.limits ?? {}), ...(resources.requests ?? {}) })) {
    const quantity = parseQuantity(value);
    if (quantity !== undefined) list[name] = quantity;
  }
  return list;
}

/**
 * What a pod asks of a node: the larger of its app containers' sum and its largest init container
 * (init containers run one at a time, before the app), per resource, as the scheduler's
 * NodeResourcesFit plugin computes it (k8s.io/component-helpers/resource/helpers.go PodRequests).
 */
export function podRequests(spec: PodSpec | undefined): ResourceList {
  const total: ResourceList = {};
  for (const container of spec?.containers ?? []) {
    for (const [name, value] of Object.entries(containerRequests(container))) total[name] = (total[name] ?? 0) + value;
  }
  for (const container of spec?.initContainers ?? []) {
    for (const [name, value] of Object.entries(containerRequests(container))) total[name] = Math.max(total[name] ?? 0, value);
  }
  return total;
}

/** A pod that holds its node's resources: not finished (a terminating pod holds them until it is gone). */
export function holdsResources(pod: KubeObject): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}
