import { describe, expect, it } from 'vitest';
import { availabilityFor } from '../../../src/channels/google/availability-bands.js';
import { mapLocalInventoryRow } from '../../../src/channels/google/map-local-inventory-row.js';

const product = { contentLanguage: 'en', feedLabel: 'US', offerId: 'SKU-1' };

describe('availabilityFor', () => {
  it('reads 0 as out of stock, 1-2 as limited and 3 or more as in stock', () => {
    expect([0, 1, 2, 3, 40].map((q) => availabilityFor(q))).toEqual([
      'OUT_OF_STOCK',
      'LIMITED_AVAILABILITY',
      'LIMITED_AVAILABILITY',
      'IN_STOCK',
      'IN_STOCK',
    ]);
  });

  it('follows configured thresholds', () => {
    const strict = { inStockFrom: 10, limitedFrom: 2 };
    expect([1, 2, 9, 10].map((q) => availabilityFor(q, strict))).toEqual([
      'OUT_OF_STOCK',
      'LIMITED_AVAILABILITY',
      'LIMITED_AVAILABILITY',
      'IN_STOCK',
    ]);
  });
});

describe('mapLocalInventoryRow', () => {
  it('takes quantity from the decision after the channel policy', () => {
    // Policy "zero at or below 2": 2 sellable becomes 0, so out of stock.
    const row = mapLocalInventoryRow({
      product,
      storeCode: 'S1',
      decision: { sellable: 2 },
      channelPolicy: (sellable) => (sellable <= 2 ? 0 : sellable),
    });
    expect(row).toEqual({ ...product, storeCode: 'S1', availability: 'OUT_OF_STOCK', quantity: 0 });
  });

  it('lets the item’s pickup settings at a store win over the store’s', () => {
    const row = mapLocalInventoryRow({
      product,
      storeCode: 'S1',
      decision: { sellable: 7 },
      pickup: {
        location: { method: 'BUY', sla: 'SAME_DAY' },
        item: { method: 'SHIP_TO_STORE', sla: 'MULTI_WEEK' },
      },
    });
    expect(row).toMatchObject({
      pickupMethod: 'SHIP_TO_STORE',
      pickupSla: 'MULTI_WEEK',
      availability: 'IN_STOCK',
    });
  });

  it('drops the SLA when pickup is not supported', () => {
    const row = mapLocalInventoryRow({
      product,
      storeCode: 'S1',
      decision: { sellable: 1 },
      pickup: { location: { method: 'NOT_SUPPORTED', sla: 'NEXT_DAY' } },
    });
    expect(row.pickupMethod).toBe('NOT_SUPPORTED');
    expect(row).not.toHaveProperty('pickupSla');
  });

  it('carries a price only where a store price is configured', () => {
    const price = { amountMicros: '12500000', currencyCode: 'EUR' };
    const priced = mapLocalInventoryRow({
      product,
      storeCode: 'S1',
      decision: { sellable: 3 },
      storePrice: { price },
    });
    const unpriced = mapLocalInventoryRow({ product, storeCode: 'S2', decision: { sellable: 3 } });

    expect(priced.price).toEqual(price);
    expect(unpriced).not.toHaveProperty('price');
    expect(unpriced).not.toHaveProperty('salePrice');
  });

  it('never sends a negative or fractional quantity', () => {
    const row = mapLocalInventoryRow({
      product,
      storeCode: 'S1',
      decision: { sellable: 4 },
      channelPolicy: (s) => s - 6.5,
    });
    expect(row.quantity).toBe(0);
    expect(
      mapLocalInventoryRow({ product, storeCode: 'S1', decision: { sellable: 2.9 } }).quantity,
    ).toBe(2);
  });
});
