import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { erpDb } from '../../../src/engine/erp/erp-database.js';
import { importedOrdersFromSet } from '../../../src/engine/erp/imported-orders.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { reconcileNetSuite } from '../../../src/reports/reconcile/reconcile-netsuite.js';
import type { NetSuiteReconciliation } from '../../../src/reports/reconcile/reconciliation-report.js';
import {
  renderReconciliationCsv,
  renderReconciliationTotalsCsv,
} from '../../../src/reports/reconcile/render-reconciliation.js';
import { shopifyLevelKey } from '../../../src/reports/reconcile/shopify-on-hand-reader.js';
import type {
  ShopifyLevelRef,
  ShopifyOnHandReader,
} from '../../../src/reports/reconcile/shopify-on-hand-reader.js';
import {
  seedFact,
  seedItem,
  seedLevel,
  seedLocation,
  seedNetSuiteItem,
  seedNetSuiteOnHand,
  seedOrder,
} from '../../engine/erp/erp-fixture.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';

const clock = new ManualClock('2025-03-01T12:00:00Z');
const minutesAgo = (minutes: number) =>
  new Date(clock.now().getTime() - minutes * 60_000).toISOString();

/** Shopify's on hand now, per item at each store's Shopify location. */
const freshShopify = new Map([
  ['9001@701', 10],
  ['9002@701', 5],
  ['9003@701', 4],
  ['9006@701', 3],
  ['9004@801', 9],
  ['9005@801', 3],
]);

function fakeReader(asked: ShopifyLevelRef[][]): ShopifyOnHandReader {
  return {
    readOnHand: (levels) => {
      asked.push([...levels]);
      const found = levels.flatMap((level) => {
        const onHand = freshShopify.get(shopifyLevelKey(level));
        return onHand === undefined ? [] : [[shopifyLevelKey(level), onHand] as const];
      });
      return Promise.resolve(new Map(found));
    },
  };
}

/*
 * One difference of each class, worked out by hand (now 12:00, connector delays 20 min for
 * sales, 90 min for fulfilments):
 *   downtown A (cost 500): Shopify 10, NetSuite 12; POS sale 1001 (10 min ago, 1 unit) and
 *     fulfilment 5300 of web order 1004 (60 min ago, 1 unit) not booked: in flight −2 = −1000.
 *     Sale 1003 (4 units) is booked; sale 1005 was cancelled.
 *   downtown B (1200): mirror 7, Shopify 5, NetSuite 5: missed signal −2 = −2400.
 *   downtown C (800): Shopify 4, NetSuite 5; POS sale 1002 60 min ago not booked: not yet
 *     imported −1 = −800.
 *   downtown F (300): 3 everywhere: no difference.
 *   uptown D (250): Shopify 9, NetSuite 6; correction 81 (+3) not posted: +3 = +750.
 *     Correction 82 (+5) is posted and explains nothing.
 *   uptown E (1000): Shopify 3, NetSuite 5, nothing explains it: unexplained −2 = −2000.
 */
