import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

/**
 * Units at a level that `held` still counts for holds whose time ran out by `now`: the sweeper
 * has not released them yet. A read subtracts them, so an expired hold stops counting at read
 * time, to the second (`expires_at <= now`, the same closed boundary as `hasExpired`).
 *
 * `itemColumn` and `locationColumn` name the level's columns in the outer query, `heldColumn`
 * the stored decision's held units: only where it holds anything are the holds looked at (0
 * otherwise). The join starts from the `holds_due` index (few holds are due at any moment,
 * however many are live): SQLite takes CROSS JOIN as that order, PostgreSQL plans it as the
 * inner join it is.
 */
export function lapsedHeldUnits(
  now: string,
  itemColumn: string,
  locationColumn: string,
  heldColumn = 'd.held',
): RawBuilder<number> {
  return sql<number>`CASE WHEN ${sql.ref(heldColumn)} > 0 THEN (SELECT COALESCE(SUM(lapsed_line.quantity), 0)
    FROM holds lapsed CROSS JOIN hold_lines lapsed_line
    WHERE lapsed.status = 'active' AND lapsed.expires_at <= ${now}
      AND lapsed_line.hold_id = lapsed.id
      AND lapsed_line.item_id = ${sql.ref(itemColumn)}
      AND lapsed_line.location_handle = ${sql.ref(locationColumn)}
      AND lapsed_line.left_at IS NULL) ELSE 0 END`;
}

/**
 * A stored decision as of now: its holds less the lapsed units, and sellable worked out as
 * `decideSellable` does (max(0, gross − buffer − live holds)). Fields stay null before the
 * level's first decision.
 */
export function withoutLapsedHolds<
  T extends {
    gross: number | null;
    buffer: number | null;
    held: number | null;
    sellable: number | null;
  },
>(decision: T, lapsed: number): T {
  if (lapsed <= 0 || decision.held === null || decision.gross === null) return decision;
  const held = Math.max(0, decision.held - lapsed);
  const sellable = Math.max(0, decision.gross - (decision.buffer ?? 0) - held);
  return { ...decision, held, sellable };
}
