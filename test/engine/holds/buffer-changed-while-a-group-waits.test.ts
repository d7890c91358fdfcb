import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshDecision } from '../../../src/engine/decision/refresh-decision.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { ManualClock } from '../../../src/shared/clock.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { T0, holdService, modes, seedLevel } from './hold-fixture.js';

/**
 * PostgreSQL: a group of new holds that waits for a level's lock decides from what the lock's
 * holder committed. A statement's snapshot is taken before it waits for a lock, so the group
 * locks its levels in one statement and reads them (and their buffers, from the decision, the
 * level's computed buffer or the location) in the next. When one statement did both, a buffer
 * raised meanwhile made the group's own UPDATE refuse what it had decided to claim (a 500
 * where a 409 was due), and a buffer lowered meanwhile refused a unit that was free. SQLite
 * reads inside its one writer's transaction and cannot see this; the cases run on PostgreSQL.
 */
describe.skipIf(testEngine !== 'postgres')(
  `a hold waiting for a level whose buffer changes meanwhile, on ${testEngine}`,
  () => {
    let database: TestDatabase;
    let watcher: Storage;
    beforeEach(async () => {
      database = await openTestDatabase();
      watcher = await database.openAnother();
    });
    afterEach(async () => database.close());

    /** The level decided once, with the location's buffer at `units`. */
    async function seed(available: number, bufferUnits: number): Promise<void> {
      await seedLevel(database.storage, {
        item: 'tee',
        location: 'downtown',
        available,
        bufferUnits,
      });
      await refreshDecision(
        database.storage.db,
        { itemId: 'tee', locationHandle: 'downtown' },
        modes,
        null,
        T0,
      );
    }

    /** Waits until a statement of the group's transaction is waiting for a row lock. */
    async function untilAHoldWaits(): Promise<void> {
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        const { rows } = await sql<{ n: string }>`
          SELECT count(*) AS n FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%' AND query LIKE '%levels%'`.execute(
          watcher.db,
        );
        if (Number(rows[0]?.n) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('no hold came to wait for the level lock within 5 s');
    }

    /**
     * Holds the level's lock (as `refreshDecision` takes it) while a one-unit hold starts and
     * comes to wait, then sets the location's buffer to `units`, decides the level again and
     * commits: what a buffer change does. Answers the hold.
     */
    async function holdWhileBufferBecomes(units: number) {
      const service = holdService(database.storage, new ManualClock(T0));
      let placing: ReturnType<typeof service.place> | undefined;

      await database.storage.db.transaction().execute(async (trx) => {
        await sql`SELECT 1 FROM levels WHERE item_id = 'tee' FOR UPDATE`.execute(trx);
        placing = service.place({
          client: 'storefront',
          idempotencyKey: 'key-1',
          cartId: 'cart-1',
          lines: [{ item: 'tee', location: 'downtown', quantity: 1 }],
        });
        placing.catch(() => undefined);
        await untilAHoldWaits();
        await holdsDb(trx)
          .updateTable('locations')
          .set({ buffer_units: units })
          .where('handle', '=', 'downtown')
          .execute();
        await refreshDecision(trx, { itemId: 'tee', locationHandle: 'downtown' }, modes, null, T0);
      });
      return placing!.then(
        (placement) => placement.kind,
        (thrown: unknown) => `threw: ${String(thrown)}`,
      );
    }

    it('a buffer raised while the hold waited refuses the hold as short, it does not fail it', async () => {
      // 1 available, buffer 0: the unit is free; the change keeps it back.
      await seed(1, 0);

      const answer = await holdWhileBufferBecomes(1);

      expect(answer).toBe('insufficient_stock');
      const books = await readLevelBooks(database.storage);
      expect(heldOffLines(books)).toEqual([]);
      expect(decisionsOffHeld(books)).toEqual([]);
    }, 20_000);

    it('a buffer lowered while the hold waited lets the hold take the unit it freed', async () => {
      // 1 available, buffer 1: nothing free; the change frees the unit before the hold reads.
      await seed(1, 1);

      const answer = await holdWhileBufferBecomes(0);

      expect(answer).toBe('placed');
    }, 20_000);
  },
);
