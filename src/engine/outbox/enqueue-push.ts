import { sql } from 'kysely';
import type { Kysely, QueryCreator } from 'kysely';
import type { Database } from '../../storage/database-schema.js';

export interface PushTarget {
  channel: string;
  itemId: string;
  locationHandle: string;
  target: Record<string, unknown>;
  /** The earliest signal behind this target, for signal-to-channel latency. */
  signalAt: string | null;
}

/** Rows per statement: well inside either engine's limit on parameters. */
export const CHUNK = 500;

/**
 * One pending row per (channel, item, location) holds the latest target: a newer target
 * replaces an older pending one instead of queueing behind it. A row being sent keeps its
 * claim; the worker sees the new version when it finishes and sends again. Returns whether the
 * row changed (an equal target changes nothing).
 */
export async function enqueuePush(
  db: Kysely<Database>,
  push: PushTarget,
  now: string,
): Promise<boolean> {
  return (await enqueuePushes(db, [push], now)) > 0;
}

/**
 * `enqueuePush` for many rows, a few hundred per statement; returns how many rows changed.
 * Each (channel, item, location) at most once: PostgreSQL refuses a statement that would
 * update one row twice.
 */
export async function enqueuePushes(
  db: Kysely<Database>,
  pushes: readonly PushTarget[],
  now: string,
): Promise<number> {
  let changed = 0;

  for (let start = 0; start < pushes.length; start += CHUNK) {
    const chunk = pushes.slice(start, start + CHUNK);
    const result = await upsertPushes(db, chunk, now).executeTakeFirst();
    changed += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return changed;
}

/** The statement queueing these pushes (at most `CHUNK`), for a caller that runs it. */
export function upsertPushes(
  db: QueryCreator<Database>,
  pushes: readonly PushTarget[],
  now: string,
) {
  return db
    .insertInto('outbox')
    .values(pushes.map((push) => pendingRow(push, now)))
    .onConflict((oc) =>
      oc
        .columns(['channel', 'item_id', 'location_handle'])
        .doUpdateSet({
          target: (eb) => eb.ref('excluded.target'),
          target_version: sql<number>`outbox.target_version + 1`,
          status: sql<string>`CASE WHEN outbox.status = 'claimed' THEN 'claimed' ELSE 'pending' END`,
          attempts: sql<number>`CASE WHEN outbox.status = 'claimed' THEN outbox.attempts ELSE 0 END`,
          next_attempt_at: sql<string>`CASE WHEN outbox.status = 'claimed' THEN outbox.next_attempt_at ELSE excluded.next_attempt_at END`,
          last_error: null,
          signal_at: sql<
            string | null
          >`CASE WHEN outbox.status IN ('pending', 'claimed') AND outbox.signal_at IS NOT NULL THEN outbox.signal_at ELSE excluded.signal_at END`,
          updated_at: (eb) => eb.ref('excluded.updated_at'),
        })
        .where(sql<boolean>`outbox.target <> excluded.target`),
    );
}

function pendingRow(push: PushTarget, now: string) {
  return {
    channel: push.channel,
    item_id: push.itemId,
    location_handle: push.locationHandle,
    target: JSON.stringify(push.target),
    target_version: 1,
    sent_version: 0,
    status: 'pending',
    idempotency_key: null,
    key_version: null,
    claimed_by: null,
    claim_expires_at: null,
    attempts: 0,
    next_attempt_at: now,
    last_error: null,
    signal_at: push.signalAt,
    updated_at: now,
  };
}
