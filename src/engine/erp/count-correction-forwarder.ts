import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Storage } from '../../storage/storage.js';
import { loadBookedCountCorrections } from './booked-count-corrections.js';
import { enqueueCountCorrectionPost } from './enqueue-count-correction-post.js';
import type { ErpPostingSettings } from './erp-posting-settings.js';

export interface CountCorrectionForwarderOptions {
  readonly storage: Storage;
  readonly settings: ErpPostingSettings;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Hands each count correction the audit booked in Shopify to the `netsuite` channel, once:
 * the document is recorded under `trueshelf-count-<correction id>` and queued in the outbox,
 * and a correction with a recorded document is never looked at again.
 *
 * A correction that cannot be posted yet (no adjustment account, an item not matched to
 * NetSuite yet) stays unrecorded and is tried again next round; it is reported once per
 * process, not every round.
 */
export class CountCorrectionForwarder {
  private readonly reported = new Set<string>();

  constructor(private readonly options: CountCorrectionForwarderOptions) {}

  /** Returns how many documents were queued. */
  async runOnce(): Promise<number> {
    const { storage, settings, clock, logger } = this.options;
    // Every unrecorded one, not a batch: those that cannot be posted yet must not hold back
    // newer ones. They are few (one per count and store), and a round runs once per poll.
    const corrections = await loadBookedCountCorrections(storage, { without: 'unrecorded' });

    let queued = 0;
    for (const correction of corrections) {
      const outcome = await enqueueCountCorrectionPost(storage, correction, { settings, clock });
      if (outcome.ok) {
        if (outcome.created) queued += 1;
        logger.info(
          {
            correction: correction.id,
            externalId: outcome.externalId,
            skipped: outcome.skippedItems,
          },
          'count correction queued for netsuite',
        );
        continue;
      }
      const report = `${correction.id}:${outcome.reason}`;
      if (this.reported.has(report)) continue;
      this.reported.add(report);
      logger.warn(
        { correction: correction.id, location: correction.locationHandle, reason: outcome.reason },
        'count correction not posted to netsuite',
      );
    }
    return queued;
  }
}
