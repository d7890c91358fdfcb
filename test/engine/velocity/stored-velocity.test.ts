import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readUnitsPerDay } from '../../../src/engine/velocity/read-units-per-day.js';
import { velocityDb } from '../../../src/engine/velocity/velocity-database.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { recordSale, seedItemAt, seedStore } from '../buffers/buffer-fixture.js';

async function onHandMovement(storage: Storage, location: string, at: string, after: number) {
  await storage.db
    .insertInto('movements')
    .values({
      id: randomUUID(),
      item_id: 'item-a',
      location_handle: location,
      state: 'on_hand',
      delta: 0,
      quantity_after: after,
      cause_kind: 'adjusted',
      cause_ref: null,
      source: 'shopify_read',
      occurred_at: at,
      learned_at: at,
    })
    .execute();
}

describe('velocity from stored sales and the ledger', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });

  it('keeps the US spring-forward day as one 23-hour day and leaves out its stock-out hours', async () => {
    const { storage } = database;
    await seedStore(
      storage,
      { handle: 'nyc', timeZone: 'America/New_York' },
      '2026-02-01T00:00:00.000Z',
    );
    await seedItemAt(storage, { id: 'item-a', sku: 'SKU-A', category: null }, 'nyc', 5);
    // In stock from before the window; out from 12:00 EDT on 03-08 (16:00Z) to local midnight
    // (03-09 04:00Z). 03-08 runs 05:00Z..04:00Z, 23 hours, of which 11 in stock.
    await onHandMovement(storage, 'nyc', '2026-03-01T15:00:00.000Z', 5);
    await onHandMovement(storage, 'nyc', '2026-03-08T16:00:00.000Z', 0);
    await onHandMovement(storage, 'nyc', '2026-03-09T04:00:00.000Z', 5);
    const sale = (ref: string, quantity: number, at: string) =>
      recordSale(storage, { ref, item: 'item-a', location: 'nyc', quantity, at });
    await sale('before', 9, '2026-03-07T04:30:00.000Z'); // 23:30 EST on 03-06: before the window
    await sale('a', 2, '2026-03-07T15:00:00.000Z'); // 10:00 EST on 03-07
    await sale('b', 1, '2026-03-08T14:00:00.000Z'); // 10:00 EDT on 03-08
    await sale('c', 2, '2026-03-09T15:00:00.000Z'); // 11:00 EDT on 03-09
    await sale('d', 1, '2026-03-10T03:30:00.000Z'); // 23:30 EDT on 03-09: still 03-09
    await sale('today', 7, '2026-03-10T13:00:00.000Z'); // today, still running

    // Noon EDT on 03-10; window 03-07..03-09. Units 2 + 1 + 2 + 1 = 6 over
    // 1 + 11/23 + 1 = 57/23 counted days: 6 × 23 / 57 = 2.4211 units/day.
    const velocity = await readUnitsPerDay(storage.db, 'nyc', ['item-a'], {
      now: new Date('2026-03-10T16:00:00.000Z'),
      windowDays: 3,
      minCountedDays: 2,
    });
    expect(velocity.get('item-a')).toBeCloseTo(138 / 57, 9);
  });

  it('counts imported day-only sales on their local day at a store at UTC+10', async () => {
    const { storage } = database;
    await seedStore(
      storage,
      { handle: 'brisbane', timeZone: 'Australia/Brisbane' },
      '2026-02-01T00:00:00.000Z',
    );
    await seedItemAt(storage, { id: 'item-a', sku: 'SKU-A', category: null }, 'brisbane', 5);
    const day = (ref: string, localDay: string, quantity: number) =>
      velocityDb(storage.db)
        .insertInto('sales')
        .values({
          source_ref: ref,
          item_id: 'item-a',
          location_handle: 'brisbane',
          quantity,
          occurred_at: null,
          local_day: localDay,
          source: 'csv',
          recorded_at: '2026-03-01T00:00:00.000Z',
        })
        .execute();
    await day('d1', '2026-03-07', 9); // before the window
    await day('d2', '2026-03-08', 3);
    await day('d3', '2026-03-14', 4);
    await day('d4', '2026-03-15', 8); // today

    // 12:00 in Brisbane on 03-15 (02:00Z); window 03-08..03-14: 3 + 4 = 7 units / 7 days = 1.
    const velocity = await readUnitsPerDay(storage.db, 'brisbane', ['item-a'], {
      now: new Date('2026-03-15T02:00:00.000Z'),
      windowDays: 7,
      minCountedDays: 3,
    });
    expect(velocity.get('item-a')).toBeCloseTo(1, 9);
  });

  it('leaves out items with too little history and every item at a store without a time zone', async () => {
    const { storage } = database;
    await seedStore(
      storage,
      { handle: 'new-store', timeZone: 'Australia/Brisbane' },
      '2026-03-14T00:00:00.000Z',
    );
    await seedStore(storage, { handle: 'no-zone', timeZone: null }, '2026-01-01T00:00:00.000Z');
    await seedItemAt(storage, { id: 'item-a', sku: 'SKU-A', category: null }, 'new-store', 5);
    await seedItemAt(storage, { id: 'item-a', sku: 'SKU-A', category: null }, 'no-zone', 5);
    const now = new Date('2026-03-15T02:00:00.000Z');

    // History since 03-14 10:00 local: one tracked day, fewer than the 3 needed.
    expect(
      await readUnitsPerDay(storage.db, 'new-store', ['item-a'], {
        now,
        windowDays: 7,
        minCountedDays: 3,
      }),
    ).toEqual(new Map());
    expect(await readUnitsPerDay(storage.db, 'no-zone', ['item-a'], { now })).toEqual(new Map());
  });

  it('counts no days before trueshelf first saw a store that has no recorded history start', async () => {
    const { storage } = database;
    await seedStore(storage, { handle: 'fresh', timeZone: 'America/New_York' }, null);
    await seedItemAt(storage, { id: 'item-a', sku: 'SKU-A', category: null }, 'fresh', 5);
    // First seen on 03-12 (EDT): from then to 'now' on 03-20 are 8 whole local days
    // (03-12..03-19); the rest of the 28-day window is before trueshelf knew the store.
    await onHandMovement(storage, 'fresh', '2026-03-12T14:00:00.000Z', 5);
    await recordSale(storage, {
      ref: 's',
      item: 'item-a',
      location: 'fresh',
      quantity: 4,
      at: '2026-03-15T15:00:00.000Z',
    });
    const now = new Date('2026-03-20T16:00:00.000Z');

    // 4 units over the 8 days since first seen: 0.5 a day. Over the whole window it would
    // have been 4 / 28.
    expect(
      await readUnitsPerDay(storage.db, 'fresh', ['item-a'], {
        now,
        windowDays: 28,
        minCountedDays: 7,
      }),
    ).toEqual(new Map([['item-a', 0.5]]));
  });
});
