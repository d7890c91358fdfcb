import { gidOf } from '../state/gid.js';
import type { RefundRecord } from '../state/records.js';
import { lineItemPayload } from './line-item-payload.js';
import { fromCents, moneySet, toCents } from './money.js';
import type { PayloadContext } from './payload-context.js';
import { formatShopTime } from './shop-time.js';
import { bare, bareOrNull } from './shopify-json.js';
import type { ShopifyJsonObject, ShopifyJsonValue } from './shopify-json.js';

/** `refunds/create` body, and each entry of an order's `refunds[]`. */
export function refundPayload(refund: RefundRecord, ctx: PayloadContext): ShopifyJsonObject {
  const order = ctx.state.requireOrder(refund.orderId);
  const at = formatShopTime(refund.createdAt, ctx.offsetMinutes);
  const lines: ShopifyJsonValue[] = [];
  for (const entry of refund.lines) {
    const line = order.lineItems.find((candidate) => candidate.id === entry.lineItemId);
    if (!line) continue;
    const subtotal = fromCents(toCents(line.price) * entry.quantity);
    lines.push({
      id: bare(entry.id),
      line_item_id: bare(entry.lineItemId),
      location_id: bareOrNull(entry.locationId),
      quantity: entry.quantity,
      restock_type: entry.restockType,
      subtotal: Number(subtotal),
      subtotal_set: moneySet(subtotal, ctx.currency),
      total_tax: 0,
      total_tax_set: moneySet('0.00', ctx.currency),
      line_item: lineItemPayload(line, ctx),
    });
  }

  return {
    id: bare(refund.id),
    admin_graphql_api_id: gidOf('Refund', refund.id),
    created_at: at,
    duties: [],
    note: refund.note,
    order_adjustments: [],
    order_id: bare(refund.orderId),
    processed_at: at,
    refund_shipping_lines: [],
    restock: refund.lines.some((line) => line.restockType !== 'no_restock'),
    return: null,
    total_duties_set: moneySet('0.00', ctx.currency),
    transactions: [],
    user_id: bareOrNull(refund.userId),
    refund_line_items: lines,
  };
}
