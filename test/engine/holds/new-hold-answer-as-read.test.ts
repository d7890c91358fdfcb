import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, holdService, seedLevel } from './hold-fixture.js';

/**
 * A first hold is answered from what was written, without reading it back (`newHoldView`);
 * a replay and a read answer from the rows. The three must be the same hold, field for field,
 * whatever the lines: by SKU, the same item twice, stores and items whose order differs between
 * code points and a database collation (capitals, accents), an item without a SKU.
 */
describe(`a first hold as answered, replayed and read, on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    const storage = database.storage;
    await seedLevel(storage, { item: 'tee', location: 'downtown', available: 9 });
    await seedLevel(storage, { item: 'Zed', location: 'downtown', available: 9 });
    await seedLevel(storage, { item: 'éclair', location: 'downtown', available: 9, sku: null });
    await seedLevel(storage, { item: 'tee', location: 'Uptown', available: 9 });
  });
  afterEach(async () => database.close());

  it('the 201, the replay of its key and a read show the same hold', async () => {
    const service = holdService(database.storage, new ManualClock(T0));
    const request = {
      client: 'storefront',
      idempotencyKey: 'view-1',
      cartId: 'cart-1',
      lines: [
        { item: 'tee', location: 'downtown', quantity: 1 },
        { item: 'éclair', location: 'downtown', quantity: 2 },
        { sku: 'SKU-tee', location: 'downtown', quantity: 2 },
        { item: 'tee', location: 'Uptown', quantity: 1 },
        { sku: 'SKU-Zed', location: 'downtown', quantity: 1 },
      ],
    };

    const placed = await service.place(request);
    const replayed = await service.place(request);
    if (placed.kind !== 'placed' || replayed.kind !== 'replayed') {
      throw new Error(`placed ${placed.kind}, then ${replayed.kind}`);
    }
    const read = await service.get(placed.hold.id);

    expect(replayed.hold).toEqual(placed.hold);
    expect(read).toEqual(placed.hold);
    expect(placed.hold.lines).toEqual(
      [
        { item: 'Zed', sku: 'SKU-Zed', location: 'downtown', quantity: 1 },
        { item: 'tee', sku: 'SKU-tee', location: 'downtown', quantity: 3 },
        { item: 'éclair', sku: null, location: 'downtown', quantity: 2 },
        { item: 'tee', sku: 'SKU-tee', location: 'Uptown', quantity: 1 },
      ].sort((a, b) =>
        a.location < b.location ? -1 : a.location > b.location ? 1 : a.item < b.item ? -1 : 1,
      ),
    );
  });
});
