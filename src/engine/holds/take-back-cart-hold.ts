import { expiryTransition } from '../../domain/holds/hold-transitions.js';
import { levelKey } from '../../domain/holds/hold-demand.js';
import { dialectOf } from '../../storage/level-keys.js';
import { leaveHeld, moveHold } from './end-hold.js';
import type { LevelRef } from './held-units.js';
import type { HoldsDb } from './holds-database.js';
import { RetryTransaction } from './write-transaction.js';

/** What became of the cart's earlier holds: the live one taken back, and the levels touched. */
export interface CartTakeBack {
  /** The cart's live hold, now without lines, to be written again; null if it had none. */
  holdId: string | null;
  /** Levels whose held units went down (expired holds released, the live one taken back). */
  levels: LevelRef[];
}

/**
 * Before a cart holds again, in one read of the cart's unended holds: those whose time has run
 * out by `now` are released as the sweeper would (`releaseExpiredHolds`, cart scope), and the
 * live one returns its units and loses its lines, so the new claim replaces it instead of
 * adding a second. The live hold's version is bumped under a guard, so two requests replacing
 * the same cart's hold at once cannot both return the same units: the loser's UPDATE matches
 * nothing and its transaction starts again.
 */
export async function takeBackCartHold(
  db: HoldsDb,
  cartId: string,
  now: string,
  locked: ReadonlySet<string> | null = null,
): Promise<CartTakeBack> {
  let query = db
    .selectFrom('holds')
    .select(['id', 'status', 'version', 'expires_at', 'grace_until'])
    .where('cart_id', '=', cartId)
    .where('status', 'in', ['active', 'checkout'])
    .orderBy('expires_at')
    .orderBy('id');
  // PostgreSQL: requests replacing the same cart's hold wait for each other here, rather than
  // each losing the version check below to the one before it (with a dozen at once, some ran
  // out of attempts). SQLite has one writer at a time.
  if (dialectOf(db) === 'postgres') query = query.forUpdate();
  const holds = await query.execute();
  if (locked) await expectLevelsLocked(db, holds, locked);

  const levels: LevelRef[] = [];
  let live: { id: string; version: number } | null = null;
  for (const hold of holds) {
    const due =
      hold.status === 'active'
        ? hold.expires_at <= now
        : hold.grace_until !== null && hold.grace_until <= now;
    if (due) {
      const status = hold.status === 'active' ? 'active' : 'checkout';
      levels.push(...((await moveHold(db, hold.id, expiryTransition(status), now)) ?? []));
    } else if (hold.status === 'active') {
      live = hold;
    }
  }
  if (!live) return { holdId: null, levels };

  const claimed = await db
    .updateTable('holds')
    .set({ version: live.version + 1, updated_at: now })
    .where('id', '=', live.id)
    .where('status', '=', 'active')
    .where('version', '=', live.version)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1)
    throw new RetryTransaction('cart hold replaced meanwhile');

  levels.push(...(await leaveHeld(db, live.id, now)));
  await db.deleteFrom('hold_lines').where('hold_id', '=', live.id).execute();
  return { holdId: live.id, levels };
}

/**
 * PostgreSQL: the levels were locked from a read of the cart's holds made before their rows
 * were locked here. If another transaction replaced the cart's hold in between, its lines are
 * now at levels this one has not locked, and returning their units would take those locks out
 * of order: two instances replacing the same carts' holds deadlocked so, a second lost each
 * time. Such a transaction starts again, and reads the cart's levels anew.
 */
async function expectLevelsLocked(
  db: HoldsDb,
  holds: readonly { id: string }[],
  locked: ReadonlySet<string>,
): Promise<void> {
  if (holds.length === 0) return;

  const lines = await db
    .selectFrom('hold_lines')
    .select(['item_id', 'location_handle'])
    .where(
      'hold_id',
      'in',
      holds.map((hold) => hold.id),
    )
    .where('left_at', 'is', null)
    .execute();
  const unlocked = lines.some(
    (line) => !locked.has(levelKey({ itemId: line.item_id, locationHandle: line.location_handle })),
  );
  if (unlocked) throw new RetryTransaction("the cart's hold changed since its levels were locked");
}
