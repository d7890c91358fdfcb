import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { untilAHoldWaits } from './until-a-hold-waits.js';
import { T0, holdService, seedLevel } from './hold-fixture.js';

/**
 * PostgreSQL: a group of first holds waits for every level it names, so one level whose row
 * another transaction keeps locked (a buffer recompute deciding 200 levels in one transaction,
 * a slow re-read, an operator's session) held up every first hold on the instance, for any item
 * at any store. Now the first lane never waits for a lock: a hold on a level held elsewhere goes
 * to a second lane that waits, and the others are placed at once. SQLite has one writer and no
 * row locks; the case runs on PostgreSQL only.
 */
describe.skipIf(testEngine !== 'postgres')(
  `a level locked elsewhere and the other holds of the instance, on ${testEngine}`,
  () => {
    let database: TestDatabase;
    let watcher: Storage;
    beforeEach(async () => {
      database = await openTestDatabase();
      watcher = await database.openAnother();
      await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
      await seedLevel(database.storage, { item: 'mug', location: 'uptown', available: 5 });
    });
    afterEach(async () => database.close());

    it("a hold at another store is answered while a tee level stays locked for 3 s, and the tee's after", async () => {
      const service = holdService(database.storage, new ManualClock(T0));
      let mugAnsweredAfterMs = Number.NaN;
      let teeAnswer: Promise<string> | undefined;

      await database.storage.db.transaction().execute(async (trx) => {
        await sql`SELECT 1 FROM levels WHERE item_id = 'tee' FOR UPDATE`.execute(trx);
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
        const mug = service
          .place({
            client: 'storefront',
            idempotencyKey: 'mug-1',
            cartId: 'cart-mug',
            lines: [{ item: 'mug', location: 'uptown', quantity: 1 }],
          })
          .then(() => (mugAnsweredAfterMs = Date.now() - sent));
        mug.catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      });

      expect(mugAnsweredAfterMs).toBeLessThan(1_000);
      // The tee's hold waited for the lock, then was placed.
      expect(await teeAnswer).toBe('placed');
    }, 20_000);
  },
);
