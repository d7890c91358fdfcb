import { afterEach, describe, expect, it } from 'vitest';
import { auditDb } from '../../../src/reports/audit/audit-db.js';
import { importCounts } from '../../../src/sources/counts/import-counts.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { LevelLedger, at, clockAt, levelRow, seedItem, seedLocation } from './audit-fixture.js';

describe(`reconciliation as of the count on ${testEngine}`, () => {
  let database: TestDatabase | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it('compares a count taken while sales continue with the books at the count instant', async () => {
    database = await openTestDatabase();
    const { storage } = database;
    await seedLocation(storage, { handle: 'bne-city', timeZone: 'Australia/Brisbane' });
    await seedItem(storage, { id: 'mug', sku: 'MUG-1', costCents: 400, priceCents: 1200 });
    await seedItem(storage, { id: 'tea', sku: 'TEA-1', costCents: 300, priceCents: 900 });

    // Mug: 20 on hand, 2 and 1 sold before the count (02:30Z), 3 and 1 sold after it.
    const mug = await LevelLedger.open(storage, 'mug', 'bne-city', 20, at(0));
    await mug.posSale(2, at(1));
    await mug.posSale(1, at(2));
    await mug.posSale(3, at(3));
    await mug.posSale(1, at(5));
    // Tea: 10 on hand, one sold at the very instant of the count: that sale is before it.
    const tea = await LevelLedger.open(storage, 'tea', 'bne-city', 10, at(0));
    await tea.posSale(1, at(2.5));

    const result = await importCounts(
      storage,
      [
        'location,sku,counted_quantity,counted_at,counter,area',
        'bne-city,MUG-1,10,2026-03-01T12:30:00+10:00,ana,floor',
        'bne-city,MUG-1,5,2026-03-01T12:25:00+10:00,ana,back room',
        'bne-city,TEA-1,9,2026-03-01T12:30:00+10:00,ana,floor',
      ],
      { clock: clockAt(at(7)) },
    );
    expect(result.ok).toBe(true);

    const counts = await auditDb(storage)
      .selectFrom('count_lines')
      .select([
        'item_id',
        'counted_quantity',
        'counted_at',
        'line_count',
        'first_line',
        'last_line',
        'area',
        'level_on_hand',
        'moved_after_count',
        'system_on_hand',
        'variance',
        'system_basis',
      ])
      .orderBy('item_id')
      .execute();

    // Mug: on hand now 13; −3 and −1 are dated after the count, so the books said
    // 13 − (−4) = 17 = 20 − 2 − 1 at 02:30Z. The shelf held 10 + 5 = 15: 2 ghost units.
    // Against today's 13 the same count would have looked like 2 found units.
    expect(counts[0]).toEqual({
      item_id: 'mug',
      counted_quantity: 15,
      counted_at: '2026-03-01T02:30:00.000Z',
      line_count: 2,
      first_line: 2,
      last_line: 3,
      area: 'floor',
      level_on_hand: 13,
      moved_after_count: -4,
      system_on_hand: 17,
      variance: -2,
      system_basis: 'ledger',
    });
    // Tea: 10 − 1 = 9 at the count, 9 counted.
    expect(counts[1]).toMatchObject({ item_id: 'tea', system_on_hand: 9, variance: 0 });

    if (!result.ok) return;
    expect(result.summary).toEqual({
      counts: 2,
      unreconciled: 0,
      systemUnits: 17 + 9,
      countedUnits: 15 + 9,
      ghostUnits: 2,
      foundUnits: 0,
    });
  });

  it('treats a level with no movement before the count by how far its books reach', async () => {
    database = await openTestDatabase();
    const { storage } = database;
    await seedLocation(storage, { handle: 'bne-city' });
    await seedItem(storage, { id: 'late', sku: 'LATE' });
    await seedItem(storage, { id: 'quiet', sku: 'QUIET' });
    await seedItem(storage, { id: 'absent', sku: 'ABSENT' });

    // 'late' was first read after the count: the books do not reach back to it.
    await LevelLedger.open(storage, 'late', 'bne-city', 8, at(4));
    // 'quiet' has a level but no movement at all: it stood as it stands.
    await storage.db
      .insertInto('levels')
      .values(levelRow('quiet', 'bne-city', 6, 6))
      .execute();
    // 'absent' has no level there: the books say 0, so every counted unit is found.

    await importCounts(
      storage,
      [
        'location,sku,counted_quantity,counted_at',
        'bne-city,LATE,8,2026-03-01T02:00:00Z',
        'bne-city,QUIET,5,2026-03-01T02:00:00Z',
        'bne-city,ABSENT,2,2026-03-01T02:00:00Z',
      ],
      { clock: clockAt(at(7)) },
    );

    const counts = await auditDb(storage)
      .selectFrom('count_lines')
      .select(['item_id', 'system_basis', 'system_on_hand', 'variance'])
      .orderBy('item_id')
      .execute();
    expect(counts).toEqual([
      { item_id: 'absent', system_basis: 'no_level', system_on_hand: 0, variance: 2 },
      { item_id: 'late', system_basis: 'before_books', system_on_hand: null, variance: null },
      { item_id: 'quiet', system_basis: 'level_unchanged', system_on_hand: 6, variance: -1 },
    ]);
  });
});
