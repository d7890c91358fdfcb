import type { LineItemRecord, OrderRecord } from '../state/records.js';
import type { CommerceContext } from './commerce-context.js';
import type { ResolvedLine } from './input-refs.js';
import type { MerchantAction } from './merchant-action.js';

export interface NewOrder {
  sourceName: OrderRecord['sourceName'];
  delivery: OrderRecord['delivery'];
  locationId: string | null;
  userId: string | null;
  cartToken?: string | null | undefined;
  email?: string | null | undefined;
  noteAttributes?: Array<{ name: string; value: string }> | undefined;
  tags?: string[] | undefined;
  shippingLine: { code: string; title: string } | null;
  lines: ResolvedLine[];
}

/** Records a new order with its line items; stock and fulfillment orders are the caller's. */
export function createOrder(
  ctx: CommerceContext,
  action: MerchantAction,
  input: NewOrder,
): OrderRecord {
  const { state } = ctx;
  const number = state.nextOrderNumber();
  const order: OrderRecord = {
    id: state.ids.next(),
    number,
    name: `#${number}`,
    token: ctx.random.hex(16),
    createdAt: action.at,
    updatedAt: action.at,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    sourceName: input.sourceName,
    delivery: input.delivery,
    locationId: input.locationId,
    userId: input.userId,
    cartToken: input.cartToken ?? null,
    email: input.email ?? null,
    noteAttributes: input.noteAttributes ?? [],
    tags: input.tags ?? [],
    financialStatus: 'paid',
    shippingLine: input.shippingLine ? { id: state.ids.next(), ...input.shippingLine } : null,
    lineItems: input.lines.map((line) => newLineItem(ctx, line)),
    fulfillmentOrderIds: [],
    fulfillmentIds: [],
    refundIds: [],
  };
  state.orders.set(order.id, order);
  return order;
}

export function newLineItem(ctx: CommerceContext, line: ResolvedLine): LineItemRecord {
  return {
    id: ctx.state.ids.next(),
    variantId: line.variant.id,
    productId: line.product.id,
    inventoryItemId: line.item.id,
    sku: line.variant.sku,
    title: line.product.title,
    variantTitle: line.variant.title === 'Default Title' ? '' : line.variant.title,
    price: line.variant.price,
    tracked: line.item.tracked,
    requiresShipping: line.item.requiresShipping,
    quantity: line.quantity,
    removedByEdit: 0,
    refundedUnfulfilled: 0,
    refundedFulfilled: 0,
    fulfilled: 0,
  };
}

export function touch(order: OrderRecord, action: MerchantAction): void {
  order.updatedAt = action.at;
}
