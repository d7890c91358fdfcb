import { randomUUID } from 'node:crypto';
import type { Storage } from '../../storage/storage.js';
import { normaliseInstant } from './record-delivery.js';
import type { IncomingDelivery, RecordDeliveryResult } from './record-delivery.js';

interface Waiting {
  id: string;
  delivery: IncomingDelivery;
  receivedAt: Date;
  resolve: (result: RecordDeliveryResult) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;

/**
 * Group commit for the inbox: deliveries that arrive while a write is under way are stored
 * together in one multi-row INSERT, and each request is answered once that commit is done, so
 * "answered 200" still means "durably stored". Duplicates (same shop, topic and webhook id,
 * within a batch or against earlier rows) are resolved by the unique constraint as before.
 */
export class DeliveryBatcher {
  private queue: Waiting[] = [];
  private flushing = false;

  constructor(private readonly storage: Storage) {}

  record(delivery: IncomingDelivery, receivedAt: Date): Promise<RecordDeliveryResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: randomUUID(), delivery, receivedAt, resolve, reject });
      if (!this.flushing) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.write(batch).catch((error: unknown) => {
          for (const waiting of batch) waiting.reject(error);
        });
      }
    } finally {
      this.flushing = false;
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    const inserted = await this.storage.db
      .insertInto('deliveries')
      .values(
        batch.map((w) => ({
          id: w.id,
          shop: w.delivery.shop,
          topic: w.delivery.topic,
          webhook_id: w.delivery.webhookId,
          event_id: w.delivery.eventId,
          triggered_at: normaliseInstant(w.delivery.triggeredAt),
          api_version: w.delivery.apiVersion,
          received_at: w.receivedAt.toISOString(),
          body: w.delivery.body,
          status: 'pending',
          outcome: null,
          error: null,
          attempts: 0,
          processed_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['shop', 'topic', 'webhook_id']).doNothing())
      .returning('id')
      .execute();
    const stored = new Set(inserted.map((row) => row.id));

    const duplicates = batch.filter((w) => !stored.has(w.id));
    const existing = duplicates.length
      ? await this.storage.db
          .selectFrom('deliveries')
          .select(['id', 'shop', 'topic', 'webhook_id'])
          .where('webhook_id', 'in', [...new Set(duplicates.map((w) => w.delivery.webhookId))])
          .execute()
      : [];

    for (const waiting of batch) {
      if (stored.has(waiting.id)) {
        waiting.resolve({ stored: 'new', id: waiting.id });
        continue;
      }
      const first = existing.find(
        (row) =>
          row.shop === waiting.delivery.shop &&
          row.topic === waiting.delivery.topic &&
          row.webhook_id === waiting.delivery.webhookId,
      );
      waiting.resolve({ stored: 'duplicate', id: first?.id ?? waiting.id });
    }
  }
}
