import { gidOf } from '../state/gid.js';
import type { ProductRecord } from '../state/records.js';
import type { PayloadContext } from './payload-context.js';
import { formatShopTime } from './shop-time.js';
import { bare } from './shopify-json.js';
import type { ShopifyJsonObject } from './shopify-json.js';

/**
 * `products/create` and `products/update`: the REST product with its tags as one
 * comma-and-space separated string (`""` for none) and its variants, each naming its
 * inventory item. Cut to the fields a sync reads and a few around them; options and images
 * are left out.
 */
export function productPayload(product: ProductRecord, ctx: PayloadContext): ShopifyJsonObject {
  const variants = product.variantIds.map((id, index) => {
    const variant = ctx.state.requireVariant(id);
    return {
      id: bare(variant.id),
      product_id: bare(product.id),
      title: variant.title,
      price: variant.price,
      sku: variant.sku ?? '',
      position: index + 1,
      inventory_policy: variant.inventoryPolicy.toLowerCase(),
      barcode: variant.barcode,
      inventory_item_id: bare(variant.inventoryItemId),
      created_at: formatShopTime(variant.createdAt, ctx.offsetMinutes),
      updated_at: formatShopTime(variant.updatedAt, ctx.offsetMinutes),
      admin_graphql_api_id: gidOf('ProductVariant', variant.id),
    };
  });

  return {
    id: bare(product.id),
    title: product.title,
    handle: product.handle,
    status: 'active',
    tags: product.tags.join(', '),
    created_at: formatShopTime(product.createdAt, ctx.offsetMinutes),
    updated_at: formatShopTime(product.updatedAt, ctx.offsetMinutes),
    variants,
    admin_graphql_api_id: gidOf('Product', product.id),
  };
}
