import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gid, startHarness } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ webhookUrl: undefined });
});

afterEach(async () => {
  await h.close();
});

const BULK_QUERY =
  '{ inventoryItems { edges { node { id sku inventoryLevels { edges { node { id quantities(names: ["available", "reserved"]) { name quantity } } } } } } } }';

describe('bulk operations', () => {
  it('exports every item and level as JSONL, children carrying __parentId', async () => {
    const store = h.sandbox.store;
    const here = store.createLocation({ name: 'Here' }).id;
    const there = store.createLocation({ name: 'There' }).id;
    const a =
      store.createProduct({ title: 'A', variants: [{ sku: 'A' }] }).variants[0]?.inventoryItemId ??
      '';
    const b =
      store.createProduct({ title: 'B', variants: [{ sku: 'B' }] }).variants[0]?.inventoryItemId ??
      '';
    store.connectLevel({ inventoryItemId: a, locationId: here, available: 3 });
    store.connectLevel({ inventoryItemId: a, locationId: there, available: 1 });

    const started = await h.gql(
      'mutation Run($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { field message } } }',
      { q: BULK_QUERY },
    );
    expect(started.body.data?.bulkOperationRunQuery).toMatchObject({
      bulkOperation: { status: 'CREATED' },
      userErrors: [],
    });

    const polled = await h.gql(
      '{ currentBulkOperation { id status objectCount rootObjectCount url } }',
    );
    const operation = polled.body.data?.currentBulkOperation as {
      status: string;
      objectCount: string;
      rootObjectCount: string;
      url: string;
    };
    expect(operation).toMatchObject({
      status: 'COMPLETED',
      objectCount: '4',
      rootObjectCount: '2',
    });

    const lines = (await (await fetch(operation.url)).text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    const level = (locationId: string, item: string) =>
      `gid://shopify/InventoryLevel/${locationId}?inventory_item_id=${item}`;
    expect(lines).toEqual([
      { id: gid('InventoryItem', a), sku: 'A' },
      {
        id: level(here, a),
        quantities: [
          { name: 'available', quantity: 3 },
          { name: 'reserved', quantity: 0 },
        ],
        __parentId: gid('InventoryItem', a),
      },
      {
        id: level(there, a),
        quantities: [
          { name: 'available', quantity: 1 },
          { name: 'reserved', quantity: 0 },
        ],
        __parentId: gid('InventoryItem', a),
      },
      { id: gid('InventoryItem', b), sku: 'B' },
    ]);
  });

  it('reports a query that does not parse as a user error', async () => {
    const started = await h.gql(
      'mutation { bulkOperationRunQuery(query: "{ inventoryItems {") { bulkOperation { id } userErrors { code field message } } }',
    );
    expect(started.body.data?.bulkOperationRunQuery).toMatchObject({
      bulkOperation: null,
      userErrors: [{ code: 'INVALID', field: ['query'] }],
    });
  });
});
