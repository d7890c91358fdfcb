import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxStore } from '../../../src/sandbox/shopify/commerce/sandbox-store.js';
import { parseJsonWithBigIds } from '../../../src/shared/parse-json-with-big-ids.js';
import { seedChain } from './commerce-fixture.js';
import type { ChainFixture } from './commerce-fixture.js';
import { onHandParts, startHarness } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

type Json = Record<string, unknown>;

let h: Harness;
let store: SandboxStore;
let chain: ChainFixture;

beforeEach(async () => {
  h = await startHarness();
  store = h.sandbox.store;
  chain = seedChain(store);
  await h.sandbox.webhooks.idle();
  h.receiver.clear();
});

afterEach(async () => {
  expectInvariantEverywhere();
  await h.close();
});

function q(itemId: string, locationId: string): Record<string, number> {
  const level = store.level(itemId, locationId);
  if (!level) throw new Error(`no level ${itemId}@${locationId}`);
  return level.quantities;
}

function expectInvariantEverywhere(): void {
  for (const level of store.levels())
    expect(level.quantities.on_hand).toBe(onHandParts(level.quantities));
}

async function bodiesOf(topic: string): Promise<Json[]> {
  await h.sandbox.webhooks.idle();
  return h.receiver.ofTopic(topic).map((d) => parseJsonWithBigIds(d.body) as Json);
}

describe('a POS sale', () => {
  it('takes units off available and on hand at the till location and arrives already fulfilled', async () => {
    const sale = store.posSale({
      location: chain.storeA,
      lines: [{ sku: 'TEE-M', quantity: 3 }],
      staffId: '555',
    });

    expect(q(chain.tee.itemId, chain.storeA)).toMatchObject({
      available: 1,
      on_hand: 1,
      committed: 0,
    });
    expect(sale.warnings).toEqual([]);
    const [order] = await bodiesOf('orders/create');
    expect(order).toMatchObject({
      source_name: 'pos',
      location_id: chain.storeA,
      user_id: 555,
      fulfillment_status: 'fulfilled',
    });
    const [fulfillment] = await bodiesOf('fulfillments/create');
    expect(fulfillment).toMatchObject({ location_id: chain.storeA, status: 'success' });
    const [update] = await bodiesOf('inventory_levels/update');
    expect(update).toMatchObject({
      inventory_item_id: chain.tee.itemId,
      location_id: chain.storeA,
      available: 1,
    });
  });

  it('sells below zero and warns, telling held units apart from units that are not there', () => {
    store.setQuantity({
      inventoryItemId: chain.tee.itemId,
      locationId: chain.storeA,
      name: 'reserved',
      quantity: 2,
    });
    expect(q(chain.tee.itemId, chain.storeA)).toMatchObject({
      available: 4,
      reserved: 2,
      on_hand: 6,
    });

    const first = store.posSale({ location: 'Store A', lines: [{ sku: 'TEE-M', quantity: 5 }] });
    expect(first.warnings).toEqual([
      expect.objectContaining({
        code: 'sold_unavailable_units',
        availableBefore: 4,
        availableAfter: -1,
        onHandAfter: 1,
      }),
    ]);
    const second = store.posSale({ location: 'Store A', lines: [{ sku: 'TEE-M', quantity: 2 }] });
    expect(second.warnings).toEqual([
      expect.objectContaining({
        code: 'sold_beyond_on_hand',
        availableBefore: -1,
        availableAfter: -3,
        onHandAfter: -1,
      }),
    ]);
    expect(q(chain.tee.itemId, chain.storeA)).toMatchObject({
      available: -3,
      reserved: 2,
      on_hand: -1,
    });
  });
});

