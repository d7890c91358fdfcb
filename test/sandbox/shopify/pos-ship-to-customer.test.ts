import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import type { ShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import { seedChain } from './commerce-fixture.js';
import type { ChainFixture } from './commerce-fixture.js';

describe('a POS sale shipped to the customer (the endless aisle)', () => {
  let sandbox: ShopifySandbox;
  let chain: ChainFixture;
  beforeEach(async () => {
    sandbox = await startShopifySandbox({
      shop: 'pos.myshopify.com',
      accessToken: 't',
      webhookSecret: 's',
      seed: 1,
    });
    chain = seedChain(sandbox.store);
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('carries out one line at the till and commits the shipped line at the warehouse', async () => {
    // Store A sells 1 tee carried out (Store A 4 → 3 available, on hand 4 → 3) and 2 tees
    // shipped from the warehouse (10 → 8 available, 2 committed, on hand still 10).
    const sale = sandbox.store.posSale({
      location: chain.storeA,
      staffId: '55',
      lines: [
        { sku: 'TEE-M', quantity: 1 },
        { sku: 'TEE-M', quantity: 2, shipFrom: chain.warehouse },
      ],
    });

    expect(sandbox.store.level(chain.tee.itemId, chain.storeA)?.quantities).toMatchObject({
      available: 3,
      on_hand: 3,
    });
    expect(sandbox.store.level(chain.tee.itemId, chain.warehouse)?.quantities).toMatchObject({
      available: 8,
      committed: 2,
      on_hand: 10,
    });
    expect(
      sale.order.fulfillmentOrders.map((fo) => [fo.locationId, fo.deliveryMethod, fo.status]),
    ).toEqual([
      [chain.warehouse, 'SHIPPING', 'OPEN'],
      [chain.storeA, 'RETAIL', 'CLOSED'],
    ]);

    await sandbox.webhooks.idle();
    const created = sandbox.webhooks.deliveries().find((d) => d.topic === 'orders/create');
    const body = JSON.parse(created?.body ?? '{}') as Record<string, unknown>;
    expect(body['source_name']).toBe('pos');
    expect(body['fulfillment_status']).toBe('partial');
    expect((body['shipping_lines'] as unknown[]).length).toBe(1);
    expect(sandbox.webhooks.deliveries().map((d) => d.topic)).toContain(
      'fulfillment_orders/order_routing_complete',
    );
  });

  it('ships a wholly shipped POS order once fulfilled, and nothing leaves the till', () => {
    const sale = sandbox.store.posSale({
      location: chain.storeB,
      lines: [{ sku: 'TEE-M', quantity: 1, shipFrom: chain.storeA }],
    });
    expect(sandbox.store.level(chain.tee.itemId, chain.storeB)?.quantities).toMatchObject({
      available: 2,
    });

    sandbox.store.fulfill(sale.order.id);
    expect(sandbox.store.level(chain.tee.itemId, chain.storeA)?.quantities).toMatchObject({
      available: 3,
      committed: 0,
      on_hand: 3,
    });
  });
});
