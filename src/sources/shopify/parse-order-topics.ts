import type { DeliveryEffect, FactInput, OrderInput, Signal } from './delivery-effect.js';
import type { PayloadReader } from './payload-reader.js';

/**
 * `orders/create|updated|cancelled`: facts for every line (and the fulfilments and refunds the
 * order carries), and a signal to re-read every level of each ordered item, because an online
 * order's payload does not say where Shopify committed the units.
 */
export function parseOrderTopic(
  body: PayloadReader,
  topic: string,
  receivedAt: string,
): DeliveryEffect {
  const order = readOrder(body);
  const occurredAt = body.instant('created_at', receivedAt);
  const facts: FactInput[] = [];
  const signals: Signal[] = [];
  const carryOutLocation =
    order.sourceName === 'pos' && !hasShipping(body) ? order.shopifyLocationId : null;

  for (const line of body.list('line_items')) {
    const lineItemId = line.id('id');
    const variantId = line.optionalId('variant_id');
    const sku = line.string('sku');
    const quantity = line.quantity('quantity');
    facts.push(
      fact('order', order.id, lineItemId, order, {
        variantId,
        lineItemId,
        sku,
        quantity,
        occurredAt,
        location: order.shopifyLocationId,
      }),
    );
    // A POS carry-out names its till's location; an online order does not say where Shopify
    // committed it, so every level of the item is re-read.
    signals.push({ by: 'variant', variantId, sku, shopifyLocationId: carryOutLocation ?? '*' });
  }

  for (const fulfillment of body.list('fulfillments'))
    facts.push(...fulfillmentFacts(fulfillment, order.id, receivedAt));
  for (const refund of body.list('refunds'))
    facts.push(...refundFacts(refund, order.id, receivedAt).facts);

  if (topic === 'orders/cancelled') {
    const cancelledAt = body.instant('cancelled_at', receivedAt);
    for (const line of body.list('line_items')) {
      const lineItemId = line.id('id');
      facts.push(
        fact('cancel', order.id, lineItemId, order, {
          variantId: line.optionalId('variant_id'),
          lineItemId,
          sku: line.string('sku'),
          quantity: line.quantity('quantity'),
          occurredAt: cancelledAt,
          location: null,
        }),
      );
    }
  }

  return { kind: 'apply', signals, facts, order, item: null, deletedItemId: null };
}

/** `orders/edited`: additions and removals name line items by id and a delta. */
export function parseOrderEditTopic(body: PayloadReader, receivedAt: string): DeliveryEffect {
  const edit = body.object('order_edit');
  if (!edit) return { kind: 'ignored', reason: 'orders/edited without order_edit' };
  const orderId = edit.id('order_id');
  const editId = edit.id('id');
  const occurredAt = edit.instant('committed_at', receivedAt);
  const lines = edit.object('line_items');
  const facts: FactInput[] = [];
  const signals: Signal[] = [];

  for (const [side, sign] of [
    ['additions', 1],
    ['removals', -1],
  ] as const) {
    for (const change of lines?.list(side) ?? []) {
      const lineItemId = change.id('id');
      const delta = change.quantity('delta');
      facts.push({
        kind: 'edit',
        ref: editId,
        lineRef: `${side}:${lineItemId}`,
        orderId,
        variantId: null,
        lineItemId,
        sku: null,
        shopifyLocationId: null,
        quantity: sign * delta,
        occurredAt,
      });
      signals.push({ by: 'line_item', lineItemId, shopifyLocationId: '*' });
    }
  }

  return { kind: 'apply', signals, facts, order: null, item: null, deletedItemId: null };
}

/** `refunds/create`: restocks by type; `no_restock` is kept for velocity (net of refunds). */
export function parseRefundTopic(body: PayloadReader, receivedAt: string): DeliveryEffect {
  const { facts, signals } = refundFacts(body, body.id('order_id'), receivedAt);
  return { kind: 'apply', signals, facts, order: null, item: null, deletedItemId: null };
}

