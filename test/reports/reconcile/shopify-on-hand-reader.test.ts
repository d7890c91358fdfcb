import { describe, expect, it } from 'vitest';
import { shopifyAdminOnHandReader } from '../../../src/reports/reconcile/shopify-on-hand-reader.js';
import type { ShopifyAdminClient } from '../../../src/sources/shopify/shopify-admin-client.js';

/** Answers `nodes(ids:)` with on hand = the item id's last digit, and null for item 9. */
function stubClient(queries: number[]): ShopifyAdminClient {
  const request = (_operation: string, _query: string, variables: { ids: string[] }) => {
    queries.push(variables.ids.length);
    const nodes = variables.ids.map((gid) => {
      const match = /InventoryLevel\/(\d+)\?inventory_item_id=(\d+)$/.exec(gid);
      const [, location = '', item = ''] = match ?? [];
      if (item.endsWith('9')) return null;
      return {
        id: gid,
        location: { id: `gid://shopify/Location/${location}`, name: 'Downtown' },
        item: {
          id: `gid://shopify/InventoryItem/${item}`,
          sku: null,
          tracked: true,
          variant: null,
        },
        quantities: [
          { name: 'on_hand', quantity: Number(item.at(-1)) },
          { name: 'available', quantity: 0 },
        ],
      };
    });
    return Promise.resolve({ data: { nodes } });
  };
  return { request } as unknown as ShopifyAdminClient;
}

describe('reading Shopify on hand afresh', () => {
  it('reads many levels per query and leaves out levels Shopify no longer has', async () => {
    const queries: number[] = [];
    const reader = shopifyAdminOnHandReader(stubClient(queries), 2);

    const onHand = await reader.readOnHand([
      { shopifyItemId: '9007199254740993', shopifyLocationId: '701' },
      { shopifyItemId: '9007199254740994', shopifyLocationId: '701' },
      { shopifyItemId: '9007199254740999', shopifyLocationId: '701' },
    ]);

    expect(queries).toEqual([2, 1]);
    expect([...onHand]).toEqual([
      ['9007199254740993@701', 3],
      ['9007199254740994@701', 4],
    ]);
  });
});
