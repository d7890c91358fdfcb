import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attributionDb } from '../../../src/engine/attribution/attribution-database.js';
import { startAttributionBench } from './attribution-bench.js';

type Bench = Awaited<ReturnType<typeof startAttributionBench>>;

describe('the attribution worker, from webhooks to the ledger and back to Shopify', () => {
  let bench: Bench;
  beforeEach(async () => {
    bench = await startAttributionBench();
  });
  afterEach(async () => {
    await bench.close();
  });

  it('splits a POS order carried out in part and shipped from the warehouse in part, then reverses a partial refund', async () => {
    // At store A, staff 424242: 2 tees ($20.00) carried out = $40.00, and 1 hat ($15.00)
    // shipped from the warehouse = $15.00. Sale credit $55.00 to the store and the associate;
    // fulfilment $40.00 to store A at once, $15.00 to the warehouse once shipped.
    const sale = bench.sandbox.store.posSale({
      location: bench.ids.storeA,
      staffId: '424242',
      lines: [
        { sku: 'TEE', quantity: 2 },
        { sku: 'HAT', quantity: 1, shipFrom: bench.ids.warehouse },
      ],
    });
    const orderId = sale.order.id;
    await bench.settle();

    expect((await bench.ledger(orderId)).totals).toEqual({
      'sale/selling_store/store-a': 5500,
      'sale/associate/424242': 5500,
      'fulfilment/fulfilling_location/store-a': 4000,
    });

    bench.sandbox.store.fulfill(orderId);
    await bench.settle();
    expect((await bench.ledger(orderId)).totals['fulfilment/fulfilling_location/warehouse']).toBe(
      1500,
    );

    // One tee comes back to store A: −$20.00 of sale (store, associate) and of store A's fulfilment.
    const tee = sale.order.lineItems.find((line) => line.sku === 'TEE');
    bench.sandbox.store.refund(orderId, {
      lines: [{ lineItemId: tee?.id ?? '', quantity: 1, restockType: 'return' }],
    });
    await bench.settle();
    expect((await bench.ledger(orderId)).totals).toEqual({
      'sale/selling_store/store-a': 3500,
      'sale/associate/424242': 3500,
      'fulfilment/fulfilling_location/store-a': 2000,
      'fulfilment/fulfilling_location/warehouse': 1500,
    });

    const order = await attributionDb(bench.database.storage.db)
      .selectFrom('attribution_orders')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(order.status).toBe('done');
    expect(order.classes).toBe('pos_carry_out,pos_ship_from_warehouse');
  });

  it('adds the class tags once, though the order webhook arrives three times and our own write echoes back', async () => {
    // Each delivery is stored three times under different webhook ids (three subscriptions).
    const sale = bench.sandbox.store.posSale({
      location: bench.ids.storeA,
      lines: [{ sku: 'HAT', quantity: 1, shipFrom: bench.ids.storeB }],
    });
    await bench.pump(3);
    await bench.worker.runOnce();
    const versionOf = async () =>
      await attributionDb(bench.database.storage.db)
        .selectFrom('attribution_orders')
        .select(['version', 'status'])
        .where('order_id', '=', sale.order.id)
        .executeTakeFirstOrThrow();
    const afterWrite = await versionOf();
    await bench.settle();
    await bench.worker.runOnce();
    // The echo changed only tags and updated_at: the order was not queued again.
    expect(await versionOf()).toEqual({ ...afterWrite, status: 'done' });

    expect(bench.tagWrites).toEqual([
      {
        orderId: sale.order.id,
        tags: ['attribution:endless-aisle', 'fulfillment:store', 'source:pos'],
      },
    ]);
    const view = await bench.lookup.readOrder(sale.order.id);
    expect(view?.tags).toEqual(['attribution:endless-aisle', 'fulfillment:store', 'source:pos']);

    // The echo (`orders/updated` with the new tags) was stored and left the order as it was.
    const deliveries = await bench.database.storage.db
      .selectFrom('deliveries')
      .select('topic')
      .where('topic', '=', 'orders/updated')
      .execute();
    expect(deliveries.length).toBe(1);
    const { rows } = await bench.ledger(sale.order.id);
    // Sale credit to store A and the associate, nothing shipped yet: two rows, recorded once.
    expect(rows.map((r) => [r.party, Number(r.amount_minor)]).sort()).toEqual([
      ['associate', 1500],
      ['selling_store', 1500],
    ]);
  });

  it('adds only the tags Shopify lacks, keeping the merchant’s own', async () => {
    const order = bench.sandbox.store.onlineOrder({
      lines: [{ sku: 'TEE', quantity: 1 }],
      delivery: 'pickup',
      pickupLocation: bench.ids.storeB,
      tags: ['VIP', 'Source:Online'],
    });
    if (!order.ok) throw new Error('order refused');
    await bench.settle();

    // `source:online` is there already (tags compare without case, as Shopify's do).
    expect(bench.tagWrites.map((w) => w.tags)).toEqual([['fulfillment:pickup']]);
    expect((await bench.lookup.readOrder(order.order.id))?.tags).toEqual([
      'VIP',
      'Source:Online',
      'fulfillment:pickup',
    ]);
    expect((await bench.ledger(order.order.id)).totals).toEqual({ 'sale/ecommerce/-': 2000 });
  });
});

describe('the attribution worker in shadow', () => {
  it('records credit and the tags it would add, and writes nothing to Shopify', async () => {
    const bench = await startAttributionBench({ writeTags: false });
    try {
      const sale = bench.sandbox.store.posSale({
        location: bench.ids.storeA,
        lines: [{ sku: 'TEE', quantity: 1 }],
      });
      await bench.settle();
      expect(bench.tagWrites).toEqual([]);
      const row = await attributionDb(bench.database.storage.db)
        .selectFrom('attribution_orders')
        .select(['tags_wanted', 'tags_written'])
        .where('order_id', '=', sale.order.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ tags_wanted: 'fulfillment:carry-out,source:pos', tags_written: null });
    } finally {
      await bench.close();
    }
  });
});
