import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideInChunks } from '../../../src/engine/decision/decide-in-chunks.js';
import { refreshDecision } from '../../../src/engine/decision/refresh-decision.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, modes, seedLevel, seedLevelBuffer } from '../holds/hold-fixture.js';

const tee = { itemId: 'tee', locationHandle: 'downtown' };

/**
 * PostgreSQL: a decision that waits for a level's lock decides from what the lock's holder
 * committed, the level's computed buffer included. A statement's snapshot is taken before it
 * waits for a lock: a read that waited in its own `FOR UPDATE` got the level's row as the
 * holder left it, but the joined buffer as it was before, and stored a decision from the old
 * buffer over the holder's. SQLite has one writer at a time and cannot see this.
 */
describe.skipIf(testEngine !== 'postgres')(
  `a decision that waited for a buffer recompute, on ${testEngine}`,
  () => {
    let database: TestDatabase;
    let other: Storage;
    beforeEach(async () => {
      database = await openTestDatabase();
      other = await database.openAnother();
      await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
      await refreshDecision(database.storage.db, tee, modes, null, T0);
    });
    afterEach(async () => database.close());

    /** Waits, up to 5 s, until another session waits for a row lock. */
    async function untilADecisionWaits(): Promise<void> {
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        const { rows } = await sql<{ n: string }>`
          SELECT count(*) AS n FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query ILIKE '%for update%'`.execute(
          database.storage.db,
        );
        if (Number(rows[0]?.n) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('no decision came to wait for the level lock within 5 s');
    }

    it('stores the buffer the recompute committed, not the one before it', async () => {
      let deciding: Promise<number> | undefined;

      // What a buffer recompute does: store the level's new buffer, decide it, commit.
      await database.storage.db.transaction().execute(async (trx) => {
        await seedLevelBuffer(trx, { item: 'tee', location: 'downtown', bufferUnits: 2 });
        await refreshDecision(trx, tee, modes, null, T0);

        // Another instance decides the level again meanwhile (a location's settings applied).
        deciding = decideInChunks(other, [tee], modes, T0);
        await untilADecisionWaits();
      });
      await deciding;

      const stored = await holdsDb(database.storage.db)
        .selectFrom('decisions')
        .select(['buffer', 'sellable'])
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ buffer: 2, sellable: 3 });
    }, 20_000);
  },
);
