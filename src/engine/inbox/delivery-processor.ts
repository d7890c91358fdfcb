import type { Metrics } from '../metrics/metrics.js';
import { parseDelivery } from '../../sources/shopify/parse-delivery.js';
import { TrueshelfError, toError } from '../../shared/error-catalogue.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Storage } from '../../storage/storage.js';
import { applyDeliveryEffect } from './apply-delivery-effect.js';
import { applyProductTags } from './apply-product-tags.js';

export interface DeliveryProcessorOptions {
  storage: Storage;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  coalesceWindowMs: number;
  /** Called after a batch queued re-reads, to wake the mirror. */
  onReadsQueued: () => void;
}

const MAX_ATTEMPTS = 5;

/**
 * Applies stored deliveries, each in its own transaction: the delivery's effects and its status
 * change commit together, so a crash leaves it pending (applied later, once) and never half
 * applied. A body that cannot be used is parked as unprocessable with the reason.
 */
export class DeliveryProcessor {
  constructor(private readonly options: DeliveryProcessorOptions) {}

  /** Processes up to `limit` pending deliveries; returns how many it took. */
  async processBatch(limit = 50): Promise<number> {
    let processed = 0;
    let queuedReads = false;

    while (processed < limit) {
      const outcome = await this.processOne();
      if (outcome === 'empty') break;
      processed += 1;
      if (outcome === 'applied') queuedReads = true;
    }

    if (queuedReads) this.options.onReadsQueued();
    return processed;
  }

  private async processOne(): Promise<
    'empty' | 'applied' | 'retagged' | 'ignored' | 'unprocessable' | 'failed'
  > {
    const { storage, clock, logger, metrics } = this.options;
    let claimedId: string | null = null;

    try {
      return await storage.db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('deliveries')
          .select(['id', 'topic', 'body', 'received_at', 'triggered_at', 'attempts'])
          .where('status', '=', 'pending')
          .orderBy('received_at')
          .limit(1);
        if (storage.supportsRowLocks) query = query.forUpdate().skipLocked();
        const delivery = await query.executeTakeFirst();
        if (!delivery) return 'empty' as const;
        claimedId = delivery.id;

        const now = clock().toISOString();
        const finish = (status: string, outcome: string | null, error: string | null) =>
          trx
            .updateTable('deliveries')
            .set({ status, outcome, error, processed_at: now, attempts: delivery.attempts + 1 })
            .where('id', '=', delivery.id)
            .execute();

        let effect;
        try {
          effect = parseDelivery(delivery.topic, delivery.body, delivery.received_at);
        } catch (thrown) {
          const error = toError(thrown, 'parse delivery');
          await finish('unprocessable', 'parse_failed', error.message);
          metrics.deliveries.inc({ topic: delivery.topic, outcome: 'unprocessable' });
          logger.warn(
            { deliveryId: delivery.id, topic: delivery.topic, reason: error.message },
            'delivery parked',
          );
          return 'unprocessable' as const;
        }

        if (effect.kind === 'ignored') {
          await finish('ignored', effect.reason, null);
          metrics.deliveries.inc({ topic: delivery.topic, outcome: 'ignored' });
          return 'ignored' as const;
        }

        if (effect.kind === 'product_tags') {
          const { retagged } = await applyProductTags(trx, effect.productTags, now);
          await finish('applied', `applied; ${retagged} item(s) retagged`, null);
          metrics.deliveries.inc({ topic: delivery.topic, outcome: 'applied' });
          return 'retagged' as const;
        }

        const signalAt = delivery.triggered_at ?? delivery.received_at;
        const { unresolved } = await applyDeliveryEffect(trx, effect, {
          deliveryId: delivery.id,
          now,
          signalAt,
          coalesceWindowMs: this.options.coalesceWindowMs,
        });
        await finish(
          'applied',
          unresolved > 0 ? `applied; ${unresolved} signal(s) named nothing mirrored` : 'applied',
          null,
        );
        metrics.deliveries.inc({ topic: delivery.topic, outcome: 'applied' });
        return 'applied' as const;
      });
    } catch (thrown) {
      const error = toError(thrown, 'apply delivery');
      logger.error(
        { err: error, deliveryId: claimedId },
        'delivery apply failed; it stays pending',
      );
      if (claimedId) await this.recordFailure(claimedId, error);
      if (!claimedId)
        throw new TrueshelfError('storage_failure', 'cannot read the inbox', {}, { cause: error });
      return 'failed';
    }
  }

  /** A fault that is not the body's (a storage error) is retried; after five, it is parked. */
  private async recordFailure(id: string, error: Error): Promise<void> {
    const row = await this.options.storage.db
      .selectFrom('deliveries')
      .select('attempts')
      .where('id', '=', id)
      .executeTakeFirst();
    const attempts = (row?.attempts ?? 0) + 1;
    await this.options.storage.db
      .updateTable('deliveries')
      .set({
        attempts,
        status: attempts >= MAX_ATTEMPTS ? 'unprocessable' : 'pending',
        outcome: attempts >= MAX_ATTEMPTS ? 'apply_failed' : null,
        error: error.message,
      })
      .where('id', '=', id)
      .execute();
  }
}
