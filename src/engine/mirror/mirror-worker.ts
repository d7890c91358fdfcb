import type { Storage } from '../../storage/storage.js';
import type { ReadQueueTable } from '../../storage/database-schema.js';
import type { Clock } from '../../shared/clock.js';
import { TrueshelfError, toError } from '../../shared/error-catalogue.js';
import type { Logger } from '../../shared/logger.js';
import { readItemLevels, readLevels } from '../../sources/shopify/read-levels.js';
import type { ShopifyLevelRead } from '../../sources/shopify/read-levels.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { applyLevelRead } from '../ledger/apply-level-read.js';
import type { Metrics } from '../metrics/metrics.js';
import { claimReads, finishRead } from './claim-reads.js';
import { enqueueRead } from './enqueue-read.js';
import { lookupResourceItems } from './lookup-resource-items.js';
import { snapshotVersions, versionKey } from './snapshot-versions.js';

const MAX_REFUSED_ATTEMPTS = 3;

export interface MirrorWorkerOptions {
  storage: Storage;
  client: ShopifyAdminClient;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  levelsPerQuery: number;
  modes: ChannelModes;
  /** Called when a decision may have queued pushes. */
  onDecisions: () => void;
}

/**
 * Re-reads queued levels from Shopify, many per query, and applies each read through the
 * ledger. A read that raced with another change is not applied; its row stays queued.
 */
export class MirrorWorker {
  constructor(private readonly options: MirrorWorkerOptions) {}

  /** One round: claim, read, apply. Returns the number of queue rows handled. */
  async runOnce(): Promise<number> {
    const { storage, clock, levelsPerQuery } = this.options;
    const rows = await claimReads(storage, clock(), levelsPerQuery);
    if (rows.length === 0) return 0;

    const lookups = rows.filter((r) => r.shopify_item_id.startsWith('lookup:'));
    const wholeItems = rows.filter(
      (r) => !r.shopify_item_id.startsWith('lookup:') && r.shopify_location_id === '*',
    );
    // A level whose whole item is read in this round needs no read of its own.
    const covered = new Set(wholeItems.map((r) => r.shopify_item_id));
    const single = rows.filter(
      (r) => r.shopify_location_id !== '*' && !covered.has(r.shopify_item_id),
    );
    const coveredSingles = rows.filter(
      (r) => r.shopify_location_id !== '*' && covered.has(r.shopify_item_id),
    );

    await Promise.all([
      this.settle(lookups, () => this.resolveLookups(lookups)),
      this.settle([...wholeItems, ...coveredSingles], async () => {
        const outcomes = await this.readWholeItems(wholeItems);
        for (const row of coveredSingles) {
          const whole = wholeItems.find((w) => w.shopify_item_id === row.shopify_item_id);
          outcomes.set(row, (whole && outcomes.get(whole)) ?? 'retry');
        }
        return outcomes;
      }),
      this.settle(single, () => this.readSingleLevels(single)),
    ]);

    return rows.length;
  }

  /** Runs one group; a failure leaves its rows queued for a later attempt. */
  private async settle(
    rows: ReadQueueTable[],
    work: () => Promise<Map<ReadQueueTable, 'done' | 'retry'>>,
  ) {
    if (rows.length === 0) return;
    const now = this.options.clock();
    try {
      const outcomes = await work();
      for (const row of rows)
        await finishRead(
          this.options.storage,
          row,
          outcomes.get(row) ?? 'retry',
          this.options.clock(),
        );
    } catch (thrown) {
      const error = toError(thrown, 'mirror read');
      // A read Shopify keeps refusing (not throttling) is dropped after a few tries rather than
      // retried forever: the nightly full re-read finds whatever it would have shown.
      const refused = error instanceof TrueshelfError && error.code === 'shopify_api_error';
      for (const row of rows) {
        const giveUp = refused && row.attempts >= MAX_REFUSED_ATTEMPTS;
        this.options.logger.error(
          {
            err: error,
            item: row.shopify_item_id,
            location: row.shopify_location_id,
            attempts: row.attempts,
          },
          giveUp ? 're-read refused; dropped' : 're-read failed; stays queued',
        );
        if (giveUp)
          await finishRead(this.options.storage, { ...row, signals: row.signals }, 'done', now);
        else
          await finishRead(
            this.options.storage,
            row,
            'retry',
            now,
            1000 * Math.min(30, row.attempts),
          );
      }
    }
  }

