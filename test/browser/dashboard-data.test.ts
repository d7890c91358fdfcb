import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, TOKENS } from '../http/http-test-context.js';
import type { TestServer } from '../http/http-test-context.js';
import { seedRows } from '../http/v1/seed-rows.js';

// The dashboard's JSON calls over hand-seeded rows, each expected number worked out below.
describe('the dashboard data calls', () => {
  let t: TestServer;
  let cookie: string;
  let csrfToken: string;

  beforeEach(async () => {
    t = await startTestServer();
    const seed = seedRows(t.storage);
    await seed.location({ handle: 'queen-st', name: 'Queen St', mode: 'publish', managed: 1 });
    await seed.location({ handle: 'dc-east', name: 'DC East', kind: 'warehouse' });
    await seed.item({ id: 'item-1', sku: 'MUG-RED', title: 'Red mug' });
    await seed.item({ id: 'item-2', sku: 'MUG-BLUE', title: 'Blue mug' });
    await seed.item({ id: 'item-gone', sku: 'OLD', deleted_at: '2026-04-01T00:00:00.000Z' });
    // queen-st: item-1 gross 8 = available 5 + placed 2 safety stock + 1 reserved; buffer 2,
    // held 1, sellable 5. item-2 gross 3 < buffer 2 + held 2: at risk, sellable 0.
    await seed.level({
      item_id: 'item-1',
      location_handle: 'queen-st',
      on_hand: 10,
      committed: 2,
      available: 5,
      placed_safety_stock: 2,
      placed_reserved: 1,
      reserved: 1,
    });
    await seed.decision({
      item_id: 'item-1',
      location_handle: 'queen-st',
      gross: 8,
      buffer: 2,
      held: 1,
      sellable: 5,
    });
    await seed.level({ item_id: 'item-2', location_handle: 'queen-st', on_hand: 4, available: 3 });
    await seed.decision({
      item_id: 'item-2',
      location_handle: 'queen-st',
      gross: 3,
      buffer: 2,
      held: 2,
      sellable: 0,
    });
    // Left out as the API leaves them out: a deleted item and a disconnected level.
    await seed.level({ item_id: 'item-gone', location_handle: 'queen-st', on_hand: 100 });
    await seed.level({ item_id: 'item-2', location_handle: 'dc-east', on_hand: 50, connected: 0 });
    await seed.level({ item_id: 'item-1', location_handle: 'dc-east', on_hand: 7, available: 7 });
    await seed.movement({
      id: 'm-1',
      item_id: 'item-1',
      location_handle: 'queen-st',
      occurred_at: '2026-05-04T09:00:00.000Z',
    });
    await seed.outbox({
      channel: 'shopify',
      item_id: 'item-1',
      location_handle: 'queen-st',
      status: 'parked',
      last_error: 'refused',
    });
    await seed.outbox({ channel: 'shopify', item_id: 'item-2', location_handle: 'queen-st' });
    await seed.delivery({
      id: 'd-1',
      received_at: '2026-05-04T08:00:00.000Z',
      status: 'applied',
      outcome: 'reread',
    });
    await seed.delivery({
      id: 'd-2',
      received_at: '2026-05-04T08:01:00.000Z',
      status: 'unprocessable',
      error: 'bad',
    });

    const reply = await t.server.inject({
      method: 'POST',
      url: '/dashboard/session',
      payload: { token: TOKENS.admin },
    });
    cookie = String(reply.headers['set-cookie']).split(';')[0] ?? '';
    csrfToken = reply.json<{ csrfToken: string }>().csrfToken;
  });
  afterEach(async () => {
    await t.close();
  });

  const get = async <T>(url: string) => {
    const reply = await t.server.inject({ method: 'GET', url, headers: { cookie } });
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<T>();
  };

  it('sums each location the way the availability API lists its levels', async () => {
    const body = await get<{ stores: Record<string, unknown>[]; totals: Record<string, number> }>(
      '/dashboard/api/overview',
    );

    expect(body.stores).toEqual([
      {
        handle: 'dc-east',
        name: 'DC East',
        kind: 'warehouse',
        mode: 'shadow',
        managed: false,
        levels: 1,
        onHand: 7,
        sellable: 0,
        heldBack: 0,
        atRisk: 0,
      },
      {
        handle: 'queen-st',
        name: 'Queen St',
        kind: 'store',
        mode: 'publish',
        managed: true,
        levels: 2,
        onHand: 14,
        sellable: 5,
        heldBack: 3,
        atRisk: 1,
      },
    ]);
    expect(body.totals).toEqual({ levels: 3, onHand: 21, sellable: 5, heldBack: 3, atRisk: 1 });
  });

  it('lists a store’s items by SKU with their decision, and 404s an unknown handle', async () => {
    const body = await get<{
      levels: { sku: string; onHand: number; buffer: number; sellable: number }[];
    }>('/dashboard/api/store?handle=queen-st');
    const unknown = await t.server.inject({
      method: 'GET',
      url: '/dashboard/api/store?handle=nowhere',
      headers: { cookie },
    });

    expect(body.levels.map((l) => [l.sku, l.onHand, l.buffer, l.sellable])).toEqual([
      ['MUG-BLUE', 4, 2, 0],
      ['MUG-RED', 10, 2, 5],
    ]);
    expect(unknown.statusCode).toBe(404);
  });

  it('shows an item at every connected location with its ledger and decision', async () => {
    const body = await get<{
      levels: { location: string; decision: { sellable: number } | null }[];
      movements: { id: string }[];
    }>('/dashboard/api/item?id=item-1');

    expect(body.levels.map((l) => [l.location, l.decision?.sellable ?? null])).toEqual([
      ['dc-east', null],
      ['queen-st', 5],
    ]);
    expect(body.movements.map((m) => m.id)).toEqual(['m-1']);
  });

  it('counts deliveries by outcome and the outbox by status, and lists what is parked', async () => {
    t.metrics.recentLatencies.add(0.2);
    t.metrics.recentLatencies.add(0.4);
    t.metrics.apiPoints.inc({ operation: 'read' }, 12);
    t.metrics.apiPoints.inc({ operation: 'move' }, 10);

    const body = await get<Record<string, unknown>>('/dashboard/api/flow');

    expect(body['deliveriesTotal']).toBe(2);
    expect(body['latency']).toEqual({ p50Seconds: 0.2, p99Seconds: 0.4, samples: 2 });
    expect(body['apiPointsSpent']).toBe(22);
    expect(body['outboxDepth']).toEqual([
      { channel: 'shopify', status: 'parked', depth: 1 },
      { channel: 'shopify', status: 'pending', depth: 1 },
    ]);
    expect((body['parkedDeliveries'] as { id: string }[]).map((d) => d.id)).toEqual(['d-2']);
    expect(body['parkedPushes']).toMatchObject([
      { channel: 'shopify', itemId: 'item-1', location: 'queen-st' },
    ]);
  });

  it('replays a parked push with the CSRF token and gives it a fresh attempt budget', async () => {
    const reply = await t.server.inject({
      method: 'POST',
      url: '/dashboard/api/outbox/replay',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: { channel: 'shopify', item: 'item-1', location: 'queen-st' },
    });
    const row = await t.storage.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('item_id', '=', 'item-1')
      .executeTakeFirstOrThrow();

    expect(reply.statusCode).toBe(200);
    expect(row).toEqual({ status: 'pending', attempts: 0 });
    expect(t.wakes.outbox).toBe(1);
  });

  it('shows the holds board as enabled and empty on a database with the holds tables', async () => {
    const body = await get<Record<string, unknown>>('/dashboard/api/holds');

    expect(body).toEqual({ enabled: true, holds: [], pickups: [], alerts: [] });
  });

  it('says holds are not enabled when the holds tables cannot be read', async () => {
    await sql`drop table alerts`.execute(t.storage.db);

    const body = await get<Record<string, unknown>>('/dashboard/api/holds');

    expect(body).toEqual({ enabled: false, reason: 'holds are not enabled on this database' });
  });
});
