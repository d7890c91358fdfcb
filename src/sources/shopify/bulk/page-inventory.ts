import { quantityNames } from '../../../domain/quantities/level-quantities.js';
import type { ShopifyAdminClient } from '../shopify-admin-client.js';
import type { ExportRecord } from './export-inventory.js';
import { toExportRecords } from './to-export-records.js';

/** Six variants × fifty levels keeps a page under the 1,000-point cap (a connection costs its `first`). */
const VARIANTS_PER_PAGE = 6;
const LEVELS_PER_VARIANT = 50;

const PAGE_QUERY = `query PageInventory($after: String) {
  productVariants(first: ${VARIANTS_PER_PAGE}, after: $after) {
    nodes {
      id sku barcode inventoryPolicy price displayName
      product { tags }
      inventoryItem {
        id tracked
        inventoryLevels(first: ${LEVELS_PER_VARIANT}) {
          nodes { id location { id name } quantities(names: ${JSON.stringify(quantityNames)}) { name quantity updatedAt } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const COUNT_QUERY = `query CountVariants($after: String) {
  productVariants(first: 250, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
}`;

/**
 * The same records as the bulk export, through paged queries: for small shops, where a bulk
 * operation's minutes of latency buy nothing. Chains with more than fifty locations per item
 * need the bulk path.
 */
export async function* pageInventory(client: ShopifyAdminClient): AsyncGenerator<ExportRecord> {
  for (let after: string | null = null, more = true; more;) {
    const page: { data: { productVariants: VariantPage } } = await client.request(
      'page_inventory',
      PAGE_QUERY,
      { after },
      950,
    );
    for (const variant of page.data.productVariants.nodes) {
      const levels = variant.inventoryItem?.inventoryLevels?.nodes ?? [];
      yield* toExportRecords(variant, levels);
    }
    more = page.data.productVariants.pageInfo.hasNextPage;
    after = page.data.productVariants.pageInfo.endCursor;
  }
}

/** How many variants the shop has, counting no further than `limit` (to pick bulk or paged). */
export async function countVariantsUpTo(
  client: ShopifyAdminClient,
  limit: number,
): Promise<number> {
  let count = 0;
  for (let after: string | null = null, more = true; more && count <= limit;) {
    const page: { data: { productVariants: { nodes: unknown[]; pageInfo: PageInfo } } } =
      await client.request('count_variants', COUNT_QUERY, { after }, 252);
    count += page.data.productVariants.nodes.length;
    more = page.data.productVariants.pageInfo.hasNextPage;
    after = page.data.productVariants.pageInfo.endCursor;
  }
  return count;
}

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

interface VariantPage {
  nodes: (Record<string, unknown> & {
    inventoryItem: { inventoryLevels?: { nodes: Record<string, unknown>[] } } | null;
  })[];
  pageInfo: PageInfo;
}