  private async resolveLookups(rows: ReadQueueTable[]) {
    const outcomes = new Map<ReadQueueTable, 'done' | 'retry'>();
    for (const row of rows) {
      const [, resource = '', id = ''] = row.shopify_item_id.split(':');
      const items = await lookupResourceItems(this.options.client, resource, id);
      const at = this.options.clock().toISOString();
      for (const item of items) {
        await enqueueRead(this.options.storage.db, {
          shopifyItemId: item,
          shopifyLocationId: '*',
          signalAt: row.first_signal_at,
          dueAt: at,
        });
      }
      outcomes.set(row, 'done');
    }
    return outcomes;
  }

  private async readWholeItems(rows: ReadQueueTable[]) {
    const itemIds = rows.map((r) => r.shopify_item_id);
    const versions = await snapshotVersions(
      this.options.storage,
      itemIds.map((id) => ({ shopifyItemId: id, shopifyLocationId: '*' })),
    );
    const { reads } = await readItemLevels(this.options.client, itemIds);
    this.options.metrics.levelReads.inc({ kind: 'query' });

    const outcomes = new Map<ReadQueueTable, 'done' | 'retry'>();
    for (const row of rows) {
      const itemReads = reads.filter((r) => r.shopifyItemId === row.shopify_item_id);
      const ok = await this.applyAll(itemReads, versions, row.first_signal_at);
      outcomes.set(row, ok ? 'done' : 'retry');
    }
    return outcomes;
  }

  private async readSingleLevels(rows: ReadQueueTable[]) {
    const wanted = rows.map((r) => ({
      shopifyItemId: r.shopify_item_id,
      shopifyLocationId: r.shopify_location_id,
    }));
    const versions = await snapshotVersions(this.options.storage, wanted);
    const { reads, missing } = await readLevels(this.options.client, wanted);
    this.options.metrics.levelReads.inc({ kind: 'query' });

    for (const gone of missing)
      await this.markDisconnected(gone.shopifyItemId, gone.shopifyLocationId);

    const outcomes = new Map<ReadQueueTable, 'done' | 'retry'>();
    for (const row of rows) {
      const read = reads.filter(
        (r) =>
          r.shopifyItemId === row.shopify_item_id &&
          r.shopifyLocationId === row.shopify_location_id,
      );
      const ok = await this.applyAll(read, versions, row.first_signal_at);
      outcomes.set(row, ok ? 'done' : 'retry');
    }
    return outcomes;
  }

  private async applyAll(
    reads: ShopifyLevelRead[],
    versions: Map<string, number | null>,
    signalAt: string,
  ): Promise<boolean> {
    let allApplied = true;
    for (const read of reads) {
      const expected = versions.get(versionKey(read.shopifyItemId, read.shopifyLocationId)) ?? null;
      const outcome = await this.options.storage.db.transaction().execute((trx) =>
        applyLevelRead(trx, read, expected, {
          now: this.options.clock().toISOString(),
          signalAt,
          modes: this.options.modes,
        }),
      );
      this.options.metrics.levelReads.inc({ kind: outcome.applied ? 'applied' : outcome.reason });
      if (!outcome.applied) allApplied = false;
    }
    if (reads.length > 0) this.options.onDecisions();
    return allApplied;
  }

  private async markDisconnected(shopifyItemId: string, shopifyLocationId: string): Promise<void> {
    const { db } = this.options.storage;
    const item = await db
      .selectFrom('items')
      .select('id')
      .where('shopify_inventory_item_id', '=', shopifyItemId)
      .executeTakeFirst();
    const location = await db
      .selectFrom('locations')
      .select('handle')
      .where('shopify_location_id', '=', shopifyLocationId)
      .executeTakeFirst();
    if (!item || !location) return;
    await db
      .updateTable('levels')
      .set((eb) => ({
        connected: 0,
        version: eb('version', '+', 1),
        read_at: this.options.clock().toISOString(),
      }))
      .where('item_id', '=', item.id)
      .where('location_handle', '=', location.handle)
      .execute();
  }
}
