import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAuditReport } from '../../../src/reports/audit/build-audit-report.js';
import { importCounts } from '../../../src/sources/counts/import-counts.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { LevelLedger, clockAt, seedItem, seedLocation } from './audit-fixture.js';

function day(date: string): string {
  return `${date}T00:00:00.000Z`;
}

/**
 * Three stores, three items, books as of the count (2026-03-10 00:00Z):
 *
 *            kettle (kitchen, cost 20.00, retail 50.00)   mug (kitchen, 3.00/9.00)   towel (bath, 5.00/15.00)
 *   north    system 10, counted 8                        20 / 20                     10 / 11
 *   south     5 / 5                                      30 / 29                     15 / 15
 *   west      4 / 0                                      10 / 10 (3 sold after)       6 / 6
 */
async function seedChain(storage: Storage): Promise<void> {
  for (const handle of ['north', 'south', 'west'])
    await seedLocation(storage, { handle, name: `Store ${handle}` });
  await seedItem(storage, {
    id: 'kettle',
    sku: 'KETTLE',
    category: 'kitchen',
    costCents: 2000,
    priceCents: 5000,
  });
  await seedItem(storage, {
    id: 'mug',
    sku: 'MUG',
    category: 'kitchen',
    costCents: 300,
    priceCents: 900,
  });
  await seedItem(storage, {
    id: 'towel',
    sku: 'TOWEL',
    category: 'bath',
    costCents: 500,
    priceCents: 1500,
  });

  // North kettle: 2 read, 3 sold at the till (available −1), 11 received: 10.
  const northKettle = await LevelLedger.open(storage, 'kettle', 'north', 2, day('2026-02-15'));
  await northKettle.posSale(3, day('2026-02-16'));
  await northKettle.receive(11, day('2026-02-17'));
  await LevelLedger.open(storage, 'mug', 'north', 20, day('2026-02-10'));
  // North towel: 12 read, 2 written off with no cause: 10.
  const northTowel = await LevelLedger.open(storage, 'towel', 'north', 12, day('2026-02-10'));
  await northTowel.adjust(-2, day('2026-02-20'));

  await LevelLedger.open(storage, 'kettle', 'south', 5, day('2026-02-10'));
  await LevelLedger.open(storage, 'mug', 'south', 30, day('2026-02-10'));
  await LevelLedger.open(storage, 'towel', 'south', 15, day('2026-02-10'));

  // West kettle: 20 read on 02-20, 2 sold a day 02-21..02-28 (16), then silence: 4.
  const westKettle = await LevelLedger.open(storage, 'kettle', 'west', 20, day('2026-02-20'));
  for (let d = 21; d <= 28; d += 1) await westKettle.posSale(2, day(`2026-02-${d}`));
  const westMug = await LevelLedger.open(storage, 'mug', 'west', 10, day('2026-02-10'));
  await westMug.posSale(3, '2026-03-10T05:00:00.000Z');
  await LevelLedger.open(storage, 'towel', 'west', 6, day('2026-02-10'));

  const lines = [
    ['north', 'KETTLE', 8],
    ['north', 'MUG', 20],
    ['north', 'TOWEL', 11],
    ['south', 'KETTLE', 5],
    ['south', 'MUG', 29],
    ['south', 'TOWEL', 15],
    ['west', 'KETTLE', 0],
    ['west', 'MUG', 10],
    ['west', 'TOWEL', 6],
  ].map(([store, sku, counted]) => `${store},${sku},${counted},2026-03-10T10:00:00+10:00`);
  const imported = await importCounts(
    storage,
    ['location,sku,counted_quantity,counted_at', ...lines],
    { clock: clockAt('2026-03-10T08:00:00.000Z') },
  );
  expect(imported.ok).toBe(true);
}

