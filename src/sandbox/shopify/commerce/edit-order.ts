import { orderPayload } from '../payloads/order-payload.js';
import { bare } from '../payloads/shopify-json.js';
import { formatShopTime } from '../payloads/shop-time.js';
import { fulfillableQuantity } from '../state/line-item-quantities.js';
import type { FulfillmentOrderRecord, LineItemRecord, OrderRecord } from '../state/records.js';
import { SandboxError } from '../state/sandbox-error.js';
import { onlineLocations } from './checkout-availability.js';
import type { CommerceContext } from './commerce-context.js';
import { createFulfillmentOrder } from './fulfillment-order-factory.js';
import { requireId, requireQuantity, resolveLines } from './input-refs.js';
import type { LineInput } from './input-refs.js';
import type { MerchantAction } from './merchant-action.js';
import { newLineItem, touch } from './order-factory.js';
import { changeStock } from './stock.js';
import { releaseUnfulfilled } from './unfulfilled-release.js';

export interface EditOrderInput {
  removals?:
    Array<{ lineItemId: string; delta: number; restock?: boolean | undefined }> | undefined;
  additions?: LineInput[] | undefined;
  staffNote?: string | undefined;
}

export interface EditOrderResult {
  orderEditId: string;
  addedLineItemIds: string[];
}

/**
 * A committed order edit: removed units leave committed (back to available when restocked),
 * added units are committed at the order's open fulfillment location. The `orders/edited`
 * body follows Shopify's sample: line item ids with their deltas.
 */
export function editOrder(
  ctx: CommerceContext,
  action: MerchantAction,
  orderRef: string,
  input: EditOrderInput,
): EditOrderResult {
  const order = ctx.state.requireOrder(requireId(orderRef, 'Order', 'Order'));
  if (order.cancelledAt) throw new SandboxError('invalid_state', `Order ${order.id} is cancelled.`);
  const removals = (input.removals ?? []).map((removal) => ({
    removal,
    line: lineOf(order, removal.lineItemId),
  }));
  for (const { removal, line } of removals) {
    requireQuantity(removal.delta);
    if (removal.delta > fulfillableQuantity(line)) {
      throw new SandboxError(
        'invalid_input',
        `Line item ${line.id} has ${fulfillableQuantity(line)} unfulfilled units, not ${removal.delta}.`,
      );
    }
  }
  const additions =
    input.additions && input.additions.length > 0 ? resolveLines(ctx.state, input.additions) : [];

  for (const { removal, line } of removals) {
    releaseUnfulfilled(ctx, action, order, line, removal.delta, removal.restock ?? true);
    line.removedByEdit += removal.delta;
  }

  const added: LineItemRecord[] = [];
  for (const addition of additions) {
    const line = newLineItem(ctx, addition);
    order.lineItems.push(line);
    added.push(line);
    const target = openFulfillmentOrder(ctx, order) ?? newFulfillmentOrder(ctx, action, order);
    target.lines.push({
      id: ctx.state.ids.next(),
      lineItemId: line.id,
      inventoryItemId: line.inventoryItemId,
      variantId: line.variantId,
      totalQuantity: line.quantity,
      remainingQuantity: line.quantity,
    });
    changeStock(ctx, action, line.inventoryItemId, target.locationId, {
      available: -line.quantity,
      committed: line.quantity,
    });
  }

  touch(order, action);
  const editId = ctx.state.ids.next();
  const at = formatShopTime(action.at, ctx.payloads.offsetMinutes);
  const edit = {
    order_edit: {
      id: bare(editId),
      app_id: null,
      created_at: at,
      committed_at: at,
      notify_customer: false,
      order_id: bare(order.id),
      staff_note: input.staffNote ?? '',
      user_id: null,
      line_items: {
        additions: added.map((line) => ({ id: bare(line.id), delta: line.quantity })),
        removals: removals.map(({ removal, line }) => ({
          id: bare(line.id),
          delta: removal.delta,
        })),
      },
      discounts: { line_item: { additions: [], removals: [] } },
      shipping_lines: { additions: [], removals: [] },
    },
  };
  action.emitSnapshot('orders/edited', () => edit);
  action.emitSnapshot('orders/updated', () => orderPayload(order, ctx.payloads));
  return { orderEditId: editId, addedLineItemIds: added.map((line) => line.id) };
}

function lineOf(order: OrderRecord, ref: string): LineItemRecord {
  const id = requireId(ref, 'LineItem', 'Line item');
  const line = order.lineItems.find((candidate) => candidate.id === id);
  if (!line) throw new SandboxError('not_found', `Order ${order.id} has no line item ${id}.`);
  return line;
}

function openFulfillmentOrder(
  ctx: CommerceContext,
  order: OrderRecord,
): FulfillmentOrderRecord | undefined {
  return ctx.state
    .fulfillmentOrdersOf(order)
    .find((fo) => fo.status === 'OPEN' || fo.status === 'IN_PROGRESS');
}

function newFulfillmentOrder(
  ctx: CommerceContext,
  action: MerchantAction,
  order: OrderRecord,
): FulfillmentOrderRecord {
  const location = order.locationId
    ? ctx.state.requireLocation(order.locationId)
    : onlineLocations(ctx.state)[0];
  if (!location)
    throw new SandboxError(
      'invalid_state',
      'No location fulfils online orders for the added line.',
    );
  const method = order.delivery === 'pickup' ? 'PICK_UP' : 'SHIPPING';
  return createFulfillmentOrder(ctx, action, order, location.id, method, []);
}
