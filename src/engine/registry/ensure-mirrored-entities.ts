import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';

/**
 * Finds (or creates) the rows a Shopify read names. A location Shopify knows but the config does
 * not is registered unmanaged and in shadow: a person decides to manage it.
 */
export async function ensureLocation(
  db: Kysely<Database>,
  shopifyLocationId: string,
  name: string | null,
  now: string,
): Promise<{ handle: string }> {
  const found = await db
    .selectFrom('locations')
    .select('handle')
    .where('shopify_location_id', '=', shopifyLocationId)
    .executeTakeFirst();
  if (found) return found;

  const handle = `shopify-${shopifyLocationId}`;
  await db
    .insertInto('locations')
    .values({
      handle,
      name: name ?? handle,
      kind: 'store',
      shopify_location_id: shopifyLocationId,
      time_zone: null,
      google_store_code: null,
      netsuite_id: null,
      managed: 0,
      mode: 'shadow',
      buffer_units: 0,
      pickup_enabled: 0,
      pickup_time_hours: 2,
      fulfills_online: 1,
      active: 1,
      origin: 'shopify',
      updated_at: now,
    })
    .onConflict((oc) => oc.column('handle').doNothing())
    .execute();
  return { handle };
}

export function itemIdFor(shopifyItemId: string): string {
  return `si-${shopifyItemId}`;
}

export async function ensureItem(
  db: Kysely<Database>,
  shopifyItemId: string,
  attributes: { sku: string | null; tracked: boolean; variantId: string | null },
  now: string,
): Promise<{ id: string }> {
  const found = await db
    .selectFrom('items')
    .select(['id', 'shopify_variant_id'])
    .where('shopify_inventory_item_id', '=', shopifyItemId)
    .executeTakeFirst();
  if (found) {
    if (!found.shopify_variant_id && attributes.variantId) {
      await db
        .updateTable('items')
        .set({ shopify_variant_id: attributes.variantId })
        .where('id', '=', found.id)
        .execute();
    }
    return { id: found.id };
  }

  const id = itemIdFor(shopifyItemId);
  await db
    .insertInto('items')
    .values({
      id,
      sku: attributes.sku,
      barcode: null,
      title: null,
      shopify_inventory_item_id: shopifyItemId,
      shopify_variant_id: attributes.variantId,
      tracked: attributes.tracked ? 1 : 0,
      inventory_policy: null,
      category: null,
      price_cents: null,
      cost_cents: null,
      deleted_at: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return { id };
}
