import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshDecision } from '../../../src/engine/decision/refresh-decision.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { listAlerts } from '../../../src/engine/holds/list-alerts.js';
import { listPickups } from '../../../src/engine/holds/pickup-queue.js';
import { applyDeliveryEffect } from '../../../src/engine/inbox/apply-delivery-effect.js';
import { ManualClock } from '../../../src/shared/clock.js';
import type { DeliveryEffect, OrderInput } from '../../../src/sources/shopify/delivery-effect.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, heldAt, holdService, modes, nextKey, seedLevel } from './hold-fixture.js';

const level = { itemId: 'tee', locationHandle: 'downtown' };

function orderEffect(order: Partial<OrderInput>): Extract<DeliveryEffect, { kind: 'apply' }> {
  return {
    kind: 'apply',
    signals: [],
    facts: [],
    order: {
      id: '6100000000001',
      name: '#1001',
      sourceName: 'web',
      shopifyLocationId: null,
      staffId: null,
      cartToken: 'cart-1',
      createdAt: T0,
      cancelledAt: null,
      ...order,
    },
    item: null,
    deletedItemId: null,
  };
}

describe(`orders and alerts for holds on ${testEngine}`, () => {
  let database: TestDatabase;
  let clock: ManualClock;
  let holdId: string;
  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(T0);
    await seedLevel(database.storage, {
      item: 'tee',
      location: 'downtown',
      available: 4,
      shopifyItemId: '44112233445566',
      shopifyLocationId: '70011122233',
    });
    const placed = await holdService(database.storage, clock).place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'cart-1',
      lines: [{ item: 'tee', location: 'downtown', quantity: 2 }],
    });
    if (placed.kind !== 'placed') throw new Error(`hold not placed: ${placed.kind}`);
    holdId = placed.hold.id;
  });
  afterEach(async () => database.close());

  const deliver = (
    effect: Extract<DeliveryEffect, { kind: 'apply' }>,
    now = clock.now().toISOString(),
  ) =>
    database.storage.db.transaction().execute((trx) =>
      applyDeliveryEffect(trx, effect, {
        deliveryId: 'd-1',
        now,
        signalAt: now,
        coalesceWindowMs: 0,
      }),
    );
  const decide = (now: string) =>
    database.storage.db
      .transaction()
      .execute((trx) => refreshDecision(trx, level, modes, null, now));

  it('converts the hold of the cart the order carries, and queues a re-read of its level', async () => {
    await deliver(orderEffect({}));

    const hold = await holdService(database.storage, clock).get(holdId);
    expect(hold).toMatchObject({
      status: 'converted',
      orderId: '6100000000001',
      endReason: 'order',
    });
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(0);
    const reads = await database.storage.db.selectFrom('read_queue').selectAll().execute();
    expect(reads.map((r) => [r.shopify_item_id, r.shopify_location_id])).toEqual([
      ['44112233445566', '70011122233'],
    ]);
  });

  it('converts a hold at checkout within its grace period, and lists the pickup', async () => {
    await holdService(database.storage, clock).checkout(holdId);
    clock.advance(30_000);
    await deliver(orderEffect({ createdAt: '2026-06-01T12:00:25.000Z' }));

    expect((await holdService(database.storage, clock).get(holdId))?.status).toBe('converted');
    const pickups = await listPickups(
      holdsDb(database.storage.db),
      { status: 'open', location: 'downtown', limit: 10 },
      clock.now(),
    );
    expect(pickups).toMatchObject([
      {
        orderId: '6100000000001',
        holdId,
        location: 'downtown',
        ageSeconds: 5,
        dueAt: '2026-06-01T14:00:25.000Z',
        overdue: false,
      },
    ]);
  });

  it('leaves an order without a cart, or for another cart, alone', async () => {
    await deliver(orderEffect({ cartToken: null }));
    await deliver(orderEffect({ id: '6100000000002', cartToken: 'cart-9' }));

    expect((await holdService(database.storage, clock).get(holdId))?.status).toBe('active');
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(2);
  });

  it('alerts the store when a re-read shows a held unit sold from under the hold', async () => {
    // A POS sale took 3 of the 4: gross 1 no longer covers the 2 held.
    await database.storage.db.updateTable('levels').set({ available: 1 }).execute();
    await decide('2026-06-01T12:01:00.000Z');
    await decide('2026-06-01T12:01:05.000Z');

    const alerts = await listAlerts(holdsDb(database.storage.db), {
      location: 'downtown',
      limit: 10,
    });
    expect(alerts).toMatchObject([
      {
        kind: 'sold_from_under_hold',
        item: 'tee',
        holdIds: [holdId],
        unitsShort: 1,
        resolvedAt: null,
      },
    ]);
    expect(alerts[0]?.message).toContain('sold from under a pickup');
  });

  it('marks the alert resolved once gross covers the holds again', async () => {
    await database.storage.db.updateTable('levels').set({ available: 1 }).execute();
    await decide('2026-06-01T12:01:00.000Z');
    await database.storage.db.updateTable('levels').set({ available: 3 }).execute();
    await decide('2026-06-01T12:02:00.000Z');

    const open = await listAlerts(holdsDb(database.storage.db), { open: true, limit: 10 });
    const all = await listAlerts(holdsDb(database.storage.db), { limit: 10 });
    expect(open).toEqual([]);
    expect(all.map((a) => a.resolvedAt)).toEqual(['2026-06-01T12:02:00.000Z']);
  });

  it('alerts for an order that came after its hold expired and the units were taken', async () => {
    clock.set('2026-06-01T12:10:00.000Z');
    await holdService(database.storage, clock).place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'cart-2',
      lines: [{ item: 'tee', location: 'downtown', quantity: 3 }],
    });
    // cart-1 orders its 2 at 12:11; gross 4 − cart-2's 3 leaves 1: one unit short.
    await deliver(
      orderEffect({ createdAt: '2026-06-01T12:11:00.000Z' }),
      '2026-06-01T12:11:01.000Z',
    );

    const alerts = await listAlerts(holdsDb(database.storage.db), { limit: 10 });
    expect(alerts).toMatchObject([
      {
        kind: 'order_after_hold_expired',
        orderId: '6100000000001',
        holdIds: [holdId],
        unitsShort: 1,
      },
    ]);
  });

  it('expires, not converts, a hold the sweeper missed when the order came after its time', async () => {
    await deliver(
      orderEffect({ createdAt: '2026-06-01T12:10:00.000Z' }),
      '2026-06-01T12:10:01.000Z',
    );

    expect(await holdService(database.storage, clock).get(holdId)).toMatchObject({
      status: 'expired',
      endReason: 'ttl',
    });
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(0);
  });

  it('ignores an order placed before the hold existed', async () => {
    await deliver(orderEffect({ createdAt: '2026-06-01T11:59:59.000Z' }));

    expect((await holdService(database.storage, clock).get(holdId))?.status).toBe('active');
  });

  it('converts an expired hold whose order was placed in time but delivered late', async () => {
    await deliver(
      orderEffect({ createdAt: '2026-06-01T12:09:00.000Z' }),
      '2026-06-01T12:30:00.000Z',
    );

    expect((await holdService(database.storage, clock).get(holdId))?.status).toBe('converted');
    expect(await listAlerts(holdsDb(database.storage.db), { limit: 10 })).toEqual([]);
  });
});
