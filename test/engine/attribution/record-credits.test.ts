import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attributeOrder } from '../../../src/domain/attribution/attribute-order.js';
import { defaultCreditRules } from '../../../src/domain/attribution/credit-rules.js';
import type { OrderFacts } from '../../../src/domain/attribution/order-facts.js';
import { attributionDb } from '../../../src/engine/attribution/attribution-database.js';
import { recordCredits } from '../../../src/engine/attribution/record-credits.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import {
  locations,
  order,
  STORE_A,
  usd,
  WAREHOUSE,
} from '../../domain/attribution/attribution-fixtures.js';

function creditsOf(facts: OrderFacts) {
  const result = attributeOrder(facts, defaultCreditRules, locations);
  if (result.status !== 'attributed') throw new Error('not attributed');
  return result.credits;
}

describe(`recording credit on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });

  const rows = () =>
    attributionDb(database.storage.db)
      .selectFrom('attribution_entries')
      .select(['class', 'party', 'amount_minor', 'occurred_at'])
      .orderBy('recorded_at')
      .orderBy('amount_minor')
      .execute();

  it('records nothing the second time the same facts arrive', async () => {
    const facts = order({
      lines: [{ id: 'L1', quantity: 1, amount: usd(1000) }],
      fulfilmentOrders: [
        {
          id: 'FO1',
          locationId: STORE_A,
          method: 'SHIPPING',
          status: 'OPEN',
          lines: [{ lineItemId: 'L1', totalQuantity: 1 }],
        },
      ],
    });
    const db = attributionDb(database.storage.db);
    expect(await recordCredits(db, facts, creditsOf(facts), '2026-03-02T15:00:01.000Z')).toBe(1);
    expect(await recordCredits(db, facts, creditsOf(facts), '2026-03-02T15:00:02.000Z')).toBe(0);
    expect((await rows()).length).toBe(1);
  });

  it('reverses the old part and credits the new one when a fulfilment order moves, on the sale’s own instant', async () => {
    // $10.00 online, first routed to store A (online_ship_from_store), then moved to the
    // warehouse: −$10.00 under the old class, +$10.00 under the new, both dated at the sale.
    const atStore = order({
      lines: [{ id: 'L1', quantity: 1, amount: usd(1000) }],
      fulfilmentOrders: [
        {
          id: 'FO1',
          locationId: STORE_A,
          method: 'SHIPPING',
          status: 'OPEN',
          lines: [{ lineItemId: 'L1', totalQuantity: 1 }],
        },
      ],
    });
    const moved = {
      ...atStore,
      fulfilmentOrders: [
        {
          id: 'FO2',
          locationId: WAREHOUSE,
          method: 'SHIPPING' as const,
          status: 'OPEN',
          lines: [{ lineItemId: 'L1', totalQuantity: 1 }],
        },
      ],
    };
    const db = attributionDb(database.storage.db);
    await recordCredits(db, atStore, creditsOf(atStore), '2026-03-02T15:00:01.000Z');
    await recordCredits(db, moved, creditsOf(moved), '2026-03-02T16:00:00.000Z');

    expect(
      (await rows()).map((r) => [r.class, r.party, Number(r.amount_minor), r.occurred_at]),
    ).toEqual([
      ['online_ship_from_store', 'ecommerce', 1000, '2026-03-02T15:00:00.000Z'],
      ['online_ship_from_store', 'ecommerce', -1000, '2026-03-02T15:00:00.000Z'],
      ['online_ship_from_warehouse', 'ecommerce', 1000, '2026-03-02T15:00:00.000Z'],
    ]);
  });
});
