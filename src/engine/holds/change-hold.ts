import { sql } from 'kysely';
import { planHoldAction, statusAt } from '../../domain/holds/hold-transitions.js';
import type { HoldAction, HoldStatus } from '../../domain/holds/hold-transitions.js';
import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { moveHold } from './end-hold.js';
import type { LevelRef } from './held-units.js';
import { holdsDb } from './holds-database.js';
import type { HoldsDb } from './holds-database.js';
import { readHold } from './hold-view.js';
import type { HoldView } from './hold-view.js';
import { refreshLevels } from './refresh-levels.js';
import { releaseExpiredHolds } from './release-expired-holds.js';
import { levelsOfHolds, lockLevels } from './lock-levels.js';
import { inWriteTransaction } from './write-transaction.js';

export type { HoldAction } from '../../domain/holds/hold-transitions.js';

export type HoldChangeResult =
  | { kind: 'changed'; hold: HoldView }
  /** Already where the action leads (releasing twice, converting twice): nothing changed. */
  | { kind: 'unchanged'; hold: HoldView }
  | { kind: 'not_found' }
  /** The hold's status does not allow the action (e.g. extending an expired hold). */
  | { kind: 'refused'; hold: HoldView; reason: string };

/**
 * One action on one hold, in one transaction: the hold is first expired if its time ran out
 * (so an expired hold cannot be extended or checked out), then moved by a guarded status
 * change; the levels whose held units changed get fresh decisions in the same transaction.
 */
export async function changeHold(
  storage: Storage,
  holdId: string,
  action: HoldAction,
  context: { modes: ChannelModes; now: Date },
): Promise<HoldChangeResult> {
  const now = context.now.toISOString();

  return inWriteTransaction(storage, async (trx) => {
    const db = holdsDb(trx);
    // PostgreSQL: the hold's levels first, in order, then the hold, as a placement takes them.
    if (storage.supportsRowLocks) await lockLevels(db, await levelsOfHolds(db, [holdId]));

    const hold = await db
      .selectFrom('holds')
      .select(['status', 'cart_id', 'expires_at'])
      .where('id', '=', holdId)
      .executeTakeFirst();
    if (!hold) return { commit: false, value: { kind: 'not_found' } };

    const touched: LevelRef[] = [];
    let status: HoldStatus = hold.status;
    if (statusAt({ status, expiresAt: hold.expires_at }, context.now) !== status) {
      touched.push(...(await releaseExpiredHolds(db, { cartId: hold.cart_id }, now)).levels);
      status = 'expired';
    }

    const outcome = await apply(db, holdId, status, action, now);
    touched.push(...(outcome.levels ?? []));
    await refreshLevels(trx, touched, context.modes, now);

    const view = await readHold(db, holdId, context.now);
    if (!view) throw new Error(`hold ${holdId} vanished inside its own transaction`);
    const value: HoldChangeResult =
      outcome.kind === 'refused'
        ? { kind: 'refused', hold: view, reason: outcome.reason }
        : { kind: outcome.kind, hold: view };
    return { commit: true, value };
  });
}

type Applied =
  | { kind: 'changed' | 'unchanged'; levels?: LevelRef[] }
  | { kind: 'refused'; reason: string; levels?: undefined };

async function apply(
  db: HoldsDb,
  holdId: string,
  status: HoldStatus,
  action: HoldAction,
  now: string,
): Promise<Applied> {
  const plan = planHoldAction(status, action, new Date(now));
  if (plan.kind === 'unchanged' || plan.kind === 'refused') return plan;
  if (plan.kind === 'extend') return extend(db, holdId, plan.expiresAt, now);

  const levels = await moveHold(db, holdId, plan.move, now);
  // Between our read and this guarded UPDATE another request moved it: nothing to redo here,
  // the caller sees the hold as that request left it.
  return levels === null ? { kind: 'unchanged' } : { kind: 'changed', levels };
}

async function extend(
  db: HoldsDb,
  holdId: string,
  expiresAt: string,
  now: string,
): Promise<Applied> {
  const updated = await db
    .updateTable('holds')
    .set({ expires_at: expiresAt, updated_at: now, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', holdId)
    .where('status', '=', 'active')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    return { kind: 'refused', reason: 'the hold ended while extending it' };
  }

  // An extend may bring the expiry forward: each level's bound (no live hold there expires
  // before it) must then come forward too, or the search for expired holds would be skipped.
  await db
    .updateTable('levels')
    .set({
      hold_expiry_bound: sql<string | null>`CASE
        WHEN hold_expiry_bound IS NOT NULL AND hold_expiry_bound > ${expiresAt} THEN ${expiresAt}
        ELSE hold_expiry_bound END`,
    })
    .where(
      sql<boolean>`(item_id, location_handle) IN (
        SELECT l.item_id, l.location_handle FROM hold_lines l
        WHERE l.hold_id = ${holdId} AND l.left_at IS NULL)`,
    )
    .execute();
  return { kind: 'changed' };
}
