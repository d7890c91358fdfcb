import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryProcessor } from '../../../src/engine/inbox/delivery-processor.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import { deliveryHeaders, startTestServer } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';

/** `products/update` as Shopify sends it (REST product), with ids beyond 2^53 as bare numbers. */
function productUpdate(tags: string, updatedAt: string): string {
  return (
    `{"id":788032119674292922,"title":"Example T-Shirt","tags":"${tags}",` +
    `"updated_at":"${updatedAt}","admin_graphql_api_id":"gid://shopify/Product/788032119674292922",` +
    '"variants":[' +
    '{"id":642667041472713922,"product_id":788032119674292922,"sku":"TEE-S",' +
    '"inventory_item_id":271878346596884015,' +
    '"admin_graphql_api_id":"gid://shopify/ProductVariant/642667041472713922"},' +
    '{"id":757650484644203962,"product_id":788032119674292922,"sku":"TEE-M",' +
    '"inventory_item_id":271878346596884016,' +
    '"admin_graphql_api_id":"gid://shopify/ProductVariant/757650484644203962"}]}'
  );
}

describe(`products/update through the webhook inbox (${testEngine})`, () => {
  let t: TestServer;
  let processor: DeliveryProcessor;
  let mirrorWakes: number;

  beforeEach(async () => {
    const database = await openTestDatabase();
    t = await startTestServer({ storage: database.storage });
    const close = t.close;
    t.close = async () => {
      await close();
      await database.close();
    };

    const item = (id: string, variantId: string, inventoryItemId: string) => ({
      id,
      sku: id.toUpperCase(),
      barcode: null,
      title: null,
      shopify_inventory_item_id: inventoryItemId,
      shopify_variant_id: variantId,
      tracked: 1,
      inventory_policy: null,
      category: null,
      tags: '["basics"]',
      price_cents: null,
      cost_cents: null,
      deleted_at: null,
      updated_at: '2026-05-01T00:00:00.000Z',
    });
    await t.storage.db
      .insertInto('items')
      .values([
        item('tee-s', '642667041472713922', '271878346596884015'),
        item('tee-m', '757650484644203962', '271878346596884016'),
        item('mug', '642667041472713923', '271878346596884017'),
      ])
      .execute();

    mirrorWakes = 0;
    processor = new DeliveryProcessor({
      storage: t.storage,
      metrics: t.metrics,
      logger: silentLogger(),
      clock: t.clock.now,
      coalesceWindowMs: 0,
      onReadsQueued: () => {
        mirrorWakes += 1;
      },
    });
  });
  afterEach(async () => {
    await t.close();
  });

  async function post(body: string, webhookId: string) {
    return t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: deliveryHeaders(body, { topic: 'products/update', webhookId }),
      payload: body,
    });
  }

  async function tagsById(): Promise<Record<string, string>> {
    const rows = await t.storage.db.selectFrom('items').select(['id', 'tags']).execute();
    return Object.fromEntries(rows.map((row) => [row.id, row.tags]));
  }

  async function deliveries() {
    return t.storage.db
      .selectFrom('deliveries')
      .select(['webhook_id', 'status', 'outcome', 'error'])
      .orderBy('webhook_id')
      .execute();
  }

  it('a signed tag change reaches the items of both variants and no other, without a re-read', async () => {
    const response = await post(
      productUpdate('cotton, comfortable', '2026-05-04T05:59:58-04:00'),
      'w-1',
    );
    expect(response.statusCode).toBe(200);

    expect(await processor.processBatch()).toBe(1);

    expect(await tagsById()).toEqual({
      'tee-s': '["cotton","comfortable"]',
      'tee-m': '["cotton","comfortable"]',
      mug: '["basics"]',
    });
    expect(await deliveries()).toEqual([
      { webhook_id: 'w-1', status: 'applied', outcome: 'applied; 2 item(s) retagged', error: null },
    ]);
    const reads = await t.storage.db.selectFrom('read_queue').selectAll().execute();
    expect([reads.length, mirrorWakes]).toEqual([0, 0]);
  });

  it('a redelivery is stored once, and a late older delivery leaves the newer tags', async () => {
    const newer = productUpdate('winter', '2026-05-04T06:00:00-04:00');
    await post(newer, 'w-2');
    await post(newer, 'w-2');
    // Received after the newer one, so the inbox applies it second.
    t.clock.advance(1000);
    await post(productUpdate('cotton', '2026-05-04T05:00:00-04:00'), 'w-3');

    expect(await processor.processBatch()).toBe(2);

    expect(await tagsById()).toMatchObject({ 'tee-s': '["winter"]', 'tee-m': '["winter"]' });
    expect(await deliveries()).toEqual([
      { webhook_id: 'w-2', status: 'applied', outcome: 'applied; 2 item(s) retagged', error: null },
      { webhook_id: 'w-3', status: 'applied', outcome: 'applied; 0 item(s) retagged', error: null },
    ]);
  });

  it('a product body without variants is parked with the reason and still answered 200', async () => {
    const body = '{"id":1,"tags":"cotton","updated_at":"2026-05-04T09:00:00Z"}';
    const response = await post(body, 'w-4');

    await processor.processBatch();

    expect(response.statusCode).toBe(200);
    expect(await deliveries()).toEqual([
      {
        webhook_id: 'w-4',
        status: 'unprocessable',
        outcome: 'parse_failed',
        error: 'products/update.variants: expected a non-empty array, saw undefined',
      },
    ]);
    expect((await tagsById())['tee-s']).toBe('["basics"]');
  });
});
