import { gidOf } from '../state/gid.js';
import { currentQuantity, fulfillableQuantity } from '../state/line-item-quantities.js';
import type { DeliveryMethodType, FulfillmentOrderStatus, OrderRecord } from '../state/records.js';
import type { ShopState } from '../state/shop-state.js';

/** What the control API and the store methods answer about an order. */
export interface OrderSummary {
  id: string;
  gid: string;
  name: string;
  sourceName: string;
  locationId: string | null;
  cancelled: boolean;
  lineItems: Array<{
    id: string;
    variantId: string;
    inventoryItemId: string;
    sku: string | null;
    quantity: number;
    currentQuantity: number;
    fulfillableQuantity: number;
    fulfilledQuantity: number;
  }>;
  fulfillmentOrders: Array<{
    id: string;
    gid: string;
    locationId: string;
    deliveryMethod: DeliveryMethodType;
    status: FulfillmentOrderStatus;
    lines: Array<{ lineItemId: string; totalQuantity: number; remainingQuantity: number }>;
  }>;
}

export function summarizeOrder(state: ShopState, order: OrderRecord): OrderSummary {
  return {
    id: order.id,
    gid: gidOf('Order', order.id),
    name: order.name,
    sourceName: order.sourceName,
    locationId: order.locationId,
    cancelled: order.cancelledAt !== null,
    lineItems: order.lineItems.map((line) => ({
      id: line.id,
      variantId: line.variantId,
      inventoryItemId: line.inventoryItemId,
      sku: line.sku,
      quantity: line.quantity,
      currentQuantity: currentQuantity(line),
      fulfillableQuantity: fulfillableQuantity(line),
      fulfilledQuantity: line.fulfilled,
    })),
    fulfillmentOrders: state.fulfillmentOrdersOf(order).map((fo) => ({
      id: fo.id,
      gid: gidOf('FulfillmentOrder', fo.id),
      locationId: fo.locationId,
      deliveryMethod: fo.deliveryMethod,
      status: fo.status,
      lines: fo.lines.map((line) => ({
        lineItemId: line.lineItemId,
        totalQuantity: line.totalQuantity,
        remainingQuantity: line.remainingQuantity,
      })),
    })),
  };
}
