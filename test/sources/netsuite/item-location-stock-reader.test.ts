import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/shared/clock.js';
import { stockQuery } from '../../../src/sources/netsuite/item-location-stock-reader.js';
import type { ItemLocationStock } from '../../../src/sources/netsuite/item-location-stock.js';
import { createNetSuiteClient } from '../../../src/sources/netsuite/netsuite-client.js';
import type { NetSuiteClient } from '../../../src/sources/netsuite/netsuite-client.js';
import { NetSuiteError } from '../../../src/sources/netsuite/netsuite-error.js';
import { watermarkWithOverlap } from '../../../src/sources/netsuite/source-watermark.js';
import { ACCOUNT_ID, startTbaHarness, stockLocation, tbaCredentials } from './netsuite-fixture.js';
import type { TbaHarness } from './netsuite-fixture.js';

let harness: TbaHarness | undefined;

afterEach(async () => {
  await harness?.sandbox.close();
  harness = undefined;
});

async function start(...args: Parameters<typeof startTbaHarness>): Promise<TbaHarness> {
  harness = await startTbaHarness(...args);
  return harness;
}

function itemIds(rows: readonly ItemLocationStock[]): string[] {
  return rows.map((row) => row.itemId);
}

describe('reading on hand per item and location', () => {
  it('pages 2,500 rows by key with rows changing between pages and a 429: nothing lost or repeated', async () => {
    const { sandbox, client, sleeps } = await start();
    stockLocation(sandbox, '7', 2500);
    stockLocation(sandbox, '8', 30);

    sandbox.store.onPageServed(({ pagesServed }) => {
      if (pagesServed !== 1) return;
      // Behind the cursor (page 1 ended at item 10000): two new rows and a row already read,
      // which would shift an offset window forward by one.
      sandbox.store.setItemLocation({ item: '15', location: '7', onHand: 4 });
      sandbox.store.setItemLocation({ item: '25', location: '7', onHand: 4 });
      sandbox.store.removeItemLocation('10', '7');
      // Ahead of it: a row that changes and a row that goes away.
      sandbox.store.setItemLocation({ item: '15000', location: '7', onHand: 999 });
      sandbox.store.removeItemLocation('24000', '7');
      sandbox.store.rejectNextRequests(1);
    });

    const { rows } = await client.stock.read({ locations: ['7'] });

    const expected: string[] = [];
    for (let item = 10; item <= 25000; item += 10) if (item !== 24000) expected.push(String(item));
    expect(itemIds(rows)).toEqual(expected);
    expect(new Set(itemIds(rows)).size).toBe(2499);
    expect(rows.find((row) => row.itemId === '15000')?.onHand).toBe(999);
    expect(rows.find((row) => row.itemId === '20')?.onHand).toBe(2);
    expect(rows.every((row) => row.locationId === '7')).toBe(true);

    // Three pages and the refused attempt; one wait of 3/4 of the 500 ms first ceiling.
    expect(sandbox.store.requests).toHaveLength(4);
    expect(sleeps).toEqual([375]);
  });

  it('offset paging over the same kind of change repeats a row, which is why the reader pages by key', async () => {
    const { sandbox, client } = await start();
    stockLocation(sandbox, '7', 2500);
    sandbox.store.onPageServed(({ pagesServed }) => {
      if (pagesServed === 1)
        sandbox.store.setItemLocation({ item: '15', location: '7', onHand: 4 });
    });

    const seen: string[] = [];
    const q = 'SELECT item FROM aggregateItemLocation WHERE location = 7 ORDER BY item';
    for await (const page of client.suiteQl.pagesByOffset(q, 'offset demo')) {
      for (const row of page.rows) seen.push(row['item'] ?? '');
    }

    // Page 2 starts at offset 1000 of the new order, whose 1001st row is item 10000 again.
    expect(seen.filter((item) => item === '10000')).toHaveLength(2);
  });

  it('reads only the rows changed since the watermark, less the overlap', async () => {
    const { sandbox, client, clock } = await start();
    stockLocation(sandbox, '7', 6);
    clock.set('2025-03-01T10:00:00Z');
    sandbox.store.setItemLocation({ item: '20', location: '7', onHand: 12 });
    sandbox.store.setItemLocation({ item: '30', location: '7', onHand: 13 });

    const full = await client.stock.read({ locations: ['7'] });
    expect(full.rows).toHaveLength(6);
    expect(full.watermark).toBe('2025-03-01 10:00:00');

    clock.set('2025-03-01T10:30:00Z');
    sandbox.store.setItemLocation({ item: '40', location: '7', onHand: 14 });
    sandbox.store.setItemLocation({ item: '50', location: '7', onHand: 15 });
    const since = watermarkWithOverlap(full.watermark ?? '', 60);
    const changed = await client.stock.read({ locations: ['7'], since });

    expect(since).toBe('2025-03-01 09:59:00');
    expect(itemIds(changed.rows)).toEqual(['20', '30', '40', '50']);
    expect(changed.watermark).toBe('2025-03-01 10:30:00');
  });

  it('declares each row an absolute on-hand snapshot and reads every quantity as a number', async () => {
    const { sandbox, client } = await start();
    sandbox.store.setItemLocation({
      item: '42',
      location: '7',
      onHand: 9,
      committed: 2,
      onOrder: 5,
      inTransit: 1,
    });

    const { rows } = await client.stock.read({ locations: ['7'] });

    expect(rows).toEqual([
      {
        source: 'netsuite',
        meaning: 'absolute_on_hand',
        itemId: '42',
        locationId: '7',
        onHand: 9,
        committedInNetSuite: 2,
        availableInNetSuite: 7,
        onOrder: 5,
        inTransit: 1,
        modifiedAt: '2025-03-01 09:00:00',
      },
    ]);
  });

  it('refuses an unsafe location id or watermark before sending anything', async () => {
    const { sandbox, client } = await start();

    const byLocation = client.stock.read({ locations: ['7', '8 OR 1=1'] });
    const bySince = client.stock.read({ locations: ['7'], since: "2025-01-01 00:00:00' OR 1=1" });

    await expect(byLocation).rejects.toThrow(NetSuiteError);
    await expect(byLocation).rejects.toMatchObject({ code: 'netsuite_unsafe_literal' });
    await expect(bySince).rejects.toMatchObject({ code: 'netsuite_unsafe_literal' });
    expect(sandbox.store.requests).toHaveLength(0);
  });

  it('writes the page query with every value inlined as checked', () => {
    const q = stockQuery('aggregateItemLocation', {
      locationId: '7',
      afterItem: '10000',
      since: '2025-03-01 09:59:00',
    });

    expect(q).toBe(
      'SELECT item, location, quantityonhand, quantitycommitted, quantityavailable, ' +
        "quantityonorder, quantityintransit, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') " +
        'AS modifiedat FROM aggregateItemLocation WHERE location = 7 AND item > 10000 AND ' +
        "lastmodifieddate >= TO_DATE('2025-03-01 09:59:00', 'YYYY-MM-DD HH24:MI:SS') ORDER BY item",
    );
    expect(() =>
      stockQuery('inventoryitemlocations', { locationId: '7', afterItem: '1e3' }),
    ).toThrow(NetSuiteError);
  });

  it('an incremental read of inventoryitemlocations misses a fulfilment; aggregateItemLocation does not', async () => {
    const { sandbox, client, clock } = await start({
      connector: { orderImportDelaySeconds: 0, fulfilmentImportDelaySeconds: 0 },
    });
    sandbox.store.setItemLocation({ item: '42', location: '7', onHand: 5 });
    sandbox.store.addShopifyOrder({
      externalId: 'shopify-1001',
      placedAt: clock.now(),
      channel: 'online',
      lines: [{ item: '42', location: '7', quantity: 2 }],
    });
    sandbox.store.runConnector();

    clock.set('2025-03-01T11:00:00Z');
    sandbox.store.connector.fulfilInShopify('shopify-1001', clock.now());
    sandbox.store.runConnector();
    const since = '2025-03-01 10:00:00';

    const byAggregate = await client.stock.read({ locations: ['7'], since });
    const byInventoryItemLocations = await inventoryItemLocationsClient(
      sandbox.url,
      clock,
    ).stock.read({
      locations: ['7'],
      since,
    });

    // On hand 5 - 2 shipped = 3; committed 2 - 2 = 0; available stayed 3 throughout.
    expect(byAggregate.rows.map((row) => row.onHand)).toEqual([3]);
    expect(byInventoryItemLocations.rows).toEqual([]);
  });
});

function inventoryItemLocationsClient(url: string, clock: ManualClock): NetSuiteClient {
  return createNetSuiteClient({
    accountId: ACCOUNT_ID,
    auth: { scheme: 'tba', credentials: tbaCredentials },
    baseUrl: url,
    clock: clock.now,
    inventoryTable: 'inventoryitemlocations',
  });
}