/** `fulfillments/create|update`: units leave committed and on hand at `location_id`. */
export function parseFulfillmentTopic(body: PayloadReader, receivedAt: string): DeliveryEffect {
  const facts = fulfillmentFacts(body, body.id('order_id'), receivedAt);
  const location = body.optionalId('location_id') ?? '*';
  const signals: Signal[] = body.list('line_items').map((line) => ({
    by: 'variant',
    variantId: line.optionalId('variant_id'),
    sku: line.string('sku'),
    shopifyLocationId: location,
  }));
  return { kind: 'apply', signals, facts, order: null, item: null, deletedItemId: null };
}

/** A POS order with shipping lines ships from elsewhere (endless aisle): its till is not where stock leaves. */
function hasShipping(body: PayloadReader): boolean {
  return body.list('shipping_lines').length > 0;
}

function readOrder(body: PayloadReader): OrderInput {
  const noteAttributes = body.list('note_attributes');
  const cartAttribute = noteAttributes.find((a) => a.value['name'] === 'trueshelf_cart');
  return {
    id: body.id('id'),
    name: body.string('name'),
    sourceName: body.string('source_name'),
    shopifyLocationId: body.optionalId('location_id'),
    staffId: body.optionalId('user_id'),
    cartToken: body.string('cart_token') ?? (cartAttribute ? cartAttribute.string('value') : null),
    createdAt: body.value['created_at'] ? body.instant('created_at', '') : null,
    cancelledAt: body.value['cancelled_at'] ? body.instant('cancelled_at', '') : null,
  };
}

function fulfillmentFacts(body: PayloadReader, orderId: string, receivedAt: string): FactInput[] {
  const status = body.string('status');
  if (status === 'cancelled' || status === 'error' || status === 'failure') return [];
  const id = body.id('id');
  const location = body.optionalId('location_id');
  const occurredAt = body.instant('created_at', receivedAt);
  return body.list('line_items').map((line) => {
    const lineItemId = line.id('id');
    return {
      kind: 'fulfillment',
      ref: id,
      lineRef: lineItemId,
      orderId,
      variantId: line.optionalId('variant_id'),
      lineItemId,
      sku: line.string('sku'),
      shopifyLocationId: location,
      quantity: line.quantity('quantity'),
      occurredAt,
    };
  });
}

function refundFacts(
  body: PayloadReader,
  orderId: string,
  receivedAt: string,
): { facts: FactInput[]; signals: Signal[] } {
  const id = body.id('id');
  const occurredAt = body.instant('created_at', receivedAt);
  const facts: FactInput[] = [];
  const signals: Signal[] = [];

  for (const line of body.list('refund_line_items')) {
    const restock = line.string('restock_type');
    const kind =
      restock === 'cancel'
        ? 'refund_cancel'
        : restock === 'return' || restock === 'legacy_restock'
          ? 'refund_return'
          : 'refund_none';
    const lineItem = line.object('line_item');
    const lineItemId = line.optionalId('line_item_id') ?? lineItem?.optionalId('id') ?? null;
    const variantId = lineItem?.optionalId('variant_id') ?? null;
    const sku = lineItem?.string('sku') ?? null;
    const location = line.optionalId('location_id');
    facts.push({
      kind,
      ref: id,
      lineRef: line.id('id'),
      orderId,
      variantId,
      lineItemId,
      sku,
      shopifyLocationId: location,
      quantity: line.quantity('quantity'),
      occurredAt,
    });
    if (kind !== 'refund_none') {
      signals.push(
        variantId || sku || !lineItemId
          ? { by: 'variant', variantId, sku, shopifyLocationId: location ?? '*' }
          : { by: 'line_item', lineItemId, shopifyLocationId: location ?? '*' },
      );
    }
  }
  return { facts, signals };
}

function fact(
  kind: FactInput['kind'],
  ref: string,
  lineRef: string,
  order: OrderInput,
  line: {
    variantId: string | null;
    lineItemId: string;
    sku: string | null;
    quantity: number;
    occurredAt: string;
    location: string | null;
  },
): FactInput {
  return {
    kind,
    ref,
    lineRef,
    orderId: order.id,
    variantId: line.variantId,
    lineItemId: line.lineItemId,
    sku: line.sku,
    shopifyLocationId: line.location,
    quantity: line.quantity,
    occurredAt: line.occurredAt,
  };
}
