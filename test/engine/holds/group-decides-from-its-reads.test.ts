import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveChannelPolicies } from '../../../src/engine/buffers/channel-policies-store.js';
import { refreshDecisions } from '../../../src/engine/decision/refresh-decision.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, holdService, modes, seedLevel, seedLevelBuffer } from './hold-fixture.js';

/**
 * A group of first holds decides its levels from the rows it read to claim them (PostgreSQL:
 * the level, its computed buffer, its location, an open alert, the channel policies), not
 * reading them again. Whatever it stored must be what a decision reading everything afresh
 * stores: the same gross, buffer, held, sellable and Shopify targets.
 */
describe(`a group's decisions, made from what it read, on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    const storage = database.storage;
    // tee: the location keeps 1 back, the level's computed buffer 3 overrides it.
    await seedLevel(storage, { item: 'tee', location: 'downtown', available: 12, bufferUnits: 1 });
    await seedLevel(storage, { item: 'cap', location: 'downtown', available: 6, bufferUnits: 1 });
    await seedLevelBuffer(storage.db, { item: 'tee', location: 'downtown', bufferUnits: 3 });
    // Shopify shows nothing at 4 sellable or fewer: its safety stock takes the rest.
    await saveChannelPolicies(storage.db, { shopify: { zeroAtOrBelow: 4 } }, T0);
  });
  afterEach(async () => database.close());

  it('stores what a fresh decision stores, and keeps the Shopify targets it queued', async () => {
    const service = holdService(database.storage, new ManualClock(T0));
    const place = (cart: string, item: string, quantity: number) =>
      service.place({
        client: 'storefront',
        idempotencyKey: `key-${cart}`,
        cartId: cart,
        lines: [{ item, location: 'downtown', quantity }],
      });
    const answers = await Promise.all([
      place('a', 'tee', 2),
      place('b', 'tee', 3),
      place('c', 'cap', 1),
    ]);
    expect(answers.map((answer) => answer.kind)).toEqual(['placed', 'placed', 'placed']);

    const db = holdsDb(database.storage.db);
    const stored = () =>
      db
        .selectFrom('decisions')
        .select([
          'item_id',
          'gross',
          'buffer',
          'held',
          'sellable',
          'target_safety_stock',
          'target_reserved',
        ])
        .orderBy('item_id')
        .execute();
    const byGroup = await stored();

    // Worked out by hand: tee gross 12, buffer 3, held 5, sellable 4 → Shopify shows 0, so its
    // safety stock takes the 4 and the buffer: 7, within gross − reserved (12 − 5).
    // cap gross 6, buffer 1 (the location's), held 1, sellable 4 → 0 shown: 1 + 4 = 5 held back,
    // capped at gross − reserved (6 − 1 = 5).
    expect(byGroup).toEqual([
      {
        item_id: 'cap',
        gross: 6,
        buffer: 1,
        held: 1,
        sellable: 4,
        target_safety_stock: 5,
        target_reserved: 1,
      },
      {
        item_id: 'tee',
        gross: 12,
        buffer: 3,
        held: 5,
        sellable: 4,
        target_safety_stock: 7,
        target_reserved: 5,
      },
    ]);

    await database.storage.db.transaction().execute((trx) =>
      refreshDecisions(
        trx,
        ['tee', 'cap'].map((item) => ({ itemId: item, locationHandle: 'downtown' })),
        modes,
        null,
        T0,
      ),
    );
    expect(await stored()).toEqual(byGroup);

    const pushes = await db
      .selectFrom('outbox')
      .select(['item_id', 'target'])
      .where('channel', '=', 'shopify')
      .orderBy('item_id')
      .execute();
    expect(pushes.map((push) => [push.item_id, JSON.parse(push.target)])).toEqual([
      ['cap', { safetyStock: 5, reserved: 1 }],
      ['tee', { safetyStock: 7, reserved: 5 }],
    ]);
  });
});
