import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferSettingsSchema } from '../../../src/engine/buffers/buffer-settings.js';
import { explainLevel } from '../../../src/engine/buffers/explain-level.js';
import { STORE_LOSS_COUNTING } from '../../../src/engine/buffers/observed-store-loss.js';
import { velocityDb } from '../../../src/engine/velocity/velocity-database.js';
import type { AuditDb } from '../../../src/reports/audit/audit-db.js';
import { ManualClock } from '../../../src/shared/clock.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { recomputeWorker, recordSale, seedItemAt, seedStore, useRules } from './buffer-fixture.js';

// Noon in Brisbane (UTC+10) on 2026-03-15; the 7-day velocity window is 03-08..03-14 local.
const NOW = '2026-03-15T02:00:00.000Z';

// Risk mode, 2% target, W = (1 800 + 12 600) s = 4 h = 1/6 day; the policy itself assumes no
// shrink and no ghost units, so a store without counts of its own gets exactly that.
const risk = {
  version: 1 as const,
  chainDefault: {
    id: 'chain-risk',
    policy: {
      kind: 'risk' as const,
      targetShortfallProbability: 0.02,
      syncDelaySeconds: 1800,
      orderToPickupSeconds: 12_600,
    },
  },
};

type Line = { item: string; system: number; counted: number };

async function recordCounts(storage: Storage, location: string, lines: Line[]): Promise<void> {
  const db = storage.db as unknown as AuditDb;
  const importId = `count-${location}`;
  await db
    .insertInto('count_imports')
    .values({
      id: importId,
      source_name: null,
      status: 'accepted',
      started_at: NOW,
      keep_good_rows: 0,
      lines_read: lines.length,
      lines_accepted: lines.length,
      lines_rejected: 0,
    })
    .execute();
  for (const [index, line] of lines.entries()) {
    await db
      .insertInto('count_lines')
      .values({
        import_id: importId,
        location_handle: location,
        item_id: line.item,
        first_line: index + 2,
        last_line: index + 2,
        line_count: 1,
        counted_quantity: line.counted,
        counted_at: '2026-03-01T00:00:00.000Z',
        system_basis: 'ledger',
        system_on_hand: line.system,
        variance: line.counted - line.system,
        reconciled_at: '2026-03-01T00:00:00.000Z',
        reopened: 0,
      })
      .execute();
  }
}

