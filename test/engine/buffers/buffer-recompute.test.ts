import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { velocityDb } from '../../../src/engine/velocity/velocity-database.js';
import { openTestDatabase } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import {
  outboxRows,
  recomputeWorker,
  recordSale,
  seedItemAt,
  seedStore,
  useRules,
} from './buffer-fixture.js';

// Noon in Brisbane (UTC+10, no DST) on 2026-03-15; the 7-day window is 03-08..03-14 local.
const NOW = '2026-03-15T02:00:00.000Z';

// Tiered: under 0.5 units/day hold 1; from 0.5, max(2, ceil(v × 7 days of cover)).
const tiered = {
  version: 1 as const,
  chainDefault: {
    id: 'chain-tiered',
    policy: {
      kind: 'tiered' as const,
      bands: [
        { fromUnitsPerDay: 0, bufferUnits: 1 },
        { fromUnitsPerDay: 0.5, bufferUnits: 2, daysOfCover: 7 },
      ],
    },
  },
};

describe('buffer recompute from stored sales', () => {
  let database: TestDatabase;
  let clock: ManualClock;

  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(NOW);
    await seedStore(
      database.storage,
      { handle: 'brisbane', timeZone: 'Australia/Brisbane', googleStoreCode: 'BNE-1' },
      '2026-01-01T00:00:00.000Z',
    );
    await seedItemAt(
      database.storage,
      { id: 'item-a', sku: 'SKU-A', category: 'tees' },
      'brisbane',
      10,
    );
  });
  afterEach(async () => {
    await database.close();
  });

  it('counts days in the store’s own zone at UTC+10 and sets the tiered buffer', async () => {
    const { storage } = database;
    // 2026-03-07T15:00Z is 01:00 on 03-08 in Brisbane: inside the window (in UTC it is not).
    await recordSale(storage, {
      ref: 's1',
      item: 'item-a',
      location: 'brisbane',
      quantity: 3,
      at: '2026-03-07T15:00:00.000Z',
    });
    // 23:59 on 03-14 local: the last day of the window.
    await recordSale(storage, {
      ref: 's2',
      item: 'item-a',
      location: 'brisbane',
      quantity: 2,
      at: '2026-03-14T13:59:00.000Z',
    });
    // 00:00 on 03-15 local is today, still running: left out.
    await recordSale(storage, {
      ref: 's3',
      item: 'item-a',
      location: 'brisbane',
      quantity: 5,
      at: '2026-03-14T14:00:00.000Z',
    });
    // A refund on 03-10 local takes one back.
    await recordSale(storage, {
      ref: 'r1',
      item: 'item-a',
      location: 'brisbane',
      quantity: -1,
      at: '2026-03-10T00:00:00.000Z',
    });
    await useRules(storage, tiered, clock);

    const round = await recomputeWorker(storage, clock).runOnce();

    // Net 3 + 2 − 1 = 4 units over 7 days = 0.5714 units/day, in the 0.5 band:
    // max(2, ceil(0.5714 × 7)) = max(2, 4) = 4.
    expect(round).toMatchObject({ ran: true, levels: 1, changed: 1 });
    const stored = await velocityDb(storage.db)
      .selectFrom('level_buffers')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(stored.buffer_units).toBe(4);
    expect(stored.units_per_day).toBeCloseTo(4 / 7, 9);
    expect(stored.window_first_day).toBe('2026-03-08');
    expect(stored.window_last_day).toBe('2026-03-14');
    expect(stored.velocity_source).toBe('history');

    // The decision took it: gross 10 − buffer 4 = sellable 6, 4 units to safety stock.
    const decision = await storage.db.selectFrom('decisions').selectAll().executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ gross: 10, buffer: 4, sellable: 6, target_safety_stock: 4 });
  });

  it('publishes a buffer change once per channel, however many sales and rounds follow', async () => {
    const { storage } = database;
    for (let day = 8; day <= 14; day += 1) {
      // One sale each local day at 09:00 Brisbane (23:00 UTC the day before): 1 unit/day.
      const at = new Date(Date.UTC(2026, 2, day - 1, 23)).toISOString();
      await recordSale(storage, {
        ref: `d${day}`,
        item: 'item-a',
        location: 'brisbane',
        quantity: 1,
        at,
      });
    }
    await useRules(storage, tiered, clock);
    const worker = recomputeWorker(storage, clock);

    await worker.runOnce();
    // 7 units / 7 days = 1 unit/day: max(2, ceil(1 × 7)) = 7 units; sellable 10 − 7 = 3.
    let rows = await outboxRows(storage, 'item-a', 'brisbane');
    expect(rows.map((r) => [r.channel, r.target_version])).toEqual([
      ['google', 1],
      ['shopify', 1],
    ]);
    expect(JSON.parse(rows[1]!.target)).toEqual({ safetyStock: 7, reserved: 0 });

    // Five more sales today and three more rounds the same day: velocity counts whole days,
    // so nothing moves and nothing more is queued.
    for (let n = 0; n < 5; n += 1) {
      await recordSale(storage, {
        ref: `today${n}`,
        item: 'item-a',
        location: 'brisbane',
        quantity: 1,
        at: '2026-03-15T01:00:00.000Z',
      });
    }
    for (let round = 0; round < 3; round += 1) {
      clock.advance(60_000);
      worker.invalidate();
      await worker.runOnce();
    }
    rows = await outboxRows(storage, 'item-a', 'brisbane');
    expect(rows.map((r) => [r.channel, r.target_version])).toEqual([
      ['google', 1],
      ['shopify', 1],
    ]);
  });

  it('keeps the buffer in place while velocity moves less than the hysteresis threshold', async () => {
    const { storage } = database;
    // 7 units over 03-08..03-14: 1 unit/day → buffer 7.
    for (let day = 8; day <= 14; day += 1) {
      const at = new Date(Date.UTC(2026, 2, day - 1, 23)).toISOString();
      await recordSale(storage, {
        ref: `d${day}`,
        item: 'item-a',
        location: 'brisbane',
        quantity: 1,
        at,
      });
    }
    await useRules(storage, tiered, clock);
    const worker = recomputeWorker(storage, clock);
    await worker.runOnce();

    // Next day the window is 03-09..03-15: 03-08's sale drops out, 03-15 (11:00 local) sold
    // 2, so 6 + 2 = 8 units / 7 days = 1.143/day, up 14.3% (< 20%): max(2, ceil(8)) = 8 is
    // proposed, and the 7 in place stays.
    await recordSale(storage, {
      ref: 'x1',
      item: 'item-a',
      location: 'brisbane',
      quantity: 2,
      at: '2026-03-15T01:00:00.000Z',
    });
    clock.set('2026-03-16T02:00:00.000Z');
    await worker.runOnce();

    const stored = await velocityDb(storage.db)
      .selectFrom('level_buffers')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(stored.proposed_units).toBe(8);
    expect(stored.buffer_units).toBe(7);
    expect(stored.change_reason).toBe('velocity_steady');
    const rows = await outboxRows(storage, 'item-a', 'brisbane');
    expect(rows.find((r) => r.channel === 'shopify')?.target_version).toBe(1);
  });

  it('drops computed buffers when the rules are removed, so bufferUnits applies again', async () => {
    const { storage } = database;
    await useRules(storage, tiered, clock);
    const worker = recomputeWorker(storage, clock);
    await worker.runOnce();
    // No sales: 0 units/day over 7 counted days → the 0 band → 1 unit.
    expect(
      (await storage.db.selectFrom('decisions').select('buffer').executeTakeFirstOrThrow()).buffer,
    ).toBe(1);

    await velocityDb(storage.db).deleteFrom('buffer_rule_sets').execute();
    worker.invalidate();
    await worker.runOnce();
    // The location's bufferUnits is 0.
    expect(
      (await storage.db.selectFrom('decisions').select('buffer').executeTakeFirstOrThrow()).buffer,
    ).toBe(0);
  });
});
