import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshDecision } from '../../../src/engine/decision/refresh-decision.js';
import { queueWaitingMoves } from '../../../src/engine/onboarding/queue-waiting-moves.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, modes, seedLevel } from '../holds/hold-fixture.js';

describe(`a store switched from shadow to publish, on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    // Two items at a store with a buffer of 2, decided while the store was in shadow.
    await seedLevel(database.storage, {
      item: 'tee',
      location: 'north',
      available: 6,
      bufferUnits: 2,
    });
    await seedLevel(database.storage, { item: 'mug', location: 'north', available: 4 });
    await setMode('shadow');
    for (const itemId of ['tee', 'mug']) {
      await refreshDecision(
        database.storage.db,
        { itemId, locationHandle: 'north' },
        modes,
        null,
        T0,
      );
    }
    // The mug's buffer units are already in Shopify's safety_stock: nothing to move there.
    await database.storage.db
      .updateTable('levels')
      .set({ placed_safety_stock: 2, available: 2 })
      .where('item_id', '=', 'mug')
      .execute();
  });
  afterEach(async () => database.close());

  async function setMode(mode: 'shadow' | 'publish'): Promise<void> {
    await database.storage.db.updateTable('locations').set({ mode }).execute();
  }

  const shopifyPushes = () =>
    database.storage.db
      .selectFrom('outbox')
      .select(['item_id', 'target'])
      .where('channel', '=', 'shopify')
      .orderBy('item_id')
      .execute();

  it('queues nothing while the store is in shadow', async () => {
    expect(await shopifyPushes()).toEqual([]);
    expect(await queueWaitingMoves(database.storage, modes, T0)).toBe(0);
    expect(await shopifyPushes()).toEqual([]);
  });

  it('queues the move of each level whose buffer is not yet placed, once in publish', async () => {
    await setMode('publish');

    const decided = await queueWaitingMoves(database.storage, modes, T0);

    // The tee's 2 buffer units go to safety_stock; the mug's are placed already.
    expect(decided).toBe(1);
    expect(await shopifyPushes()).toEqual([
      { item_id: 'tee', target: JSON.stringify({ safetyStock: 2, reserved: 0 }) },
    ]);
    // Run again, nothing changes: the decision still waits for Shopify, its push already queued.
    expect(await queueWaitingMoves(database.storage, modes, T0)).toBe(1);
    expect(await shopifyPushes()).toHaveLength(1);
  });

  it('queues nothing while the Shopify channel itself is in shadow', async () => {
    await setMode('publish');

    expect(await queueWaitingMoves(database.storage, { ...modes, shopify: 'shadow' }, T0)).toBe(0);
    expect(await shopifyPushes()).toEqual([]);
  });
});
