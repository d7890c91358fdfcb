import { afterEach, describe, expect, it } from 'vitest';
import { checkSubscriptions } from '../../../src/engine/onboarding/check-subscriptions.js';
import { preflightShop } from '../../../src/engine/onboarding/preflight-shop.js';
import { requiredTopics } from '../../../src/engine/onboarding/required-topics.js';
import { syncShop } from '../../../src/engine/onboarding/sync-shop.js';
import type { ShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import { systemClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { startOnboardingShop } from './onboarding-shop.js';

describe(`the onboarding preflight (${testEngine})`, () => {
  let sandbox: ShopifySandbox | null = null;
  let database: TestDatabase | null = null;
  afterEach(async () => {
    await sandbox?.close();
    await database?.close();
  });

  it('warns about variants that sell past zero and stores whose settings leave a buffer unprotecting', async () => {
    const shop = await startOnboardingShop();
    sandbox = shop.sandbox;
    database = await openTestDatabase();
    const online = shop.sandbox.store.createLocation({
      name: 'online',
      fulfillsOnlineOrders: true,
      pickup: true,
    }).id;
    const tillOnly = shop.sandbox.store.createLocation({
      name: 'till-only',
      fulfillsOnlineOrders: false,
      pickup: true,
    }).id;
    const product = shop.sandbox.store.createProduct({
      title: 'Mixed',
      variants: [
        { sku: 'DENY-1', inventoryPolicy: 'DENY' },
        { sku: 'CONT-1', inventoryPolicy: 'CONTINUE' },
        { sku: 'FREE-1', tracked: false },
      ],
    });
    for (const variant of product.variants) {
      for (const location of [online, tillOnly])
        shop.sandbox.store.connectLevel({
          inventoryItemId: variant.inventoryItemId,
          locationId: location,
          available: 3,
        });
    }
    const report = await syncShop(database.storage, shop.client, {
      clock: systemClock,
      modes: { shopify: 'shadow', google: 'shadow' },
      method: 'auto',
    });
    expect([report.method, report.levels]).toEqual(['paged', 6]);
    await database.storage.db
      .updateTable('locations')
      .set({ managed: 1, pickup_enabled: 1 })
      .execute();

    const warnings = await preflightShop(database.storage);

    expect(warnings.map((w) => [w.code, w.location, w.sample])).toEqual([
      ['continue_selling', null, ['CONT-1']],
      ['untracked', null, ['FREE-1']],
      ['pickup_without_online_fulfilment', `shopify-${tillOnly}`, []],
    ]);
  });

  it('treats API-created subscriptions as none when the Admin API cannot list them, and says so', async () => {
    const shop = await startOnboardingShop();
    sandbox = shop.sandbox;
    database = await openTestDatabase();

    const report = await checkSubscriptions(database.storage, {
      clock: systemClock,
      deployedTopics: requiredTopics,
      client: shop.client,
    });

    expect(report.apiSubscriptions.available).toBe(false);
    expect(report.apiSubscriptions.note).toContain('webhookSubscriptions');
    expect(report.missingTopics).toEqual([]);
  });
});
