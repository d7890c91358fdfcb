import type { Kysely } from 'kysely';
import type { ChannelPolicy } from '../../domain/buffers/channel-policy.js';
import { enqueuePush } from '../../engine/outbox/enqueue-push.js';
import type { Database, DecisionTable } from '../../storage/database-schema.js';
import type { GoogleSettings } from './google-settings.js';
import { googleTargetFor, isBandChange, parseGoogleTarget } from './google-target.js';
import type { GoogleTarget } from './google-target.js';

export interface GoogleEnqueueInput {
  readonly itemId: string;
  readonly locationHandle: string;
  /** The decision just stored for this level. */
  readonly decision: Pick<DecisionTable, 'sellable'>;
  readonly settings: GoogleSettings;
  /** `channels.google` of the buffer rules in force. */
  readonly rulesPolicy?: ChannelPolicy;
  readonly signalAt: string | null;
  readonly now: string;
}

export type GoogleEnqueueResult =
  | { readonly enqueued: false; readonly why: 'not_publishing' | 'no_store_code' | 'unchanged' }
  | {
      readonly enqueued: true;
      readonly target: GoogleTarget;
      readonly bandChange: boolean;
      /** When the worker may send it. */
      readonly dueAt: string;
    };

/**
 * Hands the Google channel its target for one level, from the decision just stored. A band
 * change is due at once; a quantity-only change waits `quantityDebounceSeconds`, but never past
 * a deadline already pending, so a steady trickle of sales cannot hold a row back for ever.
 * Run it in the transaction that stored the decision.
 */
export async function enqueueGoogleTarget(
  db: Kysely<Database>,
  input: GoogleEnqueueInput,
): Promise<GoogleEnqueueResult> {
  const { settings } = input;
  if (settings.mode !== 'publish' || settings.deliveryPath !== 'api') {
    return { enqueued: false, why: 'not_publishing' };
  }

  const location = await db
    .selectFrom('locations')
    .select(['google_store_code', 'mode'])
    .where('handle', '=', input.locationHandle)
    .executeTakeFirst();
  if (!location || location.mode !== 'publish') return { enqueued: false, why: 'not_publishing' };
  const target = googleTargetFor(input.decision, location, settings, input.rulesPolicy);
  if (!target) return { enqueued: false, why: 'no_store_code' };

  const key = { channel: 'google', itemId: input.itemId, locationHandle: input.locationHandle };
  const existing = await db
    .selectFrom('outbox')
    .select(['target', 'status', 'next_attempt_at'])
    .where('channel', '=', key.channel)
    .where('item_id', '=', key.itemId)
    .where('location_handle', '=', key.locationHandle)
    .executeTakeFirst();

  const bandChange = isBandChange(parseGoogleTarget(existing?.target), target);
  const changed = await enqueuePush(
    db,
    { ...key, target: { ...target }, signalAt: input.signalAt },
    input.now,
  );
  if (!changed) return { enqueued: false, why: 'unchanged' };

  const dueAt = dueTime(input, bandChange, existing);
  if (dueAt !== input.now) {
    // enqueuePush made the row due now; a quantity-only change is put back to its deadline.
    await db
      .updateTable('outbox')
      .set({ next_attempt_at: dueAt })
      .where('channel', '=', key.channel)
      .where('item_id', '=', key.itemId)
      .where('location_handle', '=', key.locationHandle)
      .where('status', '=', 'pending')
      .execute();
  }
  return { enqueued: true, target, bandChange, dueAt };
}

function dueTime(
  input: GoogleEnqueueInput,
  bandChange: boolean,
  existing: { status: string; next_attempt_at: string } | undefined,
): string {
  const debounceMs = input.settings.quantityDebounceSeconds * 1000;
  if (bandChange || debounceMs === 0) return input.now;

  const debounced = new Date(Date.parse(input.now) + debounceMs).toISOString();
  const pending = existing?.status === 'pending' ? existing.next_attempt_at : null;
  if (pending === null || pending >= debounced) return debounced;
  return pending < input.now ? input.now : pending;
}
