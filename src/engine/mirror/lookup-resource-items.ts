import { numericId, toGid } from '../../shared/shopify-gid.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';

const QUERIES: Record<string, string> = {
  FulfillmentOrder: `query LookupFulfillmentOrder($id: ID!) {
    node(id: $id) { ... on FulfillmentOrder { lineItems(first: 100) { nodes { inventoryItemId } } } }
  }`,
  InventoryTransfer: `query LookupTransfer($id: ID!) {
    node(id: $id) { ... on InventoryTransfer { lineItems(first: 100) { nodes { inventoryItem { id } } } } }
  }`,
  InventoryShipment: `query LookupShipment($id: ID!) {
    node(id: $id) { ... on InventoryShipment { lineItems(first: 100) { nodes { inventoryItem { id } } } } }
  }`,
};

/**
 * Which inventory items a fulfilment order, transfer or shipment touches: their payloads name
 * only the resource, so the items come from the Admin API. Every level of each is re-read.
 */
export async function lookupResourceItems(
  client: ShopifyAdminClient,
  resource: string,
  id: string,
): Promise<string[]> {
  const query = QUERIES[resource];
  if (!query) return [];

  const result = await client.request<{ node: { lineItems?: { nodes: LineNode[] } } | null }>(
    `lookup_${resource}`,
    query,
    { id: toGid(resource, id) },
    110,
  );

  const items = (result.data.node?.lineItems?.nodes ?? [])
    .map((n) => numericId(n.inventoryItemId ?? n.inventoryItem?.id))
    .filter((x): x is string => x !== null);
  return [...new Set(items)];
}

interface LineNode {
  inventoryItemId?: string | null;
  inventoryItem?: { id: string } | null;
}
