import { orderPayload } from '../payloads/order-payload.js';
import { refundPayload } from '../payloads/refund-payload.js';
import {
  currentQuantity,
  fulfillableQuantity,
  returnableQuantity,
} from '../state/line-item-quantities.js';
import type {
  LineItemRecord,
  OrderRecord,
  RefundLineRecord,
  RefundRecord,
  RestockType,
} from '../state/records.js';
import { SandboxError } from '../state/sandbox-error.js';
import type { CommerceContext } from './commerce-context.js';
import { requireId, requireQuantity } from './input-refs.js';
import type { MerchantAction } from './merchant-action.js';
import { touch } from './order-factory.js';
import { changeStock } from './stock.js';
import { releaseUnfulfilled } from './unfulfilled-release.js';

export interface RefundLineInput {
  lineItemId: string;
  quantity: number;
  restockType: RestockType;
}

export interface RefundInput {
  lines: RefundLineInput[];
  /** Where returned units go back on the shelf; default: where they were fulfilled from. */
  locationId?: string | undefined;
  note?: string | undefined;
  staffId?: string | undefined;
}

export interface RefundResult {
  refundId: string;
  lines: Array<{
    id: string;
    lineItemId: string;
    quantity: number;
    restockType: RestockType;
    locationId: string | null;
  }>;
}

/**
 * A refund and its restock (research §1, RefundLineItemRestockType): `cancel` returns unfulfilled
 * committed units to available where they were committed; `return` puts fulfilled units back on
 * the shelf (available and on_hand up) at the return location; `no_restock` changes no stock for
 * fulfilled units (an unfulfilled one leaves the books, see releaseUnfulfilled).
 */
export function refundOrder(
  ctx: CommerceContext,
  action: MerchantAction,
  orderRef: string,
  input: RefundInput,
): RefundResult {
  const order = ctx.state.requireOrder(requireId(orderRef, 'Order', 'Order'));
  const refund = applyRefund(ctx, action, order, input);

  action.emitSnapshot('refunds/create', () => refundPayload(refund, ctx.payloads));
  action.emitSnapshot('orders/updated', () => orderPayload(order, ctx.payloads));
  return { refundId: refund.id, lines: refund.lines.map((line) => ({ ...line })) };
}

/** Validates every line, then applies them all; shared with cancellation. */
export function applyRefund(
  ctx: CommerceContext,
  action: MerchantAction,
  order: OrderRecord,
  input: RefundInput,
): RefundRecord {
  const lines = input.lines.map((entry) => ({ entry, line: lineOf(order, entry.lineItemId) }));
  const returnLocation =
    input.locationId === undefined
      ? null
      : ctx.state.requireLocation(requireId(input.locationId, 'Location', 'Location')).id;
  checkRefundable(lines);

  const refundLines: RefundLineRecord[] = [];
  const addLine = (
    line: LineItemRecord,
    quantity: number,
    restockType: RestockType,
    locationId: string | null,
  ): void => {
    refundLines.push({
      id: ctx.state.ids.next(),
      lineItemId: line.id,
      quantity,
      restockType,
      locationId,
    });
  };

  for (const { entry, line } of lines) {
    if (entry.restockType === 'cancel') {
      for (const portion of releaseUnfulfilled(ctx, action, order, line, entry.quantity, true)) {
        addLine(line, portion.quantity, 'cancel', portion.locationId);
      }
      line.refundedUnfulfilled += entry.quantity;
    } else if (entry.restockType === 'return') {
      const locationId = returnLocation ?? fulfilledAt(ctx, order, line);
      changeStock(ctx, action, line.inventoryItemId, locationId, { available: entry.quantity });
      line.refundedFulfilled += entry.quantity;
      addLine(line, entry.quantity, 'return', locationId);
    } else {
      const fromFulfilled = Math.min(returnableQuantity(line), entry.quantity);
      const fromOpen = entry.quantity - fromFulfilled;
      if (fromOpen > 0) releaseUnfulfilled(ctx, action, order, line, fromOpen, false);
      line.refundedFulfilled += fromFulfilled;
      line.refundedUnfulfilled += fromOpen;
      addLine(line, entry.quantity, 'no_restock', null);
    }
  }

  const refund: RefundRecord = {
    id: ctx.state.ids.next(),
    orderId: order.id,
    note: input.note ?? null,
    userId: input.staffId === undefined ? null : requireId(input.staffId, 'StaffMember', 'Staff'),
    lines: refundLines,
    createdAt: action.at,
  };
  ctx.state.refunds.set(refund.id, refund);
  order.refundIds.push(refund.id);
  order.financialStatus = order.lineItems.every((line) => currentQuantity(line) === 0)
    ? 'refunded'
    : 'partially_refunded';
  touch(order, action);
  return refund;
}

function lineOf(order: OrderRecord, ref: string): LineItemRecord {
  const id = requireId(ref, 'LineItem', 'Line item');
  const line = order.lineItems.find((candidate) => candidate.id === id);
  if (!line) throw new SandboxError('not_found', `Order ${order.id} has no line item ${id}.`);
  return line;
}

function checkRefundable(lines: Array<{ entry: RefundLineInput; line: LineItemRecord }>): void {
  const asked = new Map<string, { open: number; fulfilled: number; any: number }>();
  for (const { entry, line } of lines) {
    requireQuantity(entry.quantity);
    const tally = asked.get(line.id) ?? { open: 0, fulfilled: 0, any: 0 };
    if (entry.restockType === 'cancel') tally.open += entry.quantity;
    else if (entry.restockType === 'return') tally.fulfilled += entry.quantity;
    else if (entry.restockType === 'no_restock') tally.any += entry.quantity;
    else
      throw new SandboxError('invalid_input', `Unknown restock type ${String(entry.restockType)}.`);
    asked.set(line.id, tally);

    if (
      tally.open > fulfillableQuantity(line) ||
      tally.fulfilled > returnableQuantity(line) ||
      tally.open + tally.fulfilled + tally.any > currentQuantity(line)
    ) {
      throw new SandboxError(
        'invalid_input',
        `Line item ${line.id} cannot refund that much: ${fulfillableQuantity(line)} unfulfilled and ${returnableQuantity(line)} fulfilled units remain.`,
      );
    }
  }
}

function fulfilledAt(ctx: CommerceContext, order: OrderRecord, line: LineItemRecord): string {
  for (const id of order.fulfillmentIds) {
    const fulfillment = ctx.state.fulfillments.get(id);
    if (fulfillment?.lines.some((entry) => entry.lineItemId === line.id))
      return fulfillment.locationId;
  }
  throw new SandboxError('invalid_state', `Line item ${line.id} was never fulfilled.`);
}
