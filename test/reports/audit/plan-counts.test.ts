import { afterEach, describe, expect, it } from 'vitest';
import { planCounts } from '../../../src/reports/audit/plan-counts.js';
import { importCounts } from '../../../src/sources/counts/import-counts.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { LevelLedger, clockAt, seedItem, seedLocation } from './audit-fixture.js';

const NOW = '2026-03-29T00:00:00.000Z';

describe(`count planning on ${testEngine}`, () => {
  let database: TestDatabase | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it('ranks what to count by velocity × value × days since the last count × ghost likelihood', async () => {
    database = await openTestDatabase();
    const { storage } = database;
    await seedLocation(storage, { handle: 'north' });
    await seedItem(storage, { id: 'kettle', sku: 'KETTLE', costCents: 2000 });
    await seedItem(storage, { id: 'mug', sku: 'MUG', costCents: 300 });
    await seedItem(storage, { id: 'towel', sku: 'TOWEL', priceCents: 1500 });

    // Kettle: 28 sold over the 28-day window (1/day), sold below zero once; counted 10 days ago.
    const kettle = await LevelLedger.open(
      storage,
      'kettle',
      'north',
      1,
      '2026-02-20T00:00:00.000Z',
    );
    await kettle.posSale(2, '2026-03-02T00:00:00.000Z');
    await kettle.receive(40, '2026-03-03T00:00:00.000Z');
    for (let d = 4; d <= 16; d += 1)
      await kettle.posSale(2, `2026-03-${String(d).padStart(2, '0')}T00:00:00.000Z`);
    await importCounts(
      storage,
      ['location,sku,counted_quantity,counted_at', 'north,KETTLE,13,2026-03-19T00:00:00Z'],
      { clock: clockAt('2026-03-19T01:00:00.000Z') },
    );
    // Mug: never sold, never counted. Towel: no cost, so its price stands in; never counted.
    await LevelLedger.open(storage, 'mug', 'north', 30, '2026-02-20T00:00:00.000Z');
    await LevelLedger.open(storage, 'towel', 'north', 5, '2026-02-20T00:00:00.000Z');

    const plan = await planCounts(storage, { limit: 10, clock: clockAt(NOW) });

    expect(plan.stores).toHaveLength(1);
    const [kettleRow, towelRow, mugRow] = plan.stores[0]!.candidates;
    // Kettle: 2 + 13 × 2 = 28 units in 28 days = 1/day; 20.00; 10 days; 0.1 + 0.3 (below
    // zero) + 0.3 (no sale since 03-16: 13 days at 28/15 a day) = 0.7 → 1 × 20 × 10 × 0.7 = 140.
    expect(kettleRow).toMatchObject({
      rank: 1,
      itemId: 'kettle',
      score: 140,
      factors: {
        velocityPerDay: 1,
        unitValueCents: 2000,
        valueKnown: true,
        daysSinceLastCount: 10,
        daysFactor: 10,
        ghostLikelihood: 0.7,
        signals: ['sold_below_zero', 'no_sale_for_days'],
      },
    });
    // Towel: floor 0.1/day × 15.00 × 90 stand-in days × 0.1 = 13.5.
    expect(towelRow).toMatchObject({
      rank: 2,
      itemId: 'towel',
      score: 13.5,
      factors: {
        velocityPerDay: 0.1,
        unitValueCents: 1500,
        daysSinceLastCount: null,
        daysFactor: 90,
        ghostLikelihood: 0.1,
        signals: [],
      },
    });
    // Mug: 0.1 × 3.00 × 90 × 0.1 = 2.7.
    expect(mugRow).toMatchObject({ rank: 3, itemId: 'mug', score: 2.7 });
  });
});
