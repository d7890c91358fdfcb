import { fulfillmentPayload } from '../payloads/fulfillment-payload.js';
import { routingCompletePayload } from '../payloads/fulfillment-order-payloads.js';
import { orderPayload } from '../payloads/order-payload.js';
import type { FulfillmentRecord } from '../state/records.js';
import type { CommerceContext } from './commerce-context.js';
import { createFulfillmentOrder } from './fulfillment-order-factory.js';
import { requireId, resolveLines, resolveLocation } from './input-refs.js';
import type { LineInput } from './input-refs.js';
import type { MerchantAction } from './merchant-action.js';
import { createOrder } from './order-factory.js';
import { summarizeOrder } from './order-summary.js';
import type { OrderSummary } from './order-summary.js';
import { changeStock } from './stock.js';

export interface PosSaleInput {
  /** Location id, gid or name of the store whose till rang the sale up. */
  location: string;
  /** A line with `shipFrom` is shipped to the customer from that location (ship to customer). */
  lines: Array<LineInput & { shipFrom?: string | undefined }>;
  staffId?: string | undefined;
}

/**
 * POS only warns staff when a sale takes more than is available; it never refuses (research §9).
 * `sold_unavailable_units`: on hand still covers the sale, so the units came out of reserved,
 * safety stock or another unavailable state; `sold_beyond_on_hand`: on hand went negative too.
 */
export interface StockWarning {
  code: 'sold_unavailable_units' | 'sold_beyond_on_hand';
  sku: string | null;
  inventoryItemId: string;
  locationId: string;
  requested: number;
  availableBefore: number;
  availableAfter: number;
  onHandAfter: number;
}

export interface PosSaleResult {
  ok: true;
  order: OrderSummary;
  warnings: StockWarning[];
}

/**
 * A sale at the till (research §6). Carry-out lines are fulfilled at once and stock leaves that
 * store; lines with `shipFrom` (POS ship to customer, the endless aisle) are committed at the
 * shipping location on an open SHIPPING fulfillment order, and the order carries a shipping
 * line and address, so only the carried-out units leave the till's store.
 */
export function recordPosSale(
  ctx: CommerceContext,
  action: MerchantAction,
  input: PosSaleInput,
): PosSaleResult {
  const location = resolveLocation(ctx.state, input.location);
  const lines = resolveLines(ctx.state, input.lines);
  const shipFrom = input.lines.map((line) =>
    line.shipFrom === undefined ? null : resolveLocation(ctx.state, line.shipFrom).id,
  );
  const shipped = shipFrom.some((id) => id !== null);
  const staffId =
    input.staffId === undefined
      ? ctx.defaultStaffId
      : requireId(input.staffId, 'StaffMember', 'Staff');

  const order = createOrder(ctx, action, {
    sourceName: 'pos',
    delivery: shipped ? 'shipping' : 'pos',
    locationId: location.id,
    userId: staffId,
    shippingLine: shipped ? { code: 'Standard', title: 'Standard' } : null,
    lines,
  });
  const carried = order.lineItems.filter((_, index) => shipFrom[index] === null);
  for (const line of carried) line.fulfilled = line.quantity;

  for (const from of new Set(shipFrom.filter((id): id is string => id !== null))) {
    const entries = order.lineItems.flatMap((line, index) =>
      shipFrom[index] === from ? [{ line, quantity: line.quantity }] : [],
    );
    for (const { line, quantity } of entries) {
      changeStock(ctx, action, line.inventoryItemId, from, {
        available: -quantity,
        committed: quantity,
      });
    }
    const shipping = createFulfillmentOrder(ctx, action, order, from, 'SHIPPING', entries);
    action.emitSnapshot('fulfillment_orders/order_routing_complete', () =>
      routingCompletePayload(shipping),
    );
  }
  if (carried.length === 0) {
    action.emitSnapshot('orders/create', () => orderPayload(order, ctx.payloads));
    return { ok: true, order: summarizeOrder(ctx.state, order), warnings: [] };
  }

  const entries = carried.map((line) => ({ line, quantity: line.quantity }));
  const fulfillmentOrder = createFulfillmentOrder(
    ctx,
    action,
    order,
    location.id,
    'RETAIL',
    entries,
    'CLOSED',
  );

  const fulfillment: FulfillmentRecord = {
    id: ctx.state.ids.next(),
    orderId: order.id,
    fulfillmentOrderId: fulfillmentOrder.id,
    locationId: location.id,
    name: `${order.name}.1`,
    lines: carried.map((line) => ({ lineItemId: line.id, quantity: line.quantity })),
    createdAt: action.at,
  };
  ctx.state.fulfillments.set(fulfillment.id, fulfillment);
  order.fulfillmentIds.push(fulfillment.id);

  const warnings: StockWarning[] = [];
  for (const line of carried) {
    const before =
      ctx.state.level(line.inventoryItemId, location.id)?.cells.available.quantity ?? 0;
    const changes = changeStock(ctx, action, line.inventoryItemId, location.id, {
      available: -line.quantity,
    });
    const after = changes.find((change) => change.name === 'available')?.quantityAfterChange;
    const onHand = changes.find((change) => change.name === 'on_hand')?.quantityAfterChange;
    if (after === undefined || onHand === undefined || after >= 0) continue;
    warnings.push({
      code: onHand < 0 ? 'sold_beyond_on_hand' : 'sold_unavailable_units',
      sku: line.sku,
      inventoryItemId: line.inventoryItemId,
      locationId: location.id,
      requested: line.quantity,
      availableBefore: before,
      availableAfter: after,
      onHandAfter: onHand,
    });
  }

  action.emitSnapshot('orders/create', () => orderPayload(order, ctx.payloads));
  action.emitSnapshot('fulfillments/create', () => fulfillmentPayload(fulfillment, ctx.payloads));
  return { ok: true, order: summarizeOrder(ctx.state, order), warnings };
}
