import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestServer, TOKENS } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';
import { seedRows } from './seed-rows.js';

interface Movement {
  id: string;
}

describe('GET /v1/movements', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    const seed = seedRows(t.storage);
    await seed.location({ handle: 'queen-st' });
    await seed.location({ handle: 'king-st' });
    await seed.item({ id: 'item-1' });
    await seed.item({ id: 'item-2' });
    await seed.movement({
      id: 'mv-1',
      item_id: 'item-1',
      location_handle: 'queen-st',
      state: 'on_hand',
      delta: 12,
      quantity_after: 12,
      cause_kind: 'count',
      cause_ref: 'count-2026-05-01',
      occurred_at: '2026-05-01T09:00:00.000Z',
      learned_at: '2026-05-01T09:00:02.000Z',
    });
    await seed.movement({
      id: 'mv-2',
      item_id: 'item-1',
      location_handle: 'queen-st',
      delta: -1,
      quantity_after: 11,
      cause_ref: 'gid://shopify/LineItem/466157049',
      occurred_at: '2026-05-03T14:30:00.000Z',
    });
    await seed.movement({
      id: 'mv-3',
      item_id: 'item-2',
      location_handle: 'king-st',
      occurred_at: '2026-05-02T11:00:00.000Z',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function get(query: string) {
    return t.server.inject({
      method: 'GET',
      url: `/v1/movements${query}`,
      headers: bearer(TOKENS.read),
    });
  }

  it('lists the ledger newest first', async () => {
    const body = (await get('')).json<{ movements: Movement[] }>();

    expect(body.movements.map((m) => m.id)).toEqual(['mv-2', 'mv-3', 'mv-1']);
  });

  it('shows each movement with its cause', async () => {
    const body = (await get('?item=item-1&location=queen-st&limit=1')).json<{
      movements: unknown[];
      nextCursor: string;
    }>();

    expect(body.movements).toEqual([
      {
        id: 'mv-2',
        itemId: 'item-1',
        location: 'queen-st',
        state: 'available',
        delta: -1,
        quantityAfter: 11,
        cause: { kind: 'order_line', ref: 'gid://shopify/LineItem/466157049' },
        source: 'shopify',
        occurredAt: '2026-05-03T14:30:00.000Z',
        learnedAt: '2026-05-03T14:30:00.000Z',
      },
    ]);
    const next = (
      await get(`?item=item-1&location=queen-st&limit=1&cursor=${body.nextCursor}`)
    ).json<{
      movements: Movement[];
      nextCursor: string | null;
    }>();
    expect(next.movements.map((m) => m.id)).toEqual(['mv-1']);
    expect(next.nextCursor).toBeNull();
  });

  it('answers 404 for an unknown location and 400 for a limit over the maximum', async () => {
    const unknown = await get('?location=atlantis');
    const tooMany = await get('?limit=1001');

    expect(unknown.statusCode).toBe(404);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({
      error: {
        details: { parameter: 'limit', seen: '1001', expected: 'an integer from 1 to 1000' },
      },
    });
  });
});
