import { quantityNames } from '../../../domain/quantities/level-quantities.js';
import { numericId } from '../../../shared/shopify-gid.js';
import type { ShopifyLevelRead } from '../read-levels.js';
import type { ShopifyAdminClient } from '../shopify-admin-client.js';
import { readBulkLines } from './read-bulk-lines.js';
import { toLevelRead, toVariant } from './to-export-records.js';
import { runBulkQuery } from './run-bulk-query.js';
import type { BulkProgress } from './run-bulk-query.js';

/** A variant as the export lists it, with what the preflight needs. */
export interface ExportedVariant {
  shopifyItemId: string;
  variantId: string | null;
  sku: string | null;
  barcode: string | null;
  title: string | null;
  price: string | null;
  inventoryPolicy: string | null;
  tracked: boolean;
  /** The product's tags, as Shopify lists them. */
  tags: string[];
}

export type ExportRecord =
  { kind: 'variant'; variant: ExportedVariant } | { kind: 'level'; read: ShopifyLevelRead };

/**
 * Two connections (variants, then each item's levels) with every quantity state and its
 * `updatedAt`: within Shopify's bulk limit of five connections, two levels deep.
 */
export const INVENTORY_EXPORT_QUERY = `{
  productVariants {
    edges {
      node {
        id sku barcode inventoryPolicy price displayName
        product { tags }
        inventoryItem {
          id tracked
          inventoryLevels {
            edges {
              node {
                id
                location { id name }
                quantities(names: ${JSON.stringify(quantityNames)}) { name quantity updatedAt }
              }
            }
          }
        }
      }
    }
  }
}`;

/**
 * Every variant and every level of the shop through one bulk export. A level line names its
 * parent by `__parentId`: the variant (Shopify's closest parent in a connection), or the
 * inventory item, so both are looked up. Variants come before their levels in the file.
 */
export async function* exportInventory(
  client: ShopifyAdminClient,
  options: {
    pollMs?: number;
    sleep?: (ms: number) => Promise<void>;
    onBulkProgress?: (p: BulkProgress) => void;
  } = {},
): AsyncGenerator<ExportRecord> {
  const operation = await runBulkQuery(client, INVENTORY_EXPORT_QUERY, {
    pollMs: options.pollMs,
    sleep: options.sleep,
    onProgress: options.onBulkProgress,
  });
  if (!operation.url) return;

  const variants = new Map<string, ExportedVariant>();
  for await (const line of readBulkLines(operation.url)) {
    const parent = typeof line['__parentId'] === 'string' ? line['__parentId'] : null;

    if (parent === null) {
      const variant = toVariant(line);
      if (!variant) continue;
      variants.set(String(line['id']), variant);
      variants.set(`item:${variant.shopifyItemId}`, variant);
      yield { kind: 'variant', variant };
      continue;
    }

    const owner = variants.get(parent) ?? variants.get(`item:${numericId(parent) ?? ''}`);
    const read = owner ? toLevelRead(owner, line) : null;
    if (read) yield { kind: 'level', read };
  }
}
