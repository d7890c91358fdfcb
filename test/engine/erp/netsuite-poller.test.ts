import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { erpDb } from '../../../src/engine/erp/erp-database.js';
import { NetSuitePoller } from '../../../src/engine/erp/netsuite-poller.js';
import { startTbaHarness } from '../../sources/netsuite/netsuite-fixture.js';
import type { TbaHarness } from '../../sources/netsuite/netsuite-fixture.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { seedItem, seedLocation } from './erp-fixture.js';

describe(`NetSuitePoller on ${testEngine}`, () => {
  let database: TestDatabase;
  let harness: TbaHarness;
  let poller: NetSuitePoller;
  let tablesRead: string[];

  beforeEach(async () => {
    database = await openTestDatabase();
    harness = await startTbaHarness();
    const { sandbox, clock, client } = harness;
    tablesRead = [];
    sandbox.store.onPageServed((page) => tablesRead.push(page.table));

    await seedLocation(database.storage, { handle: 'downtown', netsuiteId: '7' });
    await seedItem(database.storage, { id: 'A', sku: 'TEE-A' });
    await seedItem(database.storage, { id: 'B', sku: 'TEE-B' });
    await seedItem(database.storage, { id: 'C', sku: 'TEE-C' });

    sandbox.store.setItem({ id: '10', itemid: 'TEE-A' });
    sandbox.store.setItem({ id: '20', itemid: 'TEE-B' });
    sandbox.store.setItem({ id: '30', itemid: 'OLD-30', externalid: 'TEE-C' });
    sandbox.store.setItem({ id: '40', itemid: 'NOT-OURS' });

    // Three rows last changed at 08:00, one at 09:00: the first watermark is 09:00:00.
    clock.set('2025-03-01T08:00:00Z');
    sandbox.store.setItemLocation({ item: '10', location: '7', onHand: 5 });
    sandbox.store.setItemLocation({ item: '30', location: '7', onHand: 7, committed: 2 });
    sandbox.store.setItemLocation({ item: '40', location: '7', onHand: 8 });
    clock.set('2025-03-01T09:00:00Z');
    sandbox.store.setItemLocation({ item: '20', location: '7', onHand: 6 });
    clock.set('2025-03-01T09:05:00Z');

    poller = new NetSuitePoller({
      storage: database.storage,
      client,
      clock: clock.now,
      overlapSeconds: 60,
    });
  });

  afterEach(async () => {
    await harness.sandbox.close();
    await database.close();
  });

  const onHand = async () => {
    const rows = await erpDb(database.storage)
      .selectFrom('netsuite_on_hand')
      .select(['netsuite_item_id', 'on_hand', 'committed_in_netsuite'])
      .orderBy('netsuite_item_id')
      .execute();
    return rows.map((row) => [row.netsuite_item_id, row.on_hand, row.committed_in_netsuite]);
  };

  it('reads every row first, declares it absolute on hand and matches items by SKU', async () => {
    const summary = await poller.runOnce();

    expect(summary).toMatchObject({
      meaning: 'absolute_on_hand',
      itemsMatched: 3,
      itemsUnmatched: 1,
    });
    expect(summary.locations).toEqual([
      { netsuiteLocationId: '7', since: undefined, rowsRead: 4, watermark: '2025-03-01 09:00:00' },
    ]);
    expect(await onHand()).toEqual([
      ['10', 5, 0],
      ['20', 6, 0],
      ['30', 7, 2],
      ['40', 8, 0],
    ]);
    const matches = await erpDb(database.storage)
      .selectFrom('netsuite_items')
      .select(['netsuite_item_id', 'item_id', 'matched_by'])
      .orderBy('netsuite_item_id')
      .execute();
    expect(matches).toEqual([
      { netsuite_item_id: '10', item_id: 'A', matched_by: 'itemid' },
      { netsuite_item_id: '20', item_id: 'B', matched_by: 'itemid' },
      { netsuite_item_id: '30', item_id: 'C', matched_by: 'externalid' },
      { netsuite_item_id: '40', item_id: null, matched_by: 'no_sku_match' },
    ]);
  });

  it('a second run reads only rows changed since the watermark less the overlap', async () => {
    const { sandbox, clock } = harness;
    await poller.runOnce();

    clock.set('2025-03-01T09:10:00Z');
    sandbox.store.setItemLocation({ item: '10', location: '7', onHand: 1 });
    clock.set('2025-03-01T09:15:00Z');
    const second = await poller.runOnce();

    // Watermark 09:00:00 less 60 s: item 20 (09:00, inside the overlap) and item 10 (09:10).
    expect(second.locations).toEqual([
      {
        netsuiteLocationId: '7',
        since: '2025-03-01 08:59:00',
        rowsRead: 2,
        watermark: '2025-03-01 09:10:00',
      },
    ]);
    expect(await onHand()).toEqual([
      ['10', 1, 0],
      ['20', 6, 0],
      ['30', 7, 2],
      ['40', 8, 0],
    ]);

    const third = await poller.runOnce();
    expect(third.locations[0]).toMatchObject({ since: '2025-03-01 09:09:00', rowsRead: 1 });
    const stored = await erpDb(database.storage)
      .selectFrom('netsuite_watermarks')
      .selectAll()
      .execute();
    expect(stored).toEqual([
      {
        scope: 'aggregateItemLocation:7',
        watermark: '2025-03-01 09:10:00',
        polled_at: '2025-03-01T09:15:00.000Z',
      },
    ]);
  });

  it('matches an item once our SKU appears, without asking NetSuite for the item again', async () => {
    await poller.runOnce();
    await seedItem(database.storage, { id: 'D', sku: 'NOT-OURS' });
    tablesRead.length = 0;

    const summary = await poller.runOnce();

    expect(summary).toMatchObject({ itemsMatched: 4, itemsUnmatched: 0 });
    expect(tablesRead).toEqual(['aggregateitemlocation']);
    const match = await erpDb(database.storage)
      .selectFrom('netsuite_items')
      .select(['item_id', 'matched_by'])
      .where('netsuite_item_id', '=', '40')
      .executeTakeFirstOrThrow();
    expect(match).toEqual({ item_id: 'D', matched_by: 'itemid' });
  });

  it('a full read drops rows NetSuite no longer has', async () => {
    const { sandbox, clock } = harness;
    await poller.runOnce();
    sandbox.store.removeItemLocation('40', '7');
    clock.set('2025-03-01T10:00:00Z');

    const summary = await poller.runOnce({ full: true });

    expect(summary.locations[0]).toMatchObject({ since: undefined, rowsRead: 3 });
    expect((await onHand()).map(([item]) => item)).toEqual(['10', '20', '30']);
  });

  it('leaves an item it cannot see unmatched, and one SKU to one NetSuite item', async () => {
    const { sandbox } = harness;
    sandbox.store.setItemLocation({ item: '50', location: '7', onHand: 1 });
    sandbox.store.setItem({ id: '60', itemid: 'TEE-A' });
    sandbox.store.setItemLocation({ item: '60', location: '7', onHand: 1 });

    await poller.runOnce();

    const rows = await erpDb(database.storage)
      .selectFrom('netsuite_items')
      .select(['netsuite_item_id', 'item_id', 'matched_by'])
      .where('netsuite_item_id', 'in', ['10', '50', '60'])
      .orderBy('netsuite_item_id')
      .execute();
    expect(rows).toEqual([
      { netsuite_item_id: '10', item_id: 'A', matched_by: 'itemid' },
      { netsuite_item_id: '50', item_id: null, matched_by: 'not_returned' },
      { netsuite_item_id: '60', item_id: null, matched_by: 'sku_taken' },
    ]);
  });
});
