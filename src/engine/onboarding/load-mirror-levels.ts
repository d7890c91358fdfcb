import { sql } from 'kysely';
import type { LevelQuantities } from '../../domain/quantities/level-quantities.js';
import type { Storage } from '../../storage/storage.js';
import { versionKey } from '../mirror/snapshot-versions.js';

export interface MirrorLevel {
  quantities: LevelQuantities;
  version: number;
  readAt: string | null;
  /** A push of ours is in flight, or a signal waits in the read queue. */
  pending: boolean;
}

/** The mirror's copy of the named levels, keyed by Shopify item and location id. */
export async function loadMirrorLevels(
  storage: Storage,
  levels: readonly { shopifyItemId: string; shopifyLocationId: string }[],
): Promise<Map<string, MirrorLevel>> {
  const itemIds = [...new Set(levels.map((l) => l.shopifyItemId))];
  const found = new Map<string, MirrorLevel>();
  if (itemIds.length === 0) return found;

  const rows = await storage.db
    .selectFrom('levels')
    .innerJoin('items', 'items.id', 'levels.item_id')
    .innerJoin('locations', 'locations.handle', 'levels.location_handle')
    .selectAll('levels')
    .select([
      'items.shopify_inventory_item_id as itemId',
      'locations.shopify_location_id as locationId',
      sql<number>`(SELECT count(*) FROM read_queue q WHERE q.shopify_item_id = items.shopify_inventory_item_id AND (q.shopify_location_id = locations.shopify_location_id OR q.shopify_location_id = '*'))`.as(
        'queued',
      ),
    ])
    .where('items.shopify_inventory_item_id', 'in', itemIds)
    .execute();

  for (const row of rows) {
    if (!row.itemId || !row.locationId) continue;
    found.set(versionKey(row.itemId, row.locationId), {
      quantities: {
        available: row.available,
        committed: row.committed,
        reserved: row.reserved,
        safety_stock: row.safety_stock,
        damaged: row.damaged,
        quality_control: row.quality_control,
        on_hand: row.on_hand,
        incoming: row.incoming,
      },
      version: row.version,
      readAt: row.read_at,
      pending: row.in_flight_push !== null || Number(row.queued) > 0,
    });
  }
  return found;
}
