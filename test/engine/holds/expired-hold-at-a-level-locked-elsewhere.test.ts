import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { untilAHoldWaits } from './until-a-hold-waits.js';
import { T0, holdService, seedLevel } from './hold-fixture.js';

const TEN_SECONDS_LATER = '2026-06-01T12:00:10.000Z';

/**
 * PostgreSQL: the first lane of new holds never waits for a lock, but deciding a level it
 * claimed releases the holds there that ran out first, and such a hold's other levels are
 * locked to return their units. With one of those levels held by another transaction, the
 * first lane waited for it, and every first hold of the instance, at any store, waited behind
 * (found by a break-it pass: a hold at another store unanswered for the 3 s the lock lasted).
 * Such a hold now goes to the second lane, which waits. SQLite has one writer and no row locks;
 * the case runs on PostgreSQL only.
 */
describe.skipIf(testEngine !== 'postgres')(
  `a first hold at a level whose expired hold has a line locked elsewhere, on ${testEngine}`,
  () => {
    let database: TestDatabase;
    let watcher: Storage;
    beforeEach(async () => {
      database = await openTestDatabase();
      watcher = await database.openAnother();
      await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
      await seedLevel(database.storage, { item: 'mug', location: 'downtown', available: 5 });
      await seedLevel(database.storage, { item: 'cap', location: 'uptown', available: 5 });
    });
    afterEach(async () => database.close());

    it('a hold at another store is answered while the mug stays locked for 3 s, and the tee is placed after', async () => {
      const earlier = holdService(database.storage, new ManualClock(T0));
      const old = await earlier.place({
        client: 'storefront',
        idempotencyKey: 'old-1',
        cartId: 'cart-old',
        lines: [
          { item: 'tee', location: 'downtown', quantity: 1 },
          { item: 'mug', location: 'downtown', quantity: 1 },
        ],
        ttlSeconds: 1,
      });
      expect(old.kind).toBe('placed');

      // Ten seconds on, the old hold has run out; no sweeper has released it yet.
      const service = holdService(database.storage, new ManualClock(TEN_SECONDS_LATER));
      let capAnsweredAfterMs = Number.NaN;
      let teeAnswer: Promise<string> | undefined;

      await watcher.db.transaction().execute(async (trx) => {
        await sql`SELECT 1 FROM levels WHERE item_id = 'mug' FOR UPDATE`.execute(trx);
        const tee = service.place({
          client: 'storefront',
          idempotencyKey: 'tee-1',
          cartId: 'cart-tee',
          lines: [{ item: 'tee', location: 'downtown', quantity: 1 }],
        });
        teeAnswer = tee.then((placement) => placement.kind);
        teeAnswer.catch(() => undefined);
        await untilAHoldWaits(watcher);

        const sent = Date.now();
        const cap = service
          .place({
            client: 'storefront',
            idempotencyKey: 'cap-1',
            cartId: 'cart-cap',
            lines: [{ item: 'cap', location: 'uptown', quantity: 1 }],
          })
          .then(() => (capAnsweredAfterMs = Date.now() - sent));
        cap.catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      });

      expect(capAnsweredAfterMs).toBeLessThan(1_000);
      expect(await teeAnswer).toBe('placed');
      const books = await readLevelBooks(database.storage);
      expect(heldOffLines(books)).toEqual([]);
      expect(decisionsOffHeld(books)).toEqual([]);
      expect(books.map((level) => [level.level, level.held])).toEqual([
        ['downtown/mug', 0],
        ['downtown/tee', 1],
        ['uptown/cap', 1],
      ]);
    }, 20_000);
  },
);
