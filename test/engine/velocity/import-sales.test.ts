import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSales } from '../../../src/engine/velocity/import-sales.js';
import { readUnitsPerDay } from '../../../src/engine/velocity/read-units-per-day.js';
import { velocityDb } from '../../../src/engine/velocity/velocity-database.js';
import { openTestDatabase } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { seedItemAt, seedStore } from '../buffers/buffer-fixture.js';

const NOW = new Date('2026-03-15T02:00:00.000Z'); // noon on 03-15 in Brisbane

const FILE = [
  'location,sku,date,occurred_at,quantity',
  'brisbane,SKU-A,2026-03-09,,4', // 2
  'brisbane,SKU-A,,2026-03-10T09:00:00+10:00,2', // 3
  'brisbane,SKU-A,2026-03-11,,-1', // 4: a refund
  'nowhere,SKU-A,2026-03-11,,1', // 5: unknown location
  'brisbane,SKU-Z,2026-03-11,,1', // 6: unknown SKU
  'brisbane,SKU-A,2026-13-01,,1', // 7: no such month
  'brisbane,SKU-A,2026-03-12,,1.5', // 8: not whole units
  'brisbane,SHARED,2026-03-12,,1', // 9: SKU of two items
  '', // 10: blank, carries nothing
  'brisbane,SKU-A,2026-03-12,,1', // 11
].join('\n');

describe('importing past sales from a CSV', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    const { storage } = database;
    await seedStore(storage, { handle: 'brisbane', timeZone: 'Australia/Brisbane' }, null);
    await seedItemAt(storage, { id: 'item-a', sku: 'SKU-A', category: null }, 'brisbane', 5);
    await seedItemAt(storage, { id: 'item-s1', sku: 'SHARED', category: null }, 'brisbane', 5);
    await seedItemAt(storage, { id: 'item-s2', sku: 'SHARED', category: null }, 'brisbane', 5);
  });
  afterEach(async () => {
    await database.close();
  });

  const salesCount = async () =>
    Number(
      (
        await velocityDb(database.storage.db)
          .selectFrom('sales')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('reports every bad row by its line number and imports nothing by default', async () => {
    const result = await importSales(database.storage, FILE, { now: NOW });

    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'rows_rejected') throw new Error('expected rows_rejected');
    expect(result.errors.map((e) => [e.line, e.reason])).toEqual([
      [5, 'unknown_location'],
      [6, 'unknown_sku'],
      [7, 'invalid_date'],
      [8, 'invalid_quantity'],
      [9, 'ambiguous_sku'],
    ]);
    expect(result.errors[0]?.message).toBe(
      "line 5: location 'nowhere' is not in the registry; expected a location handle",
    );
    expect(await salesCount()).toBe(0);
  });

  it('imports the good rows once, however often the file is imported', async () => {
    const first = await importSales(database.storage, FILE, { now: NOW, keepGoodRows: true });
    expect(first).toMatchObject({ ok: true, lines: 11, imported: 4, alreadyRecorded: 0 });
    const again = await importSales(database.storage, FILE, { now: NOW, keepGoodRows: true });
    expect(again).toMatchObject({ ok: true, imported: 0, alreadyRecorded: 4 });
    expect(await salesCount()).toBe(4);

    // History now begins at the earliest sale, 03-09 local (03-08 14:00Z).
    const history = await velocityDb(database.storage.db)
      .selectFrom('location_sales_history')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(history.sales_since).toBe('2026-03-08T14:00:00.000Z');

    // Window 03-08..03-14, tracked from 03-09: 6 days; 4 + 2 − 1 + 1 = 6 units → 1 unit/day.
    const velocity = await readUnitsPerDay(database.storage.db, 'brisbane', ['item-a'], {
      now: NOW,
      windowDays: 7,
      minCountedDays: 3,
    });
    expect(velocity.get('item-a')).toBeCloseTo(1, 9);
  });

  it('refuses a file whose header names no quantity column', async () => {
    const result = await importSales(
      database.storage,
      'location,sku,date\nbrisbane,SKU-A,2026-03-09',
      {
        now: NOW,
      },
    );
    expect(result).toMatchObject({ ok: false, reason: 'bad_header' });
    if (result.ok) return;
    expect(result.errors[0]?.message).toBe("line 1: the header has no 'quantity' column");
  });
});
