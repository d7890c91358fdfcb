import { beforeAll, describe, expect, it } from 'vitest';

import type { BufferRulesFile } from '../../../src/domain/buffers/index.js';
import type { DailySales } from '../../../src/demo/read-sales-file.js';
import { readSalesFile } from '../../../src/demo/read-sales-file.js';
import { simulateRuleOutlook } from '../../../src/engine/buffers/simulate-rule-outlook.js';
import { runSimulation } from '../../../src/sim/index.js';
import { M5_TEST_FILE, needsSharedData, withSharedData } from '../../support/shared-data.js';

const M5_TEST = M5_TEST_FILE;

// The slice: the first 30 items of CA_1 and CA_2; the first 21 days are simulated.
const slice: DailySales[] = [];
const pick = { stores: ['CA_1', 'CA_2'], items: 30 };

beforeAll(async () => {
  const firstItems = new Map<string, Set<string>>();
  for await (const row of readSalesFile(M5_TEST)) {
    if (!pick.stores.includes(row.store)) continue;
    const items = firstItems.get(row.store) ?? new Set<string>();
    firstItems.set(row.store, items);
    if (!items.has(row.sku) && items.size >= pick.items) continue;
    items.add(row.sku);
    slice.push(row);
  }
});

const fixed = (units: number): BufferRulesFile => ({
  version: 1,
  chainDefault: { id: `fixed-${units}`, policy: { kind: 'fixed', units } },
});

describe.runIf(withSharedData)(needsSharedData('the preview’s expected broken promises'), () => {
  it('shows fewer broken promises under a bigger buffer, with the figures of a direct run', async () => {
    const outlook = await simulateRuleOutlook(
      slice,
      { current: fixed(0), proposed: fixed(3) },
      { days: 21, seed: 11 },
    );

    // The same simulation run directly, one rule set at a time, with the same seed and days.
    const direct = async (rules: BufferRulesFile) => {
      const result = await runSimulation({
        sales: slice,
        policies: ['webhooks_buffers'],
        days: 21,
        seed: 11,
        buffer: { kind: 'rules', rules },
      });
      return result.policies[0]!;
    };
    const zero = await direct(fixed(0));
    const three = await direct(fixed(3));

    expect(outlook).toMatchObject({ seed: 11, days: 21, stores: ['CA_1', 'CA_2'] });
    expect(outlook.current).toEqual({
      promisesMade: zero.promises.made,
      promisesBroken: zero.promises.broken,
      brokenPromiseRate: zero.promises.brokenRate,
      onlineOrders: zero.online.orders,
      refusedWithStock: zero.online.refusedWhileOnShelf,
      refusedWithStockRate: zero.online.refusedWhileOnShelf / zero.online.orders,
      meanBufferUnits: 0,
    });
    expect(outlook.proposed).toMatchObject({
      promisesBroken: three.promises.broken,
      brokenPromiseRate: three.promises.brokenRate,
      refusedWithStock: three.online.refusedWhileOnShelf,
      meanBufferUnits: 3,
    });

    // The direction: a buffer of 3 breaks fewer promises and refuses more orders with stock.
    expect(outlook.current.promisesBroken).toBeGreaterThan(0);
    expect(outlook.proposed.brokenPromiseRate!).toBeLessThan(outlook.current.brokenPromiseRate!);
    expect(outlook.proposed.refusedWithStockRate!).toBeGreaterThan(
      outlook.current.refusedWithStockRate!,
    );
  });
});
