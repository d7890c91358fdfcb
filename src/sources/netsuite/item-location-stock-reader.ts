import { inventoryTables } from './item-location-stock.js';
import type { InventoryTable, ItemLocationStock } from './item-location-stock.js';
import { NetSuiteError } from './netsuite-error.js';
import { laterWatermark } from './source-watermark.js';
import { MAX_PAGE_SIZE } from './suiteql-client.js';
import type { SuiteQlClient, SuiteQlRow } from './suiteql-client.js';
import { suiteQlInteger, suiteQlTimestamp } from './suiteql-literal.js';
import { readId, readQuantity } from './suiteql-values.js';

export interface StockReadRequest {
  /** NetSuite location internal ids: each is read as its own partition. */
  readonly locations: readonly string[];
  /** Only rows changed at or after this watermark (from an earlier read, less an overlap). */
  readonly since?: string;
  readonly pageSize?: number;
}

export interface StockPage {
  readonly locationId: string;
  readonly rows: readonly ItemLocationStock[];
}

export interface StockRead {
  readonly rows: readonly ItemLocationStock[];
  /** The latest `modifiedAt` seen, to hand back as `since` (less an overlap) next time. */
  readonly watermark: string | undefined;
}

/** A bound on pages per location, far past any real catalogue, so a loop cannot run away. */
const MAX_PAGES_PER_LOCATION = 10_000;

/**
 * Reads on hand per item and location, one location at a time, paging by key: each page is a
 * fresh query for the items after the last one seen (`item > <last>` ORDER BY item, offset 0).
 * Unlike offset paging, rows that appear, vanish or change between pages neither shift the
 * window nor repeat a row, and the 100,000-row cap of one query never applies.
 */
export class ItemLocationStockReader {
  readonly table: InventoryTable;

  constructor(
    private readonly suiteQl: SuiteQlClient,
    table: InventoryTable = 'aggregateItemLocation',
  ) {
    this.table = table;
  }

  async *pages(request: StockReadRequest): AsyncGenerator<StockPage> {
    // Every literal is checked before the first request, so a bad one sends nothing.
    const locations = request.locations.map((id) => suiteQlInteger(id, 'location id'));
    const since =
      request.since === undefined ? undefined : suiteQlTimestamp(request.since, 'since');
    const limit = request.pageSize ?? MAX_PAGE_SIZE;

    for (const locationId of locations) {
      yield* this.locationPages(locationId, since, limit);
    }
  }

  async read(request: StockReadRequest): Promise<StockRead> {
    const rows: ItemLocationStock[] = [];
    let watermark: string | undefined;
    for await (const page of this.pages(request)) {
      for (const row of page.rows) {
        rows.push(row);
        watermark = laterWatermark(watermark, row.modifiedAt);
      }
    }
    return { rows, watermark };
  }

  private async *locationPages(
    locationId: string,
    since: string | undefined,
    limit: number,
  ): AsyncGenerator<StockPage> {
    let afterItem: string | undefined;

    for (let pageNumber = 1; pageNumber <= MAX_PAGES_PER_LOCATION; pageNumber += 1) {
      const where = `stock page ${pageNumber} of location ${locationId}`;
      const q = stockQuery(this.table, { locationId, afterItem, since });
      const page = await this.suiteQl.page(q, { limit, offset: 0, where });

      const rows = page.rows.map((row) => toStock(row, where));
      checkPartition(rows, locationId, afterItem, where);
      yield { locationId, rows };

      const last = rows.at(-1);
      if (!page.hasMore || last === undefined) return;
      afterItem = last.itemId;
    }

    throw new RangeError(`location ${locationId} has more than ${MAX_PAGES_PER_LOCATION} pages`);
  }
}

export interface StockQueryKeys {
  readonly locationId: string;
  readonly afterItem?: string | undefined;
  readonly since?: string | undefined;
}

/** The query for one page; every inlined value passes the literal checks again here. */
export function stockQuery(table: InventoryTable, keys: StockQueryKeys): string {
  const modified = inventoryTables[table].modifiedColumn;
  const conditions = [`location = ${suiteQlInteger(keys.locationId, 'location id')}`];
  if (keys.afterItem !== undefined) {
    conditions.push(`item > ${suiteQlInteger(keys.afterItem, 'item key')}`);
  }
  if (keys.since !== undefined) {
    const since = suiteQlTimestamp(keys.since, 'since');
    conditions.push(`${modified} >= TO_DATE('${since}', 'YYYY-MM-DD HH24:MI:SS')`);
  }

  return [
    'SELECT item, location, quantityonhand, quantitycommitted, quantityavailable,',
    'quantityonorder, quantityintransit,',
    `TO_CHAR(${modified}, 'YYYY-MM-DD HH24:MI:SS') AS modifiedat`,
    `FROM ${table}`,
    `WHERE ${conditions.join(' AND ')}`,
    'ORDER BY item',
  ].join(' ');
}

function toStock(row: SuiteQlRow, where: string): ItemLocationStock {
  return {
    source: 'netsuite',
    meaning: 'absolute_on_hand',
    itemId: readId(row, 'item', where),
    locationId: readId(row, 'location', where),
    onHand: readQuantity(row, 'quantityonhand', where),
    committedInNetSuite: readQuantity(row, 'quantitycommitted', where),
    availableInNetSuite: readQuantity(row, 'quantityavailable', where),
    onOrder: readQuantity(row, 'quantityonorder', where),
    inTransit: readQuantity(row, 'quantityintransit', where),
    modifiedAt: row['modifiedat'],
  };
}

/** Key paging is sound only if the answer is the partition asked for, ascending past the key. */
function checkPartition(
  rows: readonly ItemLocationStock[],
  locationId: string,
  afterItem: string | undefined,
  where: string,
): void {
  let previous = afterItem === undefined ? undefined : BigInt(afterItem);
  for (const row of rows) {
    if (row.locationId !== locationId) {
      throw new NetSuiteError(
        'netsuite_bad_response',
        `SuiteQL answer to ${where} holds a row of location ${row.locationId}`,
        { where, itemId: row.itemId, locationId: row.locationId },
      );
    }
    const item = BigInt(row.itemId);
    if (previous !== undefined && item <= previous) {
      throw new NetSuiteError(
        'netsuite_bad_response',
        `SuiteQL answer to ${where} is not in ascending item order past ${String(previous)} ` +
          `(saw item ${row.itemId})`,
        { where, itemId: row.itemId },
      );
    }
    previous = item;
  }
}
