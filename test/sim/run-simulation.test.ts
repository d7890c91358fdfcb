import { beforeAll, describe, expect, it } from 'vitest';

import type { DailySales } from '../../src/demo/read-sales-file.js';
import { readSalesFile } from '../../src/demo/read-sales-file.js';
import type { SimulationProgress, SimulationResult } from '../../src/sim/index.js';
import { POLICY_NAMES, runSimulation } from '../../src/sim/index.js';
import { M5_TEST_FILE, needsSharedData, withSharedData } from '../support/shared-data.js';

const M5_TEST = M5_TEST_FILE;

// The slice: the first 20 items of the first two stores (CA_1, CA_2), all 28 days.
const slice: DailySales[] = [];
const slicePick = { stores: ['CA_1', 'CA_2'], items: 20 };

beforeAll(async () => {
  if (!withSharedData) return;
  const firstItems = new Map<string, Set<string>>();
  for await (const row of readSalesFile(M5_TEST)) {
    if (!slicePick.stores.includes(row.store)) continue;
    const items = firstItems.get(row.store) ?? new Set<string>();
    firstItems.set(row.store, items);
    if (!items.has(row.sku) && items.size >= slicePick.items) continue;
    items.add(row.sku);
    slice.push(row);
  }
});

describe.runIf(withSharedData)(
  needsSharedData('runSimulation on a slice of the real M5 file'),
  () => {
    it('reads the file itself and picks the same 40 levels and 28 days', async () => {
      const result = await runSimulation({ sales: M5_TEST, ...slicePick, policies: ['webhooks'] });

      expect(result.input.levels).toBe(40);
      expect(result.input.dayCount).toBe(28);
      expect(result.input.firstDay).toBe('2016-05-23');
      expect(result.input.lastDay).toBe('2016-06-19');
      expect(result.input.unitsInFile).toBe(slice.reduce((sum, row) => sum + row.units, 0));
    });

    it('conserves every unit under every policy: sold + shrunk + misplaced + on shelf = start + received', async () => {
      const result = await runSimulation({ sales: slice, seed: 3 });

      expect(result.policies.map((outcome) => outcome.policy)).toEqual([...POLICY_NAMES]);
      for (const { units, record, policy } of result.policies) {
        const out = units.soldAtTill + units.soldAtPickup + units.shrunk + units.misplaced;
        expect(out + units.onShelfAtEnd, policy).toBe(units.startingStock + units.received);
        expect(units.conserved, policy).toBe(true);
        const recorded = record.startingStock + record.receivedAsRecorded - record.soldAsRecorded;
        expect(record.onHandAtEnd, policy).toBe(recorded + record.countCorrections);
      }
    });

    it('conserves units when shrink, misplacement, scan and receiving errors are all frequent', async () => {
      const result = await runSimulation({
        sales: slice,
        seed: 11,
        shrinkRate: 0.2,
        misplacementRate: 0.1,
        scanErrorRate: 0.2,
        receivingErrorRate: 0.5,
      });

      for (const outcome of result.policies) {
        expect(outcome.units.conserved, outcome.policy).toBe(true);
        expect(outcome.record.consistent, outcome.policy).toBe(true);
        expect(outcome.units.shrunk, outcome.policy).toBeGreaterThan(0);
      }
    });

    it('accounts for every online order and every promise', async () => {
      const result = await runSimulation({ sales: slice, seed: 5 });

      for (const { online, promises, policy } of result.policies) {
        expect(promises.made + online.refused, policy).toBe(online.orders);
        expect(promises.kept + promises.broken + promises.openAtEnd, policy).toBe(promises.made);
        const causes = promises.brokenBy;
        expect(causes.staleView + causes.ghostUnits + causes.takenBeforePick, policy).toBe(
          promises.broken,
        );
      }
    });

    it('gives byte-identical JSON for the same seed', async () => {
      const first = JSON.stringify(await runSimulation({ sales: slice, seed: 42 }));
      const second = JSON.stringify(await runSimulation({ sales: slice, seed: 42 }));

      expect(second).toBe(first);
    });

    describe('with different seeds', () => {
      let runs: SimulationResult[] = [];
      beforeAll(async () => {
        runs = [
          await runSimulation({ sales: slice, seed: 1 }),
          await runSimulation({ sales: slice, seed: 2 }),
        ];
      });

      it('draws different shoppers', () => {
        expect(JSON.stringify(runs[0]!.policies)).not.toBe(JSON.stringify(runs[1]!.policies));
      });

      it('keeps the online share within 15 % ± 3 points', () => {
        // 1,823 units, each online with p = 0.15: sd √(0.15 × 0.85 / 1823) = 0.84 points, so a
        // 3-point band is over 3.5 sd.
        for (const run of runs) {
          const orders = run.policies[0]!.online.orders;
          expect(orders / run.input.unitsInFile).toBeGreaterThan(0.12);
          expect(orders / run.input.unitsInFile).toBeLessThan(0.18);
        }
      });

      it('keeps shrink between 10 and 50 units', () => {
        // 1.6 % of 1,823 units is 29 expected (fewer when the shelf is empty); Poisson sd 5.4.
        for (const run of runs) {
          expect(run.policies[1]!.units.shrunk).toBeGreaterThanOrEqual(10);
          expect(run.policies[1]!.units.shrunk).toBeLessThanOrEqual(50);
        }
      });

      it('keeps the share of wrong records within 0.3 between the two seeds', () => {
        // 40 levels: a share's sd is at most √(0.25 / 40) = 0.079, a difference's 0.112; 0.3 is
        // 2.7 sd of the worst case.
        for (let policy = 0; policy < POLICY_NAMES.length; policy += 1) {
          const [a, b] = runs.map((run) => run.policies[policy]!.endOfRun.wrongShare);
          expect(Math.abs(a! - b!)).toBeLessThanOrEqual(0.3);
        }
      });
    });

    it('reports progress for every day of every policy, ending at the total event count', async () => {
      const seen: SimulationProgress[] = [];
      const result = await runSimulation({
        sales: slice,
        policies: ['webhooks', 'webhooks_buffers'],
        onProgress: (progress) => seen.push(progress),
      });

      expect(seen).toHaveLength(2 * 28);
      expect(seen[0]).toMatchObject({ policy: 'webhooks', policyIndex: 0, policyCount: 2, day: 1 });
      expect(seen.at(-1)).toMatchObject({ policy: 'webhooks_buffers', day: 28, dayCount: 28 });
      expect(seen.at(-1)!.eventsSimulated).toBe(result.eventsSimulated);
    });
  },
);

