import type { ChannelPublisher, PublishOutcome } from '../outbox/channel-publisher.js';
import type { ClaimedPush } from '../outbox/outbox-store.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { InventoryAdjustment } from '../../sources/netsuite/inventory-adjustment.js';
import { NetSuiteError } from '../../sources/netsuite/netsuite-error.js';
import type { NetSuiteErrorCode } from '../../sources/netsuite/netsuite-error.js';
import type { Storage } from '../../storage/storage.js';
import type { ErpPostTable } from '../../storage/erp-schema.js';
import type { CashSale } from './cash-sale.js';
import type { ErpPosters } from './erp-posters.js';
import { findErpPost, markErpPostPosted, NETSUITE_CHANNEL } from './erp-post-store.js';
import type { ErpPostingSettings } from './erp-posting-settings.js';
import type { RecordPosted } from './external-id-record-poster.js';

export interface NetSuiteAdjustmentPublisherOptions {
  readonly storage: Storage;
  readonly posters: ErpPosters;
  readonly settings: ErpPostingSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly channelMode: () => 'shadow' | 'publish';
}

/** Faults that may pass (a busy account, a lost answer, rotated credentials): send again. */
const RETRYABLE: ReadonlySet<NetSuiteErrorCode> = new Set([
  'netsuite_concurrency_limit',
  'netsuite_unavailable',
  'netsuite_bad_response',
  'netsuite_unauthorized',
  'netsuite_token_refused',
]);

/**
 * The `netsuite` channel: posts the documents in `erp_posts` (count corrections as inventory
 * adjustments, and store sales as cash sales where the shop opted in), each once.
 *
 * Once holds across crashes: the externalId is in the stored request, so a row claimed again
 * after a worker died between NetSuite's answer and our record of it sends the same document,
 * NetSuite refuses the duplicate, and the poster answers with the first record's id.
 */
export class NetSuiteAdjustmentPublisher implements ChannelPublisher {
  readonly channel = NETSUITE_CHANNEL;

  constructor(private readonly options: NetSuiteAdjustmentPublisherOptions) {}

  async publish(row: ClaimedPush): Promise<PublishOutcome> {
    const externalId = readTarget(row.target);
    if (externalId === undefined)
      return { kind: 'park', reason: `unreadable target ${row.target}` };
    const post = await findErpPost(this.options.storage, externalId);
    if (post === undefined) return { kind: 'park', reason: `no erp_posts row for ${externalId}` };

    if (post.status === 'posted') return { kind: 'done', pushed: false };
    // Shadow records and sends nothing; the document stays pending for `queuePendingErpPosts`.
    if (this.options.channelMode() === 'shadow') return { kind: 'done', pushed: false };
    if (post.kind === 'cash_sale' && !this.options.settings.postSales) {
      return { kind: 'park', reason: `${externalId}: posting sales is off for this shop` };
    }

    let posted: RecordPosted;
    try {
      posted = await this.send(post);
    } catch (thrown) {
      if (!(thrown instanceof NetSuiteError)) throw thrown;
      const reason = `${externalId}: ${thrown.code}: ${thrown.message}`;
      return RETRYABLE.has(thrown.code) ? { kind: 'retry', reason } : { kind: 'park', reason };
    }

    await markErpPostPosted(this.options.storage, externalId, posted, this.options.clock());
    this.options.logger.info(
      { externalId, kind: post.kind, netsuiteId: posted.id, outcome: posted.outcome },
      'posted to netsuite',
    );
    return { kind: 'done', pushed: posted.outcome === 'created' };
  }

  private send(post: ErpPostTable): Promise<RecordPosted> {
    const { posters } = this.options;
    if (post.kind === 'inventory_adjustment') {
      return posters.postAdjustment(JSON.parse(post.request) as InventoryAdjustment);
    }
    if (post.kind === 'cash_sale')
      return posters.postCashSale(JSON.parse(post.request) as CashSale);
    throw new RangeError(`erp_posts ${post.external_id} has unknown kind ${post.kind}`);
  }
}

function readTarget(target: string): string | undefined {
  try {
    const parsed = JSON.parse(target) as { externalId?: unknown };
    return typeof parsed.externalId === 'string' ? parsed.externalId : undefined;
  } catch {
    return undefined;
  }
}
