import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { seedLevel } from '../../engine/holds/hold-fixture.js';
import { bearer, startTestServer, TOKENS } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';

// The test server's clock: 2026-05-04T10:00:00.000Z; queen-st promises pickups in 2 hours.
describe('/v1/pickups and /v1/alerts', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
    await seedLevel(t.storage, { item: 'tee', location: 'queen-st', available: 3 });
    const db = holdsDb(t.storage.db);
    const order = (id: string, cancelledAt: string | null = null) => ({
      id,
      name: `#${id}`,
      source_name: 'web',
      location_handle: null,
      staff_id: null,
      cart_token: null,
      created_at: null,
      cancelled_at: cancelledAt,
      updated_at: '2026-05-04T07:00:00.000Z',
    });
    await db
      .insertInto('orders')
      .values([order('1001'), order('1002'), order('1003', '2026-05-04T09:00:00.000Z')])
      .execute();
    const pickup = (orderId: string, orderedAt: string, extra = {}) => ({
      order_id: orderId,
      location_handle: 'queen-st',
      hold_id: null,
      fulfillment_order_id: null,
      ordered_at: orderedAt,
      ready_at: null,
      picked_up_at: null,
      cancelled_at: null,
      cancel_reason: null,
      updated_at: orderedAt,
      ...extra,
    });
    await db
      .insertInto('pickup_orders')
      .values([
        pickup('1001', '2026-05-04T07:30:00.000Z'),
        pickup('1002', '2026-05-04T09:00:00.000Z', { ready_at: '2026-05-04T09:40:00.000Z' }),
        pickup('1003', '2026-05-04T08:00:00.000Z', {
          cancelled_at: '2026-05-04T09:00:00.000Z',
          cancel_reason: 'inventory',
        }),
      ])
      .execute();
    await db
      .insertInto('fact_lines')
      .values({
        id: 'f1',
        kind: 'order',
        ref: '1001',
        line_ref: 'l1',
        order_id: '1001',
        item_id: 'tee',
        location_handle: null,
        quantity: 2,
        matched: 0,
        occurred_at: '2026-05-04T07:30:00.000Z',
        delivery_id: 'd1',
      })
      .execute();
    await db
      .insertInto('alerts')
      .values({
        id: 'a1',
        kind: 'sold_from_under_hold',
        location_handle: 'queen-st',
        item_id: 'tee',
        hold_ids: '["h1"]',
        order_id: null,
        units_short: 1,
        message: 'sold from under a pickup',
        raised_at: '2026-05-04T09:30:00.000Z',
        resolved_at: null,
      })
      .execute();
  });
  afterEach(async () => t.close());

  const get = (url: string) =>
    t.server.inject({ method: 'GET', url, headers: bearer(TOKENS.read) });

  it('lists open pickups oldest first with their age against the pickup time', async () => {
    const response = await get('/v1/pickups?location=queen-st');

    expect(response.statusCode).toBe(200);
    expect(response.json().pickups).toEqual([
      expect.objectContaining({
        orderId: '1001',
        orderName: '#1001',
        ageSeconds: 9000,
        dueAt: '2026-05-04T09:30:00.000Z',
        overdue: true,
        lines: [{ item: 'tee', quantity: 2 }],
      }),
      expect.objectContaining({
        orderId: '1002',
        ageSeconds: 3600,
        readyAt: '2026-05-04T09:40:00.000Z',
        overdue: false,
      }),
    ]);
  });

  it('lists cancelled pickups with their reason', async () => {
    const response = await get('/v1/pickups?status=cancelled');

    expect(response.json().pickups).toMatchObject([{ orderId: '1003', cancelReason: 'inventory' }]);
  });

  it('answers 404 for an unknown location', async () => {
    const response = await get('/v1/pickups?location=nowhere');

    expect([response.statusCode, response.json().error.code]).toEqual([404, 'unknown_location']);
  });

  it('lists alerts for a store', async () => {
    const response = await get('/v1/alerts?location=queen-st&open=true');

    expect(response.json().alerts).toEqual([
      expect.objectContaining({
        id: 'a1',
        kind: 'sold_from_under_hold',
        holdIds: ['h1'],
        unitsShort: 1,
      }),
    ]);
  });
});
