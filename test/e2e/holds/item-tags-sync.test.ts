import { afterEach, describe, expect, it } from 'vitest';
import { syncShop } from '../../../src/engine/onboarding/sync-shop.js';
import type { SyncMethod } from '../../../src/engine/onboarding/sync-shop.js';
import type { ShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import { systemClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { startOnboardingShop } from '../onboarding/onboarding-shop.js';

const modes = { shopify: 'shadow', google: 'shadow' } as const;

describe(`the sync records each item's product tags, for the hold policy (${testEngine})`, () => {
  let sandbox: ShopifySandbox | null = null;
  let database: TestDatabase | null = null;
  afterEach(async () => {
    await sandbox?.close();
    await database?.close();
  });

  for (const method of ['paged', 'bulk'] as SyncMethod[]) {
    it(`stores the product's tags on its item through the ${method} export`, async () => {
      const shop = await startOnboardingShop();
      sandbox = shop.sandbox;
      database = await openTestDatabase();
      const store = shop.sandbox.store.createLocation({ name: 'north', pickup: true }).id;
      const tagged = shop.sandbox.store.createProduct({
        title: 'Tee',
        variants: [{ sku: 'TEE', price: '5.00' }],
      });
      shop.sandbox.store.addTags(`gid://shopify/Product/${tagged.productId}`, [
        'pickup-hold',
        'Summer',
      ]);
      const plain = shop.sandbox.store.createProduct({
        title: 'Mug',
        variants: [{ sku: 'MUG', price: '5.00' }],
      });
      for (const product of [tagged, plain]) {
        shop.sandbox.store.connectLevel({
          inventoryItemId: product.variants[0]?.inventoryItemId ?? '',
          locationId: store,
          available: 4,
        });
      }

      await syncShop(database.storage, shop.client, {
        clock: systemClock,
        modes,
        method,
        bulkPollMs: 1,
      });

      const items = await database.storage.db
        .selectFrom('items')
        .select(['sku', 'tags'])
        .orderBy('sku')
        .execute();
      expect(items.map((item) => [item.sku, JSON.parse(item.tags)])).toEqual([
        ['MUG', []],
        ['TEE', ['pickup-hold', 'Summer']],
      ]);
    }, 60_000);
  }
});
