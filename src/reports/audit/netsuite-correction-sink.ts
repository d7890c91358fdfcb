import { enqueueCountCorrectionPost } from '../../engine/erp/enqueue-count-correction-post.js';
import type { ErpPostingSettings } from '../../engine/erp/erp-posting-settings.js';
import { netsuiteReferences } from '../../engine/erp/netsuite-references.js';
import type { Clock } from '../../shared/clock.js';
import type { Storage } from '../../storage/storage.js';
import type {
  ErpCorrection,
  ErpCorrectionPosted,
  ErpCorrectionSink,
} from './erp-correction-sink.js';

/**
 * Warehouse corrections for NetSuite: each becomes one inventory adjustment, recorded once
 * under its externalId and queued for the `netsuite` outbox channel, which `serve` posts with
 * retries. "Posted" here means booked for posting, durably; NetSuite's poll then mirrors it.
 *
 * A correction is refused whole, with nothing recorded, when any of its items or its location
 * has no NetSuite id: a partial adjustment would leave the rest of the count uncorrected while
 * the audit counted it as done.
 */
export class NetSuiteCorrectionSink implements ErpCorrectionSink {
  constructor(
    private readonly storage: Storage,
    private readonly settings: ErpPostingSettings,
    private readonly clock: Clock,
  ) {}

  async post(correction: ErpCorrection): Promise<ErpCorrectionPosted> {
    const lines = correction.lines.filter((line) => line.delta !== 0);
    const refs = await netsuiteReferences(
      this.storage,
      correction.locationHandle,
      lines.map((line) => line.itemId),
    );
    if (!refs.location) {
      throw new Error(`${correction.locationHandle} has no NetSuite location id`);
    }
    const unmatched = lines.filter((line) => !refs.items.has(line.itemId));
    if (unmatched.length > 0) {
      const names = unmatched.map((line) => line.sku ?? line.itemId).join(', ');
      throw new Error(`items not matched to NetSuite yet: ${names}; run the NetSuite poll first`);
    }

    const queued = await enqueueCountCorrectionPost(
      this.storage,
      {
        id: correction.correctionId,
        locationHandle: correction.locationHandle,
        countedAt: correction.countedAt,
        memo: correction.memo,
        lines: lines.map((line) => ({ itemId: line.itemId, delta: line.delta })),
      },
      { settings: this.settings, clock: this.clock },
    );
    if (!queued.ok) throw new Error(`NetSuite adjustment not queued: ${queued.reason}`);
    return {
      outcome: queued.created ? 'posted' : 'already_posted',
      reference: queued.externalId,
    };
  }
}
