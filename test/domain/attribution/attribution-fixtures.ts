import type { CreditLine } from '../../../src/domain/attribution/credit-line.js';
import type { LocationLookup, OrderFacts } from '../../../src/domain/attribution/order-facts.js';

/** Two stores and a warehouse, by Shopify location id. */
export const STORE_A = '101';
export const STORE_B = '102';
export const WAREHOUSE = '201';

export const locations: LocationLookup = (id) =>
  ({
    [STORE_A]: { handle: 'store-a', kind: 'store' as const },
    [STORE_B]: { handle: 'store-b', kind: 'store' as const },
    [WAREHOUSE]: { handle: 'warehouse', kind: 'warehouse' as const },
  })[id] ?? null;

export function order(overrides: Partial<OrderFacts>): OrderFacts {
  return {
    orderId: '5001',
    name: '#1001',
    sourceName: 'web',
    sellingLocationId: null,
    staffId: null,
    createdAt: '2026-03-02T15:00:00.000Z',
    cancelledAt: null,
    hasShipping: true,
    shopCurrency: 'USD',
    presentmentCurrency: 'USD',
    lines: [],
    fulfilmentOrders: [],
    fulfillments: [],
    refunds: [],
    ...overrides,
  };
}

export const usd = (cents: number) => ({ shop: cents, presentment: cents });

/** Net credit per `credit/party/partyRef`, shop currency. */
export function netCredit(credits: readonly CreditLine[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of credits) {
    const key = `${line.credit}/${line.party}/${line.partyRef ?? '-'}`;
    totals[key] = (totals[key] ?? 0) + line.amount;
  }
  return totals;
}