describe(`reconcileNetSuite on ${testEngine}`, () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase();
    const { storage } = database;
    await seedLocation(storage, { handle: 'downtown', netsuiteId: '7', shopifyLocationId: '701' });
    await seedLocation(storage, { handle: 'uptown', netsuiteId: '8', shopifyLocationId: '801' });
    await seedLocation(storage, { handle: 'popup', netsuiteId: null, shopifyLocationId: '901' });

    const items = [
      ['A', 500, '42', 'downtown', 10, 12],
      ['B', 1200, '43', 'downtown', 7, 5],
      ['C', 800, '44', 'downtown', 4, 5],
      ['F', 300, '47', 'downtown', 3, 3],
      ['D', 250, '45', 'uptown', 9, 6],
      ['E', 1000, '46', 'uptown', 3, 5],
    ] as const;
    for (const [id, cost, netsuiteId, location, mirror, netsuite] of items) {
      const shopifyItemId = `900${'ABCDEF'.indexOf(id) + 1}`;
      await seedItem(storage, { id, sku: `TEE-${id}`, costCents: cost, shopifyItemId });
      await seedNetSuiteItem(storage, netsuiteId, id);
      await seedLevel(storage, id, location, mirror);
      await seedNetSuiteOnHand(storage, netsuiteId, location === 'downtown' ? '7' : '8', netsuite);
    }
    await erpDb(storage)
      .insertInto('netsuite_items')
      .values({
        netsuite_item_id: '99',
        itemid: 'MYSTERY',
        externalid: null,
        item_id: null,
        matched_by: 'no_sku_match',
        updated_at: minutesAgo(60),
      })
      .execute();
    await seedNetSuiteOnHand(storage, '99', '7', 4);

    const posSale = async (
      id: string,
      itemId: string,
      quantity: number,
      minutes: number,
      cancelled = false,
    ) => {
      await seedOrder(storage, {
        id,
        sourceName: 'pos',
        locationHandle: 'downtown',
        createdAt: minutesAgo(minutes),
        ...(cancelled ? { cancelledAt: minutesAgo(minutes - 1) } : {}),
      });
      await seedFact(storage, {
        kind: 'order',
        ref: id,
        lineRef: `${id}-1`,
        orderId: id,
        itemId,
        locationHandle: 'downtown',
        quantity,
        occurredAt: minutesAgo(minutes),
      });
    };
    await posSale('1001', 'A', 1, 10);
    await posSale('1002', 'C', 1, 60);
    await posSale('1003', 'A', 4, 30);
    await posSale('1005', 'A', 1, 5, true);
    await seedOrder(storage, {
      id: '1004',
      sourceName: 'web',
      locationHandle: null,
      createdAt: minutesAgo(300),
    });
    await seedFact(storage, {
      kind: 'order',
      ref: '1004',
      lineRef: '1004-1',
      orderId: '1004',
      itemId: 'A',
      locationHandle: null,
      quantity: 1,
      occurredAt: minutesAgo(300),
    });
    await seedFact(storage, {
      kind: 'fulfillment',
      ref: '5300',
      lineRef: '1004-1',
      orderId: '1004',
      itemId: 'A',
      locationHandle: 'downtown',
      quantity: 1,
      occurredAt: minutesAgo(60),
    });

    await erpDb(storage)
      .insertInto('erp_posts')
      .values({
        external_id: 'trueshelf-count-82',
        kind: 'inventory_adjustment',
        source_ref: '82',
        location_handle: 'uptown',
        request: '{}',
        status: 'posted',
        netsuite_id: '5001',
        outcome: 'created',
        created_at: minutesAgo(120),
        posted_at: minutesAgo(119),
      })
      .execute();
  });

  afterEach(async () => database.close());

  const corrections = [
    {
      id: '81',
      locationHandle: 'uptown',
      countedAt: minutesAgo(45),
      lines: [{ itemId: 'D', delta: 3 }],
    },
    {
      id: '82',
      locationHandle: 'uptown',
      countedAt: minutesAgo(120),
      lines: [{ itemId: 'D', delta: 5 }],
    },
  ];

  const reconcile = (withReader: boolean, asked: ShopifyLevelRef[][] = []) =>
    reconcileNetSuite(database.storage, {
      clock: clock.now,
      ...(withReader ? { shopifyReader: fakeReader(asked) } : {}),
      importedOrders: importedOrdersFromSet(['1003']),
      corrections,
    });

  const summary = (report: NetSuiteReconciliation) =>
    report.lines.map((line) => [
      line.locationHandle,
      line.itemId,
      line.differences.map((d) => [d.class, d.units, d.valueCents, d.refs]),
    ]);

  it('classifies one difference of each class, with its value', async () => {
    const asked: ShopifyLevelRef[][] = [];
    const report = await reconcile(true, asked);

    expect(report).toMatchObject({
      shopifySource: 'fresh_read',
      netsuiteMeaning: 'absolute_on_hand',
    });
    expect(summary(report)).toEqual([
      ['downtown', 'A', [['in_flight', -2, -1000, ['order:1001', 'fulfillment:5300']]]],
      ['downtown', 'B', [['missed_signal', -2, -2400, []]]],
      ['downtown', 'C', [['not_yet_imported', -1, -800, ['order:1002']]]],
      ['uptown', 'D', [['count_correction_not_posted', 3, 750, ['count:81']]]],
      ['uptown', 'E', [['unexplained', -2, -2000, []]]],
    ]);
    expect(report.lines[1]).toMatchObject({
      sku: 'TEE-B',
      netsuiteItemId: '43',
      netsuiteLocationId: '7',
      mirrorOnHand: 7,
      shopifyOnHand: 5,
      netsuiteOnHand: 5,
    });
    // One read per location, of the levels that have Shopify ids there.
    expect(asked.map((levels) => levels.length)).toEqual([4, 2]);
    expect(report.unmatchedNetSuiteItems).toEqual([
      { netsuiteItemId: '99', itemid: 'MYSTERY', reason: 'no_sku_match' },
    ]);
  });

  it('totals each store by class, net and absolute, with their value', async () => {
    const report = await reconcile(true);
    const zero = {
      units: 0,
      absoluteUnits: 0,
      valueCents: 0,
      absoluteValueCents: 0,
      unvaluedUnits: 0,
    };

    expect(report.totals).toEqual([
      {
        locationHandle: 'downtown',
        netsuiteLocationId: '7',
        levelsCompared: 4,
        levelsDiffering: 3,
        byClass: {
          in_flight: {
            units: -2,
            absoluteUnits: 2,
            valueCents: -1000,
            absoluteValueCents: 1000,
            unvaluedUnits: 0,
          },
          missed_signal: {
            units: -2,
            absoluteUnits: 2,
            valueCents: -2400,
            absoluteValueCents: 2400,
            unvaluedUnits: 0,
          },
          not_yet_imported: {
            units: -1,
            absoluteUnits: 1,
            valueCents: -800,
            absoluteValueCents: 800,
            unvaluedUnits: 0,
          },
          count_correction_not_posted: zero,
          unexplained: zero,
        },
      },
      {
        locationHandle: 'uptown',
        netsuiteLocationId: '8',
        levelsCompared: 2,
        levelsDiffering: 2,
        byClass: {
          in_flight: zero,
          missed_signal: zero,
          not_yet_imported: zero,
          count_correction_not_posted: {
            units: 3,
            absoluteUnits: 3,
            valueCents: 750,
            absoluteValueCents: 750,
            unvaluedUnits: 0,
          },
          unexplained: {
            units: -2,
            absoluteUnits: 2,
            valueCents: -2000,
            absoluteValueCents: 2000,
            unvaluedUnits: 0,
          },
        },
      },
    ]);
  });

  it('without a fresh read the mirror stands in, and a missed signal shows as unexplained', async () => {
    const report = await reconcile(false);

    expect(report.shopifySource).toBe('mirror');
    const b = report.lines.find((line) => line.itemId === 'B');
    // Mirror 7 against NetSuite 5.
    expect(b).toMatchObject({ shopifyOnHand: null, mirrorOnHand: 7 });
    expect(b?.differences).toEqual([
      { class: 'unexplained', units: 2, valueCents: 2400, refs: [] },
    ]);
  });

  it('a sale booked after the last NetSuite poll explains nothing: poll before reconciling', async () => {
    const report = await reconcileNetSuite(database.storage, {
      clock: clock.now,
      shopifyReader: fakeReader([]),
      importedOrders: importedOrdersFromSet(['1001', '1002', '1003', '5300']),
      corrections,
    });

    // NetSuite's stored on hand predates the booking, so A and C differ by their sales.
    const lines = summary(report).filter(([location]) => location === 'downtown');
    expect(lines).toEqual([
      ['downtown', 'A', [['unexplained', -2, -1000, []]]],
      ['downtown', 'B', [['missed_signal', -2, -2400, []]]],
      ['downtown', 'C', [['unexplained', -1, -800, []]]],
    ]);
  });

  it('renders one CSV row per difference and one per store and class', async () => {
    const report = await reconcile(true);

    const rows = renderReconciliationCsv(report).split('\r\n');
    expect(rows[0]).toBe(
      'location,netsuite_location_id,item_id,sku,netsuite_item_id,class,units,value_cents,' +
        'shopify_on_hand,mirror_on_hand,netsuite_on_hand,refs',
    );
    expect(rows[1]).toBe(
      'downtown,7,A,TEE-A,42,in_flight,-2,-1000,10,10,12,order:1001 fulfillment:5300',
    );
    expect(rows[4]).toBe('uptown,8,D,TEE-D,45,count_correction_not_posted,3,750,9,9,6,count:81');
    expect(rows).toHaveLength(7);

    const totals = renderReconciliationTotalsCsv(report).split('\r\n');
    expect(totals).toHaveLength(12);
    expect(totals).toContain('uptown,8,count_correction_not_posted,3,3,750,750,0,2,2');
    expect(totals).toContain('downtown,7,unexplained,0,0,0,0,0,4,3');
  });
});
