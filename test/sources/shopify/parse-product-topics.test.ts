import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../../src/sources/shopify/parse-delivery.js';
import { splitProductTags } from '../../../src/sources/shopify/parse-product-topics.js';

const RECEIVED_AT = '2026-05-04T10:00:00.000Z';

/** A REST product as `products/update` delivers it, cut to the fields trueshelf reads and a few. */
function productBody(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 788032119674292900,
    title: 'Example T-Shirt',
    admin_graphql_api_id: 'gid://shopify/Product/788032119674292922',
    tags: 'cotton, comfortable',
    updated_at: '2026-05-04T05:59:58-04:00',
    variants: [
      {
        id: 642667041472713900,
        product_id: 788032119674292900,
        sku: 'TEE-S',
        inventory_item_id: 11,
        admin_graphql_api_id: 'gid://shopify/ProductVariant/642667041472713922',
      },
      {
        id: 757650484644204000,
        product_id: 788032119674292900,
        sku: 'TEE-M',
        inventory_item_id: 12,
        admin_graphql_api_id: 'gid://shopify/ProductVariant/757650484644203962',
      },
    ],
    ...overrides,
  });
}

describe('splitProductTags', () => {
  it('trims each tag, drops blanks and keeps a repeated tag once, in first-seen order', () => {
    expect(splitProductTags(' cotton ,comfortable,, cotton ,  summer sale , ')).toEqual([
      'cotton',
      'comfortable',
      'summer sale',
    ]);
  });

  it('reads the empty string as no tags', () => {
    expect(splitProductTags('')).toEqual([]);
    expect(splitProductTags(' , ')).toEqual([]);
  });
});

describe('parseDelivery on products/create and products/update', () => {
  it('yields the tags, the product updated_at in UTC and the ids of every variant', () => {
    const effect = parseDelivery('products/update', productBody(), RECEIVED_AT);

    expect(effect).toEqual({
      kind: 'product_tags',
      productTags: {
        // Ids from the gids: exact, where the JSON numbers above lost their last digits.
        shopifyProductId: '788032119674292922',
        tags: ['cotton', 'comfortable'],
        updatedAt: '2026-05-04T09:59:58.000Z',
        variantIds: ['642667041472713922', '757650484644203962'],
        inventoryItemIds: ['11', '12'],
      },
    });
  });

  it('reads products/create the same way, and an empty tags string as no tags', () => {
    const effect = parseDelivery('products/create', productBody({ tags: '' }), RECEIVED_AT);

    expect(effect).toMatchObject({ kind: 'product_tags', productTags: { tags: [] } });
  });

  it('keeps an inventory item id beyond 2^53 exact when there is no gid to read', () => {
    const body =
      '{"id":1,"tags":"a","updated_at":"2026-05-04T09:00:00Z",' +
      '"variants":[{"id":2,"inventory_item_id":271878346596884015}]}';

    const effect = parseDelivery('products/update', body, RECEIVED_AT);

    expect(effect).toMatchObject({
      productTags: {
        shopifyProductId: '1',
        variantIds: ['2'],
        inventoryItemIds: ['271878346596884015'],
      },
    });
  });

  it('parks a product without variants, saying where and what was expected', () => {
    const withoutVariants = JSON.parse(productBody()) as Record<string, unknown>;
    delete withoutVariants['variants'];

    expect(() =>
      parseDelivery('products/update', JSON.stringify(withoutVariants), RECEIVED_AT),
    ).toThrow('products/update.variants: expected a non-empty array, saw undefined');
    expect(() =>
      parseDelivery('products/update', productBody({ variants: [] }), RECEIVED_AT),
    ).toThrow('products/update.variants: expected a non-empty array, saw []');
  });

  it('parks a body whose tags are not one string, or whose updated_at is missing or no instant', () => {
    expect(() =>
      parseDelivery('products/update', productBody({ tags: ['cotton'] }), RECEIVED_AT),
    ).toThrow('products/update.tags: expected a string, saw ["cotton"]');
    expect(() =>
      parseDelivery('products/update', productBody({ updated_at: null }), RECEIVED_AT),
    ).toThrow('products/update.updated_at: expected a string, saw null');
    expect(() =>
      parseDelivery('products/update', productBody({ updated_at: 'yesterday' }), RECEIVED_AT),
    ).toThrow('products/update.updated_at: expected an ISO-8601 instant, saw "yesterday"');
  });

  it('parks a variant without an id, naming the variant', () => {
    const body = productBody({ variants: [{ sku: 'TEE-S', inventory_item_id: 11 }] });

    expect(() => parseDelivery('products/update', body, RECEIVED_AT)).toThrow(
      'products/update.variants[0].id: expected a numeric id, saw undefined',
    );
  });
});
