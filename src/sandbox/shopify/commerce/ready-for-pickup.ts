import { preparedForPickupPayload } from '../payloads/fulfillment-order-payloads.js';
import { SandboxError } from '../state/sandbox-error.js';
import type { CommerceContext } from './commerce-context.js';
import { requireId } from './input-refs.js';
import type { MerchantAction } from './merchant-action.js';

/** Staff mark a pickup order ready; the customer is told and the topic fires (research §6). */
export function markReadyForPickup(
  ctx: CommerceContext,
  action: MerchantAction,
  orderRef: string,
): { fulfillmentOrderIds: string[] } {
  const order = ctx.state.requireOrder(requireId(orderRef, 'Order', 'Order'));
  const preparable = ctx.state
    .fulfillmentOrdersOf(order)
    .filter(
      (fo) =>
        fo.deliveryMethod === 'PICK_UP' && (fo.status === 'OPEN' || fo.status === 'IN_PROGRESS'),
    );
  if (preparable.length === 0) {
    throw new SandboxError(
      'invalid_state',
      `Order ${order.id} has no open pickup fulfillment order.`,
    );
  }

  for (const fulfillmentOrder of preparable) {
    fulfillmentOrder.preparedForPickupAt = action.at;
    fulfillmentOrder.updatedAt = action.at;
    action.emitSnapshot('fulfillment_orders/line_items_prepared_for_pickup', () =>
      preparedForPickupPayload(fulfillmentOrder),
    );
  }
  return { fulfillmentOrderIds: preparable.map((fo) => fo.id) };
}
