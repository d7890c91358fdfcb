import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Storage } from '../../storage/storage.js';
import type { PlannedMove } from './plan-moves.js';

export interface LevelKey {
  itemId: string;
  locationHandle: string;
}

export interface SendingPush {
  id: string;
  key: string;
  move: PlannedMove;
}

/**
 * Stores the push (key and exact request) and marks the level as having a push in flight, in
 * one transaction, before anything is sent. A crash after this point resends the same request
 * with the same key; a re-read of the level waits until the push is recorded.
 */
export async function beginPush(
  storage: Storage,
  level: LevelKey,
  move: PlannedMove,
  now: string,
): Promise<SendingPush | null> {
  const push: SendingPush = { id: randomUUID(), key: randomUUID(), move };

  return storage.db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('levels')
      .set({ in_flight_push: push.id })
      .where('item_id', '=', level.itemId)
      .where('location_handle', '=', level.locationHandle)
      .where('in_flight_push', 'is', null)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) return null;

    await trx
      .insertInto('pushes')
      .values({
        id: push.id,
        channel: 'shopify',
        item_id: level.itemId,
        location_handle: level.locationHandle,
        idempotency_key: push.key,
        request: JSON.stringify(move),
        outcome: 'sending',
        detail: null,
        created_at: now,
      })
      .execute();
    return push;
  });
}

/** The push this level still has in flight (a crash, or a retry after throttling), if any. */
export async function findSendingPush(
  storage: Storage,
  level: LevelKey,
): Promise<SendingPush | null> {
  const row = await storage.db
    .selectFrom('pushes')
    .innerJoin('levels', (join) => join.onRef('levels.in_flight_push', '=', 'pushes.id'))
    .select(['pushes.id', 'pushes.idempotency_key', 'pushes.request'])
    .where('levels.item_id', '=', level.itemId)
    .where('levels.location_handle', '=', level.locationHandle)
    .where('pushes.outcome', '=', 'sending')
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, key: row.idempotency_key, move: JSON.parse(row.request) as PlannedMove };
}

/**
 * Shopify accepted the move: the ledger records it as our own, the mirror takes the same
 * deltas, and the echo that the next re-read brings matches and adds nothing.
 */
export async function recordAcceptedPush(
  storage: Storage,
  level: LevelKey,
  push: SendingPush,
  now: string,
): Promise<void> {
  const { state, units } = push.move;
  const placed = state === 'safety_stock' ? 'placed_safety_stock' : 'placed_reserved';

  await storage.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('levels')
      .set({
        available: sql<number>`available - ${units}`,
        [state]: sql<number>`${sql.ref(state)} + ${units}`,
        [placed]: sql<number>`${sql.ref(placed)} + ${units}`,
        version: sql<number>`version + 1`,
        in_flight_push: null,
        changed_at: now,
      })
      .where('item_id', '=', level.itemId)
      .where('location_handle', '=', level.locationHandle)
      .where('in_flight_push', '=', push.id)
      .returning(['available', state, placed])
      .executeTakeFirst();
    if (!updated) return;

    const after = updated as Record<string, number>;
    await trx
      .insertInto('movements')
      .values([
        movement(level, 'available', -units, after['available'] ?? 0, push.id, now),
        movement(level, state, units, after[state] ?? 0, push.id, now),
      ])
      .execute();
    await trx.updateTable('pushes').set({ outcome: 'applied' }).where('id', '=', push.id).execute();
  });
}

/** Shopify refused it (or the key is spent): nothing was applied; the level is free again. */
export async function abandonPush(
  storage: Storage,
  level: LevelKey,
  push: SendingPush,
  outcome: string,
  detail: string,
): Promise<void> {
  await storage.db.transaction().execute(async (trx) => {
    await trx.updateTable('pushes').set({ outcome, detail }).where('id', '=', push.id).execute();
    await trx
      .updateTable('levels')
      .set({ in_flight_push: null })
      .where('item_id', '=', level.itemId)
      .where('location_handle', '=', level.locationHandle)
      .where('in_flight_push', '=', push.id)
      .execute();
  });
}

function movement(
  level: LevelKey,
  state: string,
  delta: number,
  after: number,
  pushId: string,
  now: string,
) {
  return {
    id: randomUUID(),
    item_id: level.itemId,
    location_handle: level.locationHandle,
    state,
    delta,
    quantity_after: after,
    cause_kind: 'own_move',
    cause_ref: `push:${pushId}`,
    source: 'trueshelf',
    occurred_at: now,
    learned_at: now,
  };
}
