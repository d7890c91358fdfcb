import { describe, expect, it } from 'vitest';
import { attributeOrder } from '../../../src/domain/attribution/attribute-order.js';
import type { OrderAttribution } from '../../../src/domain/attribution/attribute-order.js';
import { defaultCreditRules } from '../../../src/domain/attribution/credit-rules.js';
import {
  locations,
  netCredit,
  order,
  STORE_A,
  STORE_B,
  usd,
  WAREHOUSE,
} from './attribution-fixtures.js';

function attributed(result: OrderAttribution) {
  if (result.status !== 'attributed') throw new Error(`not attributed: ${JSON.stringify(result)}`);
  return result;
}

describe('attributing one order of each class', () => {
  it('a POS carry-out credits the till store and its associate with the sale and the store with the fulfilment', () => {
    // 2 × $25.00 = $50.00 rung up and handed over at store A by staff 9001.
    const result = attributed(
      attributeOrder(
        order({
          sourceName: 'pos',
          sellingLocationId: STORE_A,
          staffId: '9001',
          hasShipping: false,
          lines: [{ id: 'L1', quantity: 2, amount: usd(5000) }],
          fulfilmentOrders: [
            {
              id: 'FO1',
              locationId: STORE_A,
              method: 'RETAIL',
              status: 'CLOSED',
              lines: [{ lineItemId: 'L1', totalQuantity: 2 }],
            },
          ],
          fulfillments: [
            {
              id: 'F1',
              locationId: STORE_A,
              createdAt: '2026-03-02T15:00:00.000Z',
              lines: [{ lineItemId: 'L1', quantity: 2 }],
            },
          ],
        }),
        defaultCreditRules,
        locations,
      ),
    );

    expect(result.classes).toEqual(['pos_carry_out']);
    expect(result.tags).toEqual(['fulfillment:carry-out', 'source:pos']);
    expect(netCredit(result.credits)).toEqual({
      'sale/selling_store/store-a': 5000,
      'sale/associate/9001': 5000,
      'fulfilment/fulfilling_location/store-a': 5000,
    });
  });

  it('a POS order shipped from the warehouse, partly refunded, credits the store for the sale and the warehouse for the fulfilment, each less the refund', () => {
    // Endless aisle: 3 × $40.00 = $120.00 sold at store A by staff 9002, shipped from the
    // warehouse; one unit is returned: −$40.00 of sale credit (store and associate) and of
    // fulfilment credit (warehouse). Net: $80.00 each.
    const result = attributed(
      attributeOrder(
        order({
          sourceName: 'pos',
          sellingLocationId: STORE_A,
          staffId: '9002',
          lines: [{ id: 'L1', quantity: 3, amount: usd(12000) }],
          fulfilmentOrders: [
            {
              id: 'FO1',
              locationId: WAREHOUSE,
              method: 'SHIPPING',
              status: 'CLOSED',
              lines: [{ lineItemId: 'L1', totalQuantity: 3 }],
            },
          ],
          fulfillments: [
            {
              id: 'F1',
              locationId: WAREHOUSE,
              createdAt: '2026-03-03T10:00:00.000Z',
              lines: [{ lineItemId: 'L1', quantity: 3 }],
            },
          ],
          refunds: [
            {
              id: 'R1',
              createdAt: '2026-03-09T12:00:00.000Z',
              lines: [
                {
                  lineItemId: 'L1',
                  quantity: 1,
                  restockType: 'return',
                  locationId: WAREHOUSE,
                  amount: usd(4000),
                },
              ],
            },
          ],
        }),
        defaultCreditRules,
        locations,
      ),
    );

    expect(result.classes).toEqual(['pos_ship_from_warehouse']);
    expect(result.tags).toEqual([
      'attribution:endless-aisle',
      'fulfillment:warehouse',
      'source:pos',
    ]);
    expect(netCredit(result.credits)).toEqual({
      'sale/selling_store/store-a': 8000,
      'sale/associate/9002': 8000,
      'fulfilment/fulfilling_location/warehouse': 8000,
    });
    const refund = result.credits.filter((c) => c.cause === 'refund');
    expect(refund.map((c) => [c.party, c.amount, c.occurredAt])).toEqual([
      ['selling_store', -4000, '2026-03-09T12:00:00.000Z'],
      ['associate', -4000, '2026-03-09T12:00:00.000Z'],
      ['fulfilling_location', -4000, '2026-03-09T12:00:00.000Z'],
    ]);
  });

  it('a POS order split over another store and the warehouse credits the sale by units, and fulfilment only where units left', () => {
    // 3 × $20.00 = $60.00 at store A: 2 units ship from store B ($40.00, pos_ship_from_store),
    // 1 from the warehouse ($20.00, pos_ship_from_warehouse). Only store B has shipped so far.
    const result = attributed(
      attributeOrder(
        order({
          sourceName: 'pos',
          sellingLocationId: STORE_A,
          staffId: '9003',
          lines: [{ id: 'L1', quantity: 3, amount: usd(6000) }],
          fulfilmentOrders: [
            {
              id: 'FO1',
              locationId: STORE_B,
              method: 'SHIPPING',
              status: 'CLOSED',
              lines: [{ lineItemId: 'L1', totalQuantity: 2 }],
            },
            {
              id: 'FO2',
              locationId: WAREHOUSE,
              method: 'SHIPPING',
              status: 'OPEN',
              lines: [{ lineItemId: 'L1', totalQuantity: 1 }],
            },
          ],
          fulfillments: [
            {
              id: 'F1',
              locationId: STORE_B,
              createdAt: '2026-03-03T10:00:00.000Z',
              lines: [{ lineItemId: 'L1', quantity: 2 }],
            },
          ],
        }),
        defaultCreditRules,
        locations,
      ),
    );

    expect(result.classes).toEqual(['pos_ship_from_warehouse', 'pos_ship_from_store']);
    expect(result.tags).toEqual([
      'attribution:endless-aisle',
      'fulfillment:store',
      'fulfillment:warehouse',
      'source:pos',
    ]);
    expect(netCredit(result.credits)).toEqual({
      'sale/selling_store/store-a': 6000,
      'sale/associate/9003': 6000,
      'fulfilment/fulfilling_location/store-b': 4000,
    });
    const sales = result.credits.filter((c) => c.party === 'selling_store');
    expect(sales.map((c) => [c.attributionClass, c.amount])).toEqual([
      ['pos_ship_from_store', 4000],
      ['pos_ship_from_warehouse', 2000],
    ]);
  });

  it('an online order shipped from the warehouse credits e-commerce and the warehouse, keeping the presentment currency', () => {
    // $15.00 in the shop's USD, paid as CA$20.25.
    const result = attributed(
      attributeOrder(
        order({
          presentmentCurrency: 'CAD',
          lines: [{ id: 'L1', quantity: 1, amount: { shop: 1500, presentment: 2025 } }],
          fulfilmentOrders: [
            {
              id: 'FO1',
              locationId: WAREHOUSE,
              method: 'SHIPPING',
              status: 'CLOSED',
              lines: [{ lineItemId: 'L1', totalQuantity: 1 }],
            },
          ],
          fulfillments: [
            {
              id: 'F1',
              locationId: WAREHOUSE,
              createdAt: '2026-03-03T10:00:00.000Z',
              lines: [{ lineItemId: 'L1', quantity: 1 }],
            },
          ],
        }),
        defaultCreditRules,
        locations,
      ),
    );

    expect(result.classes).toEqual(['online_ship_from_warehouse']);
    expect(result.tags).toEqual(['fulfillment:warehouse', 'source:online']);
    expect(
      result.credits.map((c) => [c.credit, c.party, c.partyRef, c.amount, c.presentmentAmount]),
    ).toEqual([
      ['sale', 'ecommerce', null, 1500, 2025],
      ['fulfilment', 'fulfilling_location', 'warehouse', 1500, 2025],
    ]);
  });

  it('an online order picked up in store credits e-commerce with the sale and the pickup store with the fulfilment', () => {
    // 2 × $12.50 = $25.00, collected at store B.
    const result = attributed(
      attributeOrder(
        order({
          hasShipping: true,
          lines: [{ id: 'L1', quantity: 2, amount: usd(2500) }],
          fulfilmentOrders: [
            {
              id: 'FO1',
              locationId: STORE_B,
              method: 'PICK_UP',
              status: 'CLOSED',
              lines: [{ lineItemId: 'L1', totalQuantity: 2 }],
            },
          ],
          fulfillments: [
            {
              id: 'F1',
              locationId: STORE_B,
              createdAt: '2026-03-02T18:00:00.000Z',
              lines: [{ lineItemId: 'L1', quantity: 2 }],
            },
          ],
        }),
        defaultCreditRules,
        locations,
      ),
    );

    expect(result.classes).toEqual(['online_pickup_in_store']);
    expect(result.tags).toEqual(['fulfillment:pickup', 'source:online']);
    expect(netCredit(result.credits)).toEqual({
      'sale/ecommerce/-': 2500,
      'fulfilment/fulfilling_location/store-b': 2500,
    });
  });

  it('an online order shipped from a store, one unit cancelled before shipping, reverses that unit of sale and earns fulfilment only for what shipped', () => {
    // 4 × $10.00 = $40.00 routed to store A; one unit cancelled ($10.00 back), Shopify takes it
    // off the fulfilment order (total 3); 3 units ship: $30.00 of fulfilment credit.
    const result = attributed(
      attributeOrder(
        order({
          lines: [{ id: 'L1', quantity: 4, amount: usd(4000) }],
          fulfilmentOrders: [
            {
              id: 'FO1',
              locationId: STORE_A,
              method: 'SHIPPING',
              status: 'CLOSED',
              lines: [{ lineItemId: 'L1', totalQuantity: 3 }],
            },
          ],
          refunds: [
            {
              id: 'R1',
              createdAt: '2026-03-02T16:00:00.000Z',
              lines: [
                {
                  lineItemId: 'L1',
                  quantity: 1,
                  restockType: 'cancel',
                  locationId: STORE_A,
                  amount: usd(1000),
                },
              ],
            },
          ],
          fulfillments: [
            {
              id: 'F1',
              locationId: STORE_A,
              createdAt: '2026-03-03T10:00:00.000Z',
              lines: [{ lineItemId: 'L1', quantity: 3 }],
            },
          ],
        }),
        defaultCreditRules,
        locations,
      ),
    );

    expect(result.classes).toEqual(['online_ship_from_store']);
    expect(result.tags).toEqual(['fulfillment:store', 'source:online']);
    const sale = result.credits.filter((c) => c.credit === 'sale');
    expect(sale.map((c) => [c.cause, c.amount])).toEqual([
      ['sale', 4000],
      ['cancellation', -1000],
    ]);
    expect(netCredit(result.credits)).toEqual({
      'sale/ecommerce/-': 3000,
      'fulfilment/fulfilling_location/store-a': 3000,
    });
  });
});

