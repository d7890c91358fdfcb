import { sql } from 'kysely';
import type { Storage } from '../../storage/storage.js';
import type { ReadQueueTable } from '../../storage/database-schema.js';

/**
 * Claims due re-reads for `claimSeconds`. On PostgreSQL the candidate rows are locked with
 * SKIP LOCKED, so instances never claim the same row; SQLite has a single writer.
 */
export async function claimReads(
  storage: Storage,
  now: Date,
  limit: number,
  claimSeconds = 30,
): Promise<ReadQueueTable[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + claimSeconds * 1000).toISOString();
  const lock = storage.supportsRowLocks ? sql`FOR UPDATE SKIP LOCKED` : sql``;

  const result = await sql<ReadQueueTable>`
    UPDATE read_queue SET claimed_until = ${until}, attempts = attempts + 1
    WHERE (shopify_item_id, shopify_location_id) IN (
      SELECT shopify_item_id, shopify_location_id FROM read_queue
      WHERE due_at <= ${at} AND (claimed_until IS NULL OR claimed_until < ${at})
      ORDER BY due_at
      LIMIT ${limit}
      ${lock}
    )
    RETURNING shopify_item_id, shopify_location_id, first_signal_at, due_at, signals, attempts, claimed_until`.execute(
    storage.db,
  );

  return result.rows;
}

/** Done with a read: drop the row unless a signal arrived meanwhile; then it is read again. */
export async function finishRead(
  storage: Storage,
  row: ReadQueueTable,
  outcome: 'done' | 'retry',
  now: Date,
  retryDelayMs = 25,
): Promise<void> {
  if (outcome === 'done') {
    const deleted = await storage.db
      .deleteFrom('read_queue')
      .where('shopify_item_id', '=', row.shopify_item_id)
      .where('shopify_location_id', '=', row.shopify_location_id)
      .where('signals', '=', row.signals)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 1) return;
  }

  await storage.db
    .updateTable('read_queue')
    .set({ claimed_until: null, due_at: new Date(now.getTime() + retryDelayMs).toISOString() })
    .where('shopify_item_id', '=', row.shopify_item_id)
    .where('shopify_location_id', '=', row.shopify_location_id)
    .execute();
}
