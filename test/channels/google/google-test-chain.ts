import type { Kysely } from 'kysely';
import type { Database } from '../../../src/storage/database-schema.js';

export const seededAt = '2026-12-01T10:00:00.000Z';

export interface TestStore {
  readonly handle: string;
  readonly storeCode: string | null;
  readonly kind?: 'store' | 'warehouse';
  readonly managed?: boolean;
  readonly mode?: 'shadow' | 'publish';
  readonly bufferUnits?: number;
  readonly pickupEnabled?: boolean;
  readonly pickupTimeHours?: number;
}

export interface TestItem {
  readonly id: string;
  readonly sku: string | null;
  readonly variantId?: string;
  readonly deleted?: boolean;
}

export async function insertStores(
  db: Kysely<Database>,
  stores: readonly TestStore[],
): Promise<void> {
  await db
    .insertInto('locations')
    .values(
      stores.map((store, index) => ({
        handle: store.handle,
        name: store.handle,
        kind: store.kind ?? 'store',
        time_zone: 'America/New_York',
        google_store_code: store.storeCode,
        shopify_location_id: String(70000000000 + index),
        netsuite_id: null,
        managed: store.managed ? 1 : 0,
        mode: store.mode ?? 'publish',
        buffer_units: store.bufferUnits ?? 0,
        pickup_enabled: store.pickupEnabled ? 1 : 0,
        pickup_time_hours: store.pickupTimeHours ?? 2,
        fulfills_online: 1,
        active: 1,
        origin: 'config',
        updated_at: seededAt,
      })),
    )
    .execute();
}

export async function insertItems(db: Kysely<Database>, items: readonly TestItem[]): Promise<void> {
  await db
    .insertInto('items')
    .values(
      items.map((item, index) => ({
        id: item.id,
        sku: item.sku,
        barcode: null,
        title: item.id,
        shopify_inventory_item_id: `4400000000${String(index).padStart(3, '0')}`,
        shopify_variant_id: item.variantId ?? null,
        tracked: 1,
        inventory_policy: 'deny',
        category: null,
        price_cents: 2800,
        cost_cents: null,
        deleted_at: item.deleted ? seededAt : null,
        updated_at: seededAt,
      })),
    )
    .execute();
}

/** A level as the mirror would have stored it after a read of Shopify's `available`. */
export async function insertLevel(
  db: Kysely<Database>,
  level: { itemId: string; locationHandle: string; available: number; placedSafetyStock?: number },
): Promise<void> {
  await db
    .insertInto('levels')
    .values({
      item_id: level.itemId,
      location_handle: level.locationHandle,
      on_hand: level.available + (level.placedSafetyStock ?? 0),
      available: level.available,
      committed: 0,
      reserved: 0,
      safety_stock: level.placedSafetyStock ?? 0,
      damaged: 0,
      quality_control: 0,
      incoming: 0,
      placed_safety_stock: level.placedSafetyStock ?? 0,
      placed_reserved: 0,
      connected: 1,
      version: 1,
      in_flight_push: null,
      read_at: seededAt,
      changed_at: seededAt,
    })
    .execute();
}

/** A stored decision written straight in, for tests about what is derived from it. */
export async function insertDecision(
  db: Kysely<Database>,
  decision: { itemId: string; locationHandle: string; sellable: number },
): Promise<void> {
  await db
    .insertInto('decisions')
    .values({
      item_id: decision.itemId,
      location_handle: decision.locationHandle,
      gross: decision.sellable,
      buffer: 0,
      held: 0,
      sellable: decision.sellable,
      target_safety_stock: 0,
      target_reserved: 0,
      version: 1,
      computed_at: seededAt,
    })
    .execute();
}
