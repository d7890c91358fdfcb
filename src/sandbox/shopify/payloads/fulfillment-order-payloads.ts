import { gidOf } from '../state/gid.js';
import type { FulfillmentOrderRecord } from '../state/records.js';
import type { ShopifyJsonObject } from './shopify-json.js';

/**
 * Fulfillment-order topics carry little: the order's fulfillment orders are read through the
 * API afterwards (research §1). Ids here are GIDs, as in Shopify's samples.
 */
export function routingCompletePayload(
  fulfillmentOrder: FulfillmentOrderRecord,
): ShopifyJsonObject {
  return {
    fulfillment_order: {
      id: gidOf('FulfillmentOrder', fulfillmentOrder.id),
      status: fulfillmentOrder.status.toLowerCase(),
    },
  };
}

export function preparedForPickupPayload(
  fulfillmentOrder: FulfillmentOrderRecord,
): ShopifyJsonObject {
  return {
    fulfillment_order: {
      id: gidOf('FulfillmentOrder', fulfillmentOrder.id),
      status: fulfillmentOrder.status.toLowerCase(),
      preparable: true,
      delivery_method: { method_type: 'pickup' },
    },
  };
}