describe('an online order', () => {
  it('commits at the first location by priority that can ship all of it', async () => {
    const placed = store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 6 }],
      delivery: 'shipping',
      cartToken: 'cart-1',
      noteAttributes: [{ name: 'gift', value: 'yes' }],
    });

    expect(placed.ok).toBe(true);
    expect(q(chain.tee.itemId, chain.warehouse)).toMatchObject({
      available: 4,
      committed: 6,
      on_hand: 10,
    });
    expect(q(chain.tee.itemId, chain.storeA)).toMatchObject({ available: 4, committed: 0 });
    const [order] = await bodiesOf('orders/create');
    expect(order).toMatchObject({
      source_name: 'web',
      location_id: null,
      cart_token: 'cart-1',
      note_attributes: [{ name: 'gift', value: 'yes' }],
      fulfillment_status: null,
    });
    expect(await bodiesOf('fulfillment_orders/order_routing_complete')).toHaveLength(1);
  });

  it('splits a line across locations when no single one has enough', () => {
    const placed = store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 12 }],
      delivery: 'shipping',
    });
    if (!placed.ok) throw new Error('expected the order to be placed');

    expect(q(chain.tee.itemId, chain.warehouse)).toMatchObject({
      available: 0,
      committed: 10,
      on_hand: 10,
    });
    expect(q(chain.tee.itemId, chain.storeA)).toMatchObject({
      available: 2,
      committed: 2,
      on_hand: 4,
    });
    expect(
      placed.order.fulfillmentOrders.map((fo) => [
        fo.locationId,
        fo.deliveryMethod,
        fo.lines[0]?.totalQuantity,
      ]),
    ).toEqual([
      [chain.warehouse, 'SHIPPING', 10],
      [chain.storeA, 'SHIPPING', 2],
    ]);
  });

  it('commits a pickup at the chosen store only', () => {
    const placed = store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 2 }],
      delivery: 'pickup',
      pickupLocation: chain.storeB,
    });

    expect(placed.ok && placed.order.fulfillmentOrders[0]?.deliveryMethod).toBe('PICK_UP');
    expect(q(chain.tee.itemId, chain.storeB)).toMatchObject({
      available: 0,
      committed: 2,
      on_hand: 2,
    });
    expect(q(chain.tee.itemId, chain.warehouse)).toMatchObject({ available: 10, committed: 0 });
  });
});

describe('fulfilling', () => {
  it('drops committed and on hand at the assigned location and leaves available alone', async () => {
    const placed = store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 6 }],
      delivery: 'shipping',
    });
    if (!placed.ok) throw new Error('expected the order to be placed');
    const lineItemId = placed.order.lineItems[0]?.id ?? '';

    store.fulfill(placed.order.id, { lines: [{ lineItemId, quantity: 2 }] });
    expect(q(chain.tee.itemId, chain.warehouse)).toMatchObject({
      available: 4,
      committed: 4,
      on_hand: 8,
    });
    expect(store.order(placed.order.id).fulfillmentOrders[0]?.status).toBe('IN_PROGRESS');

    store.fulfill(placed.order.id);
    expect(q(chain.tee.itemId, chain.warehouse)).toMatchObject({
      available: 4,
      committed: 0,
      on_hand: 4,
    });
    const fulfillments = await bodiesOf('fulfillments/create');
    expect(fulfillments.map((f) => [f.location_id, (f.line_items as Json[])[0]?.quantity])).toEqual(
      [
        [chain.warehouse, 2],
        [chain.warehouse, 4],
      ],
    );
    expect(
      h.receiver
        .ofTopic('inventory_levels/update')
        .filter((d) => d.body.includes(`"location_id":${chain.warehouse}`)),
    ).toHaveLength(1);
  });

  it('marks a pickup ready, then hands it over', async () => {
    const placed = store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 2 }],
      delivery: 'pickup',
      pickupLocation: chain.storeB,
    });
    if (!placed.ok) throw new Error('expected the order to be placed');

    store.markReadyForPickup(placed.order.id);
    const [prepared] = await bodiesOf('fulfillment_orders/line_items_prepared_for_pickup');
    expect(prepared).toEqual({
      fulfillment_order: {
        id: placed.order.fulfillmentOrders[0]?.gid,
        status: 'open',
        preparable: true,
        delivery_method: { method_type: 'pickup' },
      },
    });
    store.fulfill(placed.order.id);
    expect(q(chain.tee.itemId, chain.storeB)).toMatchObject({
      available: 0,
      committed: 0,
      on_hand: 0,
    });
  });
});

