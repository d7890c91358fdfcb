import { compareLevels } from '../../domain/holds/hold-demand.js';
import { returnsHeldUnits } from '../../domain/holds/hold-transitions.js';
import type { HoldTransition } from '../../domain/holds/hold-transitions.js';
import type { LevelRef } from './held-units.js';
import { returnHeldUnits } from './held-units.js';
import type { HoldsDb } from './holds-database.js';

export type { HoldTransition } from '../../domain/holds/hold-transitions.js';

/**
 * Moves a hold from one status to another with one guarded UPDATE (`WHERE status = from`), so
 * of two callers racing, one moves it and the other changes nothing: releasing twice is a
 * no-op. A hold leaving `active` returns its units in the same transaction, each line once
 * (`left_at IS NULL`). Returns the levels whose held units changed, or null if it did not move.
 */
export async function moveHold(
  db: HoldsDb,
  holdId: string,
  move: HoldTransition,
  now: string,
): Promise<LevelRef[] | null> {
  const ending = move.to !== 'active' && move.to !== 'checkout';
  let update = db
    .updateTable('holds')
    .set({
      status: move.to,
      updated_at: now,
      version: (eb) => eb('version', '+', 1),
      ...(ending ? { ended_at: now, end_reason: move.endReason } : {}),
      ...(move.graceUntil === undefined ? {} : { grace_until: move.graceUntil }),
      ...(move.orderId === undefined ? {} : { order_id: move.orderId }),
    })
    .where('id', '=', holdId)
    .where('status', '=', move.from);
  if (move.whileLive) update = update.where('expires_at', '>', now);
  if (move.onceDue) update = update.where(move.onceDue, '<=', now);

  const moved = await update.executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return null;
  if (!returnsHeldUnits(move)) return [];

  return leaveHeld(db, holdId, now);
}

/** The hold's lines stop counting: each returns its units to the level once. */
export async function leaveHeld(db: HoldsDb, holdId: string, now: string): Promise<LevelRef[]> {
  const lines = await db
    .updateTable('hold_lines')
    .set({ left_at: now })
    .where('hold_id', '=', holdId)
    .where('left_at', 'is', null)
    .returning(['item_id', 'location_handle', 'quantity'])
    .execute();

  // Level rows are locked in one order by every transaction (see `sumHoldDemand`).
  const levels: LevelRef[] = [];
  for (const line of [...lines].sort((a, b) => compareLevels(levelOf(a), levelOf(b)))) {
    const level = levelOf(line);
    await returnHeldUnits(db, level, line.quantity);
    levels.push(level);
  }
  return levels;
}

function levelOf(line: { item_id: string; location_handle: string }): LevelRef {
  return { itemId: line.item_id, locationHandle: line.location_handle };
}
