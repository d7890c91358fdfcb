import { expiryTransition } from '../../domain/holds/hold-transitions.js';
import type { HoldStatus } from '../../storage/holds-schema.js';
import type { LevelRef } from './held-units.js';
import type { HoldsDb } from './holds-database.js';
import { moveHold } from './end-hold.js';
import { levelsOfHolds, lockLevels } from './lock-levels.js';
import { dialectOf } from '../../storage/level-keys.js';
import { mayHaveExpired } from '../../domain/holds/level-expiry-bound.js';

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
  if ('level' in scope && !(await levelMayHaveExpired(db, scope.level, now)))
    return { released: 0, levels: [] };

  const due = await findDue(db, scope, now);
  // PostgreSQL: the levels first, in order, then the holds, as a placement takes them.
  if (due.length > 0 && dialectOf(db) === 'postgres') {
    const dueIds = due.map((hold) => hold.id);
    await lockLevels(db, await levelsOfHolds(db, dueIds));
  }

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

  if ('level' in scope) await resetExpiryBound(db, scope.level);
  return { released, levels };
}

async function levelMayHaveExpired(db: HoldsDb, level: LevelRef, now: string): Promise<boolean> {
  const row = await db
    .selectFrom('levels')
    .select(['held', 'hold_expiry_bound'])
    .where('item_id', '=', level.itemId)
    .where('location_handle', '=', level.locationHandle)
    .executeTakeFirst();
  return row !== undefined && mayHaveExpired(row, now);
}

/**
 * Sets the level's expiry bound to the earliest expiry of its live holds (null with none), after
 * a search released those that had run out. The holds are walked in expiry order on the
 * `holds_due` index, so the first with a line at the level ends the walk.
 *
 * Two statements, for PostgreSQL: the first takes the level's row lock (a claim in flight
 * commits first) and leaves the bound unknown meanwhile; the second, on a snapshot taken after
 * the lock, sees every committed claim, and a later claim lowers what it writes.
 */
async function resetExpiryBound(db: HoldsDb, level: LevelRef): Promise<void> {
  await db
    .updateTable('levels')
    .set({ hold_expiry_bound: null })
    .where('item_id', '=', level.itemId)
    .where('location_handle', '=', level.locationHandle)
    .execute();

  await db
    .updateTable('levels')
    .set({
      hold_expiry_bound: (eb) =>
        eb
          .selectFrom('holds')
          .select('holds.expires_at')
          .where('holds.status', '=', 'active')
          .where((inner) =>
            inner.exists(
              inner
                .selectFrom('hold_lines as l')
                .select('l.hold_id')
                .whereRef('l.hold_id', '=', 'holds.id')
                .where('l.item_id', '=', level.itemId)
                .where('l.location_handle', '=', level.locationHandle)
                .where('l.left_at', 'is', null),
            ),
          )
          .orderBy('holds.expires_at')
          .limit(1),
    })
    .where('item_id', '=', level.itemId)
    .where('location_handle', '=', level.locationHandle)
    .execute();
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
