import type { Storage } from '../../../src/storage/storage.js';

/** Managed stores (Shopify location ids 1, 2, …) and `items` items `i0…` with SKUs `S0…`. */
export async function seedStoresAndItems(
  storage: Storage,
  options: { stores: { handle: string; mode: 'shadow' | 'publish' }[]; items: number; at: string },
): Promise<void> {
  for (const [index, store] of options.stores.entries()) {
    await storage.db
      .insertInto('locations')
      .values({
        handle: store.handle,
        name: store.handle === 'north' ? 'North' : store.handle,
        kind: 'store',
        time_zone: 'America/New_York',
        google_store_code: null,
        shopify_location_id: String(index + 1),
        netsuite_id: null,
        managed: 1,
        mode: store.mode,
        buffer_units: 0,
        pickup_enabled: 0,
        pickup_time_hours: 2,
        fulfills_online: 1,
        active: 1,
        origin: 'config',
        updated_at: options.at,
      })
      .execute();
  }
  for (let i = 0; i < options.items; i += 1) {
    await storage.db
      .insertInto('items')
      .values({
        id: `i${i}`,
        sku: `S${i}`,
        barcode: null,
        title: null,
        shopify_inventory_item_id: String(100 + i),
        shopify_variant_id: null,
        tracked: 1,
        inventory_policy: 'DENY',
        category: null,
        price_cents: null,
        cost_cents: null,
        deleted_at: null,
        updated_at: options.at,
      })
      .execute();
  }
}
