import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locationSettingsSchema } from '../../../src/config/config-schema.js';
import { attributeOrder } from '../../../src/domain/attribution/attribute-order.js';
import { defaultCreditRules } from '../../../src/domain/attribution/credit-rules.js';
import type { LocationLookup, OrderFacts } from '../../../src/domain/attribution/order-facts.js';
import { attributionDb } from '../../../src/engine/attribution/attribution-database.js';
import { recordCredits } from '../../../src/engine/attribution/record-credits.js';
import { syncRegistry } from '../../../src/engine/registry/sync-registry.js';
import {
  buildAttributionReport,
  renderAttributionCsv,
  renderAttributionHtml,
  renderAttributionJson,
} from '../../../src/reports/attribution/index.js';
import { openTestDatabase } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';

// Brisbane is UTC+10 all year; New York is UTC−5 until 8 March 2026; the warehouse runs on UTC.
const locations: LocationLookup = (id) =>
  ({
    '1': { handle: 'store-bne', kind: 'store' as const },
    '2': { handle: 'store-ny', kind: 'store' as const },
    '3': { handle: 'warehouse', kind: 'warehouse' as const },
  })[id] ?? null;

function carryOut(
  orderId: string,
  store: string,
  staff: string,
  at: string,
  cents: number,
  units: number,
): OrderFacts {
  return {
    orderId,
    name: `#${orderId}`,
    sourceName: 'pos',
    sellingLocationId: store,
    staffId: staff,
    createdAt: at,
    cancelledAt: null,
    hasShipping: false,
    shopCurrency: 'USD',
    presentmentCurrency: 'USD',
    lines: [{ id: `${orderId}-1`, quantity: units, amount: { shop: cents, presentment: cents } }],
    fulfilmentOrders: [
      {
        id: `${orderId}-fo`,
        locationId: store,
        method: 'RETAIL',
        status: 'CLOSED',
        lines: [{ lineItemId: `${orderId}-1`, totalQuantity: units }],
      },
    ],
    fulfillments: [
      {
        id: `${orderId}-f`,
        locationId: store,
        createdAt: at,
        lines: [{ lineItemId: `${orderId}-1`, quantity: units }],
      },
    ],
    refunds: [],
  };
}

