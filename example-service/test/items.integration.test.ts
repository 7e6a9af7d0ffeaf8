import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from './helpers/app.js';
import type { Item } from '../src/items/repository.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp({ BODY_LIMIT_BYTES: '1024' });
});
afterAll(async () => {
  await ctx?.close();
});

type ItemBody = Item;

let skuCounter = 0;
async function createItem(fields: Partial<Omit<ItemBody, 'id'>> = {}): Promise<ItemBody> {
  skuCounter += 1;
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/items',
    payload: { sku: `SKU-${skuCounter}`, name: `Item ${skuCounter}`, quantity: 10, price: 2.5, ...fields },
  });
  expect(response.statusCode).toBe(201);
  return response.json<ItemBody>();
}

function expectError(response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, statusCode: number, code: string) {
  expect(response.statusCode).toBe(statusCode);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json()).toMatchObject({ statusCode, code, error: expect.any(String), message: expect.any(String) });
}

describe('POST /api/items', () => {
  it('creates an item at version 1 and answers 201 with it', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/items',
      payload: { sku: 'BOLT-M6', name: 'Bolt M6', quantity: 100, price: 0.15 },
    });
    expect(response.statusCode).toBe(201);
    const item = response.json<ItemBody>();
    expect(item).toEqual({
      id: expect.any(Number),
      sku: 'BOLT-M6',
      name: 'Bolt M6',
      quantity: 100,
      price: 0.15,
      version: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      updatedAt: item.createdAt,
    });
    expect(response.headers.location).toBe(`/api/items/${item.id}`);
    expect(response.headers.etag).toBe('"1"');
  });

  it('gives a Location without the query string of the request', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/items/?next=https://evil.example/%0d%0aSet-Cookie:x=1&x=<script>',
      payload: { sku: 'QUERY-1', name: 'Query', quantity: 1, price: 1 },
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe(`/api/items/${response.json<ItemBody>().id}`);
  });

  it('answers 409 for a duplicate sku', async () => {
    const existing = await createItem();
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/items',
      payload: { sku: existing.sku, name: 'Another', quantity: 1, price: 1 },
    });
    expectError(response, 409, 'DUPLICATE_SKU');
  });

  it.each([
    ['a missing field', { sku: 'X-1', name: 'x', quantity: 1 }],
    ['a string quantity', { sku: 'X-1', name: 'x', quantity: '1', price: 1 }],
    ['a negative quantity', { sku: 'X-1', name: 'x', quantity: -1, price: 1 }],
    ['a fractional quantity', { sku: 'X-1', name: 'x', quantity: 1.5, price: 1 }],
    ['a quantity beyond 32 bits', { sku: 'X-1', name: 'x', quantity: 2 ** 31, price: 1 }],
    ['a price with 3 decimals', { sku: 'X-1', name: 'x', quantity: 1, price: 1.005 }],
    ['a negative price', { sku: 'X-1', name: 'x', quantity: 1, price: -1 }],
    ['an empty name', { sku: 'X-1', name: '  ', quantity: 1, price: 1 }],
    ['a sku with spaces', { sku: 'X 1', name: 'x', quantity: 1, price: 1 }],
    ['a NUL character in the name', { sku: 'X-1', name: 'a\u0000b', quantity: 1, price: 1 }],
    ['an unknown field', { sku: 'X-1', name: 'x', quantity: 1, price: 1, colour: 'red' }],
    ['an array', [{ sku: 'X-1' }]],
    ['null', null],
  ])('answers 400 for %s', async (_case, payload) => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/items',
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.json<{ details: unknown[] }>().details.length).toBeGreaterThan(0);
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/items', payload: '{"sku":', headers: { 'content-type': 'application/json' } });
    expectError(response, 400, 'FST_ERR_CTP_INVALID_JSON_BODY');
  });

  it('answers 400 for an empty JSON body', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/items', payload: '', headers: { 'content-type': 'application/json' } });
    expectError(response, 400, 'FST_ERR_CTP_EMPTY_JSON_BODY');
  });

  it('answers 400 for prototype poisoning', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/items',
      payload: '{"sku":"P-1","name":"p","quantity":1,"price":1,"__proto__":{"admin":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expectError(response, 400, 'FST_ERR_CTP_INVALID_JSON_BODY');
  });

  it.each(['application/x-www-form-urlencoded', 'text/plain'])('answers 415 for a %s body', async (contentType) => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/items', payload: 'sku=X', headers: { 'content-type': contentType } });
    expectError(response, 415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE');
  });

  it('answers 413 for a body over BODY_LIMIT_BYTES', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/items',
      payload: { sku: 'BIG-1', name: 'x'.repeat(2000), quantity: 1, price: 1 },
    });
    expectError(response, 413, 'FST_ERR_CTP_BODY_TOO_LARGE');
  });
});