describe('refunds, cancellations and edits', () => {
  it('restocks cancelled units to available, returned units to the shelf, and leaves no_restock alone', async () => {
    const placed = store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 6 }],
      delivery: 'shipping',
    });
    if (!placed.ok) throw new Error('expected the order to be placed');
    const lineItemId = placed.order.lineItems[0]?.id ?? '';

    store.refund(placed.order.id, { lines: [{ lineItemId, quantity: 2, restockType: 'cancel' }] });
    expect(q(chain.tee.itemId, chain.warehouse)).toMatchObject({
      available: 6,
      committed: 4,
      on_hand: 10,
    });

    store.fulfill(placed.order.id);
    expect(q(chain.tee.itemId, chain.warehouse)).toMatchObject({
      available: 6,
      committed: 0,
      on_hand: 6,
    });

    store.refund(placed.order.id, {
      lines: [{ lineItemId, quantity: 1, restockType: 'return' }],
      locationId: chain.storeA,
    });
    expect(q(chain.tee.itemId, chain.storeA)).toMatchObject({ available: 5, on_hand: 5 });

    store.refund(placed.order.id, {
      lines: [{ lineItemId, quantity: 1, restockType: 'no_restock' }],
    });
    expect(q(chain.tee.itemId, chain.warehouse)).toMatchObject({
      available: 6,
      committed: 0,
      on_hand: 6,
    });
    expect(q(chain.tee.itemId, chain.storeA)).toMatchObject({ available: 5, on_hand: 5 });
    expect(store.order(placed.order.id).lineItems[0]).toMatchObject({
      currentQuantity: 2,
      fulfillableQuantity: 0,
    });

    const refunds = await bodiesOf('refunds/create');
    const lines = refunds.map((r) => (r.refund_line_items as Json[])[0]);
    expect(
      lines.map((l) => [l?.restock_type, l?.quantity, l?.location_id, l?.line_item_id]),
    ).toEqual([
      ['cancel', 2, chain.warehouse, lineItemId],
      ['return', 1, chain.storeA, lineItemId],
      ['no_restock', 1, null, lineItemId],
    ]);
  });

  it('cancels an order, returning every unfulfilled unit, with the refund inside orders/cancelled', async () => {
    const placed = store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 6 }],
      delivery: 'shipping',
    });
    if (!placed.ok) throw new Error('expected the order to be placed');

    store.cancel(placed.order.id, { restock: true, reason: 'customer' });
    expect(q(chain.tee.itemId, chain.warehouse)).toMatchObject({
      available: 10,
      committed: 0,
      on_hand: 10,
    });
    expect(store.order(placed.order.id).fulfillmentOrders[0]?.status).toBe('CANCELLED');

    const [cancelled] = await bodiesOf('orders/cancelled');
    expect(cancelled?.cancel_reason).toBe('customer');
    expect(cancelled?.cancelled_at).toBe('2026-03-02T14:05:09-05:00');
    const refundLine = ((cancelled?.refunds as Json[])[0]?.refund_line_items as Json[])[0];
    expect(refundLine).toMatchObject({
      restock_type: 'cancel',
      quantity: 6,
      location_id: chain.warehouse,
    });
  });

  it('edits an order: a restocked removal frees committed units and an addition commits new ones', async () => {
    const placed = store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 6 }],
      delivery: 'shipping',
    });
    if (!placed.ok) throw new Error('expected the order to be placed');
    const lineItemId = placed.order.lineItems[0]?.id ?? '';

    const edit = store.editOrder(placed.order.id, {
      removals: [{ lineItemId, delta: 2, restock: true }],
      additions: [{ sku: 'CAP', quantity: 1 }],
    });
    expect(q(chain.tee.itemId, chain.warehouse)).toMatchObject({
      available: 6,
      committed: 4,
      on_hand: 10,
    });
    expect(q(chain.cap.itemId, chain.warehouse)).toMatchObject({
      available: -1,
      committed: 1,
      on_hand: 0,
    });

    const [edited] = await bodiesOf('orders/edited');
    expect((edited?.order_edit as Json).line_items).toEqual({
      additions: [{ id: edit.addedLineItemIds[0], delta: 1 }],
      removals: [{ id: lineItemId, delta: 2 }],
    });
  });
});

describe('a transfer between locations', () => {
  it('ships out of available and on hand, shows as incoming, then lands in available', async () => {
    const shipped = store.transfer({
      from: chain.warehouse,
      to: chain.storeA,
      lines: [{ sku: 'TEE-M', quantity: 3 }],
    });
    expect(q(chain.tee.itemId, chain.warehouse)).toMatchObject({ available: 7, on_hand: 7 });
    expect(q(chain.tee.itemId, chain.storeA)).toMatchObject({
      available: 4,
      incoming: 3,
      on_hand: 4,
    });

    store.receiveTransfer(shipped.transferId);
    expect(q(chain.tee.itemId, chain.storeA)).toMatchObject({
      available: 7,
      incoming: 0,
      on_hand: 7,
    });

    const [received] = await bodiesOf('inventory_shipments/receive_items');
    expect(received).toMatchObject({
      id: `gid://shopify/InventoryShipment/${shipped.shipmentId}`,
      status: 'RECEIVED',
      items_received: [
        expect.objectContaining({
          old_accepted_quantity: 0,
          new_accepted_quantity: 3,
          remaining_quantity_to_receive: 0,
        }),
      ],
    });
    const [complete] = await bodiesOf('inventory_transfers/complete');
    expect(complete).toMatchObject({
      id: `gid://shopify/InventoryTransfer/${shipped.transferId}`,
      status: 'TRANSFERRED',
    });
    expect(h.receiver.topics()).toEqual(
      expect.arrayContaining([
        'inventory_transfers/ready_to_ship',
        'inventory_shipments/create',
        'inventory_shipments/mark_in_transit',
      ]),
    );
  });
});
