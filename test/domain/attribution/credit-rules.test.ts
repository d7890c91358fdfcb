import { describe, expect, it } from 'vitest';
import { attributeOrder } from '../../../src/domain/attribution/attribute-order.js';
import {
  creditRulesSchema,
  defaultCreditRules,
} from '../../../src/domain/attribution/credit-rules.js';
import { splitAmount } from '../../../src/domain/attribution/split-amount.js';
import { locations, netCredit, order, STORE_A, usd, WAREHOUSE } from './attribution-fixtures.js';

describe('credit rules', () => {
  it('default to the issue: the selling store and associate earn the sale, the fulfilling location the fulfilment', () => {
    const rules = creditRulesSchema.parse({});
    expect(rules).toEqual(defaultCreditRules);
    expect(rules.pos_ship_from_warehouse.sale).toEqual({
      selling_store: 100,
      associate: 100,
      fulfilling_location: 0,
      ecommerce: 0,
    });
    expect(rules.online_pickup_in_store.fulfilment.fulfilling_location).toBe(100);
  });

  it('refuse shares among locations that do not add up to 100, saying where and what they add up to', () => {
    const result = creditRulesSchema.safeParse({
      pos_ship_from_warehouse: {
        sale: { selling_store: 70, associate: 100 },
        fulfilment: { fulfilling_location: 100 },
      },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['pos_ship_from_warehouse', 'sale']);
    expect(result.error?.issues[0]?.message).toContain('is 70; expected 100');
  });

  it('refuse an associate share on an online class', () => {
    const result = creditRulesSchema.safeParse({
      online_ship_from_store: {
        sale: { ecommerce: 100, associate: 50 },
        fulfilment: { fulfilling_location: 100 },
      },
    });
    expect(result.success).toBe(false);
  });

  it('split an endless-aisle sale between the store and e-commerce when configured so', () => {
    // 70/30 of $120.00: store $84.00, e-commerce $36.00; the associate keeps 100% of the store's view.
    const rules = creditRulesSchema.parse({
      pos_ship_from_warehouse: {
        sale: { selling_store: 70, ecommerce: 30, associate: 100 },
        fulfilment: { fulfilling_location: 100 },
      },
    });
    const result = attributeOrder(
      order({
        sourceName: 'pos',
        sellingLocationId: STORE_A,
        staffId: '7',
        lines: [{ id: 'L1', quantity: 3, amount: usd(12000) }],
        fulfilmentOrders: [
          {
            id: 'FO1',
            locationId: WAREHOUSE,
            method: 'SHIPPING',
            status: 'OPEN',
            lines: [{ lineItemId: 'L1', totalQuantity: 3 }],
          },
        ],
      }),
      rules,
      locations,
    );
    if (result.status !== 'attributed') throw new Error('not attributed');
    expect(netCredit(result.credits)).toEqual({
      'sale/selling_store/store-a': 8400,
      'sale/ecommerce/-': 3600,
      'sale/associate/7': 12000,
    });
  });
});

describe('splitting an amount', () => {
  it('gives the leftover unit to the largest remainder, and mirrors a negative amount', () => {
    // 1001 × 33% = 330.33, × 33% = 330.33, × 34% = 340.34: floors 330 + 330 + 340 = 1000, the
    // one left goes to the largest remainder (.34).
    expect(splitAmount(1001, [33, 33, 34])).toEqual([330, 330, 341]);
    expect(splitAmount(-1001, [33, 33, 34])).toEqual([-330, -330, -341]);
    expect(splitAmount(1000, [100])).toEqual([1000]);
    // By units: 6000 over 2 and 1 of 3 units.
    expect(splitAmount(6000, [2, 1], 3)).toEqual([4000, 2000]);
  });
});

describe('minor units', () => {
  it('read Shopify amounts exactly in each currency’s own exponent', async () => {
    const { toMinorUnits, formatMinorUnits } =
      await import('../../../src/domain/attribution/minor-units.js');
    expect(toMinorUnits('19.99', 'USD')).toBe(1999);
    expect(toMinorUnits('0.10', 'USD')).toBe(10);
    expect(toMinorUnits('1500', 'JPY')).toBe(1500);
    // KWD has three decimals; a fourth is rounded half up.
    expect(toMinorUnits('1.2345', 'KWD')).toBe(1235);
    expect(toMinorUnits('-4.50', 'EUR')).toBe(-450);
    expect(toMinorUnits('abc', 'USD')).toBeNull();
    expect(formatMinorUnits(-450, 'EUR')).toBe('-4.50');
    expect(formatMinorUnits(1500, 'JPY')).toBe('1500');
  });
});
