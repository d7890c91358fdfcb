import type {
  DeliveryMethodType,
  FulfillmentOrderRecord,
  FulfillmentOrderStatus,
  LineItemRecord,
  OrderRecord,
} from '../state/records.js';
import type { CommerceContext } from './commerce-context.js';
import type { MerchantAction } from './merchant-action.js';

/** A fulfillment order for some of an order's line items at one location. */
export function createFulfillmentOrder(
  ctx: CommerceContext,
  action: MerchantAction,
  order: OrderRecord,
  locationId: string,
  deliveryMethod: DeliveryMethodType,
  lines: Array<{ line: LineItemRecord; quantity: number }>,
  status: FulfillmentOrderStatus = 'OPEN',
): FulfillmentOrderRecord {
  const { state } = ctx;
  const open = status === 'OPEN' || status === 'IN_PROGRESS';
  const fulfillmentOrder: FulfillmentOrderRecord = {
    id: state.ids.next(),
    orderId: order.id,
    locationId,
    deliveryMethodId: state.ids.next(),
    deliveryMethod,
    status,
    lines: lines.map(({ line, quantity }) => ({
      id: state.ids.next(),
      lineItemId: line.id,
      inventoryItemId: line.inventoryItemId,
      variantId: line.variantId,
      totalQuantity: quantity,
      remainingQuantity: open ? quantity : 0,
    })),
    preparedForPickupAt: null,
    createdAt: action.at,
    updatedAt: action.at,
  };
  state.fulfillmentOrders.set(fulfillmentOrder.id, fulfillmentOrder);
  order.fulfillmentOrderIds.push(fulfillmentOrder.id);
  return fulfillmentOrder;
}

/** After units left a fulfillment order: closed once nothing remains, else in progress. */
export function settleFulfillmentOrderStatus(
  fulfillmentOrder: FulfillmentOrderRecord,
  at: Date,
): void {
  const remaining = fulfillmentOrder.lines.reduce((sum, line) => sum + line.remainingQuantity, 0);
  const total = fulfillmentOrder.lines.reduce((sum, line) => sum + line.totalQuantity, 0);
  if (remaining === 0) fulfillmentOrder.status = total === 0 ? 'CANCELLED' : 'CLOSED';
  else if (remaining < total) fulfillmentOrder.status = 'IN_PROGRESS';
  fulfillmentOrder.updatedAt = at;
}
