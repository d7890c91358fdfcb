import { afterEach, describe, expect, it } from 'vitest';
import { publishLocation } from '../../../src/engine/onboarding/publish-location.js';
import { releaseLocation } from '../../../src/engine/onboarding/release-location.js';
import { shadowReport } from '../../../src/engine/onboarding/shadow-report.js';
import { startSpine } from '../../support/spine-harness.js';
import type { Spine } from '../../support/spine-harness.js';
import { testEngine } from '../../support/test-storage.js';

const modes = { shopify: 'publish', google: 'shadow' } as const;

describe(`shadow, publish, release on one store (${testEngine})`, () => {
  let spine: Spine | null = null;
  afterEach(async () => {
    await spine?.close();
    spine = null;
  });

  it('reports what publishing would do, does it, and release leaves Shopify where it began', async () => {
    spine = await startSpine({
      stock: { north: { A: 10, B: 5, C: 1 } },
      bufferUnits: 2,
      mode: 'shadow',
    });
    const s = spine;
    const skus = ['A', 'B', 'C'];
    const before = skus.map((sku) => s.shopify('north', sku));
    // Shadow sends nothing.
    expect(before.map((q) => q['safety_stock'])).toEqual([0, 0, 0]);

    // Buffer 2 per item, capped by gross: 2 + 2 + 1 = 5 units; C (1 unit) would sell 0 while
    // Shopify offers 1.
    const [north] = await shadowReport(s.database.storage);
    expect(north).toMatchObject({
      handle: 'north',
      mode: 'shadow',
      targetSafetyStock: 5,
      placedSafetyStock: 0,
      unitsToBuffer: 5,
      levelsThatWouldMove: 3,
      refusedPromises: 1,
      refusedUnits: 1,
    });

    const published = await publishLocation(s.database.storage, 'north', {
      clock: s.running.context.clock,
      modes,
    });
    expect(published).toEqual({ ok: true, handle: 'north', levels: 3 });
    s.running.context.wakeOutbox();
    await s.settle();
    expect(
      skus.map((sku) => [
        s.shopify('north', sku)['available'],
        s.shopify('north', sku)['safety_stock'],
      ]),
    ).toEqual([
      [8, 2],
      [3, 2],
      [0, 1],
    ]);

    const release = await releaseLocation(s.database.storage, s.running.shopify, 'north', {
      clock: s.running.context.clock,
    });
    await s.settle();

    expect(release).toEqual({
      handle: 'north',
      returned: { safety_stock: 5, reserved: 0 },
      writtenOff: 0,
      failed: [],
    });
    expect(skus.map((sku) => s.shopify('north', sku))).toEqual(before);
    const location = await s.database.storage.db
      .selectFrom('locations')
      .select('mode')
      .where('handle', '=', 'north')
      .executeTakeFirstOrThrow();
    expect(location.mode).toBe('shadow');
    const mirror = await s.mirror('north', 'A');
    expect([mirror['available'], mirror['safety_stock'], mirror['placed_safety_stock']]).toEqual([
      10, 0, 0,
    ]);
  }, 60_000);
});
