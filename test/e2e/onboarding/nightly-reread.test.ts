import { afterEach, describe, expect, it } from 'vitest';
import { nightlyReread } from '../../../src/engine/onboarding/nightly-reread.js';
import { onboardingDb } from '../../../src/engine/onboarding/onboarding-database.js';
import { startSpine } from '../../support/spine-harness.js';
import type { Spine } from '../../support/spine-harness.js';
import { testEngine } from '../../support/test-storage.js';

describe(`the nightly re-read (${testEngine})`, () => {
  let spine: Spine | null = null;
  afterEach(async () => {
    await spine?.close();
    spine = null;
  });

  it('after three inventory webhooks were dropped, records three drift rows and corrects the mirror', async () => {
    spine = await startSpine({ stock: { north: { A: 5, B: 6, C: 7, D: 8 } }, bufferUnits: 0 });
    const s = spine;
    s.sandbox.webhooks.setFaults({ drop: { count: 3, topic: 'inventory_levels/update' } });
    const set = (sku: string, quantity: number) =>
      s.sandbox.store.setQuantity({
        inventoryItemId: s.itemIds[sku] ?? '',
        locationId: s.locationIds['north'] ?? '',
        name: 'available',
        quantity,
      });
    set('A', 2);
    set('B', 10);
    set('C', 0);
    await s.settle();
    s.sandbox.webhooks.setFaults({});
    // The signals never came: the mirror still shows the old counts.
    expect((await s.mirror('north', 'A'))['available']).toBe(5);

    const report = await nightlyReread(s.database.storage, s.running.shopify, {
      clock: s.running.context.clock,
      modes: { shopify: 'publish', google: 'shadow' },
      method: 'bulk',
      bulkPollMs: 1,
    });

    expect([report.drift, report.unchanged]).toEqual([3, 1]);
    const rows = await onboardingDb(s.database.storage.db)
      .selectFrom('drift_findings')
      .innerJoin('items', 'items.id', 'drift_findings.item_id')
      .select([
        'items.sku',
        'drift_findings.deltas',
        'drift_findings.units',
        'drift_findings.cause',
      ])
      .orderBy('items.sku')
      .execute();
    // An absolute set of available moves on hand by the same amount: A 5→2, B 6→10, C 7→0.
    expect(rows.map((r) => [r.sku, JSON.parse(r.deltas), r.units, r.cause])).toEqual([
      ['A', { available: -3, on_hand: -3 }, 6, 'missed_signal'],
      ['B', { available: 4, on_hand: 4 }, 8, 'missed_signal'],
      ['C', { available: -7, on_hand: -7 }, 14, 'missed_signal'],
    ]);
    for (const sku of ['A', 'B', 'C', 'D']) {
      const mirror = await s.mirror('north', sku);
      expect([mirror['available'], mirror['on_hand']]).toEqual([
        s.shopify('north', sku)['available'],
        s.shopify('north', sku)['on_hand'],
      ]);
    }
    expect((await s.movements('north', 'A')).map((m) => [m.state, m.delta])).toEqual([
      ['available', -3],
      ['on_hand', -3],
    ]);
  }, 60_000);
});
