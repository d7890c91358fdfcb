import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, TOKENS } from '../http/http-test-context.js';
import type { TestServer } from '../http/http-test-context.js';
import { seedRows } from '../http/v1/seed-rows.js';

// One level: queen-st keeps 3 units back (its bufferUnits, no rules set), decided as
// gross 8 − buffer 3 − held 0 = sellable 5.
describe('the dashboard buffer explanation call', () => {
  let t: TestServer;
  let cookie: string;

  beforeEach(async () => {
    t = await startTestServer();
    const seed = seedRows(t.storage);
    await seed.location({
      handle: 'queen-st',
      name: 'Queen St',
      mode: 'publish',
      managed: 1,
      buffer_units: 3,
      time_zone: 'America/New_York',
    });
    await seed.item({ id: 'item-1', sku: 'MUG-RED' });
    await seed.level({ item_id: 'item-1', location_handle: 'queen-st', on_hand: 8, available: 8 });
    await seed.decision({
      item_id: 'item-1',
      location_handle: 'queen-st',
      gross: 8,
      buffer: 3,
      held: 0,
      sellable: 5,
    });

    const reply = await t.server.inject({
      method: 'POST',
      url: '/dashboard/session',
      payload: { token: TOKENS.read },
    });
    cookie = String(reply.headers['set-cookie']).split(';')[0] ?? '';
  });
  afterEach(async () => {
    await t.close();
  });

  const get = (url: string) => t.server.inject({ method: 'GET', url, headers: { cookie } });

  it('explains a level as the availability explain API does', async () => {
    const mine = await get('/dashboard/api/explain?item=item-1&location=queen-st');
    const api = await t.server.inject({
      method: 'GET',
      url: '/v1/availability/explain?item=item-1&location=queen-st',
      headers: { authorization: `Bearer ${TOKENS.read}` },
    });

    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      available: true,
      explanation: { buffer: 3, sellable: 5, bufferSource: 'location_setting' },
    });
    expect(mine.json().explanation).toEqual(api.json());
  });

  it('answers 404 for a level that is not stocked', async () => {
    const reply = await get('/dashboard/api/explain?item=item-1&location=king-st');

    expect(reply.statusCode).toBe(404);
  });

  it('says the reasoning is not available when the buffer tables cannot be read', async () => {
    await sql`drop table level_buffers`.execute(t.storage.db);

    const reply = await get('/dashboard/api/explain?item=item-1&location=queen-st');

    expect(reply.json()).toEqual({
      available: false,
      reason: 'the buffer explanation is not available on this database',
    });
  });
});
