import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { alreadyExists, ApiError, notFound, staleResourceVersion } from './errors.js';
import { RESOURCE_TYPES, TYPES, type ResourceType } from './resources.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
}

/** Any stored object. `spec`/`status` stay loosely typed: each kind has its own shape and controllers narrow them. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  status?: any;
  [field: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resourceType: ResourceType;
  object: KubeObject;
  /** The object before a MODIFIED/DELETED change, to tell watchers with selectors when an object leaves their view. */
  previous?: KubeObject;
  resourceVersion: number;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  dryRun?: boolean;
}

const HISTORY_LIMIT = 5000;

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/**
 * The finalizers a delete leaves on an object, as deletionFinalizersForGarbageCollection
 * (apiserver registry/generic/registry/store.go): Foreground and Orphan become the garbage
 * collector's finalizer (one excludes the other), Background drops both, no policy keeps them.
 */
function deletionFinalizers(finalizers: readonly string[], policy: DeleteOptions['propagationPolicy']): string[] {
  const others = finalizers.filter((finalizer) => finalizer !== FOREGROUND_FINALIZER && finalizer !== ORPHAN_FINALIZER);
  switch (policy) {
    case 'Foreground':
      return [...others, FOREGROUND_FINALIZER];
    case 'Orphan':
      return [...others, ORPHAN_FINALIZER];
    case 'Background':
      return others;
    default:
      return [...finalizers];
  }
}

export function typeKey(type: ResourceType): string {
  return `${type.group}/${type.resource}`;
}

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Fields that change the object's desired state: everything except metadata and status. */
function desiredState(object: KubeObject): Record<string, unknown> {
  const { metadata: _metadata, status: _status, ...rest } = object;
  return rest;
}

/**
 * The object database: every write gets a new resourceVersion, spec changes bump
 * metadata.generation, and every change is fanned out to subscribers and kept in a
 * bounded history so a watch can resume from a list's resourceVersion.
 */
export class Store {
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private revision = 1000;
  private readonly pendingEvents: StoreEvent[] = [];
  private dispatching = false;

  get resourceVersion(): number {
    return this.revision;
  }

  /** The oldest resourceVersion a watch can resume after without a 410. */
  get oldestResumableVersion(): number {
    return this.history[0] ? this.history[0].resourceVersion - 1 : this.revision;
  }

  eventsAfter(resourceVersion: number): StoreEvent[] {
    return this.history.filter((event) => event.resourceVersion > resourceVersion);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.bucket(type).get(objectKey(type.namespaced ? namespace : undefined, name));
    return found ? structuredClone(found) : undefined;
  }

  mustGet(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const found = this.get(type, namespace, name);
    if (!found) throw notFound(type.resource, type.group, name);
    return found;
  }

  list(type: ResourceType, namespace?: string): KubeObject[] {
    const items: KubeObject[] = [];
    for (const object of this.bucket(type).values()) {
      if (namespace === undefined || object.metadata.namespace === namespace) items.push(structuredClone(object));
    }
    return items.sort((a, b) => objectKey(a.metadata.namespace, a.metadata.name).localeCompare(objectKey(b.metadata.namespace, b.metadata.name)));
  }

