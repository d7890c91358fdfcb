import { afterEach, describe, expect, it } from 'vitest';
import { startSpine } from '../support/spine-harness.js';
import type { Spine } from '../support/spine-harness.js';
import { testEngine } from '../support/test-storage.js';

/**
 * Each topic's effect through the whole spine, with no buffer (so trueshelf moves nothing and
 * the mirror must equal Shopify). Expected quantities are worked out from the starting stock.
 */
describe(`each topic's effect on the mirror (${testEngine})`, () => {
  let spine: Spine | null = null;
  afterEach(async () => {
    await spine?.close();
    spine = null;
  });

  it('a POS carry-out takes one unit off available and on hand at that store, once', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 5 }, uptown: { TEE: 5 } } });

    spine.sandbox.store.posSale({
      location: spine.locationIds['downtown'] ?? '',
      lines: [{ sku: 'TEE', quantity: 1 }],
    });
    await spine.settle();

    const downtown = await spine.mirror('downtown', 'TEE');
    expect([downtown['available'], downtown['on_hand'], downtown['committed']]).toEqual([4, 4, 0]);
    expect((await spine.mirror('uptown', 'TEE'))['available']).toBe(5);
    const movements = await spine.movements('downtown', 'TEE');
    expect(movements.map((m) => [m.state, m.delta, m.cause_kind])).toEqual([
      ['available', -1, 'sold_and_taken'],
      ['on_hand', -1, 'sold_and_taken'],
    ]);
    expect(movements[0]?.cause_ref).toMatch(/^(fulfillment|order):/);
  });

  it('a web pickup order commits at the routed store and its fulfilment takes it from on hand', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 5 }, uptown: { TEE: 5 } } });

    const placed = spine.sandbox.store.onlineOrder({
      lines: [{ sku: 'TEE', quantity: 2 }],
      delivery: 'pickup',
      pickupLocation: spine.locationIds['uptown'],
    });
    await spine.settle();

    expect(placed.ok).toBe(true);
    const uptown = await spine.mirror('uptown', 'TEE');
    expect([uptown['available'], uptown['committed'], uptown['on_hand']]).toEqual([3, 2, 5]);
    expect((await spine.mirror('downtown', 'TEE'))['committed']).toBe(0);

    if (!placed.ok) return;
    spine.sandbox.store.fulfill(placed.order.id);
    await spine.settle();

    const after = await spine.mirror('uptown', 'TEE');
    expect([after['available'], after['committed'], after['on_hand']]).toEqual([3, 0, 3]);
  });

  it('refunds restock by type: return puts units back, no_restock changes nothing', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 5 } } });
    const sale = spine.sandbox.store.posSale({
      location: spine.locationIds['downtown'] ?? '',
      lines: [{ sku: 'TEE', quantity: 3 }],
    });
    await spine.settle();
    const lineItemId = sale.order.lineItems[0]?.id ?? '';

    spine.sandbox.store.refund(sale.order.id, {
      lines: [{ lineItemId, quantity: 1, restockType: 'no_restock' }],
    });
    await spine.settle();
    expect((await spine.mirror('downtown', 'TEE'))['available']).toBe(2);

    spine.sandbox.store.refund(sale.order.id, {
      lines: [{ lineItemId, quantity: 1, restockType: 'return' }],
      locationId: spine.locationIds['downtown'],
    });
    await spine.settle();
    const level = await spine.mirror('downtown', 'TEE');
    expect([level['available'], level['on_hand']]).toEqual([3, 3]);
  });

  it('a cancelled web order releases its committed units back to available', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 4 } } });
    const placed = spine.sandbox.store.onlineOrder({
      lines: [{ sku: 'TEE', quantity: 3 }],
      delivery: 'pickup',
      pickupLocation: spine.locationIds['downtown'],
    });
    await spine.settle();
    expect((await spine.mirror('downtown', 'TEE'))['committed']).toBe(3);
    if (!placed.ok) throw new Error('checkout refused');

    spine.sandbox.store.cancel(placed.order.id, { restock: true });
    await spine.settle();

    const level = await spine.mirror('downtown', 'TEE');
    expect([level['available'], level['committed'], level['on_hand']]).toEqual([4, 0, 4]);
  });

  it('an order edit that removes a unit releases one committed unit', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 6 } } });
    const placed = spine.sandbox.store.onlineOrder({
      lines: [{ sku: 'TEE', quantity: 3 }],
      delivery: 'pickup',
      pickupLocation: spine.locationIds['downtown'],
    });
    await spine.settle();
    if (!placed.ok) throw new Error('checkout refused');
    const lineItemId = placed.order.lineItems[0]?.id ?? '';

    spine.sandbox.store.editOrder(placed.order.id, {
      removals: [{ lineItemId, delta: 1, restock: true }],
    });
    await spine.settle();

    const level = await spine.mirror('downtown', 'TEE');
    expect([level['available'], level['committed']]).toEqual([4, 2]);
  });

  it('a store-to-store transfer leaves the origin at shipping and arrives at receipt', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 8 }, uptown: { TEE: 1 } } });

    const shipped = spine.sandbox.store.transfer({
      from: spine.locationIds['downtown'] ?? '',
      to: spine.locationIds['uptown'] ?? '',
      lines: [{ sku: 'TEE', quantity: 3 }],
    });
    await spine.settle();
    const origin = await spine.mirror('downtown', 'TEE');
    const inTransit = await spine.mirror('uptown', 'TEE');
    expect([origin['available'], origin['on_hand']]).toEqual([5, 5]);
    expect([inTransit['available'], inTransit['incoming']]).toEqual([1, 3]);

    spine.sandbox.store.receiveTransfer(shipped.transferId);
    await spine.settle();
    const received = await spine.mirror('uptown', 'TEE');
    expect([received['available'], received['on_hand'], received['incoming']]).toEqual([4, 4, 0]);
  });
});
