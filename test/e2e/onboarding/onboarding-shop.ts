import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { startShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import type { ShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import { systemClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { staticAccessToken } from '../../../src/sources/shopify/access-token-provider.js';
import { ShopifyAdminClient } from '../../../src/sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../../src/storage/storage.js';

const TOKEN = 'shpat_onboarding_token';

/** A sandbox shop without trueshelf's server: the import is driven by the test itself. */
export async function startOnboardingShop(): Promise<{
  sandbox: ShopifySandbox;
  client: ShopifyAdminClient;
}> {
  const sandbox = await startShopifySandbox({
    shop: 'onboarding.myshopify.com',
    accessToken: TOKEN,
    webhookSecret: 'onboarding-secret',
    seed: 3,
    restoreRatePerSecond: 1_000,
  });
  const client = new ShopifyAdminClient({
    shop: 'onboarding.myshopify.com',
    adminOrigin: sandbox.url,
    apiVersion: '2026-04',
    tokens: staticAccessToken(TOKEN),
    metrics: new Metrics(),
    logger: silentLogger(),
    clock: systemClock,
    pointsPerSecond: 1_000,
  });
  return { sandbox, client };
}

/** Every level the mirror holds, keyed `shopifyItemId|shopifyLocationId`, all eight states. */
export async function mirrorLevels(storage: Storage): Promise<Map<string, Record<string, number>>> {
  const rows = await storage.db
    .selectFrom('levels')
    .innerJoin('items', 'items.id', 'levels.item_id')
    .innerJoin('locations', 'locations.handle', 'levels.location_handle')
    .selectAll('levels')
    .select([
      'items.shopify_inventory_item_id as itemId',
      'locations.shopify_location_id as locationId',
    ])
    .execute();
  const levels = new Map<string, Record<string, number>>();
  for (const row of rows) {
    levels.set(`${row.itemId}|${row.locationId}`, {
      available: row.available,
      committed: row.committed,
      reserved: row.reserved,
      safety_stock: row.safety_stock,
      damaged: row.damaged,
      quality_control: row.quality_control,
      on_hand: row.on_hand,
      incoming: row.incoming,
    });
  }
  return levels;
}

/** Every level the sandbox holds, in the same shape. */
export function sandboxLevels(sandbox: ShopifySandbox): Map<string, Record<string, number>> {
  return new Map(
    sandbox.store
      .levels()
      .map((l) => [`${l.inventoryItemId}|${l.locationId}`, { ...l.quantities }]),
  );
}