describe('risk mode with the store’s own shrink and count variance', () => {
  let database: TestDatabase;
  let clock: ManualClock;

  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(NOW);
    const { storage } = database;
    for (const handle of ['counted', 'uncounted']) {
      await seedStore(storage, { handle, timeZone: 'Australia/Brisbane' }, '2026-01-01T00:00:00Z');
      await seedItemAt(storage, { id: 'item-a', sku: 'SKU-A', category: 'tees' }, handle, 10);
      // item-a sells 6 units at local noon on each day of the window: v = 6 units/day.
      for (let day = 8; day <= 14; day += 1) {
        const at = new Date(Date.UTC(2026, 2, day, 2)).toISOString();
        await recordSale(storage, {
          ref: `${handle}-${day}`,
          item: 'item-a',
          location: handle,
          quantity: 6,
          at,
        });
      }
    }
    await seedItemAt(storage, { id: 'item-b', sku: 'SKU-B', category: 'tees' }, 'counted', 10);
    // 58 more units of a counted item inside the 91-day counted period, before the window.
    await recordSale(storage, {
      ref: 'counted-b',
      item: 'item-b',
      location: 'counted',
      quantity: 58,
      at: '2026-02-10T02:00:00.000Z',
    });

    // 'counted': 20 items counted (the minimum). Ten are one unit short (ghost 1), ten one
    // unit over (ghost 0): item-a, item-b and c11..c18.
    const short = Array.from({ length: 10 }, (_, n) => ({
      item: `c${String(n + 1).padStart(2, '0')}`,
      system: 5,
      counted: 4,
    }));
    const over = ['item-a', 'item-b', ...Array.from({ length: 8 }, (_, n) => `c${n + 11}`)].map(
      (item) => ({ item, system: 5, counted: 6 }),
    );
    await recordCounts(storage, 'counted', [...short, ...over]);
    // 'uncounted': only 5 items counted, each 3 short; too few, so the policy's figures stand.
    await recordCounts(
      storage,
      'uncounted',
      ['item-a', 'd1', 'd2', 'd3', 'd4'].map((item) => ({ item, system: 8, counted: 5 })),
    );
    await useRules(storage, risk, clock);
  });
  afterEach(async () => {
    await database.close();
  });

  it('uses a store’s own figures once enough items are counted, and the policy’s below that', async () => {
    const { storage } = database;
    expect(STORE_LOSS_COUNTING.minCountedItems).toBe(20);

    await recomputeWorker(storage, clock).runOnce();

    // By hand, 'counted':
    //   ghost units per item: ten 1s, ten 0s → Σ 10, mean m = 0.5,
    //   sample variance σ² = 20 × 0.25 / 19 = 5/19 ≈ 0.263 ≤ m → G ~ Poisson(0.5);
    //   counted − system: ten −1, ten +1 → mean 0, count variance 20 / 19;
    //   units sold by the counted items in the period: 7 × 6 (item-a) + 58 (item-b) = 100,
    //   shrink rate s = 10 / 100 = 0.1.
    //   D + S ~ Poisson(v W (1 + s)) = Poisson(6 × 1/6 × 1.1) = Poisson(1.1); L ~ Poisson(1.6).
    //   Poisson(1.6): P(L ≤ 4) = e^−1.6 (1 + 1.6 + 1.28 + 0.68267 + 0.27307) = 0.976318,
    //   P(L > 4) = 2.37% > 2%; P(L ≤ 5) adds 0.017642 → P(L > 5) = 0.604% ≤ 2% → b = 5.
    // By hand, 'uncounted' (policy: s = 0, no ghost units): L ~ Poisson(1), P(L > 3) = 1.90%,
    //   P(L > 2) = 8.03% → b = 3 (RISK_MODE.md's worked example).
    const buffers = await velocityDb(storage.db)
      .selectFrom('level_buffers')
      .select(['location_handle', 'buffer_units'])
      .where('item_id', '=', 'item-a')
      .orderBy('location_handle')
      .execute();
    expect(buffers).toEqual([
      { location_handle: 'counted', buffer_units: 5 },
      { location_handle: 'uncounted', buffer_units: 3 },
    ]);

    const settings = bufferSettingsSchema.parse({ windowDays: 7, minCountedDays: 3 });
    const counted = await explainLevel(
      storage.db,
      { itemId: 'item-a', locationHandle: 'counted' },
      settings,
      clock.now(),
    );
    if (!counted.ok) throw new Error('item-a is stocked at counted');
    const loss = counted.explanation.storeLoss!;
    expect(loss).toMatchObject({ countedItems: 20, ghostUnits: 10, unitsSold: 100 });
    expect(loss.shrinkRate).toBeCloseTo(0.1, 12);
    expect(loss.ghostUnitsMean).toBeCloseTo(0.5, 12);
    expect(loss.ghostUnitsVariance).toBeCloseTo(5 / 19, 12);
    expect(loss.countVariance).toBeCloseTo(20 / 19, 12);
    expect(loss.observation).not.toBeNull();
    const rule = counted.explanation.rule as { reason: string };
    expect(rule.reason).toContain('chance at 5 units: 0.6%');

    const uncounted = await explainLevel(
      storage.db,
      { itemId: 'item-a', locationHandle: 'uncounted' },
      settings,
      clock.now(),
    );
    if (!uncounted.ok) throw new Error('item-a is stocked at uncounted');
    // 5 items, each 3 short: ghost 15 units over 42 sold, but 5 < 20 counted items.
    expect(uncounted.explanation.storeLoss).toMatchObject({
      countedItems: 5,
      ghostUnits: 15,
      unitsSold: 42,
      observation: null,
    });
    expect((uncounted.explanation.rule as { reason: string }).reason).toContain(
      'chance at 3 units: 1.9%',
    );
  });
});
