import { randomBytes } from 'node:crypto';
import { TYPES } from './resources.js';
import { now, type KubeObject, type Store } from './store.js';

/** Writes core/v1 Events, folding repeats of the same reason and message into `count`, as kubelet and controllers do. */
export class EventRecorder {
  private readonly names = new Map<string, string>();

  constructor(private readonly store: Store) {}

  record(subject: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void {
    const namespace = subject.metadata.namespace ?? 'default';
    const key = `${subject.metadata.uid}/${reason}/${message}`;
    const timestamp = now();
    try {
      const existingName = this.names.get(key);
      if (existingName && this.store.get(TYPES.events, namespace, existingName)) {
        this.store.mutate(TYPES.events, namespace, existingName, (event) => {
          event.count = Number(event.count ?? 1) + 1;
          event.lastTimestamp = timestamp;
        });
        return;
      }
      const name = `${subject.metadata.name}.${randomBytes(8).toString('hex')}`;
      this.store.create(TYPES.events, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: subject.apiVersion,
          kind: subject.kind,
          name: subject.metadata.name,
          namespace,
          uid: subject.metadata.uid,
          resourceVersion: subject.metadata.resourceVersion,
        },
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: timestamp,
        lastTimestamp: timestamp,
        source: { component, ...(component === 'kubelet' ? { host: 'emulator' } : {}) },
        reportingComponent: component,
        reportingInstance: component === 'kubelet' ? 'emulator' : '',
      });
      this.names.set(key, name);
    } catch {
      // The namespace is being deleted; its events go with it.
    }
  }
}