describe('attributing what is not settled yet', () => {
  it('waits for routing when an online order has no fulfilment order yet', () => {
    const result = attributeOrder(
      order({ lines: [{ id: 'L1', quantity: 1, amount: usd(1000) }] }),
      defaultCreditRules,
      locations,
    );
    expect(result).toEqual({ status: 'unrouted', lineItemIds: ['L1'] });
  });

  it('a cancelled order with nothing shipped nets to zero, the reversal dated at the cancellation', () => {
    // $30.00 sold, then cancelled with no refund lines in the payload: −$30.00 at cancelled_at.
    const result = attributed(
      attributeOrder(
        order({
          cancelledAt: '2026-03-02T17:00:00.000Z',
          lines: [{ id: 'L1', quantity: 3, amount: usd(3000) }],
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
        defaultCreditRules,
        locations,
      ),
    );
    expect(result.credits.map((c) => [c.cause, c.amount, c.occurredAt])).toEqual([
      ['sale', 3000, '2026-03-02T15:00:00.000Z'],
      ['cancellation', -3000, '2026-03-02T17:00:00.000Z'],
    ]);
  });

  it('a POS sale with no fulfilment order read yet and no shipping is carry-out at the till', () => {
    const result = attributed(
      attributeOrder(
        order({
          sourceName: 'pos',
          sellingLocationId: STORE_B,
          staffId: null,
          hasShipping: false,
          lines: [{ id: 'L1', quantity: 1, amount: usd(999) }],
        }),
        defaultCreditRules,
        locations,
      ),
    );
    expect(result.classes).toEqual(['pos_carry_out']);
    // No staff member logged in: the associate's share is recorded without a person.
    expect(netCredit(result.credits)).toEqual({
      'sale/selling_store/store-b': 999,
      'sale/associate/-': 999,
    });
  });
});
