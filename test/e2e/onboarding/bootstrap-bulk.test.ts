import { afterEach, describe, expect, it } from 'vitest';
import { syncShop } from '../../../src/engine/onboarding/sync-shop.js';
import type { SyncProgress } from '../../../src/engine/onboarding/sync-shop.js';
import type { ShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import { systemClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { mirrorLevels, sandboxLevels, startOnboardingShop } from './onboarding-shop.js';

const modes = { shopify: 'shadow', google: 'shadow' } as const;

describe(`bootstrap through a bulk export (${testEngine})`, () => {
  let sandbox: ShopifySandbox | null = null;
  let database: TestDatabase | null = null;
  afterEach(async () => {
    await sandbox?.close();
    await database?.close();
    sandbox = null;
    database = null;
  });

  it('a shop of 3 stores × 2,000 items lands in the mirror exactly, every state of every level', async () => {
    const shop = await startOnboardingShop();
    sandbox = shop.sandbox;
    database = await openTestDatabase();
    const stores = ['north', 'south', 'east'].map(
      (name) => shop.sandbox.store.createLocation({ name, pickup: true }).id,
    );
    for (let i = 0; i < 2_000; i += 1) {
      const product = shop.sandbox.store.createProduct({
        title: `P${i}`,
        variants: [{ sku: `SKU-${i}`, price: '5.00' }],
      });
      const item = product.variants[0]?.inventoryItemId ?? '';
      stores.forEach((location, s) =>
        shop.sandbox.store.connectLevel({
          inventoryItemId: item,
          locationId: location,
          available: (i * 7 + s * 3) % 23,
        }),
      );
    }
    // Some levels with units outside available, so more than one state is compared.
    const first = shop.sandbox.store.levels()[0];
    if (first)
      shop.sandbox.store.setQuantity({
        inventoryItemId: first.inventoryItemId,
        locationId: first.locationId,
        name: 'on_hand',
        quantity: 40,
      });

    const phases: SyncProgress['phase'][] = [];
    const report = await syncShop(database.storage, shop.client, {
      clock: systemClock,
      modes,
      method: 'auto',
      bulkThreshold: 500,
      bulkPollMs: 1,
      onProgress: (p) => phases.push(p.phase),
    });

    expect(report.method).toBe('bulk');
    expect([report.locations, report.items, report.levels, report.imported]).toEqual([
      3, 2_000, 6_000, 6_000,
    ]);
    expect(report.drift).toBe(0);
    expect(phases).toContain('levels');
    expect(phases.at(-1)).toBe('done');
    // Shopify has no time zone per location: every store is reported as missing one.
    expect(report.missingRegistry.map((m) => m.missing)).toEqual([
      ['time_zone', 'google_store_code'],
      ['time_zone', 'google_store_code'],
      ['time_zone', 'google_store_code'],
    ]);

    const expected = sandboxLevels(shop.sandbox);
    const actual = await mirrorLevels(database.storage);
    expect(actual.size).toBe(6_000);
    expect(actual).toEqual(expected);
  }, 120_000);

  it('a second run over an unchanged shop records nothing', async () => {
    const shop = await startOnboardingShop();
    sandbox = shop.sandbox;
    database = await openTestDatabase();
    const store = shop.sandbox.store.createLocation({ name: 'north' }).id;
    for (let i = 0; i < 5; i += 1) {
      const product = shop.sandbox.store.createProduct({
        title: `P${i}`,
        variants: [{ sku: `S${i}` }],
      });
      shop.sandbox.store.connectLevel({
        inventoryItemId: product.variants[0]?.inventoryItemId ?? '',
        locationId: store,
        available: i + 1,
      });
    }
    await syncShop(database.storage, shop.client, { clock: systemClock, modes, method: 'paged' });

    const again = await syncShop(database.storage, shop.client, {
      clock: systemClock,
      modes,
      method: 'bulk',
      bulkPollMs: 1,
    });

    expect([again.imported, again.unchanged, again.drift]).toEqual([0, 5, 0]);
    const movements = await database.storage.db.selectFrom('movements').select('id').execute();
    // One first-read movement per level with units (available and on_hand): 5 × 2.
    expect(movements).toHaveLength(10);
  });
});
