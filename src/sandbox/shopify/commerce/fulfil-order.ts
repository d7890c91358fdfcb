import { fulfillmentPayload } from '../payloads/fulfillment-payload.js';
import { orderPayload } from '../payloads/order-payload.js';
import type { FulfillmentRecord } from '../state/records.js';
import { SandboxError } from '../state/sandbox-error.js';
import type { CommerceContext } from './commerce-context.js';
import { settleFulfillmentOrderStatus } from './fulfillment-order-factory.js';
import { requireId, requireQuantity } from './input-refs.js';
import type { MerchantAction } from './merchant-action.js';
import { touch } from './order-factory.js';
import { changeStock } from './stock.js';

export interface FulfilInput {
  /** Units per line item; without lines, everything still open is fulfilled. */
  lines?: Array<{ lineItemId: string; quantity: number }> | undefined;
}

export interface FulfilResult {
  fulfillments: Array<{
    id: string;
    locationId: string;
    lines: Array<{ lineItemId: string; quantity: number }>;
  }>;
}

/**
 * Ships or hands over units: committed and on_hand drop at each fulfillment order's assigned
 * location, one fulfillment per fulfillment order (research §1: fulfillments carry location_id).
 */
export function fulfilOrder(
  ctx: CommerceContext,
  action: MerchantAction,
  orderRef: string,
  input: FulfilInput,
): FulfilResult {
  const order = ctx.state.requireOrder(requireId(orderRef, 'Order', 'Order'));
  if (order.cancelledAt) throw new SandboxError('invalid_state', `Order ${order.id} is cancelled.`);
  const wanted = wantedUnits(input);
  const fulfillmentOrders = ctx.state
    .fulfillmentOrdersOf(order)
    .filter((fo) => fo.status === 'OPEN' || fo.status === 'IN_PROGRESS');
  checkWanted(
    wanted,
    fulfillmentOrders.flatMap((fo) => fo.lines),
  );

  const created: FulfillmentRecord[] = [];
  for (const fulfillmentOrder of fulfillmentOrders) {
    const lines: FulfillmentRecord['lines'] = [];
    for (const foLine of fulfillmentOrder.lines) {
      const want =
        wanted === null ? foLine.remainingQuantity : (wanted.get(foLine.lineItemId) ?? 0);
      const quantity = Math.min(want, foLine.remainingQuantity);
      if (quantity === 0) continue;
      if (wanted !== null) wanted.set(foLine.lineItemId, want - quantity);
      foLine.remainingQuantity -= quantity;
      const line = order.lineItems.find((candidate) => candidate.id === foLine.lineItemId);
      if (line) line.fulfilled += quantity;
      changeStock(ctx, action, foLine.inventoryItemId, fulfillmentOrder.locationId, {
        committed: -quantity,
      });
      lines.push({ lineItemId: foLine.lineItemId, quantity });
    }
    if (lines.length === 0) continue;
    settleFulfillmentOrderStatus(fulfillmentOrder, action.at);
    const fulfillment: FulfillmentRecord = {
      id: ctx.state.ids.next(),
      orderId: order.id,
      fulfillmentOrderId: fulfillmentOrder.id,
      locationId: fulfillmentOrder.locationId,
      name: `${order.name}.${order.fulfillmentIds.length + 1}`,
      lines,
      createdAt: action.at,
    };
    ctx.state.fulfillments.set(fulfillment.id, fulfillment);
    order.fulfillmentIds.push(fulfillment.id);
    created.push(fulfillment);
  }

  if (created.length === 0)
    throw new SandboxError('invalid_state', `Order ${order.id} has nothing left to fulfil.`);
  touch(order, action);
  for (const fulfillment of created) {
    action.emitSnapshot('fulfillments/create', () => fulfillmentPayload(fulfillment, ctx.payloads));
  }
  action.emitSnapshot('orders/updated', () => orderPayload(order, ctx.payloads));
  return {
    fulfillments: created.map((f) => ({
      id: f.id,
      locationId: f.locationId,
      lines: f.lines.map((l) => ({ ...l })),
    })),
  };
}

function wantedUnits(input: FulfilInput): Map<string, number> | null {
  if (!input.lines) return null;
  const wanted = new Map<string, number>();
  for (const line of input.lines) {
    requireQuantity(line.quantity);
    const id = requireId(line.lineItemId, 'LineItem', 'Line item');
    wanted.set(id, (wanted.get(id) ?? 0) + line.quantity);
  }
  return wanted;
}

function checkWanted(
  wanted: Map<string, number> | null,
  open: Array<{ lineItemId: string; remainingQuantity: number }>,
): void {
  if (wanted === null) return;
  for (const [lineItemId, quantity] of wanted) {
    const remaining = open
      .filter((l) => l.lineItemId === lineItemId)
      .reduce((sum, l) => sum + l.remainingQuantity, 0);
    if (quantity > remaining) {
      throw new SandboxError(
        'invalid_input',
        `Line item ${lineItemId} has ${remaining} units to fulfil, not ${quantity}.`,
      );
    }
  }
}
