import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { kindsOf, sendTogether } from './hold-crowd.js';
import { seedLevel } from './hold-fixture.js';

/**
 * A storefront that sends a cart's hold again while the first is in flight (a double click, a
 * retry with a new key, several tabs): every one of them replaces the cart's one hold, so each
 * is placed. On PostgreSQL the first takes the new-hold step and the rest the general path,
 * whose replacement guards the cart's hold by its version: a request that loses the race reruns
 * its transaction, a bounded number of times (`inWriteTransaction`, 5 attempts).
 */
describe(`one cart's first holds sent at once, on ${testEngine}`, () => {
  let database: TestDatabase;
  let instances: Storage[];
  beforeEach(async () => {
    database = await openTestDatabase();
    instances = [database.storage, await database.openAnother(), await database.openAnother()];
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
  });
  afterEach(async () => database.close());

  it('twenty from one cart are all placed, leaving one hold whose lines are what is held', async () => {
    const requests = Array.from({ length: 20 }, (_, n) => ({
      client: 'storefront',
      idempotencyKey: `same-cart-${n}`,
      cartId: 'cart-1',
      lines: [{ item: 'tee', location: 'downtown', quantity: 1 + (n % 4) }],
    }));

    const answers = await sendTogether(instances, requests);

    // Each asks at most 4 of 5, the cart's own earlier hold counted for it: none is short.
    expect(answers.filter((answer) => answer.kind === 'threw').map((a) => a.why)).toEqual([]);
    expect(kindsOf(answers)).toEqual({ placed: 20 });
    const active = await holdsDb(database.storage.db)
      .selectFrom('holds')
      .select('id')
      .where('cart_id', '=', 'cart-1')
      .where('status', '=', 'active')
      .execute();
    expect(active).toHaveLength(1);
    const books = await readLevelBooks(database.storage);
    expect(heldOffLines(books)).toEqual([]);
    expect(decisionsOffHeld(books)).toEqual([]);
  }, 30_000);
});
