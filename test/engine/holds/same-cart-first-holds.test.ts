import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { kindsOf, sendTogether } from './hold-crowd.js';
import { T0, holdService, seedLevel } from './hold-fixture.js';
import { ManualClock } from '../../../src/shared/clock.js';

/**
 * A storefront that sends a cart's hold again while the first is in flight (a double click, a
 * retry with a new key, several tabs): every one of them replaces the cart's one hold, so each
 * is placed. On PostgreSQL the first takes the new-hold step and the rest the general path,
 * whose replacement guards the cart's hold by its version: a request that loses the race reruns
 * its transaction, a bounded number of times (`inWriteTransaction`, 8 attempts).
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

  it('a replacement answered after the next one committed still names, and settles, what it claimed', async () => {
    await seedLevel(database.storage, { item: 'mug', location: 'downtown', available: 5 });
    const service = holdService(database.storage, new ManualClock(T0));
    const place = (key: string, item: string, quantity: number) =>
      service.place({
        client: 'storefront',
        idempotencyKey: key,
        cartId: 'cart-2',
        lines: [{ item, location: 'downtown', quantity }],
      });
    expect((await place('first', 'tee', 1)).kind).toBe('placed');

    // Sent in one turn: on SQLite both commit in one batch, the tee claim before the mug one;
    // on PostgreSQL the second may commit before the first is read back.
    const [tee, mug] = await Promise.all([place('tee-2', 'tee', 2), place('mug-1', 'mug', 1)]);

    const linesOf = (answer: typeof tee) =>
      'hold' in answer ? answer.hold.lines.map((l) => `${l.item}×${l.quantity}`) : answer.kind;
    expect(linesOf(tee)).toEqual(['tee×2']);
    expect(linesOf(mug)).toEqual(['mug×1']);
    const books = await readLevelBooks(database.storage);
    expect(heldOffLines(books)).toEqual([]);
    expect(decisionsOffHeld(books)).toEqual([]);
  });
});