describe(`the audit report on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    await seedChain(database.storage);
  });
  afterEach(async () => {
    await database.close();
  });

  it('works out drift, ghost units and their value per store, category and chain', async () => {
    const report = await buildAuditReport(database.storage, {
      thresholdPercent: 3,
      clock: clockAt('2026-03-11T00:00:00.000Z'),
    });

    // Chain: Σ system 40 + 50 + 20 = 110, Σ |variance| 3 + 1 + 4 = 8: 7.27%.
    expect(report.chain).toMatchObject({
      counts: 9,
      systemUnits: 110,
      countedUnits: 104,
      absoluteVarianceUnits: 8,
      driftPercent: 7.27,
      ghostUnits: 7,
      foundUnits: 1,
      // Ghosts: 2 kettles north + 1 mug south + 4 kettles west.
      ghostValue: { costCents: 2 * 2000 + 300 + 4 * 2000, retailCents: 2 * 5000 + 900 + 4 * 5000 },
      // Found: 1 towel north.
      foundValue: { costCents: 500, retailCents: 1500 },
    });

    // West first (20%), north (3/40 = 7.5%), south (1/50 = 2%, under the threshold).
    expect(
      report.stores.map((s) => [
        s.locationHandle,
        s.systemUnits,
        s.absoluteVarianceUnits,
        s.driftPercent,
        s.overThreshold,
      ]),
    ).toEqual([
      ['west', 20, 4, 20, true],
      ['north', 40, 3, 7.5, true],
      ['south', 50, 1, 2, false],
    ]);
    const north = report.stores.find((s) => s.locationHandle === 'north')!;
    expect(north).toMatchObject({
      ghostUnits: 2,
      foundUnits: 1,
      ghostValue: { costCents: 4000, retailCents: 10000 },
      foundValue: { costCents: 500, retailCents: 1500 },
    });

    // Kitchen: system 10 + 20 + 5 + 30 + 4 + 10 = 79, |variance| 2 + 1 + 4 = 7: 8.86%.
    // Bath: 10 + 15 + 6 = 31, 1: 3.23%.
    expect(
      report.categories.map((c) => [
        c.category,
        c.systemUnits,
        c.absoluteVarianceUnits,
        c.driftPercent,
      ]),
    ).toEqual([
      ['kitchen', 79, 7, 8.86],
      ['bath', 31, 1, 3.23],
    ]);
  });

  it('ranks the worst items by value and names their likely causes from the ledger', async () => {
    const report = await buildAuditReport(database.storage, {
      clock: clockAt('2026-03-11T00:00:00.000Z'),
    });

    // |variance| × cost: west kettle 8,000, north kettle 4,000, north towel 500, south mug 300.
    expect(
      report.worstItems.map((w) => [
        w.locationHandle,
        w.itemId,
        w.systemOnHand,
        w.countedQuantity,
        w.variance,
        w.varianceCostCents,
      ]),
    ).toEqual([
      ['west', 'kettle', 4, 0, -4, -8000],
      ['north', 'kettle', 10, 8, -2, -4000],
      ['north', 'towel', 10, 11, 1, 500],
      ['south', 'mug', 30, 29, -1, -300],
    ]);
    const causes = report.worstItems.map((w) => w.likelyCauses);
    // West kettle: 16 sold over the 8 days from its first read to its last sale (2/day), then
    // 10 days without one: 20 expected.
    expect(causes[0]).toEqual([
      { kind: 'no_sale_for_days', velocityPerDay: 2, daysWithoutSale: 10, expectedUnits: 20 },
    ]);
    expect(causes[1]).toEqual([{ kind: 'sold_below_zero', times: 1, lowestAvailable: -1 }]);
    expect(causes[2]).toEqual([{ kind: 'unexplained_adjustments', movements: 1, netUnits: -2 }]);
    expect(causes[3]).toEqual([]);
  });

  it('keeps counts outside the window out', async () => {
    const report = await buildAuditReport(database.storage, {
      from: '2026-03-10T00:00:01Z',
      clock: clockAt('2026-03-11T00:00:00.000Z'),
    });

    expect(report.chain.counts).toBe(0);
    expect(report.chain.driftPercent).toBeNull();
    expect(report.stores).toEqual([]);
    expect(report.window).toEqual({ from: '2026-03-10T00:00:01.000Z', to: null });
  });

  it('weighs an item counted twice by its later count only', async () => {
    // A recount of the west kettle an hour later finds 3 after all: 4 − 3 = 1 ghost.
    await importCounts(
      database.storage,
      ['location,sku,counted_quantity,counted_at', 'west,KETTLE,3,2026-03-10T01:00:00Z'],
      { clock: clockAt('2026-03-10T09:00:00.000Z') },
    );

    const report = await buildAuditReport(database.storage, {
      clock: clockAt('2026-03-11T00:00:00.000Z'),
    });

    const west = report.stores.find((s) => s.locationHandle === 'west')!;
    expect([west.counts, west.systemUnits, west.absoluteVarianceUnits, west.driftPercent]).toEqual([
      3, 20, 1, 5,
    ]);
  });
});
