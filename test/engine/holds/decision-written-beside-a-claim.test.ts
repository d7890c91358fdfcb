import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshDecision } from '../../../src/engine/decision/refresh-decision.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, readLevelBooks } from './hold-books.js';
import { T0, holdService, modes, nextKey, seedLevel } from './hold-fixture.js';

const TEE = { itemId: 'tee', locationHandle: 'downtown' };

/**
 * A level is decided by more than the hold path: a buffer recompute, a channel-policy change, a
 * location's publish each call `refreshDecision` in a transaction of their own, without the
 * level's row lock. The stale-level refresher's round holds that lock from clearing the mark
 * to COMMIT; a decision worked out from a read made before a claim, and stored after the
 * round's, must not leave the claim out.
 */
describe.runIf(testEngine === 'postgres')(
  `a decision made beside a hold's round, on ${testEngine}`,
  () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await openTestDatabase();
      await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
      // Test-only: a decision written by a session that asks for it is slowed by 1.5 s between
      // working it out and storing it, so another decision can be stored meanwhile.
      await sql
        .raw(
          `CREATE FUNCTION slow_decision() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             IF current_setting('trueshelf_test.slow', true) = 'on' THEN
               PERFORM pg_sleep(1.5);
             END IF;
             RETURN NEW;
           END $$;
           CREATE TRIGGER slow_decision BEFORE INSERT ON decisions
             FOR EACH ROW EXECUTE FUNCTION slow_decision();`,
        )
        .execute(database.storage.db);
    });
    afterEach(async () => database.close());

    it('a buffer-style refresh that read the level before a claim does not undo the claim in the decision', async () => {
      const clock = new ManualClock(T0);
      const other = database.storage.db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('trueshelf_test.slow', 'on', true)`.execute(trx);
        await refreshDecision(trx, TEE, modes, null, T0);
      });
      await new Promise((resolve) => setTimeout(resolve, 300));

      const placed = await holdService(database.storage, clock).place({
        client: 'storefront',
        idempotencyKey: nextKey(),
        cartId: 'cart-1',
        lines: [{ item: 'tee', location: 'downtown', quantity: 2 }],
      });
      expect(placed.kind).toBe('placed');
      await other;

      // 2 held of 5: the stored decision every channel derives from must say so.
      expect(decisionsOffHeld(await readLevelBooks(database.storage))).toEqual([]);
    }, 15_000);
  },
);
