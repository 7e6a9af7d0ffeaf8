import type http from 'node:http';
import { ApiError } from '../errors.js';
import type { ResourceType } from '../resources.js';
import { fieldsMatch, labelsMatch, parseFieldSelector, parseLabelSelector } from '../selectors.js';
import { typeKey, type KubeObject, type Store, type StoreEvent } from '../store.js';

/**
 * A watch: one JSON event per line over a chunked response, from the list's resourceVersion (or
 * every current object as ADDED), with objects entering or leaving the selectors as ADDED or DELETED.
 */
export function watch(
  store: Store,
  type: ResourceType,
  namespace: string | undefined,
  params: URLSearchParams,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const labels = parseLabelSelector(params.get('labelSelector') ?? '');
  const fields = parseFieldSelector(params.get('fieldSelector') ?? '');
  const matches = (object: KubeObject | undefined): boolean =>
    !!object &&
    (namespace === undefined || object.metadata.namespace === namespace) &&
    labelsMatch(object.metadata.labels, labels) &&
    fieldsMatch(object, fields);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  const write = (eventType: string, object: unknown): void => {
    res.write(JSON.stringify({ type: eventType, object }) + '\n');
  };
  const key = typeKey(type);
  const deliver = (event: StoreEvent): void => {
    if (typeKey(event.resourceType) !== key) return;
    const now = matches(event.object);
    const before = matches(event.previous);
    if (event.type === 'ADDED' && now) write('ADDED', event.object);
    else if (event.type === 'DELETED' && now) write('DELETED', event.object);
    else if (event.type === 'MODIFIED') {
      if (now && before) write('MODIFIED', event.object);
      else if (now) write('ADDED', event.object);
      else if (before) write('DELETED', event.object);
    }
  };
  const requested = params.get('resourceVersion');
  if (!requested || requested === '0') {
    for (const object of store.list(type, namespace)) if (matches(object)) write('ADDED', object);
  } else {
    const since = Number(requested);
    if (!Number.isFinite(since) || since < store.oldestResumableVersion) {
      write('ERROR', new ApiError(410, 'Expired', `too old resource version: ${requested} (${store.oldestResumableVersion})`).toStatus());
      res.end();
      return;
    }
    for (const event of store.eventsAfter(since)) deliver(event);
  }
  const unsubscribe = store.subscribe(deliver);
  const timeoutSeconds = Number(params.get('timeoutSeconds') ?? 1800);
  const timer = setTimeout(() => res.end(), timeoutSeconds * 1000);
  const finish = (): void => {
    clearTimeout(timer);
    unsubscribe();
  };
  req.on('close', finish);
  res.on('close', finish);
}
