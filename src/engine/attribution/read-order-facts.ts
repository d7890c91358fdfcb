import type { DeliveryMethod } from '../../domain/attribution/attribution-class.js';
import { toMinorUnits } from '../../domain/attribution/minor-units.js';
import type {
  FulfilmentOrderFact,
  FulfillmentFact,
  LineFact,
  Money,
  OrderFacts,
  RefundFact,
  RestockType,
} from '../../domain/attribution/order-facts.js';
import { PayloadReader } from '../../sources/shopify/payload-reader.js';

/** A fulfilment order as the Admin API answers it (see `OrderLookup`). */
export interface FulfilmentOrderNode {
  id: string;
  status: string;
  deliveryMethod: { methodType: string } | null;
  assignedLocation: { location: { id: string } | null } | null;
  lineItems: { nodes: { totalQuantity: number; lineItem: { id: string } | null }[] };
}

const METHODS = new Set(['RETAIL', 'SHIPPING', 'PICK_UP', 'LOCAL', 'PICKUP_POINT', 'NONE']);
const FAILED_FULFILMENT = new Set(['cancelled', 'error', 'failure']);

/**
 * Builds an order's facts from its REST payload (money in `price_set`, the till, the staff
 * member), the refund and fulfilment bodies seen on their own topics (merged by id with the
 * order's own lists), and the fulfilment orders read from the Admin API. Throws a TrueshelfError
 * naming the field when the payload cannot be used.
 */
export function readOrderFacts(
  payload: unknown,
  extra: { refunds: unknown[]; fulfillments: unknown[] },
  fulfilmentOrders: readonly FulfilmentOrderNode[],
): OrderFacts {
  const order = PayloadReader.root(payload, 'order');
  const shopCurrency = order.string('currency') ?? 'USD';
  const presentmentCurrency = order.string('presentment_currency') ?? shopCurrency;
  const money = (set: PayloadReader | null, fallback: string | null): Money | null => {
    const shop = set?.object('shop_money')?.string('amount') ?? fallback;
    const presentment = set?.object('presentment_money')?.string('amount') ?? shop;
    if (shop === null || presentment === null) return null;
    const shopMinor = toMinorUnits(shop, shopCurrency);
    const presentmentMinor = toMinorUnits(presentment, presentmentCurrency);
    return shopMinor === null || presentmentMinor === null
      ? null
      : { shop: shopMinor, presentment: presentmentMinor };
  };

  // TODO(order edits): credit follows the units ordered (`quantity`); an edit that removes or
  // adds units without a refund does not change it yet. Reading `current_quantity` and the
  // `orders/edited` deltas, dated at the edit, would.
  const lines: LineFact[] = order.list('line_items').map((line) => {
    const quantity = line.quantity('quantity');
    const unit = money(line.object('price_set'), line.string('price')) ?? {
      shop: 0,
      presentment: 0,
    };
    const discount = line
      .list('discount_allocations')
      .map((allocation) => money(allocation.object('amount_set'), allocation.string('amount')))
      .reduce<Money>(
        (sum, m) => ({
          shop: sum.shop + (m?.shop ?? 0),
          presentment: sum.presentment + (m?.presentment ?? 0),
        }),
        { shop: 0, presentment: 0 },
      );
    return {
      id: line.id('id'),
      quantity,
      amount: {
        shop: unit.shop * quantity - discount.shop,
        presentment: unit.presentment * quantity - discount.presentment,
      },
    };
  });

  const refunds = new Map<string, RefundFact>();
  for (const raw of [
    ...order.list('refunds'),
    ...extra.refunds.map((r) => PayloadReader.root(r, 'refund')),
  ]) {
    const id = raw.id('id');
    if (refunds.has(id)) continue;
    refunds.set(id, {
      id,
      createdAt: raw.instant('created_at', order.instant('updated_at', '')),
      lines: raw.list('refund_line_items').map((line) => ({
        lineItemId: line.optionalId('line_item_id') ?? line.object('line_item')?.id('id') ?? '',
        quantity: line.quantity('quantity'),
        restockType: restockOf(line.string('restock_type')),
        locationId: line.optionalId('location_id'),
        amount: line.value['subtotal_set'] ? money(line.object('subtotal_set'), null) : null,
      })),
    });
  }

  const fulfillments = new Map<string, FulfillmentFact>();
  for (const raw of [
    ...order.list('fulfillments'),
    ...extra.fulfillments.map((f) => PayloadReader.root(f, 'fulfillment')),
  ]) {
    const id = raw.id('id');
    if (fulfillments.has(id) || FAILED_FULFILMENT.has(raw.string('status') ?? '')) continue;
    fulfillments.set(id, {
      id,
      locationId: raw.optionalId('location_id'),
      createdAt: raw.instant('created_at', order.instant('updated_at', '')),
      lines: raw.list('line_items').map((line) => ({
        lineItemId: line.id('id'),
        quantity: line.quantity('quantity'),
      })),
    });
  }
  const fulfilledAt = new Set([...fulfillments.values()].map((f) => f.locationId));

  return {
    orderId: order.id('id'),
    name: order.string('name'),
    sourceName: order.string('source_name'),
    sellingLocationId: order.optionalId('location_id'),
    staffId: order.optionalId('user_id'),
    createdAt: order.instant('created_at', ''),
    cancelledAt: order.value['cancelled_at'] ? order.instant('cancelled_at', '') : null,
    hasShipping: order.list('shipping_lines').length > 0,
    shopCurrency,
    presentmentCurrency,
    lines,
    fulfilmentOrders: fulfilmentOrders.flatMap((node) => fulfilmentOrderFact(node, fulfilledAt)),
    fulfillments: [...fulfillments.values()],
    refunds: [...refunds.values()],
  };
}

/**
 * A cancelled fulfilment order places nothing; nor does a closed one at a location that
 * fulfilled nothing of the order, which is what a move leaves behind (an inference: Shopify
 * closes the original when all its line items move, and documents no quantities for it).
 */
function fulfilmentOrderFact(
  node: FulfilmentOrderNode,
  fulfilledAt: Set<string | null>,
): FulfilmentOrderFact[] {
  const locationId = numeric(node.assignedLocation?.location?.id);
  const method = node.deliveryMethod?.methodType ?? 'SHIPPING';
  if (!locationId || node.status === 'CANCELLED') return [];
  if (node.status === 'CLOSED' && !fulfilledAt.has(locationId)) return [];
  return [
    {
      id: numeric(node.id) ?? node.id,
      locationId,
      method: (METHODS.has(method) ? method : 'SHIPPING') as DeliveryMethod,
      status: node.status,
      lines: node.lineItems.nodes.flatMap((line) => {
        const lineItemId = numeric(line.lineItem?.id);
        return lineItemId ? [{ lineItemId, totalQuantity: line.totalQuantity }] : [];
      }),
    },
  ];
}

function restockOf(value: string | null): RestockType {
  if (value === 'cancel') return 'cancel';
  if (value === 'return' || value === 'legacy_restock') return 'return';
  return 'no_restock';
}

function numeric(gid: string | null | undefined): string | null {
  if (!gid) return null;
  const match = /(\d{1,20})(?:\?.*)?$/.exec(gid);
  return match?.[1] ?? null;
}
