import { orderPayload } from '../payloads/order-payload.js';
import { productPayload } from '../payloads/product-payload.js';
import { parseGid } from '../state/gid.js';
import type { CommerceContext } from './commerce-context.js';
import type { MerchantAction } from './merchant-action.js';

export type TaggedResource = { kind: 'Order' | 'Product'; id: string } | null;

/**
 * `tagsAdd` on an order or a product. Tags are trimmed and kept once, ignoring case, as Shopify
 * does; changing an order's tags fires `orders/updated`, a product's `products/update`.
 */
export function addTags(
  ctx: CommerceContext,
  action: MerchantAction,
  resourceGid: string,
  tags: string[],
): TaggedResource {
  const gid = parseGid(resourceGid);
  const target =
    gid?.type === 'Order'
      ? ctx.state.orders.get(gid.id)
      : gid?.type === 'Product'
        ? ctx.state.products.get(gid.id)
        : undefined;
  if (!gid || !target) return null;

  const known = new Set(target.tags.map((tag) => tag.toLowerCase()));
  for (const raw of tags.flatMap((tag) => tag.split(','))) {
    const tag = raw.trim();
    if (tag === '' || known.has(tag.toLowerCase())) continue;
    known.add(tag.toLowerCase());
    target.tags.push(tag);
  }
  target.updatedAt = action.at;

  if (gid.type === 'Order') {
    const order = ctx.state.requireOrder(gid.id);
    action.emitSnapshot('orders/updated', () => orderPayload(order, ctx.payloads));
  } else {
    const product = ctx.state.requireProduct(gid.id);
    action.emitSnapshot('products/update', () => productPayload(product, ctx.payloads));
  }
  return { kind: gid.type === 'Order' ? 'Order' : 'Product', id: gid.id };
}
