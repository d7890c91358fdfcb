import { erpDb } from '../../../src/engine/erp/erp-database.js';
import type { Storage } from '../../../src/storage/storage.js';

const AT = '2025-03-01T00:00:00.000Z';

export interface LocationSeed {
  readonly handle: string;
  readonly netsuiteId: string | null;
  readonly timeZone?: string | null;
  readonly shopifyLocationId?: string | null;
  readonly kind?: 'store' | 'warehouse';
}

export async function seedLocation(storage: Storage, seed: LocationSeed): Promise<void> {
  await storage.db
    .insertInto('locations')
    .values({
      handle: seed.handle,
      name: seed.handle,
      kind: seed.kind ?? 'store',
      time_zone: seed.timeZone === undefined ? 'America/New_York' : seed.timeZone,
      google_store_code: null,
      shopify_location_id: seed.shopifyLocationId ?? null,
      netsuite_id: seed.netsuiteId,
      managed: 1,
      mode: 'publish',
      buffer_units: 0,
      pickup_enabled: 0,
      pickup_time_hours: 2,
      fulfills_online: 1,
      active: 1,
      origin: 'config',
      updated_at: AT,
    })
    .execute();
}

export interface ItemSeed {
  readonly id: string;
  readonly sku: string | null;
  readonly costCents?: number | null;
  readonly shopifyItemId?: string | null;
}

export async function seedItem(storage: Storage, seed: ItemSeed): Promise<void> {
  await storage.db
    .insertInto('items')
    .values({
      id: seed.id,
      sku: seed.sku,
      barcode: null,
      title: null,
      shopify_inventory_item_id: seed.shopifyItemId ?? null,
      shopify_variant_id: null,
      tracked: 1,
      inventory_policy: null,
      category: null,
      price_cents: null,
      cost_cents: seed.costCents ?? null,
      deleted_at: null,
      updated_at: AT,
    })
    .execute();
}

/** Our item ↔ NetSuite item, as the poller's matcher would have stored it. */
export async function seedNetSuiteItem(
  storage: Storage,
  netsuiteItemId: string,
  itemId: string,
): Promise<void> {
  await erpDb(storage)
    .insertInto('netsuite_items')
    .values({
      netsuite_item_id: netsuiteItemId,
      itemid: null,
      externalid: null,
      item_id: itemId,
      matched_by: 'itemid',
      updated_at: AT,
    })
    .execute();
}

export async function seedLevel(
  storage: Storage,
  itemId: string,
  locationHandle: string,
  onHand: number,
): Promise<void> {
  await storage.db
    .insertInto('levels')
    .values({
      item_id: itemId,
      location_handle: locationHandle,
      on_hand: onHand,
      available: onHand,
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
      read_at: AT,
      changed_at: AT,
    })
    .execute();
}

export async function seedNetSuiteOnHand(
  storage: Storage,
  netsuiteItemId: string,
  netsuiteLocationId: string,
  onHand: number,
  readAt = AT,
): Promise<void> {
  await erpDb(storage)
    .insertInto('netsuite_on_hand')
    .values({
      netsuite_item_id: netsuiteItemId,
      netsuite_location_id: netsuiteLocationId,
      on_hand: onHand,
      committed_in_netsuite: 0,
      available_in_netsuite: onHand,
      on_order: 0,
      in_transit: 0,
      modified_at: null,
      read_at: readAt,
    })
    .execute();
}

export interface OrderSeed {
  readonly id: string;
  readonly sourceName: 'pos' | 'web';
  readonly locationHandle: string | null;
  readonly createdAt: string;
  readonly cancelledAt?: string;
  readonly name?: string;
}

export async function seedOrder(storage: Storage, seed: OrderSeed): Promise<void> {
  await storage.db
    .insertInto('orders')
    .values({
      id: seed.id,
      name: seed.name ?? null,
      source_name: seed.sourceName,
      location_handle: seed.locationHandle,
      staff_id: null,
      cart_token: null,
      created_at: seed.createdAt,
      cancelled_at: seed.cancelledAt ?? null,
      updated_at: seed.createdAt,
    })
    .execute();
}

export interface FactSeed {
  readonly kind: 'order' | 'fulfillment';
  readonly ref: string;
  readonly lineRef: string;
  readonly orderId: string;
  readonly itemId: string;
  readonly locationHandle: string | null;
  readonly quantity: number;
  readonly occurredAt: string;
}

export async function seedFact(storage: Storage, seed: FactSeed): Promise<void> {
  await storage.db
    .insertInto('fact_lines')
    .values({
      id: `${seed.kind}-${seed.ref}-${seed.lineRef}`,
      kind: seed.kind,
      ref: seed.ref,
      line_ref: seed.lineRef,
      order_id: seed.orderId,
      item_id: seed.itemId,
      location_handle: seed.locationHandle,
      quantity: seed.quantity,
      matched: 0,
      occurred_at: seed.occurredAt,
      delivery_id: 'delivery-1',
    })
    .execute();
}
