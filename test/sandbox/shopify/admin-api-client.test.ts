import { createAdminApiClient } from '@shopify/admin-api-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, gid, startHarness } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

let h: Harness;
let item: string;
let here: string;

beforeEach(async () => {
  h = await startHarness({ webhookUrl: undefined });
  here = h.sandbox.store.createLocation({ name: 'Here' }).id;
  item =
    h.sandbox.store.createProduct({ title: 'Tee', variants: [{ sku: 'TEE-M' }] }).variants[0]
      ?.inventoryItemId ?? '';
  h.sandbox.store.connectLevel({ inventoryItemId: item, locationId: here, available: 5 });
});

afterEach(async () => {
  await h.close();
});

/** The official client forces https://; the test seam rewrites it back to the loopback http URL. */
function officialClient() {
  return createAdminApiClient({
    storeDomain: new URL(h.sandbox.url).host,
    apiVersion: '2026-04',
    accessToken: ACCESS_TOKEN,
    retries: 0,
    customFetchApi: (url, init) => fetch(String(url).replace(/^https:/, 'http:'), init),
  });
}

describe('the official @shopify/admin-api-client against the sandbox', () => {
  it('reads levels with all named quantities', async () => {
    const { data, errors, extensions } = await officialClient().request(
      `query Levels($ids: [ID!]!) { nodes(ids: $ids) { ... on InventoryLevel { id quantities(names: ["available", "reserved", "on_hand"]) { name quantity } } } }`,
      { variables: { ids: [`gid://shopify/InventoryLevel/${here}?inventory_item_id=${item}`] } },
    );

    expect(errors).toBeUndefined();
    expect(data).toEqual({
      nodes: [
        {
          id: `gid://shopify/InventoryLevel/${here}?inventory_item_id=${item}`,
          quantities: [
            { name: 'available', quantity: 5 },
            { name: 'reserved', quantity: 0 },
            { name: 'on_hand', quantity: 5 },
          ],
        },
      ],
    });
    expect(extensions).toMatchObject({ cost: { requestedQueryCost: 2 } });
  });

  it('runs an idempotent move', async () => {
    const { data, errors } = await officialClient().request(
      `mutation Hold($input: InventoryMoveQuantitiesInput!) {
        inventoryMoveQuantities(input: $input) @idempotent(key: "6f1d0c7e-3e59-4c35-9a43-1b2b3c4d5e6f") {
          inventoryAdjustmentGroup { changes { name delta quantityAfterChange } }
          userErrors { code field message }
        }
      }`,
      {
        variables: {
          input: {
            reason: 'reservation_created',
            referenceDocumentUri: 'trueshelf://hold/1',
            changes: [
              {
                inventoryItemId: gid('InventoryItem', item),
                quantity: 2,
                from: {
                  locationId: gid('Location', here),
                  name: 'available',
                  changeFromQuantity: 5,
                },
                to: {
                  locationId: gid('Location', here),
                  name: 'reserved',
                  ledgerDocumentUri: 'trueshelf://hold/1',
                  changeFromQuantity: 0,
                },
              },
            ],
          },
        },
      },
    );

    expect(errors).toBeUndefined();
    expect(data).toEqual({
      inventoryMoveQuantities: {
        inventoryAdjustmentGroup: {
          changes: [
            { name: 'available', delta: -2, quantityAfterChange: 3 },
            { name: 'reserved', delta: 2, quantityAfterChange: 2 },
          ],
        },
        userErrors: [],
      },
    });
    expect(h.sandbox.mutationLog.applied()).toHaveLength(1);
  });

  it('surfaces THROTTLED among graphQLErrors, as the client does for Shopify', async () => {
    h.sandbox.apiFaults.inject({ kind: 'throttled' });
    const { errors } = await officialClient().request('{ shop { name } }');
    expect(errors?.graphQLErrors?.[0]).toMatchObject({ extensions: { code: 'THROTTLED' } });
  });
});
