import net from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { isPodReady } from './controllers/replicaset.js';
import { ApiError, notFound } from './errors.js';
import { resolvePort } from './pod-spec.js';
import { TYPES } from './resources.js';
import type { KubeObject, Store, StoreEvent } from './store.js';

/** A Service port as written in its spec (a user document: the shape expected, not validated). */
interface ServicePort {
  name?: string;
  port: number | string;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

interface Endpoint {
  ip: string;
  podName: string;
  podUid: string;
  /** Target port for each service port name ('' for an unnamed port). */
  ports: Map<string, number>;
}

interface ServiceEndpoints {
  ready: Endpoint[];
  notReady: Endpoint[];
}

interface Listener {
  server: net.Server;
  port: number;
  boundPort: number;
}

/** How the emulator reports a Service port it had to move: annotation and status condition. */
export const PORT_MAP_ANNOTATION = 'emulator.inventory-devops/port-map';
export const PRIVILEGED_PORT_OFFSET = 30000;

export interface ServiceProxyOptions {
  store: Store;
  /** Act as if ports below 1024 cannot be bound (what happens without root), to exercise the fallback. */
  simulateUnprivileged: boolean;
}

/**
 * kube-proxy and the endpoints controller in one: keeps each Service's ready endpoints in
 * memory (updated in event order, before a terminating pod gets SIGTERM), listens on the
 * Service's clusterIP and ports, balances round-robin per connection, and writes Endpoints objects.
 * Per connection, as kube-proxy does (it balances connections, not requests): every request of a
 * kept-alive connection goes to the pod the connection was given, whatever the protocol.
 */
export class ServiceProxies {
  private readonly endpoints = new Map<string, ServiceEndpoints>();
  private readonly listeners = new Map<string, Listener[]>();
  private readonly roundRobin = new Map<string, number>();
  private readonly dirtyEndpoints = new Set<string>();
  private readonly unsubscribe: () => void;
  private stopped = false;
  private pendingListens: Promise<void> = Promise.resolve();

  constructor(private readonly options: ServiceProxyOptions) {
    this.unsubscribe = options.store.subscribe((event) => this.onEvent(event));
  }

  private onEvent(event: StoreEvent): void {
    if (this.stopped) return;
    const namespace = event.object.metadata.namespace ?? 'default';
    if (event.resourceType === TYPES.services) {
      const key = `${namespace}/${event.object.metadata.name}`;
      if (event.type === 'DELETED') {
        this.endpoints.delete(key);
        this.closeListeners(key);
        const endpoints = this.options.store.get(TYPES.endpoints, namespace, event.object.metadata.name);
        if (endpoints) setImmediate(() => this.options.store.remove(TYPES.endpoints, namespace, event.object.metadata.name));
        return;
      }
      this.recompute(event.object);
      this.ensureListeners(event.object);
    } else if (event.resourceType === TYPES.pods) {
      for (const service of this.options.store.list(TYPES.services, namespace)) this.recompute(service);
    }
  }

  private recompute(service: KubeObject): void {
    const namespace = service.metadata.namespace ?? 'default';
    const key = `${namespace}/${service.metadata.name}`;
    const selector = service.spec?.selector as Record<string, string> | undefined;
    if (!selector || Object.keys(selector).length === 0) return;
    const result: ServiceEndpoints = { ready: [], notReady: [] };
    for (const pod of this.options.store.list(TYPES.pods, namespace)) {
      const labels = pod.metadata.labels ?? {};
      if (!Object.entries(selector).every(([k, v]) => labels[k] === v) || !pod.status?.podIP) continue;
      const ports = new Map<string, number>();
      for (const port of service.spec.ports ?? []) {
        const container = (pod.spec?.containers ?? []).find(
          (c: { ports?: { name?: string }[] }) => typeof port.targetPort !== 'string' || c.ports?.some((p) => p.name === port.targetPort),
        );
        try {
          ports.set(port.name ?? '', container ? resolvePort(container, port.targetPort) : Number(port.targetPort));
        } catch {
          // A named target port this pod does not declare: the pod is no endpoint for it.
        }
      }
      const endpoint: Endpoint = { ip: pod.status.podIP, podName: pod.metadata.name, podUid: pod.metadata.uid ?? '', ports };
      if (pod.metadata.deletionTimestamp) continue;
      (isPodReady(pod) ? result.ready : result.notReady).push(endpoint);
    }
    if (isDeepStrictEqual(this.endpoints.get(key), result)) return;
    this.endpoints.set(key, result);
    this.dirtyEndpoints.add(key);
    if (this.dirtyEndpoints.size === 1) setImmediate(() => this.writeEndpoints());
  }

