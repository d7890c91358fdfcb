import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { openPostgresStorage } from '../../../src/storage/postgres/open-postgres-storage.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { T0, holdService, seedLevel } from './hold-fixture.js';

const STATEMENT_TIMEOUT_MS = 1_000;

/**
 * PostgreSQL: holds whose levels another transaction holds wait in the second lane, a group at
 * a time. When one level stays locked past the statement timeout the group fails, and its holds
 * are placed again one by one. Each hold at the locked level used to wait the whole timeout
 * again, in turn, so a hold at a level locked only briefly was answered after the timeout times
 * the group's size (found by a break-it pass: 3.5 s for six such holds at a 500 ms timeout, 16
 * minutes for a full group at the default 15 s). Now each is tried without waiting: the hold at
 * the free level is placed, and those whose level is still locked fail with the group's fault.
 * The mug stays locked 5 s: placed one by one with waiting, the tee would be answered after it.
 */
describe.skipIf(testEngine !== 'postgres')(
  `a level locked past the statement timeout, on ${testEngine}`,
  () => {
    let database: TestDatabase;
    let locker: Storage;
    let instance: Storage;
    beforeEach(async () => {
      database = await openTestDatabase();
      locker = await database.openAnother();
      // The database is migrated already: opened without migrating, since under a loaded CI the
      // migrator's look across every test schema alone outlasted the 1 s statement timeout.
      instance = openPostgresStorage(database.url, { statementTimeoutMs: STATEMENT_TIMEOUT_MS });
      await seedLevel(database.storage, { item: 'mug', location: 'downtown', available: 50 });
      await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 50 });
    });
    afterEach(async () => {
      await instance.close();
      await database.close();
    });

    it('a hold at a level locked briefly is answered soon after the first timeout', async () => {
      const service = holdService(instance, new ManualClock(T0));
      const sent = Date.now();
      const ask = (item: string, index: number) =>
        service
          .place({
            client: 'storefront',
            idempotencyKey: `${item}-${index}`,
            cartId: `cart-${item}-${index}`,
            lines: [{ item, location: 'downtown', quantity: 1 }],
          })
          .then(
            (placement) => ({ item, kind: placement.kind, afterMs: Date.now() - sent }),
            () => ({ item, kind: 'failed', afterMs: Date.now() - sent }),
          );

      const answers: ReturnType<typeof ask>[] = [];
      await locker.db.transaction().execute(async (mugLock) => {
        await sql`SELECT 1 FROM levels WHERE item_id = 'mug' FOR UPDATE`.execute(mugLock);
        // The tee is locked only while the holds are sent, so they all go to the second lane.
        await locker.db.transaction().execute(async (teeLock) => {
          await sql`SELECT 1 FROM levels WHERE item_id = 'tee' FOR UPDATE`.execute(teeLock);
          for (let index = 0; index < 6; index += 1) answers.push(ask('mug', index));
          answers.push(ask('tee', 0));
          await new Promise((resolve) => setTimeout(resolve, 200));
        });
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      });
      const answered = await Promise.all(answers);

      const tee = answered.find((answer) => answer.item === 'tee');
      expect(tee?.kind).toBe('placed');
      expect(tee?.afterMs).toBeLessThan(3 * STATEMENT_TIMEOUT_MS);
      const mugs = answered.filter((answer) => answer.item === 'mug');
      expect(mugs.map((answer) => answer.kind)).toEqual(Array(6).fill('failed'));
      expect(Math.max(...mugs.map((answer) => answer.afterMs))).toBeLessThan(
        3 * STATEMENT_TIMEOUT_MS,
      );

      const books = await readLevelBooks(database.storage);
      expect(heldOffLines(books)).toEqual([]);
      expect(decisionsOffHeld(books)).toEqual([]);
      expect(books.map((level) => [level.level, level.held])).toEqual([
        ['downtown/mug', 0],
        ['downtown/tee', 1],
      ]);
    }, 20_000);
  },
);
