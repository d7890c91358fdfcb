import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestServer, TOKENS } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';
import { seedRows } from './seed-rows.js';

interface Level {
  itemId: string;
  location: string;
  sellable: number | null;
}

describe('GET /v1/availability', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    const seed = seedRows(t.storage);
    await seed.location({ handle: 'queen-st', managed: 1, time_zone: 'America/Toronto' });
    await seed.location({ handle: 'king-st' });
    await seed.location({ handle: 'empty-st' });
    await seed.item({ id: 'item-1', sku: 'MUG-RED' });
    await seed.item({ id: 'item-2', sku: 'MUG-BLUE' });

    // Shopify's available (5) is already net of the 2 + 1 units trueshelf placed.
    await seed.level({
      item_id: 'item-1',
      location_handle: 'queen-st',
      on_hand: 10,
      available: 5,
      committed: 2,
      reserved: 1,
      safety_stock: 2,
      incoming: 4,
      placed_safety_stock: 2,
      placed_reserved: 1,
      read_at: '2026-05-04T09:59:59.000Z',
      changed_at: '2026-05-04T09:58:00.000Z',
    });
    // gross = 5 + 2 + 1 = 8; sellable = 8 - 2 (buffer) - 1 (held) = 5.
    await seed.decision({
      item_id: 'item-1',
      location_handle: 'queen-st',
      gross: 8,
      buffer: 2,
      held: 1,
      sellable: 5,
      computed_at: '2026-05-04T09:59:59.500Z',
    });
    // Read, not yet decided.
    await seed.level({ item_id: 'item-1', location_handle: 'king-st', on_hand: 3, available: 3 });
    await seed.level({ item_id: 'item-2', location_handle: 'queen-st', on_hand: 1, available: 1 });
    // Disconnected: the item is no longer stocked there.
    await seed.level({ item_id: 'item-2', location_handle: 'king-st', connected: 0 });
  });
  afterAll(async () => {
    await t.close();
  });

  async function get(query: string) {
    return t.server.inject({
      method: 'GET',
      url: `/v1/availability${query}`,
      headers: bearer(TOKENS.read),
    });
  }

  it("shows a level's states, what trueshelf placed and its decision", async () => {
    const response = await get('?sku=MUG-RED&location=queen-st');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      levels: [
        {
          itemId: 'item-1',
          sku: 'MUG-RED',
          location: 'queen-st',
          states: {
            onHand: 10,
            available: 5,
            committed: 2,
            reserved: 1,
            safetyStock: 2,
            damaged: 0,
            qualityControl: 0,
            incoming: 4,
          },
          placed: { safetyStock: 2, reserved: 1 },
          gross: 8,
          buffer: 2,
          held: 1,
          sellable: 5,
          shown: 5,
          decidedAt: '2026-05-04T09:59:59.500Z',
          lastChangeAt: '2026-05-04T09:58:00.000Z',
          readAt: '2026-05-04T09:59:59.000Z',
        },
      ],
      nextCursor: null,
    });
  });

  it('lists every connected level by item then location, undecided ones with null decisions', async () => {
    const levels = (await get('')).json<{ levels: Level[] }>().levels;

    expect(levels.map((l) => [l.itemId, l.location, l.sellable])).toEqual([
      ['item-1', 'king-st', null],
      ['item-1', 'queen-st', 5],
      ['item-2', 'queen-st', null],
    ]);
  });

  it('filters by item id and by location', async () => {
    const byItem = (await get('?item=item-1')).json<{ levels: Level[] }>().levels;
    const byLocation = (await get('?location=queen-st')).json<{ levels: Level[] }>().levels;

    expect(byItem.map((l) => l.location)).toEqual(['king-st', 'queen-st']);
    expect(byLocation.map((l) => l.itemId)).toEqual(['item-1', 'item-2']);
  });

  it('pages across the composite key', async () => {
    const first = (await get('?limit=2')).json<{ levels: Level[]; nextCursor: string }>();
    const second = (await get(`?limit=2&cursor=${first.nextCursor}`)).json<{ levels: Level[] }>();

    expect(first.levels.map((l) => `${l.itemId}@${l.location}`)).toEqual([
      'item-1@king-st',
      'item-1@queen-st',
    ]);
    expect(second.levels.map((l) => `${l.itemId}@${l.location}`)).toEqual(['item-2@queen-st']);
  });

  it('answers an empty list for a SKU that matches nothing', async () => {
    const response = await get('?sku=NO-SUCH-SKU');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ levels: [], nextCursor: null });
  });

  it('answers an empty list for a known location with no levels', async () => {
    const response = await get('?location=empty-st');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ levels: [], nextCursor: null });
  });

  it('answers 404 unknown_location for a handle that does not exist', async () => {
    const response = await get('?location=atlantis');

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      error: { code: 'unknown_location', details: { parameter: 'location', seen: 'atlantis' } },
    });
  });

  it('answers 404 unknown_item for an item id that does not exist', async () => {
    const response = await get('?item=item-99');

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'unknown_item' } });
  });

  it('refuses an empty SKU, naming the parameter', async () => {
    const response = await get('?sku=');

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'invalid_request', details: { parameter: 'sku', seen: '' } },
    });
  });
});
