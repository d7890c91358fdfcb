import { gidOf } from '../state/gid.js';
import {
  currentQuantity,
  fulfillableQuantity,
  lineFulfillmentStatus,
} from '../state/line-item-quantities.js';
import type { LineItemRecord } from '../state/records.js';
import { moneySet } from './money.js';
import type { PayloadContext } from './payload-context.js';
import { bare } from './shopify-json.js';
import type { ShopifyJsonObject } from './shopify-json.js';

/**
 * A REST line item. `quantity` is what was ordered, unless a fulfillment or refund names the
 * units it covers. There is no `inventory_item_id`: Shopify leaves it out (research §1.2).
 */
export function lineItemPayload(
  line: LineItemRecord,
  ctx: PayloadContext,
  quantity: number = line.quantity,
): ShopifyJsonObject {
  const name = line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title;
  return {
    id: bare(line.id),
    admin_graphql_api_id: gidOf('LineItem', line.id),
    attributed_staffs: [],
    current_quantity: currentQuantity(line),
    fulfillable_quantity: fulfillableQuantity(line),
    fulfillment_service: 'manual',
    fulfillment_status: lineFulfillmentStatus(line),
    gift_card: false,
    grams: 0,
    name,
    price: line.price,
    price_set: moneySet(line.price, ctx.currency),
    product_exists: true,
    product_id: bare(line.productId),
    properties: [],
    quantity,
    requires_shipping: line.requiresShipping,
    sales_line_item_group_id: null,
    sku: line.sku,
    taxable: true,
    title: line.title,
    total_discount: '0.00',
    total_discount_set: moneySet('0.00', ctx.currency),
    variant_id: bare(line.variantId),
    variant_inventory_management: line.tracked ? 'shopify' : null,
    variant_title: line.variantTitle || null,
    vendor: null,
    tax_lines: [],
    duties: [],
    discount_allocations: [],
  };
}
