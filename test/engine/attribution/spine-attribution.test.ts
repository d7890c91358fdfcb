import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributionDb } from '../../../src/engine/attribution/attribution-database.js';
import { startSpine } from '../../support/spine-harness.js';
import type { Spine } from '../../support/spine-harness.js';

describe('attribution on the whole spine', () => {
  let spine: Spine;
  const tagWrites: string[] = [];

  beforeAll(async () => {
    spine = await startSpine({
      stock: { 'store-a': { TEE: 5 }, 'warehouse-1': { TEE: 5 } },
      beforeAdminRequest: (body) => {
        if (body.includes('tagsAdd')) tagWrites.push(body);
      },
    });
  });
  afterAll(async () => {
    await spine.close();
  });

  it('tags an endless-aisle POS order once, though Shopify sends its orders/create three times', async () => {
    // Shopify delivers each orders/create three times at once (same webhook id); the echo of
    // our own tag write comes back as orders/updated.
    spine.sandbox.webhooks.setFaults({ duplicate: { times: 3, topic: 'orders/create' } });
    const sale = spine.sandbox.store.posSale({
      location: spine.locationIds['store-a'] ?? '',
      staffId: '77',
      lines: [{ sku: 'TEE', quantity: 2, shipFrom: spine.locationIds['warehouse-1'] ?? '' }],
    });
    await spine.settle();
    spine.sandbox.webhooks.setFaults({});
    await spine.settle();

    expect(tagWrites).toHaveLength(1);
    const view = await spine.running.shopify.request<{ order: { tags: string[] } }>(
      'test',
      'query($id: ID!) { order(id: $id) { tags } }',
      { id: sale.order.gid },
    );
    expect(view.data.order.tags).toEqual([
      'attribution:endless-aisle',
      'fulfillment:warehouse',
      'source:pos',
    ]);

    // 2 × $10.00 sold at store A by staff 77, not yet shipped: $20.00 to the store and to the
    // associate, no fulfilment credit yet.
    const rows = await attributionDb(spine.database.storage.db)
      .selectFrom('attribution_entries')
      .select(['party', 'party_ref', 'amount_minor', 'class'])
      .where('order_id', '=', sale.order.id)
      .orderBy('party')
      .execute();
    expect(rows.map((r) => [r.party, r.party_ref, Number(r.amount_minor), r.class])).toEqual([
      ['associate', '77', 2000, 'pos_ship_from_warehouse'],
      ['selling_store', 'store-a', 2000, 'pos_ship_from_warehouse'],
    ]);
  });
});
