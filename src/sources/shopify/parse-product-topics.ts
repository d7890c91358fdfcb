import { numericId } from '../../shared/shopify-gid.js';
import type { DeliveryEffect } from './delivery-effect.js';
import type { PayloadReader } from './payload-reader.js';

/**
 * `products/create|update`: the product's tags for the items of its variants. Stock is
 * untouched and nothing is read back from the Admin API: `products/update` also fires on every
 * inventory change of the product, so the payload alone must be enough.
 */
export function parseProductTopic(body: PayloadReader): DeliveryEffect {
  const shopifyProductId = numericId(body.value['admin_graphql_api_id']) ?? body.id('id');
  const tags = splitProductTags(body.requiredString('tags'));
  const updatedAt = body.requiredInstant('updated_at');

  const variantIds: string[] = [];
  const inventoryItemIds: string[] = [];
  for (const variant of body.nonEmptyList('variants')) {
    // The gids carry the ids as text, exact even where a JSON number was rounded.
    variantIds.push(numericId(variant.value['admin_graphql_api_id']) ?? variant.id('id'));
    const inventoryItemId = variant.optionalId('inventory_item_id');
    if (inventoryItemId) inventoryItemIds.push(inventoryItemId);
  }

  return {
    kind: 'product_tags',
    productTags: { shopifyProductId, tags, updatedAt, variantIds, inventoryItemIds },
  };
}

/**
 * The REST product's `tags`, one comma-separated string (`""` for none), as the list
 * `Product.tags` gives the sync: each tag trimmed, blanks dropped, repeats kept once, in order.
 */
export function splitProductTags(text: string): string[] {
  const tags = text.split(',').map((tag) => tag.trim());
  return [...new Set(tags.filter((tag) => tag.length > 0))];
}
