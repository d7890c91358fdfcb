import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { soleChangedHold } from '../../../src/engine/holds/sole-changed-hold.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, holdService, nextKey, seedLevel } from './hold-fixture.js';

const level = { itemId: 'tee', locationHandle: 'downtown' };

describe(`which hold a reserved move belongs to, on ${testEngine}`, () => {
  let database: TestDatabase;
  let clock: ManualClock;
  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(T0);
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 6 });
  });
  afterEach(async () => database.close());

  const hold = async (cartId: string) => {
    clock.advance(1000);
    const placed = await holdService(database.storage, clock).place({
      client: 's',
      idempotencyKey: nextKey(),
      cartId,
      lines: [{ item: 'tee', location: 'downtown', quantity: 1 }],
    });
    return placed.kind === 'placed' ? placed.hold.id : '';
  };
  /** As if Shopify had accepted a reserved move now. */
  const movedNow = () =>
    holdsDb(database.storage.db)
      .insertInto('movements')
      .values({
        id: `m-${clock.now().getTime()}`,
        item_id: 'tee',
        location_handle: 'downtown',
        state: 'reserved',
        delta: 1,
        quantity_after: 1,
        cause_kind: 'own_move',
        cause_ref: 'push:p',
        source: 'trueshelf',
        occurred_at: clock.now().toISOString(),
        learned_at: clock.now().toISOString(),
      })
      .execute();

  it('is the hold when only one hold changed since the last move', async () => {
    const first = await hold('cart-1');

    expect(await soleChangedHold(holdsDb(database.storage.db), level)).toBe(first);
  });

  it('is none when several holds net into one move', async () => {
    await hold('cart-1');
    await hold('cart-2');

    expect(await soleChangedHold(holdsDb(database.storage.db), level)).toBeNull();
  });

  it('counts only changes after the last accepted move, releases included', async () => {
    const first = await hold('cart-1');
    await hold('cart-2');
    clock.advance(1000);
    await movedNow();
    clock.advance(1000);
    await holdService(database.storage, clock).release(first);

    expect(await soleChangedHold(holdsDb(database.storage.db), level)).toBe(first);
  });
});
