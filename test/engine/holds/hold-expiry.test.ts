import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshDecision } from '../../../src/engine/decision/refresh-decision.js';
import { HoldSweeper } from '../../../src/engine/holds/hold-sweeper.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, heldAt, holdService, modes, nextKey, seedLevel, sellableAt } from './hold-fixture.js';

// A 600 s hold placed at 12:00:00.000 expires at 12:10:00.000 exactly: at that instant it no
// longer counts (expiresAt == now is expired); one second before, it still does.
const ONE_SECOND_BEFORE = '2026-06-01T12:09:59.000Z';
const AT_EXPIRY = '2026-06-01T12:10:00.000Z';

describe(`hold expiry on ${testEngine}`, () => {
  let database: TestDatabase;
  let clock: ManualClock;
  let holdId: string;
  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(T0);
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 2 });
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

  const sweeper = () =>
    new HoldSweeper({ storage: database.storage, clock: clock.now, logger: silentLogger(), modes });
  const placeOther = () =>
    holdService(database.storage, clock).place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'cart-2',
      lines: [{ item: 'tee', location: 'downtown', quantity: 2 }],
    });

  it('still counts one second before its expiry', async () => {
    clock.set(ONE_SECOND_BEFORE);

    expect((await holdService(database.storage, clock).get(holdId))?.status).toBe('active');
    expect((await placeOther()).kind).toBe('insufficient_stock');
    expect(await sweeper().runOnce()).toBe(0);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(2);
  });

  it('reads as expired at the instant it expires, before any sweep', async () => {
    clock.set(AT_EXPIRY);

    expect(await holdService(database.storage, clock).get(holdId)).toMatchObject({
      status: 'expired',
      endReason: 'ttl',
      endedAt: AT_EXPIRY,
    });
  });

  it('gives its units to the next hold at that instant', async () => {
    clock.set(AT_EXPIRY);

    expect((await placeOther()).kind).toBe('placed');
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(2);
    const stored = await holdsDb(database.storage.db)
      .selectFrom('holds')
      .select('status')
      .where('id', '=', holdId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('expired');
  });

  it('stops counting in the decision the moment a decision reads the level', async () => {
    await database.storage.db
      .transaction()
      .execute((trx) =>
        refreshDecision(trx, { itemId: 'tee', locationHandle: 'downtown' }, modes, null, AT_EXPIRY),
      );

    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 2,
      held: 0,
      target_reserved: 0,
    });
  });

  it('is released durably by the sweeper, once, and a release after it changes nothing', async () => {
    // As if Shopify had accepted the push: both held units sit in reserved.
    await database.storage.db
      .updateTable('levels')
      .set({ available: 0, reserved: 2, placed_reserved: 2 })
      .execute();
    clock.set(AT_EXPIRY);

    expect(await sweeper().runOnce()).toBe(1);
    expect(await sweeper().runOnce()).toBe(0);
    const released = await holdService(database.storage, clock).release(holdId);

    expect(released.kind).toBe('unchanged');
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(0);
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 2,
      held: 0,
      target_reserved: 0,
    });
    // The decision's push takes the units back out of Shopify's reserved.
    const push = await database.storage.db
      .selectFrom('outbox')
      .select('target')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(push.target)).toEqual({ safetyStock: 0, reserved: 0 });
  });

  it('cannot be extended once expired, but can be before', async () => {
    const service = holdService(database.storage, clock);
    clock.set(ONE_SECOND_BEFORE);
    const extended = await service.extend(holdId, 300);
    expect(extended.kind === 'changed' && extended.hold.expiresAt).toBe('2026-06-01T12:14:59.000Z');

    clock.set('2026-06-01T12:14:59.000Z');
    const late = await service.extend(holdId, 300);
    expect(late).toMatchObject({ kind: 'refused', hold: { status: 'expired' } });
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(0);
  });

  it('ends a checkout hold when its grace period passes without an order', async () => {
    const service = holdService(database.storage, clock, { checkoutGraceSeconds: 120 });
    const checkout = await service.checkout(holdId);
    expect(checkout).toMatchObject({
      kind: 'changed',
      hold: { status: 'checkout', graceUntil: '2026-06-01T12:02:00.000Z' },
    });

    clock.set('2026-06-01T12:01:59.000Z');
    expect(await sweeper().runOnce()).toBe(0);
    clock.set('2026-06-01T12:02:00.000Z');
    expect(await sweeper().runOnce()).toBe(1);
    expect(await service.get(holdId)).toMatchObject({
      status: 'expired',
      endReason: 'checkout_grace',
    });
  });
});
