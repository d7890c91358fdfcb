import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';

export interface StoreLevel {
  itemId: string;
  sku: string | null;
  title: string | null;
  onHand: number;
  committed: number;
  reserved: number;
  available: number;
  placedSafetyStock: number;
  placedReserved: number;
  gross: number | null;
  buffer: number | null;
  held: number | null;
  sellable: number | null;
  lastChangeAt: string | null;
}

/** Bounded: a store page lists at most this many items; the page says when it was cut. */
export const STORE_LEVELS_LIMIT = 5000;

/** Levels of one location, as `GET /v1/availability?location=` lists them, by SKU. */
export async function storeLevels(db: Kysely<Database>, handle: string): Promise<StoreLevel[]> {
  const rows = await db
    .selectFrom('levels as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    // TODO(holds at read time): a hold that lapsed and is not swept yet still counts here until the
    // sweeper runs (about a second); subtract `lapsedHeldUnits` as GET /v1/availability does.
    .leftJoin('decisions as d', (join) =>
      join
        .onRef('d.item_id', '=', 'l.item_id')
        .onRef('d.location_handle', '=', 'l.location_handle'),
    )
    .select([
      'l.item_id',
      'i.sku',
      'i.title',
      'l.on_hand',
      'l.committed',
      'l.reserved',
      'l.available',
      'l.placed_safety_stock',
      'l.placed_reserved',
      'l.changed_at',
      'd.gross',
      'd.buffer',
      'd.held',
      'd.sellable',
    ])
    .where('l.location_handle', '=', handle)
    .where('l.connected', '=', 1)
    .where('i.deleted_at', 'is', null)
    .orderBy('i.sku')
    .orderBy('l.item_id')
    .limit(STORE_LEVELS_LIMIT + 1)
    .execute();

  return rows.map((row) => ({
    itemId: row.item_id,
    sku: row.sku,
    title: row.title,
    onHand: row.on_hand,
    committed: row.committed,
    reserved: row.reserved,
    available: row.available,
    placedSafetyStock: row.placed_safety_stock,
    placedReserved: row.placed_reserved,
    gross: row.gross,
    buffer: row.buffer,
    held: row.held,
    sellable: row.sellable,
    lastChangeAt: row.changed_at,
  }));
}
