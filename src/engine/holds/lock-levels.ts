import { sql } from 'kysely';
import { levelKey } from '../../domain/holds/hold-demand.js';
import { dialectOf, inLevelKeys } from '../../storage/level-keys.js';
import type { LevelRef } from './held-units.js';
import type { HoldsDb } from './holds-database.js';

/**
 * PostgreSQL: locks the levels' rows for the rest of the transaction, all at once, in lock order
 * (store, then item: `compareLevels`; `COLLATE "C"` orders by code point, as JavaScript's
 * comparison does for any id without characters beyond U+FFFF). A transaction that would
 * otherwise take them one by one in another order (units returned at an old hold's levels, then
 * the new demand claimed) cannot then wait in a circle with one that takes them in this order.
 * SQLite has one writer at a time: nothing to do.
 */
export async function lockLevels(db: HoldsDb, levels: readonly LevelRef[]): Promise<void> {
  if (levels.length === 0 || dialectOf(db) !== 'postgres') return;

  const wanted = inLevelKeys('postgres', levels, { item: 'item_id', location: 'location_handle' });
  await sql`SELECT 1 FROM levels WHERE ${wanted}
    ORDER BY location_handle COLLATE "C", item_id COLLATE "C" FOR UPDATE`.execute(db);
}

/**
 * PostgreSQL: locks those of the levels no other transaction holds, in lock order, without
 * waiting for the others (`SKIP LOCKED`), and answers which it locked, by `levelKey`. A
 * statement that never waits cannot wait in a circle either.
 */
export async function lockFreeLevels(
  db: HoldsDb,
  levels: readonly LevelRef[],
): Promise<Set<string>> {
  if (levels.length === 0) return new Set();

  const wanted = inLevelKeys('postgres', levels, { item: 'item_id', location: 'location_handle' });
  const locked = await sql<{ item_id: string; location_handle: string }>`
    SELECT item_id, location_handle FROM levels WHERE ${wanted}
    ORDER BY location_handle COLLATE "C", item_id COLLATE "C" FOR UPDATE SKIP LOCKED`.execute(db);
  return new Set(
    locked.rows.map((row) =>
      levelKey({ itemId: row.item_id, locationHandle: row.location_handle }),
    ),
  );
}

/**
 * The levels a general-path placement may change, besides its demand: those of the cart's
 * unended holds (taken back or released), and those of active holds past their expiry with a
 * line at a demanded level (released first). Read without locks, to lock them all in order.
 */
export async function levelsPlacementTouches(
  db: HoldsDb,
  cartId: string,
  demand: readonly LevelRef[],
  now: string,
): Promise<LevelRef[]> {
  const demanded = inLevelKeys(dialectOf(db), demand, {
    item: 'd.item_id',
    location: 'd.location_handle',
  });
  const rows = await sql<{ item_id: string; location_handle: string }>`
    SELECT DISTINCT l.item_id, l.location_handle
    FROM hold_lines l JOIN holds h ON h.id = l.hold_id
    WHERE l.left_at IS NULL AND (
      (h.cart_id = ${cartId} AND h.status IN ('active', 'checkout'))
      OR (h.status = 'active' AND h.expires_at <= ${now} AND EXISTS (
        SELECT 1 FROM hold_lines d WHERE d.hold_id = h.id AND ${demanded})))`.execute(db);

  const levels = new Map(demand.map((level) => [levelKey(level), level]));
  for (const row of rows.rows) {
    const level = { itemId: row.item_id, locationHandle: row.location_handle };
    levels.set(levelKey(level), level);
  }
  return [...levels.values()];
}

/** The levels the holds' lines still count at (where ending them returns units). */
export async function levelsOfHolds(db: HoldsDb, holdIds: readonly string[]): Promise<LevelRef[]> {
  if (holdIds.length === 0) return [];

  const rows = await db
    .selectFrom('hold_lines')
    .select(['item_id', 'location_handle'])
    .distinct()
    .where('hold_id', 'in', holdIds)
    .where('left_at', 'is', null)
    .execute();
  return rows.map((row) => ({ itemId: row.item_id, locationHandle: row.location_handle }));
}
