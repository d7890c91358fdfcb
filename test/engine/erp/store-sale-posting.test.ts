import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cashSaleBody } from '../../../src/engine/erp/cash-sale.js';
import type { CashSale } from '../../../src/engine/erp/cash-sale.js';
import { enqueueStoreSalePost } from '../../../src/engine/erp/enqueue-store-sale-post.js';
import { erpDb } from '../../../src/engine/erp/erp-database.js';
import { findErpPost } from '../../../src/engine/erp/erp-post-store.js';
import { netsuitePosters } from '../../../src/engine/erp/erp-posters.js';
import type { ErpPostingSettings } from '../../../src/engine/erp/erp-posting-settings.js';
import { NetSuiteAdjustmentPublisher } from '../../../src/engine/erp/netsuite-adjustment-publisher.js';
import { storeSaleFromOrder } from '../../../src/engine/erp/store-sale.js';
import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { OutboxWorker } from '../../../src/engine/outbox/outbox-worker.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { startTbaHarness } from '../../sources/netsuite/netsuite-fixture.js';
import type { TbaHarness } from '../../sources/netsuite/netsuite-fixture.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { seedFact, seedItem, seedLocation, seedNetSuiteItem, seedOrder } from './erp-fixture.js';

const optedIn: ErpPostingSettings = {
  adjustmentAccountId: '154',
  postSales: true,
  salesCustomerId: '300',
};

// 02:00 UTC on 2 March is 21:00 on 1 March in New York.
const sale = {
  orderId: '6100000000001',
  orderName: '#1001',
  locationHandle: 'downtown',
  soldAt: '2025-03-02T02:00:00.000Z',
  lines: [{ itemId: 'A', quantity: 2, amountCents: 2500 }],
};

