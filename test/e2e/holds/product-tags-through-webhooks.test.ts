import { afterEach, describe, expect, it } from 'vitest';
import { startSpine } from '../../support/spine-harness.js';
import type { Spine } from '../../support/spine-harness.js';
import { testEngine } from '../../support/test-storage.js';

/**
 * A tag added to a product in Shopify reaches trueshelf's item through `products/update` alone,
 * with no sync run: the hold policy's tag rules see it at once.
 */
describe(`a product tagged in Shopify is tagged in trueshelf through its webhook (${testEngine})`, () => {
  let spine: Spine | null = null;
  afterEach(async () => {
    await spine?.close();
    spine = null;
  });

  it('stores the tags tagsAdd gave the product on the item of its variant', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 5, MUG: 3 } } });
    const items = () =>
      spine!.database.storage.db
        .selectFrom('items')
        .select(['sku', 'tags'])
        .orderBy('sku')
        .execute();
    expect((await items()).map((item) => [item.sku, JSON.parse(item.tags)])).toEqual([
      ['MUG', []],
      ['TEE', []],
    ]);

    const tee = spine.sandbox.store.state.requireItem(spine.itemIds['TEE'] ?? '');
    const productId = spine.sandbox.store.state.requireVariant(tee.variantId).productId;
    spine.sandbox.store.addTags(`gid://shopify/Product/${productId}`, ['pickup-hold', 'Summer']);
    await spine.settle();

    expect((await items()).map((item) => [item.sku, JSON.parse(item.tags)])).toEqual([
      ['MUG', []],
      ['TEE', ['pickup-hold', 'Summer']],
    ]);
  });
});
