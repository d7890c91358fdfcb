import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyProductTags } from '../../../src/engine/inbox/apply-product-tags.js';
import type { ProductTagsInput } from '../../../src/sources/shopify/delivery-effect.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';

const SEEDED_AT = '2026-05-01T00:00:00.000Z';

/** A product with two variants: S is known by its variant id, M only by its inventory item. */
function tee(tags: string[], updatedAt: string): ProductTagsInput {
  return {
    shopifyProductId: '7001',
    tags,
    updatedAt,
    variantIds: ['8001', '8002'],
    inventoryItemIds: ['9001', '9002'],
  };
}

describe(`applyProductTags on ${testEngine}`, () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase();
    const item = (id: string, variantId: string | null, inventoryItemId: string) => ({
      id,
      sku: id.toUpperCase(),
      barcode: null,
      title: null,
      shopify_inventory_item_id: inventoryItemId,
      shopify_variant_id: variantId,
      tracked: 1,
      inventory_policy: null,
      category: null,
      tags: '["old"]',
      price_cents: null,
      cost_cents: null,
      deleted_at: null,
      updated_at: SEEDED_AT,
    });
    await database.storage.db
      .insertInto('items')
      .values([
        item('tee-s', '8001', '9001'),
        // Created by the mirror from an inventory item before any sync named its variant.
        item('tee-m', null, '9002'),
        item('mug', '8003', '9003'),
      ])
      .execute();
  });
  afterEach(async () => database.close());

  async function apply(product: ProductTagsInput, now: string) {
    return database.storage.db.transaction().execute((trx) => applyProductTags(trx, product, now));
  }

  async function items() {
    const rows = await database.storage.db
      .selectFrom('items')
      .select(['id', 'tags', 'tags_updated_at', 'updated_at'])
      .orderBy('id')
      .execute();
    return Object.fromEntries(rows.map(({ id, ...rest }) => [id, rest]));
  }

  it('gives the items of both variants the new tags and leaves an unrelated item untouched', async () => {
    const result = await apply(
      tee(['cotton', 'summer'], '2026-05-04T09:59:58.000Z'),
      '2026-05-04T10:00:00.000Z',
    );

    expect(result).toEqual({ retagged: 2 });
    const retagged = {
      tags: '["cotton","summer"]',
      tags_updated_at: '2026-05-04T09:59:58.000Z',
      updated_at: '2026-05-04T10:00:00.000Z',
    };
    expect(await items()).toEqual({
      'tee-s': retagged,
      'tee-m': retagged,
      mug: { tags: '["old"]', tags_updated_at: null, updated_at: SEEDED_AT },
    });
  });

  it('skips a delivery older than the one applied, and applies a newer one', async () => {
    await apply(tee(['winter'], '2026-05-04T12:00:00.000Z'), '2026-05-04T12:00:05.000Z');

    const late = await apply(
      tee(['cotton'], '2026-05-04T11:00:00.000Z'),
      '2026-05-04T12:01:00.000Z',
    );
    expect(late).toEqual({ retagged: 0 });
    expect((await items())['tee-s']).toEqual({
      tags: '["winter"]',
      tags_updated_at: '2026-05-04T12:00:00.000Z',
      updated_at: '2026-05-04T12:00:05.000Z',
    });

    const newer = await apply(
      tee(['spring'], '2026-05-04T13:00:00.000Z'),
      '2026-05-04T13:00:02.000Z',
    );
    expect(newer).toEqual({ retagged: 2 });
    expect((await items())['tee-m']?.tags).toBe('["spring"]');
  });

  it('applies a delivery given twice once: the second finds the tags equal and writes nothing', async () => {
    const delivery = tee(['cotton'], '2026-05-04T09:59:58.000Z');

    const first = await apply(delivery, '2026-05-04T10:00:00.000Z');
    const again = await apply(delivery, '2026-05-04T10:05:00.000Z');

    expect([first.retagged, again.retagged]).toEqual([2, 0]);
    expect((await items())['tee-s']?.updated_at).toBe('2026-05-04T10:00:00.000Z');
  });

  it('writes nothing when an inventory change re-sends the tags the items already carry', async () => {
    await apply(tee(['cotton'], '2026-05-04T09:00:00.000Z'), '2026-05-04T09:00:01.000Z');

    const inventoryOnly = await apply(
      tee(['cotton'], '2026-05-04T10:00:00.000Z'),
      '2026-05-04T10:00:01.000Z',
    );

    expect(inventoryOnly).toEqual({ retagged: 0 });
    expect((await items())['tee-m']).toEqual({
      tags: '["cotton"]',
      tags_updated_at: '2026-05-04T09:00:00.000Z',
      updated_at: '2026-05-04T09:00:01.000Z',
    });
  });

  it('applies a change stamped the same second as the last one (updated_at has whole seconds)', async () => {
    await apply(tee(['cotton'], '2026-05-04T09:00:00.000Z'), '2026-05-04T09:00:01.000Z');

    const sameSecond = await apply(
      tee(['cotton', 'sale'], '2026-05-04T09:00:00.000Z'),
      '2026-05-04T09:00:02.000Z',
    );

    expect(sameSecond).toEqual({ retagged: 2 });
    expect((await items())['tee-s']?.tags).toBe('["cotton","sale"]');
  });

  it('clears the tags of every variant when the product has none left', async () => {
    await apply(tee([], '2026-05-04T09:00:00.000Z'), '2026-05-04T09:00:01.000Z');

    const after = await items();
    expect([after['tee-s']?.tags, after['tee-m']?.tags, after['mug']?.tags]).toEqual([
      '[]',
      '[]',
      '["old"]',
    ]);
  });
});