  create(type: ResourceType, input: KubeObject, options: { dryRun?: boolean } = {}): KubeObject {
    const object = structuredClone(input);
    const metadata = object.metadata;
    if (!metadata.name && metadata.generateName) metadata.name = metadata.generateName + randomSuffix();
    if (!metadata.name) throw new ApiError(422, 'Invalid', `${type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
    if (type.namespaced) {
      metadata.namespace = metadata.namespace || 'default';
      this.assertNamespaceWritable(metadata.namespace);
    } else {
      delete metadata.namespace;
    }
    const key = objectKey(metadata.namespace, metadata.name);
    if (this.bucket(type).has(key)) throw alreadyExists(type.resource, type.group, metadata.name);
    metadata.uid ??= randomUUID();
    metadata.creationTimestamp = now();
    metadata.generation = 1;
    delete metadata.deletionTimestamp;
    if (options.dryRun) return object;
    return this.commit('ADDED', type, object, undefined);
  }

  /**
   * Replaces an object. A resourceVersion in the input must match the stored one (optimistic
   * concurrency); without one the write is unconditional, as for a real server's PUT.
   */
  update(type: ResourceType, input: KubeObject, options: { dryRun?: boolean } = {}): KubeObject {
    const object = structuredClone(input);
    const namespace = type.namespaced ? object.metadata.namespace || 'default' : undefined;
    const key = objectKey(namespace, object.metadata.name);
    const current = this.bucket(type).get(key);
    if (!current) throw notFound(type.resource, type.group, object.metadata.name);
    const requested = object.metadata.resourceVersion;
    if (requested && requested !== current.metadata.resourceVersion) throw staleResourceVersion(type.resource, type.group, object.metadata.name);
    object.metadata.namespace = namespace;
    if (!type.namespaced) delete object.metadata.namespace;
    object.metadata.uid = current.metadata.uid;
    object.metadata.creationTimestamp = current.metadata.creationTimestamp;
    // deletionTimestamp is set only through delete(); an update cannot clear it.
    if (current.metadata.deletionTimestamp) {
      object.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
      object.metadata.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
    }
    object.metadata.generation = current.metadata.generation ?? 1;
    if (!isDeepStrictEqual(desiredState(object), desiredState(current))) object.metadata.generation += 1;
    object.metadata.resourceVersion = current.metadata.resourceVersion;
    if (isDeepStrictEqual(object, current)) return structuredClone(current);
    if (options.dryRun) return object;
    const updated = this.commit('MODIFIED', type, object, current);
    // registry/generic/registry/store.go shouldDeleteDuringUpdate: an object being deleted goes once its
    // last finalizer is removed, unless a graceful deletion is under way (a pod whose kubelet has not
    // stopped it yet: the kubelet's final delete removes it). A namespace goes when it is empty.
    const graceful = (current.metadata.deletionGracePeriodSeconds ?? 0) > 0;
    if (updated.metadata.deletionTimestamp && !updated.metadata.finalizers?.length && !graceful && type !== TYPES.namespaces) {
      this.remove(type, updated.metadata.namespace, updated.metadata.name);
    }
    return updated;
  }

  /** Reads the latest object, applies `change` and writes it back; returns undefined when the object is gone. */
  mutate(type: ResourceType, namespace: string | undefined, name: string, change: (object: KubeObject) => void): KubeObject | undefined {
    const current = this.get(type, namespace, name);
    if (!current) return undefined;
    change(current);
    return this.update(type, current);
  }

  /**
   * Deletes an object. Pods that run on a node are deleted gracefully (registry/core/pod/strategy.go
   * CheckGracefulDeletion): they get a deletionTimestamp `grace` seconds ahead and the kubelet deletes
   * them again with grace 0 once their processes are gone; a second delete may only shorten the grace.
   * Finalizers hold an object (a pod too) with its deletionTimestamp until they are removed.
   */
  delete(type: ResourceType, namespace: string | undefined, name: string, options: DeleteOptions = {}): KubeObject {
    const current = this.mustGet(type, namespace, name);
    if (options.dryRun) return current;
    const previous = this.bucket(type).get(objectKey(current.metadata.namespace, name));
    const finalizers = deletionFinalizers(current.metadata.finalizers ?? [], options.propagationPolicy);
    const sameFinalizers = isDeepStrictEqual(finalizers, current.metadata.finalizers ?? []);
    if (type === TYPES.pods && current.spec?.nodeName && options.gracePeriodSeconds !== 0) {
      const grace = Math.max(0, options.gracePeriodSeconds ?? current.spec.terminationGracePeriodSeconds ?? 30);
      const pending = current.metadata.deletionGracePeriodSeconds;
      if (current.metadata.deletionTimestamp && sameFinalizers && pending !== undefined && pending <= grace) return current;
      if (!current.metadata.deletionTimestamp || pending === undefined || grace < pending) {
        current.metadata.deletionTimestamp = new Date(Date.now() + grace * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
        current.metadata.deletionGracePeriodSeconds = grace;
      }
      if (finalizers.length > 0) current.metadata.finalizers = finalizers;
      else delete current.metadata.finalizers;
      return this.commit('MODIFIED', type, current, previous);
    }
    if (type === TYPES.namespaces) return this.deleteNamespace(current);
    if (finalizers.length > 0) {
      if (current.metadata.deletionTimestamp && sameFinalizers && current.metadata.deletionGracePeriodSeconds === 0) return current;
      current.metadata.finalizers = finalizers;
      // A shortened grace period moves the deletionTimestamp (rest.BeforeDelete).
      if (!current.metadata.deletionTimestamp || (current.metadata.deletionGracePeriodSeconds ?? 0) > 0) current.metadata.deletionTimestamp = now();
      current.metadata.deletionGracePeriodSeconds = 0;
      return this.commit('MODIFIED', type, current, previous);
    }
    // Background (the default) is the garbage collector's work, done after the owner is gone (controllers/garbage-collector.ts).
    this.remove(type, current.metadata.namespace, name);
    return current;
  }

  /** Final removal, without graceful termination. */
  remove(type: ResourceType, namespace: string | undefined, name: string): void {
    const key = objectKey(type.namespaced ? namespace : undefined, name);
    const current = this.bucket(type).get(key);
    if (!current) return;
    const removed = structuredClone(current);
    this.bucket(type).delete(key);
    this.commit('DELETED', type, removed, current, false);
    if (namespace && type.namespaced) this.finishNamespaceIfEmpty(namespace);
  }

  private deleteNamespace(namespace: KubeObject): KubeObject {
    const name = namespace.metadata.name;
    if (!namespace.metadata.deletionTimestamp) {
      namespace.metadata.deletionTimestamp = now();
      namespace.status = { ...(namespace.status ?? {}), phase: 'Terminating' };
      namespace = this.commit('MODIFIED', TYPES.namespaces, namespace, this.bucket(TYPES.namespaces).get(objectKey(undefined, name)));
    }
    for (const [, bucket] of this.objects) {
      for (const object of [...bucket.values()]) {
        const type = this.typeOf(object);
        if (!type?.namespaced || object.metadata.namespace !== name) continue;
        if (this.get(type, name, object.metadata.name)) this.delete(type, name, object.metadata.name);
      }
    }
    this.finishNamespaceIfEmpty(name);
    return namespace;
  }

  private finishNamespaceIfEmpty(name: string): void {
    const namespace = this.bucket(TYPES.namespaces).get(objectKey(undefined, name));
    if (!namespace?.metadata.deletionTimestamp) return;
    for (const [, bucket] of this.objects) {
      for (const object of bucket.values()) if (object.metadata.namespace === name && object.kind !== 'Namespace') return;
    }
    this.remove(TYPES.namespaces, undefined, name);
  }

  private assertNamespaceWritable(namespace: string): void {
    const found = this.bucket(TYPES.namespaces).get(objectKey(undefined, namespace));
    if (!found) throw notFound('namespaces', '', namespace);
    if (found.metadata.deletionTimestamp) {
      throw new ApiError(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  typeOf(object: KubeObject): ResourceType | undefined {
    const group = object.apiVersion.includes('/') ? (object.apiVersion.split('/')[0] ?? '') : '';
    return RESOURCE_TYPES.find((type) => type.group === group && type.kind === object.kind);
  }

  private commit(type: WatchEventType, resourceType: ResourceType, object: KubeObject, previous: KubeObject | undefined, store = true): KubeObject {
    this.revision += 1;
    object.metadata.resourceVersion = String(this.revision);
    if (store) this.bucket(resourceType).set(objectKey(object.metadata.namespace, object.metadata.name), object);
    const event: StoreEvent = {
      type,
      resourceType,
      object: structuredClone(object),
      ...(previous ? { previous: structuredClone(previous) } : {}),
      resourceVersion: this.revision,
    };
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
    this.dispatch(event);
    return structuredClone(object);
  }

  /**
   * Listeners may write from inside a listener; those events wait in a queue so that every
   * listener (and every watch stream) sees events in resourceVersion order.
   */
  private dispatch(event: StoreEvent): void {
    this.pendingEvents.push(event);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.pendingEvents.shift(); next; next = this.pendingEvents.shift()) {
        for (const listener of this.listeners) listener(next);
      }
    } finally {
      this.dispatching = false;
    }
  }

  private bucket(type: ResourceType): Map<string, KubeObject> {
    const key = typeKey(type);
    let bucket = this.objects.get(key);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(key, bucket);
    }
    return bucket;
  }
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Same alphabet as Kubernetes' generated names, so names look familiar. */
export function randomSuffix(length = 5): string {
  let suffix = '';
  for (let i = 0; i < length; i++) suffix += SUFFIX_ALPHABET[Math.floor(Math.random() * SUFFIX_ALPHABET.length)];
  return suffix;
}

export function safeEncode(hex: string, length = 10): string {
  let encoded = '';
  for (let i = 0; i < length; i++) encoded += SUFFIX_ALPHABET[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % SUFFIX_ALPHABET.length];
  return encoded;
}
