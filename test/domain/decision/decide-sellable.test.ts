import { describe, expect, it } from 'vitest';
import { decideSellable } from '../../../src/domain/decision/decide-sellable.js';

describe('decideSellable', () => {
  it('adds back the units trueshelf placed before subtracting buffer and holds once', () => {
    // Shopify shows available 6 after we placed 2 in safety_stock and 1 in reserved: gross 9.
    const decision = decideSellable({
      available: 6,
      placedSafetyStock: 2,
      placedReserved: 1,
      buffer: 2,
      liveHolds: 1,
      managed: true,
    });

    expect(decision).toEqual({
      gross: 9,
      buffer: 2,
      held: 1,
      sellable: 6,
      targetSafetyStock: 2,
      targetReserved: 1,
    });
  });

  it('returns buffer units when a POS sale took available below zero', () => {
    // available -1 with 2 placed: gross 1, so only 1 unit can stay in safety_stock.
    const decision = decideSellable({
      available: -1,
      placedSafetyStock: 2,
      placedReserved: 0,
      buffer: 2,
      liveHolds: 0,
      managed: true,
    });

    expect(decision.gross).toBe(1);
    expect(decision.targetSafetyStock).toBe(1);
    expect(decision.sellable).toBe(0);
  });

  it('never places more reserved than gross, and the buffer takes only what holds leave', () => {
    const decision = decideSellable({
      available: 3,
      placedSafetyStock: 0,
      placedReserved: 0,
      buffer: 5,
      liveHolds: 4,
      managed: true,
    });

    expect(decision.targetReserved).toBe(3);
    expect(decision.targetSafetyStock).toBe(0);
    expect(decision.sellable).toBe(0);
  });

  it('places nothing at an unmanaged location but still computes its sellable', () => {
    const decision = decideSellable({
      available: 10,
      placedSafetyStock: 0,
      placedReserved: 0,
      buffer: 3,
      liveHolds: 0,
      managed: false,
    });

    expect(decision.sellable).toBe(7);
    expect(decision.targetSafetyStock).toBe(0);
    expect(decision.targetReserved).toBe(0);
  });

  it('holds the last units back in safety_stock when sellable is at or below zeroAtOrBelow', () => {
    // gross 4 − buffer 2 = sellable 2 ≤ 2: safety_stock takes 2 + 2 = 4, available reads 0.
    const level = { placedReserved: 0, buffer: 2, liveHolds: 0, managed: true };
    const policy = { zeroAtOrBelow: 2, maxShown: 1 };
    const zeroed = decideSellable({
      ...level,
      available: 4,
      placedSafetyStock: 0,
      shopifyPolicy: policy,
    });
    expect(zeroed).toMatchObject({ gross: 4, sellable: 2, targetSafetyStock: 4 });

    // A POS sale leaves available −1 with 4 placed: gross 3, sellable 1, so 3 stay and 1 goes
    // back to available, which reads 0 again; never more than gross is held back.
    const afterSale = decideSellable({
      ...level,
      available: -1,
      placedSafetyStock: 4,
      shopifyPolicy: policy,
    });
    expect(afterSale).toMatchObject({ gross: 3, sellable: 1, targetSafetyStock: 3 });

    // Sellable 3 > 2: only the buffer is held back; the cap of 1 is not Shopify's to apply.
    const above = decideSellable({
      ...level,
      available: 5,
      placedSafetyStock: 0,
      shopifyPolicy: policy,
    });
    expect(above).toMatchObject({ sellable: 3, targetSafetyStock: 2 });
  });
});
