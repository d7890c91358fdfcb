import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RetryTransaction,
  inWriteTransaction,
} from '../../../src/engine/holds/write-transaction.js';
import type { Database } from '../../../src/storage/database-schema.js';
import { openTestDatabase } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';

/** A scratch table of the test's own: each work writes one named row. */
async function writeProbe(trx: Kysely<Database>, name: string): Promise<void> {
  await sql`INSERT INTO write_probe (name) VALUES (${name})`.execute(trx);
}

async function probeNames(database: TestDatabase): Promise<string[]> {
  const result = await sql<{ name: string }>`SELECT name FROM write_probe ORDER BY name`.execute(
    database.storage.db,
  );
  return result.rows.map((row) => row.name);
}

describe('write transactions started at the same time', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase();
    await sql`CREATE TABLE write_probe (name text PRIMARY KEY)`.execute(database.storage.db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('each commit, roll back or fail on their own, all or nothing per work', async () => {
    const storage = database.storage;
    const committed = inWriteTransaction(storage, async (trx) => {
      await writeProbe(trx, 'a-committed');
      return { commit: true, value: 'a' };
    });
    const refused = inWriteTransaction(storage, async (trx) => {
      await writeProbe(trx, 'b-refused');
      return { commit: false, value: 'b' };
    });
    const failed = inWriteTransaction(storage, async (trx) => {
      await writeProbe(trx, 'c-failed-first-row');
      throw new Error('c broke halfway');
    });
    const alsoCommitted = inWriteTransaction(storage, async (trx) => {
      await writeProbe(trx, 'd-committed');
      return { commit: true, value: 'd' };
    });

    const [a, b, c, d] = await Promise.allSettled([committed, refused, failed, alsoCommitted]);
    expect(a).toEqual({ status: 'fulfilled', value: 'a' });
    expect(b).toEqual({ status: 'fulfilled', value: 'b' });
    expect(c).toMatchObject({ status: 'rejected', reason: { message: 'c broke halfway' } });
    expect(d).toEqual({ status: 'fulfilled', value: 'd' });
    // Only the two works that asked to commit left rows; c's first row went with its failure.
    expect(await probeNames(database)).toEqual(['a-committed', 'd-committed']);
  });

  it('a work that loses a version check starts again, its first attempt undone', async () => {
    let attempts = 0;
    const other = inWriteTransaction(database.storage, async (trx) => {
      await writeProbe(trx, 'other');
      return { commit: true, value: null };
    });
    const retried = inWriteTransaction(database.storage, async (trx) => {
      attempts += 1;
      await writeProbe(trx, `retried-${attempts}`);
      if (attempts === 1) throw new RetryTransaction('lost the version check');
      return { commit: true, value: attempts };
    });

    await other;
    // The first attempt's row is rolled back, the second's committed: exactly one, named 2.
    await expect(retried).resolves.toBe(2);
    expect(await probeNames(database)).toEqual(['other', 'retried-2']);
  });
});
