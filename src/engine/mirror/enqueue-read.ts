import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';

/**
 * Queues a re-read of one level ('*' = every level of the item). Signals for the same level
 * coalesce into one row: the earliest signal time is kept for latency, the earliest due time
 * wins, and the signal count goes up so a read already under way does not swallow this one.
 */
export async function enqueueRead(
  db: Kysely<Database>,
  read: { shopifyItemId: string; shopifyLocationId: string; signalAt: string; dueAt: string },
): Promise<void> {
  await db
    .insertInto('read_queue')
    .values({
      shopify_item_id: read.shopifyItemId,
      shopify_location_id: read.shopifyLocationId,
      first_signal_at: read.signalAt,
      due_at: read.dueAt,
      signals: 1,
      attempts: 0,
      claimed_until: null,
    })
    .onConflict((oc) =>
      oc.columns(['shopify_item_id', 'shopify_location_id']).doUpdateSet({
        signals: sql<number>`read_queue.signals + 1`,
        first_signal_at: sql<string>`CASE WHEN excluded.first_signal_at < read_queue.first_signal_at THEN excluded.first_signal_at ELSE read_queue.first_signal_at END`,
        due_at: sql<string>`CASE WHEN excluded.due_at < read_queue.due_at THEN excluded.due_at ELSE read_queue.due_at END`,
      }),
    )
    .execute();
}

/** Read-queue key of a resource lookup (a fulfilment order, transfer or shipment). */
export function lookupKey(resource: string, id: string): string {
  return `lookup:${resource}:${id}`;
}
