import { randomUUID } from 'node:crypto';
import { heldShortfall } from '../../domain/holds/held-shortfall.js';
import type { LevelRef } from './held-units.js';
import type { HoldsDb } from './holds-database.js';
import { dialectOf, inLevelKeys } from '../../storage/level-keys.js';

/**
 * Called with every fresh decision: when gross has fallen below what live holds claim (a POS
 * sale took a held unit; POS only warns), the store gets one open alert for the level naming
 * the holds affected. It stays one alert while the shortfall lasts (its count follows the
 * worst seen) and is marked resolved once gross covers the holds again.
 */
export async function reviewHeldShortfall(
  db: HoldsDb,
  level: LevelRef,
  figures: { gross: number; held: number },
  now: string,
): Promise<void> {
  const short = heldShortfall(figures.gross, figures.held);
  const open = db
    .selectFrom('alerts')
    .select(['id', 'units_short'])
    .where('kind', '=', 'sold_from_under_hold')
    .where('location_handle', '=', level.locationHandle)
    .where('item_id', '=', level.itemId)
    .where('resolved_at', 'is', null);

  if (short === 0) return resolveOpen(db, level, now);

  const existing = await open.executeTakeFirst();
  if (existing) {
    if (existing.units_short >= short) return;
    await db
      .updateTable('alerts')
      .set({ units_short: short })
      .where('id', '=', existing.id)
      .execute();
    return;
  }

  const holds = await activeHoldsAt(db, level);
  await db
    .insertInto('alerts')
    .values({
      id: randomUUID(),
      kind: 'sold_from_under_hold',
      location_handle: level.locationHandle,
      item_id: level.itemId,
      hold_ids: JSON.stringify(holds),
      order_id: null,
      units_short: short,
      message:
        `sold from under a pickup: ${figures.held} unit(s) held for ${holds.length} cart(s) ` +
        `but only ${Math.max(0, figures.gross)} left at ${level.locationHandle}; ` +
        'check the shelf and tell the customers before they come',
      raised_at: now,
      resolved_at: null,
    })
    .execute();
}

async function resolveOpen(db: HoldsDb, level: LevelRef, now: string): Promise<void> {
  await resolveHeldShortfalls(db, [level], now);
}

/**
 * `reviewHeldShortfall` for levels whose gross covers their holds (no shortfall): their open
 * alerts, if any, are marked resolved, in one statement for all of them.
 */
export async function resolveHeldShortfalls(
  db: HoldsDb,
  levels: readonly LevelRef[],
  now: string,
): Promise<void> {
  if (levels.length === 0) return;

  await db
    .updateTable('alerts')
    .set({ resolved_at: now })
    .where('kind', '=', 'sold_from_under_hold')
    .where('resolved_at', 'is', null)
    .where(inLevelKeys(dialectOf(db), levels, { item: 'item_id', location: 'location_handle' }))
    .execute();
}

/** The live holds with a line at the level, newest first (the last claims are the uncovered). */
export async function activeHoldsAt(db: HoldsDb, level: LevelRef): Promise<string[]> {
  const rows = await db
    .selectFrom('holds')
    .innerJoin('hold_lines', 'hold_lines.hold_id', 'holds.id')
    .select('holds.id')
    .where('holds.status', '=', 'active')
    .where('hold_lines.left_at', 'is', null)
    .where('hold_lines.item_id', '=', level.itemId)
    .where('hold_lines.location_handle', '=', level.locationHandle)
    .orderBy('holds.created_at', 'desc')
    .execute();
  return rows.map((row) => row.id);
}