  private writeEndpoints(): void {
    const keys = [...this.dirtyEndpoints];
    this.dirtyEndpoints.clear();
    if (this.stopped) return;
    for (const key of keys) {
      const [namespace = 'default', name = ''] = key.split('/');
      const service = this.options.store.get(TYPES.services, namespace, name);
      const current = this.endpoints.get(key);
      if (!service || !current) continue;
      const address = (endpoint: Endpoint): Record<string, unknown> => ({
        ip: endpoint.ip,
        nodeName: 'emulator',
        targetRef: { kind: 'Pod', name: endpoint.podName, namespace, uid: endpoint.podUid },
      });
      const sample = current.ready[0] ?? current.notReady[0];
      const subsets =
        current.ready.length + current.notReady.length === 0
          ? undefined
          : [
              {
                ...(current.ready.length ? { addresses: current.ready.map(address) } : {}),
                ...(current.notReady.length ? { notReadyAddresses: current.notReady.map(address) } : {}),
                ports: (service.spec.ports ?? []).map((port: ServicePort) => ({
                  ...(port.name ? { name: port.name } : {}),
                  port: sample?.ports.get(port.name ?? '') ?? port.targetPort,
                  protocol: port.protocol ?? 'TCP',
                })),
              },
            ];
      const object: KubeObject = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace, ...(service.metadata.labels ? { labels: service.metadata.labels } : {}) },
        ...(subsets ? { subsets } : {}),
      };
      const existing = this.options.store.get(TYPES.endpoints, namespace, name);
      try {
        if (!existing) this.options.store.create(TYPES.endpoints, object);
        else if (!isDeepStrictEqual(existing.subsets, object.subsets))
          this.options.store.update(TYPES.endpoints, { ...object, metadata: { ...existing.metadata } });
      } catch {
        // The namespace is going away.
      }
    }
  }

  /** Round-robin over the ready endpoints of one service port, skipping those already tried. */
  private pick(key: string, portName: string, exclude: Set<string> = new Set()): { host: string; port: number } | undefined {
    const candidates = (this.endpoints.get(key)?.ready ?? []).filter((e) => e.ports.has(portName) && !exclude.has(`${e.ip}:${e.ports.get(portName)}`));
    if (candidates.length === 0) return undefined;
    const counterKey = `${key}:${portName}`;
    const next = (this.roundRobin.get(counterKey) ?? 0) + 1;
    this.roundRobin.set(counterKey, next);
    const endpoint = candidates[next % candidates.length];
    return endpoint ? { host: endpoint.ip, port: endpoint.ports.get(portName) ?? 0 } : undefined;
  }

  private ensureListeners(service: KubeObject): void {
    const namespace = service.metadata.namespace ?? 'default';
    const key = `${namespace}/${service.metadata.name}`;
    const clusterIP = service.spec?.clusterIP;
    if (!clusterIP || clusterIP === 'None' || service.spec?.type === 'ExternalName') return;
    const wanted = ((service.spec.ports ?? []) as ServicePort[]).map((port) => ({ port: Number(port.port), name: String(port.name ?? '') }));
    const existing = this.listeners.get(key) ?? [];
    const same = existing.length === wanted.length && wanted.every((w) => existing.some((l) => l.port === w.port));
    if (same) return;
    this.closeListeners(key);
    const opened: Listener[] = [];
    this.listeners.set(key, opened);
    const fallbacks: Record<string, number> = {};
    this.pendingListens = this.pendingListens.then(async () => {
      for (const want of wanted) {
        const make = (): net.Server => this.tcpProxy(key, want.name);
        let server = make();
        let boundPort = want.port;
        const privileged = want.port < 1024 && this.options.simulateUnprivileged;
        const error = privileged ? 'EACCES' : await listen(server, clusterIP, want.port);
        if (error === 'EACCES') {
          server.close();
          server = make();
          boundPort = want.port + PRIVILEGED_PORT_OFFSET;
          const fallbackError = await listen(server, clusterIP, boundPort);
          if (fallbackError) continue;
          fallbacks[String(want.port)] = boundPort;
        } else if (error) {
          continue;
        }
        if (this.stopped || this.listeners.get(key) !== opened) {
          server.close();
          continue;
        }
        opened.push({ server, port: want.port, boundPort });
      }
      this.reportFallbacks(service, fallbacks);
    });
  }

  private reportFallbacks(service: KubeObject, fallbacks: Record<string, number>): void {
    const namespace = service.metadata.namespace ?? 'default';
    const hasFallbacks = Object.keys(fallbacks).length > 0;
    const current = this.options.store.get(TYPES.services, namespace, service.metadata.name);
    if (!current || (!hasFallbacks && !current.metadata.annotations?.[PORT_MAP_ANNOTATION])) return;
    this.options.store.mutate(TYPES.services, namespace, service.metadata.name, (object) => {
      const annotations = { ...(object.metadata.annotations ?? {}) };
      const conditions = ((object.status?.conditions ?? []) as { type: string }[]).filter((c) => c.type !== 'PortFallback');
      if (hasFallbacks) {
        annotations[PORT_MAP_ANNOTATION] = JSON.stringify(fallbacks);
        const moved = Object.entries(fallbacks)
          .map(([from, to]) => `${from}->${to}`)
          .join(', ');
        conditions.push({
          type: 'PortFallback',
          status: 'True',
          reason: 'PrivilegedPort',
          message: `ports below 1024 cannot be bound without root; listening on ${object.spec.clusterIP} ${moved}`,
          lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          observedGeneration: object.metadata.generation,
        } as { type: string });
      } else {
        delete annotations[PORT_MAP_ANNOTATION];
      }
      object.metadata.annotations = annotations;
      object.status = { ...(object.status ?? {}), conditions };
    });
  }

  private tcpProxy(key: string, portName: string): net.Server {
    return net.createServer((client) => {
      client.pause();
      const tried = new Set<string>();
      const connect = (): void => {
        const target = this.pick(key, portName, tried);
        if (!target) {
          client.destroy();
          return;
        }
        tried.add(`${target.host}:${target.port}`);
        const upstream = net.connect(target.port, target.host);
        upstream.once('connect', () => {
          upstream.removeAllListeners('error');
          upstream.on('error', () => client.destroy());
          client.on('error', () => upstream.destroy());
          client.pipe(upstream).pipe(client);
          client.resume();
        });
        upstream.once('error', connect);
      };
      connect();
    });
  }

  private closeListeners(key: string): void {
    for (const listener of this.listeners.get(key) ?? []) listener.server.close();
    this.listeners.delete(key);
  }

  /** Where the API server's `services/NAME[:PORT]/proxy` goes: straight to a ready endpoint, as a real apiserver does. */
  proxyTarget(namespace: string, nameAndPort: string): { host: string; port: number } {
    const parts = nameAndPort.split(':');
    const [name = '', portText] = parts.length === 3 ? parts.slice(1) : parts;
    const service = this.options.store.get(TYPES.services, namespace, name);
    if (!service) throw notFound('services', '', name);
    const ports = (service.spec?.ports ?? []) as ServicePort[];
    const port = portText === undefined ? ports[0] : ports.find((p) => p.name === portText || String(p.port) === portText);
    if (!port) throw new ApiError(503, 'ServiceUnavailable', `no endpoints available for service "${nameAndPort}"`);
    const target = this.pick(`${namespace}/${name}`, port.name ?? '');
    if (!target) throw new ApiError(503, 'ServiceUnavailable', `no endpoints available for service "${name}"`);
    return target;
  }

  /** The address a client on this machine uses for a Service port (after any privileged-port fallback). */
  address(namespace: string, name: string, port: number): { host: string; port: number } | undefined {
    const service = this.options.store.get(TYPES.services, namespace, name);
    const listener = this.listeners.get(`${namespace}/${name}`)?.find((l) => l.port === port);
    return service && listener ? { host: service.spec.clusterIP, port: listener.boundPort } : undefined;
  }

  /** Resolves once every Service seen so far has its listeners open. */
  settled(): Promise<void> {
    return this.pendingListens;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    await this.pendingListens;
    for (const key of [...this.listeners.keys()]) this.closeListeners(key);
  }
}

export function listen(server: net.Server, host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'ERROR'));
    server.listen(port, host, () => resolve(undefined));
  });
}
