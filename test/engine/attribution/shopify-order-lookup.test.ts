import { afterEach, describe, expect, it } from 'vitest';
import { ShopifyOrderLookup } from '../../../src/engine/attribution/shopify-order-lookup.js';
import { startShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import type { ShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import { shopifyTestClient } from '../../reports/audit/shopify-test-client.js';

describe('ShopifyOrderLookup.readOrder', () => {
  let sandbox: ShopifySandbox | null = null;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
  });

  it('reads every fulfilment order past the first page of 5, and every line past 20', async () => {
    sandbox = await startShopifySandbox({
      shop: 'lookup.myshopify.com',
      accessToken: 'test-token',
      webhookSecret: 'secret',
      seed: 11,
    });
    const store = sandbox.store;
    const locations = Array.from({ length: 7 }, (_, n) =>
      store.createLocation({ name: `loc-${n}`, fulfillsOnlineOrders: true, priority: n }),
    );
    // 25 items stocked only at loc-0 and one item stocked only at each of loc-1 … loc-6: a
    // shipped order of all 31 splits into 7 fulfilment orders, loc-0's with 25 lines.
    const stockedAt = [
      ...Array.from({ length: 25 }, () => 0),
      ...Array.from({ length: 6 }, (_, n) => n + 1),
    ];
    const skus = stockedAt.map((locationIndex, n) => {
      const sku = `SKU-${n}`;
      const product = store.createProduct({ title: sku, variants: [{ sku, price: '5.00' }] });
      store.connectLevel({
        inventoryItemId: product.variants[0]?.inventoryItemId ?? '',
        locationId: locations[locationIndex]?.id ?? '',
        available: 5,
      });
      return sku;
    });
    const placed = store.onlineOrder({
      lines: skus.map((sku, n) => ({ sku, quantity: 1 + (n % 3) })),
      delivery: 'shipping',
    });
    if (!placed.ok) throw new Error(`the order was refused: ${placed.reason}`);

    const lookup = new ShopifyOrderLookup(shopifyTestClient(sandbox.url, () => new Date()));
    const view = await lookup.readOrder(placed.order.id);

    const fulfilmentOrders = view?.fulfilmentOrders ?? [];
    expect(fulfilmentOrders).toHaveLength(7);
    const lineCounts = fulfilmentOrders
      .map((fo) => fo.lineItems.nodes.length)
      .sort((a, b) => a - b);
    expect(lineCounts).toEqual([1, 1, 1, 1, 1, 1, 25]);
    const lines = fulfilmentOrders.flatMap((fo) => fo.lineItems.nodes);
    expect(new Set(lines.map((line) => line.lineItem?.id)).size).toBe(31);
    // Units 1, 2, 3, 1, 2, 3, … over 31 lines: 10 × 6 + 1 = 61.
    expect(lines.reduce((sum, line) => sum + line.totalQuantity, 0)).toBe(61);
  });
});
