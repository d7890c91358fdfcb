import { orderPayload } from '../payloads/order-payload.js';
import { refundPayload } from '../payloads/refund-payload.js';
import { fulfillableQuantity } from '../state/line-item-quantities.js';
import { SandboxError } from '../state/sandbox-error.js';
import type { CommerceContext } from './commerce-context.js';
import { requireId } from './input-refs.js';
import type { MerchantAction } from './merchant-action.js';
import { applyRefund } from './refund-order.js';

export interface CancelInput {
  /** Return the unfulfilled committed units to available (Shopify's "restock" box). */
  restock?: boolean | undefined;
  reason?: 'customer' | 'fraud' | 'inventory' | 'declined' | 'other' | 'staff' | undefined;
  staffId?: string | undefined;
}

export interface CancelResult {
  refundId: string | null;
}

/**
 * Cancels an order. The unfulfilled units are refunded in one refund whose lines carry
 * `restock_type: "cancel"`, and that refund rides inside the `orders/cancelled` payload.
 */
export function cancelOrder(
  ctx: CommerceContext,
  action: MerchantAction,
  orderRef: string,
  input: CancelInput,
): CancelResult {
  const order = ctx.state.requireOrder(requireId(orderRef, 'Order', 'Order'));
  if (order.cancelledAt)
    throw new SandboxError('invalid_state', `Order ${order.id} is already cancelled.`);

  const restock = input.restock ?? true;
  const open = order.lineItems.filter((line) => fulfillableQuantity(line) > 0);
  const refund =
    open.length === 0
      ? null
      : applyRefund(ctx, action, order, {
          lines: open.map((line) => ({
            lineItemId: line.id,
            quantity: fulfillableQuantity(line),
            restockType: restock ? 'cancel' : 'no_restock',
          })),
          staffId: input.staffId,
        });

  order.cancelledAt = action.at;
  order.closedAt = action.at;
  order.cancelReason = input.reason ?? 'customer';
  order.updatedAt = action.at;

  action.emitSnapshot('orders/cancelled', () => orderPayload(order, ctx.payloads));
  if (refund) action.emitSnapshot('refunds/create', () => refundPayload(refund, ctx.payloads));
  action.emitSnapshot('orders/updated', () => orderPayload(order, ctx.payloads));
  return { refundId: refund?.id ?? null };
}