describe('GET /api/items/:id', () => {
  it('answers the item with its version as ETag', async () => {
    const created = await createItem({ price: 1234567.89 });
    const response = await ctx.app.inject({ method: 'GET', url: `/api/items/${created.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(created);
    expect(response.headers.etag).toBe('"1"');
  });

  it('answers 404 for an unknown id', async () => {
    expectError(await ctx.app.inject({ method: 'GET', url: '/api/items/999999' }), 404, 'ITEM_NOT_FOUND');
  });

  it('answers each of many concurrent reads with its own item (reads are batched)', async () => {
    const items = [await createItem(), await createItem(), await createItem()];
    const ids = [...items.map((item) => item.id), 999_998, ...items.map((item) => item.id)];
    const responses = await Promise.all(ids.map((id) => ctx.app.inject({ method: 'GET', url: `/api/items/${id}` })));
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 404, 200, 200, 200]);
    expect(responses.filter((response) => response.statusCode === 200).map((response) => response.json<ItemBody>().sku)).toEqual([
      ...items.map((item) => item.sku),
      ...items.map((item) => item.sku),
    ]);
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999', "1' OR '1'='1"])('answers 400 for the id %s', async (id) => {
    expectError(await ctx.app.inject({ method: 'GET', url: `/api/items/${encodeURIComponent(id)}` }), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 for a malformed URL and 414 for an absurdly long id', async () => {
    expectError(await ctx.app.inject({ method: 'GET', url: '/api/items/%zz' }), 400, 'FST_ERR_BAD_URL');
    const tooLong = await ctx.app.inject({ method: 'GET', url: `/api/items/${'9'.repeat(80)}` });
    expectError(tooLong, 414, 'FST_ERR_MAX_PARAM_LENGTH');
    expect(tooLong.json()).toMatchObject({ error: 'URI Too Long' });
  });
});

describe('GET /api/items', () => {
  let listed: ItemBody[];
  beforeAll(async () => {
    listed = [
      await createItem({ sku: 'LIST-A', name: 'Blue Widget', quantity: 0 }),
      await createItem({ sku: 'LIST-B', name: 'Red widget', quantity: 5 }),
      await createItem({ sku: 'LIST-C', name: 'Green 100%_gadget', quantity: 50 }),
    ];
  });

  it('pages through items in id order with the total', async () => {
    const first = await ctx.app.inject({ method: 'GET', url: '/api/items?limit=2' });
    expect(first.statusCode).toBe(200);
    const page = first.json<{ items: ItemBody[]; total: number; limit: number; offset: number }>();
    expect(page.items).toHaveLength(2);
    expect(page.limit).toBe(2);
    expect(page.offset).toBe(0);
    const all = await ctx.app.inject({ method: 'GET', url: `/api/items?limit=100` });
    const everything = all.json<{ items: ItemBody[]; total: number }>();
    expect(everything.total).toBe(everything.items.length);
    expect(everything.items.map((item) => item.id)).toEqual([...everything.items.map((item) => item.id)].sort((a, b) => a - b));
    const second = await ctx.app.inject({ method: 'GET', url: '/api/items?limit=2&offset=2' });
    expect(second.json<{ items: ItemBody[] }>().items).toEqual(everything.items.slice(2, 4));
  });

  it.each([
    ['sku=LIST-B', ['LIST-B']],
    ['name=widget', ['LIST-A', 'LIST-B']],
    ['name=100%25_', ['LIST-C']],
    ['name=%25', ['LIST-C']],
    ['inStock=false&name=widget', ['LIST-A']],
    ['inStock=true&name=widget', ['LIST-B']],
    ['minQuantity=5&maxQuantity=50&sku=LIST-C', ['LIST-C']],
    ['minQuantity=6&name=widget', []],
  ])('filters with %s', async (query, skus) => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/items?${query}` });
    expect(response.statusCode).toBe(200);
    const page = response.json<{ items: ItemBody[]; total: number }>();
    expect(page.items.map((item) => item.sku)).toEqual(skus);
    expect(page.total).toBe(skus.length);
    expect(listed).toHaveLength(3);
  });

  it.each(['name=a%00b', 'limit=0', 'limit=101', 'limit=ten', 'offset=-1', 'inStock=yes', 'colour=red', 'limit=1&limit=2', 'minQuantity=9&maxQuantity=1'])(
    'answers 400 for %s',
    async (query) => {
      expectError(await ctx.app.inject({ method: 'GET', url: `/api/items?${query}` }), 400, 'VALIDATION_FAILED');
    },
  );
});

