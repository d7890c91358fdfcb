import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedChain } from './commerce-fixture.js';
import type { ChainFixture } from './commerce-fixture.js';
import { gid, startHarness } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

let h: Harness;
let chain: ChainFixture;

beforeEach(async () => {
  h = await startHarness();
  chain = seedChain(h.sandbox.store);
  h.sandbox.store.createLocation({ name: 'Closed store', isActive: false, priority: 9 });
});

afterEach(async () => {
  await h.close();
});

describe('Admin API reads', () => {
  it('lists active locations with their online and pickup settings, inactive ones on request', async () => {
    const query = (includeInactive: boolean) =>
      h.gql(
        `{ locations(first: 10, includeInactive: ${includeInactive}) { nodes { name isActive fulfillsOnlineOrders localPickupSettingsV2 { pickupTime instructions } } } }`,
      );

    const active = (await query(false)).body.data?.locations as { nodes: unknown[] };
    expect(active.nodes).toEqual([
      {
        name: 'Warehouse',
        isActive: true,
        fulfillsOnlineOrders: true,
        localPickupSettingsV2: null,
      },
      {
        name: 'Store A',
        isActive: true,
        fulfillsOnlineOrders: true,
        localPickupSettingsV2: { pickupTime: 'TWO_HOURS', instructions: '' },
      },
      {
        name: 'Store B',
        isActive: true,
        fulfillsOnlineOrders: false,
        localPickupSettingsV2: { pickupTime: 'TWO_HOURS', instructions: '' },
      },
    ]);
    expect(((await query(true)).body.data?.locations as { nodes: unknown[] }).nodes).toHaveLength(
      4,
    );
  });

  it('lists variants with their policy, price and inventory item', async () => {
    const reply = await h.gql(
      '{ productVariants(first: 5) { nodes { id sku barcode inventoryPolicy price inventoryItem { id tracked } } } }',
    );
    expect(reply.body.data?.productVariants).toEqual({
      nodes: [
        {
          id: gid('ProductVariant', chain.tee.variantId),
          sku: 'TEE-M',
          barcode: null,
          inventoryPolicy: 'DENY',
          price: '25.00',
          inventoryItem: { id: gid('InventoryItem', chain.tee.itemId), tracked: true },
        },
        {
          id: gid('ProductVariant', chain.cap.variantId),
          sku: 'CAP',
          barcode: null,
          inventoryPolicy: 'CONTINUE',
          price: '12.50',
          inventoryItem: { id: gid('InventoryItem', chain.cap.itemId), tracked: true },
        },
      ],
    });
  });

  it("reads an order's fulfillment orders with their assigned location and delivery method", async () => {
    const placed = h.sandbox.store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 12 }],
      delivery: 'shipping',
    });
    if (!placed.ok) throw new Error('expected the order to be placed');

    const reply = await h.gql(
      `{ order(id: "${placed.order.gid}") { sourceName tags fulfillmentOrders(first: 5) { nodes { id orderId status assignedLocation { location { id } } deliveryMethod { methodType } lineItems(first: 5) { nodes { remainingQuantity totalQuantity inventoryItemId variant { id } } } } } } }`,
    );
    const line = (remaining: number) => ({
      remainingQuantity: remaining,
      totalQuantity: remaining,
      inventoryItemId: gid('InventoryItem', chain.tee.itemId),
      variant: { id: gid('ProductVariant', chain.tee.variantId) },
    });
    expect(reply.body.data?.order).toEqual({
      sourceName: 'web',
      tags: [],
      fulfillmentOrders: {
        nodes: [
          {
            id: placed.order.fulfillmentOrders[0]?.gid,
            orderId: placed.order.gid,
            status: 'OPEN',
            assignedLocation: { location: { id: gid('Location', chain.warehouse) } },
            deliveryMethod: { methodType: 'SHIPPING' },
            lineItems: { nodes: [line(10)] },
          },
          {
            id: placed.order.fulfillmentOrders[1]?.gid,
            orderId: placed.order.gid,
            status: 'OPEN',
            assignedLocation: { location: { id: gid('Location', chain.storeA) } },
            deliveryMethod: { methodType: 'SHIPPING' },
            lineItems: { nodes: [line(2)] },
          },
        ],
      },
    });

    const single = await h.gql(
      `{ fulfillmentOrder(id: "${placed.order.fulfillmentOrders[1]?.gid}") { assignedLocation { location { id } } } }`,
    );
    expect(single.body.data?.fulfillmentOrder).toEqual({
      assignedLocation: { location: { id: gid('Location', chain.storeA) } },
    });
  });

  it('adds tags to an order once each and fires orders/updated', async () => {
    const placed = h.sandbox.store.onlineOrder({
      lines: [{ sku: 'TEE-M', quantity: 1 }],
      delivery: 'shipping',
    });
    if (!placed.ok) throw new Error('expected the order to be placed');
    await h.sandbox.webhooks.idle();
    h.receiver.clear();

    const query = `mutation { tagsAdd(id: "${placed.order.gid}", tags: ["trueshelf-hold", " Trueshelf-Hold ", "vip"]) { node { id } userErrors { field message } } }`;
    expect((await h.gql(query)).body.data?.tagsAdd).toEqual({
      node: { id: placed.order.gid },
      userErrors: [],
    });
    const tags = await h.gql(`{ order(id: "${placed.order.gid}") { tags } }`);
    expect(tags.body.data?.order).toEqual({ tags: ['trueshelf-hold', 'vip'] });

    await h.sandbox.webhooks.idle();
    expect(
      h.receiver
        .ofTopic('orders/updated')
        .map((d) => d.body.includes('"tags":"trueshelf-hold, vip"')),
    ).toEqual([true]);
  });

  it('finds an inventory item by sku with its levels', async () => {
    const reply = await h.gql(
      '{ inventoryItems(first: 5, query: "sku:TEE-M") { nodes { sku inventoryLevels(first: 5) { nodes { location { name } quantities(names: ["available"]) { quantity } } } } } }',
    );
    expect(reply.body.data?.inventoryItems).toEqual({
      nodes: [
        {
          sku: 'TEE-M',
          inventoryLevels: {
            nodes: [
              { location: { name: 'Warehouse' }, quantities: [{ quantity: 10 }] },
              { location: { name: 'Store A' }, quantities: [{ quantity: 4 }] },
              { location: { name: 'Store B' }, quantities: [{ quantity: 2 }] },
            ],
          },
        },
      ],
    });
  });
});
