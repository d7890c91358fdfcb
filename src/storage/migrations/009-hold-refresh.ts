import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Levels gain two columns that take work off a hold's transaction:
 *
 * - `decision_stale`: 1 when a claim changed `held` and the level's decision has not been worked
 *   out again since. The claim sets it in its own UPDATE, so the mark is durable with the hold;
 *   the stale-level refresher decides the level after COMMIT, once for every claim that came
 *   meanwhile, and clears it. A partial index keeps the refresher's search to the marked rows.
 * - `hold_expiry_bound`: no live hold at the level expires before this instant (each claim
 *   lowers it to its hold's expiry; a search for expired holds sets it to the earliest one that
 *   remains). While it lies ahead of now, nothing at the level can have expired and the search
 *   is skipped; null means not known.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('levels')
    .addColumn('decision_stale', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('levels').addColumn('hold_expiry_bound', 'text').execute();
  await db.schema
    .createIndex('levels_decision_stale')
    .on('levels')
    .columns(['item_id', 'location_handle'])
    .where(sql.ref('decision_stale'), '=', 1)
    .execute();
}