describe('PATCH /api/items/:id', () => {
  it('changes the given fields and bumps the version', async () => {
    const created = await createItem();
    const response = await ctx.app.inject({ method: 'PATCH', url: `/api/items/${created.id}`, payload: { name: 'Renamed', price: 3 } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ...created, name: 'Renamed', price: 3, version: 2, updatedAt: expect.any(String) });
    expect(response.headers.etag).toBe('"2"');
  });

  it('applies with a matching If-Match and answers 412 with a stale one', async () => {
    const created = await createItem();
    const fresh = await ctx.app.inject({ method: 'PATCH', url: `/api/items/${created.id}`, headers: { 'if-match': '"1"' }, payload: { quantity: 7 } });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toMatchObject({ quantity: 7, version: 2 });
    const stale = await ctx.app.inject({ method: 'PATCH', url: `/api/items/${created.id}`, headers: { 'if-match': '"1"' }, payload: { quantity: 8 } });
    expectError(stale, 412, 'VERSION_MISMATCH');
    const weak = await ctx.app.inject({ method: 'PATCH', url: `/api/items/${created.id}`, headers: { 'if-match': 'W/"2"' }, payload: { quantity: 9 } });
    expect(weak.json()).toMatchObject({ quantity: 9, version: 3 });
    const any = await ctx.app.inject({ method: 'PATCH', url: `/api/items/${created.id}`, headers: { 'if-match': '*' }, payload: { quantity: 10 } });
    expect(any.json()).toMatchObject({ quantity: 10, version: 4 });
  });

  // Well-formed entity-tags that no version can have (RFC 9110 compares tags as opaque text):
  // the precondition is false, so 412, and the item is unchanged.
  it.each(['"9999999999"', '"2147483648"', 'W/"4294967296"', '"0"', '"01"', '"0000000001"'])(
    'answers 412 for If-Match %s and changes nothing',
    async (ifMatch) => {
      const created = await createItem();
      expectError(
        await ctx.app.inject({ method: 'PATCH', url: `/api/items/${created.id}`, headers: { 'if-match': ifMatch }, payload: { quantity: 1 } }),
        412,
        'VERSION_MISMATCH',
      );
      expect((await ctx.app.inject({ method: 'GET', url: `/api/items/${created.id}` })).json()).toEqual(created);
    },
  );

  it('answers 404 for If-Match "9999999999" on an unknown id', async () => {
    expectError(
      await ctx.app.inject({ method: 'PATCH', url: '/api/items/999999', headers: { 'if-match': '"9999999999"' }, payload: { quantity: 1 } }),
      404,
      'ITEM_NOT_FOUND',
    );
  });

  it('hands If-Match at the largest version the column holds to the database (412: the item is at version 1)', async () => {
    const created = await createItem();
    expectError(
      await ctx.app.inject({ method: 'PATCH', url: `/api/items/${created.id}`, headers: { 'if-match': '"2147483647"' }, payload: { quantity: 1 } }),
      412,
      'VERSION_MISMATCH',
    );
  });

  it('answers 400 for a malformed If-Match', async () => {
    const created = await createItem();
    expectError(
      await ctx.app.inject({ method: 'PATCH', url: `/api/items/${created.id}`, headers: { 'if-match': '1' }, payload: { quantity: 1 } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers 409 when the new sku is taken', async () => {
    const first = await createItem();
    const second = await createItem();
    expectError(await ctx.app.inject({ method: 'PATCH', url: `/api/items/${second.id}`, payload: { sku: first.sku } }), 409, 'DUPLICATE_SKU');
  });

  it('answers 404 for an unknown id, with or without If-Match', async () => {
    expectError(await ctx.app.inject({ method: 'PATCH', url: '/api/items/999999', payload: { quantity: 1 } }), 404, 'ITEM_NOT_FOUND');
    expectError(
      await ctx.app.inject({ method: 'PATCH', url: '/api/items/999999', headers: { 'if-match': '"1"' }, payload: { quantity: 1 } }),
      404,
      'ITEM_NOT_FOUND',
    );
  });

  it.each([[{}], [{ id: 5 }], [{ version: 9 }], [{ quantity: -3 }], [{ name: null }]])('answers 400 for %j', async (payload) => {
    const created = await createItem();
    expectError(await ctx.app.inject({ method: 'PATCH', url: `/api/items/${created.id}`, payload }), 400, 'VALIDATION_FAILED');
  });
});

describe('DELETE /api/items/:id', () => {
  it('deletes, then answers 404', async () => {
    const created = await createItem();
    const deleted = await ctx.app.inject({ method: 'DELETE', url: `/api/items/${created.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expectError(await ctx.app.inject({ method: 'GET', url: `/api/items/${created.id}` }), 404, 'ITEM_NOT_FOUND');
    expectError(await ctx.app.inject({ method: 'DELETE', url: `/api/items/${created.id}` }), 404, 'ITEM_NOT_FOUND');
  });
});

describe('POST /api/items/:id/adjust', () => {
  it('adds delta, bumps the version, and never goes below zero', async () => {
    const created = await createItem({ quantity: 3 });
    const added = await ctx.app.inject({ method: 'POST', url: `/api/items/${created.id}/adjust`, payload: { delta: 2 } });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ quantity: 5, version: 2 });
    const taken = await ctx.app.inject({ method: 'POST', url: `/api/items/${created.id}/adjust`, payload: { delta: -5 } });
    expect(taken.json()).toMatchObject({ quantity: 0, version: 3 });
    expectError(await ctx.app.inject({ method: 'POST', url: `/api/items/${created.id}/adjust`, payload: { delta: -1 } }), 409, 'INSUFFICIENT_STOCK');
    const unchanged = await ctx.app.inject({ method: 'GET', url: `/api/items/${created.id}` });
    expect(unchanged.json()).toMatchObject({ quantity: 0, version: 3 });
  });

  it('answers 409 when the quantity would overflow', async () => {
    const created = await createItem({ quantity: 2 ** 31 - 10 });
    expectError(await ctx.app.inject({ method: 'POST', url: `/api/items/${created.id}/adjust`, payload: { delta: 100 } }), 409, 'QUANTITY_OUT_OF_RANGE');
  });

  it('answers 404 for an unknown id', async () => {
    expectError(await ctx.app.inject({ method: 'POST', url: '/api/items/999999/adjust', payload: { delta: 1 } }), 404, 'ITEM_NOT_FOUND');
  });

  it.each([[{}], [{ delta: 0 }], [{ delta: 1.5 }], [{ delta: '1' }], [{ delta: 1, note: 'x' }], [{ delta: 2e9 }]])('answers 400 for %j', async (payload) => {
    const created = await createItem();
    expectError(await ctx.app.inject({ method: 'POST', url: `/api/items/${created.id}/adjust`, payload }), 400, 'VALIDATION_FAILED');
  });
});

describe('requests outside the API', () => {
  it('answers 404 with the error body for an unknown route', async () => {
    expectError(await ctx.app.inject({ method: 'GET', url: '/api/nothing?x=1' }), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers 404 for a method the route does not have', async () => {
    expectError(await ctx.app.inject({ method: 'PUT', url: '/api/items/1', payload: {} }), 404, 'ROUTE_NOT_FOUND');
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await ctx.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await ctx.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves an OpenAPI document describing every API route', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/items/', '/api/items/{id}', '/api/items/{id}/adjust', '/health', '/ready']));
    expect(Object.keys(document.paths['/api/items/{id}'] ?? {})).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(Object.keys(document.paths['/api/items/{id}']?.patch?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '404', '409', '412']));
  });
});

// Every number a client sends, at and past the edges of what the integer and numeric columns
// hold, and as non-finite or non-canonical text: a client error, never a 500 from the database.
describe('numbers at and past the edges', () => {
  const OUT_OF_RANGE_TEXT = ['0', '-1', '-0', '1.5', '2147483648', '9999999999', '99999999999999999999', '1e309', '-1e309', 'NaN', 'Infinity', 'abc'];

  it.each(OUT_OF_RANGE_TEXT)('answers 400 for the item id %j in the path', async (id) => {
    for (const [method, suffix] of [
      ['GET', ''],
      ['DELETE', ''],
      ['PATCH', ''],
      ['POST', '/adjust'],
    ] as const) {
      const response = await ctx.app.inject({
        method,
        url: `/api/items/${encodeURIComponent(id)}${suffix}`,
        payload: method === 'PATCH' ? { quantity: 1 } : method === 'POST' ? { delta: 1 } : undefined,
      });
      expectError(response, 400, 'VALIDATION_FAILED');
    }
  });

  it.each(
    ['limit', 'offset', 'minQuantity', 'maxQuantity'].flatMap((field) =>
      ['-1', '1.5', '2147483648', '9999999999', '1e309', 'NaN', 'Infinity', 'abc'].map((value) => [field, value]),
    ),
  )('answers 400 for the query parameter %s=%j', async (field, value) => {
    expectError(await ctx.app.inject({ method: 'GET', url: `/api/items?${field}=${encodeURIComponent(value)}` }), 400, 'VALIDATION_FAILED');
  });

  const bodyCases = [
    ['quantity', '2147483648'],
    ['quantity', '-2147483649'],
    ['quantity', '1e309'],
    ['quantity', '1.5'],
    ['price', '10000000000'],
    ['price', '1e309'],
    ['price', '-1e309'],
    ['price', '0.001'],
  ];
  it.each(bodyCases)('answers 400 for %s: %s in a new item and in a change, and stores nothing', async (field, value) => {
    const before = await ctx.app.inject({ method: 'GET', url: '/api/items?limit=100' });
    const fields = { sku: '"EDGE-1"', name: '"Edge"', quantity: '1', price: '1', [field]: value };
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/items',
      headers: { 'content-type': 'application/json' },
      payload: `{${Object.entries(fields)
        .map(([k, v]) => `"${k}":${v}`)
        .join(',')}}`,
    });
    expectError(created, 400, 'VALIDATION_FAILED');
    const existing = before.json<{ items: ItemBody[] }>().items[0]!;
    const changed = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/items/${existing.id}`,
      headers: { 'content-type': 'application/json' },
      payload: `{"${field}":${value}}`,
    });
    expectError(changed, 400, 'VALIDATION_FAILED');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/items?limit=100' })).json()).toEqual(before.json());
  });

  it.each(['2147483648', '1e309', '-1e309', '1e-400', '1000000001'])('answers 400 for the adjustment delta %s', async (delta) => {
    const created = await createItem();
    expectError(
      await ctx.app.inject({
        method: 'POST',
        url: `/api/items/${created.id}/adjust`,
        headers: { 'content-type': 'application/json' },
        payload: `{"delta":${delta}}`,
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('stores -0 as 0', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/items',
      headers: { 'content-type': 'application/json' },
      payload: '{"sku":"MINUS-ZERO","name":"x","quantity":-0,"price":-0}',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ quantity: 0, price: 0 });
  });
});
