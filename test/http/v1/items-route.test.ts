import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestServer, TOKENS } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';
import { seedRows } from './seed-rows.js';

describe('GET /v1/items', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    const seed = seedRows(t.storage);
    await seed.item({
      id: 'item-a',
      sku: 'MUG-RED',
      barcode: '0629104150021',
      title: 'Mug, red',
      shopify_inventory_item_id: '49148385',
      shopify_variant_id: '808950810',
      inventory_policy: 'deny',
    });
    // A SKU can be shared: the same code on two items.
    await seed.item({ id: 'item-b', sku: 'MUG-RED', tracked: 0 });
    await seed.item({ id: 'item-c', sku: 'MUG-BLUE' });
    await seed.item({ id: 'item-d', sku: 'MUG-RED', deleted_at: '2026-05-02T00:00:00.000Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function get(query: string) {
    return t.server.inject({
      method: 'GET',
      url: `/v1/items${query}`,
      headers: bearer(TOKENS.read),
    });
  }

  it('lists items by id, leaving deleted ones out', async () => {
    const response = await get('');

    expect(response.statusCode).toBe(200);
    const body = response.json<{ items: { id: string }[]; nextCursor: string | null }>();
    expect(body.items.map((item) => item.id)).toEqual(['item-a', 'item-b', 'item-c']);
    expect(body.nextCursor).toBeNull();
    expect(body.items[0]).toEqual({
      id: 'item-a',
      sku: 'MUG-RED',
      barcode: '0629104150021',
      title: 'Mug, red',
      shopifyInventoryItemId: '49148385',
      shopifyVariantId: '808950810',
      tracked: true,
      inventoryPolicy: 'deny',
    });
  });

  it('filters by SKU, which may match several items', async () => {
    const response = await get('?sku=MUG-RED');

    const ids = response.json<{ items: { id: string; tracked: boolean }[] }>().items;
    expect(ids.map((item) => [item.id, item.tracked])).toEqual([
      ['item-a', true],
      ['item-b', false],
    ]);
  });

  it('pages with limit and cursor without skipping or repeating', async () => {
    const first = (await get('?limit=2')).json<{ items: { id: string }[]; nextCursor: string }>();
    const second = (await get(`?limit=2&cursor=${first.nextCursor}`)).json<{
      items: { id: string }[];
      nextCursor: string | null;
    }>();

    expect(first.items.map((item) => item.id)).toEqual(['item-a', 'item-b']);
    expect(second.items.map((item) => item.id)).toEqual(['item-c']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a limit out of range, naming the parameter, what was seen and what was expected', async () => {
    const response = await get('?limit=0');

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: 'query parameter limit is "0"; expected an integer from 1 to 500',
        details: {
          parameter: 'limit',
          seen: '0',
          expected: 'an integer from 1 to 500',
          problems: [{ parameter: 'limit', seen: '0', expected: 'an integer from 1 to 500' }],
        },
      },
    });
  });

  it('refuses a limit that is not a number, and a repeated one', async () => {
    const word = await get('?limit=ten');
    const twice = await get('?limit=1&limit=2');

    expect(word.json()).toMatchObject({ error: { details: { parameter: 'limit', seen: 'ten' } } });
    expect(twice.json()).toMatchObject({
      error: { details: { parameter: 'limit', seen: ['1', '2'] } },
    });
  });

  it('refuses a cursor it did not issue', async () => {
    const response = await get('?cursor=bm90LWEtY3Vyc29y');

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'invalid_request', details: { parameter: 'cursor' } },
    });
  });
});
