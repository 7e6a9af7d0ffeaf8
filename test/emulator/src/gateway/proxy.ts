import http from 'node:http';
import type { GatewayModel } from './model.js';
import { relay } from '../http-relay.js';
import { listen } from '../services.js';
import { selectListener, selectRule, WeightedRoundRobin } from './routing.js';

/** How a Gateway port is bound: while listening, after a failure, or on its way. */
export type BindState = { state: 'pending' } | { state: 'bound'; boundPort: number } | { state: 'failed'; error: string };

export interface GatewayProxyOptions {
  /** The routing table as of now (the controller recomputes it lazily after any change). */
  gateway(key: string): GatewayModel | undefined;
  /** A ready endpoint of a Service port, or an error explaining why there is none. */
  endpoint(namespace: string, name: string, port: number): { host: string; port: number };
  /** Act as if ports below 1024 cannot be bound (what happens without root). */
  simulateUnprivileged: boolean;
  /** Called when a bind finishes, so the controller can report it. */
  onBindChange(): void;
}

export const PRIVILEGED_PORT_OFFSET = 30000;

interface Bound {
  address: string;
  port: number;
  state: BindState;
  server?: http.Server;
}

/**
 * The data plane of the emulator's Gateways: an HTTP server per Gateway address and listener
 * port, which routes every request by the current routing table (so a route change applies to
 * the next request) and forwards it to a ready pod of the chosen Service.
 */
export class GatewayProxies {
  private readonly bound = new Map<string, Map<number, Bound>>();
  private readonly balancer = new WeightedRoundRobin();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private pending: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: GatewayProxyOptions) {}

  /** Opens and closes listeners so that each Gateway in `wanted` listens on its address and ports. */
  sync(wanted: Map<string, { address: string; ports: number[] }>): void {
    for (const [key, ports] of this.bound) {
      const want = wanted.get(key);
      for (const [port, entry] of ports) {
        if (want?.address === entry.address && want.ports.includes(port)) continue;
        this.close(entry);
        ports.delete(port);
      }
      if (ports.size === 0) {
        this.bound.delete(key);
        this.balancer.forget(`${key}|`);
      }
    }
    for (const [key, want] of wanted) {
      const ports = this.bound.get(key) ?? new Map<number, Bound>();
      this.bound.set(key, ports);
      for (const port of want.ports) {
        if (ports.has(port)) continue;
        const entry: Bound = { address: want.address, port, state: { state: 'pending' } };
        ports.set(port, entry);
        this.pending = this.pending
          .then(() => this.open(key, entry))
          .catch((error: unknown) => {
            entry.state = { state: 'failed', error: `cannot listen on ${entry.address}:${port}: ${(error as Error).message}` };
            this.options.onBindChange();
          });
      }
    }
  }

  bindState(key: string, port: number): BindState {
    return this.bound.get(key)?.get(port)?.state ?? { state: 'pending' };
  }

  /** Where a client on this machine reaches a Gateway listener port (after any privileged-port fallback). */
  address(key: string, port: number): { host: string; port: number } | undefined {
    const entry = this.bound.get(key)?.get(port);
    return entry?.state.state === 'bound' ? { host: entry.address, port: entry.state.boundPort } : undefined;
  }

  /** Resolves once every listener asked for so far is bound or failed. */
  settled(): Promise<void> {
    return this.pending;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.pending;
    for (const ports of this.bound.values()) for (const entry of ports.values()) this.close(entry);
    this.bound.clear();
    this.agent.destroy();
  }

  private async open(key: string, entry: Bound): Promise<void> {
    if (this.stopped || this.bound.get(key)?.get(entry.port) !== entry) return;
    const privileged = entry.port < 1024 && this.options.simulateUnprivileged;
    let server = this.server(key, entry.port);
    let boundPort = entry.port;
    let error = privileged ? 'EACCES' : await listen(server, entry.address, boundPort);
    if (error === 'EACCES') {
      server.close();
      server = this.server(key, entry.port);
      boundPort = entry.port + PRIVILEGED_PORT_OFFSET;
      error = await listen(server, entry.address, boundPort);
    }
    if (this.stopped || this.bound.get(key)?.get(entry.port) !== entry) {
      server.close();
      return;
    }
    if (error) {
      server.close();
      entry.state = { state: 'failed', error: `cannot listen on ${entry.address}:${boundPort}: ${error}` };
    } else {
      entry.server = server;
      entry.state = { state: 'bound', boundPort };
    }
    this.options.onBindChange();
  }

  private close(entry: Bound): void {
    entry.server?.close();
    entry.server?.closeAllConnections();
  }

  private server(key: string, port: number): http.Server {
    const server = http.createServer((req, res) => this.route(key, port, req, res));
    server.keepAliveTimeout = 5000;
    return server;
  }

  private route(key: string, port: number, req: http.IncomingMessage, res: http.ServerResponse): void {
    const fail = (status: number, message: string): void => {
      req.resume();
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(`${message}\n`);
    };
    const gateway = this.options.gateway(key);
    const url = new URL(req.url ?? '/', 'http://gateway');
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const listeners = (gateway?.listeners ?? []).filter((listener) => listener.port === port && listener.accepted.status === 'True');
    const listener = selectListener(listeners, host);
    const selection =
      listener && selectRule(listener, { host, path: url.pathname, method: req.method ?? 'GET', headers: req.headers, query: url.searchParams });
    if (!selection) return fail(404, `no HTTPRoute rule of Gateway ${key} matches ${req.method} ${url.pathname}`);
    const { route, rule } = selection;
    const choice = this.balancer.pick(
      `${key}|${route.key}|${rule.index}`,
      rule.backends.map((backend) => backend.weight),
    );
    // A rule with no backend that can take traffic (none, or all weight 0) answers 500, as one whose backends are all invalid.
    const backend = choice === undefined ? undefined : rule.backends[choice];
    if (!backend?.service) {
      return fail(500, `HTTPRoute ${route.key} rule ${rule.index}: ${backend ? `backend ${backend.ref.name} is invalid` : 'no backend takes traffic'}`);
    }
    const { service } = backend;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.forward(service, req, res, Buffer.concat(chunks), 3));
  }

  /** Sends the request to a ready pod; a refused or stale pooled connection is retried on the next pod (nothing reached the application). */
  private forward(
    service: { namespace: string; name: string; port: number },
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    attempts: number,
  ): void {
    const fail = (status: number, message: string): void => {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(`${message}\n`);
    };
    let target: { host: string; port: number };
    try {
      target = this.options.endpoint(service.namespace, service.name, service.port);
    } catch (error) {
      return fail(503, (error as Error).message);
    }
    relay(target, req, body, res, {
      agent: this.agent,
      headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '', 'x-forwarded-proto': 'http' },
      retry: () =>
        attempts > 1
          ? this.forward(service, req, res, body, attempts - 1)
          : fail(502, `no pod of service ${service.namespace}/${service.name} took the request`),
    });
  }
}
