import { emptyQuantities, quantityNames } from '../../domain/quantities/level-quantities.js';
import type { LevelQuantities, QuantityName } from '../../domain/quantities/level-quantities.js';
import { inventoryLevelGid, numericId, toGid } from '../../shared/shopify-gid.js';
import type { ShopifyAdminClient } from './shopify-admin-client.js';

/** One level as Shopify reports it now: every quantity state, with its last change. */
export interface ShopifyLevelRead {
  shopifyItemId: string;
  shopifyLocationId: string;
  locationName: string | null;
  item: { sku: string | null; tracked: boolean; variantId: string | null };
  quantities: LevelQuantities;
  updatedAt: Partial<Record<QuantityName, string>>;
}

const NAMES = JSON.stringify(quantityNames);

const LEVEL_FIELDS = `
  location { id name }
  item { id sku tracked variant { id } }
  quantities(names: ${NAMES}) { name quantity updatedAt }`;

const LEVELS_QUERY = `query ReadLevels($ids: [ID!]!) {
  nodes(ids: $ids) { ... on InventoryLevel { id ${LEVEL_FIELDS} } }
}`;

/**
 * Levels per item in one whole-item read. Shopify charges a connection by its `first`, so a
 * query stays under the 1,000-point cap only for a few items at a time (ITEMS_PER_QUERY).
 * A chain with more locations than this per item needs the bulk path (issue 3).
 */
const LEVELS_PER_ITEM = 50;
const ITEMS_PER_QUERY = 3;

const ITEM_LEVELS_QUERY = `query ReadItemLevels($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on InventoryItem {
      id
      inventoryLevels(first: ${LEVELS_PER_ITEM}) { nodes { id ${LEVEL_FIELDS} } }
    }
  }
}`;

/**
 * Re-reads named levels, many per query. A level Shopify no longer has comes back as `null`
 * in `nodes` and is reported in `missing` (it was disconnected).
 */
export async function readLevels(
  client: ShopifyAdminClient,
  levels: readonly { shopifyItemId: string; shopifyLocationId: string }[],
): Promise<{ reads: ShopifyLevelRead[]; missing: typeof levels; points: number }> {
  const ids = levels.map((l) => inventoryLevelGid(l.shopifyLocationId, l.shopifyItemId));
  const result = await client.request<{ nodes: (RawLevel | null)[] }>(
    'read_levels',
    LEVELS_QUERY,
    { ids },
    estimateCost(levels.length),
  );

  const reads: ShopifyLevelRead[] = [];
  const missing: { shopifyItemId: string; shopifyLocationId: string }[] = [];
  result.data.nodes.forEach((node, index) => {
    const asked = levels[index];
    if (!asked) return;
    const read = node ? toLevelRead(node) : null;
    if (read) reads.push(read);
    else missing.push(asked);
  });

  return { reads, missing, points: result.cost?.actualQueryCost ?? 0 };
}

/** Re-reads every level of the named items (an order line names an item, not a location). */
export async function readItemLevels(
  client: ShopifyAdminClient,
  shopifyItemIds: readonly string[],
): Promise<{ reads: ShopifyLevelRead[]; points: number }> {
  const reads: ShopifyLevelRead[] = [];
  let points = 0;

  for (let start = 0; start < shopifyItemIds.length; start += ITEMS_PER_QUERY) {
    const ids = shopifyItemIds
      .slice(start, start + ITEMS_PER_QUERY)
      .map((id) => toGid('InventoryItem', id));
    const result = await client.request<{
      nodes: ({ inventoryLevels?: { nodes: RawLevel[] } } | null)[];
    }>('read_item_levels', ITEM_LEVELS_QUERY, { ids }, estimateCost(ids.length * LEVELS_PER_ITEM));
    points += result.cost?.actualQueryCost ?? 0;
    for (const node of result.data.nodes) {
      for (const level of node?.inventoryLevels?.nodes ?? []) {
        const read = toLevelRead(level);
        if (read) reads.push(read);
      }
    }
  }

  return { reads, points };
}

interface RawLevel {
  id: string;
  location: { id: string; name?: string | null } | null;
  item: {
    id: string;
    sku?: string | null;
    tracked?: boolean | null;
    variant?: { id: string } | null;
  } | null;
  quantities: { name: string; quantity: number; updatedAt?: string | null }[];
}

function toLevelRead(node: RawLevel): ShopifyLevelRead | null {
  const shopifyItemId = numericId(node.item?.id);
  const shopifyLocationId = numericId(node.location?.id);
  if (!shopifyItemId || !shopifyLocationId) return null;

  const quantities = emptyQuantities();
  const updatedAt: Partial<Record<QuantityName, string>> = {};
  for (const q of node.quantities) {
    if (!(quantityNames as readonly string[]).includes(q.name)) continue;
    quantities[q.name as QuantityName] = q.quantity;
    if (q.updatedAt) updatedAt[q.name as QuantityName] = q.updatedAt;
  }

  return {
    shopifyItemId,
    shopifyLocationId,
    locationName: node.location?.name ?? null,
    item: {
      sku: node.item?.sku ?? null,
      tracked: node.item?.tracked ?? true,
      variantId: numericId(node.item?.variant?.id) ?? null,
    },
    quantities,
    updatedAt,
  };
}

/** Requested cost as Shopify computes it, roughly: a node and its objects per level. */
function estimateCost(levels: number): number {
  return Math.min(1000, 1 + levels * 4);
}
