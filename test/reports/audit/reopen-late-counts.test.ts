import { afterEach, describe, expect, it } from 'vitest';
import { auditDb } from '../../../src/reports/audit/audit-db.js';
import { buildAuditReport } from '../../../src/reports/audit/build-audit-report.js';
import { reopenLateCounts } from '../../../src/reports/audit/reopen-late-counts.js';
import { importCounts } from '../../../src/sources/counts/import-counts.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { LevelLedger, at, clockAt, seedItem, seedLocation } from './audit-fixture.js';

describe(`reopening counts on ${testEngine}`, () => {
  let database: TestDatabase | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it('reopens a count when an event dated before it arrives after it was reconciled', async () => {
    database = await openTestDatabase();
    const { storage } = database;
    await seedLocation(storage, { handle: 'north' });
    await seedItem(storage, { id: 'kettle', sku: 'KETTLE' });
    await seedItem(storage, { id: 'mug', sku: 'MUG' });
    const kettle = await LevelLedger.open(storage, 'kettle', 'north', 10, at(9));
    const mug = await LevelLedger.open(storage, 'mug', 'north', 10, at(9));

    // Both counted at 12:00, uploaded at 13:00: the books say 10 each.
    await importCounts(
      storage,
      [
        'location,sku,counted_quantity,counted_at',
        'north,KETTLE,8,2026-03-01T12:00:00Z',
        'north,MUG,10,2026-03-01T12:00:00Z',
      ],
      { clock: clockAt(at(13)) },
    );
    // At 15:00 two late webhooks land: 2 kettles sold at 11:00 (before the count), and a mug
    // sold at 12:30 (after it, so not part of the count's figure).
    await kettle.posSale(2, at(11), at(15));
    await mug.posSale(1, at(12.5), at(15));

    const reopened = await reopenLateCounts(auditDb(storage), clockAt(at(16)));

    expect(reopened).toBe(1);
    const lines = await auditDb(storage)
      .selectFrom('count_lines')
      .select(['item_id', 'system_on_hand', 'variance', 'reopened', 'reopened_at', 'reconciled_at'])
      .orderBy('item_id')
      .execute();
    // Kettle: 10 − 2 = 8 at the count; the 2 "ghosts" were sales. Mug: unchanged.
    expect(lines).toEqual([
      {
        item_id: 'kettle',
        system_on_hand: 8,
        variance: 0,
        reopened: 1,
        reopened_at: at(16),
        reconciled_at: at(16),
      },
      {
        item_id: 'mug',
        system_on_hand: 10,
        variance: 0,
        reopened: 0,
        reopened_at: null,
        reconciled_at: at(13),
      },
    ]);

    // The same late sale does not reopen it again.
    expect(await reopenLateCounts(auditDb(storage), clockAt(at(17)))).toBe(0);
  });

  it('reopens counts before reporting, and the report flags them', async () => {
    database = await openTestDatabase();
    const { storage } = database;
    await seedLocation(storage, { handle: 'north' });
    await seedItem(storage, { id: 'kettle', sku: 'KETTLE', costCents: 1000 });
    const kettle = await LevelLedger.open(storage, 'kettle', 'north', 10, at(9));
    await importCounts(
      storage,
      ['location,sku,counted_quantity,counted_at', 'north,KETTLE,8,2026-03-01T12:00:00Z'],
      { clock: clockAt(at(13)) },
    );
    await kettle.posSale(1, at(10), at(15));

    const report = await buildAuditReport(storage, { clock: clockAt(at(16)) });

    // 10 − 1 = 9 at the count, 8 counted: 1 ghost, not 2.
    expect(report.reopenedNow).toBe(1);
    expect(report.chain).toMatchObject({ systemUnits: 9, ghostUnits: 1, reopenedCounts: 1 });
    expect(report.worstItems[0]).toMatchObject({ itemId: 'kettle', variance: -1, reopened: true });
  });
});
