import { routingCompletePayload } from '../payloads/fulfillment-order-payloads.js';
import { orderPayload } from '../payloads/order-payload.js';
import type { LocationRecord } from '../state/records.js';
import { checkoutShortfalls, onlineLocations } from './checkout-availability.js';
import type { Shortfall } from './checkout-availability.js';
import type { CommerceContext } from './commerce-context.js';
import { createFulfillmentOrder } from './fulfillment-order-factory.js';
import { resolveLines, resolveLocation } from './input-refs.js';
import type { LineInput, ResolvedLine } from './input-refs.js';
import type { MerchantAction } from './merchant-action.js';
import { createOrder } from './order-factory.js';
import { routeShipping } from './order-routing.js';
import type { RoutedGroup } from './order-routing.js';
import { summarizeOrder } from './order-summary.js';
import type { OrderSummary } from './order-summary.js';
import { changeStock } from './stock.js';

export interface OnlineOrderInput {
  lines: LineInput[];
  delivery: 'shipping' | 'pickup';
  /** The pickup store (id, gid or name); required for pickup. */
  pickupLocation?: string | undefined;
  cartToken?: string | undefined;
  noteAttributes?: Array<{ name: string; value: string }> | undefined;
  email?: string | undefined;
  tags?: string[] | undefined;
}

export type CheckoutRefusal =
  | { ok: false; reason: 'insufficient_stock'; shortfalls: Shortfall[] }
  | { ok: false; reason: 'pickup_unavailable'; locationId: string | null }
  | { ok: false; reason: 'no_online_location' };

export type OnlineOrderResult = { ok: true; order: OrderSummary } | CheckoutRefusal;

/**
 * An online checkout. Refused like Shopify's storefront when a DENY variant lacks available
 * units; otherwise the units move available → committed at the routed location(s), and the
 * order arrives with `source_name: "web"` and `location_id: null` (research §1.2, §6, §9).
 */
export function placeOnlineOrder(
  ctx: CommerceContext,
  action: MerchantAction,
  input: OnlineOrderInput,
): OnlineOrderResult {
  const lines = resolveLines(ctx.state, input.lines);
  const routed = route(ctx, input, lines);
  if (!Array.isArray(routed)) return routed;

  const pickup = input.delivery === 'pickup';
  const firstLocation = ctx.state.requireLocation(routed[0]?.locationId ?? '');
  const order = createOrder(ctx, action, {
    sourceName: 'web',
    delivery: input.delivery,
    locationId: null,
    userId: null,
    cartToken: input.cartToken ?? ctx.random.hex(16),
    email: input.email ?? 'shopper@example.com',
    noteAttributes: input.noteAttributes,
    tags: input.tags,
    shippingLine: pickup
      ? { code: firstLocation.name, title: firstLocation.name }
      : { code: 'Standard', title: 'Standard' },
    lines,
  });

  const fulfillmentOrders = routed.map((group) => {
    const entries = group.parts.map(({ lineIndex, quantity }) => {
      const line = order.lineItems[lineIndex];
      if (!line) throw new Error('Routed line is not on the order');
      changeStock(ctx, action, line.inventoryItemId, group.locationId, {
        available: -quantity,
        committed: quantity,
      });
      return { line, quantity };
    });
    return createFulfillmentOrder(
      ctx,
      action,
      order,
      group.locationId,
      pickup ? 'PICK_UP' : 'SHIPPING',
      entries,
    );
  });

  action.emitSnapshot('orders/create', () => orderPayload(order, ctx.payloads));
  for (const fulfillmentOrder of fulfillmentOrders) {
    action.emitSnapshot('fulfillment_orders/order_routing_complete', () =>
      routingCompletePayload(fulfillmentOrder),
    );
  }
  return { ok: true, order: summarizeOrder(ctx.state, order) };
}

function route(
  ctx: CommerceContext,
  input: OnlineOrderInput,
  lines: ResolvedLine[],
): RoutedGroup[] | CheckoutRefusal {
  if (input.delivery === 'pickup') {
    const store = pickupStore(ctx, input.pickupLocation);
    if (!store)
      return {
        ok: false,
        reason: 'pickup_unavailable',
        locationId: pickupId(ctx, input.pickupLocation),
      };
    const shortfalls = checkoutShortfalls(ctx.state, lines, [store]);
    if (shortfalls.length > 0) return { ok: false, reason: 'insufficient_stock', shortfalls };
    return [
      {
        locationId: store.id,
        parts: lines.map((line, lineIndex) => ({ lineIndex, quantity: line.quantity })),
      },
    ];
  }

  const candidates = onlineLocations(ctx.state);
  if (candidates.length === 0) return { ok: false, reason: 'no_online_location' };
  const shortfalls = checkoutShortfalls(ctx.state, lines, candidates);
  if (shortfalls.length > 0) return { ok: false, reason: 'insufficient_stock', shortfalls };
  return routeShipping(ctx.state, lines, candidates);
}

function pickupStore(ctx: CommerceContext, ref: string | undefined): LocationRecord | null {
  if (ref === undefined) return null;
  const location = resolveLocation(ctx.state, ref);
  return location.isActive && location.pickup !== null ? location : null;
}

function pickupId(ctx: CommerceContext, ref: string | undefined): string | null {
  return ref === undefined ? null : resolveLocation(ctx.state, ref).id;
}
