import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';
import type { ErpPostTable } from '../../storage/erp-schema.js';
import type { Storage } from '../../storage/storage.js';
import { enqueuePush } from '../outbox/enqueue-push.js';
import { erpDb, erpTrx } from './erp-database.js';

export const NETSUITE_CHANNEL = 'netsuite';

export type ErpPostKind = 'inventory_adjustment' | 'cash_sale';

export interface NewErpPost {
  readonly externalId: string;
  readonly kind: ErpPostKind;
  /** What in trueshelf the document books: the count correction id or the Shopify order id. */
  readonly sourceRef: string;
  readonly locationHandle: string;
  readonly request: unknown;
}

/**
 * Records the document and queues it for the `netsuite` channel, in the caller's transaction.
 * A document already recorded keeps its first request: the externalId names one document, and
 * every resend must be that same document. Returns whether the document is new.
 *
 * The outbox's item column holds the externalId, so each document is its own outbox row: a
 * second correction at the same item and location must not replace the first.
 */
export async function recordErpPost(
  trx: Kysely<Database>,
  post: NewErpPost,
  now: string,
): Promise<boolean> {
  const inserted = await erpTrx(trx)
    .insertInto('erp_posts')
    .values({
      external_id: post.externalId,
      kind: post.kind,
      source_ref: post.sourceRef,
      location_handle: post.locationHandle,
      request: JSON.stringify(post.request),
      status: 'pending',
      netsuite_id: null,
      outcome: null,
      created_at: now,
      posted_at: null,
    })
    .onConflict((oc) => oc.column('external_id').doNothing())
    .executeTakeFirst();

  const created = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  if (created) await queueErpPost(trx, post.externalId, post.locationHandle, now);
  return created;
}

/**
 * Queues a recorded document again (after a switch from shadow to publish, or a replay).
 * `queuedAt` makes the target new, so a finished outbox row becomes pending once more; the
 * publisher then sees the document's status, and the externalId keeps NetSuite to one record.
 */
export async function queueErpPost(
  trx: Kysely<Database>,
  externalId: string,
  locationHandle: string,
  now: string,
): Promise<void> {
  await enqueuePush(
    trx,
    {
      channel: NETSUITE_CHANNEL,
      itemId: externalId,
      locationHandle,
      target: { externalId, queuedAt: now },
      signalAt: null,
    },
    now,
  );
}

/** Queues every document still pending; returns how many. */
export async function queuePendingErpPosts(storage: Storage, now: Date): Promise<number> {
  const pending = await erpDb(storage)
    .selectFrom('erp_posts')
    .select(['external_id', 'location_handle'])
    .where('status', '=', 'pending')
    .execute();
  const at = now.toISOString();
  for (const post of pending) {
    await queueErpPost(storage.db, post.external_id, post.location_handle, at);
  }
  return pending.length;
}

export async function findErpPost(
  storage: Storage,
  externalId: string,
): Promise<ErpPostTable | undefined> {
  return erpDb(storage)
    .selectFrom('erp_posts')
    .selectAll()
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

/** NetSuite holds the record: keep its id. Only a pending document changes. */
export async function markErpPostPosted(
  storage: Storage,
  externalId: string,
  posted: { readonly outcome: 'created' | 'already_posted'; readonly id: string },
  now: Date,
): Promise<void> {
  await erpDb(storage)
    .updateTable('erp_posts')
    .set({
      status: 'posted',
      netsuite_id: posted.id,
      outcome: posted.outcome,
      posted_at: now.toISOString(),
    })
    .where('external_id', '=', externalId)
    .where('status', '=', 'pending')
    .execute();
}
