import { isDeepStrictEqual } from 'node:util';
import type { AddressPool } from '../addresses.js';
import { keyOf, modelGateways, type ClusterGateways, type GatewayModel, type ListenerModel, type Verdict } from '../gateway/model.js';
import { GatewayProxies } from '../gateway/proxy.js';
import { EMULATOR_CONTROLLER_NAME, type Condition } from '../gateway/spec.js';
import { TYPES } from '../resources.js';
import { now, type KubeObject, type Store } from '../store.js';

export interface GatewayControllerOptions {
  store: Store;
  /** Loopback addresses for Gateways (127.3.B.0/24): each Gateway gets its own. */
  addresses: AddressPool;
  endpoint(namespace: string, name: string, port: number): { host: string; port: number };
  simulateUnprivileged: boolean;
}

const WATCHED = new Set([TYPES.gatewayclasses, TYPES.gateways, TYPES.httproutes, TYPES.services, TYPES.namespaces]);

/**
 * The emulator's Gateway API implementation, for GatewayClasses whose `spec.controllerName` is
 * EMULATOR_CONTROLLER_NAME: accepts the class, gives each Gateway an address and listeners
 * (GatewayProxies), and reports GatewayClass, Gateway and HTTPRoute status as the Gateway API
 * specifies. The routing table is recomputed on the first request after any change, so a route
 * change applies to the next request even before its status is written.
 */
export class GatewayController {
  private readonly proxies: GatewayProxies;
  private readonly assigned = new Map<string, string>();
  private readonly unsubscribe: () => void;
  private current: ClusterGateways | undefined;
  private scheduled = false;
  private stopped = false;

  constructor(private readonly options: GatewayControllerOptions) {
    this.proxies = new GatewayProxies({
      gateway: (key) => this.model().gateways.get(key),
      endpoint: options.endpoint,
      simulateUnprivileged: options.simulateUnprivileged,
      onBindChange: () => this.schedule(),
    });
    this.unsubscribe = options.store.subscribe((event) => {
      if (!WATCHED.has(event.resourceType)) return;
      this.current = undefined;
      this.schedule();
    });
    this.schedule();
  }

