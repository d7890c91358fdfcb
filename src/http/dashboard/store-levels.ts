import type { Kysely } from 'kysely';
import { lapsedHeldUnits, withoutLapsedHolds } from '../../engine/holds/lapsed-held-units.js';
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

/**
 * Levels of one location, as `GET /v1/availability?location=` lists them, by SKU: as of `now`,
 * so a hold whose time ran out no longer counts, swept or not.
 */
export async function storeLevels(
  db: Kysely<Database>,
  handle: string,
  now: Date,
): Promise<StoreLevel[]> {
  const at = now.toISOString();
  const rows = await db
    .selectFrom('levels as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
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
      lapsedHeldUnits(at, 'l.item_id', 'l.location_handle').as('lapsed_held'),
    ])
    .where('l.location_handle', '=', handle)
    .where('l.connected', '=', 1)
    .where('i.deleted_at', 'is', null)
    .orderBy('i.sku')
    .orderBy('l.item_id')
    .limit(STORE_LEVELS_LIMIT + 1)
    .execute();

  return rows.map((stored) => {
    const row = withoutLapsedHolds(stored, Number(stored.lapsed_held));
    return {
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
    };
  });
}
