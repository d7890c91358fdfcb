import { expiryTransition } from '../../domain/holds/hold-transitions.js';
import type { HoldStatus } from '../../storage/holds-schema.js';
import type { LevelRef } from './held-units.js';
import type { HoldsDb } from './holds-database.js';
import { moveHold } from './end-hold.js';

/**
 * Which expired holds to release: the active ones with a line at a level (a checkout hold no
 * longer counts there, so its lapse changes nothing the level shows), one cart's, or any.
 */
export type ExpiryScope = { level: LevelRef } | { cartId: string } | { limit: number };

/**
 * Releases holds whose time has run out by `now` (a hold expiring exactly now has expired): an
 * `active` hold past `expires_at` returns its units; a `checkout` hold past its grace period
 * simply ends. Each moves by its own guarded status change, so a sweeper and a request racing
 * over the same hold release it once. Returns the levels whose held units went down.
 */
export async function releaseExpiredHolds(
  db: HoldsDb,
  scope: ExpiryScope,
  now: string,
): Promise<{ released: number; levels: LevelRef[] }> {
  const due = await findDue(db, scope, now);
  const levels: LevelRef[] = [];
  let released = 0;

  for (const hold of due) {
    const moved = await moveHold(
      db,
      hold.id,
      expiryTransition(hold.status === 'active' ? 'active' : 'checkout'),
      now,
    );
    if (moved === null) continue;
    released += 1;
    levels.push(...moved);
  }
  return { released, levels };
}

/**
 * The due holds of the scope, oldest first. Active and checkout holds are found by two queries,
 * each a range on the `holds_due` index (status, expires_at) or a scan of the few checkout
 * holds: one query with an OR over both made SQLite walk every active hold on each claim.
 */
async function findDue(
  db: HoldsDb,
  scope: ExpiryScope,
  now: string,
): Promise<{ id: string; status: HoldStatus; expires_at: string }[]> {
  const active = dueQuery(db, scope)
    .where('holds.status', '=', 'active')
    .where('holds.expires_at', '<=', now)
    .execute();
  // A checkout hold no longer counts at a level, so the level scope leaves it to the sweeper.
  const checkout =
    'level' in scope
      ? Promise.resolve([])
      : dueQuery(db, scope)
          .where('holds.status', '=', 'checkout')
          .where('holds.grace_until', '<=', now)
          .execute();

  const due = [...(await active), ...(await checkout)].sort((a, b) =>
    a.expires_at !== b.expires_at ? (a.expires_at < b.expires_at ? -1 : 1) : a.id < b.id ? -1 : 1,
  );
  return 'limit' in scope ? due.slice(0, scope.limit) : due;
}

function dueQuery(db: HoldsDb, scope: ExpiryScope) {
  let query = db
    .selectFrom('holds')
    .select(['holds.id', 'holds.status', 'holds.expires_at'])
    .orderBy('holds.expires_at')
    .orderBy('holds.id');

  if ('level' in scope) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('hold_lines as l')
          .select('l.hold_id')
          .whereRef('l.hold_id', '=', 'holds.id')
          .where('l.item_id', '=', scope.level.itemId)
          .where('l.location_handle', '=', scope.level.locationHandle),
      ),
    );
  } else if ('cartId' in scope) {
    query = query.where('holds.cart_id', '=', scope.cartId);
  } else {
    query = query.limit(scope.limit);
  }
  return query;
}
