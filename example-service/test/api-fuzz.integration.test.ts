/**
 * API fuzz: generated requests over raw HTTP against the service listening on embedded
 * PostgreSQL. Every route, odd methods and paths, query strings, headers (If-Match,
 * Content-Type, Content-Length, Transfer-Encoding), and bodies with wrong types, huge and
 * non-finite numbers, deep nesting, 1 MB strings, invalid JSON and unicode. No answer may be
 * a 5xx, and a request that is rejected (or only reads) must leave the database as it was.
 *
 * Deterministic: FUZZ_SEED (default below) and FUZZ_RUNS pick the requests; the seed is
 * printed, and a failure names the seed and the request's index.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestContext } from './helpers/app.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1200);
const SEEDED_ITEMS = 30;
const MEGABYTE = 1024 * 1024;

let ctx: TestContext;
let db: pg.Client;
let port: number;

beforeAll(async () => {
  // A body limit above 1 MB, so 1 MB strings reach validation instead of stopping at 413.
  ctx = await startTestApp({ BODY_LIMIT_BYTES: String(2 * MEGABYTE) });
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  port = (ctx.app.server.address() as AddressInfo).port;
  db = new pg.Client({ connectionString: ctx.databaseUrl });
  await db.connect();
  for (let index = 1; index <= SEEDED_ITEMS; index++) {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/items',
      payload: { sku: `FUZZ-${index}`, name: `Item ${index}`, quantity: index, price: index / 4 },
    });
    expect(response.statusCode).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  await db?.end();
  await ctx?.close();
});

// ---------------------------------------------------------------- generators

/** Text that a number field might be sent as, in a path, a query string or a header. */
const NUMBER_TEXTS = [
  '0',
  '1',
  '-1',
  '-0',
  '+1',
  '1.5',
  '1e3',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '2147483647',
  '2147483648',
  '4294967296',
  '9999999999',
  '99999999999999999999',
  '9007199254740993',
  '0x10',
  '0b1',
  ' 1',
  '1 ',
  '',
  'abc',
  'null',
  '１',
  '1'.repeat(400),
];
/** Numbers a JSON body might carry, written as JSON text (1e309 and -0 survive only as text). */
const JSON_NUMBERS = [
  '0',
  '1',
  '-1',
  '-0',
  '1.5',
  '0.001',
  '1.005',
  '2147483647',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '9999999999.99',
  '10000000000',
  '1e21',
  '1e309',
  '-1e309',
  '1e-400',
  '1000000000',
  '-1000000000',
  '1000000001',
  '"1"',
  'null',
  'true',
  '[]',
  '{}',
];
const STRINGS = [
  '',
  ' ',
  'x',
  'ABC-1',
  'FUZZ-1',
  'FUZZ-2',
  'a b',
  '../etc',
  "'; DROP TABLE items;--",
  '%',
  '%zz',
  '<img src=x>',
  'ü€😀',
  '\u0000',
  '\ud800',
  '\u202e',
  'x'.repeat(64),
  'x'.repeat(65),
  'n'.repeat(201),
];

/** Percent-encodes the UTF-8 bytes of any text (encodeURIComponent throws on a lone surrogate). */
const percentEncode = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) => (/[\w.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');

const oneOfConstants = <T>(values: readonly T[]) => fc.constantFrom(...values);
const unicodeText = fc.string({ unit: 'binary', maxLength: 40 });
const stringValue = fc.oneof(oneOfConstants(STRINGS), unicodeText);

const idSegment = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: SEEDED_ITEMS + 5 }).map(String) },
  { weight: 4, arbitrary: oneOfConstants(NUMBER_TEXTS).map((text) => percentEncode(text)) },
  { weight: 1, arbitrary: unicodeText.map((text) => percentEncode(text)) },
);

