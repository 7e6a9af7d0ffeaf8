import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from './helpers/app.js';

let ctx: TestContext;
let baseUrl: string;
beforeAll(async () => {
  ctx = await startTestApp();
  baseUrl = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await ctx?.close();
});

async function createItem(sku: string, quantity: number): Promise<number> {
  const response = await fetch(`${baseUrl}/api/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sku, name: sku, quantity, price: 1 }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

function adjust(id: number, delta: number): Promise<Response> {
  return fetch(`${baseUrl}/api/items/${id}/adjust`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ delta }),
  });
}

async function currentItem(id: number): Promise<{ quantity: number; version: number }> {
  return (await (await fetch(`${baseUrl}/api/items/${id}`)).json()) as { quantity: number; version: number };
}

describe('concurrent adjustments over HTTP', () => {
  it('lose no update: 100 concurrent +1/-1 adjustments all count', async () => {
    const id = await createItem('CONCURRENT-1', 1000);
    const deltas = Array.from({ length: 100 }, (_, index) => (index % 4 === 0 ? -1 : 1));
    const responses = await Promise.all(deltas.map((delta) => adjust(id, delta)));
    expect(responses.map((response) => response.status)).toEqual(deltas.map(() => 200));
    const versions = await Promise.all(responses.map(async (response) => ((await response.json()) as { version: number }).version));
    // Every adjustment saw a distinct version: each one was applied on top of the previous.
    expect(new Set(versions).size).toBe(100);
    expect(await currentItem(id)).toEqual(expect.objectContaining({ quantity: 1000 + deltas.reduce((sum, delta) => sum + delta, 0), version: 101 }));
  });

  it('never go below zero: of 100 concurrent -1 on a stock of 40, exactly 40 succeed', async () => {
    const id = await createItem('CONCURRENT-2', 40);
    const responses = await Promise.all(Array.from({ length: 100 }, () => adjust(id, -1)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(40);
    expect(statuses.filter((status) => status === 409)).toHaveLength(60);
    const conflict = responses.find((response) => response.status === 409);
    expect(await conflict?.json()).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(await currentItem(id)).toEqual(expect.objectContaining({ quantity: 0, version: 41 }));
  });
});
