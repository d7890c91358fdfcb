import { randomUUID } from 'node:crypto';
import type { Storage } from '../../storage/storage.js';

export interface IncomingDelivery {
  shop: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  triggeredAt: string | null;
  apiVersion: string | null;
  body: string;
}

export type RecordDeliveryResult =
  { stored: 'new'; id: string } | { stored: 'duplicate'; id: string };

/**
 * Stores a signed delivery, raw, before anything reads it. The unique (shop, topic, webhook id)
 * constraint makes a second copy (a retry, or the same delivery at two instances at once) a
 * no-op, whichever arrives first.
 */
export async function recordDelivery(
  storage: Storage,
  delivery: IncomingDelivery,
  receivedAt: Date,
): Promise<RecordDeliveryResult> {
  const id = randomUUID();

  const inserted = await storage.db
    .insertInto('deliveries')
    .values({
      id,
      shop: delivery.shop,
      topic: delivery.topic,
      webhook_id: delivery.webhookId,
      event_id: delivery.eventId,
      triggered_at: normaliseInstant(delivery.triggeredAt),
      api_version: delivery.apiVersion,
      received_at: receivedAt.toISOString(),
      body: delivery.body,
      status: 'pending',
      attempts: 0,
    })
    .onConflict((oc) => oc.columns(['shop', 'topic', 'webhook_id']).doNothing())
    .returning('id')
    .executeTakeFirst();

  if (inserted) return { stored: 'new', id: inserted.id };

  const existing = await storage.db
    .selectFrom('deliveries')
    .select('id')
    .where('shop', '=', delivery.shop)
    .where('topic', '=', delivery.topic)
    .where('webhook_id', '=', delivery.webhookId)
    .executeTakeFirstOrThrow();
  return { stored: 'duplicate', id: existing.id };
}

/** A header that is not a valid instant is kept out of the column, not a reason to refuse. */
export function normaliseInstant(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
