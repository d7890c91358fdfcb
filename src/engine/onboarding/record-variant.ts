import type { ExportedVariant } from '../../sources/shopify/bulk/export-inventory.js';
import type { Storage } from '../../storage/storage.js';
import { itemIdFor } from '../registry/ensure-mirrored-entities.js';

/** Stores a variant's catalogue facts (SKU, barcode, price, tracked, inventory policy, tags). */
export async function recordVariant(
  storage: Storage,
  variant: ExportedVariant,
  now: string,
): Promise<void> {
  const price = variant.price !== null ? Number(variant.price) : Number.NaN;
  const values = {
    sku: variant.sku,
    barcode: variant.barcode,
    title: variant.title,
    shopify_variant_id: variant.variantId,
    tracked: variant.tracked ? 1 : 0,
    inventory_policy: variant.inventoryPolicy,
    price_cents: Number.isFinite(price) ? Math.round(price * 100) : null,
    tags: JSON.stringify(variant.tags),
    updated_at: now,
  };

  await storage.db
    .insertInto('items')
    .values({
      id: itemIdFor(variant.shopifyItemId),
      shopify_inventory_item_id: variant.shopifyItemId,
      category: null,
      cost_cents: null,
      deleted_at: null,
      ...values,
    })
    .onConflict((oc) => oc.column('shopify_inventory_item_id').doUpdateSet(values))
    .execute();
}
