import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { NetSuiteClient } from '../../sources/netsuite/netsuite-client.js';
import { watermarkWithOverlap } from '../../sources/netsuite/source-watermark.js';
import type { Storage } from '../../storage/storage.js';
import { erpDb } from './erp-database.js';
import { NetSuiteItemMatcher } from './netsuite-item-matcher.js';
import { readWatermark, storeNetSuiteOnHand } from './store-netsuite-on-hand.js';

export interface NetSuitePollerOptions {
  readonly storage: Storage;
  readonly client: Pick<NetSuiteClient, 'stock' | 'suiteQl'>;
  readonly clock: Clock;
  /**
   * How far each incremental read reaches back before the last watermark. NetSuite writes
   * the column to the second, and a row committed late within that second (or across a
   * daylight-saving fall-back) would otherwise be missed; re-reading a snapshot is harmless.
   */
  readonly overlapSeconds?: number;
  readonly pageSize?: number;
  readonly logger?: Logger;
}

export interface PollOptions {
  /** Read every row, not only those changed since the watermark, and drop vanished rows. */
  readonly full?: boolean;
}

export interface LocationPoll {
  readonly netsuiteLocationId: string;
  /** The `since` sent, or undefined for a full read. */
  readonly since: string | undefined;
  readonly rowsRead: number;
  readonly watermark: string | undefined;
}

export interface PollSummary {
  /**
   * What the numbers mean, for the ledger and the reports: absolute on hand per item and
   * location. NetSuite's committed counts the Shopify orders the connector imported (which
   * Shopify's committed already counts), so only on hand is compared.
   */
  readonly meaning: 'absolute_on_hand';
  readonly locations: readonly LocationPoll[];
  readonly itemsMatched: number;
  readonly itemsUnmatched: number;
}

const DEFAULT_OVERLAP_SECONDS = 120;

/**
 * Reads NetSuite's on hand per item and location for every location with a NetSuite id, each
 * location incrementally from its own watermark, and stores it in the ERP mirror. NetSuite
 * items are matched to ours by SKU as they are first seen.
 */
export class NetSuitePoller {
  private readonly matcher: NetSuiteItemMatcher;
  private readonly overlapSeconds: number;

  constructor(private readonly options: NetSuitePollerOptions) {
    this.matcher = new NetSuiteItemMatcher(options.storage, options.client.suiteQl, options.clock);
    this.overlapSeconds = options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
  }

  async runOnce(poll: PollOptions = {}): Promise<PollSummary> {
    const full = poll.full ?? false;
    const locationIds = await this.netsuiteLocations();
    const polls: LocationPoll[] = [];
    const seenItems: string[] = [];

    for (const locationId of locationIds) {
      const result = await this.pollLocation(locationId, full);
      polls.push(result.poll);
      seenItems.push(...result.itemIds);
    }

    const { matched, unmatched } = await this.matcher.ensure(seenItems);
    this.options.logger?.info(
      { locations: polls.length, rows: polls.reduce((n, p) => n + p.rowsRead, 0), unmatched },
      'netsuite on hand polled',
    );
    return {
      meaning: 'absolute_on_hand',
      locations: polls,
      itemsMatched: matched,
      itemsUnmatched: unmatched,
    };
  }

  private async pollLocation(
    locationId: string,
    full: boolean,
  ): Promise<{ poll: LocationPoll; itemIds: string[] }> {
    const { storage, client, clock } = this.options;
    const scope = `${client.stock.table}:${locationId}`;
    const stored = full ? undefined : await readWatermark(storage, scope);
    const since =
      stored === undefined ? undefined : watermarkWithOverlap(stored, this.overlapSeconds);
    const readAt = clock().toISOString();

    const read = await client.stock.read({
      locations: [locationId],
      ...(since !== undefined ? { since } : {}),
      ...(this.options.pageSize !== undefined ? { pageSize: this.options.pageSize } : {}),
    });
    // A first read is a full read: nothing older than it is stored for this location.
    await storeNetSuiteOnHand(storage, {
      netsuiteLocationId: locationId,
      scope,
      rows: read.rows,
      watermark: read.watermark,
      full: since === undefined,
      readAt,
    });

    return {
      poll: {
        netsuiteLocationId: locationId,
        since,
        rowsRead: read.rows.length,
        watermark: read.watermark,
      },
      itemIds: read.rows.map((row) => row.itemId),
    };
  }

  private async netsuiteLocations(): Promise<string[]> {
    const rows = await erpDb(this.options.storage)
      .selectFrom('locations')
      .select('netsuite_id')
      .distinct()
      .where('netsuite_id', 'is not', null)
      .where('active', '=', 1)
      .orderBy('netsuite_id')
      .execute();
    return rows.flatMap((row) => (row.netsuite_id === null ? [] : [row.netsuite_id]));
  }
}
