import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { T0, holdService, seedLevel } from './hold-fixture.js';

const ONE_SECOND_LATER = '2026-06-01T12:00:01.000Z';

/**
 * Holds of one group need not share an instant: two services on one storage (two clocks, one
 * queue) send holds together, one asked at T0 for 1 second, one at the second it expires. At
 * that second the first counts as expired, so the second may take its units; whatever the order
 * the group holds them in, the books agree and nothing is held twice.
 */
describe(`holds of one group asked at different instants, on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 2 });
  });
  afterEach(async () => database.close());

  const ask = (cartId: string, ttlSeconds?: number) => ({
    client: 'storefront',
    idempotencyKey: `key-${cartId}`,
    cartId,
    lines: [{ item: 'tee', location: 'downtown', quantity: 2 }],
    ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
  });

  for (const order of ['early first', 'late first'] as const) {
    it(`the hold asked as the other expires gets its units (${order})`, async () => {
      const early = holdService(database.storage, new ManualClock(T0));
      const late = holdService(database.storage, new ManualClock(ONE_SECOND_LATER));

      const sends =
        order === 'early first'
          ? [early.place(ask('early', 1)), late.place(ask('late'))]
          : [late.place(ask('late')), early.place(ask('early', 1))];
      const [first, second] = await Promise.all(sends);
      const byCart =
        order === 'early first' ? { early: first, late: second } : { late: first, early: second };

      // At 12:00:01 the early hold (expiring then) no longer counts: the late one is placed.
      expect(byCart.late?.kind).toBe('placed');
      const active = await holdsDb(database.storage.db)
        .selectFrom('holds')
        .select(['cart_id', 'expires_at'])
        .where('status', '=', 'active')
        .where('expires_at', '>', ONE_SECOND_LATER)
        .execute();
      expect(active.map((hold) => hold.cart_id)).toEqual(['late']);

      const books = await readLevelBooks(database.storage);
      expect(heldOffLines(books)).toEqual([]);
      expect(decisionsOffHeld(books)).toEqual([]);
    });
  }
});
