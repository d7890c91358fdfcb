import { erpDb } from '../../engine/erp/erp-database.js';
import type { Storage } from '../../storage/storage.js';

/** What a scheduled connector last pushed to Shopify: NetSuite's available, as absolute numbers. */
export interface ConnectorStockPush {
  readonly pushedAt: Date;
  readonly levels: ReadonlyArray<{
    readonly netsuiteItemId: string;
    readonly netsuiteLocationId: string;
    readonly available: number;
  }>;
}

/** One item at one location, the scheduled sync's figure beside trueshelf's live one. */
export interface ScheduledSyncLine {
  readonly locationHandle: string;
  readonly itemId: string;
  readonly sku: string | null;
  /** What the connector set Shopify's available to at its last push. */
  readonly scheduledAvailable: number;
  /** Shopify's available right now as trueshelf mirrors it, before buffer and holds. */
  readonly liveGross: number;
  /** What trueshelf lets a channel promise now: gross − buffer − live holds, at least 0. */
  readonly liveSellable: number;
  /** scheduled − live gross: units the schedule has not caught up with (sales, receipts). */
  readonly staleUnits: number;
  /** Units the scheduled figure promises beyond what trueshelf would sell. */
  readonly overPromisedUnits: number;
}

export interface ScheduledSyncView {
  readonly generatedAt: string;
  readonly pushedAt: string;
  /** Age of the connector's figure: how far behind the shelf its view may be. */
  readonly pushAgeSeconds: number;
  readonly lines: readonly ScheduledSyncLine[];
  readonly totals: {
    readonly levels: number;
    readonly levelsStale: number;
    readonly staleUnits: number;
    readonly overPromisedUnits: number;
  };
}

/**
 * The classic scheduled-sync view beside the real-time one: per item and location, what the
 * connector's last push told Shopify against trueshelf's live gross and sellable. Levels are
 * joined through the NetSuite item matching and each location's NetSuite id; a level either
 * side lacks is left out, as is a level trueshelf has no decision for yet.
 */
export async function buildScheduledSyncView(
  storage: Storage,
  push: ConnectorStockPush,
  now: Date,
): Promise<ScheduledSyncView> {
  const db = erpDb(storage);
  const live = await db
    .selectFrom('decisions')
    .innerJoin('locations', 'locations.handle', 'decisions.location_handle')
    .innerJoin('netsuite_items', 'netsuite_items.item_id', 'decisions.item_id')
    .innerJoin('items', 'items.id', 'decisions.item_id')
    .select([
      'decisions.location_handle as locationHandle',
      'decisions.item_id as itemId',
      'items.sku as sku',
      'decisions.gross as gross',
      'decisions.sellable as sellable',
      'locations.netsuite_id as netsuiteLocationId',
      'netsuite_items.netsuite_item_id as netsuiteItemId',
    ])
    .where('locations.netsuite_id', 'is not', null)
    .execute();
  const liveByKey = new Map(
    live.map((row) => [`${row.netsuiteItemId}@${row.netsuiteLocationId}`, row]),
  );

  const lines: ScheduledSyncLine[] = [];
  for (const pushed of push.levels) {
    const row = liveByKey.get(`${pushed.netsuiteItemId}@${pushed.netsuiteLocationId}`);
    if (row === undefined) continue;
    lines.push({
      locationHandle: row.locationHandle,
      itemId: row.itemId,
      sku: row.sku,
      scheduledAvailable: pushed.available,
      liveGross: row.gross,
      liveSellable: row.sellable,
      staleUnits: pushed.available - row.gross,
      overPromisedUnits: Math.max(0, pushed.available - row.sellable),
    });
  }
  lines.sort(
    (a, b) => a.locationHandle.localeCompare(b.locationHandle) || a.itemId.localeCompare(b.itemId),
  );

  return {
    generatedAt: now.toISOString(),
    pushedAt: push.pushedAt.toISOString(),
    pushAgeSeconds: Math.max(0, (now.getTime() - push.pushedAt.getTime()) / 1000),
    lines,
    totals: {
      levels: lines.length,
      levelsStale: lines.filter((line) => line.staleUnits !== 0).length,
      staleUnits: lines.reduce((sum, line) => sum + Math.abs(line.staleUnits), 0),
      overPromisedUnits: lines.reduce((sum, line) => sum + line.overPromisedUnits, 0),
    },
  };
}
