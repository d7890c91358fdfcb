import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDelivery } from '../../../src/sources/shopify/parse-delivery.js';
import { gid, startHarness } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  await h.close();
});

describe('product webhooks', () => {
  it('sends products/create with the variants and their inventory items', async () => {
    const created = h.sandbox.store.createProduct({
      title: 'Rain Jacket',
      variants: [
        { sku: 'JKT-S', price: '80.00' },
        { sku: 'JKT-M', price: '80.00' },
      ],
    });

    await h.sandbox.webhooks.idle();
    const bodies = h.receiver.ofTopic('products/create').map((d) => JSON.parse(d.body));
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({
      title: 'Rain Jacket',
      handle: 'rain-jacket',
      tags: '',
      admin_graphql_api_id: gid('Product', created.productId),
      variants: created.variants.map((variant, index) => ({
        sku: variant.sku,
        position: index + 1,
        admin_graphql_api_id: gid('ProductVariant', variant.variantId),
      })),
    });
  });

  it('sends products/update when tagsAdd changes a product, which trueshelf reads as its tags', async () => {
    const created = h.sandbox.store.createProduct({
      title: 'Tee',
      variants: [{ sku: 'TEE-S', price: '5.00' }],
    });
    await h.sandbox.webhooks.idle();
    h.receiver.clear();

    const productGid = gid('Product', created.productId);
    const reply = await h.gql(
      `mutation { tagsAdd(id: "${productGid}", tags: ["pickup-hold", " Pickup-Hold ", "Summer"]) { node { id } userErrors { message } } }`,
    );
    expect(reply.body.data?.tagsAdd).toEqual({ node: { id: productGid }, userErrors: [] });

    await h.sandbox.webhooks.idle();
    const deliveries = h.receiver.ofTopic('products/update');
    expect(deliveries).toHaveLength(1);
    const body = deliveries[0]?.body ?? '';
    expect(JSON.parse(body)).toMatchObject({ tags: 'pickup-hold, Summer' });

    const variant = created.variants[0];
    expect(parseDelivery('products/update', body, new Date().toISOString())).toMatchObject({
      kind: 'product_tags',
      productTags: {
        shopifyProductId: created.productId,
        tags: ['pickup-hold', 'Summer'],
        variantIds: [variant?.variantId],
        inventoryItemIds: [variant?.inventoryItemId],
      },
    });
  });
});
