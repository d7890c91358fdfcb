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
      hold.status === 'active'
        ? { from: 'active', to: 'expired', endReason: 'ttl', onceDue: 'expires_at' }
        : { from: 'checkout', to: 'expired', endReason: 'checkout_grace', onceDue: 'grace_until' },
      now,
    );
    if (moved === null) continue;
    released += 1;
    levels.push(...moved);
  }
  return { released, levels };
}

async function findDue(db: HoldsDb, scope: ExpiryScope, now: string) {
  let query = db
    .selectFrom('holds')
    .select(['holds.id', 'holds.status'])
    .where((eb) =>
      eb.or([
        eb.and([eb('holds.status', '=', 'active'), eb('holds.expires_at', '<=', now)]),
        eb.and([eb('holds.status', '=', 'checkout'), eb('holds.grace_until', '<=', now)]),
      ]),
    )
    .orderBy('holds.expires_at')
    .orderBy('holds.id');

  if ('level' in scope) {
    query = query
      .where('holds.status', '=', 'active')
      .where((eb) =>
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
  return query.execute();
}
