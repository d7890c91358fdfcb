import { gidOf } from '../state/gid.js';
import type { FulfillmentRecord } from '../state/records.js';
import { lineItemPayload } from './line-item-payload.js';
import type { PayloadContext } from './payload-context.js';
import { formatShopTime } from './shop-time.js';
import { bare } from './shopify-json.js';
import type { ShopifyJsonObject, ShopifyJsonValue } from './shopify-json.js';

/** `fulfillments/create` body, and each entry of an order's `fulfillments[]`. */
export function fulfillmentPayload(
  fulfillment: FulfillmentRecord,
  ctx: PayloadContext,
): ShopifyJsonObject {
  const order = ctx.state.requireOrder(fulfillment.orderId);
  const at = formatShopTime(fulfillment.createdAt, ctx.offsetMinutes);
  const lines: ShopifyJsonValue[] = [];
  for (const entry of fulfillment.lines) {
    const line = order.lineItems.find((candidate) => candidate.id === entry.lineItemId);
    if (line) lines.push(lineItemPayload(line, ctx, entry.quantity));
  }

  return {
    id: bare(fulfillment.id),
    admin_graphql_api_id: gidOf('Fulfillment', fulfillment.id),
    created_at: at,
    location_id: bare(fulfillment.locationId),
    name: fulfillment.name,
    order_id: bare(fulfillment.orderId),
    origin_address: null,
    receipt: {},
    service: 'manual',
    shipment_status: null,
    status: 'success',
    tracking_company: null,
    tracking_number: null,
    tracking_numbers: [],
    tracking_url: null,
    tracking_urls: [],
    updated_at: at,
    line_items: lines,
  };
}