type Route = 'health' | 'ready' | 'metrics' | 'openapi' | 'items' | 'item' | 'adjust' | 'unknown';
const path = fc.oneof(
  fc.constant<[Route, string]>(['health', '/health']),
  fc.constant<[Route, string]>(['ready', '/ready']),
  fc.constant<[Route, string]>(['metrics', '/metrics']),
  fc.constant<[Route, string]>(['openapi', '/docs/openapi.json']),
  { weight: 4, arbitrary: oneOfConstants(['/api/items', '/api/items/']).map((p): [Route, string] => ['items', p]) },
  { weight: 6, arbitrary: idSegment.map((id): [Route, string] => ['item', `/api/items/${id}`]) },
  { weight: 5, arbitrary: idSegment.map((id): [Route, string] => ['adjust', `/api/items/${id}/adjust`]) },
  oneOfConstants([
    '/',
    '/api',
    '/api/items//',
    '/api/items/1/adjust/x',
    '/api/items/../health',
    '/%2e%2e/ready',
    '/api/items/%ff',
    '/api/items/é',
    '/api/items/1?',
    `/${'a'.repeat(5000)}`,
    '*',
  ]).map((p): [Route, string] => ['unknown', p]),
);

const method = fc.oneof(
  { weight: 10, arbitrary: oneOfConstants(['GET', 'POST', 'PATCH', 'DELETE']) },
  { weight: 2, arbitrary: oneOfConstants(['PUT', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'FOO', 'get']) },
);

const QUERY_KEYS = ['limit', 'offset', 'sku', 'name', 'inStock', 'minQuantity', 'maxQuantity', 'unknown', '__proto__', 'constructor[prototype][x]', 'limit[]'];
const queryString = fc
  .array(fc.tuple(oneOfConstants(QUERY_KEYS), fc.oneof(oneOfConstants(NUMBER_TEXTS), oneOfConstants(['true', 'false', 'TRUE', '1']), stringValue)), {
    maxLength: 4,
  })
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&')}`));

const IF_MATCH = [
  '"1"',
  'W/"1"',
  '"2"',
  '*',
  '"0"',
  '"01"',
  '"-1"',
  '"9999999999"',
  '"99999999999"',
  '"2147483647"',
  '"2147483648"',
  '"1", "2"',
  '1',
  '""',
  'W/',
  '"abc"',
  '"ü€"',
  `"${'9'.repeat(500)}"`,
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json-patch+json',
  '',
  'json',
];
/** How the body's framing is written: honest, missing, cut in half, or odd. */
const FRAMINGS = ['length', 'length', 'length', 'length', 'none', 'chunked', 'negative', 'not-a-number', 'duplicate', 'shorter', 'length-and-chunked'] as const;
type Framing = (typeof FRAMINGS)[number];

const headers = fc.record(
  {
    'if-match': oneOfConstants(IF_MATCH),
    'content-type': oneOfConstants(CONTENT_TYPES),
    'x-request-id': oneOfConstants(['abc', 'a b', '<x>', 'x'.repeat(200), '$(id)', 'ü€😀']),
    accept: oneOfConstants(['*/*', 'text/html', 'application/xml', '']),
  },
  { requiredKeys: [] },
);

const jsonNumber = oneOfConstants(JSON_NUMBERS);
const jsonString = stringValue.map((text) => JSON.stringify(text));
const fieldValue = fc.oneof({ weight: 3, arbitrary: jsonNumber }, { weight: 2, arbitrary: jsonString });
const validSku = fc.integer({ min: 1, max: 10_000 }).map((n) => JSON.stringify(`GEN-${n}`));
const validQuantity = fc.integer({ min: 0, max: 1000 }).map(String);
const objectBody = fc
  .record(
    {
      sku: fc.oneof(validSku, fieldValue),
      name: fc.oneof(jsonString, fieldValue),
      quantity: fc.oneof(validQuantity, fieldValue),
      price: fc.oneof(oneOfConstants(['1', '2.5', '0']), fieldValue),
      delta: fc.oneof(fc.integer({ min: -5, max: 5 }).map(String), fieldValue),
      extra: fieldValue,
    },
    { requiredKeys: [] },
  )
  .map(
    (fields) =>
      `{${Object.entries(fields)
        .map(([key, value]) => `${JSON.stringify(key)}:${value}`)
        .join(',')}}`,
  );

const RAW_BODIES = [
  '',
  '{',
  '}',
  'NaN',
  'null',
  '[]',
  '"x"',
  '1',
  '{"quantity":1e309}',
  '{"delta":-1e309}',
  '{"price":-0}',
  '{"quantity":1,"quantity":"x"}',
  '\ufeff{"delta":1}',
  '{"sku":"P-1","name":"x","quantity":1,"price":1,"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `{"delta":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
  `{"sku":"BIG-1","name":"${'x'.repeat(MEGABYTE)}","quantity":1,"price":1}`,
  `{"name":"${'é'.repeat(MEGABYTE / 2)}"}`,
  `{"sku":"${'A'.repeat(MEGABYTE)}"}`,
];
const body = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Buffer | undefined>(undefined) },
  { weight: 8, arbitrary: objectBody.map((text) => Buffer.from(text)) },
  { weight: 2, arbitrary: oneOfConstants(RAW_BODIES).map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')) },
  // Not UTF-8 at all.
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.concat([Buffer.from('{"name":"'), Buffer.from(bytes), Buffer.from('"}')])) },
);

