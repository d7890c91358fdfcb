import type { Kysely } from 'kysely';
import type { ProductTagsInput } from '../../sources/shopify/delivery-effect.js';
import type { Database } from '../../storage/database-schema.js';

/**
 * Gives the items of a product's variants the product's tags, inside the caller's transaction.
 * `products/update` fires on every inventory change of the product, so this is one UPDATE that
 * writes only the items whose tags differ; an item whose tags came from a newer product
 * `updated_at` is left alone (a late delivery). Returns how many items were retagged.
 *
 * Known shortcoming: a delivery that finds the tags unchanged does not advance
 * `tags_updated_at` (that would be a write per inventory change), so a late delivery older than
 * it but newer than the last change can still put back older tags. The product's next
 * delivery or the next sync corrects them; advancing the mark on every delivery would lift it,
 * at the cost of that write.
 */
export async function applyProductTags(
  trx: Kysely<Database>,
  product: ProductTagsInput,
  now: string,
): Promise<{ retagged: number }> {
  if (product.variantIds.length === 0 && product.inventoryItemIds.length === 0) {
    return { retagged: 0 };
  }
  const tags = JSON.stringify(product.tags);

  const result = await trx
    .updateTable('items')
    .set({ tags, tags_updated_at: product.updatedAt, updated_at: now })
    .where((eb) => {
      const named = [];
      if (product.variantIds.length > 0) {
        named.push(eb('shopify_variant_id', 'in', product.variantIds));
      }
      if (product.inventoryItemIds.length > 0) {
        named.push(eb('shopify_inventory_item_id', 'in', product.inventoryItemIds));
      }
      return eb.or(named);
    })
    .where('tags', '<>', tags)
    // Instants are UTC ISO-8601 of one length, so text order is time order on both engines.
    // An equal instant applies: `updated_at` has one-second resolution, and two changes in one
    // second arrive in order far more often than not.
    .where((eb) =>
      eb.or([eb('tags_updated_at', 'is', null), eb('tags_updated_at', '<=', product.updatedAt)]),
    )
    .executeTakeFirst();

  return { retagged: Number(result.numUpdatedRows) };
}