describe('the attribution report', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase();
    await syncRegistry(
      database.storage,
      [
        {
          handle: 'store-bne',
          name: 'Brisbane',
          timeZone: 'Australia/Brisbane',
          shopifyLocationId: '1',
        },
        {
          handle: 'store-ny',
          name: 'New York',
          timeZone: 'America/New_York',
          shopifyLocationId: '2',
        },
        { handle: 'warehouse', kind: 'warehouse', timeZone: 'UTC', shopifyLocationId: '3' },
      ].map((l) => locationSettingsSchema.parse(l)),
      new Date('2026-03-01T00:00:00Z'),
    );

    const online: OrderFacts = {
      ...carryOut('30', '3', '', '2026-03-02T23:30:00.000Z', 1500, 1),
      sourceName: 'web',
      sellingLocationId: null,
      staffId: null,
      hasShipping: true,
      presentmentCurrency: 'CAD',
      lines: [{ id: '30-1', quantity: 1, amount: { shop: 1500, presentment: 2025 } }],
      fulfilmentOrders: [
        {
          id: '30-fo',
          locationId: '3',
          method: 'SHIPPING',
          status: 'CLOSED',
          lines: [{ lineItemId: '30-1', totalQuantity: 1 }],
        },
      ],
      fulfillments: [
        {
          id: '30-f',
          locationId: '3',
          createdAt: '2026-03-03T01:00:00.000Z',
          lines: [{ lineItemId: '30-1', quantity: 1 }],
        },
      ],
    };
    const orders = [
      // 15:30 UTC on 2 March is 01:30 on 3 March in Brisbane: $30.00, staff 11.
      carryOut('10', '1', '11', '2026-03-02T15:30:00.000Z', 3000, 1),
      // 03:00 UTC on 3 March is 22:00 on 2 March in New York: 2 × $25.00, staff 22.
      carryOut('20', '2', '22', '2026-03-03T03:00:00.000Z', 5000, 2),
      // Online $15.00 (CA$20.25) at 18:30 on 2 March in e-commerce's New York day; shipped
      // from the warehouse at 01:00 UTC on 3 March.
      online,
    ];
    const db = attributionDb(database.storage.db);
    for (const facts of orders) {
      const result = attributeOrder(facts, defaultCreditRules, locations);
      if (result.status !== 'attributed') throw new Error('not attributed');
      await recordCredits(db, facts, result.credits, '2026-03-04T00:00:00.000Z');
    }
  });

  afterAll(async () => {
    await database.close();
  });

  it('counts each store’s credit on its own local day', async () => {
    const report = await buildAttributionReport(database.storage.db, {
      from: '2026-03-02',
      to: '2026-03-02',
      ecommerceTimeZone: 'America/New_York',
    });

    // 2 March: New York's sale and carry-out ($50.00 each) and e-commerce's online sale
    // ($15.00); Brisbane's sale falls on its 3 March, the warehouse's shipment on 3 March UTC.
    expect(report.totals).toEqual([
      expect.objectContaining({
        currency: 'USD',
        saleCredit: 6500,
        fulfilmentCredit: 5000,
        orders: 2,
      }),
    ]);
    expect(report.stores.map((s) => [s.store, s.saleCredit, s.fulfilmentCredit])).toEqual([
      ['ecommerce', 1500, 0],
      ['store-ny', 5000, 5000],
    ]);
    expect(report.associates.map((a) => [a.staffId, a.store, a.saleCredit])).toEqual([
      ['22', 'store-ny', 5000],
    ]);
    expect(report.days.map((d) => [d.day, d.store, d.timeZone])).toEqual([
      ['2026-03-02', 'ecommerce', 'America/New_York'],
      ['2026-03-02', 'store-ny', 'America/New_York'],
    ]);
    expect(report.presentment.map((p) => [p.channel, p.currency, p.saleCredit])).toEqual([
      ['online', 'CAD', 2025],
      ['pos', 'USD', 5000],
    ]);
  });

  it('puts the UTC+10 store’s evening-UTC sale and the warehouse’s shipment on the next day', async () => {
    const report = await buildAttributionReport(database.storage, {
      from: '2026-03-03',
      to: '2026-03-03',
    });

    // Brisbane: $30.00 sale and carry-out; warehouse: $15.00 fulfilment.
    expect(report.stores.map((s) => [s.store, s.saleCredit, s.fulfilmentCredit])).toEqual([
      ['store-bne', 3000, 3000],
      ['warehouse', 0, 1500],
    ]);
    expect(report.channels.map((c) => [c.channel, c.saleCredit, c.fulfilmentCredit])).toEqual([
      ['pos', 3000, 3000],
      ['online', 0, 1500],
    ]);
  });

  it('renders CSV rows, JSON and an HTML page with charts', async () => {
    const report = await buildAttributionReport(database.storage.db, {
      from: '2026-03-02',
      to: '2026-03-03',
    });
    const csv = renderAttributionCsv(report).trim().split('\n');
    expect(csv[0]).toBe(
      'day,store,time_zone,channel,class,credit,party,associate,currency,amount,reversed,orders',
    );
    expect(csv).toContain(
      '2026-03-03,store-bne,Australia/Brisbane,pos,pos_carry_out,sale,associate,11,USD,30.00,0.00,1',
    );
    expect(JSON.parse(renderAttributionJson(report)).totals[0].saleCredit).toBe(3000 + 5000 + 1500);
    const html = renderAttributionHtml(report);
    expect(html.match(/<svg /g)?.length).toBe(4);
    expect(html).toContain('Brisbane');
  });

  it('refuses a day that is not YYYY-MM-DD, naming it', async () => {
    await expect(
      buildAttributionReport(database.storage.db, { from: '2026-02-30', to: '2026-03-02' }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('from is "2026-02-30"'),
    });
  });
});
