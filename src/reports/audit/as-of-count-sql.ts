import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

/**
 * The system's on hand as of a count, as SQL over a row (`alias`) that has item_id,
 * location_handle and counted_at. Shared by the bulk import (a row built from the file) and
 * the recomputation of merged and reopened count lines (a row of count_lines).
 *
 * System at the count = the level's on hand now − the sum of on-hand deltas dated after the
 * count. Deltas add up in any order, so an event that reaches us late but is dated before the
 * count still lands on the right side of it. The other replay, "quantity_after of the last
 * movement at or before the count", reads a running total kept in the order we learned things,
 * which is wrong at an instant exactly when events arrive out of order (the reopen case).
 *
 * How far the books reach back decides the basis:
 * - `ledger`: the level has a movement at or before the count; the replay holds.
 * - `level_unchanged`: the level has no movement at all; it stood as it stands now.
 * - `no_level`: the item is not stocked there in the books: the system says 0.
 * - `before_books`: the level's first movement is after the count (trueshelf was not watching
 *   yet); the system figure is unknown, so the line is left out of drift and corrections.
 *
 * Each lookup is an index probe: levels by key, movements by (item, location, occurred_at).
 *
 * TODO(one-second times): Shopify dates orders and webhooks to the whole second, so a sale in
 * the same second as the count is taken as before it (`occurred_at <= counted_at`). Lifting it
 * needs a sub-second time for the sale (the POS's own), or the count's second excluded.
 */
export function movedAfterCount(alias: string): RawBuilder<number> {
  const row = sql.table(alias);
  return sql<number>`COALESCE((
    SELECT SUM(m.delta) FROM movements m
    WHERE m.item_id = ${row}.item_id AND m.location_handle = ${row}.location_handle
      AND m.state = 'on_hand' AND m.occurred_at > ${row}.counted_at), 0)`;
}

/** The basis, given whether the level exists (a join or an EXISTS the caller has). */
export function systemBasis(alias: string, levelExists: RawBuilder<boolean>): RawBuilder<string> {
  const row = sql.table(alias);
  const sameLevel = sql`m.item_id = ${row}.item_id AND m.location_handle = ${row}.location_handle`;
  return sql<string>`(CASE
    WHEN NOT (${levelExists}) THEN 'no_level'
    WHEN EXISTS (SELECT 1 FROM movements m WHERE ${sameLevel} AND m.occurred_at <= ${row}.counted_at)
      THEN 'ledger'
    WHEN EXISTS (SELECT 1 FROM movements m WHERE ${sameLevel}) THEN 'before_books'
    ELSE 'level_unchanged'
  END)`;
}

/** The system figure from the basis and the two numbers; null before the books begin. */
export function systemFromBasis(
  basis: RawBuilder<unknown>,
  levelOnHand: RawBuilder<unknown>,
  movedAfter: RawBuilder<unknown>,
): RawBuilder<number | null> {
  return sql<number | null>`(CASE ${basis}
    WHEN 'no_level' THEN 0
    WHEN 'before_books' THEN NULL
    ELSE ${levelOnHand} - ${movedAfter} END)`;
}
