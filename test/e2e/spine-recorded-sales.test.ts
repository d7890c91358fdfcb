import { afterEach, describe, expect, it } from 'vitest';
import { recordSalesFromFacts } from '../../src/engine/velocity/record-sales-from-facts.js';
import { velocityDb } from '../../src/engine/velocity/velocity-database.js';
import { startSpine } from '../support/spine-harness.js';
import type { Spine } from '../support/spine-harness.js';
import { testEngine } from '../support/test-storage.js';

/** The sales velocity counts, recorded from the facts Shopify's deliveries carry. */
describe(`sales recorded from Shopify's deliveries (${testEngine})`, () => {
  let spine: Spine | null = null;
  afterEach(async () => {
    await spine?.close();
    spine = null;
  });

  async function recordedSales(s: Spine) {
    await recordSalesFromFacts(s.database.storage.db, new Date(), 30);
    const rows = await velocityDb(s.database.storage.db)
      .selectFrom('sales')
      .select(['location_handle', 'quantity', 'source'])
      .orderBy('location_handle')
      .orderBy('quantity')
      .execute();
    return rows.map((r) => [r.location_handle, r.quantity, r.source]);
  }

  it('counts a POS sale at the till, online demand where it was fulfilled, net of refunds', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 5 }, uptown: { TEE: 5 } } });

    // 3 at the downtown till; one of them returned; one refunded with no restock.
    const sale = spine.sandbox.store.posSale({
      location: spine.locationIds['downtown'] ?? '',
      lines: [{ sku: 'TEE', quantity: 3 }],
    });
    await spine.settle();
    const lineItemId = sale.order.lineItems[0]?.id ?? '';
    spine.sandbox.store.refund(sale.order.id, {
      lines: [{ lineItemId, quantity: 1, restockType: 'return' }],
      locationId: spine.locationIds['downtown'],
    });
    spine.sandbox.store.refund(sale.order.id, {
      lines: [{ lineItemId, quantity: 1, restockType: 'no_restock' }],
    });
    // 2 ordered online for pickup at uptown: demand counts there once fulfilled, not before.
    const placed = spine.sandbox.store.onlineOrder({
      lines: [{ sku: 'TEE', quantity: 2 }],
      delivery: 'pickup',
      pickupLocation: spine.locationIds['uptown'],
    });
    await spine.settle();
    expect(placed.ok).toBe(true);
    expect(await recordedSales(spine)).toEqual([
      ['downtown', -1, 'shopify_refund'],
      ['downtown', -1, 'shopify_refund'],
      ['downtown', 3, 'shopify_fulfillment'],
    ]);

    if (!placed.ok) return;
    spine.sandbox.store.fulfill(placed.order.id);
    await spine.settle();

    // Recording again adds only the fulfilment: each fact is recorded once.
    expect(await recordedSales(spine)).toEqual([
      ['downtown', -1, 'shopify_refund'],
      ['downtown', -1, 'shopify_refund'],
      ['downtown', 3, 'shopify_fulfillment'],
      ['uptown', 2, 'shopify_fulfillment'],
    ]);
  });
});
