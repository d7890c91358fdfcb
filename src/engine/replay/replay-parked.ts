import type { AppContext } from '../../app/app-context.js';

export type ReplayResult =
  { kind: 'replayed' } | { kind: 'not_found' } | { kind: 'not_replayable'; status: string };

/*
 * Replaying what was parked, shared by `/v1` (bearer tokens) and the dashboard (sessions), so
 * the two cannot drift apart. The status check is in each UPDATE's WHERE: two replays at once
 * hand a row back once, and a racing worker is never overrun.
 */

/** Hands an unprocessable delivery back to the processor; the status check is in the WHERE. */
export async function replayDelivery(ctx: AppContext, id: string): Promise<ReplayResult> {
  const { db } = ctx.storage;
  const updated = await db
    .updateTable('deliveries')
    .set({ status: 'pending', error: null })
    .where('id', '=', id)
    .where('status', '=', 'unprocessable')
    .executeTakeFirst();
  if (updated.numUpdatedRows > 0n) {
    ctx.wakeInbox();
    return { kind: 'replayed' };
  }

  const row = await db
    .selectFrom('deliveries')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { kind: 'not_replayable', status: row.status } : { kind: 'not_found' };
}

export interface PushKey {
  channel: string;
  item: string;
  location: string;
}

/** Hands a parked push back to its worker with a fresh attempt budget. */
export async function replayPush(ctx: AppContext, key: PushKey): Promise<ReplayResult> {
  const { db } = ctx.storage;
  const now = ctx.clock().toISOString();
  const updated = await db
    .updateTable('outbox')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      claimed_by: null,
      claim_expires_at: null,
      updated_at: now,
    })
    .where('channel', '=', key.channel)
    .where('item_id', '=', key.item)
    .where('location_handle', '=', key.location)
    .where('status', '=', 'parked')
    .executeTakeFirst();
  if (updated.numUpdatedRows > 0n) {
    ctx.wakeOutbox();
    return { kind: 'replayed' };
  }

  const row = await db
    .selectFrom('outbox')
    .select('status')
    .where('channel', '=', key.channel)
    .where('item_id', '=', key.item)
    .where('location_handle', '=', key.location)
    .executeTakeFirst();
  return row ? { kind: 'not_replayable', status: row.status } : { kind: 'not_found' };
}
