import { readLevels } from '../../sources/shopify/read-levels.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';

export interface ShopifyLevelRef {
  readonly shopifyItemId: string;
  readonly shopifyLocationId: string;
}

/**
 * A fresh read of Shopify's on hand, to tell a missed signal from a real difference. A level
 * asked for and absent from the answer is one Shopify no longer stocks: on hand 0.
 */
export interface ShopifyOnHandReader {
  readOnHand(levels: readonly ShopifyLevelRef[]): Promise<ReadonlyMap<string, number>>;
}

export function shopifyLevelKey(level: ShopifyLevelRef): string {
  return `${level.shopifyItemId}@${level.shopifyLocationId}`;
}

/** The reader over the Admin API, many levels per query (each query costs points). */
export function shopifyAdminOnHandReader(
  client: ShopifyAdminClient,
  levelsPerQuery = 50,
): ShopifyOnHandReader {
  return {
    readOnHand: async (levels) => {
      const onHand = new Map<string, number>();
      for (let start = 0; start < levels.length; start += levelsPerQuery) {
        const { reads } = await readLevels(client, levels.slice(start, start + levelsPerQuery));
        for (const read of reads) onHand.set(shopifyLevelKey(read), read.quantities.on_hand);
      }
      return onHand;
    },
  };
}