interface FuzzRequest {
  route: Route;
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  framing: Framing;
}

const anyRequest = fc
  .record({ path, query: queryString, method, headers, body, framing: oneOfConstants(FRAMINGS) })
  .map(({ path: [route, target], query, method, headers, body, framing }): FuzzRequest => ({
    route,
    method,
    target: `${target}${query}`,
    headers,
    body,
    framing,
  }));

/** A well-formed write with at most one field swapped for a hostile value: where validation gaps hide. */
const existingId = fc.integer({ min: 1, max: SEEDED_ITEMS + 5 });
const validFields = fc.record({
  sku: validSku,
  name: fc.constantFrom('"Bolt"', '"Nut M6"', JSON.stringify('ü€😀')),
  quantity: validQuantity,
  price: oneOfConstants(['0', '0.15', '2.5', '9999999999.99']),
});
const withOneBadField = (fields: Record<string, string>, bad: [string, string] | null): Buffer =>
  Buffer.from(
    `{${Object.entries(bad === null ? fields : { ...fields, [bad[0]]: bad[1] })
      .map(([key, value]) => `${JSON.stringify(key)}:${value}`)
      .join(',')}}`,
  );
const badField = (keys: string[]) => fc.option(fc.tuple(oneOfConstants(keys), fieldValue), { freq: 2 });
const json = { 'content-type': 'application/json' };
const wellFormedWrite = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(validFields, badField(['sku', 'name', 'quantity', 'price', 'extra'])).map(([fields, bad]): FuzzRequest => ({
      route: 'items',
      method: 'POST',
      target: '/api/items',
      headers: json,
      body: withOneBadField(fields, bad),
      framing: 'length',
    })),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        existingId,
        validFields,
        fc.subarray(['sku', 'name', 'quantity', 'price'], { minLength: 1 }),
        badField(['sku', 'name', 'quantity', 'price', 'version']),
        fc.option(oneOfConstants(IF_MATCH)),
      )
      .map(([id, fields, keep, bad, ifMatch]): FuzzRequest => ({
        route: 'item',
        method: 'PATCH',
        target: `/api/items/${id}`,
        headers: ifMatch === null ? json : { ...json, 'if-match': ifMatch },
        body: withOneBadField(Object.fromEntries(Object.entries(fields).filter(([key]) => keep.includes(key))), bad),
        framing: 'length',
      })),
  },
  {
    weight: 4,
    arbitrary: fc.tuple(existingId, fc.oneof(fc.integer({ min: -5, max: 5 }).map(String), jsonNumber)).map(([id, delta]): FuzzRequest => ({
      route: 'adjust',
      method: 'POST',
      target: `/api/items/${id}/adjust`,
      headers: json,
      body: Buffer.from(`{"delta":${delta}}`),
      framing: 'length',
    })),
  },
  {
    weight: 1,
    arbitrary: existingId.map((id): FuzzRequest => ({
      route: 'item',
      method: 'DELETE',
      target: `/api/items/${id}`,
      headers: {},
      body: undefined,
      framing: 'length',
    })),
  },
);

const request = fc.oneof({ weight: 3, arbitrary: anyRequest }, { weight: 2, arbitrary: wellFormedWrite });

// ---------------------------------------------------------------- raw HTTP

