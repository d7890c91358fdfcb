import { sql } from 'kysely';
import type { Storage } from '../../storage/storage.js';
import type { OutboxTable } from '../../storage/database-schema.js';

export type ClaimedPush = OutboxTable;

/**
 * Claims due rows of one channel, and rows whose claim expired (a worker that died). On
 * PostgreSQL candidates are locked with SKIP LOCKED, so no two instances claim the same row.
 */
export async function claimPushes(
  storage: Storage,
  channel: string,
  worker: string,
  now: Date,
  limit: number,
  claimTtlSeconds: number,
): Promise<ClaimedPush[]> {
  const at = now.toISOString();
  const expires = new Date(now.getTime() + claimTtlSeconds * 1000).toISOString();
  const lock = storage.supportsRowLocks ? sql`FOR UPDATE SKIP LOCKED` : sql``;

  const result = await sql<ClaimedPush>`
    UPDATE outbox SET status = 'claimed', claimed_by = ${worker}, claim_expires_at = ${expires},
      attempts = attempts + 1
    WHERE (channel, item_id, location_handle) IN (
      SELECT channel, item_id, location_handle FROM outbox
      WHERE channel = ${channel}
        AND ((status = 'pending' AND next_attempt_at <= ${at})
          OR (status = 'claimed' AND claim_expires_at < ${at}))
      ORDER BY next_attempt_at
      LIMIT ${limit}
      ${lock}
    )
    RETURNING *`.execute(storage.db);
  return result.rows;
}

/** The push reached its target: done, unless a newer target arrived while it was sent. */
export async function finishPush(
  storage: Storage,
  row: ClaimedPush,
  worker: string,
  now: Date,
): Promise<void> {
  await sql`
    UPDATE outbox SET
      status = CASE WHEN target_version = ${row.target_version} THEN 'done' ELSE 'pending' END,
      signal_at = CASE WHEN target_version = ${row.target_version} THEN NULL ELSE signal_at END,
      sent_version = ${row.target_version}, claimed_by = NULL, claim_expires_at = NULL,
      attempts = 0, last_error = NULL, next_attempt_at = ${now.toISOString()}, updated_at = ${now.toISOString()}
    WHERE channel = ${row.channel} AND item_id = ${row.item_id} AND location_handle = ${row.location_handle}
      AND claimed_by = ${worker}`.execute(storage.db);
}

export async function retryPush(
  storage: Storage,
  row: ClaimedPush,
  worker: string,
  now: Date,
  delayMs: number,
  reason: string,
): Promise<void> {
  await storage.db
    .updateTable('outbox')
    .set({
      status: 'pending',
      claimed_by: null,
      claim_expires_at: null,
      last_error: reason,
      next_attempt_at: new Date(now.getTime() + delayMs).toISOString(),
      updated_at: now.toISOString(),
    })
    .where('channel', '=', row.channel)
    .where('item_id', '=', row.item_id)
    .where('location_handle', '=', row.location_handle)
    .where('claimed_by', '=', worker)
    .execute();
}

/** A permanent failure: parked with its reason, visible in the API and replayable. */
export async function parkPush(
  storage: Storage,
  row: ClaimedPush,
  worker: string,
  now: Date,
  reason: string,
): Promise<void> {
  await storage.db
    .updateTable('outbox')
    .set({
      status: 'parked',
      claimed_by: null,
      claim_expires_at: null,
      last_error: reason,
      updated_at: now.toISOString(),
    })
    .where('channel', '=', row.channel)
    .where('item_id', '=', row.item_id)
    .where('location_handle', '=', row.location_handle)
    .where('claimed_by', '=', worker)
    .execute();
}