  /** Where a client on this machine reaches a Gateway's listener port, once it listens. */
  async address(namespace: string, name: string, port: number): Promise<{ host: string; port: number } | undefined> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.proxies.settled();
    return this.proxies.address(`${namespace}/${name}`, port);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    await this.proxies.stop();
  }

  private model(): ClusterGateways {
    const { store } = this.options;
    this.current ??= modelGateways({
      classes: store.list(TYPES.gatewayclasses),
      gateways: store.list(TYPES.gateways),
      routes: store.list(TYPES.httproutes),
      services: store.list(TYPES.services),
      namespaces: store.list(TYPES.namespaces),
    });
    return this.current;
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.stopped) this.reconcile();
    });
  }

  private reconcile(): void {
    const model = this.model();
    for (const [key, address] of this.assigned) {
      if (model.gateways.get(key) && !model.gateways.get(key)?.requestsAddresses) continue;
      this.options.addresses.release(address);
      this.assigned.delete(key);
    }
    const wanted = new Map<string, { address: string; ports: number[] }>();
    for (const gateway of model.gateways.values()) {
      if (gateway.requestsAddresses) continue;
      let address = this.assigned.get(gateway.key);
      if (!address) {
        address = this.options.addresses.allocate();
        this.assigned.set(gateway.key, address);
      }
      const ports = [...new Set(gateway.listeners.filter((l) => l.accepted.status === 'True').map((l) => l.port))];
      wanted.set(gateway.key, { address, ports });
    }
    this.proxies.sync(wanted);
    const { store } = this.options;
    for (const gatewayClass of store.list(TYPES.gatewayclasses)) {
      if (!model.classes.has(gatewayClass.metadata.name)) continue;
      this.writeStatus(gatewayClass, (previous) => ({
        ...previous,
        conditions: conditions(previous?.conditions, gatewayClass, [
          ['Accepted', { status: 'True', reason: 'Accepted', message: `served by ${EMULATOR_CONTROLLER_NAME}` }],
        ]),
      }));
    }
    for (const gateway of store.list(TYPES.gateways)) {
      const served = model.gateways.get(keyOf(gateway));
      if (served) this.writeStatus(gateway, (previous) => this.gatewayStatus(gateway, served, previous));
    }
    for (const route of store.list(TYPES.httproutes)) this.writeRouteStatus(route, model);
  }

  private gatewayStatus(gateway: KubeObject, served: GatewayModel, previous: Record<string, unknown> | undefined): Record<string, unknown> {
    const address = this.assigned.get(served.key);
    const listeners = served.listeners.map((listener) => this.listenerStatus(gateway, served, listener, previous));
    const valid = served.listeners.filter((listener) => listener.accepted.status === 'True' && listener.resolvedRefs.status === 'True');
    const accepted: Verdict =
      valid.length === served.listeners.length
        ? { status: 'True', reason: 'Accepted', message: 'gateway accepted' }
        : {
            status: valid.length > 0 ? 'True' : 'False',
            reason: 'ListenersNotValid',
            message: `${served.listeners.length - valid.length} listener(s) not valid`,
          };
    const states = served.listeners.filter((l) => l.accepted.status === 'True').map((l) => this.proxies.bindState(served.key, l.port).state);
    const programmed: Verdict = !address
      ? {
          status: 'False',
          reason: 'AddressNotAssigned',
          message: 'the emulator assigns each Gateway a loopback address of its own; spec.addresses is not supported',
        }
      : states.includes('bound')
        ? { status: 'True', reason: 'Programmed', message: `listening on ${address}` }
        : states.includes('pending')
          ? { status: 'False', reason: 'Pending', message: 'listeners are being opened' }
          : { status: 'False', reason: 'Invalid', message: 'no listener could be opened' };
    return {
      ...(address ? { addresses: [{ type: 'IPAddress', value: address }] } : {}),
      conditions: conditions(previous?.conditions, gateway, [
        ['Accepted', accepted],
        ['Programmed', programmed],
      ]),
      listeners,
    };
  }

  private listenerStatus(
    gateway: KubeObject,
    served: GatewayModel,
    listener: ListenerModel,
    previous: Record<string, unknown> | undefined,
  ): Record<string, unknown> {
    const before = ((previous?.listeners ?? []) as { name: string; conditions?: Condition[] }[]).find((l) => l.name === listener.name);
    const bind = this.proxies.bindState(served.key, listener.port);
    let accepted = listener.accepted;
    let programmed: Verdict;
    if (accepted.status !== 'True') programmed = { status: 'False', reason: 'Invalid', message: accepted.message };
    else if (!this.assigned.has(served.key)) programmed = { status: 'False', reason: 'Invalid', message: 'no address assigned' };
    else if (bind.state === 'bound') programmed = { status: 'True', reason: 'Programmed', message: `listening on port ${bind.boundPort}` };
    else if (bind.state === 'pending') programmed = { status: 'False', reason: 'Pending', message: 'opening the listener' };
    else {
      accepted = { status: 'False', reason: 'PortUnavailable', message: bind.error };
      programmed = { status: 'False', reason: 'Invalid', message: bind.error };
    }
    return {
      name: listener.name,
      supportedKinds: listener.supportedKinds,
      attachedRoutes: listener.routes.length,
      conditions: conditions(before?.conditions, gateway, [
        ['Accepted', accepted],
        ['Programmed', programmed],
        ['ResolvedRefs', listener.resolvedRefs],
        ['Conflicted', { status: 'False', reason: 'NoConflicts', message: 'no conflicts' }],
      ]),
    };
  }

  /** Replaces this controller's entries in `status.parents` and leaves other controllers' alone. */
  private writeRouteStatus(route: KubeObject, model: ClusterGateways): void {
    const ours = model.routeParents.get(keyOf(route)) ?? [];
    const existing = (route.status?.parents ?? []) as { controllerName: string; parentRef: unknown; conditions?: Condition[] }[];
    if (ours.length === 0 && !existing.some((parent) => parent.controllerName === EMULATOR_CONTROLLER_NAME)) return;
    this.writeStatus(route, (previous) => ({
      ...previous,
      parents: [
        ...existing.filter((parent) => parent.controllerName !== EMULATOR_CONTROLLER_NAME),
        ...ours.map((parent) => {
          const before = existing.find((e) => e.controllerName === EMULATOR_CONTROLLER_NAME && isDeepStrictEqual(e.parentRef, parent.parentRef));
          return {
            parentRef: parent.parentRef,
            controllerName: EMULATOR_CONTROLLER_NAME,
            conditions: conditions(before?.conditions, route, [
              ['Accepted', parent.accepted],
              ['ResolvedRefs', parent.resolvedRefs],
              ...(parent.partiallyInvalid ? [['PartiallyInvalid', parent.partiallyInvalid] as [string, Verdict]] : []),
            ]),
          };
        }),
      ],
    }));
  }

  private writeStatus(object: KubeObject, next: (previous: Record<string, unknown> | undefined) => Record<string, unknown>): void {
    const type = object.kind === 'GatewayClass' ? TYPES.gatewayclasses : object.kind === 'Gateway' ? TYPES.gateways : TYPES.httproutes;
    const status = next(object.status);
    if (isDeepStrictEqual(status, object.status)) return;
    this.options.store.mutate(type, object.metadata.namespace, object.metadata.name, (latest) => {
      latest.status = status;
    });
  }
}

/**
 * Conditions as metav1.Condition wants them: `lastTransitionTime` moves only when the status
 * changes, `observedGeneration` is the generation the verdict was made for.
 */
function conditions(previous: unknown, object: KubeObject, verdicts: [string, Verdict][]): Condition[] {
  const before = (Array.isArray(previous) ? previous : []) as Condition[];
  return verdicts.map(([type, verdict]) => {
    const old = before.find((condition) => condition.type === type);
    return {
      type,
      status: verdict.status,
      reason: verdict.reason,
      message: verdict.message,
      lastTransitionTime: old && old.status === verdict.status ? old.lastTransitionTime : now(),
      observedGeneration: object.metadata.generation ?? 1,
    };
  });
}
