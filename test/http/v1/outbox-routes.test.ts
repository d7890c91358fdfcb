import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, NOW, startTestServer, TOKENS } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';
import { seedRows } from './seed-rows.js';

describe('/v1/outbox', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
    const seed = seedRows(t.storage);
    await seed.outbox({
      channel: 'shopify',
      item_id: 'item-1',
      location_handle: 'queen-st',
      target: '{"safetyStock":2,"reserved":1}',
      target_version: 4,
      sent_version: 3,
      status: 'parked',
      attempts: 8,
      next_attempt_at: '2026-05-04T09:00:00.000Z',
      last_error: 'INVALID_LOCATION: location is not active',
      signal_at: '2026-05-04T08:59:00.000Z',
      updated_at: '2026-05-04T09:00:00.000Z',
      claimed_by: 'worker-gone',
      claim_expires_at: '2026-05-04T09:00:30.000Z',
    });
    await seed.outbox({ channel: 'google', item_id: 'item-1', location_handle: 'queen-st' });
    await seed.outbox({
      channel: 'shopify',
      item_id: 'item/2',
      location_handle: 'king-st',
      status: 'parked',
    });
  });
  afterEach(async () => {
    await t.close();
  });

  async function get(query: string) {
    return t.server.inject({
      method: 'GET',
      url: `/v1/outbox${query}`,
      headers: bearer(TOKENS.read),
    });
  }

  function replay(channel: string, item: string, location: string) {
    const path = [channel, item, location].map(encodeURIComponent).join('/');
    return t.server.inject({
      method: 'POST',
      url: `/v1/outbox/${path}/replay`,
      headers: bearer(TOKENS.admin),
    });
  }

  it('lists rows by channel, item and location', async () => {
    const body = (await get('')).json<{ outbox: { channel: string; itemId: string }[] }>();

    expect(body.outbox.map((r) => `${r.channel}:${r.itemId}`)).toEqual([
      'google:item-1',
      'shopify:item-1',
      'shopify:item/2',
    ]);
  });

  it('lists the parked rows of a channel with their reason and target', async () => {
    const response = await get('?status=parked&channel=shopify&limit=1');

    expect(response.json()).toEqual({
      outbox: [
        {
          channel: 'shopify',
          itemId: 'item-1',
          location: 'queen-st',
          target: { safetyStock: 2, reserved: 1 },
          targetVersion: 4,
          sentVersion: 3,
          status: 'parked',
          attempts: 8,
          nextAttemptAt: '2026-05-04T09:00:00.000Z',
          lastError: 'INVALID_LOCATION: location is not active',
          signalAt: '2026-05-04T08:59:00.000Z',
          updatedAt: '2026-05-04T09:00:00.000Z',
        },
      ],
      nextCursor: expect.any(String),
    });
  });

  it('refuses a status other than parked or pending', async () => {
    const response = await get('?status=sent');

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { details: { parameter: 'status', seen: 'sent', expected: 'one of parked, pending' } },
    });
  });

  it('hands a parked push back as pending, due now, with a fresh attempt budget, and wakes the outbox', async () => {
    const response = await replay('shopify', 'item-1', 'queen-st');

    expect(response.statusCode).toBe(200);
    const row = await t.storage.db
      .selectFrom('outbox')
      .selectAll()
      .where('channel', '=', 'shopify')
      .where('item_id', '=', 'item-1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 0,
      next_attempt_at: NOW,
      updated_at: NOW,
      claimed_by: null,
      claim_expires_at: null,
      target_version: 4,
    });
    expect(t.wakes.outbox).toBe(1);
  });

  it('replays an item whose id holds a slash, sent percent-encoded', async () => {
    const response = await replay('shopify', 'item/2', 'king-st');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ outbox: { itemId: 'item/2', status: 'pending' } });
  });

  it('answers 409 for a pending row and 404 for no row', async () => {
    const pending = await replay('google', 'item-1', 'queen-st');
    const missing = await replay('google', 'item-9', 'queen-st');

    expect(pending.statusCode).toBe(409);
    expect(pending.json()).toMatchObject({
      error: { code: 'not_replayable', details: { seen: 'pending' } },
    });
    expect(missing.statusCode).toBe(404);
    expect(t.wakes.outbox).toBe(0);
  });
});