describe('an ERP connector that pushes absolute stock on a schedule', () => {
  it('promises units the till sold since the last push, and hides units received since', async () => {
    // One fast item (200 units a day, a tenth online) stocked for a third of a day: the till
    // sells it out around midday. The connector pushes at 00:00, 10:00 and 20:00, so orders
    // between the sell-out and 20:00 see stock that is gone (a stale view), and the 07:00
    // delivery stays hidden until 10:00. Webhooks close both gaps to 5 s.
    const days = Array.from(
      { length: 14 },
      (_, day) => `2024-03-${String(day + 4).padStart(2, '0')}`,
    );
    const sales = days.map((day) => ({
      store: 'S1',
      sku: 'FAST',
      category: null,
      day,
      units: 200,
    }));
    const result = await runSimulation({
      sales,
      seed: 9,
      onlineShare: 0.1,
      erpPushEveryMinutes: 600,
      policies: ['erp_30min', 'webhooks'],
      replenishment: { orderUpToDaysOfCover: 0.3, reviewPeriodDays: 1, leadTimeDays: 1 },
    });
    const [erp, webhooks] = result.policies;

    expect(erp!.promises.brokenBy.staleView).toBeGreaterThanOrEqual(4);
    expect(webhooks!.promises.brokenBy.staleView).toBe(0);
    expect(erp!.online.refusedWhileOnShelf).toBeGreaterThan(webhooks!.online.refusedWhileOnShelf);
  });
});
