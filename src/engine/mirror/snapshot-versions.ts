import type { Storage } from '../../storage/storage.js';

export function versionKey(shopifyItemId: string, shopifyLocationId: string): string {
  return `${shopifyItemId}|${shopifyLocationId}`;
}

/**
 * The version of each level before its re-read is sent. A level absent from the map (or null)
 * had no row yet. Applying a read checks the version again, so a change in between is caught.
 */
export async function snapshotVersions(
  storage: Storage,
  levels: readonly { shopifyItemId: string; shopifyLocationId: string }[],
): Promise<Map<string, number | null>> {
  const itemIds = [...new Set(levels.map((l) => l.shopifyItemId))];
  const versions = new Map<string, number | null>();
  if (itemIds.length === 0) return versions;

  const rows = await storage.db
    .selectFrom('levels')
    .innerJoin('items', 'items.id', 'levels.item_id')
    .innerJoin('locations', 'locations.handle', 'levels.location_handle')
    .select([
      'items.shopify_inventory_item_id as itemId',
      'locations.shopify_location_id as locationId',
      'levels.version',
    ])
    .where('items.shopify_inventory_item_id', 'in', itemIds)
    .execute();

  for (const row of rows) {
    if (row.itemId && row.locationId)
      versions.set(versionKey(row.itemId, row.locationId), row.version);
  }
  return versions;
}
