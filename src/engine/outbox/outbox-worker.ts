import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock.js';
import { toError } from '../../shared/error-catalogue.js';
import type { Logger } from '../../shared/logger.js';
import type { Storage } from '../../storage/storage.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ChannelPublisher } from './channel-publisher.js';
import { claimPushes, finishPush, parkPush, retryPush } from './outbox-store.js';

export interface OutboxWorkerOptions {
  storage: Storage;
  publisher: ChannelPublisher;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  batchSize: number;
  claimTtlSeconds: number;
  backoffBaseMs: number;
  maxAttempts: number;
}

/** Claims a channel's due pushes, publishes them concurrently and records each outcome. */
export class OutboxWorker {
  readonly id = `worker-${randomUUID()}`;

  constructor(private readonly options: OutboxWorkerOptions) {}

  async runOnce(): Promise<number> {
    const { storage, publisher, clock, batchSize, claimTtlSeconds } = this.options;
    const rows = await claimPushes(
      storage,
      publisher.channel,
      this.id,
      clock(),
      batchSize,
      claimTtlSeconds,
    );

    await Promise.all(rows.map((row) => this.publishOne(row)));
    return rows.length;
  }

  private async publishOne(row: Awaited<ReturnType<typeof claimPushes>>[number]): Promise<void> {
    const { storage, publisher, clock, metrics, logger } = this.options;
    const scope = {
      channel: row.channel,
      item: row.item_id,
      location: row.location_handle,
      attempt: row.attempts,
    };

    let outcome;
    try {
      outcome = await publisher.publish(row);
    } catch (thrown) {
      const error = toError(thrown, 'publish');
      logger.error({ ...scope, err: error }, 'publish failed unexpectedly');
      outcome = { kind: 'retry' as const, reason: error.message };
    }

    if (outcome.kind === 'retry' && row.attempts >= this.options.maxAttempts) {
      outcome = {
        kind: 'park' as const,
        reason: `gave up after ${row.attempts} attempts: ${outcome.reason}`,
      };
    }

    const now = clock();
    switch (outcome.kind) {
      case 'done':
        await finishPush(storage, row, this.id, now);
        metrics.pushes.inc({
          channel: row.channel,
          outcome: outcome.pushed ? 'applied' : 'no_change',
        });
        return;
      case 'retry': {
        const delay =
          outcome.delayMs ?? this.options.backoffBaseMs * 2 ** Math.min(8, row.attempts - 1);
        await retryPush(storage, row, this.id, now, delay, outcome.reason);
        metrics.pushes.inc({ channel: row.channel, outcome: 'retry' });
        logger.warn({ ...scope, delay, reason: outcome.reason }, 'push will be retried');
        return;
      }
      case 'park':
        await parkPush(storage, row, this.id, now, outcome.reason);
        metrics.pushes.inc({ channel: row.channel, outcome: 'parked' });
        logger.error({ ...scope, reason: outcome.reason }, 'push parked');
        return;
    }
  }
}
