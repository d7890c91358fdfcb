import type { LevelRef } from './held-units.js';
import type { HoldsDb } from './holds-database.js';

/**
 * The hold behind the next `reserved` move at a level, if only one hold changed there (a line
 * placed, or one that stopped counting) since trueshelf's last accepted `reserved` move; null
 * when several did (their changes net into one move) or none did (the move follows a change of
 * gross, e.g. a POS sale).
 */
export async function soleChangedHold(db: HoldsDb, level: LevelRef): Promise<string | null> {
  const lastMove = await db
    .selectFrom('movements')
    .select((eb) => eb.fn.max('occurred_at').as('at'))
    .where('item_id', '=', level.itemId)
    .where('location_handle', '=', level.locationHandle)
    .where('cause_kind', '=', 'own_move')
    .where('state', '=', 'reserved')
    .executeTakeFirst();
  const since = lastMove?.at ?? '';

  const changed = await db
    .selectFrom('hold_lines')
    .select('hold_id')
    .distinct()
    .where('item_id', '=', level.itemId)
    .where('location_handle', '=', level.locationHandle)
    .where((eb) => eb.or([eb('placed_at', '>', since), eb('left_at', '>', since)]))
    .limit(2)
    .execute();
  return changed.length === 1 ? (changed[0]?.hold_id ?? null) : null;
}