function encode(req: FuzzRequest): Buffer {
  const lines = [`${req.method} ${req.target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of Object.entries(req.headers)) lines.push(`${name}: ${value}`);
  const payload = req.body ?? Buffer.alloc(0);
  let framed = payload;
  switch (req.framing) {
    case 'length':
      if (req.body !== undefined) lines.push(`Content-Length: ${payload.length}`);
      break;
    // Bytes beyond the framing would be a second, pipelined request, whose 400 can overtake
    // the first one's answer: send only what the framing says is this request.
    case 'none':
      framed = Buffer.alloc(0);
      break;
    case 'chunked':
      lines.push('Transfer-Encoding: chunked');
      framed = Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from(payload.length > 0 ? '\r\n0\r\n\r\n' : '\r\n')]);
      break;
    case 'negative':
      lines.push('Content-Length: -1');
      break;
    case 'not-a-number':
      lines.push('Content-Length: 1e3');
      break;
    case 'duplicate':
      lines.push(`Content-Length: ${payload.length}`, `Content-Length: ${payload.length + 1}`);
      break;
    case 'shorter':
      framed = payload.subarray(0, Math.floor(payload.length / 2));
      lines.push(`Content-Length: ${framed.length}`);
      break;
    case 'length-and-chunked':
      lines.push(`Content-Length: ${payload.length}`, 'Transfer-Encoding: chunked');
      break;
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), framed]);
}

/** Sends one request on its own connection; the status of the first answer, or undefined when none came. */
function send(raw: Buffer): Promise<number | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    // The request says Connection: close, so the server closes once it has answered. (Half-closing
    // from this side instead makes Node drop the request unanswered.)
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may answer (413, 400) and close before it has read the whole body.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(Buffer.concat(chunks).subarray(0, 32).toString('latin1'))?.[1];
      resolve(status === undefined ? undefined : Number(status));
    });
    socket.write(raw);
  });
}

async function snapshot(): Promise<string> {
  const result = await db.query('SELECT id, sku, name, quantity, price::text, version, created_at, updated_at FROM items ORDER BY id');
  return JSON.stringify(result.rows);
}

const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'FOO', 'get', 'PUT']);

function describeRequest(index: number, req: FuzzRequest): string {
  const bodyText =
    req.body === undefined
      ? '(none)'
      : req.body.length > 200
        ? `${req.body.subarray(0, 200).toString('latin1')}… (${req.body.length} bytes)`
        : req.body.toString('latin1');
  return `seed ${SEED} #${index}: ${req.method} ${req.target.slice(0, 200)} framing=${req.framing} headers=${JSON.stringify(req.headers)} body=${bodyText}`;
}

it(`answers ${RUNS} generated requests without a 5xx, and rejected requests change nothing`, async () => {
  console.log(`API fuzz: seed ${SEED} (set FUZZ_SEED to replay, FUZZ_RUNS for more), ${RUNS} requests`);
  const requests = fc.sample(request, { seed: SEED, numRuns: RUNS });
  const statuses = new Map<string, number>();
  const perRoute = new Map<Route, number>();
  const serverErrors: string[] = [];
  const noAnswer: string[] = [];
  const changedByRejected: string[] = [];
  const started = Date.now();

  for (const [index, req] of requests.entries()) {
    perRoute.set(req.route, (perRoute.get(req.route) ?? 0) + 1);
    const before = await snapshot();
    const status = await send(encode(req));
    const after = await snapshot();
    const key = status === undefined ? 'none' : String(status);
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    // Node closes a CONNECT's connection unanswered when nothing listens for the proxy method:
    // nothing reaches the service. Any other request must get an answer.
    if (status === undefined) {
      if (req.method !== 'CONNECT') noAnswer.push(describeRequest(index, req));
    } else if (status >= 500) serverErrors.push(`${status} ${describeRequest(index, req)}`);
    if (before !== after && (status === undefined || status >= 400 || READ_ONLY.has(req.method)))
      changedByRejected.push(`${status} ${describeRequest(index, req)}`);
  }

  const seconds = (Date.now() - started) / 1000;
  console.log(
    `API fuzz: ${RUNS} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; routes ${JSON.stringify(Object.fromEntries(perRoute))}`,
  );

  expect(serverErrors, 'answers with a 5xx').toEqual([]);
  expect(noAnswer, 'requests that got no answer').toEqual([]);
  expect(changedByRejected, 'rejected or read-only requests that changed the database').toEqual([]);
  // Every route was exercised, and some requests were valid enough to change data.
  for (const route of ['health', 'ready', 'metrics', 'openapi', 'items', 'item', 'adjust', 'unknown'] as const)
    expect(perRoute.get(route) ?? 0, route).toBeGreaterThan(10);
  expect([...statuses.keys()].filter((status) => status.startsWith('2')).length).toBeGreaterThan(1);
  // The service still serves.
  expect((await ctx.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
}, 120_000);