describe(`posting store sales as cash sales on ${testEngine}`, () => {
  let database: TestDatabase;
  let harness: TbaHarness;

  beforeEach(async () => {
    database = await openTestDatabase();
    harness = await startTbaHarness();
    await seedLocation(database.storage, { handle: 'downtown', netsuiteId: '7' });
    await seedItem(database.storage, { id: 'A', sku: 'TEE-A' });
    await seedNetSuiteItem(database.storage, '42', 'A');
    harness.sandbox.store.setItemLocation({ item: '42', location: '7', onHand: 10 });
  });

  afterEach(async () => {
    await harness.sandbox.close();
    await database.close();
  });

  const worker = (settings: ErpPostingSettings) =>
    new OutboxWorker({
      storage: database.storage,
      publisher: new NetSuiteAdjustmentPublisher({
        storage: database.storage,
        posters: netsuitePosters(harness.client),
        settings,
        clock: harness.clock.now,
        logger: silentLogger(),
        channelMode: () => 'publish',
      }),
      metrics: new Metrics(),
      logger: silentLogger(),
      clock: harness.clock.now,
      batchSize: 10,
      claimTtlSeconds: 30,
      backoffBaseMs: 1000,
      maxAttempts: 5,
    });

  it('posts nothing while the shop has not opted in: its connector books the sales', async () => {
    const refused = await enqueueStoreSalePost(database.storage, sale, {
      settings: { ...optedIn, postSales: false },
      clock: harness.clock.now,
    });

    expect(refused).toEqual({ ok: false, reason: 'sales_posting_off' });
    expect(await erpDb(database.storage).selectFrom('erp_posts').selectAll().execute()).toEqual([]);
    expect(await database.storage.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });

  it('once opted in, posts a cash sale with location, items and externalId, once', async () => {
    const { sandbox, clock } = harness;
    const queued = await enqueueStoreSalePost(database.storage, sale, {
      settings: optedIn,
      clock: clock.now,
    });
    expect(queued).toEqual({
      ok: true,
      externalId: 'trueshelf-sale-6100000000001',
      created: true,
      skippedItems: [],
    });

    await worker(optedIn).runOnce();

    const [booked, ...more] = sandbox.store.records.cashSales;
    expect(more).toEqual([]);
    expect(booked).toMatchObject({
      externalId: 'trueshelf-sale-6100000000001',
      entity: '300',
      location: '7',
      tranDate: '2025-03-01',
      memo: 'Shopify order #1001',
      taxDetailsOverride: false,
      lines: [{ item: '42', location: '7', quantity: 2, amount: 25 }],
    });
    expect(sandbox.store.itemLocation('42', '7')?.onHand).toBe(8);
    expect(await findErpPost(database.storage, 'trueshelf-sale-6100000000001')).toMatchObject({
      kind: 'cash_sale',
      status: 'posted',
      netsuite_id: booked?.id,
    });

    // Sent again (a replayed row): NetSuite keeps one record under the externalId.
    const again = await netsuitePosters(harness.client).postCashSale(
      JSON.parse(
        (await findErpPost(database.storage, 'trueshelf-sale-6100000000001'))?.request ?? '{}',
      ) as CashSale,
    );
    expect(again).toEqual({ outcome: 'already_posted', id: booked?.id });
    expect(sandbox.store.records.cashSales).toHaveLength(1);
  });

  it('parks a queued sale when the shop switches posting off before it is sent', async () => {
    await enqueueStoreSalePost(database.storage, sale, {
      settings: optedIn,
      clock: harness.clock.now,
    });

    await worker({ ...optedIn, postSales: false }).runOnce();

    const row = await database.storage.db
      .selectFrom('outbox')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('parked');
    expect(row.last_error).toContain('posting sales is off');
    expect(harness.sandbox.store.records.cashSales).toEqual([]);
  });

  it('needs the customer a cash sale names', async () => {
    const refused = await enqueueStoreSalePost(database.storage, sale, {
      settings: { ...optedIn, salesCustomerId: undefined },
      clock: harness.clock.now,
    });
    expect(refused).toEqual({ ok: false, reason: 'no_sales_customer' });
  });

  it('reads a POS sale from the mirror: its order lines at the till, no prices', async () => {
    await seedOrder(database.storage, {
      id: '6100000000002',
      name: '#1002',
      sourceName: 'pos',
      locationHandle: 'downtown',
      createdAt: '2025-03-01T15:00:00.000Z',
    });
    await seedFact(database.storage, {
      kind: 'order',
      ref: '6100000000002',
      lineRef: '1',
      orderId: '6100000000002',
      itemId: 'A',
      locationHandle: 'downtown',
      quantity: 3,
      occurredAt: '2025-03-01T15:00:00.000Z',
    });
    await seedOrder(database.storage, {
      id: '6100000000003',
      sourceName: 'web',
      locationHandle: null,
      createdAt: '2025-03-01T15:00:00.000Z',
    });

    expect(await storeSaleFromOrder(database.storage, '6100000000002')).toEqual({
      orderId: '6100000000002',
      orderName: '#1002',
      locationHandle: 'downtown',
      soldAt: '2025-03-01T15:00:00.000Z',
      lines: [{ itemId: 'A', quantity: 3 }],
    });
    expect(await storeSaleFromOrder(database.storage, '6100000000003')).toBeUndefined();
  });

  it('the sandbox refuses legacy tax fields, as REST web services do', async () => {
    const legacy = harness.client.transport.send({
      method: 'POST',
      path: '/services/rest/record/v1/cashSale',
      body: {
        entity: { id: '300' },
        location: { id: '7' },
        item: { items: [{ item: { id: '42' }, quantity: 1, taxCode: { id: '5' } }] },
      },
      where: 'legacy tax cash sale',
    });

    await expect(legacy).rejects.toMatchObject({ code: 'netsuite_request_refused' });
    expect(harness.sandbox.store.records.cashSales).toEqual([]);
  });
});

describe('the cash sale body', () => {
  const base: CashSale = {
    externalId: 'trueshelf-sale-6100000000001',
    customerId: '300',
    locationId: '7',
    tranDate: '2025-03-01',
    tax: { mode: 'engine' },
    lines: [
      { itemId: '42', quantity: 2, amount: 25, taxAmount: 2.22 },
      { itemId: '43', quantity: 1, amount: 10, taxAmount: 0.89 },
    ],
  };

  it('leaves tax to the SuiteTax engine by default: no tax field at all', () => {
    expect(cashSaleBody(base)).toEqual({
      externalId: 'trueshelf-sale-6100000000001',
      entity: { id: '300' },
      location: { id: '7' },
      tranDate: '2025-03-01',
      item: {
        items: [
          { item: { id: '42' }, quantity: 2, location: { id: '7' }, amount: 25 },
          { item: { id: '43' }, quantity: 1, location: { id: '7' }, amount: 10 },
        ],
      },
    });
  });

  it("overrides tax with Shopify's amounts, each line tied to its tax detail", () => {
    const body = cashSaleBody({
      ...base,
      tax: { mode: 'override', taxTypeId: '11', taxCodeId: '12' },
    });

    expect(body['taxDetailsOverride']).toBe(true);
    expect(body['item']).toEqual({
      items: [
        {
          item: { id: '42' },
          quantity: 2,
          location: { id: '7' },
          amount: 25,
          taxDetailsReference: 'line-1',
        },
        {
          item: { id: '43' },
          quantity: 1,
          location: { id: '7' },
          amount: 10,
          taxDetailsReference: 'line-2',
        },
      ],
    });
    expect(body['taxDetails']).toEqual({
      items: [
        {
          taxDetailsReference: 'line-1',
          taxType: { id: '11' },
          taxCode: { id: '12' },
          taxBasis: 25,
          taxAmount: 2.22,
        },
        {
          taxDetailsReference: 'line-2',
          taxType: { id: '11' },
          taxCode: { id: '12' },
          taxBasis: 10,
          taxAmount: 0.89,
        },
      ],
    });
  });

  it('refuses an override without the amounts it needs, and ids that are not ids', () => {
    const override = { mode: 'override', taxTypeId: '11', taxCodeId: '12' } as const;
    expect(() =>
      cashSaleBody({ ...base, tax: override, lines: [{ itemId: '42', quantity: 1 }] }),
    ).toThrow(expect.objectContaining({ code: 'netsuite_invalid_record' }));
    expect(() => cashSaleBody({ ...base, customerId: '300 OR 1' })).toThrow(
      expect.objectContaining({ code: 'netsuite_invalid_record' }),
    );
  });
});
