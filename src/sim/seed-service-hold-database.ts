import { holdsDb } from '../engine/holds/holds-database.js';
import type { Storage } from '../storage/storage.js';
import type { HostSetup } from './service-hold-protocol.js';

/**
 * One location per store (a managed store in shadow mode, no buffer of its own: the claim reads
 * the decision's), one item per SKU and one level per simulated level, nothing on it yet.
 */
export async function seedServiceHoldDatabase(storage: Storage, setup: HostSetup): Promise<void> {
  await storage.db.transaction().execute(async (trx) => {
    const db = holdsDb(trx);
    const at = new Date(0).toISOString();
    for (const store of setup.stores) {
      await db
        .insertInto('locations')
        .values({
          handle: store,
          name: store,
          kind: 'store',
          time_zone: 'UTC',
          google_store_code: null,
          shopify_location_id: null,
          netsuite_id: null,
          managed: 1,
          mode: 'shadow',
          buffer_units: 0,
          pickup_enabled: 1,
          pickup_time_hours: 2,
          fulfills_online: 1,
          active: 1,
          origin: 'config',
          updated_at: at,
        })
        .execute();
    }
    for (const sku of new Set(setup.skus)) {
      await db
        .insertInto('items')
        .values({
          id: sku,
          sku,
          barcode: null,
          title: null,
          shopify_inventory_item_id: null,
          shopify_variant_id: null,
          tracked: 1,
          inventory_policy: 'deny',
          category: null,
          price_cents: null,
          cost_cents: null,
          deleted_at: null,
          updated_at: at,
        })
        .execute();
    }
    for (const [level, sku] of setup.skus.entries()) {
      await db
        .insertInto('levels')
        .values({
          item_id: sku,
          location_handle: setup.stores[setup.levelStore[level]!]!,
          on_hand: 0,
          available: 0,
          committed: 0,
          reserved: 0,
          safety_stock: 0,
          damaged: 0,
          quality_control: 0,
          incoming: 0,
          placed_safety_stock: 0,
          placed_reserved: 0,
          connected: 1,
          version: 1,
          in_flight_push: null,
          read_at: at,
          changed_at: at,
        })
        .execute();
    }
  });
}
